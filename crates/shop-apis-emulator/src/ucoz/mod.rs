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
//! invoices 1 and 2, two abandoned baskets, the shop's reference data), with
//! a few records more so that every filter of the lists has a visible effect
//! (`seed.rs`); checkout walks the basket through recalc and change into a
//! new invoice. Every parameter the document lists is honoured; where it
//! leaves the effect to the shop's settings, the module of the resource says
//! how the emulator reads it.
//!
//! A test can switch `page` off for the paged lists
//! ([`Ucoz::ignore_page_parameter`]), to answer as a server that does not
//! take it.
//!
//! One module per resource, as in the client crate: `checkout`, `invoices`,
//! `order`, `notes`, `baskets`, `shop_data`; `goods` writes lines and money,
//! `dates` reads the filters' periods, `envelope` reads parameters and wraps
//! answers, `oauth` verifies.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::server::{ApiRequest, Reply};

mod baskets;
mod checkout;
mod dates;
mod envelope;
mod goods;
mod invoices;
mod notes;
mod oauth;
mod order;
mod seed;
mod shop_data;

use baskets::AbandonedBasket;
use checkout::Basket;
use envelope::param;
use goods::{Line, Product};
use invoices::Invoice;

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

/// Money in cents.
type Cents = i64;

#[derive(Debug)]
struct State {
    products: Vec<Product>,
    basket: Basket,
    invoices: Vec<Invoice>,
    baskets: Vec<AbandonedBasket>,
    /// The site's users, and the guests registered when ordering.
    users: Vec<User>,
    next_record: u64,
    tick: u64,
}

/// A user of the site.
#[derive(Debug, Clone)]
struct User {
    id: u64,
    login: String,
    email: String,
}

/// The uCoz site's state.
#[derive(Debug)]
pub struct Ucoz {
    state: Mutex<State>,
    /// Nonces seen, with their request's timestamp: kept only while that
    /// timestamp is fresh, since a stale one is refused anyway.
    nonces: Mutex<HashMap<String, u64>>,
    /// Whether the paged lists drop `page` (after the signature is checked).
    ignores_page: AtomicBool,
}

impl Ucoz {
    pub(crate) fn new() -> Self {
        Ucoz {
            state: Mutex::new(seed::seeded()),
            nonces: Mutex::new(HashMap::new()),
            ignores_page: AtomicBool::new(false),
        }
    }

    /// Answers as a site that does not take the page parameter: with
    /// `ignore` on, the invoice list and the abandoned baskets drop `page`
    /// (once the signature over it is verified) and serve their first page
    /// to every request, saying `"page": 1` and `"paginator_page": 1`.
    /// `getshopdata`, where `page` names the data asked for, is unchanged.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// let emulator = shop_apis_emulator::Emulator::start().await?;
    /// emulator.ucoz().ignore_page_parameter(true);
    /// assert!(emulator.ucoz().ignores_page_parameter());
    /// # Ok(())
    /// # }
    /// ```
    pub fn ignore_page_parameter(&self, ignore: bool) {
        self.ignores_page.store(ignore, Ordering::Relaxed);
    }

    /// Whether the page parameter is ignored ([`Ucoz::ignore_page_parameter`]).
    pub fn ignores_page_parameter(&self) -> bool {
        self.ignores_page.load(Ordering::Relaxed)
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

    /// Replaces every person's data of the state with values from `make`
    /// (see `Emulator::fill_personal_fields`).
    pub(crate) fn fill_personal(&self, make: &mut dyn FnMut(crate::Personal) -> String) {
        seed::fill_personal(&mut self.state.lock().unwrap(), make);
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
        let params = match envelope::params(request) {
            Ok(params) => params,
            Err(why) => return envelope::refused(400, &why),
        };
        let url = format!("{host_url}{}", request.path);
        if let Err(why) = self.authenticate(request, &url, &params) {
            return envelope::refused(401, why);
        }
        let Some(route) = request.path.strip_prefix("/uapi/shop/") else {
            return Reply::text(404, "Not Found");
        };
        let route = route.trim_end_matches('/');
        let mut params = params;
        if self.ignores_page_parameter() && matches!(route, "invoices" | "usersbasket") {
            params.retain(|(key, _)| key != "page");
        }
        let get = |key: &str| param(&params, key);
        let mode = get("mode").unwrap_or_default();
        let method = request.method.as_str();
        let mut state = self.state.lock().unwrap();
        let answer = match (method, route, mode) {
            ("GET", "checkout", _) => state.view_checkout(&params),
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
            ("GET", "usersbasket", _) => state.abandoned_baskets(&params),
            ("GET", "getshopdata", _) => shop_data::shop_data(get("page").unwrap_or_default()),
            _ => return Reply::text(404, "Not Found"),
        };
        envelope::answer(answer)
    }
}
