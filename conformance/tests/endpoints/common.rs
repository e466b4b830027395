//! What the endpoint checks of every API share.

use std::fmt::Debug;

use conformance::{Expect, Manifest, Provenance, Role};
use shop_apis_core::{Endpoint, ResponseError};

/// An answer with this status and body.
pub fn response(status: u16, body: &[u8]) -> http::Response<&[u8]> {
    http::Response::builder().status(status).body(body).unwrap()
}

/// Every response fixture of endpoint `name` parsed by `endpoint`, each
/// checked against its manifest entry (`ok` or `api_error`), returned by
/// file for snapshots. A response fixture with no `expect` must be a
/// verbatim example that is not JSON (its repaired copy is the one parsed).
pub fn parse_fixtures<E>(
    manifest: &Manifest,
    endpoint: &E,
    name: &str,
) -> Vec<(String, Result<E::Output, ResponseError>)>
where
    E: Endpoint,
    E::Output: Debug,
{
    let mut parsed = Vec::new();
    for fixture in manifest
        .fixtures
        .iter()
        .filter(|f| f.endpoint == name && f.role == Role::Response)
    {
        let body = manifest.read(&fixture.file);
        let Some(expect) = fixture.expect else {
            assert_eq!(fixture.provenance, Provenance::Verbatim, "{}", fixture.file);
            assert!(
                serde_json::from_slice::<serde_json::Value>(&body).is_err(),
                "{}: JSON, so it should say what parsing it gives",
                fixture.file
            );
            continue;
        };
        let result = endpoint.parse(response(fixture.status.unwrap(), &body));
        match expect {
            Expect::Ok => assert!(result.is_ok(), "{}: {result:?}", fixture.file),
            Expect::ApiError => assert!(
                matches!(result, Err(ResponseError::Api(_))),
                "{}: {result:?}",
                fixture.file
            ),
        }
        parsed.push((fixture.file.clone(), result));
    }
    assert!(!parsed.is_empty(), "no response fixture for {name}");
    parsed
}
