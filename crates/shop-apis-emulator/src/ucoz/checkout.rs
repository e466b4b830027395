//! Checkout (`/shop/checkout/`): the unplaced order, recalculated, changed
//! and placed as a new invoice.
//!
//! The basket is a guest's (`order_uid` 0), as a storefront checking a
//! visitor out through the site's token would have it, so that placing it
//! with `shop_autoreg=1` registers the guest (seed line 348).
//!
//! What the document leaves to the shop's settings, decided here:
//! - `promo_code` (seed line 19) applies one of [`shop_data::PROMO_CODES`] to
//!   the unplaced order until it is placed: a percent of the goods, shown as
//!   `order_discount` and taken off `order_topay` (seed lines 86-87), and
//!   written to the invoice's `discount` (seed line 437). An unknown code
//!   removes any code applied and says so in `order_notice.notice_err`; an
//!   empty one removes it silently.
//! - `custom_delivery_tax` (seed lines 20, 235, 347) is kept with the order
//!   and counted only while the delivery method is one whose charge comes
//!   from the external calculator ([`shop_data::external_calculator`]):
//!   `order_tax`, added to `order_total` and `order_topay` (seed lines 83-84).
//! - `gmap_a`, `gmap_s`, `gmap_d` (seed lines 232-234) fill the form's
//!   `gmaps` field: `addr`, `lat`, `lng` in `order_fields` (seed lines 72-74),
//!   and the invoice's `fields` and `map` (seed line 443).
//! - `shop_autoreg=1` with an e-mail in the form's e-mail field registers the
//!   guest when the order is placed: a new user, logged in by the part of the
//!   address before `@` (with the new id after it if that login is taken),
//!   or the user registered before with that address. Without an e-mail, or
//!   without `shop_autoreg=1`, the order stays a guest's (uid 0, no login).

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::goods::{Line, Totals, amount, pair, pair_or_zero, topay};
use super::invoices::Invoice;
use super::shop_data::{EMAIL_FIELD, MAP_FIELD, PROMO_CODES};
use super::{Cents, State, seed, shop_data};

/// A `gmaps` field's point, latitude and longitude as given (the address is
/// the field's value).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Point {
    pub(super) lat: String,
    pub(super) lng: String,
}

#[derive(Debug, Clone)]
pub(super) struct Basket {
    pub(super) lines: Vec<Line>,
    pub(super) payment_id: u64,
    pub(super) delivery_id: u64,
    pub(super) fields: BTreeMap<u64, String>,
    /// The point of the `gmaps` field.
    pub(super) point: Point,
    /// The promo code applied.
    pub(super) promo: Option<&'static str>,
    /// The delivery charge given by `custom_delivery_tax`.
    pub(super) custom_tax: Option<Cents>,
}

impl Default for Basket {
    fn default() -> Self {
        Basket {
            lines: Vec::new(),
            payment_id: 1,
            delivery_id: 1,
            fields: BTreeMap::new(),
            point: Point::default(),
            promo: None,
            custom_tax: None,
        }
    }
}

/// The percent and kind of a promo code.
pub(super) fn promo_terms(code: &str) -> Option<(i64, &'static str)> {
    PROMO_CODES
        .iter()
        .find(|(known, _, _)| *known == code)
        .map(|(_, percent, group)| (*percent, *group))
}

impl Basket {
    fn totals(&self) -> Totals {
        let amount = amount(&self.lines);
        let tax = if shop_data::external_calculator(self.delivery_id) {
            self.custom_tax.unwrap_or(0)
        } else {
            0
        };
        let percent = self.promo.and_then(promo_terms).map_or(0, |(p, _)| p);
        Totals {
            amount,
            tax,
            discount: amount * percent / 100,
        }
    }
}

impl State {
    /// `GET /shop/checkout/`: applies `promo_code` and `custom_delivery_tax`
    /// when given, then shows the unplaced order.
    pub(super) fn view_checkout(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        self.take_tax(params)?;
        let mut notice_err = "";
        if let Some((_, code)) = params.iter().find(|(k, _)| k == "promo_code") {
            self.basket.promo = PROMO_CODES
                .iter()
                .find(|(known, _, _)| known == code)
                .map(|(known, _, _)| *known);
            if self.basket.promo.is_none() && !code.is_empty() {
                notice_err = "Промокод не найден";
            }
        }
        Ok(self.checkout_with(notice_err))
    }

    pub(super) fn checkout(&self) -> Value {
        self.checkout_with("")
    }

