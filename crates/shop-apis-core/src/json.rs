//! Decoding a JSON body into a response type, with the path of any error.

use http::StatusCode;
use serde::Deserialize;

use crate::error::DecodeError;

/// Decodes `body` as `T`; on failure, says where in the JSON it failed.
///
/// Success costs one plain `serde_json` pass. Only when that fails is the body
/// decoded a second time with path tracking, so the error can name the field
/// (`$.orders[3].price`) without slowing down every good answer. Both passes
/// are bounded: `serde_json` refuses nesting deeper than 128 levels in what
/// it decodes, and skips an unknown field's value without recursing (it is
/// kept as its text, see `UnknownFields`).
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Page { items: Vec<u32> }
/// let status = http::StatusCode::OK;
/// assert_eq!(shop_apis_core::json::decode::<Page>(status, br#"{"items":[1,2]}"#).unwrap().items, [1, 2]);
/// let error = shop_apis_core::json::decode::<Page>(status, br#"{"items":[1,"x"]}"#).unwrap_err();
/// assert_eq!(error.path, "$.items[1]");
/// ```
pub fn decode<'a, T: Deserialize<'a>>(
    status: StatusCode,
    body: &'a [u8],
) -> Result<T, DecodeError> {
    // The answers are ASCII (PHP escapes every other character as `\uXXXX`),
    // so one check of the whole body is cheap, and reading it as `str` spares
    // serde_json a UTF-8 check of every string it unescapes: 13–14% of the
    // instructions of a page of Cyrillic text. A body that is not UTF-8 is
    // read as bytes, so its error is serde_json's own, as before.
    let decoded = match std::str::from_utf8(body) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(body),
    };
    decoded.map_err(|error| locate::<T>(status, body, error))
}

#[cold]
fn locate<'a, T: Deserialize<'a>>(
    status: StatusCode,
    body: &'a [u8],
    error: serde_json::Error,
) -> DecodeError {
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
        Err(tracked) => DecodeError::new(
            status,
            json_path(&tracked.path().to_string()),
            tracked.inner().to_string(),
            body,
        ),
        // The value decoded but something followed it ("trailing characters").
        Ok(_) => DecodeError::new(status, "$", error.to_string(), body),
    }
}

/// Turns serde_path_to_error's `a.b[0]` (and `.` for the root) into `$.a.b[0]`.
///
/// A `?` segment (the failure was inside a key not yet read, as in a
/// truncated body) is dropped, leaving the object that holds it.
fn json_path(tracked: &str) -> String {
    let tracked = tracked.trim_end_matches(".?").trim_end_matches('?');
    match tracked {
        "." | "" => "$".to_owned(),
        path if path.starts_with('[') => format!("${path}"),
        path => format!("$.{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Wrapper {
        inner: Vec<Inner>,
    }
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Inner {
        id: u64,
    }

    #[test]
    fn path_names_the_failing_element() {
        let error =
            decode::<Wrapper>(StatusCode::OK, br#"{"inner":[{"id":1},{"id":-1}]}"#).unwrap_err();
        assert_eq!(error.path, "$.inner[1].id");
    }

    #[test]
    fn root_errors_and_trailing_bytes() {
        assert_eq!(
            decode::<Wrapper>(StatusCode::OK, b"").unwrap_err().path,
            "$"
        );
        let trailing = decode::<Wrapper>(StatusCode::OK, br#"{"inner":[]} x"#).unwrap_err();
        assert_eq!(trailing.path, "$");
        assert!(
            trailing.message.contains("trailing"),
            "{}",
            trailing.message
        );
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let deep = "[".repeat(100_000);
        assert!(decode::<serde_json::Value>(StatusCode::OK, deep.as_bytes()).is_err());
    }
}
