//! A built request as a curl command line a POSIX shell runs as printed:
//! what `--dry-run` shows.

use shop_apis::Secret;
use shop_apis::http::Request;

/// What stands for a secret in a printed request.
pub(crate) const REDACTED: &str = "[redacted]";

/// `request` as a curl command: its method, URL, every header and the body,
/// byte for byte. With `hidden` secrets, these are `[redacted]`: sensitive
/// headers (SapLab's Basic credentials, a Bearer token), each secret's text
/// (raw, percent- or form-encoded, or JSON-escaped) wherever it appears
/// (Qnits' token in the body), and the values of the parameters in
/// [`HIDDEN_PARAMETERS`]; with `None`, everything is shown. `cacert` is
/// passed on as `--cacert`.
///
/// The error is a body that is not UTF-8, which a shell word cannot hold
/// exactly (no endpoint builds one).
pub(crate) fn command(
    request: &Request<Vec<u8>>,
    hidden: Option<&[Secret]>,
    cacert: Option<&std::path::Path>,
) -> Result<String, String> {
    let secrets = hidden.unwrap_or_default();
    let redact = |text: &str| {
        let text = redact(text, secrets);
        match hidden {
            Some(_) => HIDDEN_PARAMETERS
                .iter()
                .fold(text, |text, name| hide_parameter(&text, name)),
            None => text,
        }
    };
    let mut words = vec![
        "curl".to_owned(),
        "--silent".to_owned(),
        "--show-error".to_owned(),
        // The URL as built: no `[]{}` globbing.
        "--globoff".to_owned(),
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
        // `--data-binary @file` would read a file: such a body goes as it is.
        let flag = if body.starts_with('@') {
            "--data-raw"
        } else {
            "--data-binary"
        };
        words.push(flag.to_owned());
        words.push(quote(&redact(body)));
    }
    Ok(words.join(" "))
}

/// `text` in single quotes for a POSIX shell: every byte as itself,
/// line breaks too, a quote written `'\''`.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// Parameters whose values are credentials of their own: a client's
/// password in SapLab's card, and the OAuth signature, which would let
/// anyone replay the signed request while its timestamp holds.
pub(crate) const HIDDEN_PARAMETERS: [&str; 2] = ["password", "oauth_signature"];

/// `text` with every secret, as itself, percent- or form-encoded, or
/// JSON-escaped, replaced.
fn redact(text: &str, secrets: &[Secret]) -> String {
    let mut text = text.to_owned();
    let secrets = secrets.iter().map(Secret::expose);
    for secret in secrets.filter(|secret| !secret.is_empty()) {
        let quoted = serde_json::to_string(secret).unwrap_or_default();
        let escaped = quoted
            .get(1..quoted.len().saturating_sub(1))
            .unwrap_or_default();
        let forms = [
            secret.to_owned(),
            percent_encoded(secret, b"-._~", false),
            percent_encoded(secret, b"-._*", true),
            escaped.to_owned(),
        ];
        for form in forms.iter().filter(|form| !form.is_empty()) {
            text = text.replace(form.as_str(), REDACTED);
        }
    }
    text
}

/// `text` with every byte but letters, digits and `kept` as `%XX`, and a
/// space as `+` where `plus` (form encoding) or `%20` (RFC 3986, OAuth).
fn percent_encoded(text: &str, kept: &[u8], plus: bool) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || kept.contains(&byte) {
            out.push(char::from(byte));
        } else if byte == b' ' && plus {
            out.push('+');
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `text` with the value of parameter `name` replaced: in a query or a form
/// (`name=value`, up to the next `&`) and in a multipart part
/// (`name="name"`, the part's body).
fn hide_parameter(text: &str, name: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let pair = format!("{name}=");
    let part = format!("name=\"{name}\"\r\n\r\n");
    loop {
        let found = [&pair, &part]
            .into_iter()
            .filter_map(|marker| {
                let mut from = 0;
                while let Some(at) = rest[from..].find(marker.as_str()) {
                    let at = from + at;
                    // `name=` only as a whole parameter name.
                    let whole = marker == &part
                        || at == 0
                        || matches!(rest.as_bytes()[at - 1], b'?' | b'&' | b'\'' | b' ');
                    if whole {
                        return Some((at, marker));
                    }
                    from = at + 1;
                }
                None
            })
            .min_by_key(|(at, _)| *at);
        let Some((at, marker)) = found else {
            out.push_str(rest);
            return out;
        };
        let value_start = at + marker.len();
        out.push_str(&rest[..value_start]);
        let end_of_value = if marker == &part { "\r\n" } else { "&" };
        let value_end = rest[value_start..]
            .find(end_of_value)
            .map_or(rest.len(), |end| value_start + end);
        out.push_str(REDACTED);
        rest = &rest[value_end..];
    }
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
        let command = command(&request(), Some(&[Secret::new("s3cr/et")]), None).unwrap();
        assert_eq!(
            command,
            r#"curl --silent --show-error --globoff --request POST 'https://shop.example/api?q=a%20b' --header 'content-type: application/json' --header 'authorization: [redacted]' --data-binary '{"token":"[redacted]","name":"O'\''Brien"}'"#
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
    fn a_secret_is_found_percent_and_form_encoded_and_json_escaped() {
        let secrets = [Secret::new("a/b\"c d~")];
        assert_eq!(redact("x=a%2Fb%22c%20d~&y", &secrets), "x=[redacted]&y");
        assert_eq!(redact("x=a%2Fb%22c+d%7E&y", &secrets), "x=[redacted]&y");
        assert_eq!(
            redact(r#"{"t":"a/b\"c d~"}"#, &secrets),
            r#"{"t":"[redacted]"}"#
        );
        let quoted = [Secret::new("\"quoted\"")];
        assert_eq!(
            redact(r#"{"t":"\"quoted\""}"#, &quoted),
            r#"{"t":"[redacted]"}"#
        );
    }

    #[test]
    fn a_password_and_an_oauth_signature_are_hidden_wherever_they_travel() {
        let form = "name=A&password=p%40ss&oauth_signature=S1G%3D";
        let hidden = HIDDEN_PARAMETERS
            .iter()
            .fold(form.to_owned(), |text, name| hide_parameter(&text, name));
        assert_eq!(
            hidden,
            "name=A&password=[redacted]&oauth_signature=[redacted]"
        );
        let query = "https://s.example/uapi/shop/invoices?oauth_signature=S1G&page=2";
        assert_eq!(
            hide_parameter(query, "oauth_signature"),
            "https://s.example/uapi/shop/invoices?oauth_signature=[redacted]&page=2"
        );
        let multipart = "--b\r\nContent-Disposition: form-data; name=\"oauth_signature\"\r\n\r\nS1G\r\n--b--\r\n";
        assert_eq!(
            hide_parameter(multipart, "oauth_signature"),
            "--b\r\nContent-Disposition: form-data; name=\"oauth_signature\"\r\n\r\n[redacted]\r\n--b--\r\n"
        );
        // Only whole parameter names.
        assert_eq!(
            hide_parameter("new_password_hint=x&a=1", "password"),
            "new_password_hint=x&a=1"
        );
    }

    #[test]
    fn a_body_that_looks_like_a_file_name_is_sent_as_it_is() {
        let request = Request::post("https://shop.example/api")
            .body(b"@/etc/passwd".to_vec())
            .unwrap();
        let command = command(&request, None, None).unwrap();
        assert!(command.ends_with("--data-raw '@/etc/passwd'"), "{command}");
    }
}
