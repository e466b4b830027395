//! U30: an option's markup, an amount (`"2.00"`, `2`) or a percentage with
//! the amount it came to, `"PERSENT&OVER"` (`"4%&2.00"`, `002`:580).
//!
//! ```
//! use shop_apis_core::wire::{Markup, markup};
//! #[derive(serde::Deserialize)]
//! struct Option_ {
//!     #[serde(default, deserialize_with = "markup::deserialize")]
//!     over: Option<Markup>,
//! }
//! let over = |json: &str| serde_json::from_str::<Option_>(json).map(|o| o.over);
//! let percent = over(r#"{"over": "4%&2.00"}"#)?.unwrap();
//! assert_eq!((percent.percent, percent.amount), (Some(4.into()), "2.00".parse().unwrap()));
//! assert_eq!(over(r#"{"over": 1.5}"#)?.unwrap().percent, None);
//! assert_eq!(over(r#"{"over": ""}"#)?, None);
//! assert!(over(r#"{"over": "4%"}"#).is_err());
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;

use serde::de::{self, Deserializer, IntoDeserializer, Visitor};

use crate::Decimal;

/// A markup: its amount, and the percentage it was given as, if it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct Markup {
    /// The percentage, when the markup was given as one.
    #[serde(serialize_with = "super::decimal::option::serialize")]
    pub percent: Option<Decimal>,
    /// The amount added.
    #[serde(serialize_with = "super::decimal::serialize_text")]
    pub amount: Decimal,
}

/// Decodes an optional markup; `null` and `""` are `None`.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Markup>, D::Error> {
    deserializer.deserialize_any(MarkupVisitor)
}

struct MarkupVisitor;

fn amount<E: de::Error>(text: &str) -> Result<Decimal, E> {
    super::decimal::parse(text)
        .ok_or_else(|| E::invalid_value(de::Unexpected::Str(text), &"an amount"))
}

impl<'de> Visitor<'de> for MarkupVisitor {
    type Value = Option<Markup>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a markup: an amount, or \"PERCENT%&AMOUNT\"")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Ok(None);
        }
        let (percent, over) = match v.split_once("%&") {
            Some((percent, over)) => (Some(amount(percent)?), over),
            None => (None, v),
        };
        Ok(Some(Markup {
            percent,
            amount: amount(over)?,
        }))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        let amount = super::decimal::deserialize(v.into_deserializer())?;
        Ok(Some(Markup {
            percent: None,
            amount,
        }))
    }

    /// `{"percent": …, "amount": …}`, as a `Markup` serialises, read by W2
    /// and with no other key.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut percent, mut amount) = (None, None);
        while let Some(key) = map.next_key::<super::Key<'de>>()?.map(|k| k.0) {
            match &*key {
                "percent" => percent = map.next_value::<OptionalExact>()?.0,
                "amount" => amount = Some(map.next_value::<OptionalExact>()?.0),
                other => return Err(de::Error::unknown_field(other, &["percent", "amount"])),
            }
        }
        let amount = amount
            .flatten()
            .ok_or_else(|| de::Error::missing_field("amount"))?;
        Ok(Some(Markup { percent, amount }))
    }
}

/// An optional decimal read by W2.
struct OptionalExact(Option<Decimal>);

impl<'de> serde::Deserialize<'de> for OptionalExact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        super::decimal::option::deserialize(deserializer).map(OptionalExact)
    }
}

#[cfg(test)]
mod tests {
    use super::Markup;

    #[derive(Debug, serde::Deserialize)]
    struct Choice {
        #[serde(default, deserialize_with = "super::deserialize")]
        over: Option<Markup>,
    }

    /// The percentage and the amount, as text.
    fn over(json: &str) -> Result<Option<(Option<String>, String)>, serde_json::Error> {
        let choice = serde_json::from_str::<Choice>(&format!(r#"{{"over": {json}}}"#))?;
        Ok(choice
            .over
            .map(|m| (m.percent.map(|p| p.to_string()), m.amount.to_string())))
    }

    #[test]
    fn a_markup_is_an_amount_or_a_percentage_with_its_amount() {
        let some = |percent: Option<&str>, amount: &str| {
            Some((percent.map(str::to_owned), amount.to_owned()))
        };
        for (json, markup) in [
            (r#""4%&2.00""#, some(Some("4"), "2.00")),
            (r#""2.50""#, some(None, "2.50")),
            ("2", some(None, "2")),
            ("-2", some(None, "-2")),
            ("1.5", some(None, "1.5")),
            (
                r#"{"percent": "4", "amount": "2.00"}"#,
                some(Some("4"), "2.00"),
            ),
            (r#"{"amount": 2, "percent": null}"#, some(None, "2")),
            (r#""""#, None),
            ("null", None),
        ] {
            assert_eq!(over(json).unwrap(), markup, "{json}");
        }
        assert_eq!(serde_json::from_str::<Choice>("{}").unwrap().over, None);
    }

    #[test]
    fn a_markup_without_its_amount_is_refused() {
        for (json, message) in [
            (r#""4%""#, "expected an amount"),
            (r#""4%&""#, "expected an amount"),
            (r#""x%&2""#, "expected an amount"),
            (r#"{"percent": "4"}"#, "missing field `amount`"),
            (r#"{"amount": null}"#, "missing field `amount`"),
            (r#"{"amount": 2, "sum": 2}"#, "unknown field `sum`"),
            (
                "true",
                r#"expected a markup: an amount, or "PERCENT%&AMOUNT""#,
            ),
        ] {
            let error = over(json).unwrap_err().to_string();
            assert!(error.contains(message), "{json}: {error}");
        }
    }
}
