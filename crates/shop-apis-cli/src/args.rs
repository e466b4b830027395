//! Readers of the argument shapes the protocol types have no text form for:
//! dates, ranges, `KEY=VALUE` pairs, comparisons. Each gives clap the
//! library's own type, or says what it expected.

use shop_apis::Decimal;
use shop_apis::time::{Date, Month, PrimitiveDateTime, Time};
use shop_apis::ucoz::{Compare, DateTimeBound, Range, SortField};

/// `YYYY-MM-DD`.
pub(crate) fn date(text: &str) -> Result<Date, String> {
    let wrong = || format!("`{text}` is no date: give YYYY-MM-DD");
    let mut parts = text.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(wrong());
    };
    let digits = |part: &str, len: usize| {
        part.len() == len && part.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return Err(wrong());
    }
    let year: i32 = year.parse().map_err(|_| wrong())?;
    let month: u8 = month.parse().map_err(|_| wrong())?;
    let day: u8 = day.parse().map_err(|_| wrong())?;
    let month = Month::try_from(month).map_err(|_| wrong())?;
    Date::from_calendar_date(year, month, day).map_err(|error| format!("`{text}`: {error}"))
}

/// `YYYY-MM-DD`, or a moment of that day: `YYYY-MM-DDTHH:MM[:SS]` (a space
/// for the `T` too).
pub(crate) fn moment(text: &str) -> Result<DateTimeBound, String> {
    let Some((day, time)) = text.split_once(['T', ' ']) else {
        return date(text).map(DateTimeBound::Day);
    };
    let wrong = || format!("`{text}` is no moment: give YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
    let mut parts = time.split(':');
    let mut number = |required: bool| -> Result<u8, String> {
        match parts.next() {
            Some(part) if part.len() == 2 && part.bytes().all(|byte| byte.is_ascii_digit()) => {
                part.parse().map_err(|_| wrong())
            }
            None if !required => Ok(0),
            _ => Err(wrong()),
        }
    };
    let (hour, minute, second) = (number(true)?, number(true)?, number(false)?);
    if parts.next().is_some() {
        return Err(wrong());
    }
    let time =
        Time::from_hms(hour, minute, second).map_err(|error| format!("`{text}`: {error}"))?;
    Ok(DateTimeBound::At(PrimitiveDateTime::new(date(day)?, time)))
}

/// `FROM..TO`, each end read by `end`.
fn range<T>(text: &str, end: fn(&str) -> Result<T, String>) -> Result<Range<T>, String> {
    let (from, to) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is no range: give FROM..TO"))?;
    Ok(Range {
        from: end(from)?,
        to: end(to)?,
    })
}

/// `FROM..TO` of moments (`2026-01-01..2026-01-31T18:00`).
pub(crate) fn moments(text: &str) -> Result<Range<DateTimeBound>, String> {
    range(text, moment)
}

/// `FROM..TO` of amounts (`100..1499.90`).
pub(crate) fn amounts(text: &str) -> Result<Range<Decimal>, String> {
    range(text, amount)
}

/// An exact amount (`1499.90`, `-100`): digits, and a point and more
/// digits; never rounded (no `+`, `_` or exponent either).
pub(crate) fn amount(text: &str) -> Result<Decimal, String> {
    let wrong = || format!("`{text}` is no amount: give digits, a point and more digits");
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return Err(wrong());
    }
    Decimal::from_str_exact(text).map_err(|_| wrong())
}

/// `KEY=VALUE`, each side read by its type's `FromStr`.
pub(crate) fn pair<K, V>(text: &str) -> Result<(K, V), String>
where
    K: std::str::FromStr,
    K::Err: std::fmt::Display,
    V: std::str::FromStr,
    V::Err: std::fmt::Display,
{
    let (key, value) = text
        .split_once('=')
        .ok_or_else(|| format!("`{text}` is no pair: give KEY=VALUE"))?;
    let key = key.parse().map_err(|error| format!("`{key}`: {error}"))?;
    let value = value
        .parse()
        .map_err(|error| format!("`{value}`: {error}"))?;
    Ok((key, value))
}

/// `LATITUDE,LONGITUDE` (`55.7558,37.6173`).
pub(crate) fn coordinates(text: &str) -> Result<(Decimal, Decimal), String> {
    let (latitude, longitude) = text
        .split_once(',')
        .ok_or_else(|| format!("`{text}` is no place: give LATITUDE,LONGITUDE"))?;
    Ok((amount(latitude)?, amount(longitude)?))
}

