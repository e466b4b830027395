//! Shared contracts of the Sans-IO shop API crates.
//!
//! `qnits-proto`, `saplab-proto` and `ucoz-proto` build [`http::Request`] values and
//! parse [`http::Response`] bytes; this crate holds what they have in common:
//!
//! - [`Endpoint`] and [`Api`]: the one trait every endpoint implements, and the
//!   connection settings (base URL, credentials) it is built against. Adapters
//!   are generic over these two and need no API-specific code.
//! - [`Safety`]: whether repeating a request is harmless, which decides retries.
//! - [`Error`] and its parts ([`BuildError`], [`ApiError`], [`DecodeError`],
//!   [`UnexpectedStatus`]): everything that can go wrong short of the network.
//! - [`wire`]: decoders for the quirks of the wire (numbers as strings, `"0"`/`"1"`
//!   booleans, id-keyed objects, PHP's `[]` for an empty object), each written
//!   once and named in `docs/quirks.md`.
//! - [`Secret`]: a credential whose `Debug` and `Display` never show it.
//! - [`BaseUrl`]: where an API lives, with plain `http` only by explicit choice.
//! - [`encode`]: path segments and form bodies, encoded once for every API.
//! - [`paging`]: [`Paged`] lists, and one rule for when a list has a next page.
//! - [`open_set!`]: the one shape of every open set of codes or names.
//! - [`ReportUnknown`]: where a decoded answer holds fields the documents do not name.
//!
//! # No I/O
//! Nothing here opens a socket, reads a clock, draws a random number, reads the
//! environment or keeps global state. The current time and a nonce arrive as a
//! [`Stamp`] from whoever sends the request. The same inputs always give the
//! same bytes.
//!
//! # Calling order
//! ```
//! use shop_apis_core::{Api, Endpoint, Stamp};
//!
//! fn round_trip<E: Endpoint>(
//!     api: &E::Api,
//!     endpoint: &E,
//!     send: impl Fn(http::Request<Vec<u8>>) -> http::Response<Vec<u8>>,
//! ) -> Result<E::Output, shop_apis_core::Error> {
//!     // 1. build at a time and nonce (pure, validates input, signs where the API signs)
//!     let request = endpoint.request(api, &Stamp::new(1_700_000_000, "nonce-1"))?;
//!     // 2. send it with any HTTP stack
//!     let response = send(request);
//!     // 3. parse (pure, total: never panics)
//!     let (parts, body) = response.into_parts();
//!     endpoint.response(http::Response::from_parts(parts, body.as_slice()))
//! }
//! ```
#![forbid(unsafe_code)]

mod base_url;
pub mod encode;
mod endpoint;
mod error;
mod excerpt;
mod id;
pub mod json;
pub mod open_set;
pub mod paging;
mod recorded;
mod secret;
pub mod unknown;
pub mod validate;
pub mod wire;

pub use base_url::BaseUrl;
pub use endpoint::{Api, Endpoint, Safety, Stamp};
pub use error::{
    ApiError, ApiErrorDetail, BuildError, BuildErrorKind, DecodeError, Error, FieldError,
    RefusalKind, ResponseError, UnexpectedStatus, report,
};
pub use excerpt::BodyExcerpt;
pub use paging::Paged;
pub use recorded::Recorded;
pub use secret::Secret;
pub use unknown::ReportUnknown;

/// Re-exported so that protocol crates and their users name one decimal type.
pub use rust_decimal::Decimal;

pub use wire::unknown_fields::UnknownFields;

#[doc(hidden)]
pub mod __private {
    //! Items used by this crate's macros; not part of the public API.
    pub use serde;
}
