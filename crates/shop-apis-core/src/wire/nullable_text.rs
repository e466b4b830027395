//! W4: text that may be `null`, `""` or absent, all meaning "not given".
//!
//! The servers write an unset text field as `null` in one answer and `""` in
//! the next (SapLab's `"manager": null` beside `"comment": ""`). Both decode to
//! `None`, so a caller tests one thing; any other string is `Some`, as sent.
//! A number or an object is an error, not silently turned into text.
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Row {
//!     #[serde(default, deserialize_with = "shop_apis_core::wire::nullable_text::deserialize")]
//!     comment: Option<String>,
//! }
//! for json in [r#"{"comment": null}"#, r#"{"comment": ""}"#, "{}"] {
//!     assert_eq!(serde_json::from_str::<Row>(json).unwrap().comment, None);
//! }
//! let row: Row = serde_json::from_str(r#"{"comment": "\u0442\u0435\u043a\u0441\u0442"}"#).unwrap();
//! assert_eq!(row.comment.as_deref(), Some("текст"));
//! ```

use std::fmt;

use serde::de::{self, Deserializer, Visitor};

/// Decodes optional text; `null` and `""` give `None`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(TextVisitor)
}

struct TextVisitor;

impl Visitor<'_> for TextVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok((!v.is_empty()).then(|| v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Option<String>, E> {
        Ok((!v.is_empty()).then_some(v))
    }
}

/// U16: a login where `null`, `0`, `"0"` and `""` all mean none (a
/// courier); other text as sent, another number as its digits.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Delivery {
///     #[serde(default, deserialize_with = "shop_apis_core::wire::nullable_text::zero_is_none")]
///     courier: Option<String>,
/// }
/// for json in [r#"{"courier": 0}"#, r#"{"courier": "0"}"#, r#"{"courier": ""}"#, r#"{"courier": null}"#, "{}"] {
///     assert_eq!(serde_json::from_str::<Delivery>(json).unwrap().courier, None);
/// }
/// let named: Delivery = serde_json::from_str(r#"{"courier": "Tom"}"#).unwrap();
/// assert_eq!(named.courier.as_deref(), Some("Tom"));
/// assert!(serde_json::from_str::<Delivery>(r#"{"courier": []}"#).is_err());
/// ```
pub fn zero_is_none<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(ZeroIsNone)
}

struct ZeroIsNone;

impl Visitor<'_> for ZeroIsNone {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a login, 0, \"0\", \"\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<String>, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<String>, E> {
        Ok((!v.is_empty() && v != "0").then(|| v.to_owned()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<String>, E> {
        Ok((v != 0).then(|| v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<String>, E> {
        Ok((v != 0).then(|| v.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[derive(Debug, serde::Deserialize)]
    struct Row {
        #[serde(default, deserialize_with = "super::deserialize")]
        comment: Option<String>,
        #[serde(default, deserialize_with = "super::zero_is_none")]
        courier: Option<String>,
    }

    fn row(json: serde_json::Value) -> Result<Row, serde_json::Error> {
        serde_json::from_value(json)
    }

    fn comment(json: &str) -> Result<Option<String>, serde_json::Error> {
        serde_json::from_str::<Row>(&format!(r#"{{"comment": {json}}}"#)).map(|row| row.comment)
    }

    fn courier(json: &str) -> Result<Option<String>, serde_json::Error> {
        serde_json::from_str::<Row>(&format!(r#"{{"courier": {json}}}"#)).map(|row| row.courier)
    }

    #[test]
    fn text_is_itself_and_only_null_or_empty_text_is_none() {
        assert_eq!(comment(r#""x""#).unwrap().as_deref(), Some("x"));
        assert_eq!(comment(r#""0""#).unwrap().as_deref(), Some("0"));
        assert_eq!(comment(r#""""#).unwrap(), None);
        assert_eq!(comment("null").unwrap(), None);
        // An owned string, as serde_json's `Value` hands its text over.
        assert_eq!(
            row(json!({"comment": "x"})).unwrap().comment.as_deref(),
            Some("x")
        );
        assert_eq!(row(json!({"comment": ""})).unwrap().comment, None);
        assert_eq!(row(json!({})).unwrap().comment, None);
    }

    #[test]
    fn a_login_of_zero_is_none_and_another_number_its_digits() {
        for none in ["0", r#""0""#, r#""""#, "null"] {
            assert_eq!(courier(none).unwrap(), None, "{none}");
        }
        for (json, login) in [
            (r#""Tom""#, "Tom"),
            (r#""00""#, "00"),
            ("7", "7"),
            ("-5", "-5"),
        ] {
            assert_eq!(courier(json).unwrap().as_deref(), Some(login), "{json}");
        }
    }

    #[test]
    fn a_value_that_is_no_text_says_what_was_expected() {
        let error = comment("5").unwrap_err().to_string();
        assert!(error.contains("expected a string or null"), "{error}");
        let error = courier("[]").unwrap_err().to_string();
        assert!(
            error.contains(r#"expected a login, 0, "0", "" or null"#),
            "{error}"
        );
    }
}
