//! W12: a moment sent as Unix seconds in a string (`"add_date": "1458511535"`),
//! with `"0"`, `""` or `null` for "not set" where a date is optional
//! (`"delivery_date": "0"`). Serialised, a moment is ISO 8601 in UTC
//! (`"2016-03-20T22:05:35Z"`), which reads back as the same moment.

use std::fmt;

use serde::de::{self, Deserializer, Error as _, Visitor};
use serde::{Deserialize, Serializer};
use time::{OffsetDateTime, UtcOffset};

/// Decodes Unix seconds (a number or a string of digits) into a UTC moment.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Order {
///     #[serde(deserialize_with = "shop_apis_core::wire::unix_time::deserialize")]
///     add_date: time::OffsetDateTime,
/// }
/// let order: Order = serde_json::from_str(r#"{"add_date": "1458511535"}"#).unwrap();
/// assert_eq!(order.add_date.unix_timestamp(), 1_458_511_535);
/// assert!(serde_json::from_str::<Order>(r#"{"add_date": "yesterday"}"#).is_err());
/// ```
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
    match Moment::deserialize(deserializer)? {
        Moment::Seconds(seconds) => from_seconds(seconds),
        Moment::Utc(moment) => Ok(moment),
        Moment::Empty => Err(D::Error::invalid_value(
            de::Unexpected::Str(""),
            &MomentVisitor,
        )),
    }
}

/// The moment `seconds` after 1970 in UTC, from the year 1 to 9999: what ISO
/// 8601's four-digit years write and read back (no shop sells before then).
fn from_seconds<E: de::Error>(seconds: i64) -> Result<OffsetDateTime, E> {
    const YEAR_ONE: i64 = -62_135_596_800;
    const YEAR_TEN_THOUSAND: i64 = 253_402_300_800;
    if !(YEAR_ONE..YEAR_TEN_THOUSAND).contains(&seconds) {
        return Err(E::invalid_value(
            de::Unexpected::Signed(seconds),
            &"a moment from the year 1 to 9999",
        ));
    }
    OffsetDateTime::from_unix_timestamp(seconds).map_err(E::custom)
}

/// Writes a moment as ISO 8601 in UTC, `YYYY-MM-DDTHH:MM:SSZ`.
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Order {
///     #[serde(serialize_with = "shop_apis_core::wire::unix_time::serialize")]
///     add_date: time::OffsetDateTime,
/// }
/// let order = Order { add_date: time::OffsetDateTime::from_unix_timestamp(1_458_511_535).unwrap() };
/// assert_eq!(serde_json::to_string(&order).unwrap(), r#"{"add_date":"2016-03-20T22:05:35Z"}"#);
/// ```
pub fn serialize<S: Serializer>(value: &OffsetDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    let utc = value.to_offset(UtcOffset::UTC);
    let local = time::PrimitiveDateTime::new(utc.date(), utc.time());
    serializer.collect_str(&format_args!("{}Z", super::datetime::format_iso(local)))
}

/// Unix seconds as the APIs send them, or an ISO 8601 UTC moment as
/// [`serialize`] writes it.
enum Moment {
    Seconds(i64),
    Utc(OffsetDateTime),
    /// `""`: none, where a moment is optional.
    Empty,
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(MomentVisitor)
    }
}

struct MomentVisitor;

