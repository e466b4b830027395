//! What the fuzz targets share: the table of every response decoder (the
//! same file the hostile-input tests use) and the input layout of the
//! decoder targets.
//!
//! A decoder target's input is one byte choosing the endpoint (its index
//! among the API's endpoints sorted by name), one byte choosing the status
//! ([`STATUSES`]), and the body; `cargo xtask fuzz` seeds each target with
//! every response fixture of its API in that layout.
#![forbid(unsafe_code)]

#[path = "../../conformance/tests/reliability/decoders.rs"]
pub mod decoders;

/// The statuses a decoder target chooses from (index = the input's second byte).
pub const STATUSES: [u16; 10] = [200, 201, 204, 400, 401, 403, 404, 422, 500, 502];

/// Feeds `data` to one of `api`'s decoders: `Ok` or a typed error, or the
/// fuzzer has found a panic. An error's text must stay small.
pub fn decode(api: &str, data: &[u8]) {
    let [which, status, body @ ..] = data else {
        return;
    };
    let mut decoders: Vec<_> = decoders::all()
        .into_iter()
        .filter(|d| d.api() == api)
        .collect();
    decoders.sort_by_key(|d| d.endpoint());
    let decoder = decoders[usize::from(*which) % decoders.len()];
    let status = STATUSES[usize::from(*status) % STATUSES.len()];
    if let Err(error) = (decoder.parse)(status, body) {
        let text = proto_core::report(&error);
        assert!(
            text.len() < 4096,
            "{decoder:?}: an error of {} bytes",
            text.len()
        );
    }
}
