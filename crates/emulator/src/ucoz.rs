//! uCoz uAPI (`002_28bf668ad234d1fb.txt`), the "Internet shop" module, under
//! `/ucoz/uapi/shop/…`.
//!
//! Requests are authenticated the way uCoz's helper `uAPImodule.php` signs
//! them, verified here independently of the client: OAuth 1.0a HMAC-SHA1 over
//! the URL as received, the parameters sorted by raw key and encoded with
//! PHP's `urlencode` table (space as `%20`), the key the two secrets joined
//! raw, the signature compared in its once-urlencoded form. A wrong
//! signature, a timestamp more than ten minutes off, or a nonce seen before
//! is refused in the error envelope with 401. A Bearer token is accepted
//! instead.
//!
//! State is seeded like the document's examples (the basket with record 6,
//! invoices 1 and 2, two abandoned baskets, the shop's reference data);
//! checkout walks the basket through recalc and change into a new invoice.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value, json};
use sha1::Sha1;

use crate::server::{ApiRequest, Reply};

mod seed;

/// The emulator's OAuth consumer key.
pub const CONSUMER_KEY: &str = "emulator-consumer-key";
/// The emulator's OAuth consumer secret.
pub const CONSUMER_SECRET: &str = "emulator-consumer-secret";
/// The emulator's OAuth token.
pub const TOKEN: &str = "emulator-token";
/// The emulator's OAuth token secret.
pub const TOKEN_SECRET: &str = "emulator-token-secret";
/// The emulator's Bearer token.
pub const BEARER: &str = "emulator-bearer-token";
/// How far a timestamp may be from the emulator's clock.
const TIMESTAMP_WINDOW: u64 = 600;

/// How many nonces are kept before those of stale requests are dropped.
const NONCES_BEFORE_PRUNING: usize = 4096;
/// The invoice list's largest page.
const MAX_PER_PAGE: usize = 20;

/// PHP's `urlencode` table (space handled apart).
const PHP_URLENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

fn php_encode(text: &str) -> String {
    utf8_percent_encode(text, PHP_URLENCODE).to_string()
}

/// Money in cents.
type Cents = i64;

#[derive(Debug, Clone)]
struct Product {
    id: u64,
    name: String,
    price: Cents,
    price_in: Cents,
    cat: (u64, String),
    art: String,
    brand: String,
}

#[derive(Debug, Clone)]
struct Line {
    record: u64,
    goods_id: u64,
    cnt: u64,
    price: Cents,
}

#[derive(Debug, Clone)]
struct Invoice {
    id: u64,
    hash: String,
    uid: u64,
    user: String,
    lines: Vec<Line>,
    payment_id: u64,
    delivery_id: u64,
    fields: BTreeMap<u64, String>,
    hide: u64,
    status: u64,
    courier: String,
    add_date: u64,
    mod_date: u64,
    note: String,
    journal: String,
}

#[derive(Debug, Clone)]
struct Basket {
    lines: Vec<Line>,
    payment_id: u64,
    delivery_id: u64,
    fields: BTreeMap<u64, String>,
}

#[derive(Debug)]
struct State {
    products: Vec<Product>,
    basket: Basket,
    invoices: Vec<Invoice>,
    next_record: u64,
    tick: u64,
}

/// The uCoz site's state.
#[derive(Debug)]
pub struct Ucoz {
    state: Mutex<State>,
    /// Nonces seen, with their request's timestamp: kept only while that
    /// timestamp is fresh, since a stale one is refused anyway.
    nonces: Mutex<HashMap<String, u64>>,
}

impl Ucoz {
    pub(crate) fn new() -> Self {
        Ucoz {
            state: Mutex::new(seed::seeded()),
            nonces: Mutex::new(HashMap::new()),
        }
    }

