//! W2: an exact decimal (money, weights) sent as a JSON number or a string.
//!
//! `"3958.07"`, `3958.07`, `"-109"` and `51` decode to [`Decimal`]s of the same
//! value, never through a lossy `f64` sum. A JSON number reaches the decoder as
//! the `f64` that `serde_json` parsed; it is read back through its shortest
//! round-trip spelling, which is the spelling sent for any number of at most 15
//! significant digits (all money these APIs send). Exponents, spaces, `""` and
//! values beyond 28 digits are errors.
//!
//! ```
//! use shop_apis_core::Decimal;
//! #[derive(serde::Deserialize)]
//! struct Position {
//!     #[serde(deserialize_with = "shop_apis_core::wire::decimal::deserialize")]
//!     initial_price: Decimal,
//! }
//! let from_text: Position = serde_json::from_str(r#"{"initial_price": "3958.07"}"#).unwrap();
//! let from_number: Position = serde_json::from_str(r#"{"initial_price": 3958.07}"#).unwrap();
//! assert_eq!(from_text.initial_price, from_number.initial_price);
//! assert_eq!(from_text.initial_price.to_string(), "3958.07");
//! ```

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};

/// Parses the string spelling `-?[0-9]+(\.[0-9]+)?` exactly: one pass that
/// checks the digits and sums them into the mantissa, the digits after the
/// point giving the scale. More than 28 of them, or a mantissa beyond 96
/// bits, is no `Decimal` and `None`, never a rounded value.
pub(crate) fn parse(text: &str) -> Option<Decimal> {
    let (negative, rest) = match text.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let (mut mantissa, mut whole, mut fraction, mut point) = (0u128, 0u32, 0u32, false);
    for &byte in rest {
        if byte == b'.' {
            if point || whole == 0 {
                return None;
            }
            point = true;
            continue;
        }
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(digit))?;
        if point {
            fraction += 1;
        } else {
            whole += 1;
        }
    }
    if whole == 0 || (point && fraction == 0) || fraction > 28 || mantissa >> 96 != 0 {
        return None;
    }
    let mut value =
        Decimal::try_from_i128_with_scale(i128::try_from(mantissa).ok()?, fraction).ok()?;
    // `-0` and `-0.00` are zero, unsigned, as `Decimal::from_str_exact` made them.
    value.set_sign_negative(negative && mantissa != 0);
    Some(value)
}

/// Decodes an exact decimal given as a number or a string.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
    deserializer.deserialize_any(DecimalVisitor)
}

/// Writes a decimal as a JSON number with exactly its digits (`1234.50`), not
/// through `f64`. Meant for `serde_json`; other formats see a raw-value struct.
///
/// ```
/// use shop_apis_core::Decimal;
/// #[derive(serde::Serialize)]
/// struct Line {
///     #[serde(serialize_with = "shop_apis_core::wire::decimal::serialize")]
///     price: Decimal,
/// }
/// let line = Line { price: "1234.50".parse().unwrap() };
/// assert_eq!(serde_json::to_string(&line).unwrap(), r#"{"price":1234.50}"#);
/// ```
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    // A Decimal prints as `-?[0-9]+(\.[0-9]+)?`, always a valid JSON number.
    serde_json::value::RawValue::from_string(value.to_string())
        .map_err(serde::ser::Error::custom)?
        .serialize(serializer)
}

/// A decimal written as JSON text with exactly its digits (`"1234.50"`), as
/// every answer serialises its amounts, whatever `rust_decimal`'s serde
/// features: one of them (`serde-float`) turned on by another crate in the
/// build would otherwise make every amount an inexact float.
pub(crate) struct Text<'a>(pub(crate) &'a Decimal);

