//! Conformance checks of the protocol crates against the APIs' documents.
//!
//! The checks themselves are the integration tests in `tests/`:
//! - `endpoints.rs`: every endpoint, one module per API and endpoint, with one
//!   module per [`Check`]: tests are named `<api>::<endpoint>::<check>::<case>`.
//! - `quirks.rs`: property tests of the shared wire decoders, one module per
//!   row of `docs/quirks.md`.
//!
//! This library holds what the tests and `cargo xtask conformance` share: the
//! [`CATALOGUE`] of endpoints and which checks apply to each, the fixture
//! [`Manifest`], and [`render_request`] for snapshots.
#![forbid(unsafe_code)]

/// The README's Rust blocks, compiled and run as doctests. Its quickstart's
/// body is cfg'd on a feature of the `shop-apis` crate, so here it compiles
/// to an empty `main`; it runs as that crate's README doctest (the same
/// text, held equal by tidy) and in CI's scratch project.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeQuickstart;

use std::path::PathBuf;

use serde::Deserialize;

/// A kind of check every endpoint gets; a column of the conformance table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Requests are built as the document says, validated, byte-identical on repeat.
    RequestBuilt,
    /// Every fixture of the document parses (or is refused) as expected.
    FixturesParsed,
    /// Error statuses, foreign bodies and broken JSON give the right typed error.
    ErrorCases,
    /// Property tests: any input is handled, valid input round-trips.
    Properties,
    /// Build → a real server → parse, through the adapters.
    EndToEnd,
    /// Build → emulator → parse for generated inputs: the emulator receives
    /// what the user meant, the client decodes what the emulator meant.
    Generated,
}

impl Check {
    /// Every check, in table order.
    pub const ALL: [Check; 6] = [
        Check::RequestBuilt,
        Check::FixturesParsed,
        Check::ErrorCases,
        Check::Properties,
        Check::EndToEnd,
        Check::Generated,
    ];

    /// The module name the check's tests live in.
    pub fn module(self) -> &'static str {
        match self {
            Check::RequestBuilt => "request_built",
            Check::FixturesParsed => "fixtures_parsed",
            Check::ErrorCases => "error_cases",
            Check::Properties => "properties",
            Check::EndToEnd => "end_to_end",
            Check::Generated => "generated",
        }
    }

    /// The column heading.
    pub fn title(self) -> &'static str {
        match self {
            Check::RequestBuilt => "request built",
            Check::FixturesParsed => "fixtures parsed",
            Check::ErrorCases => "error cases",
            Check::Properties => "property tests",
            Check::EndToEnd => "end to end",
            Check::Generated => "generated round trip",
        }
    }
}

/// One endpoint of one API, and the checks that cannot run yet.
#[derive(Debug, Clone, Copy)]
pub struct Endpoint {
    /// The API's module name in `tests/endpoints.rs` (`"qnits"`).
    pub api: &'static str,
    /// The endpoint's module name (`"create_order"`).
    pub module: &'static str,
    /// The endpoint as the document names it.
    pub title: &'static str,
    /// Checks that are not possible yet, with the reason; every other check is required.
    pub pending: &'static [(Check, &'static str)],
}

impl Endpoint {
    /// Why `check` cannot run yet, if it cannot.
    pub fn pending_reason(&self, check: Check) -> Option<&'static str> {
        self.pending
            .iter()
            .find(|(c, _)| *c == check)
            .map(|(_, why)| *why)
    }
}