    /// The OAuth consumer key.
    pub fn consumer_key(&self) -> &'static str {
        CONSUMER_KEY
    }

    /// The OAuth consumer secret.
    pub fn consumer_secret(&self) -> &'static str {
        CONSUMER_SECRET
    }

    /// The OAuth token.
    pub fn token(&self) -> &'static str {
        TOKEN
    }

    /// The OAuth token secret.
    pub fn token_secret(&self) -> &'static str {
        TOKEN_SECRET
    }

    /// The Bearer token accepted instead of OAuth.
    pub fn bearer(&self) -> &'static str {
        BEARER
    }

    /// The ids of every invoice, in order.
    pub fn invoice_ids(&self) -> Vec<u64> {
        self.state
            .lock()
            .unwrap()
            .invoices
            .iter()
            .map(|i| i.id)
            .collect()
    }

    pub(crate) fn handle(&self, request: &ApiRequest<'_>, host_url: &str) -> Reply {
        let raw = match *request.method {
            http::Method::GET | http::Method::DELETE => {
                request.query.unwrap_or_default().as_bytes()
            }
            _ => request.body,
        };
        // A POST or PUT body is url-encoded, or multipart as helper 2.3 sends it.
        let multipart = match *request.method {
            http::Method::GET | http::Method::DELETE => None,
            _ => crate::multipart::fields(request.headers, request.body),
        };
        let params: Vec<(String, String)> = match multipart {
            Some(Ok(fields)) => fields,
            Some(Err(why)) => {
                return Reply::json(400, &json!({"error": {"code": "400", "msg": why}}));
            }
            None => form_urlencoded::parse(raw).into_owned().collect(),
        };
        let url = format!("{host_url}{}", request.path);
        if let Err(why) = self.authenticate(request, &url, &params) {
            return Reply::json(401, &json!({"error": {"code": "401", "msg": why}}));
        }
        let Some(route) = request.path.strip_prefix("/uapi/shop/") else {
            return Reply::text(404, "Not Found");
        };
        let route = route.trim_end_matches('/');
        let get = |key: &str| param(&params, key);
        let mode = get("mode").unwrap_or_default();
        let method = request.method.as_str();
        let mut state = self.state.lock().unwrap();
        let answer = match (method, route, mode) {
            ("GET", "checkout", _) => Ok(state.checkout()),
            ("PUT", "checkout", "recalc") => state.recalc(&params),
            ("PUT", "checkout", "change") => state.change(&params),
            ("POST", "checkout", "order") => state.place(&params),
            ("PUT", "checkout", "inv_note_save") => state.note(&params),
            ("GET", "invoices", _) => state.invoices(&params),
            ("PUT", "invoices", "hide") => state.set_many(&params, "hide"),
            ("PUT", "invoices", "setCourier") => state.set_many(&params, "setCourier"),
            ("PUT", "invoices", "status") => state.set_many(&params, "status"),
            ("PUT", "invoices", "inv_chfld_save") => state.change_field(&params),
            ("GET", "order", _) => state.details(get("order").unwrap_or_default()),
            ("POST", "order", _) => state.add_goods(&params),
            ("PUT", "order", _) => state.change_contents(&params),
            ("GET", "usersbasket", _) => Ok(seed::abandoned_baskets()),
            ("GET", "getshopdata", _) => seed::shop_data(get("page").unwrap_or_default()),
            _ => return Reply::text(404, "Not Found"),
        };
        match answer {
            Ok(data) => Reply::json(200, &json!({ "success": data })),
            Err(message) => Reply::json(200, &json!({"error": {"code": "400", "msg": message}})),
        }
    }

    /// Bearer, or OAuth 1.0a as the helper signs.
    fn authenticate(
        &self,
        request: &ApiRequest<'_>,
        url: &str,
        params: &[(String, String)],
    ) -> Result<(), &'static str> {
        if let Some(auth) = request.headers.get(http::header::AUTHORIZATION) {
            return match auth.to_str().ok().and_then(|a| a.strip_prefix("Bearer ")) {
                Some(token) if token == BEARER => Ok(()),
                _ => Err("Invalid token"),
            };
        }
        let get = |key: &str| param(params, key);
        let Some(signature) = get("oauth_signature") else {
            return Err("Missing signature");
        };
        if get("oauth_consumer_key") != Some(CONSUMER_KEY) || get("oauth_token") != Some(TOKEN) {
            return Err("Invalid consumer key or token");
        }
        if get("oauth_signature_method") != Some("HMAC-SHA1") {
            return Err("Unsupported signature method");
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let timestamp = get("oauth_timestamp").and_then(|t| t.parse::<u64>().ok());
        let Some(timestamp) = timestamp.filter(|t| t.abs_diff(now) <= TIMESTAMP_WINDOW) else {
            return Err("Stale timestamp");
        };
        let mut signed: Vec<&(String, String)> = params
            .iter()
            .filter(|(k, _)| k != "oauth_signature")
            .collect();
        signed.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let parameter_string = signed
            .iter()
            .map(|(k, v)| format!("{}={}", php_encode(k), php_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let base = format!(
            "{}&{}&{}",
            request.method.as_str(),
            php_encode(url),
            php_encode(&parameter_string)
        );
        let mut mac =
            Hmac::<Sha1>::new_from_slice(format!("{CONSUMER_SECRET}&{TOKEN_SECRET}").as_bytes())
                .expect("HMAC takes any key");
        mac.update(base.as_bytes());
        let expected = php_encode(
            &base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()),
        );
        if expected != signature {
            return Err("Invalid signature");
        }
        let nonce = get("oauth_nonce").unwrap_or_default();
        if nonce.is_empty() || !self.remember_nonce(nonce, timestamp, now) {
            return Err("Nonce already used");
        }
        Ok(())
    }

    /// Whether `nonce` is new; remembers it. Past [`NONCES_BEFORE_PRUNING`]
    /// nonces, those of requests now stale are forgotten first, so memory
    /// stays bounded however long the emulator runs.
    fn remember_nonce(&self, nonce: &str, timestamp: u64, now: u64) -> bool {
        let mut nonces = self.nonces.lock().unwrap();
        if nonces.len() >= NONCES_BEFORE_PRUNING {
            nonces.retain(|_, t| t.abs_diff(now) <= TIMESTAMP_WINDOW);
        }
        nonces.insert(nonce.to_owned(), timestamp).is_none()
    }
}

