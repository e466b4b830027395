//! What the HTTP adapters (`shop-apis-reqwest`, `shop-apis-hyper`) share, so that each
//! of them is only the code that drives its HTTP library.
//!
//! - [`Clock`] and [`NonceSource`]: the time and nonces protocol crates may not
//!   make themselves; the system ones by default, fixed ones for tests.
//! - [`RetryPolicy`]: opt-in retries with exponential backoff and full jitter.
//!   A failure *before* the request was sent may be retried for any endpoint;
//!   one whose *outcome is unknown* only for safe and idempotent endpoints.
//!   `Retry-After` on 429 and 503 is honoured.
//! - [`TransportError`] and [`Error`]: transport failures kept apart from the
//!   protocol's own errors, with the endpoint named.
//! - [`Transport`] / [`BlockingTransport`] and [`call`] / [`call_blocking`]:
//!   the one loop that builds, sends, retries and parses. An adapter
//!   implements a transport; it never names an API.
//! - [`Config`] and [`RootCertificate`]: what every adapter lets a user set,
//!   certificate authorities to trust besides the TLS backend's own among it.
//! - [`Shop`] / [`BlockingShop`]: a client bound to one shop, and paged lists
//!   walked as a [`Stream`] or an [`Iterator`].
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

mod body;
mod call;
mod clock;
mod config;
mod error;
mod nonce;
mod retry;
mod shop;
mod tls;

pub use body::BodyBuffer;
pub use call::{BlockingTransport, Caller, Transport, call, call_blocking};
pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
pub use error::{BoxError, Delivery, Error, SetupError, TransportError, find_cause};
pub use nonce::{CountingNonce, NonceSource, RandomNonce};
pub use shop::{Adapter, BlockingAdapter, BlockingShop, Shop};
pub use tls::{InvalidCertificate, RootCertificate};

/// Re-exported: what [`Shop::pages`] and [`Shop::items`] return.
pub use futures_core::Stream;
/// Re-exported: `next`, `collect` and the rest for [`Stream`]s.
pub use futures_util::StreamExt;
pub use retry::{Failure, RetryPolicy};
