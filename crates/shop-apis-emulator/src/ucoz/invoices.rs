//! Invoices (`/shop/invoices/`): the filtered, sorted list, and changes to
//! several invoices at once (group, courier, status).

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::checkout::{Point, promo_terms};
use super::dates::Period;
use super::envelope::param;
use super::goods::{Line, Totals, amount, decimal, display, raw};
use super::shop_data::MAP_FIELD;
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
    /// The point of the `gmaps` field, whose address is in `fields`.
    pub(super) point: Point,
    pub(super) hide: u64,
    pub(super) status: u64,
    pub(super) courier: String,
    pub(super) add_date: u64,
    pub(super) mod_date: u64,
    /// When it is to be delivered (Unix seconds); 0 for no date.
    pub(super) delivery_date: u64,
    /// The delivery charge.
    pub(super) tax: Cents,
    /// The discount of its promo code.
    pub(super) discount: Cents,
    pub(super) promo: Option<&'static str>,
    pub(super) note: String,
    pub(super) journal: String,
    /// Where the order was placed from.
    pub(super) ip: String,
    /// Whether its shop shows VAT and profit (`order_vat`, `order_profit`):
    /// the document's own examples do; the emulator's other orders come from
    /// a shop with both settings off, and their details leave them out.
    pub(super) vat_and_profit: bool,
}

impl Invoice {
    pub(super) fn totals(&self) -> Totals {
        Totals {
            amount: amount(&self.lines),
            tax: self.tax,
            discount: self.discount,
        }
    }

    fn count(&self) -> u64 {
        self.lines.iter().map(|l| l.cnt).sum()
    }
}

/// How the list is sorted: `sort` (seed lines 371-380), each named after
/// the answer's field it orders by (`user` the login, `mod_time` the
/// `mod_date`), `id` when absent or unknown; `order=desc` reverses it (seed
/// lines 381-384). Ties keep the order of ids, ascending either way.
fn by(field: &str, a: &Invoice, b: &Invoice) -> Ordering {
    match field {
        "user" => a.user.cmp(&b.user),
        "cnt" => a.count().cmp(&b.count()),
        "amount" => amount(&a.lines).cmp(&amount(&b.lines)),
        "status" => a.status.cmp(&b.status),
        "add_date" => a.add_date.cmp(&b.add_date),
        "mod_time" => a.mod_date.cmp(&b.mod_date),
        "payment_id" => a.payment_id.cmp(&b.payment_id),
        "delivery_id" => a.delivery_id.cmp(&b.delivery_id),
        _ => a.id.cmp(&b.id),
    }
}

impl State {
    pub(super) fn invoice_json(&self, invoice: &Invoice) -> Value {
        let totals = invoice.totals();
        let mut discount = json!({"sum": decimal(totals.discount)});
        if let Some(code) = invoice.promo {
            discount["promo_code"] = code.into();
            discount["promo_group"] = promo_terms(code).map_or("", |(_, group)| group).into();
        }
        let address = invoice.fields.get(&MAP_FIELD).cloned().unwrap_or_default();
        json!({
            "id": invoice.id.to_string(),
            "nom": format!("{:05}", invoice.id),
            "order_hash": invoice.hash,
            "uid": invoice.uid.to_string(),
            "user": invoice.user,
            "akey": format!("{:032x}", invoice.id),
            "cnt": invoice.count().to_string(),
            "amount": decimal(totals.amount),
            "profit": decimal(totals.amount),
            "discount": discount,
            "currency": {"id": "1", "rate": "1"},
            "payment": {"id": invoice.payment_id.to_string(), "topay": display(totals.topay())},
            "delivery": {"id": invoice.delivery_id.to_string(), "tax": decimal(totals.tax), "courier": invoice.courier, "delivery_date": invoice.delivery_date.to_string()},
            "fields": invoice.fields.iter().map(|(k, v)| (k.to_string(), Value::from(v.clone()))).collect::<Map<_, _>>(),
            // The form has a `gmaps` field, so every invoice has the section (seed line 443).
            "map": {"address": address, "latitude": invoice.point.lat, "longitude": invoice.point.lng},
            "hide": invoice.hide.to_string(),
            "status": invoice.status.to_string(),
            "add_date": invoice.add_date.to_string(),
            "mod_date": invoice.mod_date.to_string(),
            "rem": invoice.journal,
            "note": invoice.note,
            "ip": invoice.ip,
        })
    }

    /// `GET /shop/invoices/`, every filter of seed lines 385-408.
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
        // The user's id; the emulator's token is an administrator's, whom the
        // document lets filter by user (seed line 385).
        let user: Option<u64> = get("user")
            .map(|u| u.parse().map_err(|_| "user: not a number".to_owned()))
            .transpose()?;
        let added = get("date")
            .map(|d| Period::parse("date", d))
            .transpose()?
            .flatten();
        // The delivery date falls in the period; an invoice without one
        // never does (seed line 404).
        let delivered = get("cdate")
            .map(|d| Period::parse("cdate", d))
            .transpose()?
            .flatten();
        let mut matching: Vec<&Invoice> = self
            .invoices
            .iter()
            .filter(|i| ids.as_ref().is_none_or(|ids| ids.contains(&i.id)))
            .filter(|i| user.is_none_or(|u| u == i.uid))
            .filter(|i| get("status").is_none_or(|s| s == i.status.to_string()))
            .filter(|i| get("hide").is_none_or(|h| h == i.hide.to_string()))
            .filter(|i| get("courier").is_none_or(|c| c == i.courier))
            .filter(|i| get("payment").is_none_or(|p| p == i.payment_id.to_string()))
            .filter(|i| get("delivery").is_none_or(|d| d == i.delivery_id.to_string()))
            .filter(|i| {
                get("inv_sum").is_none_or(|range| {
                    let (a, b) = range.split_once('|').unwrap_or((range, range));
                    let amount = amount(&i.lines);
                    crate::amounts::parse_cents(a).is_some_and(|a| amount >= a)
                        && crate::amounts::parse_cents(b).is_some_and(|b| amount <= b)
                })
            })
            .filter(|i| added.is_none_or(|p| p.contains(i.add_date)))
            .filter(|i| {
                delivered.is_none_or(|p| i.delivery_date != 0 && p.contains(i.delivery_date))
            })
            .collect();
        let field = get("sort").unwrap_or("id");
        let descending = get("order") == Some("desc");
        matching.sort_by(|a, b| {
            let order = by(field, a, b);
            let order = if descending { order.reverse() } else { order };
            order.then(a.id.cmp(&b.id))
        });
        let count = matching.len();
        let pages = count.div_ceil(per_page).max(1);
        let shown: Vec<Value> = matching
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|i| self.invoice_json(i))
            .collect();
        let total: Cents = matching.iter().map(|i| amount(&i.lines)).sum();
        // The users whose orders matched (seed line 418).
        let uids: BTreeSet<u64> = matching.iter().map(|i| i.uid).collect();
        Ok(json!({
            "orders": shown,
            "count": count.to_string(),
            "page": page,
            "pages_cnt": pages,
            "per_page": per_page.to_string(),
            "total": raw(total),
            "profit": decimal(total),
            "order_status": shop_data::statuses(),
            "order_hide": shop_data::groups(),
            "order_uids": uids.iter().map(u64::to_string).collect::<Vec<_>>(),
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
