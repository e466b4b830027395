//! W7: a date and time sent as `YYYY-MM-DD HH:MM:SS` with up to nine
//! fraction digits, or none (`"2017-01-14 22:50:08.610461"`,
//! `"2017-04-11 21:31:24.48985"`, `"2017-01-15 19:02:43.000000"`).
//!
//! SapLab prints PostgreSQL timestamps, which drop trailing zeros of the
//! fraction: five digits are as valid as six. No time zone is sent, so the
//! value is a [`PrimitiveDateTime`] in the shop's own time. The ISO 8601
//! spelling with `T` is read too: it is what [`serialize`] writes, so an
//! answer serialised by this crate reads back as the same value. Anything
//! else (another separator, a missing second, a 13th month) is an error.
//!
//! ```
//! use time::macros::datetime;
//! #[derive(serde::Deserialize)]
//! struct Transaction {
//!     #[serde(deserialize_with = "shop_apis_core::wire::datetime::deserialize")]
//!     date: time::PrimitiveDateTime,
//! }
//! let t: Transaction = serde_json::from_str(r#"{"date": "2017-04-11 21:31:24.48985"}"#).unwrap();
//! assert_eq!(t.date, datetime!(2017-04-11 21:31:24.48985));
//! let iso: Transaction = serde_json::from_str(r#"{"date": "2017-04-11T21:31:24.48985"}"#).unwrap();
//! assert_eq!(iso.date, t.date);
//! assert!(serde_json::from_str::<Transaction>(r#"{"date": "2017-04-11/21:31:24"}"#).is_err());
//! ```

use std::fmt;

use serde::Serializer;
use serde::de::{self, Deserializer, Unexpected, Visitor};
use time::{Date, Month, PrimitiveDateTime, Time};

/// Decodes a date and time in the APIs' spelling.
pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<PrimitiveDateTime, D::Error> {
    deserializer.deserialize_str(DateTimeVisitor)
}

/// Reads `YYYY-MM-DD HH:MM:SS[.fffffffff]`; `None` for anything else.
///
/// ```
/// use shop_apis_core::wire::datetime::parse;
/// assert!(parse("2017-01-14 22:50:08.610461").is_some());
/// assert!(parse("2017-01-14 22:50:08").is_some());
/// assert!(parse("2017-02-30 00:00:00").is_none());
/// ```
pub fn parse(text: &str) -> Option<PrimitiveDateTime> {
    let (date, time) = text.split_once([' ', 'T'])?;
    Some(PrimitiveDateTime::new(parse_date(date)?, parse_time(time)?))
}

/// Reads `YYYY-MM-DD`; `None` for anything else.
///
/// ```
/// use shop_apis_core::wire::datetime::parse_date;
/// assert_eq!(parse_date("2016-12-31"), Some(time::macros::date!(2016-12-31)));
/// assert!(parse_date("2016-12-31 ").is_none());
/// ```
pub fn parse_date(text: &str) -> Option<Date> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year = digits(&bytes[0..4])?;
    let month = Month::try_from(u8::try_from(digits(&bytes[5..7])?).ok()?).ok()?;
    let day = u8::try_from(digits(&bytes[8..10])?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, day).ok()
}

/// Writes a date and time in ISO 8601, `YYYY-MM-DDTHH:MM:SS`, with the
/// fraction of a second when there is one (trailing zeros dropped).
///
/// ```
/// #[derive(serde::Serialize)]
/// struct Transaction {
///     #[serde(serialize_with = "shop_apis_core::wire::datetime::serialize")]
///     date: time::PrimitiveDateTime,
/// }
/// let t = Transaction { date: time::macros::datetime!(2017-04-11 21:31:24.48985) };
/// assert_eq!(serde_json::to_string(&t).unwrap(), r#"{"date":"2017-04-11T21:31:24.48985"}"#);
/// let whole = Transaction { date: time::macros::datetime!(2017-04-11 21:31:24) };
/// assert_eq!(serde_json::to_string(&whole).unwrap(), r#"{"date":"2017-04-11T21:31:24"}"#);
/// ```
pub fn serialize<S: Serializer>(
    value: &PrimitiveDateTime,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&format_iso(*value))
}

