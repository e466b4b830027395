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
//!   `/filter/page/{n}` like the lists (S18); a test can switch the page
//!   filter off ([`SapLab::ignore_page_parameter`]) to answer as a panel
//!   that does not take it;
//! - time is a logical clock: every change is one second after the last.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use base64::Engine;

use crate::server::{ApiRequest, Reply};

mod balances;
mod clients;
mod groups;
mod managers;
mod orders;
mod outcome;
mod paging;
mod seed;
mod shipping_types;
mod statuses;

use balances::Transaction;
use clients::Client;
use groups::Group;
use orders::{HistoryEntry, Position};
use outcome::error;
use paging::Filters;
use shipping_types::ShippingType;
use statuses::Status;

/// The emulator's employee login.
pub const LOGIN: &str = "manager";
/// The emulator's employee password.
pub const PASSWORD: &str = "emulator-password";

/// Money in kopecks.
type Kopecks = i64;

#[derive(Debug)]
struct State {
    /// Seconds of the logical clock since its start.
    tick: u64,
    /// The shop's employees, as listed.
    managers: Vec<serde_json::Value>,
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
    /// Whether the `page` filter is dropped before routing.
    ignores_page: AtomicBool,
}

impl SapLab {
    pub(crate) fn new() -> Self {
        SapLab {
            state: Mutex::new(seed::seeded()),
            ignores_page: AtomicBool::new(false),
        }
    }

    /// Replaces every person's data of the state with values from `make`
    /// (see `Emulator::fill_personal_fields`).
    pub(crate) fn fill_personal(&self, make: &mut dyn FnMut(crate::Personal) -> String) {
        seed::fill_personal(&mut self.state.lock().unwrap(), make);
    }

    /// Answers as a panel that does not take the page parameter: with
    /// `ignore` on, the `page/{n}` filter is dropped from every path before
    /// routing, so the lists and the balance serve their first page to
    /// every request (the balance saying `"page": 1`). The balance's page
    /// path is a guess (S18); this is the panel where the guess is wrong.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let emulator = shop_apis_emulator::Emulator::start().await?;
    /// emulator.saplab().ignore_page_parameter(true);
    /// assert!(emulator.saplab().ignores_page_parameter());
    /// # Ok(())
    /// # }
    /// ```
    pub fn ignore_page_parameter(&self, ignore: bool) {
        self.ignores_page.store(ignore, Ordering::Relaxed);
    }

    /// Whether the page parameter is ignored ([`SapLab::ignore_page_parameter`]).
    pub fn ignores_page_parameter(&self) -> bool {
        self.ignores_page.load(Ordering::Relaxed)
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
        let mut segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        if self.ignores_page_parameter() {
            segments = paging::without_page(segments);
        }
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_slashes_stay_in_their_segment() {
        assert_eq!(
            segments("/panel/client/filter/email/a%2Fb%40c").unwrap(),
            ["panel", "client", "filter", "email", "a/b@c"]
        );
    }
}