/// Every implemented endpoint. An endpoint listed here with a required check
/// that has no passing test is a gap, and `cargo xtask conformance` fails.
pub const CATALOGUE: &[Endpoint] = &[
    Endpoint {
        api: "qnits",
        module: "create_order",
        title: "CreateOrder (POST /api)",
        pending: &[],
    },
    saplab("list_managers", "ListManagers (GET /panel/manager)"),
    saplab(
        "list_shipping_types",
        "ListShippingTypes (GET /panel/order/shipping_type)",
    ),
    saplab(
        "create_shipping_type",
        "CreateShippingType (POST /panel/order/shipping_type)",
    ),
    saplab(
        "update_shipping_type",
        "UpdateShippingType (POST /panel/order/shipping_type/{id})",
    ),
    saplab(
        "remove_shipping_type",
        "RemoveShippingType (POST /panel/order/remove_shipping_type)",
    ),
    saplab("list_statuses", "ListStatuses (GET /panel/order/status)"),
    saplab("create_status", "CreateStatus (POST /panel/order/status)"),
    saplab(
        "update_status",
        "UpdateStatus (POST /panel/order/status/{id})",
    ),
    saplab(
        "remove_status",
        "RemoveStatus (POST /panel/order/remove_status)",
    ),
    saplab("list_groups", "ListGroups (GET /panel/client/group)"),
    saplab(
        "create_group",
        "CreateGroup (POST /panel/client/group_form)",
    ),
    saplab(
        "update_group",
        "UpdateGroup (POST /panel/client/group_form/{id})",
    ),
    saplab(
        "remove_group",
        "RemoveGroup (POST /panel/client/remove_group)",
    ),
    saplab("list_clients", "ListClients (GET /panel/client[/filter/…])"),
    saplab("get_client", "GetClient (GET /panel/client/form/{id})"),
    saplab("create_client", "CreateClient (POST /panel/client/form)"),
    saplab(
        "update_client",
        "UpdateClient (POST /panel/client/form/{id})",
    ),
    saplab("get_balance", "GetBalance (GET /panel/client/balance/{id})"),
    saplab(
        "add_transaction",
        "AddTransaction (POST /panel/client/add_transaction/{id})",
    ),
    saplab("list_orders", "ListOrders (GET /panel/order[/filter/…])"),
    saplab(
        "set_position_status",
        "SetPositionStatus (POST /panel/order/set_status/{id})",
    ),
    saplab("deny_position", "DenyPosition (GET /panel/order/deny/{id})"),
    saplab("pay_position", "PayPosition (GET /panel/order/pay/{id})"),
    saplab(
        "archive_position",
        "ArchivePosition (GET /panel/order/archive/{id})",
    ),
    saplab(
        "unarchive_position",
        "UnarchivePosition (GET /panel/order/unarchive/{id})",
    ),
    saplab(
        "create_documents",
        "CreateDocuments (GET /panel/order/documents/{ids})",
    ),
    ucoz(
        "list_delivery_methods",
        "ListDeliveryMethods (GET /shop/getshopdata/?page=deliverymethods)",
    ),
    ucoz(
        "list_payment_methods",
        "ListPaymentMethods (GET /shop/getshopdata/?page=paymentsmethods)",
    ),
    ucoz(
        "list_order_statuses",
        "ListOrderStatuses (GET /shop/getshopdata/?page=order_status_list)",
    ),
    ucoz(
        "list_order_groups",
        "ListOrderGroups (GET /shop/getshopdata/?page=order_hide_list)",
    ),
    ucoz(
        "list_order_fields",
        "ListOrderFields (GET /shop/getshopdata/?page=order_fields_list)",
    ),
    ucoz(
        "list_order_goods_fields",
        "ListOrderGoodsFields (GET /shop/getshopdata/?page=order_goods_fields_list)",
    ),
    ucoz("get_checkout", "GetCheckout (GET /shop/checkout/)"),
    ucoz(
        "recalc_checkout",
        "RecalcCheckout (PUT /shop/checkout/ mode=recalc)",
    ),
    ucoz(
        "change_checkout",
        "ChangeCheckout (PUT /shop/checkout/ mode=change)",
    ),
    ucoz(
        "place_order",
        "PlaceOrder (POST /shop/checkout/ mode=order)",
    ),
    ucoz("list_invoices", "ListInvoices (GET /shop/invoices/)"),
    ucoz(
        "set_invoices_group",
        "SetInvoicesGroup (PUT /shop/invoices/ mode=hide)",
    ),
    ucoz(
        "set_invoices_courier",
        "SetInvoicesCourier (PUT /shop/invoices/ mode=setCourier)",
    ),
    ucoz(
        "set_invoices_status",
        "SetInvoicesStatus (PUT /shop/invoices/ mode=status)",
    ),
    ucoz("list_baskets", "ListBaskets (GET /shop/usersbasket/)"),
    ucoz(
        "save_invoice_note",
        "SaveInvoiceNote (PUT /shop/checkout/ mode=inv_note_save)",
    ),
    ucoz("get_order", "GetOrder (GET /shop/order/)"),
    ucoz("add_goods", "AddGoods (POST /shop/order/)"),
    ucoz(
        "change_order_contents",
        "ChangeOrderContents (PUT /shop/order/)",
    ),
    ucoz(
        "change_order_field",
        "ChangeOrderField (PUT /shop/invoices/ mode=inv_chfld_save)",
    ),
];

/// A uCoz endpoint, every check required.
const fn ucoz(module: &'static str, title: &'static str) -> Endpoint {
    Endpoint {
        api: "ucoz",
        module,
        title,
        pending: &[],
    }
}

/// A SapLab endpoint, every check required.
const fn saplab(module: &'static str, title: &'static str) -> Endpoint {
    Endpoint {
        api: "saplab",
        module,
        title,
        pending: &[],
    }
}

/// The workspace's `fixtures/` folder.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures")
}

/// A folder's `manifest.json`: every fixture of one API with its provenance.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The API (`"qnits"`), also the folder's name.
    pub api: String,
    /// The seed document the fixtures come from.
    pub seed: String,
    /// The fixtures.
    pub fixtures: Vec<Fixture>,
}

