//! Invoices (`/shop/invoices/`): the filtered, sorted list, and changes to
//! several invoices at once (group, courier, status).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::envelope::param;
use super::goods::{Line, display, raw};
use super::{Cents, State, seed, shop_data};

/// The invoice list's largest page.
const MAX_PER_PAGE: usize = 20;

#[derive(Debug, Clone)]
pub(super) struct Invoice {
    pub(super) id: u64,
    pub(super) hash: String,
    pub(super) uid: u64,
    pub(super) user: String,
    pub(super) lines: Vec<Line>,
    pub(super) payment_id: u64,
    pub(super) delivery_id: u64,
    pub(super) fields: BTreeMap<u64, String>,
    pub(super) hide: u64,
    pub(super) status: u64,
    pub(super) courier: String,
    pub(super) add_date: u64,
    pub(super) mod_date: u64,
    pub(super) note: String,
    pub(super) journal: String,
}

impl State {
    pub(super) fn invoice_json(&self, invoice: &Invoice) -> Value {
        let amount = invoice_amount(invoice);
        json!({
            "id": invoice.id.to_string(),
            "nom": format!("{:05}", invoice.id),
            "order_hash": invoice.hash,
            "uid": invoice.uid.to_string(),
            "user": invoice.user,
            "akey": format!("{:032x}", invoice.id),
            "cnt": invoice.lines.iter().map(|l| l.cnt).sum::<u64>().to_string(),
            "amount": format!("{}.{:02}", amount / 100, amount % 100),
            "profit": format!("{}.{:02}", amount / 100, amount % 100),
            "discount": {"sum": "0.00"},
            "currency": {"id": "1", "rate": "1"},
            "payment": {"id": invoice.payment_id.to_string(), "topay": display(amount)},
            "delivery": {"id": invoice.delivery_id.to_string(), "tax": "0.00", "courier": invoice.courier, "delivery_date": "0"},
            "fields": invoice.fields.iter().map(|(k, v)| (k.to_string(), Value::from(v.clone()))).collect::<Map<_, _>>(),
            "hide": invoice.hide.to_string(),
            "status": invoice.status.to_string(),
            "add_date": invoice.add_date.to_string(),
            "mod_date": invoice.mod_date.to_string(),
            "rem": invoice.journal,
            "note": invoice.note,
            "ip": "127.0.0.1",
        })
    }

    pub(super) fn invoices(&self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key);
        let number = |key: &str, default: usize| -> Result<usize, String> {
            get(key).map_or(Ok(default), |v| {
                v.parse().map_err(|_| format!("{key}: not a number"))
            })
        };
        let page = number("page", 1)?.max(1);
        let per_page = number("per_page", MAX_PER_PAGE)?;
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err("per_page: от 1 до 20".into());
        }
        let ids: Option<Vec<u64>> = get("id").map(|ids| {
            ids.split(',')
                .filter_map(|i| i.trim().parse().ok())
                .collect()
        });
        let mut matching: Vec<&Invoice> = self
            .invoices
            .iter()
            .filter(|i| ids.as_ref().is_none_or(|ids| ids.contains(&i.id)))
            .filter(|i| get("status").is_none_or(|s| s == i.status.to_string()))
            .filter(|i| get("hide").is_none_or(|h| h == i.hide.to_string()))
            .filter(|i| get("courier").is_none_or(|c| c == i.courier))
            .filter(|i| get("payment").is_none_or(|p| p == i.payment_id.to_string()))
            .filter(|i| get("delivery").is_none_or(|d| d == i.delivery_id.to_string()))
            .filter(|i| {
                get("inv_sum").is_none_or(|range| {
                    let (a, b) = range.split_once('|').unwrap_or((range, range));
                    let amount = invoice_amount(i);
                    crate::amounts::parse_cents(a).is_some_and(|a| amount >= a)
                        && crate::amounts::parse_cents(b).is_some_and(|b| amount <= b)
                })
            })
            .collect();
        let descending = get("order") == Some("desc");
        match get("sort").unwrap_or("id") {
            "amount" => matching.sort_by_key(|i| invoice_amount(i)),
            "status" => matching.sort_by_key(|i| i.status),
            "add_date" => matching.sort_by_key(|i| i.add_date),
            _ => matching.sort_by_key(|i| i.id),
        }
        if descending {
            matching.reverse();
        }
        let count = matching.len();
        let pages = count.div_ceil(per_page).max(1);
        let shown: Vec<Value> = matching
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|i| self.invoice_json(i))
            .collect();
        let total: Cents = matching.iter().map(|i| invoice_amount(i)).sum();
        Ok(json!({
            "orders": shown,
            "count": count.to_string(),
            "page": page,
            "pages_cnt": pages,
            "per_page": per_page.to_string(),
            "total": raw(total),
            "profit": format!("{}.{:02}", total / 100, total % 100),
            "order_status": shop_data::statuses(),
            "order_hide": shop_data::groups(),
            "order_uids": ["1"],
        }))
    }

    pub(super) fn set_many(
        &mut self,
        params: &[(String, String)],
        mode: &str,
    ) -> Result<Value, String> {
        let get = |key: &str| param(params, key);
        let ids: Vec<u64> = get("ids")
            .unwrap_or_default()
            .split(',')
            .filter_map(|i| i.trim().parse().ok())
            .collect();
        if ids.is_empty()
            || !ids
                .iter()
                .all(|id| self.invoices.iter().any(|i| i.id == *id))
        {
            return Err("Заказы не найдены".into());
        }
        let value = match mode {
            "hide" => get("hide").unwrap_or("0"),
            "status" => get("status").unwrap_or("0"),
            _ => get("group_courier").unwrap_or_default(),
        };
        if mode != "setCourier" && value.parse::<u64>().is_err() {
            return Err(format!("{mode}: не число"));
        }
        self.tick += 1;
        let now = seed::NOW + self.tick;
        for invoice in self.invoices.iter_mut().filter(|i| ids.contains(&i.id)) {
            match mode {
                "hide" => invoice.hide = value.parse().unwrap_or(0),
                "status" => invoice.status = value.parse().unwrap_or(0),
                _ => invoice.courier = value.to_owned(),
            }
            invoice.mod_date = now;
        }
        let list = ids
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        Ok(json!({ "msg": match mode {
            "hide" => "Заказ(ы) перенесены ...".to_owned(),
            "status" => format!("Для заказа(ов) {list} статус установлен"),
            _ => format!("Для заказа(ов) {list} курьер {value} установлен"),
        }}))
    }
}

pub(super) fn invoice_amount(invoice: &Invoice) -> Cents {
    invoice.lines.iter().map(|l| l.price * l.cnt as i64).sum()
}
