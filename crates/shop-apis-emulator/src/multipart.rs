//! `multipart/form-data` request bodies, as uCoz's helper `uAPImodule.php`
//! v2.3 has cURL send POST and PUT: read with `multer` (the parser axum
//! uses), not by hand. Each part is one field, its value as sent; the uCoz
//! handler then verifies the signature over these fields exactly as over a
//! url-encoded body's.

use std::convert::Infallible;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use bytes::Bytes;

/// The fields of `body` when `headers` name a `multipart/form-data` body:
/// `None` for any other (or no) `Content-Type`, `Some(Err)` for a multipart
/// body without a boundary, a broken body, a part without a name, or a value
/// that is not UTF-8.
pub(crate) fn fields(
    headers: &http::HeaderMap,
    body: &[u8],
) -> Option<Result<Vec<(String, String)>, String>> {
    let content_type = headers.get(http::header::CONTENT_TYPE)?.to_str().ok()?;
    let boundary = match multer::parse_boundary(content_type) {
        Ok(boundary) => boundary,
        Err(multer::Error::NoBoundary) => {
            return Some(Err("multipart/form-data without a boundary".into()));
        }
        Err(_) => return None,
    };
    let chunk = Bytes::copy_from_slice(body);
    let stream = futures_util::stream::once(std::future::ready(Ok::<_, Infallible>(chunk)));
    let mut multipart = multer::Multipart::new(stream, boundary);
    let read = async move {
        let mut fields = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
            let name = field
                .name()
                .ok_or_else(|| "a multipart part without a name".to_owned())?
                .to_owned();
            let value = field.bytes().await.map_err(|e| e.to_string())?;
            let value = String::from_utf8(value.to_vec())
                .map_err(|_| format!("{name}: the value is not UTF-8"))?;
            fields.push((name, value));
        }
        Ok(fields)
    };
    Some(complete(read).unwrap_or_else(|| Err("the multipart body did not parse".into())))
}

