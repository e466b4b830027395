//! Qnits (`000_616629dbc4c695c5.txt`): `POST /api` with the method `CreateOrder`.
//!
//! Decisions where the document is silent (rows in `docs/quirks.md`):
//! - wrong `token` or `qnit_id`: 400 with `errors`, like any other bad input,
//!   since the credentials travel in the body and the document names only 201
//!   and 400 (Q14);
//! - the same `external_id` again: 201 with the first order's `order_id` and
//!   `order_url`; no second order is made (Q15). A real server may refuse
//!   it instead: [`Qnits::refuse_repeats`] switches to a 400 that says so;
//! - `order_id` is sent as a JSON number, as the document's table types it.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::{Map, Value, json};

use crate::server::{ApiRequest, Reply};

/// The emulator's `qnit_id`.
pub const QNIT_ID: u64 = 1;
/// The emulator's token.
pub const TOKEN: &str = "541c4a59bdad87039c7ae8df6af14785caf7526f01a613f5bd894d615ee811e5";
/// The first order number given out.
const FIRST_ORDER_ID: u64 = 100_001;

/// An order the emulator accepted.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct StoredOrder {
    /// The number given to it.
    pub order_id: u64,
    /// The storefront's id of it.
    pub external_id: String,
    /// The `params` object as received.
    pub params: Value,
}

#[derive(Debug, Default)]
struct State {
    orders: Vec<StoredOrder>,
    by_external_id: HashMap<String, usize>,
}

/// The Qnits API's state.
#[derive(Debug, Default)]
pub struct Qnits {
    state: Mutex<State>,
    refuse_repeats: AtomicBool,
}

impl Qnits {
    pub(crate) fn new() -> Self {
        Qnits::default()
    }

    /// The `qnit_id` requests must carry.
    pub fn qnit_id(&self) -> u64 {
        QNIT_ID
    }

    /// The token requests must carry.
    pub fn token(&self) -> &'static str {
        TOKEN
    }

    /// Answer a repeated `external_id` with a 400 refusal rather than the
    /// first order, as a stricter server may (Q15); off by default.
    ///
    /// ```
    /// let emulator = shop_apis_emulator::Emulator::start_in_background()?;
    /// emulator.qnits().refuse_repeats(true);
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn refuse_repeats(&self, refuse: bool) {
        self.refuse_repeats.store(refuse, Ordering::Relaxed);
    }

    /// Replaces the person's data of every order received so far (its
    /// `name`, `phone`, `address` and `comment`) with values from `make`.
    pub(crate) fn fill_personal(&self, make: &mut dyn FnMut(crate::Personal) -> String) {
        use crate::Personal;
        let mut state = self.state.lock().unwrap();
        for order in &mut state.orders {
            let Some(params) = order.params.as_object_mut() else {
                continue;
            };
            for (key, kind) in [
                ("name", Personal::Name),
                ("phone", Personal::Phone),
                ("address", Personal::Address),
                ("comment", Personal::Note),
            ] {
                if let Some(value) = params.get_mut(key) {
                    *value = make(kind).into();
                }
            }
        }
    }

    /// Every order accepted, in order.
    pub fn orders(&self) -> Vec<StoredOrder> {
        self.state.lock().unwrap().orders.clone()
    }

    pub(crate) fn handle(&self, request: &ApiRequest<'_>, base_url: &str) -> Reply {
        if request.path.trim_end_matches('/') != "/api" {
            return Reply::text(404, "Not Found");
        }
        if request.method != http::Method::POST {
            return Reply::text(405, "Method Not Allowed");
        }
        let Ok(Value::Object(call)) = serde_json::from_slice::<Value>(request.body) else {
            return refuse(vec!["Некорректный JSON в теле запроса".into()]);
        };
        let qnit_id_ok = match call.get("qnit_id") {
            Some(Value::Number(n)) => n.as_u64() == Some(QNIT_ID),
            Some(Value::String(s)) => s.parse::<u64>().ok() == Some(QNIT_ID),
            _ => false,
        };
        if !qnit_id_ok || call.get("token").and_then(Value::as_str) != Some(TOKEN) {
            return refuse(vec!["Неверный token или qnit_id".into()]);
        }
        match call.get("method").and_then(Value::as_str) {
            Some("CreateOrder") => {}
            _ => return refuse(vec!["Неизвестный метод".into()]),
        }
        let Some(Value::Object(params)) = call.get("params") else {
            return refuse(vec!["Не переданы параметры (params)".into()]);
        };
        let errors = check(params);
        if !errors.is_empty() {
            return refuse(errors);
        }
        let external_id = match &params["external_id"] {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };

        let mut state = self.state.lock().unwrap();
        let order_id = match state.by_external_id.get(&external_id) {
            Some(_) if self.refuse_repeats.load(Ordering::Relaxed) => {
                return refuse(vec!["Заказ с таким external_id уже существует".into()]);
            }
            Some(&index) => state.orders[index].order_id,
            None => {
                let order_id = FIRST_ORDER_ID + state.orders.len() as u64;
                let index = state.orders.len();
                state.orders.push(StoredOrder {
                    order_id,
                    external_id: external_id.clone(),
                    params: Value::Object(params.clone()),
                });
                state.by_external_id.insert(external_id, index);
                order_id
            }
        };
        Reply::json(
            201,
            &json!({
                "status": "Ок",
                "order_id": order_id,
                "order_url": format!("{base_url}/order/{order_id}"),
            }),
        )
    }
}

