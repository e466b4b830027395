//! What the fuzz targets share: the table of every response decoder (the
//! same file the hostile-input tests use) and the input layout of the
//! decoder targets.
//!
//! A decoder target's input is one byte choosing the endpoint (its index
//! among the API's endpoints sorted by name), two bytes giving the status
//! ([`status`]), and the body; `cargo xtask fuzz` seeds each target with
//! every response fixture of its API in that layout.
#![forbid(unsafe_code)]

#[path = "../../conformance/tests/reliability/decoders.rs"]
pub mod decoders;

/// The status two input bytes give: 100 plus their big-endian value, modulo
/// 500, so every status from 100 to 599 can be reached and a seed writes
/// `status - 100`.
pub fn status(bytes: [u8; 2]) -> u16 {
    100 + u16::from_be_bytes(bytes) % 500
}

/// Feeds `data` to one of `api`'s decoders: `Ok` or a typed error, or the
/// fuzzer has found a panic. An error's text must stay small.
pub fn decode(api: &str, data: &[u8]) {
    let [which, high, low, body @ ..] = data else {
        return;
    };
    let mut decoders: Vec<_> = decoders::all()
        .into_iter()
        .filter(|d| d.api() == api)
        .collect();
    decoders.sort_by_key(|d| d.endpoint());
    let decoder = decoders[usize::from(*which) % decoders.len()];
    let status = status([*high, *low]);
    if let Err(error) = (decoder.parse)(status, body) {
        let text = shop_apis_core::report(&error);
        assert!(
            text.len() < 4096,
            "{decoder:?}: an error of {} bytes",
            text.len()
        );
    }
}
