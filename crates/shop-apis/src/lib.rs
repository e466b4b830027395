#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

// What every API shares: `Endpoint`, `BaseUrl`, `Secret`, `Decimal`, the wire
// decoders, paging. The protocol error is `ProtocolError` here, because a
// call's error is the adapters' `Error`, which carries it.
pub use shop_apis_core::Error as ProtocolError;
pub use shop_apis_core::*;

pub use shop_apis_adapter::{
    Adapter, BlockingAdapter, BlockingShop, Clock, Config, CountingNonce, Delivery, Error,
    FixedClock, InvalidCertificate, NonceSource, RandomNonce, RetryPolicy, RootCertificate,
    SetupError, Shop, Stream, StreamExt, SystemClock, TransportError,
};

#[cfg(feature = "qnits")]
pub use qnits_proto as qnits;
#[cfg(feature = "saplab")]
pub use saplab_proto as saplab;
#[cfg(feature = "ucoz")]
pub use ucoz_proto as ucoz;

#[cfg(feature = "hyper")]
pub use shop_apis_hyper as hyper;
#[cfg(feature = "reqwest")]
pub use shop_apis_reqwest as reqwest;

#[cfg(feature = "emulator")]
pub use shop_apis_emulator as emulator;

/// Re-exported: requests and answers are `http` types.
pub use http;
/// Re-exported: unknown fields and free-form structures are JSON values.
pub use serde_json::{self, Value};
/// Re-exported: documented dates and times are `time` values.
pub use time;
