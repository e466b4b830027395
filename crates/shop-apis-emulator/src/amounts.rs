//! Amounts as the emulated shops read them from forms, in hundredths.

/// An amount in hundredths, from a form or a filter: `-100`, `100.5`, `0.07`; `None` for anything else.
pub(crate) fn parse_cents(text: &str) -> Option<i64> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((_, "")) => return None,
        Some(parts) => parts,
        None => (digits, ""),
    };
    if whole.is_empty()
        || fraction.len() > 2
        || !whole
            .bytes()
            .chain(fraction.bytes())
            .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let cents = format!("{fraction:0<2}").parse::<i64>().ok()?;
    let value = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::parse_cents;

    #[test]
    fn spellings() {
        for (text, cents) in [
            ("3959", 395_900),
            ("3958.07", 395_807),
            ("-109", -10_900),
            ("10.5", 1050),
            ("0.07", 7),
        ] {
            assert_eq!(parse_cents(text), Some(cents), "{text}");
        }
        for bad in ["", "-", "1.234", "1,5", "x", "1.", "+1", ".5"] {
            assert_eq!(parse_cents(bad), None, "{bad}");
        }
    }
}
