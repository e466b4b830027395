//! Benchmarks of the protocol crates, and the workloads they run.
//!
//! Each workload is a page in `fixtures/bench/` (made by
//! `fixtures/bench/generator.rs`, compiled in here as [`generator`]) and is
//! decoded three ways:
//!
//! - **typed**: this project's decode, through the endpoint's own
//!   [`Endpoint::response`], unknown fields kept;
//! - **naive**: what a hand-written client does, `serde_json::Value` first,
//!   then conversion into the same types;
//! - **floor**: a plain serde derive ([`floor`]) over the page's native form,
//!   with no quirk and no unknown-field handling.
//!
//! `benches/` times them with criterion; `src/bin/bench-report.rs` turns the
//! measurements into the table `cargo xtask bench` prints.

use std::path::PathBuf;

use http::Response;
use serde::de::DeserializeOwned;
use serde_json::Value;
use shop_apis_core::Endpoint;

pub mod alloc;
pub mod building;
pub mod floor;
#[path = "../../fixtures/bench/generator.rs"]
pub mod generator;
pub mod peers;
pub mod signing;

/// The pages decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SapLab `GET /panel/order`: positions with their history.
    SaplabOrders,
    /// SapLab `GET /panel/client`.
    SaplabClients,
    /// uCoz `GET /shop/invoices`.
    UcozInvoices,
    /// uCoz `GET /shop/order/`: one order's goods lines.
    UcozOrder,
    /// uCoz `GET /shop/usersbasket/`.
    UcozBaskets,
}

impl Kind {
    /// Every page, in the report's order.
    pub const ALL: [Kind; 5] = [
        Kind::SaplabOrders,
        Kind::SaplabClients,
        Kind::UcozInvoices,
        Kind::UcozOrder,
        Kind::UcozBaskets,
    ];

    /// The generator of this page with `items` items.
    pub fn generate(self, items: usize) -> generator::Page {
        match self {
            Kind::SaplabOrders => generator::saplab_orders(items),
            Kind::SaplabClients => generator::saplab_clients(items),
            Kind::UcozInvoices => generator::ucoz_invoices(items),
            Kind::UcozOrder => generator::ucoz_order(items),
            Kind::UcozBaskets => generator::ucoz_baskets(items),
        }
    }

    /// The size of the page kept in `fixtures/bench/`.
    pub fn fixture_items(self) -> usize {
        match self {
            Kind::SaplabOrders | Kind::SaplabClients | Kind::UcozBaskets => 150,
            Kind::UcozInvoices => 20,
            Kind::UcozOrder => 100,
        }
    }

    /// The fixture's file stem (`saplab_orders_150`).
    pub fn fixture_name(self) -> String {
        let stem = match self {
            Kind::SaplabOrders => "saplab_orders",
            Kind::SaplabClients => "saplab_clients",
            Kind::UcozInvoices => "ucoz_invoices",
            Kind::UcozOrder => "ucoz_order",
            Kind::UcozBaskets => "ucoz_baskets",
        };
        format!("{stem}_{}", self.fixture_items())
    }

    /// Decodes `wire` the project's way; returns how many items it holds.
    pub fn typed(self, wire: &[u8]) -> Result<usize, shop_apis_core::Error> {
        let response = || Response::new(wire);
        Ok(match self {
            Kind::SaplabOrders => saplab_proto::ListOrders::default()
                .response(response())?
                .orders
                .len(),
            Kind::SaplabClients => saplab_proto::ListClients::default()
                .response(response())?
                .clients
                .len(),
            Kind::UcozInvoices => ucoz_proto::ListInvoices::default()
                .response(response())?
                .orders
                .len(),
            Kind::UcozOrder => {
                let hash = ucoz_proto::OrderHash::new("bench").expect("a valid hash");
                order_lines(ucoz_proto::GetOrder::new(hash).response(response())?)
            }
            Kind::UcozBaskets => ucoz_proto::ListBaskets::default()
                .response(response())?
                .users_baskets
                .len(),
        })
    }

