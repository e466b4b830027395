//! SapLab (`001_6003ed27e64eb541.txt`): the shop panel under `/panel/…`.
//!
//! State is seeded from the document's examples (its shipping types,
//! statuses, groups, two clients, ten transactions, two order positions).
//! Answers are written the panel's way: ids, counts and money as strings,
//! booleans as `"0"`/`"1"`, PostgreSQL timestamps, `null` for an absent
//! manager or shipping type, `pages` and `filters.per_page` as numbers.
//!
//! Decisions where the document is silent (rows in `docs/quirks.md`):
//! - wrong or missing Basic credentials: 401 with `WWW-Authenticate` and a
//!   text body (S26);
//! - a status used by a position, or a group used by a client, cannot be
//!   deleted (the document's own refusal texts);
//! - paying needs the client's balance to cover the position's total; paying
//!   a paid position refunds it; both are written to the balance;
//! - the balance lists ten transactions a page, newest first, and takes
//!   `/filter/page/{n}` like the lists (S18);
//! - time is a logical clock: every change is one second after the last.

use std::collections::BTreeMap;
use std::sync::Mutex;

use base64::Engine;
use serde_json::{Map, Value, json};

use crate::server::{ApiRequest, Reply};

mod seed;

/// The emulator's employee login.
pub const LOGIN: &str = "manager";
/// The emulator's employee password.
pub const PASSWORD: &str = "emulator-password";
/// The panel's default page size.
const DEFAULT_PER_PAGE: usize = 20;
/// The panel's largest page.
const MAX_PER_PAGE: usize = 150;
/// Transactions on one balance page.
const TRANSACTIONS_PER_PAGE: usize = 10;

/// Money in kopecks.
type Kopecks = i64;

#[derive(Debug, Clone)]
struct ShippingType {
    id: u64,
    name: String,
    min_price: Kopecks,
}

#[derive(Debug, Clone)]
struct Status {
    id: u64,
    name: String,
    color: String,
    sms: bool,
    email: bool,
}

#[derive(Debug, Clone)]
struct Group {
    id: u64,
    name: String,
    discount: i64,
    comment: String,
}

#[derive(Debug, Clone)]
struct Client {
    id: u64,
    phone: String,
    name: String,
    address: String,
    email: String,
    date_added: String,
    date_modified: String,
    legal: Option<BTreeMap<String, String>>,
    group_id: u64,
    manager_id: u64,
    point_id: u64,
    active: bool,
    comment: String,
    shipping_id: u64,
    balance: Kopecks,
    debt: Kopecks,
    limit: Kopecks,
}

#[derive(Debug, Clone)]
struct Transaction {
    client_id: u64,
    date: String,
    amount: Kopecks,
    comment: String,
}

#[derive(Debug, Clone)]
struct HistoryEntry {
    date: String,
    status_id: u64,
    manager: String,
}

#[derive(Debug, Clone)]
struct Position {
    id: u64,
    invoice: String,
    client_id: u64,
    distributor_id: u64,
    distributor_name: String,
    brand: String,
    article: String,
    name: String,
    initial_price: Kopecks,
    price: Kopecks,
    quantity: i64,
    status_id: u64,
    shipping_id: u64,
    shipping_address: String,
    doc_id: Option<u64>,
    is_archived: bool,
    is_denied: bool,
    is_payed: bool,
    date_added: String,
    date_modified: String,
    history: Vec<HistoryEntry>,
}

impl Position {
    fn total(&self) -> Kopecks {
        self.price * self.quantity
    }

    /// How the panel names a position in balance comments.
    fn label(&self) -> String {
        format!("{} - {} ({} шт.)", self.brand, self.article, self.quantity)
    }
}

#[derive(Debug)]
struct State {
    /// Seconds of the logical clock since its start.
    tick: u64,
    shipping_types: Vec<ShippingType>,
    statuses: Vec<Status>,
    groups: Vec<Group>,
    clients: Vec<Client>,
    transactions: Vec<Transaction>,
    positions: Vec<Position>,
    next_id: u64,
    next_doc_id: u64,
}

/// The SapLab panel's state.
#[derive(Debug)]
pub struct SapLab {
    state: Mutex<State>,
}

impl SapLab {
    pub(crate) fn new() -> Self {
        SapLab {
            state: Mutex::new(seed::seeded()),
        }
    }

