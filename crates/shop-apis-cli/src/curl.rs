//! A built request as a curl command line a POSIX shell runs as printed:
//! what `--dry-run` shows.

use shop_apis::http::Request;

/// What stands for a secret in a printed request.
pub(crate) const REDACTED: &str = "[redacted]";

/// `request` as a curl command: its method, URL, every header and the body,
/// byte for byte. With `hidden` secrets, sensitive headers and each secret's
/// text (raw, percent-encoded or JSON-escaped) wherever it appears are
/// `[redacted]`; with `None`, everything is shown. `cacert` is passed on as
/// `--cacert`.
///
/// The error is a body that is not UTF-8, which a shell word cannot hold
/// exactly (no endpoint builds one).
pub(crate) fn command(
    request: &Request<Vec<u8>>,
    hidden: Option<&[String]>,
    cacert: Option<&std::path::Path>,
) -> Result<String, String> {
    let secrets = hidden.unwrap_or_default();
    let redact = |text: &str| redact(text, secrets);
    let mut words = vec![
        "curl".to_owned(),
        "--silent".to_owned(),
        "--show-error".to_owned(),
        "--request".to_owned(),
        request.method().as_str().to_owned(),
    ];
    if let Some(path) = cacert {
        words.push("--cacert".to_owned());
        words.push(quote(&path.display().to_string()));
    }
    words.push(quote(&redact(&request.uri().to_string())));
    for (name, value) in request.headers() {
        let value = if value.is_sensitive() && hidden.is_some() {
            REDACTED.to_owned()
        } else {
            let text = String::from_utf8_lossy(value.as_bytes());
            redact(&text)
        };
        words.push("--header".to_owned());
        words.push(quote(&format!("{name}: {value}")));
    }
    if !request.body().is_empty() {
        let body = std::str::from_utf8(request.body()).map_err(|_| {
            "the request's body is not text, which curl's command line cannot hold exactly"
                .to_owned()
        })?;
        words.push("--data-binary".to_owned());
        words.push(quote(&redact(body)));
    }
    Ok(words.join(" "))
}

/// `text` in single quotes for a POSIX shell: every byte as itself,
/// line breaks too, a quote written `'\''`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// `text` with every secret, as itself, percent-encoded or JSON-escaped, replaced.
fn redact(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_owned();
    for secret in secrets.iter().filter(|secret| !secret.is_empty()) {
        let escaped = serde_json::to_string(secret).unwrap_or_default();
        let escaped = escaped.trim_matches('"');
        for form in [secret.as_str(), &percent_encoded(secret), escaped] {
            if !form.is_empty() {
                text = text.replace(form, REDACTED);
            }
        }
    }
    text
}

/// `text` with every byte but the unreserved ones as `%XX`, as forms and
/// OAuth encode it.
fn percent_encoded(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> Request<Vec<u8>> {
        let mut request = Request::post("https://shop.example/api?q=a%20b")
            .header("content-type", "application/json")
            .body(br#"{"token":"s3cr/et","name":"O'Brien"}"#.to_vec())
            .unwrap();
        let mut authorization = shop_apis::http::HeaderValue::from_static("Basic bWFuOnB3");
        authorization.set_sensitive(true);
        request.headers_mut().insert("authorization", authorization);
        request
    }

    #[test]
    fn a_request_is_printed_whole_with_its_secrets_redacted() {
        let command = command(&request(), Some(&["s3cr/et".to_owned()]), None).unwrap();
        assert_eq!(
            command,
            r#"curl --silent --show-error --request POST 'https://shop.example/api?q=a%20b' --header 'content-type: application/json' --header 'authorization: [redacted]' --data-binary '{"token":"[redacted]","name":"O'\''Brien"}'"#
        );
    }

    #[test]
    fn a_sensitive_header_is_hidden_even_when_no_secret_is_listed() {
        let command = command(&request(), Some(&[]), None).unwrap();
        assert!(command.contains(r#""token":"s3cr/et""#), "{command}");
        assert!(command.contains("'authorization: [redacted]'"), "{command}");
    }

    #[test]
    fn shown_secrets_are_printed_as_sent() {
        let path = std::path::Path::new("/tmp/root.pem");
        let command = command(&request(), None, Some(path)).unwrap();
        assert!(command.contains(r#""token":"s3cr/et""#), "{command}");
        assert!(
            command.contains("'authorization: Basic bWFuOnB3'"),
            "{command}"
        );
        assert!(command.contains("--cacert '/tmp/root.pem'"), "{command}");
        assert!(!command.contains(REDACTED), "{command}");
    }

    #[test]
    fn a_secret_is_found_percent_encoded_and_json_escaped() {
        let secrets = ["a/b\"c".to_owned()];
        assert_eq!(redact("x=a%2Fb%22c&y", &secrets), "x=[redacted]&y");
        assert_eq!(
            redact(r#"{"t":"a/b\"c"}"#, &secrets),
            r#"{"t":"[redacted]"}"#
        );
    }
}
