//! Checkout (`/shop/checkout/`): the unplaced order, recalculated, changed
//! and placed as a new invoice.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::goods::{Line, display, pair, raw};
use super::invoices::Invoice;
use super::{Cents, State, seed, shop_data};

#[derive(Debug, Clone)]
pub(super) struct Basket {
    pub(super) lines: Vec<Line>,
    pub(super) payment_id: u64,
    pub(super) delivery_id: u64,
    pub(super) fields: BTreeMap<u64, String>,
}

impl State {
    pub(super) fn checkout(&self) -> Value {
        if self.basket.lines.is_empty() {
            return json!({"msg": "Ваша корзина пуста"});
        }
        let goods: Map<String, Value> = self
            .basket
            .lines
            .iter()
            .map(|l| (l.record.to_string(), self.line_json(l, false)))
            .collect();
        let amount: Cents = self
            .basket
            .lines
            .iter()
            .map(|l| l.price * l.cnt as i64)
            .sum();
        let fields: Map<String, Value> = shop_data::order_fields()
            .into_iter()
            .map(|(n, name, kind)| {
                let value = self.basket.fields.get(&n).cloned().unwrap_or_default();
                (
                    n.to_string(),
                    json!({"name": name, "type": kind, "required": 1, "pos": n, "sel_val": value}),
                )
            })
            .collect();
        json!({
            "num_entries": self.basket.lines.len(),
            "order_content": {
                "order_goods": goods,
                "order_goods_fields": {"name": {"name": "Наименование", "pos": 4}, "price": {"name": "Цена", "pos": 14}},
            },
            "order_fields": fields,
            "order_data": {
                "order_info": "",
                "order_notice": {"notice": "", "notice_err": ""},
                "order_uid": "1",
                "order_weight": {"weight": "0.00", "weight_raw": 0},
                "order_amount": pair("amount", amount),
                "order_tax": {"tax": 0, "tax_raw": 0},
                "order_total": pair("total", amount),
                "order_vat": {"vat": 0, "vat_raw": 0, "vat_type": "0"},
                "order_discount": {"discount": 0, "discount_raw": 0},
                "order_topay": {"topay": display(amount), "topay_curr": display(amount), "topay_raw": raw(amount)},
            },
            "payment_list": shop_data::payments(),
            "current_payment_id": self.basket.payment_id,
            "delivery_list": shop_data::deliveries(),
            "current_delivery_id": self.basket.delivery_id,
        })
    }

    pub(super) fn recalc(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        for (key, value) in params {
            if let Some(record) = key.strip_prefix("cnt_").and_then(|r| r.parse::<u64>().ok()) {
                let cnt = value
                    .parse::<u64>()
                    .map_err(|_| format!("{key}: not a count"))?;
                let line = self
                    .basket
                    .lines
                    .iter_mut()
                    .find(|l| l.record == record)
                    .ok_or(format!("{key}: no such record"))?;
                line.cnt = cnt;
            } else if let Some(record) =
                key.strip_prefix("del_").and_then(|r| r.parse::<u64>().ok())
            {
                self.basket.lines.retain(|l| l.record != record);
            }
        }
        self.basket.lines.retain(|l| l.cnt > 0);
        Ok(self.checkout())
    }

    pub(super) fn apply_choices(&mut self, params: &[(String, String)]) -> Result<(), String> {
        for (key, value) in params {
            match key.as_str() {
                "payment_id" => {
                    let id: u64 = value
                        .parse()
                        .map_err(|_| "payment_id: not an id".to_owned())?;
                    if !shop_data::payments().contains_key(&id.to_string()) {
                        return Err("Неизвестный способ оплаты".into());
                    }
                    self.basket.payment_id = id;
                }
                "delivery_id" => {
                    let id: u64 = value
                        .parse()
                        .map_err(|_| "delivery_id: not an id".to_owned())?;
                    if !shop_data::deliveries().contains_key(&id.to_string()) {
                        return Err("Неизвестный способ доставки".into());
                    }
                    self.basket.delivery_id = id;
                }
                _ => {
                    if let Some(n) = key.strip_prefix("fld").and_then(|n| n.parse::<u64>().ok()) {
                        self.basket.fields.insert(n, value.clone());
                    }
                }
            }
        }
        Ok(())
    }

    pub(super) fn change(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        self.apply_choices(params)?;
        Ok(self.checkout())
    }

    pub(super) fn place(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        if self.basket.lines.is_empty() {
            return Err("Ваша корзина пуста".into());
        }
        self.apply_choices(params)?;
        for (n, name, _) in shop_data::order_fields() {
            if self
                .basket
                .fields
                .get(&n)
                .is_none_or(|v| v.trim().is_empty())
            {
                return Err(format!("Не заполнено обязательное поле \"{name}\""));
            }
        }
        self.tick += 1;
        let id = self.invoices.iter().map(|i| i.id).max().unwrap_or(0) + 1;
        let now = seed::NOW + self.tick;
        let basket = std::mem::replace(
            &mut self.basket,
            Basket {
                lines: Vec::new(),
                payment_id: 1,
                delivery_id: 1,
                fields: BTreeMap::new(),
            },
        );
        self.invoices.push(Invoice {
            id,
            hash: format!("UqEmUlAtOr{id:05}%3Boo"),
            uid: 1,
            user: "Tom".into(),
            lines: basket.lines,
            payment_id: basket.payment_id,
            delivery_id: basket.delivery_id,
            fields: basket.fields,
            hide: 0,
            status: 0,
            courier: String::new(),
            add_date: now,
            mod_date: now,
            note: String::new(),
            journal: "Пользователь Tom оформил заказ\n".into(),
        });
        Ok(json!({"msg": "Ваш заказ успешно оформлен"}))
    }
}
