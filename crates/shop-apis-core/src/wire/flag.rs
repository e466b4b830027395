//! W3: a boolean sent as `"0"`/`"1"`, `0`/`1` or `true`/`false`.
//!
//! Nothing else is a boolean: `"true"`, `"yes"`, `2` and `""` are errors (see
//! [`option`] for fields where `null` and `""` mean "not set"). On the way out
//! forms take `"1"`/`"0"`, see [`form_value`].
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Status {
//!     #[serde(deserialize_with = "shop_apis_core::wire::flag::deserialize")]
//!     sms: bool,
//! }
//! for (json, expected) in [(r#""1""#, true), ("0", false), ("true", true)] {
//!     let status: Status = serde_json::from_str(&format!(r#"{{"sms": {json}}}"#)).unwrap();
//!     assert_eq!(status.sms, expected);
//! }
//! assert!(serde_json::from_str::<Status>(r#"{"sms": "yes"}"#).is_err());
//! ```

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Decodes a boolean in any of the APIs' spellings.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    deserializer.deserialize_any(FlagVisitor)
}

/// The form-field spelling of a boolean: `"1"` or `"0"`.
///
/// ```
/// assert_eq!(shop_apis_core::wire::flag::form_value(true), "1");
/// ```
pub fn form_value(value: bool) -> &'static str {
    if value { "1" } else { "0" }
}

struct FlagVisitor;

impl Visitor<'_> for FlagVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean: \"0\", \"1\", 0, 1, false or true")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v {
            "0" => Ok(false),
            "1" => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

/// W3 for optional fields: also `null`, `""` and absence (with `#[serde(default)]`) give `None`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Row {
///     #[serde(default, deserialize_with = "shop_apis_core::wire::flag::option::deserialize")]
///     is_payed: Option<bool>,
/// }
/// let row: Row = serde_json::from_str(r#"{"is_payed": null}"#).unwrap();
/// assert_eq!(row.is_payed, None);
/// ```
pub mod option {
    use super::*;

    /// Decodes an optional boolean.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<bool>, D::Error> {
        deserializer.deserialize_any(OptionVisitor)
    }

    struct OptionVisitor;

    impl Visitor<'_> for OptionVisitor {
        type Value = Option<bool>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a boolean (\"0\", \"1\", 0, 1, false, true), \"\" or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<bool>, E> {
            Ok(None)
        }

        fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<bool>, E> {
            Ok(Some(v))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<bool>, E> {
            FlagVisitor.visit_u64(v).map(Some)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<bool>, E> {
            FlagVisitor.visit_i64(v).map(Some)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<bool>, E> {
            if v.is_empty() {
                return Ok(None);
            }
            FlagVisitor.visit_str(v).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;
    use serde::de::value::Error;

    #[derive(Debug, serde::Deserialize)]
    struct Status {
        #[serde(deserialize_with = "super::deserialize")]
        sms: bool,
        #[serde(default, deserialize_with = "super::option::deserialize")]
        is_payed: Option<bool>,
    }

    fn sms(json: &str) -> Result<bool, serde_json::Error> {
        serde_json::from_str::<Status>(&format!(r#"{{"sms": {json}}}"#)).map(|s| s.sms)
    }

    fn is_payed(json: &str) -> Result<Option<bool>, serde_json::Error> {
        serde_json::from_str::<Status>(&format!(r#"{{"sms": 0, "is_payed": {json}}}"#))
            .map(|s| s.is_payed)
    }

    #[test]
    fn each_spelling_of_a_flag_is_its_value_and_nothing_else_is_one() {
        for (json, value) in [
            ("true", true),
            ("false", false),
            ("1", true),
            ("0", false),
            (r#""1""#, true),
            (r#""0""#, false),
        ] {
            assert_eq!(sms(json).ok(), Some(value), "{json}");
            assert_eq!(is_payed(json).ok(), Some(Some(value)), "{json}");
        }
        for refused in ["2", "-1", r#""true""#, r#""""#, "null", "[]"] {
            assert!(sms(refused).is_err(), "{refused}");
        }
        for refused in ["2", "-1", r#""true""#, r#"" ""#, "[]"] {
            assert!(is_payed(refused).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_signed_zero_or_one_is_a_flag_too() {
        // serde_json hands over only negative numbers as signed; other
        // formats may send any.
        for (number, value) in [(0i64, false), (1, true)] {
            let flag = super::deserialize(IntoDeserializer::<Error>::into_deserializer(number));
            assert_eq!(flag, Ok(value));
            let optional =
                super::option::deserialize(IntoDeserializer::<Error>::into_deserializer(number));
            assert_eq!(optional, Ok(Some(value)));
        }
    }

    #[test]
    fn an_optional_flag_is_none_only_when_null_empty_or_absent() {
        assert_eq!(is_payed("null").unwrap(), None);
        assert_eq!(is_payed(r#""""#).unwrap(), None);
        let absent = serde_json::from_str::<Status>(r#"{"sms": 1}"#).unwrap();
        assert_eq!(absent.is_payed, None);
    }

    #[test]
    fn a_value_that_is_no_flag_says_what_was_expected() {
        let error = sms(r#""yes""#).unwrap_err().to_string();
        let expected = r#"expected a boolean: "0", "1", 0, 1, false or true"#;
        assert!(error.contains(expected), "{error}");
        // A number other than 0 or 1 is refused by the flag's own reading.
        let error = is_payed("2").unwrap_err().to_string();
        assert!(error.contains(r#"expected a boolean: "0""#), "{error}");
        let error = is_payed("[]").unwrap_err().to_string();
        let expected = r#"expected a boolean ("0", "1", 0, 1, false, true), "" or null"#;
        assert!(error.contains(expected), "{error}");
    }

    #[test]
    fn forms_take_one_and_zero() {
        assert_eq!(
            (super::form_value(true), super::form_value(false)),
            ("1", "0")
        );
    }
}