fn refuse(errors: Vec<String>) -> Reply {
    Reply::json(400, &json!({ "status": "ERROR", "errors": errors }))
}

/// What the document's parameter table requires, as error messages.
fn check(params: &Map<String, Value>) -> Vec<String> {
    let mut errors = Vec::new();
    for (key, what) in [("name", "имя клиента"), ("phone", "телефон клиента")]
    {
        if !is_filled_text(params.get(key)) {
            errors.push(format!("Не указан {what} ({key})"));
        }
    }
    let external_id_ok = match params.get("external_id") {
        Some(Value::Number(_)) => true,
        other => is_filled_text(other),
    };
    if !external_id_ok {
        errors.push("Не указан идентификатор заказа (external_id)".into());
    }
    for key in ["address", "secondaryPhone", "email", "comments"] {
        if params.get(key).is_some_and(|v| !v.is_string()) {
            errors.push(format!("Поле {key} должно быть строкой"));
        }
    }
    match params.get("products") {
        Some(Value::Array(products)) if !products.is_empty() => {
            for (i, product) in products.iter().enumerate() {
                errors.extend(check_product(i, product));
            }
        }
        _ => errors.push("Не передан список товаров (products)".into()),
    }
    errors
}

fn check_product(index: usize, product: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let Value::Object(product) = product else {
        return vec![format!("Товар №{index}: ожидается объект")];
    };
    if product.get("id").and_then(positive_integer).is_none() {
        errors.push(format!("Товар №{index}: не указан артикул (id)"));
    }
    if product.get("quantity").and_then(positive_integer).is_none() {
        errors.push(format!(
            "Товар №{index}: количество (quantity) должно быть больше нуля"
        ));
    }
    let price_ok = match product.get("price") {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty() || s.parse::<f64>().is_ok_and(|p| p >= 0.0),
        Some(Value::Number(n)) => n.as_f64().is_some_and(|p| p >= 0.0),
        Some(_) => false,
    };
    if !price_ok {
        errors.push(format!("Товар №{index}: некорректная цена (price)"));
    }
    if product.get("name").is_some_and(|v| !v.is_string()) {
        errors.push(format!(
            "Товар №{index}: название (name) должно быть строкой"
        ));
    }
    errors
}

fn is_filled_text(value: Option<&Value>) -> bool {
    value
        .and_then(Value::as_str)
        .is_some_and(|s| !s.trim().is_empty())
}

fn positive_integer(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
    .filter(|n| *n > 0)
}
