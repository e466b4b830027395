//! W11: an amount sent twice, for display and raw: `{"sum": "51.00$",
//! "sum_raw": 51}`, `{"topay": "51.00$", "topay_curr": "51.00$",
//! "topay_raw": 51}`, `{"tax_raw": 0, "tax": 0}`.
//!
//! The raw part is the value (a number or a string such as `"320.00"`), read
//! as an exact [`Decimal`] (W2); the display part is the shop's own spelling
//! in its currency format (`"2445.00 руб."`), kept as text. Whatever else the
//! object holds is kept in `other`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::{Decimal, UnknownFields};

/// An amount with the shop's display of it.
///
/// The raw part is what a program acts on; without it an object is not an
/// amount (an error naming the object). The display is optional: absent,
/// `null` or `""` is `None`; a display that is neither text nor a number is
/// kept in `other` under its own key, so nothing is lost.
///
/// ```
/// use shop_apis_core::wire::Money;
/// let sum: Money = serde_json::from_str(r#"{"sum": "51.00$", "sum_raw": 51}"#).unwrap();
/// assert_eq!(sum.amount, "51".parse().unwrap());
/// assert_eq!(sum.display.as_deref(), Some("51.00$"));
/// let tax: Money = serde_json::from_str(r#"{"tax_raw": "320.00", "tax": 0}"#).unwrap();
/// assert_eq!((tax.amount.to_string().as_str(), tax.display.as_deref()), ("320.00", Some("0")));
/// let topay: Money = serde_json::from_str(r#"{"topay": "5$", "topay_curr": "5$", "topay_raw": 5}"#).unwrap();
/// assert_eq!(topay.other.value("topay_curr").unwrap(), "5$");
/// let bare: Money = serde_json::from_str(r#"{"vat_raw": 5}"#).unwrap();
/// assert_eq!(bare.display, None);
/// assert!(serde_json::from_str::<Money>(r#"{"sum": "51.00$"}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Money {
    /// The exact value.
    pub amount: Decimal,
    /// The shop's display of it, as sent (a number is kept as its digits).
    pub display: Option<String>,
    /// Any other part of the object (`topay_curr`, `vat_type`, …).
    pub other: UnknownFields,
}

/// `{"amount": "51", "display": "51.00$", "other": {…}}`: the exact amount
/// as text, the shop's display, and the other parts (left out when there are
/// none). It reads back as the same value.
///
/// ```
/// use shop_apis_core::wire::Money;
/// let sum: Money = serde_json::from_str(r#"{"sum": "51.00$", "sum_raw": 51.5, "sum_curr": "$"}"#).unwrap();
/// let json = serde_json::to_string(&sum).unwrap();
/// assert_eq!(json, r#"{"amount":"51.5","display":"51.00$","other":{"sum_curr":"$"}}"#);
/// assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), sum);
/// // A wire pair whose display is called `amount` is still a wire pair.
/// let order: Money = serde_json::from_str(r#"{"amount": "683.50$", "amount_raw": 683.5}"#).unwrap();
/// assert_eq!((order.amount.to_string().as_str(), order.display.as_deref()), ("683.5", Some("683.50$")));
/// ```
impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        // As text whatever rust_decimal's serde features (a dependency
        // turning on `serde-float` must not make an amount inexact).
        map.serialize_entry("amount", &super::decimal::Text(&self.amount))?;
        map.serialize_entry("display", &self.display)?;
        // Apart, so that a part of the pair's own called `amount` or
        // `display` cannot collide with these two.
        if !self.other.is_empty() {
            map.serialize_entry("other", &self.other)?;
        }
        map.end()
    }
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
        // A pair has two or three parts: a short vector rather than a map,
        // keys borrowed from the body until they are kept.
        let mut raw: Option<(Cow<'de, str>, Decimal)> = None;
        let mut rest: Vec<(Cow<'de, str>, Value)> = Vec::new();
        while let Some(key) = map.next_key::<super::Key<'de>>()?.map(|k| k.0) {
            if key.ends_with("_raw") {
                if raw.is_some() {
                    return Err(de::Error::custom("more than one `_raw` part"));
                }
                let value: Decimal = map.next_value_seed(RawSeed)?;
                raw = Some((key, value));
            } else {
                rest.push((key, map.next_value()?));
            }
        }
        let Some((raw_key, amount)) = raw else {
            return serialised(rest);
        };
        let stem = &raw_key[..raw_key.len() - "_raw".len()];
        let mut display = None;
        let mut other = UnknownFields::new();
        for (key, value) in rest {
            // As in a JSON object, the last display sent wins.
            if key == stem {
                match value {
                    Value::String(text) if text.is_empty() => continue,
                    Value::String(text) => {
                        display = Some(text);
                        continue;
                    }
                    Value::Number(number) => {
                        display = Some(number.to_string());
                        continue;
                    }
                    Value::Null => continue,
                    // Not a display: kept as sent, below.
                    _ => {}
                }
            }
            other.insert_value(key.into_owned(), &value);
        }
        Ok(Money {
            amount,
            display,
            other,
        })
    }
}