/// Cents as the shop displays them: `"51.00$"`.
fn display(cents: Cents) -> String {
    format!("{}.{:02}$", cents / 100, (cents % 100).abs())
}

/// Cents as a raw part: a JSON number, whole or with a fraction.
fn raw(cents: Cents) -> Value {
    if cents % 100 == 0 {
        Value::from(cents / 100)
    } else {
        Value::from(cents as f64 / 100.0)
    }
}

/// A money pair `{"x": "51.00$", "x_raw": 51}`.
fn pair(name: &str, cents: Cents) -> Value {
    let mut pair = Map::new();
    pair.insert(name.to_owned(), display(cents).into());
    pair.insert(format!("{name}_raw"), raw(cents));
    Value::Object(pair)
}

impl State {
    fn product(&self, id: u64) -> Option<&Product> {
        self.products.iter().find(|p| p.id == id)
    }

    fn line_json(&self, line: &Line, in_order: bool) -> Value {
        let product = self.product(line.goods_id);
        let (name, cat, art, brand, price_in) = product.map_or(
            (
                String::new(),
                (0, String::new()),
                String::new(),
                String::new(),
                0,
            ),
            |p| {
                (
                    p.name.clone(),
                    p.cat.clone(),
                    p.art.clone(),
                    p.brand.clone(),
                    p.price_in,
                )
            },
        );
        let mut json = json!({
            "goods_id": line.goods_id.to_string(),
            "name": name,
            "price": pair("price", line.price),
            "cnt": line.cnt.to_string(),
            "sum": pair("sum", line.price * line.cnt as i64),
            "art": art,
            "brand": brand,
            "other1": "",
            "warning": "",
            "added_user": "Tom",
        });
        if in_order {
            json["cat"] = Value::from(cat.1);
            json["price_in"] = pair("price", price_in);
        } else {
            json["cat"] = json!({"cat_id": cat.0.to_string(), "cat_name": cat.1});
            json["vat"] = Value::from(display(0));
        }
        json
    }