impl Visitor<'_> for MomentVisitor {
    type Value = Moment;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Unix seconds, or an ISO 8601 moment in UTC")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Moment, E> {
        i64::try_from(v)
            .map(Moment::Seconds)
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Moment, E> {
        Ok(Moment::Seconds(v))
    }

    /// Refused, even whole (`1458511535.0`), with W1's message, as W1 refuses it.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Moment, E> {
        let seconds: i64 = super::int::deserialize(de::value::F64Deserializer::<E>::new(v))?;
        Ok(Moment::Seconds(seconds))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Moment, E> {
        if v.is_empty() {
            return Ok(Moment::Empty);
        }
        if let Some(seconds) = super::int::parse::<i64>(v) {
            return Ok(Moment::Seconds(seconds));
        }
        v.strip_suffix('Z')
            .filter(|local| local.contains('T'))
            .and_then(super::datetime::parse)
            .map(|local| Moment::Utc(local.assume_utc()))
            .ok_or_else(|| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

/// For optional moments: `0`, `"0"`, `""` and `null` are `None`.
pub mod option {
    use super::*;

    /// Decodes optional Unix seconds.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Delivery {
    ///     #[serde(default, deserialize_with = "shop_apis_core::wire::unix_time::option::deserialize")]
    ///     delivery_date: Option<time::OffsetDateTime>,
    /// }
    /// for json in [r#""0""#, r#""""#, "null", "0"] {
    ///     let d: Delivery = serde_json::from_str(&format!(r#"{{"delivery_date": {json}}}"#)).unwrap();
    ///     assert_eq!(d.delivery_date, None, "{json}");
    /// }
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        match Option::<Moment>::deserialize(deserializer)? {
            None | Some(Moment::Seconds(0) | Moment::Empty) => Ok(None),
            Some(Moment::Seconds(seconds)) => super::from_seconds(seconds).map(Some),
            Some(Moment::Utc(moment)) => Ok(Some(moment)),
        }
    }

    /// Writes an optional moment: ISO 8601 in UTC, or `null`.
    ///
    /// ```
    /// #[derive(serde::Serialize)]
    /// struct Delivery {
    ///     #[serde(serialize_with = "shop_apis_core::wire::unix_time::option::serialize")]
    ///     delivery_date: Option<time::OffsetDateTime>,
    /// }
    /// assert_eq!(serde_json::to_string(&Delivery { delivery_date: None }).unwrap(), r#"{"delivery_date":null}"#);
    /// ```
    pub fn serialize<S: Serializer>(
        value: &Option<OffsetDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use time::OffsetDateTime;

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Order {
        #[serde(with = "super")]
        add_date: OffsetDateTime,
        #[serde(default, with = "super::option")]
        delivery_date: Option<OffsetDateTime>,
    }

    fn add_date(json: &str) -> Result<i64, serde_json::Error> {
        serde_json::from_str::<Order>(&format!(r#"{{"add_date": {json}}}"#))
            .map(|order| order.add_date.unix_timestamp())
    }

    fn delivery_date(json: &str) -> Result<Option<i64>, serde_json::Error> {
        let json = format!(r#"{{"add_date": 1, "delivery_date": {json}}}"#);
        serde_json::from_str::<Order>(&json)
            .map(|order| order.delivery_date.map(OffsetDateTime::unix_timestamp))
    }

    const YEAR_ONE: i64 = -62_135_596_800;
    const YEAR_TEN_THOUSAND: i64 = 253_402_300_800;

    #[test]
    fn a_moment_is_unix_seconds_in_any_number_form_or_as_it_serialises() {
        for (json, seconds) in [
            (r#""1458511535""#, 1_458_511_535),
            ("1458511535", 1_458_511_535),
            ("-1", -1),
            (r#""-1""#, -1),
            ("0", 0),
            (r#""2016-03-20T22:05:35Z""#, 1_458_511_535),
        ] {
            assert_eq!(add_date(json).ok(), Some(seconds), "{json}");
            let optional = delivery_date(json).ok();
            assert_eq!(optional, Some((seconds != 0).then_some(seconds)), "{json}");
        }
    }

    #[test]
    fn a_moment_lies_between_the_years_one_and_ten_thousand() {
        for seconds in [YEAR_ONE, YEAR_TEN_THOUSAND - 1] {
            assert_eq!(add_date(&seconds.to_string()).ok(), Some(seconds));
            assert_eq!(
                delivery_date(&seconds.to_string()).ok(),
                Some(Some(seconds))
            );
        }
        for seconds in [YEAR_ONE - 1, YEAR_TEN_THOUSAND] {
            let error = add_date(&seconds.to_string()).unwrap_err().to_string();
            assert!(
                error.contains("expected a moment from the year 1 to 9999"),
                "{error}"
            );
            assert!(delivery_date(&seconds.to_string()).is_err());
        }
        assert!(add_date("18446744073709551615").is_err());
    }

    #[test]
    fn an_optional_moment_is_none_when_zero_empty_null_or_absent() {
        for none in ["0", r#""0""#, r#""""#, "null"] {
            assert_eq!(delivery_date(none).unwrap(), None, "{none}");
        }
        let absent = serde_json::from_str::<Order>(r#"{"add_date": 1}"#).unwrap();
        assert_eq!(absent.delivery_date, None);
    }

    #[test]
    fn a_value_that_is_no_moment_says_what_was_expected() {
        let moment = "expected Unix seconds, or an ISO 8601 moment in UTC";
        for (refused, message) in [
            (r#""""#, moment),
            (r#""yesterday""#, moment),
            (r#""2016-03-20 22:05:35Z""#, moment),
            ("true", moment),
            ("1.5", "expected an integer"),
            ("1458511535.0", "expected an integer"),
        ] {
            let error = add_date(refused).unwrap_err().to_string();
            assert!(error.contains(message), "{refused}: {error}");
        }
        assert!(delivery_date(r#""2016-03-20T22:05:35""#).is_err());
    }

    #[test]
    fn a_moment_is_written_in_iso_8601_utc_and_reads_back() {
        let moment = OffsetDateTime::from_unix_timestamp(1_458_511_535).unwrap();
        let local = moment.to_offset(time::macros::offset!(+3));
        for delivery_date in [Some(local), None] {
            let order = Order {
                add_date: local,
                delivery_date,
            };
            let json = serde_json::to_string(&order).unwrap();
            let expected_delivery = if delivery_date.is_some() {
                r#""2016-03-20T22:05:35Z""#
            } else {
                "null"
            };
            assert_eq!(
                json,
                format!(
                    r#"{{"add_date":"2016-03-20T22:05:35Z","delivery_date":{expected_delivery}}}"#
                )
            );
            let back: Order = serde_json::from_str(&json).unwrap();
            assert_eq!(
                (back.add_date, back.delivery_date),
                (moment, delivery_date.map(|_| moment))
            );
        }
    }
}
