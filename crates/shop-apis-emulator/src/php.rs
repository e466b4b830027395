//! JSON the way PHP's `json_encode` writes it by default.

use serde_json::Value;

/// Encodes `value` like PHP's `json_encode` with no flags: every non-ASCII
/// character as `\uXXXX` (UTF-16 units) and `/` as `\/`.
pub(crate) fn json_encode(value: &Value) -> Vec<u8> {
    let plain = serde_json::to_string(value).expect("a Value always serializes");
    let mut out = String::with_capacity(plain.len() + plain.len() / 4);
    for c in plain.chars() {
        match c {
            // Outside strings serde_json writes neither, so this touches only string contents.
            '/' => out.push_str("\\/"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_php() {
        let value = serde_json::json!({"status": "Ок", "url": "http://a/b", "e": "😀"});
        let text = String::from_utf8(json_encode(&value)).unwrap();
        assert_eq!(
            text,
            r#"{"e":"\ud83d\ude00","status":"\u041e\u043a","url":"http:\/\/a\/b"}"#
        );
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), value);
    }
}