/// A comparison, as uCoz names it: `eq:N`, `neq:N`, `gr:N`, `greq:N`,
/// `les:N`, `leq:N`, `btw:A..B` or `nin:A..B`.
pub(crate) fn compare(text: &str) -> Result<Compare, String> {
    let wrong = || {
        format!(
            "`{text}` is no comparison: give eq, neq, gr, greq, les or leq and :N, or btw or nin and :A..B"
        )
    };
    let (operator, operand) = text.split_once(':').ok_or_else(wrong)?;
    let one = || amount(operand);
    let two = || amounts(operand).map(|range| (range.from, range.to));
    Ok(match operator {
        "eq" => Compare::Eq(one()?),
        "neq" => Compare::Neq(one()?),
        "gr" => Compare::Gr(one()?),
        "greq" => Compare::Greq(one()?),
        "les" => Compare::Les(one()?),
        "leq" => Compare::Leq(one()?),
        "btw" => two().map(|(from, to)| Compare::Between(from, to))?,
        "nin" => two().map(|(from, to)| Compare::Outside(from, to))?,
        _ => return Err(wrong()),
    })
}

/// What uCoz sorts invoices by.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub(crate) enum Sort {
    Id,
    User,
    Count,
    Amount,
    Status,
    Added,
    Modified,
    Payment,
    Delivery,
}

impl From<Sort> for SortField {
    fn from(sort: Sort) -> Self {
        match sort {
            Sort::Id => SortField::Id,
            Sort::User => SortField::User,
            Sort::Count => SortField::Count,
            Sort::Amount => SortField::Amount,
            Sort::Status => SortField::Status,
            Sort::Added => SortField::Added,
            Sort::Modified => SortField::Modified,
            Sort::Payment => SortField::Payment,
            Sort::Delivery => SortField::Delivery,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shop_apis::ucoz::RecordId;

    #[test]
    fn dates_and_moments_are_read_exactly() {
        let day = Date::from_calendar_date(2026, Month::March, 9).unwrap();
        assert_eq!(date("2026-03-09"), Ok(day));
        assert!(date("2026-3-9").is_err());
        assert!(date("2026-02-30").is_err());
        assert!(date("+026-03-09").is_err());
        assert!(date("2026-+3-09").is_err());
        assert_eq!(moment("2026-03-09"), Ok(DateTimeBound::Day(day)));
        let at = PrimitiveDateTime::new(day, Time::from_hms(18, 5, 0).unwrap());
        assert_eq!(moment("2026-03-09T18:05"), Ok(DateTimeBound::At(at)));
        assert_eq!(moment("2026-03-09 18:05:00"), Ok(DateTimeBound::At(at)));
        assert!(moment("2026-03-09T18").is_err());
        assert!(moment("2026-03-09T25:00").is_err());
        assert!(moment("2026-03-09T18:05:00:00").is_err());
    }

    #[test]
    fn ranges_pairs_and_comparisons_keep_their_exact_amounts() {
        let range = amounts("100..1499.90").unwrap();
        assert_eq!(
            (range.from.to_string(), range.to.to_string()),
            ("100".into(), "1499.90".into())
        );
        assert!(amounts("100").is_err());
        for inexact in [
            "+5",
            "1_000",
            "1e3",
            "1.",
            ".5",
            "1.00000000000000000000000000001",
            "",
        ] {
            assert!(amount(inexact).is_err(), "{inexact}");
        }
        assert_eq!(amount("-0.50").map(|a| a.to_string()), Ok("-0.50".into()));
        assert_eq!(pair::<RecordId, u32>("3=10"), Ok((RecordId::new(3), 10)));
        assert!(pair::<RecordId, u32>("3").is_err());
        assert!(pair::<RecordId, u32>("x=1").is_err());
        assert_eq!(compare("greq:5"), Ok(Compare::Greq(5.into())));
        assert_eq!(
            compare("btw:1..2.5"),
            Ok(Compare::Between(1.into(), "2.5".parse().unwrap()))
        );
        assert!(compare("about:5").is_err());
        assert_eq!(
            coordinates("55.7558,37.6173").map(|(a, _)| a.to_string()),
            Ok("55.7558".into())
        );
    }
}
