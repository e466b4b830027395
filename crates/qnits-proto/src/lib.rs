//! A Sans-IO client for the Qnits API, which takes orders from external
//! storefronts into the Qnits platform.
//!
//! **What it does.** [`CreateOrder`], the API's one method, is built into an
//! [`http::Request`] (`POST {base}/api` with a JSON body) and its answer parsed
//! into an [`OrderCreated`] or a typed [`Error`](shop_apis_core::Error). The input is
//! checked before anything is built: a blank name, no products, a zero quantity,
//! a token pasted with a Cyrillic letter in it are errors, not requests.
//!
//! **What it does not do.** No sockets, no runtime, no clock, no randomness, no
//! environment: the same input always gives the same bytes. To send requests,
//! use an adapter crate of this workspace (reqwest or hyper), or any HTTP stack
//! through the [`Endpoint`](shop_apis_core::Endpoint) trait.
//!
//! **Key types.** [`Qnits`] (where the API is and the credentials),
//! [`CreateOrder`] (the order, an [`Endpoint`](shop_apis_core::Endpoint)),
//! [`OrderCreated`] (the answer).
//!
//! ```
//! use shop_apis_core::{Endpoint, Stamp};
//! use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
//!
//! let qnits = Qnits::public(Credentials::new(1, "541c4a59bdad87039c7ae8df6af14785")?);
//! let order = CreateOrder::new(
//!     "Иванов Иван",
//!     "79123211232",
//!     ExternalId::from_order_id(2643)?,
//!     vec![Product::new(ProductId::new(1000587), 1), Product::new(ProductId::new(3044), 2)],
//! );
//! let request = order.request(&qnits, &Stamp::new(0, ""))?;
//! assert_eq!(request.uri(), "https://api.qnits.ru/api");
//!
//! // … send `request` with any HTTP client, then:
//! let answer = http::Response::builder()
//!     .status(201)
//!     .body(&br#"{"status":"\u041e\u043a","order_id":"715","order_url":"https://qnits.ru/o/715"}"#[..])?;
//! let created = order.response(answer)?;
//! assert_eq!(created.order_id.get(), 715);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![forbid(unsafe_code)]

mod api;
mod orders;

pub use api::{Credentials, QnitId, Qnits};
pub use orders::{CreateOrder, ExternalId, OrderCreated, OrderId, Product, ProductId};