    /// The employee login requests must carry.
    pub fn login(&self) -> &'static str {
        LOGIN
    }

    /// The employee password requests must carry.
    pub fn password(&self) -> &'static str {
        PASSWORD
    }

    /// A client's balance in kopecks, if the client exists.
    pub fn balance(&self, client_id: u64) -> Option<i64> {
        let state = self.state.lock().unwrap();
        state.client(client_id).map(|c| c.balance)
    }

    pub(crate) fn handle(&self, request: &ApiRequest<'_>) -> Reply {
        if !authorized(request.headers) {
            let mut reply = Reply::text(401, "Unauthorized");
            reply.www_authenticate = Some("Basic realm=\"panel\"");
            return reply;
        }
        let Some(segments) = segments(request.path) else {
            return Reply::text(400, "Bad Request");
        };
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        let form = Form::parse(request.body);
        let post = request.method == http::Method::POST;
        let get = request.method == http::Method::GET;
        let mut state = self.state.lock().unwrap();
        let state = &mut *state;
        let answer = match (segments.as_slice(), get, post) {
            (["panel", "manager"], true, _) => state.managers(),
            (["panel", "order", "shipping_type"], true, _) => state.shipping_types(),
            (["panel", "order", "shipping_type"], _, true) => state.save_shipping_type(None, &form),
            (["panel", "order", "shipping_type", id], _, true) => {
                state.save_shipping_type(Some(id_of(id)), &form)
            }
            (["panel", "order", "remove_shipping_type"], _, true) => {
                state.remove_shipping_type(&form)
            }
            (["panel", "order", "status"], true, _) => state.statuses(),
            (["panel", "order", "status"], _, true) => state.save_status(None, &form),
            (["panel", "order", "status", id], _, true) => {
                state.save_status(Some(id_of(id)), &form)
            }
            (["panel", "order", "remove_status"], _, true) => state.remove_status(&form),
            (["panel", "client", "group"], true, _) => state.groups(),
            (["panel", "client", "group_form"], _, true) => state.save_group(None, &form),
            (["panel", "client", "group_form", id], _, true) => {
                state.save_group(Some(id_of(id)), &form)
            }
            (["panel", "client", "remove_group"], _, true) => state.remove_group(&form),
            (["panel", "client"], true, _) => state.clients(&Filters::default()),
            (["panel", "client", "filter", rest @ ..], true, _) => match Filters::parse(rest) {
                Some(filters) => state.clients(&filters),
                None => error("Некорректный фильтр."),
            },
            (["panel", "client", "form", id], true, _) => state.client_form(id_of(id)),
            (["panel", "client", "form"], _, true) => state.save_client(None, &form),
            (["panel", "client", "form", id], _, true) => state.save_client(Some(id_of(id)), &form),
            (["panel", "client", "balance", id], true, _) => state.balance_page(id_of(id), 1),
            (["panel", "client", "balance", id, "filter", "page", page], true, _) => {
                state.balance_page(id_of(id), page.parse().unwrap_or(0))
            }
            (["panel", "client", "add_transaction", id], _, true) => {
                state.add_transaction(id_of(id), &form)
            }
            (["panel", "order"], true, _) => state.positions(&Filters::default()),
            (["panel", "order", "filter", rest @ ..], true, _) => match Filters::parse(rest) {
                Some(filters) => state.positions(&filters),
                None => error("Некорректный фильтр."),
            },
            (["panel", "order", "set_status", id], _, true) => state.set_status(id_of(id), &form),
            (["panel", "order", "deny", id], true, _) => state.deny(id_of(id)),
            (["panel", "order", "pay", id], true, _) => state.pay(id_of(id)),
            (["panel", "order", "archive", id], true, _) => state.archive(id_of(id), true),
            (["panel", "order", "unarchive", id], true, _) => state.archive(id_of(id), false),
            (["panel", "order", "documents", ids], true, _) => state.documents(ids),
            _ => return Reply::text(404, "Not Found"),
        };
        Reply::json(200, &answer)
    }
}

/// Whether the request carries the emulator's Basic credentials.
fn authorized(headers: &http::HeaderMap) -> bool {
    let Some(value) = headers
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let Some(encoded) = value.strip_prefix("Basic ") else {
        return false;
    };
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    decoded == format!("{LOGIN}:{PASSWORD}").as_bytes()
}

/// The path's segments after the first `/`, each percent-decoded on its own,
/// so an encoded `/` stays inside its segment.
fn segments(path: &str) -> Option<Vec<String>> {
    path.trim_start_matches('/')
        .trim_end_matches('/')
        .split('/')
        .map(|segment| {
            percent_encoding::percent_decode_str(segment)
                .decode_utf8()
                .ok()
                .map(|s| s.into_owned())
        })
        .collect()
}

