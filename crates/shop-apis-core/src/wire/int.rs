//! W1: an integer sent as a JSON number or as a string of digits.
//!
//! `"20"`, `20` and `"00020"` all decode to 20; `"-109"` to -109 where the type is
//! signed. A fraction, an exponent, spaces, an empty string, or a value that does
//! not fit the target type is an error (see [`option`] for fields where `null`
//! and `""` mean "none").
//!
//! ```
//! #[derive(serde::Deserialize)]
//! struct Client {
//!     #[serde(deserialize_with = "shop_apis_core::wire::int::deserialize")]
//!     id: u64,
//!     #[serde(deserialize_with = "shop_apis_core::wire::int::deserialize")]
//!     balance: i64,
//! }
//! let client: Client = serde_json::from_str(r#"{"id": "00002", "balance": "-109"}"#).unwrap();
//! assert_eq!((client.id, client.balance), (2, -109));
//! assert!(serde_json::from_str::<Client>(r#"{"id": "2.5", "balance": 0}"#).is_err());
//! ```

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// The integer types the decoder produces.
pub trait Integer:
    Copy + FromStr + TryFrom<u64> + TryFrom<i64> + TryFrom<i128> + sealed::Sealed
{
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Integer for $t {}
    )*};
}
integers!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

/// Parses the string spelling `-?[0-9]+` into `T`, if it fits: one pass
/// that checks and sums the digits (ids and counts are most of a page's
/// strings, so this is on every page's hot path).
pub(crate) fn parse<T: Integer>(text: &str) -> Option<T> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    if digits.is_empty() {
        return None;
    }
    let mut value: u128 = 0;
    for &byte in digits {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(u128::from(digit))?;
    }
    let value = i128::try_from(value).ok()?;
    if negative {
        // `-0` is no unsigned number, as `str::parse` has it.
        T::try_from(-1i128).ok()?;
        T::try_from(-value).ok()
    } else {
        T::try_from(value).ok()
    }
}

/// Decodes an integer given as a number or a string of digits.
pub fn deserialize<'de, D: Deserializer<'de>, T: Integer>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(IntegerVisitor(PhantomData))
}

struct IntegerVisitor<T>(PhantomData<T>);

impl<T: Integer> Visitor<'_> for IntegerVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer (a JSON number or a string of digits) that fits the field")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        T::try_from(v).map_err(|_| E::invalid_value(Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        // serde_json hands over integers beyond 64 bits, and fractions, as f64.
        Err(E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// W1 for optional fields: also `null`, `""` and absence (with `#[serde(default)]`) give `None`.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Row {
///     #[serde(default, deserialize_with = "shop_apis_core::wire::int::option::deserialize")]
///     manager_id: Option<u32>,
/// }
/// let none: Row = serde_json::from_str(r#"{"manager_id": ""}"#).unwrap();
/// assert_eq!(none.manager_id, None);
/// let some: Row = serde_json::from_str(r#"{"manager_id": "7"}"#).unwrap();
/// assert_eq!(some.manager_id, Some(7));
/// ```
pub mod option {
    use super::*;

    /// Decodes an optional integer.
    pub fn deserialize<'de, D: Deserializer<'de>, T: Integer>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_any(OptionVisitor(PhantomData))
    }

    struct OptionVisitor<T>(PhantomData<T>);

    impl<T: Integer> Visitor<'_> for OptionVisitor<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an integer (a JSON number or a string of digits), \"\" or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
            IntegerVisitor(PhantomData).visit_u64(v).map(Some)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
            IntegerVisitor(PhantomData).visit_i64(v).map(Some)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
            IntegerVisitor(PhantomData).visit_f64(v).map(Some)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
            if v.is_empty() {
                return Ok(None);
            }
            IntegerVisitor(PhantomData).visit_str(v).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_text_integer_is_an_optional_minus_and_digits_that_fit() {
        assert_eq!(parse::<u32>("0123456789"), Some(123_456_789));
        assert_eq!(parse::<i64>("-109"), Some(-109));
        assert_eq!(parse::<i8>("-128"), Some(i8::MIN));
        assert_eq!(parse::<i32>("-0"), Some(0));
        assert_eq!(parse::<u8>("255"), Some(255));
        for refused in [
            "", "-", "1a", "1:", "1/", " 1", "+1", "1.0", "1e3", "-0", "-1", "256",
        ] {
            assert_eq!(parse::<u8>(refused), None, "{refused:?}");
        }
        assert_eq!(parse::<i8>("-129"), None);
        assert_eq!(
            parse::<u64>("340282366920938463463374607431768211456"),
            None
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Row {
        #[serde(deserialize_with = "super::deserialize")]
        balance: i32,
        #[serde(default, deserialize_with = "super::option::deserialize")]
        manager_id: Option<i32>,
    }

    fn balance(json: &str) -> Result<i32, serde_json::Error> {
        serde_json::from_str::<Row>(&format!(r#"{{"balance": {json}}}"#)).map(|row| row.balance)
    }

    fn manager_id(json: &str) -> Result<Option<i32>, serde_json::Error> {
        serde_json::from_str::<Row>(&format!(r#"{{"balance": 0, "manager_id": {json}}}"#))
            .map(|row| row.manager_id)
    }

    #[test]
    fn an_integer_comes_as_a_number_or_its_text_and_must_fit() {
        for (json, value) in [("7", 7), ("-3", -3), (r#""7""#, 7), (r#""-3""#, -3)] {
            assert_eq!(balance(json).ok(), Some(value), "{json}");
            assert_eq!(manager_id(json).ok(), Some(Some(value)), "{json}");
        }
        for refused in [
            "2.5",
            "1e3",
            "4294967296",
            "-4294967296",
            r#""2.5""#,
            "true",
        ] {
            assert!(balance(refused).is_err(), "{refused}");
            assert!(manager_id(refused).is_err(), "{refused}");
        }
        assert!(balance("null").is_err());
        assert!(balance(r#""""#).is_err());
    }

    #[test]
    fn an_optional_integer_is_none_only_when_null_empty_or_absent() {
        assert_eq!(manager_id("null").unwrap(), None);
        assert_eq!(manager_id(r#""""#).unwrap(), None);
        let absent = serde_json::from_str::<Row>(r#"{"balance": 1}"#).unwrap();
        assert_eq!(absent.manager_id, None);
    }

    #[test]
    fn a_value_that_is_no_integer_says_what_was_expected() {
        let error = balance("true").unwrap_err().to_string();
        let expected =
            "expected an integer (a JSON number or a string of digits) that fits the field";
        assert!(error.contains(expected), "{error}");
        let error = manager_id("true").unwrap_err().to_string();
        let expected = r#"expected an integer (a JSON number or a string of digits), "" or null"#;
        assert!(error.contains(expected), "{error}");
    }
}