impl Serialize for Text<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// Writes a decimal as [`Text`] does, for `serialize_with`.
pub(crate) fn serialize_text<S: Serializer>(
    value: &Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    Text(value).serialize(serializer)
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number (a JSON number or a string like \"-12.50\")")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // A whole number below 2^63 is exactly its integer (`51.0` is 51),
        // written, as Rust's own printing writes it, with no fraction.
        if v.fract() == 0.0 && v.abs() < 9_223_372_036_854_775_808.0 {
            return Ok(Decimal::from(v as i64));
        }
        // The shortest text that reads back as the same f64 is what the
        // server wrote (at most 15 significant digits). zmij finds it fast
        // but may write an exponent, which Rust's own printing never does.
        let mut buffer = zmij::Buffer::new();
        parse(buffer.format(v))
            .or_else(|| parse(&v.to_string()))
            .ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// W2 for optional fields: also `null`, `""` and absence (with `#[serde(default)]`) give `None`.
///
/// ```
/// use shop_apis_core::Decimal;
/// #[derive(serde::Deserialize)]
/// struct Goods {
///     #[serde(default, deserialize_with = "shop_apis_core::wire::decimal::option::deserialize")]
///     weight: Option<Decimal>,
/// }
/// let goods: Goods = serde_json::from_str(r#"{"weight": ""}"#).unwrap();
/// assert_eq!(goods.weight, None);
/// ```
pub mod option {
    use super::*;

    /// Writes an optional decimal as text with exactly its digits
    /// (`"1234.50"`), or `null`; what `decode` reads back.
    ///
    /// ```
    /// use shop_apis_core::Decimal;
    /// #[derive(serde::Serialize, serde::Deserialize)]
    /// struct Goods {
    ///     #[serde(default, with = "shop_apis_core::wire::decimal::option")]
    ///     weight: Option<Decimal>,
    /// }
    /// let goods = Goods { weight: Some("0.50".parse().unwrap()) };
    /// assert_eq!(serde_json::to_string(&goods).unwrap(), r#"{"weight":"0.50"}"#);
    /// ```
    pub fn serialize<S: Serializer>(
        value: &Option<Decimal>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        value.as_ref().map(Text).serialize(serializer)
    }

    /// Decodes an optional exact decimal.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Decimal>, D::Error> {
        deserializer.deserialize_any(OptionVisitor)
    }

    struct OptionVisitor;

    impl Visitor<'_> for OptionVisitor {
        type Value = Option<Decimal>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a decimal number, \"\" or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<Decimal>, E> {
            Ok(None)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Decimal>, E> {
            DecimalVisitor.visit_u64(v).map(Some)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Decimal>, E> {
            DecimalVisitor.visit_i64(v).map(Some)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Decimal>, E> {
            DecimalVisitor.visit_f64(v).map(Some)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Decimal>, E> {
            if v.is_empty() {
                return Ok(None);
            }
            DecimalVisitor.visit_str(v).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::parse;
    use crate::Decimal;

    #[derive(Debug, Deserialize, serde::Serialize)]
    struct Line {
        #[serde(
            deserialize_with = "super::deserialize",
            serialize_with = "super::serialize"
        )]
        price: Decimal,
        #[serde(default, with = "super::option")]
        weight: Option<Decimal>,
    }

    fn price(json: &str) -> Result<String, serde_json::Error> {
        serde_json::from_str::<Line>(&format!(r#"{{"price": {json}}}"#))
            .map(|line| line.price.to_string())
    }

    fn weight(json: &str) -> Result<Option<String>, serde_json::Error> {
        serde_json::from_str::<Line>(&format!(r#"{{"price": 0, "weight": {json}}}"#))
            .map(|line| line.weight.map(|weight| weight.to_string()))
    }

    #[test]
    fn a_decimal_has_one_point_between_digits() {
        assert_eq!(parse("1.5").map(|d| d.to_string()), Some("1.5".to_owned()));
        for refused in ["1.2.3", "1..5", ".5", "1.", "-", "", "1e3", " 1"] {
            assert_eq!(parse(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_decimal_holds_up_to_twenty_eight_fraction_digits() {
        let finest = format!("0.{}1", "0".repeat(27));
        assert_eq!(parse(&finest).map(|d| d.to_string()), Some(finest.clone()));
        let too_fine = format!("0.{}1", "0".repeat(28));
        assert_eq!(parse(&too_fine), None);
    }

    #[test]
    fn a_decimal_holds_up_to_ninety_six_bits_of_digits() {
        let largest = "79228162514264337593543950335"; // 2^96 - 1
        assert_eq!(
            parse(largest).map(|d| d.to_string()).as_deref(),
            Some(largest)
        );
        assert_eq!(
            parse("-7922816251426433759354395033.5").map(|d| d.scale()),
            Some(1)
        );
        for refused in [
            "79228162514264337593543950336",
            "7922816251426433759354395033.6",
        ] {
            assert_eq!(parse(refused), None, "{refused}");
        }
    }

    #[test]
    fn a_number_of_any_kind_is_its_exact_value() {
        for (json, value) in [
            ("51", "51"),
            ("-109", "-109"),
            ("3958.07", "3958.07"),
            ("0.1", "0.1"),
            (r#""-12.50""#, "-12.50"),
            // A whole f64 is its integer, with no fraction, up to 2^63...
            ("51.0", "51"),
            ("-51.0", "-51"),
            ("9223372036854774784.0", "9223372036854774784"),
            // ...and beyond it, the shortest text that reads back as it,
            // which is what a server printing floats wrote, not 2^63's digits.
            ("9223372036854775808.0", "9223372036854776000"),
            ("1e20", "100000000000000000000"),
        ] {
            assert_eq!(price(json).as_deref().ok(), Some(value), "{json}");
        }
    }

    #[test]
    fn a_value_that_is_no_decimal_says_what_was_expected() {
        let error = price("true").unwrap_err().to_string();
        assert!(
            error
                .contains(r#"expected a decimal number (a JSON number or a string like "-12.50")"#),
            "{error}"
        );
        let error = weight("true").unwrap_err().to_string();
        assert!(
            error.contains(r#"expected a decimal number, "" or null"#),
            "{error}"
        );
    }

    #[test]
    fn an_optional_decimal_is_none_only_when_null_empty_or_absent() {
        for (json, value) in [
            ("null", None),
            (r#""""#, None),
            ("5", Some("5")),
            ("-5", Some("-5")),
            ("2.5", Some("2.5")),
            (r#""0.50""#, Some("0.50")),
        ] {
            assert_eq!(weight(json).unwrap().as_deref(), value, "{json}");
        }
        let absent = serde_json::from_str::<Line>(r#"{"price": 1}"#).unwrap();
        assert_eq!(absent.weight, None);
        assert!(weight(r#""x""#).is_err());
    }

    #[test]
    fn decimals_are_written_with_exactly_their_digits() {
        let line = Line {
            price: "1234.50".parse().unwrap(),
            weight: None,
        };
        assert_eq!(
            serde_json::to_string(&line).unwrap(),
            r#"{"price":1234.50,"weight":null}"#
        );
        let line = Line {
            price: "-0.10".parse().unwrap(),
            weight: Some("2.00".parse().unwrap()),
        };
        assert_eq!(
            serde_json::to_string(&line).unwrap(),
            r#"{"price":-0.10,"weight":"2.00"}"#
        );
        #[derive(serde::Serialize)]
        struct Shown {
            #[serde(serialize_with = "super::serialize_text")]
            amount: Decimal,
        }
        let shown = Shown {
            amount: "0.50".parse().unwrap(),
        };
        assert_eq!(
            serde_json::to_string(&shown).unwrap(),
            r#"{"amount":"0.50"}"#
        );
    }
}