/// A path id; 0 (never an id) when it is not a number.
fn id_of(text: &str) -> u64 {
    text.parse().unwrap_or(0)
}

/// A form body's fields.
#[derive(Debug, Default)]
struct Form(Vec<(String, String)>);

impl Form {
    fn parse(body: &[u8]) -> Form {
        Form(form_urlencoded::parse(body).into_owned().collect())
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or_default().to_owned()
    }

    fn checked(&self, key: &str) -> bool {
        matches!(self.get(key), Some("on" | "1"))
    }

    fn id(&self, key: &str) -> u64 {
        self.get(key).and_then(|v| v.parse().ok()).unwrap_or(0)
    }

    /// The `prefix[key]` fields, as PHP reads them into an array.
    fn nested(&self, prefix: &str) -> BTreeMap<String, String> {
        self.0
            .iter()
            .filter_map(|(k, v)| {
                let inner = k
                    .strip_prefix(prefix)?
                    .strip_prefix('[')?
                    .strip_suffix(']')?;
                Some((inner.to_owned(), v.clone()))
            })
            .collect()
    }
}

/// `key/value` filter pairs.
#[derive(Debug, Default)]
struct Filters(BTreeMap<String, String>);

impl Filters {
    fn parse(pairs: &[&str]) -> Option<Filters> {
        if !pairs.len().is_multiple_of(2) {
            return None;
        }
        Some(Filters(
            pairs
                .chunks(2)
                .map(|pair| (pair[0].to_owned(), pair[1].to_owned()))
                .collect(),
        ))
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    fn ids(&self, key: &str) -> Option<Vec<u64>> {
        self.get(key).map(|ids| ids.split(',').map(id_of).collect())
    }

    fn id(&self, key: &str) -> Option<u64> {
        self.get(key).map(id_of)
    }

    fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).map(|v| v == "1")
    }

    fn contains(&self, key: &str, text: &str) -> bool {
        self.get(key)
            .is_none_or(|part| text.to_lowercase().contains(&part.to_lowercase()))
    }

    fn equals(&self, key: &str, text: &str) -> bool {
        self.get(key).is_none_or(|v| v.eq_ignore_ascii_case(text))
    }

    /// `date_from`/`date_to` around a timestamp's date.
    fn in_dates(&self, timestamp: &str) -> bool {
        let date = &timestamp[..10.min(timestamp.len())];
        self.get("date_from").is_none_or(|from| date >= from)
            && self.get("date_to").is_none_or(|to| date <= to)
    }

    /// `(page, per_page)`, or an error answer.
    fn paging(&self) -> Result<(usize, usize), Value> {
        let page = self
            .get("page")
            .map_or(Some(1), |p| p.parse().ok().filter(|p| *p > 0));
        let per_page = self.get("per_page").map_or(Some(DEFAULT_PER_PAGE), |p| {
            p.parse().ok().filter(|p| *p > 0)
        });
        match (page, per_page) {
            (Some(page), Some(per_page)) if per_page <= MAX_PER_PAGE => Ok((page, per_page)),
            _ => Err(error("Некорректные параметры страницы.")),
        }
    }

    /// What the answer echoes as applied filters.
    fn echo(&self, per_page: usize) -> Value {
        let mut echo: Map<String, Value> = self
            .0
            .iter()
            .filter(|(k, _)| k.as_str() != "page" && k.as_str() != "per_page")
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect();
        echo.insert("per_page".into(), per_page.into());
        Value::Object(echo)
    }
}

fn success(text: Option<&str>) -> Value {
    match text {
        Some(text) => json!({"status": "success", "text": text}),
        None => json!({"status": "success"}),
    }
}

fn error(text: &str) -> Value {
    json!({"status": "error", "text": text})
}

fn bare_error() -> Value {
    json!({"status": "error"})
}

/// Kopecks as the panel prints money: `"3959"`, `"3958.07"`, `"-109"`.
fn money(kopecks: Kopecks) -> Value {
    let sign = if kopecks < 0 { "-" } else { "" };
    let (whole, cents) = (kopecks.unsigned_abs() / 100, kopecks.unsigned_abs() % 100);
    Value::from(if cents == 0 {
        format!("{sign}{whole}")
    } else if cents % 10 == 0 {
        format!("{sign}{whole}.{}", cents / 10)
    } else {
        format!("{sign}{whole}.{cents:02}")
    })
}

fn string(value: impl ToString) -> Value {
    Value::from(value.to_string())
}

fn flag(value: bool) -> Value {
    Value::from(if value { "1" } else { "0" })
}