    /// Decodes `wire` the naive way: a `Value` tree, then the same types.
    pub fn naive(self, wire: &[u8]) -> Result<usize, serde_json::Error> {
        let value: Value = serde_json::from_slice(wire)?;
        Ok(match self {
            Kind::SaplabOrders => convert::<saplab_proto::Orders>(value)?.orders.len(),
            Kind::SaplabClients => convert::<saplab_proto::Clients>(value)?.clients.len(),
            Kind::UcozInvoices => convert::<ucoz_proto::Invoices>(success(value))?
                .orders
                .len(),
            // The page has the documented shape; the naive way picks no shape.
            Kind::UcozOrder => order_lines(ucoz_proto::OrderView::Details(Box::new(convert::<
                ucoz_proto::OrderDetails,
            >(
                success(value),
            )?))),
            Kind::UcozBaskets => convert::<ucoz_proto::Baskets>(success(value))?
                .users_baskets
                .len(),
        })
    }

    /// Decodes the page's native form into the floor's plain structs.
    pub fn floor(self, native: &[u8]) -> Result<usize, serde_json::Error> {
        use floor::Success;
        Ok(match self {
            Kind::SaplabOrders => read::<floor::Orders>(native)?.orders.len(),
            Kind::SaplabClients => read::<floor::Clients>(native)?.clients.len(),
            Kind::UcozInvoices => read::<Success<floor::Invoices>>(native)?
                .success
                .orders
                .len(),
            Kind::UcozOrder => read::<Success<floor::OrderDetails>>(native)?
                .success
                .order_goods
                .goods
                .len(),
            Kind::UcozBaskets => read::<Success<floor::Baskets>>(native)?
                .success
                .users_baskets
                .len(),
        })
    }
}

/// The floor reads its page as the typed decode does (`json::decode`): one
/// UTF-8 check of the whole body, then serde_json over `str`, which spares
/// it a check of every unescaped string. Read with `from_slice`, as plain
/// serde code often is, the floor costs about 15% more instructions.
fn read<'a, T: serde::Deserialize<'a>>(native: &'a [u8]) -> Result<T, serde_json::Error> {
    let text = std::str::from_utf8(native).map_err(serde::de::Error::custom)?;
    serde_json::from_str(text)
}

/// The naive client's conversion from its `Value` into the typed answer.
fn convert<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    T::deserialize(value)
}

/// `{"success": X}` → `X`, as the naive client unwraps uCoz's envelope.
fn success(mut value: Value) -> Value {
    value
        .get_mut("success")
        .map(Value::take)
        .unwrap_or(Value::Null)
}

fn order_lines(view: ucoz_proto::OrderView) -> usize {
    match view {
        ucoz_proto::OrderView::Details(details) => details.order_goods.goods.len(),
        ucoz_proto::OrderView::Listed(list) => list.orders.len(),
        _ => 0,
    }
}

/// A page read from `fixtures/bench/`, in both forms.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Which page.
    pub kind: Kind,
    /// How many items.
    pub items: usize,
    /// The wire form.
    pub wire: Vec<u8>,
    /// The native form, for the floor.
    pub native: Vec<u8>,
}

/// The committed page of `kind`, as a path (for the peers, which read it
/// themselves).
pub fn fixture_path(kind: Kind) -> PathBuf {
    fixtures_dir().join(format!("{}.json", kind.fixture_name()))
}

/// `fixtures/bench/` in this checkout.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/bench")
}

/// Reads the committed page of `kind`.
pub fn fixture(kind: Kind) -> std::io::Result<Fixture> {
    let dir = fixtures_dir();
    let name = kind.fixture_name();
    Ok(Fixture {
        kind,
        items: kind.fixture_items(),
        wire: std::fs::read(dir.join(format!("{name}.json")))?,
        native: std::fs::read(dir.join(format!("{name}.native.json")))?,
    })
}

/// Makes sure a page decodes all three ways to the same number of items, so
/// that no benchmark times an early error.
pub fn check(kind: Kind, wire: &[u8], native: &[u8], items: usize) -> Result<(), String> {
    let typed = kind
        .typed(wire)
        .map_err(|e| format!("{kind:?} typed: {e}"))?;
    let naive = kind
        .naive(wire)
        .map_err(|e| format!("{kind:?} naive: {e}"))?;
    let floor = kind
        .floor(native)
        .map_err(|e| format!("{kind:?} floor: {e}"))?;
    if [typed, naive, floor] != [items; 3] {
        return Err(format!(
            "{kind:?}: typed {typed}, naive {naive}, floor {floor} items, expected {items}"
        ));
    }
    Ok(())
}