/// Without a `_raw` part, the shape [`Money`] serialises to, and only
/// exactly it: `amount` as text, `display` (text or `null`), and `other` when
/// there are other parts; no other key. So a wire pair that lost its raw part
/// (`{"amount": "683.50"}`, `{"sum": "51.00$"}`) stays an error rather than
/// passing for an amount, while a pair may still call its display `amount`
/// (`{"amount": "683.50$", "amount_raw": 683.5}`).
fn serialised<E: de::Error>(parts: Vec<(Cow<'_, str>, Value)>) -> Result<Money, E> {
    let no_raw = || E::missing_field("…_raw");
    let (mut amount, mut display, mut other) = (None, None, None);
    for (key, value) in parts {
        let slot = match &*key {
            "amount" => &mut amount,
            "display" => &mut display,
            "other" => &mut other,
            _ => return Err(no_raw()),
        };
        if slot.replace(value).is_some() {
            return Err(E::duplicate_field("amount, display or other"));
        }
    }
    let (Some(Value::String(amount)), Some(display)) = (amount, display) else {
        return Err(no_raw());
    };
    let amount = super::decimal::parse(&amount)
        .ok_or_else(|| E::invalid_value(de::Unexpected::Str(&amount), &"an exact amount"))?;
    let display = match display {
        Value::String(text) => Some(text),
        Value::Null => None,
        other => {
            return Err(E::invalid_type(
                de::Unexpected::Other(&other.to_string()),
                &"a display",
            ));
        }
    };
    let other = match other {
        Some(Value::Object(other)) => UnknownFields::from(other),
        None => UnknownFields::new(),
        Some(_) => return Err(E::custom("`other` is not an object")),
    };
    Ok(Money {
        amount,
        display,
        other,
    })
}

/// The raw part, by the W2 decoder.
struct RawSeed;

impl<'de> de::DeserializeSeed<'de> for RawSeed {
    type Value = Decimal;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Decimal, D::Error> {
        super::decimal::deserialize(deserializer)
    }
}

/// For amounts a shop may leave out or send bare: absent, `null`, `""` and
/// `[]` (PHP's empty array) are `None`, a pair is read as [`Money`], and a
/// bare number or numeric string is that amount with itself as the display
/// (`"weight": ""` in a basket, `{"weight": "300.00", "weight_raw": 300}` in
/// an order). One pass, no intermediate value, so an error names its field.
pub mod optional {
    use super::*;
    use serde::de::IntoDeserializer;

    /// Decodes an optional, possibly bare, amount.
    ///
    /// ```
    /// use shop_apis_core::wire::Money;
    /// #[derive(serde::Deserialize)]
    /// struct Line {
    ///     #[serde(default, deserialize_with = "shop_apis_core::wire::money::optional::deserialize")]
    ///     weight: Option<Money>,
    /// }
    /// let parse = |json: &str| serde_json::from_str::<Line>(json).unwrap().weight;
    /// assert_eq!(parse(r#"{"weight": ""}"#), None);
    /// assert_eq!(parse(r#"{"weight": []}"#), None);
    /// assert_eq!(parse("{}"), None);
    /// assert_eq!(parse(r#"{"weight": {"weight": "300.00", "weight_raw": 300}}"#).unwrap().amount, 300.into());
    /// assert_eq!(parse(r#"{"weight": "2.5"}"#).unwrap().display.as_deref(), Some("2.5"));
    /// assert!(serde_json::from_str::<Line>(r#"{"weight": "2,5 кг"}"#).is_err());
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Money>, D::Error> {
        deserializer.deserialize_any(OptionalMoney)
    }

    pub(super) struct OptionalMoney;

    fn bare<E: de::Error>(amount: Result<Decimal, E>, display: String) -> Result<Option<Money>, E> {
        Ok(Some(Money {
            amount: amount?,
            display: Some(display),
            other: UnknownFields::new(),
        }))
    }

    impl<'de> Visitor<'de> for OptionalMoney {
        type Value = Option<Money>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an amount: {\"x\", \"x_raw\"}, a number, a numeric string, \"\" or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<Money>, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Option<Money>, E> {
            Ok(None)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Money>, E> {
            if v.is_empty() {
                return Ok(None);
            }
            bare(
                super::super::decimal::deserialize(v.into_deserializer()),
                v.to_owned(),
            )
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Money>, E> {
            bare(
                super::super::decimal::deserialize(v.into_deserializer()),
                v.to_string(),
            )
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Money>, E> {
            bare(
                super::super::decimal::deserialize(v.into_deserializer()),
                v.to_string(),
            )
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Money>, E> {
            let amount = super::super::decimal::deserialize(v.into_deserializer());
            let display = amount.as_ref().map(ToString::to_string).unwrap_or_default();
            bare(amount, display)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Money>, A::Error> {
            match seq.next_element::<de::IgnoredAny>()? {
                None => Ok(None),
                Some(_) => Err(de::Error::custom("a non-empty list is not an amount")),
            }
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Money>, A::Error> {
            MoneyVisitor.visit_map(map).map(Some)
        }
    }
}

/// U32: an amount a shop sends as its display only, the number and then the
/// currency (`"topay": "500.00$"`, `"vat": "0.00$"`, `"2445.00 руб."`), or as
/// [`optional`] reads it (a pair, a bare number, `""`, `null`). The amount is
/// the leading `-?[0-9]+(\.[0-9]+)?`; what follows must hold no digit and
/// no minus (a currency sign or name: `"5.00-"` may be a negative written
/// the accountants' way), else it is an error rather than a guess.
pub mod displayed {
    use super::*;

    /// Decodes an optional amount given by its display.
    ///
    /// ```
    /// use shop_apis_core::wire::Money;
    /// #[derive(serde::Deserialize)]
    /// struct Payment {
    ///     #[serde(default, deserialize_with = "shop_apis_core::wire::money::displayed::deserialize")]
    ///     topay: Option<Money>,
    /// }
    /// let topay = |json: &str| serde_json::from_str::<Payment>(json).map(|p| p.topay);
    /// let money = topay(r#"{"topay": "500.00$"}"#)?.unwrap();
    /// assert_eq!((money.amount, money.display.as_deref()), ("500.00".parse().unwrap(), Some("500.00$")));
    /// assert_eq!(topay(r#"{"topay": "2445.00 руб."}"#)?.unwrap().amount, "2445.00".parse().unwrap());
    /// assert_eq!(topay(r#"{"topay": 51}"#)?.unwrap().amount, 51.into());
    /// assert_eq!(topay(r#"{"topay": ""}"#)?, None);
    /// assert!(topay(r#"{"topay": "1.5 за 2"}"#).is_err());
    /// assert!(topay(r#"{"topay": "$"}"#).is_err());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Money>, D::Error> {
        deserializer.deserialize_any(Displayed)
    }

    struct Displayed;

    impl<'de> Visitor<'de> for Displayed {
        type Value = Option<Money>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an amount and its currency (\"500.00$\"), an amount, \"\" or null")
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<Money>, E> {
            if v.is_empty() {
                return Ok(None);
            }
            let number_end = v
                .char_indices()
                .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
                .map_or(v.len(), |(i, _)| i);
            let (number, currency) = v.split_at(number_end);
            let amount = super::super::decimal::parse(number)
                .filter(|_| !currency.chars().any(|c| matches!(c, '0'..='9' | '-')))
                .ok_or_else(|| {
                    E::invalid_value(de::Unexpected::Str(v), &"an amount and its currency")
                })?;
            Ok(Some(Money {
                amount,
                display: Some(v.to_owned()),
                other: UnknownFields::new(),
            }))
        }

        fn visit_unit<E: de::Error>(self) -> Result<Option<Money>, E> {
            Ok(None)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<Money>, E> {
            optional::OptionalMoney.visit_u64(v)
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<Money>, E> {
            optional::OptionalMoney.visit_i64(v)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<Money>, E> {
            optional::OptionalMoney.visit_f64(v)
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Option<Money>, A::Error> {
            optional::OptionalMoney.visit_seq(seq)
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Money>, A::Error> {
            MoneyVisitor.visit_map(map).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Money;

    #[test]
    fn a_null_display_is_no_display_and_no_other_part() {
        let money: Money =
            serde_json::from_str(r#"{"topay": null, "topay_raw": "51.00"}"#).unwrap();
        assert_eq!(money.amount.to_string(), "51.00");
        assert_eq!(money.display, None);
        assert!(money.other.is_empty(), "{:?}", money.other);
    }

    #[test]
    fn a_value_that_is_no_object_says_what_was_expected() {
        let error = serde_json::from_str::<Money>("51").unwrap_err();
        let expected = r#"expected an amount as {"x": display, "x_raw": value}"#;
        assert!(error.to_string().contains(expected), "{error}");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Line {
        #[serde(default, deserialize_with = "super::optional::deserialize")]
        weight: Option<Money>,
    }

    fn weight(json: &str) -> Result<Option<Money>, serde_json::Error> {
        serde_json::from_str::<Line>(json).map(|line| line.weight)
    }

    #[test]
    fn an_optional_amount_sent_bare_is_itself_and_its_own_display() {
        let text = weight(r#"{"weight": "2.5"}"#).unwrap().expect("an amount");
        assert_eq!(
            (text.amount.to_string(), text.display.as_deref()),
            ("2.5".to_owned(), Some("2.5"))
        );
        let number = weight(r#"{"weight": 300}"#).unwrap().expect("an amount");
        assert_eq!(
            (number.amount.to_string(), number.display.as_deref()),
            ("300".to_owned(), Some("300"))
        );
        for none in [
            r#"{"weight": ""}"#,
            r#"{"weight": null}"#,
            r#"{"weight": []}"#,
            "{}",
        ] {
            assert!(weight(none).unwrap().is_none(), "{none}");
        }
        assert!(weight(r#"{"weight": "2,5 кг"}"#).is_err());
        let error = weight(r#"{"weight": true}"#).unwrap_err();
        let expected =
            r#"expected an amount: {"x", "x_raw"}, a number, a numeric string, "" or null"#;
        assert!(error.to_string().contains(expected), "{error}");
    }

    #[test]
    fn an_optional_amount_of_any_number_kind_is_kept_and_a_full_list_refused() {
        for (json, amount) in [(r#"{"weight": -5}"#, "-5"), (r#"{"weight": 2.5}"#, "2.5")] {
            let money = weight(json).unwrap().expect(json);
            assert_eq!(
                (money.amount.to_string(), money.display.as_deref()),
                (amount.to_owned(), Some(amount)),
                "{json}"
            );
        }
        let error = weight(r#"{"weight": [1]}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a non-empty list is not an amount"),
            "{error}"
        );
    }

    #[derive(Debug, serde::Deserialize)]
    struct Payment {
        #[serde(default, deserialize_with = "super::displayed::deserialize")]
        topay: Option<Money>,
    }

    fn topay(json: &str) -> Result<Option<Money>, serde_json::Error> {
        serde_json::from_str::<Payment>(json).map(|payment| payment.topay)
    }

    #[test]
    fn a_displayed_amount_may_be_negative_or_any_kind_of_number() {
        for (json, amount, display) in [
            (r#"{"topay": "-5.00$"}"#, "-5.00", "-5.00$"),
            (r#"{"topay": 51}"#, "51", "51"),
            (r#"{"topay": -3}"#, "-3", "-3"),
            (r#"{"topay": 2.5}"#, "2.5", "2.5"),
        ] {
            let money = topay(json).unwrap().expect(json);
            assert_eq!(
                (money.amount.to_string(), money.display.as_deref()),
                (amount.to_owned(), Some(display)),
                "{json}"
            );
        }
        for none in [r#"{"topay": null}"#, r#"{"topay": []}"#, r#"{"topay": ""}"#] {
            assert!(topay(none).unwrap().is_none(), "{none}");
        }
        for refused in [r#"{"topay": "5.00-"}"#, r#"{"topay": "5.00 - $"}"#] {
            assert!(topay(refused).is_err(), "{refused}");
        }
        let error = topay(r#"{"topay": [1]}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("a non-empty list is not an amount"),
            "{error}"
        );
        let error = topay(r#"{"topay": true}"#).unwrap_err();
        let expected = r#"expected an amount and its currency ("500.00$"), an amount, "" or null"#;
        assert!(error.to_string().contains(expected), "{error}");
    }
}