    fn checkout(&self) -> Value {
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
        let fields: Map<String, Value> = seed::order_fields()
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
            "payment_list": seed::payments(),
            "current_payment_id": self.basket.payment_id,
            "delivery_list": seed::deliveries(),
            "current_delivery_id": self.basket.delivery_id,
        })
    }

    fn recalc(&mut self, params: &[(String, String)]) -> Result<Value, String> {
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

    fn apply_choices(&mut self, params: &[(String, String)]) -> Result<(), String> {
        for (key, value) in params {
            match key.as_str() {
                "payment_id" => {
                    let id: u64 = value
                        .parse()
                        .map_err(|_| "payment_id: not an id".to_owned())?;
                    if !seed::payments().contains_key(&id.to_string()) {
                        return Err("Неизвестный способ оплаты".into());
                    }
                    self.basket.payment_id = id;
                }
                "delivery_id" => {
                    let id: u64 = value
                        .parse()
                        .map_err(|_| "delivery_id: not an id".to_owned())?;
                    if !seed::deliveries().contains_key(&id.to_string()) {
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

    fn change(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        self.apply_choices(params)?;
        Ok(self.checkout())
    }

    fn place(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        if self.basket.lines.is_empty() {
            return Err("Ваша корзина пуста".into());
        }
        self.apply_choices(params)?;
        for (n, name, _) in seed::order_fields() {
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

    fn invoice_json(&self, invoice: &Invoice) -> Value {
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

    fn invoices(&self, params: &[(String, String)]) -> Result<Value, String> {
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
            "order_status": seed::statuses(),
            "order_hide": seed::groups(),
            "order_uids": ["1"],
        }))
    }

    fn set_many(&mut self, params: &[(String, String)], mode: &str) -> Result<Value, String> {
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

    fn invoice_mut(&mut self, hash: &str) -> Result<&mut Invoice, String> {
        self.invoices
            .iter_mut()
            .find(|i| i.hash == hash)
            .ok_or_else(|| "Заказ не найден".to_owned())
    }

    fn details(&self, hash: &str) -> Result<Value, String> {
        let invoice = self
            .invoices
            .iter()
            .find(|i| i.hash == hash)
            .ok_or("Заказ не найден")?;
        let amount = invoice_amount(invoice);
        let goods: Map<String, Value> = invoice
            .lines
            .iter()
            .map(|l| (l.record.to_string(), self.line_json(l, true)))
            .collect();
        let mut fields: Map<String, Value> = invoice
            .fields
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(v.clone())))
            .collect();
        fields.insert(
            "fields_descr".into(),
            seed::order_fields()
                .into_iter()
                .map(|(n, name, _)| (n.to_string(), Value::from(name)))
                .collect::<Map<_, _>>()
                .into(),
        );
        let statuses = seed::statuses();
        Ok(json!({
            "order_id": invoice.id.to_string(),
            "order_nom": format!("{:05}", invoice.id),
            "order_goods": {"goods_fields": {"name": "Наименование", "price": "Цена", "cnt": "Кол-во", "sum": "Сумма"}, "goods": goods},
            "order_digital_goods": {"goods": [], "cnt": 0},
            "order_data": {
                "order_hash": invoice.hash,
                "order_cnt": invoice.lines.iter().map(|l| l.cnt).sum::<u64>().to_string(),
                "order_weight": {"weight": "0.00", "weight_raw": 0},
                "order_currency": {"id": "1", "rate": "1"},
                "order_discount": {"discount": 0, "discount_raw": 0, "promo_code": "", "promo_group": ""},
                "order_amount": pair("amount", amount),
                "order_total": pair("total", amount),
                "order_topay": {"topay": display(amount), "topay_curr": display(amount), "topay_raw": raw(amount)},
                "order_vat": {"vat": 0, "vat_raw": 0, "vat_type": "0"},
                "order_profit": {"profit": display(0), "profit_raw": "0.00"},
                "order_status": {"code": invoice.status.to_string(), "status": statuses.get(&invoice.status.to_string()).cloned().unwrap_or(Value::from(""))},
                "order_payment": {"id": invoice.payment_id.to_string(), "name": "Наличными при получении", "descr": ""},
                "order_delivery": {"id": invoice.delivery_id.to_string(), "name": "Самовывоз", "descr": "", "tax": {"tax": 0, "tax_raw": 0}, "courier": invoice.courier, "delivery_date": ""},
                "order_fields": fields,
                "order_add_date": invoice.add_date.to_string(),
                "order_mod_date": invoice.mod_date.to_string(),
                "order_ip": "127.0.0.1",
                "order_user": invoice.user,
                "order_uid": invoice.uid.to_string(),
                "order_group_uid": "4",
                "order_auth": "",
                "order_akey": format!("{:032x}", invoice.id),
                "order_journal": invoice.journal,
                "order_note": invoice.note,
                "order_hide": invoice.hide.to_string(),
            },
        }))
    }

    fn add_goods(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let hash = get("order").unwrap_or_default();
        let goods_id: u64 = get("id")
            .and_then(|i| i.parse().ok())
            .ok_or("id: не указан товар")?;
        let price = self.product(goods_id).ok_or("Товар не найден")?.price;
        self.next_record += 1;
        let record = self.next_record;
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        invoice.lines.push(Line {
            record,
            goods_id,
            cnt: 1,
            price,
        });
        invoice.mod_date = now;
        self.details(&hash)
    }

    fn change_contents(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let hash = params
            .iter()
            .find(|(k, _)| k == "order")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        for (key, value) in params {
            let (kind, record) = match key.split_once('_') {
                Some((kind, record)) => match record.parse::<u64>() {
                    Ok(record) => (kind, record),
                    Err(_) => continue,
                },
                None => continue,
            };
            let line = invoice.lines.iter_mut().find(|l| l.record == record);
            match (kind, line) {
                ("cnt", Some(line)) => {
                    line.cnt = value.parse().map_err(|_| format!("{key}: не число"))?
                }
                ("price", Some(line)) => {
                    line.price =
                        crate::amounts::parse_cents(value).ok_or(format!("{key}: не цена"))?
                }
                ("del", Some(_)) => invoice.lines.retain(|l| l.record != record),
                ("cnt" | "price" | "del", None) => return Err(format!("{key}: нет такой позиции")),
                _ => {}
            }
        }
        invoice.mod_date = now;
        self.details(&hash)
    }

    fn change_field(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let hash = get("order").unwrap_or_default();
        let field: u64 = get("fid")
            .and_then(|f| f.parse().ok())
            .ok_or("fid: не указано поле")?;
        if !seed::order_fields().iter().any(|(n, _, _)| *n == field) {
            return Err("Поле не найдено".into());
        }
        let value = get("fval").or_else(|| get("gmap_a")).unwrap_or_default();
        self.tick += 1;
        let now = seed::NOW + self.tick;
        let invoice = self.invoice_mut(&hash)?;
        invoice.fields.insert(field, value);
        invoice.mod_date = now;
        self.details(&hash)
    }

    fn note(&mut self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key).map(str::to_owned);
        let id: u64 = get("id")
            .and_then(|i| i.parse().ok())
            .ok_or("id: не указан заказ")?;
        let invoice = self
            .invoices
            .iter_mut()
            .find(|i| i.id == id)
            .ok_or("Заказ не найден")?;
        invoice.note = get("note").unwrap_or_default();
        Ok(json!({"msg": "Комментарий успешно изменен"}))
    }
}

/// The first value of `key` among the request's parameters.
fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn invoice_amount(invoice: &Invoice) -> Cents {
    invoice.lines.iter().map(|l| l.price * l.cnt as i64).sum()
}

#[cfg(test)]
mod nonce_tests {
    use super::*;

    #[test]
    fn nonces_of_stale_requests_are_forgotten_and_fresh_ones_kept() {
        let ucoz = Ucoz::new();
        let now = 1_700_000_000;
        let stale = now - TIMESTAMP_WINDOW - 1;
        for n in 0..NONCES_BEFORE_PRUNING {
            assert!(ucoz.remember_nonce(&format!("old-{n}"), stale, now));
        }
        assert!(ucoz.remember_nonce("fresh", now, now));
        assert_eq!(ucoz.nonces.lock().unwrap().len(), 1);
        assert!(
            !ucoz.remember_nonce("fresh", now, now),
            "a replay is refused"
        );
    }
}
