//! Reliability and security promises, each kept by the tests of one module
//! (`docs/reliability.md` lists them):
//! - `dropout`: every answer survives a field left out or sent empty
//!   (requiredness);
//! - `hostile`: any bytes or JSON into every decoder give `Ok` or a typed
//!   error, in bounded time and with a bounded error;
//! - `validation`: input that could split a header or a path is refused
//!   before anything is sent;
//! - `secrets`: credentials never print, never reach a URL;
//! - `serialised`: every answer serialises to clean JSON that reads back as
//!   the same value;
//! - `faults`: each adapter reports each transport fault as the right typed
//!   error, retries only what may be repeated;
//! - `load`: no order is lost or doubled under concurrency and faults;
//! - `tls`: every endpoint over HTTPS through every adapter and TLS
//!   backend; an untrusted certificate is a TLS error, not sent.

// Shared with `endpoints.rs`, which uses the rest of it.
#[allow(dead_code)]
#[path = "endpoints/harness.rs"]
mod harness;
#[macro_use]
#[path = "reliability/decoders.rs"]
mod decoders;
#[path = "reliability/dropout.rs"]
mod dropout;
#[path = "reliability/faults.rs"]
mod faults;
#[path = "reliability/hostile.rs"]
mod hostile;
#[path = "reliability/load.rs"]
mod load;
#[path = "reliability/secrets.rs"]
mod secrets;
#[path = "reliability/serialised.rs"]
mod serialised;
#[path = "reliability/tls.rs"]
mod tls;
#[path = "reliability/validation.rs"]
mod validation;