    fn checkout_with(&self, notice_err: &str) -> Value {
        if self.basket.lines.is_empty() {
            return json!({"msg": "Ваша корзина пуста"});
        }
        let goods: Map<String, Value> = self
            .basket
            .lines
            .iter()
            .map(|l| (l.record.to_string(), self.line_json(l, false)))
            .collect();
        let totals = self.basket.totals();
        let fields: Map<String, Value> = shop_data::order_fields()
            .into_iter()
            .map(|f| {
                let value = self.basket.fields.get(&f.n).cloned().unwrap_or_default();
                let mut field = json!({"name": f.name, "type": f.kind, "required": u8::from(f.required), "pos": f.n});
                match f.kind {
                    // No `sel_val` for a map; its parts instead (seed lines 68, 72-74).
                    "gmaps" => {
                        field["addr"] = value.into();
                        field["lat"] = self.basket.point.lat.clone().into();
                        field["lng"] = self.basket.point.lng.clone().into();
                    }
                    // The shop registers guests and lets them refuse (seed lines 69-70).
                    "email" => {
                        field["sel_val"] = value.into();
                        field["autoreg"] = 1.into();
                        field["autoreg_reject"] = 1.into();
                    }
                    _ => field["sel_val"] = value.into(),
                }
                (f.n.to_string(), field)
            })
            .collect();
        let mut answer = json!({
            "num_entries": self.basket.lines.len(),
            "order_content": {
                "order_goods": goods,
                "order_goods_fields": {"name": {"name": "Наименование", "pos": 4}, "price": {"name": "Цена", "pos": 14}},
            },
            "order_fields": fields,
            "order_data": {
                "order_info": "",
                "order_notice": {"notice": "", "notice_err": notice_err},
                "order_uid": "0",
                "order_weight": {"weight": "0.00", "weight_raw": 0},
                "order_amount": pair("amount", totals.amount),
                "order_tax": pair_or_zero("tax", totals.tax),
                "order_total": pair("total", totals.total()),
                "order_vat": {"vat": 0, "vat_raw": 0, "vat_type": "0"},
                "order_discount": pair_or_zero("discount", totals.discount),
                "order_topay": topay(totals.topay()),
            },
            "payment_list": shop_data::payments(),
            "current_payment_id": self.basket.payment_id,
            "delivery_list": shop_data::deliveries(),
            "current_delivery_id": self.basket.delivery_id,
        });
        // "order_tax – такса за доставку заказа, если она задана в текущем
        // способе доставки" (seed line 83): no charge, no `order_tax`.
        if totals.tax == 0 {
            answer["order_data"]
                .as_object_mut()
                .map(|d| d.remove("order_tax"));
        }
        answer
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

    /// `custom_delivery_tax`, kept with the order: an amount, not negative.
    fn take_tax(&mut self, params: &[(String, String)]) -> Result<(), String> {
        if let Some((_, tax)) = params.iter().find(|(k, _)| k == "custom_delivery_tax") {
            let tax = crate::amounts::parse_cents(tax)
                .filter(|t| *t >= 0)
                .ok_or("custom_delivery_tax: не сумма")?;
            self.basket.custom_tax = Some(tax);
        }
        Ok(())
    }

    pub(super) fn apply_choices(&mut self, params: &[(String, String)]) -> Result<(), String> {
        self.take_tax(params)?;
        // An address comes with its point or has none.
        if params.iter().any(|(k, _)| k == "gmap_a") {
            self.basket.point = Point::default();
        }
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
                "gmap_a" => {
                    self.basket.fields.insert(MAP_FIELD, value.clone());
                }
                "gmap_s" => self.basket.point.lat = value.clone(),
                "gmap_d" => self.basket.point.lng = value.clone(),
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
        for field in shop_data::order_fields().into_iter().filter(|f| f.required) {
            if self
                .basket
                .fields
                .get(&field.n)
                .is_none_or(|v| v.trim().is_empty())
            {
                return Err(format!("Не заполнено обязательное поле \"{}\"", field.name));
            }
        }
        let register = params.iter().any(|(k, v)| k == "shop_autoreg" && v == "1");
        let email = self
            .basket
            .fields
            .get(&EMAIL_FIELD)
            .map(|e| e.trim().to_owned())
            .filter(|e| !e.is_empty());
        let (uid, user) = match email {
            Some(email) if register => self.register(&email)?,
            _ => (0, String::new()),
        };
        self.tick += 1;
        let id = self.invoices.iter().map(|i| i.id).max().unwrap_or(0) + 1;
        let now = seed::NOW + self.tick;
        let totals = self.basket.totals();
        let basket = std::mem::take(&mut self.basket);
        let journal = if user.is_empty() {
            "Пользователь оформил заказ\n".to_owned()
        } else {
            format!("Пользователь {user} оформил заказ\n")
        };
        self.invoices.push(Invoice {
            id,
            hash: format!("UqEmUlAtOr{id:05}%3Boo"),
            uid,
            user,
            lines: basket.lines,
            payment_id: basket.payment_id,
            delivery_id: basket.delivery_id,
            fields: basket.fields,
            point: basket.point,
            hide: 0,
            status: 0,
            courier: String::new(),
            add_date: now,
            mod_date: now,
            delivery_date: 0,
            tax: totals.tax,
            discount: totals.discount,
            promo: basket.promo,
            note: String::new(),
            journal,
            ip: "127.0.0.1".into(),
            vat_and_profit: false,
        });
        Ok(json!({"msg": "Ваш заказ успешно оформлен"}))
    }

    /// The user registered with `email`, or a new one: its id and login.
    fn register(&mut self, email: &str) -> Result<(u64, String), String> {
        if let Some(user) = self.users.iter().find(|u| u.email == email) {
            return Ok((user.id, user.login.clone()));
        }
        let login = email
            .split_once('@')
            .map(|(local, _)| local)
            .filter(|local| !local.is_empty())
            .ok_or("Неверный формат E-mail")?;
        let id = self.users.iter().map(|u| u.id).max().unwrap_or(0) + 1;
        let taken = self.users.iter().any(|u| u.login == login);
        let login = if taken {
            format!("{login}{id}")
        } else {
            login.to_owned()
        };
        self.users.push(super::User {
            id,
            login: login.clone(),
            email: email.to_owned(),
        });
        Ok((id, login))
    }
}