/// Runs `future` to its end without a runtime: the whole body is already in
/// memory, so the parser never waits. `None` if it would.
fn complete<F: Future>(future: F) -> Option<F::Output> {
    let mut future = std::pin::pin!(future);
    let mut context = Context::from_waker(Waker::noop());
    // The in-memory stream is always ready; a few polls at most are needed.
    for _ in 0..16 {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return Some(output);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use std::time::{SystemTime, UNIX_EPOCH};

    use base64::Engine;
    use hmac::{Hmac, Mac};
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    use sha1::Sha1;

    use super::*;
    use crate::server::ApiRequest;
    use crate::ucoz;

    fn content_type(value: &str) -> http::HeaderMap {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::CONTENT_TYPE, value.parse().unwrap());
        headers
    }

    /// `fields` framed as libcurl writes a PHP array.
    fn curl_body(boundary: &str, fields: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::new();
        for (name, value) in fields {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            ));
        }
        body.push_str(&format!("--{boundary}--\r\n"));
        body.into_bytes()
    }

    const BOUNDARY: &str = "------------------------93d21ebe28d47298";

    #[test]
    fn fields_as_sent_in_order() {
        let sent = [
            ("a[b]", "c d"),
            ("empty", ""),
            ("fld2", "Москва\r\nкв. 5 & \"код\""),
            ("oauth_signature", "VPku%2BLQ%3D"),
        ];
        let headers = content_type(&format!("multipart/form-data; boundary={BOUNDARY}"));
        let fields = fields(&headers, &curl_body(BOUNDARY, &sent))
            .unwrap()
            .unwrap();
        let expected: Vec<(String, String)> = sent
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        assert_eq!(fields, expected);
    }

    #[test]
    fn other_bodies_are_not_multipart() {
        let body = b"a=1";
        assert!(fields(&http::HeaderMap::new(), body).is_none());
        let form = content_type("application/x-www-form-urlencoded; charset=UTF-8");
        assert!(fields(&form, body).is_none());
        let no_boundary = content_type("multipart/form-data");
        assert!(fields(&no_boundary, body).unwrap().is_err());
        let multipart = content_type(&format!("multipart/form-data; boundary={BOUNDARY}"));
        assert!(
            fields(&multipart, b"not a multipart body")
                .unwrap()
                .is_err()
        );
        let cut = curl_body(BOUNDARY, &[("a", "1")]);
        assert!(fields(&multipart, &cut[..cut.len() - 10]).unwrap().is_err());
    }

    const PHP_URLENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

    fn php_encode(text: &str) -> String {
        utf8_percent_encode(text, PHP_URLENCODE).to_string()
    }

    /// `params` and the OAuth ones as helper 2.3 signs them (for `url`), the
    /// signature once URL-encoded and last.
    fn signed(
        method: &str,
        url: &str,
        params: &[(&str, &str)],
        nonce: &str,
    ) -> Vec<(String, String)> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let mut all: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        for (k, v) in [
            ("oauth_version", "1.0"),
            ("oauth_timestamp", &now.to_string()),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_consumer_key", ucoz::CONSUMER_KEY),
            ("oauth_token", ucoz::TOKEN),
        ] {
            all.push((k.to_owned(), v.to_owned()));
        }
        all.sort();
        let parameters = all
            .iter()
            .map(|(k, v)| format!("{}={}", php_encode(k), php_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let base = format!("{method}&{}&{}", php_encode(url), php_encode(&parameters));
        let key = format!("{}&{}", ucoz::CONSUMER_SECRET, ucoz::TOKEN_SECRET);
        let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).unwrap();
        mac.update(base.as_bytes());
        let signature =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        all.push(("oauth_signature".into(), php_encode(&signature)));
        all
    }

    /// The uCoz handler verifies a multipart body's signature as a
    /// url-encoded body's, and refuses a wrong one in either form.
    #[test]
    fn the_ucoz_handler_verifies_both_forms() {
        let emulator = ucoz::Ucoz::new();
        let host = "http://127.0.0.1:1/ucoz";
        let path = "/uapi/shop/checkout//";
        let params = [("mode", "recalc"), ("cnt_6", "2")];
        for (n, multipart) in [(0, false), (1, true), (2, false), (3, true)] {
            let tamper = n >= 2;
            let mut fields = signed("PUT", &format!("{host}{path}"), &params, &format!("n{n}"));
            if tamper {
                fields.iter_mut().find(|(k, _)| k == "cnt_6").unwrap().1 = "3".into();
            }
            let (headers, body) = if multipart {
                let pairs: Vec<(&str, &str)> = fields
                    .iter()
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect();
                (
                    content_type(&format!("multipart/form-data; boundary={BOUNDARY}")),
                    curl_body(BOUNDARY, &pairs),
                )
            } else {
                let body = fields
                    .iter()
                    .map(|(k, v)| format!("{}={}", php_encode(k), php_encode(v)))
                    .collect::<Vec<_>>()
                    .join("&");
                (
                    content_type("application/x-www-form-urlencoded; charset=UTF-8"),
                    body.into_bytes(),
                )
            };
            let reply = emulator.handle(
                &ApiRequest {
                    method: &http::Method::PUT,
                    path,
                    query: None,
                    headers: &headers,
                    body: &body,
                },
                host,
            );
            let text = String::from_utf8(reply.body).unwrap();
            if tamper {
                assert_eq!(reply.status, 401, "{multipart}: {text}");
                assert!(text.contains("Invalid signature"), "{text}");
            } else {
                assert_eq!(reply.status, 200, "{multipart}: {text}");
                assert!(text.contains("\"success\""), "{text}");
            }
        }
        let broken = emulator.handle(
            &ApiRequest {
                method: &http::Method::PUT,
                path,
                query: None,
                headers: &content_type("multipart/form-data"),
                body: b"",
            },
            host,
        );
        assert_eq!(broken.status, 400);
    }
}
