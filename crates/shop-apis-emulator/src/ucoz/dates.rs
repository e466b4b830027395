//! Periods as the document's filters write them: `date1|date2`, each
//! `YYYY-MM-DD` with an optional ` HH:MI:SS` (seed lines 404, 408, 1064).

use time::{Date, Month, PrimitiveDateTime, Time, UtcOffset};

/// The shop's clock, Moscow time: the document's invoice list logs add date
/// 1458511535 (20 March 2016, 22:05:35 UTC) as "21.03.2016 01:05" (seed
/// line 469), so the dates of a filter are read at UTC+3.
const SHOP_OFFSET: UtcOffset = time::macros::offset!(+3);

/// A period, both ends included, in Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Period {
    from: i64,
    to: i64,
}

impl Period {
    /// `date1|date2` given as `key`: `None` for a lone `|`, which the
    /// document says is ignored; a missing end is 2000-01-01 or 2100-12-31
    /// (seed line 1064, read the same way for the invoice list). A day
    /// without a time spans the whole day, so `2016-03-21|2016-03-21` is
    /// that day.
    pub(super) fn parse(key: &str, text: &str) -> Result<Option<Period>, String> {
        let bad = || format!("{key}: не период \"date1|date2\"");
        let (from, to) = text.split_once('|').ok_or_else(bad)?;
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() && to.is_empty() {
            return Ok(None);
        }
        let from = if from.is_empty() { "2000-01-01" } else { from };
        let to = if to.is_empty() { "2100-12-31" } else { to };
        match (moment(from, false), moment(to, true)) {
            (Some(from), Some(to)) => Ok(Some(Period { from, to })),
            _ => Err(bad()),
        }
    }

    /// Whether the Unix time `at` falls in the period.
    pub(super) fn contains(self, at: u64) -> bool {
        i64::try_from(at).is_ok_and(|at| self.from <= at && at <= self.to)
    }
}

/// `YYYY-MM-DD[ HH:MI:SS]` at the shop's clock, a bare day at its first or
/// (`end_of_day`) its last second.
fn moment(text: &str, end_of_day: bool) -> Option<i64> {
    let (day, time) = match text.split_once(' ') {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let [year, month, day] = numbers(day, '-', [4, 2, 2])?;
    let date = Date::from_calendar_date(
        i32::try_from(year).ok()?,
        Month::try_from(u8::try_from(month).ok()?).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;
    let time = match time {
        Some(time) => {
            let [h, m, s] = numbers(time, ':', [2, 2, 2])?;
            Time::from_hms(
                u8::try_from(h).ok()?,
                u8::try_from(m).ok()?,
                u8::try_from(s).ok()?,
            )
            .ok()?
        }
        None if end_of_day => Time::from_hms(23, 59, 59).ok()?,
        None => Time::MIDNIGHT,
    };
    Some(
        PrimitiveDateTime::new(date, time)
            .assume_offset(SHOP_OFFSET)
            .unix_timestamp(),
    )
}

/// Three numbers of `widths` digits joined by `separator`.
fn numbers(text: &str, separator: char, widths: [usize; 3]) -> Option<[u32; 3]> {
    let mut parts = text.split(separator);
    let mut out = [0; 3];
    for (slot, width) in out.iter_mut().zip(widths) {
        let part = parts.next()?;
        if part.len() != width || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        *slot = part.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

#[cfg(test)]
mod tests {
    use super::Period;

    #[test]
    fn days_span_the_shop_s_whole_day() {
        let day = Period::parse("date", "2016-03-21|2016-03-21")
            .unwrap()
            .unwrap();
        // 2016-03-21 00:00:00 and 23:59:59 at UTC+3.
        assert!(day.contains(1_458_507_600) && day.contains(1_458_594_000 - 1));
        assert!(!day.contains(1_458_507_599) && !day.contains(1_458_594_000));
        let exact = Period::parse("date", "2016-03-21 01:05:35|2016-03-21 01:05:35")
            .unwrap()
            .unwrap();
        assert!(exact.contains(1_458_511_535) && !exact.contains(1_458_511_536));
    }

    #[test]
    fn open_ends_and_bad_periods() {
        assert_eq!(Period::parse("f_date", "|"), Ok(None));
        let since = Period::parse("f_date", "2020-09-01|").unwrap().unwrap();
        assert!(since.contains(4_000_000_000) && !since.contains(1_598_900_000));
        for bad in [
            "2016-03-21",
            "2016-3-21|",
            "2016-02-30|",
            "x|y",
            "2016-03-21 1:00|",
        ] {
            assert!(Period::parse("date", bad).is_err(), "{bad}");
        }
    }
}
