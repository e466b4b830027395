//! W11: an amount sent twice, for display and raw: `{"sum": "51.00$",
//! "sum_raw": 51}`, `{"topay": "51.00$", "topay_curr": "51.00$",
//! "topay_raw": 51}`, `{"tax_raw": 0, "tax": 0}`.
//!
//! The raw part is the value (a number or a string such as `"320.00"`), read
//! as an exact [`Decimal`] (W2); the display part is the shop's own spelling
//! in its currency format (`"2445.00 руб."`), kept as text. Whatever else the
//! object holds is kept in `other`.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use crate::{Decimal, UnknownFields};

/// An amount with the shop's display of it.
///
/// ```
/// use proto_core::wire::Money;
/// let sum: Money = serde_json::from_str(r#"{"sum": "51.00$", "sum_raw": 51}"#).unwrap();
/// assert_eq!(sum.amount, "51".parse().unwrap());
/// assert_eq!(sum.display, "51.00$");
/// let tax: Money = serde_json::from_str(r#"{"tax_raw": "320.00", "tax": 0}"#).unwrap();
/// assert_eq!((tax.amount.to_string().as_str(), tax.display.as_str()), ("320.00", "0"));
/// let topay: Money = serde_json::from_str(r#"{"topay": "5$", "topay_curr": "5$", "topay_raw": 5}"#).unwrap();
/// assert_eq!(topay.other["topay_curr"], "5$");
/// assert!(serde_json::from_str::<Money>(r#"{"sum": "51.00$"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Money {
    /// The exact value.
    pub amount: Decimal,
    /// The shop's display of it, as sent (a number is kept as its digits).
    pub display: String,
    /// Any other part of the object (`topay_curr`, `vat_type`, …).
    pub other: UnknownFields,
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(MoneyVisitor)
    }
}

struct MoneyVisitor;

impl<'de> Visitor<'de> for MoneyVisitor {
    type Value = Money;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount as {\"x\": display, \"x_raw\": value}")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Money, A::Error> {
        let mut raw: Option<(String, Decimal)> = None;
        let mut rest = UnknownFields::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(stem) = key.strip_suffix("_raw") {
                if raw.is_some() {
                    return Err(de::Error::custom("more than one `_raw` part"));
                }
                let value: Decimal = map.next_value_seed(RawSeed)?;
                raw = Some((stem.to_owned(), value));
            } else {
                rest.insert(key, map.next_value()?);
            }
        }
        let Some((stem, amount)) = raw else {
            return Err(de::Error::missing_field("…_raw"));
        };
        let display = match rest.remove(&stem) {
            Some(Value::String(text)) => text,
            Some(Value::Number(number)) => number.to_string(),
            Some(Value::Null) | None => String::new(),
            Some(other) => {
                return Err(de::Error::custom(format_args!(
                    "`{stem}` is neither text nor a number: {other}"
                )));
            }
        };
        Ok(Money {
            amount,
            display,
            other: rest,
        })
    }
}

/// The raw part, by the W2 decoder.
struct RawSeed;

impl<'de> de::DeserializeSeed<'de> for RawSeed {
    type Value = Decimal;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Decimal, D::Error> {
        super::decimal::deserialize(deserializer)
    }
}

/// For amounts a shop may leave out or send bare: `""` and `null` are
/// `None`, a pair is read as [`Money`], and a bare number or numeric string
/// is that amount with itself as the display (`"weight": ""` in a basket,
/// `{"weight": "300.00", "weight_raw": 300}` in an order).
pub mod optional {
    use super::*;

    /// Decodes an optional, possibly bare, amount.
    ///
    /// ```
    /// use proto_core::wire::Money;
    /// #[derive(serde::Deserialize)]
    /// struct Line {
    ///     #[serde(default, deserialize_with = "proto_core::wire::money::optional::deserialize")]
    ///     weight: Option<Money>,
    /// }
    /// let parse = |json: &str| serde_json::from_str::<Line>(json).unwrap().weight;
    /// assert_eq!(parse(r#"{"weight": ""}"#), None);
    /// assert_eq!(parse(r#"{"weight": {"weight": "300.00", "weight_raw": 300}}"#).unwrap().amount, 300.into());
    /// assert_eq!(parse(r#"{"weight": "2.5"}"#).unwrap().display, "2.5");
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Money>, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::Null => Ok(None),
            Value::String(text) if text.is_empty() => Ok(None),
            Value::Object(fields) => Money::deserialize(Value::Object(fields))
                .map(Some)
                .map_err(de::Error::custom),
            bare @ (Value::String(_) | Value::Number(_)) => {
                let amount =
                    super::super::decimal::deserialize(bare.clone()).map_err(de::Error::custom)?;
                let display = match bare {
                    Value::String(text) => text,
                    other => other.to_string(),
                };
                Ok(Some(Money {
                    amount,
                    display,
                    other: UnknownFields::new(),
                }))
            }
            other => Err(de::Error::custom(format_args!("not an amount: {other}"))),
        }
    }
}