/// `YYYY-MM-DDTHH:MM:SS[.f…]`.
pub(crate) fn format_iso(value: PrimitiveDateTime) -> String {
    let mut text = format!(
        "{}T{:02}:{:02}:{:02}",
        format_date(value.date()),
        value.hour(),
        value.minute(),
        value.second()
    );
    if value.nanosecond() != 0 {
        let fraction = format!("{:09}", value.nanosecond());
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text
}

/// `YYYY-MM-DD`, the spelling the APIs take for a date.
///
/// ```
/// use shop_apis_core::wire::datetime::format_date;
/// assert_eq!(format_date(time::macros::date!(2017-01-04)), "2017-01-04");
/// ```
pub fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

fn parse_time(text: &str) -> Option<Time> {
    let (clock, fraction) = match text.split_once('.') {
        Some((clock, fraction)) => (clock, Some(fraction)),
        None => (text, None),
    };
    let bytes = clock.as_bytes();
    if bytes.len() != 8 || bytes[2] != b':' || bytes[5] != b':' {
        return None;
    }
    let hour = u8::try_from(digits(&bytes[0..2])?).ok()?;
    let minute = u8::try_from(digits(&bytes[3..5])?).ok()?;
    let second = u8::try_from(digits(&bytes[6..8])?).ok()?;
    let nanos = match fraction {
        None => 0,
        Some(f) if (1..=9).contains(&f.len()) => {
            let value = digits(f.as_bytes())?;
            let scale = 10u32.pow(9 - f.len() as u32);
            u32::try_from(value).ok()? * scale
        }
        Some(_) => return None,
    };
    Time::from_hms_nano(hour, minute, second, nanos).ok()
}

/// The value of a run of ASCII digits; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u64> {
    if bytes.is_empty() || bytes.len() > 18 {
        return None;
    }
    bytes.iter().try_fold(0u64, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u64::from(byte - b'0'))
    })
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = PrimitiveDateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date and time as \"YYYY-MM-DD HH:MM:SS[.ffffff]\" (or with `T`)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<PrimitiveDateTime, E> {
        parse(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// For fields where `null` or `""` means "never" (W4).
pub mod option {
    use super::*;

    /// Writes an optional date and time: ISO 8601, or `null`.
    ///
    /// ```
    /// #[derive(serde::Serialize)]
    /// struct Doc {
    ///     #[serde(serialize_with = "shop_apis_core::wire::datetime::option::serialize")]
    ///     at: Option<time::PrimitiveDateTime>,
    /// }
    /// assert_eq!(serde_json::to_string(&Doc { at: None }).unwrap(), r#"{"at":null}"#);
    /// ```
    pub fn serialize<S: Serializer>(
        value: &Option<PrimitiveDateTime>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            Some(value) => super::serialize(value, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Decodes an optional date and time: `null` and `""` are `None`.
    ///
    /// ```
    /// #[derive(serde::Deserialize)]
    /// struct Doc {
    ///     #[serde(default, deserialize_with = "shop_apis_core::wire::datetime::option::deserialize")]
    ///     at: Option<time::PrimitiveDateTime>,
    /// }
    /// for json in [r#"{"at": null}"#, r#"{"at": ""}"#, "{}"] {
    ///     assert_eq!(serde_json::from_str::<Doc>(json).unwrap().at, None);
    /// }
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<PrimitiveDateTime>, D::Error> {
        deserializer.deserialize_any(OptionVisitor)
    }

    struct OptionVisitor;

    impl Visitor<'_> for OptionVisitor {
        type Value = Option<PrimitiveDateTime>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date and time, \"\" or null")
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            if v.is_empty() {
                return Ok(None);
            }
            DateTimeVisitor.visit_str(v).map(Some)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{digits, parse, parse_date};

    #[test]
    fn a_date_needs_exactly_ten_bytes_with_both_dashes() {
        assert_eq!(
            parse_date("2016-12-31"),
            Some(time::macros::date!(2016 - 12 - 31))
        );
        for refused in [
            "2016-12-31 ",
            "2016x12-31",
            "2016-12x31",
            "2016-1-31",
            "16-12-31",
            "",
        ] {
            assert_eq!(parse_date(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_time_needs_both_colons() {
        assert!(parse("2017-01-14 22:50:08").is_some());
        for refused in ["2017-01-14 22x50:08", "2017-01-14 22:50x08"] {
            assert_eq!(parse(refused), None, "{refused:?}");
        }
    }

    #[test]
    fn a_run_of_digits_is_one_to_eighteen_of_them() {
        assert_eq!(digits(b"007"), Some(7));
        assert_eq!(digits(&[b'9'; 18]), Some(999_999_999_999_999_999));
        // Any eighteen digits fit a u64; twenty may not.
        for refused in [&b""[..], &[b'1'; 19], b"1a"] {
            assert_eq!(digits(refused), None, "{refused:?}");
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Transaction {
        #[serde(deserialize_with = "super::deserialize")]
        #[allow(dead_code)]
        date: time::PrimitiveDateTime,
    }

    #[derive(Debug, serde::Deserialize)]
    struct Visit {
        #[serde(default, deserialize_with = "super::option::deserialize")]
        at: Option<time::PrimitiveDateTime>,
    }

    #[test]
    fn a_value_that_is_no_date_says_what_was_expected() {
        let error = serde_json::from_str::<Transaction>(r#"{"date": 5}"#).unwrap_err();
        let expected = r#"expected a date and time as "YYYY-MM-DD HH:MM:SS[.ffffff]""#;
        assert!(error.to_string().contains(expected), "{error}");
        let error = serde_json::from_str::<Visit>(r#"{"at": 5}"#).unwrap_err();
        let expected = r#"expected a date and time, "" or null"#;
        assert!(error.to_string().contains(expected), "{error}");
        assert_eq!(
            serde_json::from_str::<Visit>(r#"{"at": null}"#).unwrap().at,
            None
        );
    }
}
