//! What the HTTP adapters (`proto-reqwest`, `proto-hyper`) share, so that each
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
#![forbid(unsafe_code)]

mod body;
mod call;
mod clock;
mod config;
mod error;
mod nonce;
mod retry;

pub use body::BodyBuffer;
pub use call::{BlockingTransport, Caller, Transport, call, call_blocking};
pub use clock::{Clock, FixedClock, SystemClock};
pub use config::Config;
pub use error::{BoxError, Delivery, Error, SetupError, TransportError, find_cause};
pub use nonce::{CountingNonce, NonceSource, RandomNonce};
pub use retry::{Failure, RetryPolicy};