/// One fixture; see `fixtures/README.md` for the fields.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fixture {
    /// The file in the API's folder.
    pub file: String,
    /// The endpoint, as the document names it.
    pub endpoint: String,
    /// `request` or `response`.
    pub role: Role,
    /// For a response, the status it comes with.
    #[serde(default)]
    pub status: Option<u16>,
    /// For a response, what parsing it must give.
    #[serde(default)]
    pub expect: Option<Expect>,
    /// `verbatim`, `repaired`, `constructed` or `live`.
    pub provenance: Provenance,
    /// The seed's lines.
    pub lines: String,
    /// For a repaired fixture, every change made.
    #[serde(default)]
    pub repairs: Vec<String>,
    /// What a reader should know.
    pub note: String,
}

/// Whether a fixture is a request or a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A request body.
    Request,
    /// A response body.
    Response,
}

/// What parsing a response fixture must give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expect {
    /// The endpoint's output.
    Ok,
    /// The service's refusal, as an API error.
    ApiError,
}

/// Where a fixture comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// Copied as published.
    Verbatim,
    /// A verbatim example that is not valid JSON, made valid.
    Repaired,
    /// Built from the document's field table.
    Constructed,
    /// Answered by a real shop to `cargo xtask conformance --live`, scrubbed.
    Live,
}

impl Manifest {
    /// Reads `fixtures/<api>/manifest.json`.
    pub fn load(api: &str) -> Manifest {
        let path = fixtures_dir().join(api).join("manifest.json");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The bytes of one of this API's fixtures.
    pub fn read(&self, file: &str) -> Vec<u8> {
        let path = fixtures_dir().join(&self.api).join(file);
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }
}

/// A request as text for a snapshot: method and URI, headers, a blank line,
/// the body as sent. Each of `secrets` is replaced by `[redacted]`.
pub fn render_request(request: &http::Request<Vec<u8>>, secrets: &[&str]) -> String {
    let mut text = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        text.push_str(&format!(
            "{name}: {}\n",
            String::from_utf8_lossy(value.as_bytes())
        ));
    }
    text.push('\n');
    text.push_str(&String::from_utf8_lossy(request.body()));
    for secret in secrets.iter().filter(|s| !s.is_empty()) {
        text = text.replace(secret, "[redacted]");
    }
    text
}

/// Percent-decodes one path segment (`%XX` to a byte, anything else as is),
/// written here independently of the encoders under test. `None` for a
/// broken escape or bytes that are not UTF-8.
///
/// ```
/// assert_eq!(conformance::percent_decode("a%2Fb%D0%98").as_deref(), Some("a/bИ"));
/// assert_eq!(conformance::percent_decode("%2"), None);
/// ```
pub fn percent_decode(segment: &str) -> Option<String> {
    let bytes = segment.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Reads SapLab's path filters (`{base}/filter/key/value/…`) back into
/// decoded key-value pairs, in order, independently of the encoder; `None` if
/// the path is not `base` followed by whole pairs of well-escaped segments.
///
/// ```
/// assert_eq!(
///     conformance::path_filters("/panel/client/filter/phone/%2B7/page/2", "/panel/client"),
///     Some(vec![("phone".into(), "+7".into()), ("page".into(), "2".into())])
/// );
/// assert_eq!(conformance::path_filters("/panel/client", "/panel/client"), Some(vec![]));
/// assert_eq!(conformance::path_filters("/panel/client/filter/phone", "/panel/client"), None);
/// ```
pub fn path_filters(path: &str, base: &str) -> Option<Vec<(String, String)>> {
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let segments: Vec<&str> = rest.strip_prefix("/filter/")?.split('/').collect();
    if !segments.len().is_multiple_of(2) {
        return None;
    }
    segments
        .chunks(2)
        .map(|pair| Some((percent_decode(pair[0])?, percent_decode(pair[1])?)))
        .collect()
}

/// order, written here independently of the encoder under test.
///
/// # Panics
///
/// On a body that is not a well-formed form (a test failure).
///
/// ```
/// assert_eq!(
///     conformance::decode_form(b"a%5Bb%5D=c+d&e="),
///     vec![("a[b]".to_owned(), "c d".to_owned()), ("e".to_owned(), String::new())]
/// );
/// ```
pub fn decode_form(body: &[u8]) -> Vec<(String, String)> {
    let text = std::str::from_utf8(body).expect("a form body is ASCII");
    if text.is_empty() {
        return Vec::new();
    }
    let unescape = |part: &str| {
        percent_decode(&part.replace('+', " ")).unwrap_or_else(|| panic!("bad escape in {part:?}"))
    };
    text.split('&')
        .map(|pair| {
            let (key, value) = pair
                .split_once('=')
                .unwrap_or_else(|| panic!("no '=' in {pair:?}"));
            (unescape(key), unescape(value))
        })
        .collect()
}