/// Text, or `null` when empty (how the panel writes an absent manager or shipping type).
fn text_or_null(text: Option<&str>) -> Value {
    text.map_or(Value::Null, Value::from)
}

/// One page of `items`, and the number of pages.
fn page_of<T: Clone>(items: &[T], page: usize, per_page: usize) -> (Vec<T>, usize) {
    let pages = items.len().div_ceil(per_page);
    let start = (page - 1).saturating_mul(per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    (items[start..end].to_vec(), pages)
}

impl State {
    /// The logical clock's next instant, as PostgreSQL prints it.
    fn now(&mut self) -> String {
        self.tick += 1;
        let start = time::macros::datetime!(2017-05-01 09:00:00);
        let now = start + time::Duration::seconds(self.tick as i64);
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}",
            now.year(),
            u8::from(now.month()),
            now.day(),
            now.hour(),
            now.minute(),
            now.second(),
            self.tick % 1_000_000
        )
    }

    fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn client(&self, id: u64) -> Option<&Client> {
        self.clients.iter().find(|c| c.id == id)
    }

    fn managers(&self) -> Value {
        json!({"managers": [
            {
                "id": "1", "phone": "79000000001", "name": "Владелец Магазина", "seat": "Директор",
                "email": "owner@example.com", "point_id": "1",
                "point_name": "Москва: ул. Красноармейцев, 49", "point_address": "ул. Красноармейцев, 49",
                "manager_group_id": "1", "manager_group_name": "Администраторы",
                "client_count": "0", "status": "1", "client_use": "1", "contact_show": "1", "backup": null
            },
            {
                "id": "2", "phone": "79000000002", "name": "Сотрудник Saplab 2", "seat": "",
                "email": "", "point_id": "0", "point_name": null, "point_address": null,
                "manager_group_id": "2", "manager_group_name": "Менеджеры",
                "client_count": "0", "status": "0", "client_use": "0", "contact_show": "0", "backup": "[]"
            }
        ]})
    }

    fn shipping_types(&self) -> Value {
        let list: Vec<Value> = self
            .shipping_types
            .iter()
            .map(|s| json!({"id": string(s.id), "name": s.name, "min_price": money(s.min_price)}))
            .collect();
        json!({ "shipping_types": list })
    }

    fn save_shipping_type(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let Some(min_price) = form.get("min_price").and_then(crate::amounts::parse_cents) else {
            return error("Недостаточно параметров.");
        };
        if name.trim().is_empty() {
            return error("Недостаточно параметров.");
        }
        match id {
            None => {
                let id = self.next_id();
                self.shipping_types.push(ShippingType {
                    id,
                    name,
                    min_price,
                });
            }
            Some(id) => match self.shipping_types.iter_mut().find(|s| s.id == id) {
                Some(shipping) => {
                    shipping.name = name;
                    shipping.min_price = min_price;
                }
                None => return bare_error(),
            },
        }
        success(None)
    }

    fn remove_shipping_type(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        let before = self.shipping_types.len();
        self.shipping_types.retain(|s| s.id != id);
        if self.shipping_types.len() == before {
            return bare_error();
        }
        success(None)
    }

    fn statuses(&self) -> Value {
        let list: Vec<Value> = self
            .statuses
            .iter()
            .map(|s| {
                json!({"id": string(s.id), "name": s.name, "color": s.color, "sms": flag(s.sms), "email": flag(s.email)})
            })
            .collect();
        json!({ "statuses": list })
    }

    fn save_status(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let color = form.text("color");
        if name.trim().is_empty() || color.len() != 6 {
            return error("Недостаточно параметров.");
        }
        let (sms, email) = (form.checked("sms"), form.checked("email"));
        match id {
            None => {
                let id = self.next_id();
                self.statuses.push(Status {
                    id,
                    name,
                    color,
                    sms,
                    email,
                });
            }
            Some(id) => match self.statuses.iter_mut().find(|s| s.id == id) {
                Some(status) => {
                    *status = Status {
                        id,
                        name,
                        color,
                        sms,
                        email,
                    }
                }
                None => return bare_error(),
            },
        }
        success(None)
    }

    fn remove_status(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        if !self.statuses.iter().any(|s| s.id == id) {
            return bare_error();
        }
        if self.positions.iter().any(|p| p.status_id == id) {
            return error("Статус используется в настройках магазина.");
        }
        self.statuses.retain(|s| s.id != id);
        success(None)
    }

    fn groups(&self) -> Value {
        let list: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                json!({"group_id": string(g.id), "name": g.name, "discount": string(g.discount), "comment": g.comment})
            })
            .collect();
        json!({ "groups": list })
    }

    fn save_group(&mut self, id: Option<u64>, form: &Form) -> Value {
        let name = form.text("name");
        let discount = form.get("discount").and_then(|d| d.parse::<i64>().ok());
        let (Some(discount), false) = (discount, name.trim().is_empty()) else {
            return error("Недостаточно параметров.");
        };
        let comment = form.text("comment");
        match id {
            None => {
                let id = self.next_id();
                self.groups.push(Group {
                    id,
                    name,
                    discount,
                    comment,
                });
                success(Some("Группа клиентов успешно добавлена."))
            }
            Some(id) => match self.groups.iter_mut().find(|g| g.id == id) {
                Some(group) => {
                    *group = Group {
                        id,
                        name,
                        discount,
                        comment,
                    };
                    success(Some("Группа обновлена."))
                }
                None => error("Группа не найдена."),
            },
        }
    }

    fn remove_group(&mut self, form: &Form) -> Value {
        let id = form.id("id");
        if !self.groups.iter().any(|g| g.id == id) {
            return error("Группа не найдена.");
        }
        if self.clients.iter().any(|c| c.group_id == id) {
            return error("Группа используется в настройках магазина, удаление невозможно.");
        }
        self.groups.retain(|g| g.id != id);
        success(Some("Группа успешно удалена."))
    }

    fn group_name(&self, id: u64) -> Value {
        text_or_null(
            self.groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| g.name.as_str()),
        )
    }

    fn client_json(&self, client: &Client) -> Value {
        json!({
            "id": string(client.id),
            "phone": client.phone,
            "name": client.name,
            "address": client.address,
            "email": client.email,
            "date_added": client.date_added,
            "is_wholesaler": flag(client.legal.is_some()),
            "wholesaler_info": wholesaler_info(client),
            "date_modified": client.date_modified,
            "group": self.group_name(client.group_id),
            "group_id": string(client.group_id),
            "manager": Value::Null,
            "manager_id": string(client.manager_id),
            "point": "Москва: ул. Красноармейцев, 49",
            "point_id": string(client.point_id),
            "status": flag(client.active),
            "comment": client.comment,
            "shipping_id": string(client.shipping_id),
            "balance": money(client.balance),
            "debt": money(client.debt),
            "blocked_debt": "0",
            "limit": money(client.limit),
        })
    }

    fn clients(&self, filters: &Filters) -> Value {
        let (page, per_page) = match filters.paging() {
            Ok(paging) => paging,
            Err(answer) => return answer,
        };
        let ids = filters.ids("client_id");
        let mut matching: Vec<&Client> = self
            .clients
            .iter()
            .filter(|c| ids.as_ref().is_none_or(|ids| ids.contains(&c.id)))
            .filter(|c| {
                filters.contains("client_name", &c.name)
                    || filters.contains("client_name", &wholesaler_info(c))
            })
            .filter(|c| {
                filters
                    .get("phone")
                    .is_none_or(|p| digits(&c.phone).contains(&digits(p)))
            })
            .filter(|c| filters.equals("email", &c.email))
            .filter(|c| {
                filters
                    .flag("is_wholesaler")
                    .is_none_or(|w| w == c.legal.is_some())
            })
            .filter(|c| filters.id("client_group").is_none_or(|g| g == c.group_id))
            .filter(|c| filters.id("manager_id").is_none_or(|m| m == c.manager_id))
            .filter(|c| filters.in_dates(&c.date_added))
            .collect();
        matching.sort_by_key(|item| std::cmp::Reverse(item.id));
        let (shown, pages) = page_of(&matching, page, per_page);
        let clients: Vec<Value> = shown.into_iter().map(|c| self.client_json(c)).collect();
        json!({"clients": clients, "filters": filters.echo(per_page), "pages": pages})
    }

    fn client_form(&self, id: u64) -> Value {
        let Some(client) = self.client(id) else {
            return error("Клиент не найден.");
        };
        let discount = self
            .groups
            .iter()
            .find(|g| g.id == client.group_id)
            .map_or(0, |g| g.discount);
        let mut details = json!({
            "id": string(client.id),
            "phone": client.phone,
            "name": client.name,
            "address": client.address,
            "email": client.email,
            "status": flag(client.active),
            "group_id": string(client.group_id),
            "group": self.group_name(client.group_id),
            "discount": string(discount),
            "shipping_id": string(client.shipping_id),
            "manager_id": string(client.manager_id),
            "is_wholesaler": flag(client.legal.is_some()),
            "wholesaler_info": wholesaler_info(client),
            "comment": client.comment,
            "point_id": string(client.point_id),
            "balance": money(client.balance),
            "debt": money(client.debt),
            "blocked_debt": "0",
            "limit": money(client.limit),
            "date_added": client.date_added,
            "date_modified": client.date_modified,
        });
        if let Some(legal) = &client.legal {
            details["wholesaler_data"] = json!(legal);
        }
        json!({ "client": details })
    }

    fn save_client(&mut self, id: Option<u64>, form: &Form) -> Value {
        if let Some(id) = id
            && self.client(id).is_none()
        {
            return error("Клиент не найден.");
        }
        let (name, phone, email) = (form.text("name"), form.text("phone"), form.text("email"));
        let mut invalid = Map::new();
        if name.trim().is_empty() {
            invalid.insert("name".into(), "Поле Имя обязательно для заполнения.".into());
        }
        if phone.trim().is_empty() {
            invalid.insert(
                "phone".into(),
                "Поле Телефон обязательно для заполнения.".into(),
            );
        }
        let others = || self.clients.iter().filter(|c| Some(c.id) != id);
        if !email.is_empty() && others().any(|c| c.email.eq_ignore_ascii_case(&email)) {
            invalid.insert("email".into(), "Поле Email должно быть уникальным.".into());
        }
        if !phone.is_empty() && others().any(|c| c.phone == phone) {
            invalid.insert(
                "phone".into(),
                "Поле Телефон должно быть уникальным.".into(),
            );
        }
        let Some(limit) = form
            .get("limit")
            .map_or(Some(0), crate::amounts::parse_cents)
        else {
            invalid.insert("limit".into(), "Поле Лимит должно быть числом.".into());
            return Value::Object(invalid);
        };
        if !invalid.is_empty() {
            return Value::Object(invalid);
        }
        let now = self.now();
        let legal = form
            .checked("is_wholesaler")
            .then(|| form.nested("wholesalers"));
        let fields = |client: &mut Client| {
            client.name = name.clone();
            client.phone = phone.clone();
            client.email = email.clone();
            client.address = form.text("address");
            client.point_id = form.id("point_id");
            client.manager_id = form.id("manager_id");
            client.group_id = form.id("group_id");
            client.shipping_id = form.id("shipping_id");
            client.limit = limit;
            client.comment = form.text("comment");
            client.active = form.checked("status");
            client.legal = legal.clone();
            client.date_modified = now.clone();
        };
        match id {
            Some(id) => {
                let client = self
                    .clients
                    .iter_mut()
                    .find(|c| c.id == id)
                    .expect("checked above");
                fields(client);
                success(Some("Данные клиента обновлены."))
            }
            None => {
                let mut client = Client {
                    id: self.next_id(),
                    phone: String::new(),
                    name: String::new(),
                    address: String::new(),
                    email: String::new(),
                    date_added: now.clone(),
                    date_modified: now.clone(),
                    legal: None,
                    group_id: 0,
                    manager_id: 0,
                    point_id: 0,
                    active: false,
                    comment: String::new(),
                    shipping_id: 0,
                    balance: 0,
                    debt: 0,
                    limit: 0,
                };
                fields(&mut client);
                self.clients.push(client);
                success(Some("Клиент успешно добавлен."))
            }
        }
    }

    fn balance_page(&self, client_id: u64, page: usize) -> Value {
        if self.client(client_id).is_none() {
            return error("Клиент не найден.");
        }
        if page == 0 {
            return error("Некорректные параметры страницы.");
        }
        let mut transactions: Vec<&Transaction> = self
            .transactions
            .iter()
            .filter(|t| t.client_id == client_id)
            .collect();
        transactions.reverse();
        let (shown, pages) = page_of(&transactions, page, TRANSACTIONS_PER_PAGE);
        let list: Vec<Value> = shown
            .into_iter()
            .map(|t| json!({"date": t.date, "amount": money(t.amount), "comment": t.comment}))
            .collect();
        json!({"pages": pages, "transactions": list, "page": page})
    }

    fn record(&mut self, client_id: u64, amount: Kopecks, comment: String) {
        let date = self.now();
        self.transactions.push(Transaction {
            client_id,
            date,
            amount,
            comment,
        });
        if let Some(client) = self.clients.iter_mut().find(|c| c.id == client_id) {
            client.balance += amount;
        }
    }

    fn add_transaction(&mut self, client_id: u64, form: &Form) -> Value {
        if self.client(client_id).is_none() {
            return error("Клиент не найден.");
        }
        let Some(amount) = form.get("amount").and_then(crate::amounts::parse_cents) else {
            return error("Недостаточно параметров.");
        };
        self.record(client_id, amount, form.text("description"));
        success(Some("Операция добавлена."))
    }

    fn position_json(&self, position: &Position) -> Value {
        let client = self.client(position.client_id);
        let status = self.statuses.iter().find(|s| s.id == position.status_id);
        let shipping = self
            .shipping_types
            .iter()
            .find(|s| s.id == position.shipping_id);
        let history: Vec<Value> = position
            .history
            .iter()
            .map(|h| {
                let status = self.statuses.iter().find(|s| s.id == h.status_id);
                json!({
                    "date": h.date,
                    "color": text_or_null(status.map(|s| s.color.as_str())),
                    "status": text_or_null(status.map(|s| s.name.as_str())),
                    "manager": h.manager,
                })
            })
            .collect();
        json!({
            "id": string(position.id),
            "client_id": string(position.client_id),
            "client_name": text_or_null(client.map(|c| c.name.as_str())),
            "wholesaler_info": client.map_or_else(String::new, wholesaler_info),
            "is_wholesaler": flag(client.is_some_and(|c| c.legal.is_some())),
            "date_added": position.date_added,
            "date_modified": position.date_modified,
            "distributor_id": string(position.distributor_id),
            "distributor_name": position.distributor_name,
            "invoice": position.invoice,
            "brand": position.brand,
            "article": position.article,
            "comment": {"client_comment": ""},
            "name": position.name,
            "status_name": text_or_null(status.map(|s| s.name.as_str())),
            "deny_request": "0",
            "status_color": text_or_null(status.map(|s| s.color.as_str())),
            "shipping_id": string(position.shipping_id),
            "shipping_address": position.shipping_address,
            "shipping_name": text_or_null(shipping.map(|s| s.name.as_str())),
            "deliverytime_max": "0",
            "deliverytime_min": "0",
            "initial_price": money(position.initial_price),
            "price": money(position.price),
            "doc_id": position.doc_id.map_or(Value::Null, string),
            "total": money(position.total()),
            "quantity": string(position.quantity),
            "is_archived": flag(position.is_archived),
            "status_id": string(position.status_id),
            "is_payed": flag(position.is_payed),
            "history": history,
            "is_denied": flag(position.is_denied),
        })
    }

    fn positions(&self, filters: &Filters) -> Value {
        let (page, per_page) = match filters.paging() {
            Ok(paging) => paging,
            Err(answer) => return answer,
        };
        let ids = filters.ids("order_ids");
        let client = |p: &Position| self.client(p.client_id);
        let mut matching: Vec<&Position> = self
            .positions
            .iter()
            .filter(|p| ids.as_ref().is_none_or(|ids| ids.contains(&p.id)))
            .filter(|p| filters.equals("invoice", &p.invoice))
            .filter(|p| filters.equals("article", &p.article))
            .filter(|p| filters.contains("name", &p.name))
            .filter(|p| {
                filters
                    .id("manager_id")
                    .is_none_or(|m| client(p).is_some_and(|c| c.manager_id == m))
            })
            .filter(|p| filters.id("shipping_id").is_none_or(|s| s == p.shipping_id))
            .filter(|p| {
                filters
                    .id("point_id")
                    .is_none_or(|o| client(p).is_some_and(|c| c.point_id == o))
            })
            .filter(|p| {
                filters
                    .id("distributor_id")
                    .is_none_or(|d| d == p.distributor_id)
            })
            .filter(|p| filters.id("order_status").is_none_or(|s| s == p.status_id))
            .filter(|p| {
                filters
                    .flag("is_payed")
                    .is_none_or(|paid| paid == p.is_payed)
            })
            .filter(|p| filters.flag("unignore_archived") == Some(true) || !p.is_archived)
            .filter(|p| filters.equals("brand", &p.brand))
            .filter(|p| {
                let client = client(p);
                filters.contains("client_name", client.map_or("", |c| &c.name))
                    || client.is_some_and(|c| filters.contains("client_name", &wholesaler_info(c)))
            })
            .filter(|p| {
                filters
                    .id("client_group")
                    .is_none_or(|g| client(p).is_some_and(|c| c.group_id == g))
            })
            .filter(|p| filters.in_dates(&p.date_added))
            .collect();
        matching.sort_by_key(|item| std::cmp::Reverse(item.id));
        let (shown, pages) = page_of(&matching, page, per_page);
        let orders: Vec<Value> = shown.into_iter().map(|p| self.position_json(p)).collect();
        json!({"orders": orders, "filters": filters.echo(per_page), "pages": pages})
    }

    fn position_index(&self, id: u64) -> Option<usize> {
        self.positions.iter().position(|p| p.id == id)
    }

    fn change_status(&mut self, index: usize, status_id: u64) {
        let now = self.now();
        let position = &mut self.positions[index];
        position.status_id = status_id;
        position.date_modified = now.clone();
        position.history.push(HistoryEntry {
            date: now,
            status_id,
            manager: "Сотрудник API".into(),
        });
    }

    fn set_status(&mut self, id: u64, form: &Form) -> Value {
        let status_id = form.id("status_id");
        if !self.statuses.iter().any(|s| s.id == status_id) {
            return error("Недостаточно параметров.");
        }
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        self.change_status(index, status_id);
        success(Some("Статус установлен успешно."))
    }

    fn deny(&mut self, id: u64) -> Value {
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        self.positions[index].is_denied = true;
        if self.statuses.iter().any(|s| s.id == 5) {
            self.change_status(index, 5);
        }
        success(Some("Позиция снята"))
    }

    fn pay(&mut self, id: u64) -> Value {
        let Some(index) = self.position_index(id) else {
            return error("Нет подходящих заказов.");
        };
        let position = self.positions[index].clone();
        let Some(client) = self.client(position.client_id).cloned() else {
            return error("Нет подходящих заказов.");
        };
        let who = Some(wholesaler_info(&client))
            .filter(|info| !info.is_empty())
            .unwrap_or_else(|| client.name.clone());
        let total = position.total();
        if position.is_payed {
            self.record(
                client.id,
                total,
                format!("Отмена оплаты позиции {}", position.label()),
            );
            self.positions[index].is_payed = false;
            let shown = money(total);
            return success(Some(&format!(
                "На счёт клиента {who} отправлено {}₽ ",
                shown.as_str().unwrap_or_default()
            )));
        }
        if client.balance < total {
            let shown = money(total - client.balance);
            return error(&format!(
                "Недостаточно средств на балансе клиента {who} , необходимо пополнить баланс на {}₽",
                shown.as_str().unwrap_or_default()
            ));
        }
        self.record(
            client.id,
            -total,
            format!("Оплата позиции {}", position.label()),
        );
        self.positions[index].is_payed = true;
        success(Some(&format!("Выбранные позиции клиента {who} оплачены.")))
    }

    fn archive(&mut self, id: u64, archived: bool) -> Value {
        let index = self
            .position_index(id)
            .filter(|&i| self.positions[i].is_archived != archived);
        match (index, archived) {
            (Some(index), true) => {
                self.positions[index].is_archived = true;
                success(Some("1 заказов отправлено в архив."))
            }
            (Some(index), false) => {
                self.positions[index].is_archived = false;
                success(Some(
                    "Заказ разархивирован и появился в основном списке заказов.",
                ))
            }
            (None, true) => error("Не удалось отправить заказы в архив."),
            (None, false) => error("Не найдено подходящих заказов."),
        }
    }

    fn documents(&mut self, ids: &str) -> Value {
        let ids: Vec<u64> = ids.split(',').map(id_of).collect();
        let indexes: Option<Vec<usize>> = ids.iter().map(|&id| self.position_index(id)).collect();
        let Some(indexes) = indexes.filter(|i| !i.is_empty()) else {
            return error("Нет подходящих заказов.");
        };
        let doc_id = self.next_doc_id;
        self.next_doc_id += 1;
        for index in indexes {
            self.positions[index].doc_id = Some(doc_id);
        }
        success(Some("Документы сгенерированы."))
    }
}

/// `ООО "Рога и Копыта"` for a legal entity, `""` otherwise.
fn wholesaler_info(client: &Client) -> String {
    client.legal.as_ref().map_or_else(String::new, |legal| {
        format!(
            "{} \"{}\"",
            legal.get("type").map_or("", String::as_str),
            legal.get("org_name").map_or("", String::as_str)
        )
    })
}

fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_the_panel_prints_it() {
        for (kopecks, text) in [
            (395_900, "3959"),
            (395_807, "3958.07"),
            (-10_900, "-109"),
            (1050, "10.5"),
            (7, "0.07"),
        ] {
            assert_eq!(money(kopecks), Value::from(text));
            assert_eq!(crate::amounts::parse_cents(text), Some(kopecks));
        }
    }

    #[test]
    fn encoded_slashes_stay_in_their_segment() {
        assert_eq!(
            segments("/panel/client/filter/email/a%2Fb%40c").unwrap(),
            ["panel", "client", "filter", "email", "a/b@c"]
        );
    }
}
