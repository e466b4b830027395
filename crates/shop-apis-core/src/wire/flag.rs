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
