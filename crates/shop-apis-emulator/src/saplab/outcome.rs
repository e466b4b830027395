//! The panel's answers: `{"status": "success"|"error", "text"}`, and how it
//! writes values (money, ids and flags as strings, `null` for nothing).

use serde_json::{Value, json};

use super::Kopecks;

pub(super) fn success(text: Option<&str>) -> Value {
    match text {
        Some(text) => json!({"status": "success", "text": text}),
        None => json!({"status": "success"}),
    }
}

pub(super) fn error(text: &str) -> Value {
    json!({"status": "error", "text": text})
}

pub(super) fn bare_error() -> Value {
    json!({"status": "error"})
}

/// Kopecks as the panel prints money: `"3959"`, `"3958.07"`, `"-109"`.
pub(super) fn money(kopecks: Kopecks) -> Value {
    let sign = if kopecks < 0 { "-" } else { "" };
    let (whole, cents) = (kopecks.unsigned_abs() / 100, kopecks.unsigned_abs() % 100);
    Value::from(if cents == 0 {
        format!("{sign}{whole}")
    } else if cents % 10 == 0 {
        format!("{sign}{whole}.{}", cents / 10)
    } else {
        format!("{sign}{whole}.{cents:02}")
    })
}

pub(super) fn string(value: impl ToString) -> Value {
    Value::from(value.to_string())
}

pub(super) fn flag(value: bool) -> Value {
    Value::from(if value { "1" } else { "0" })
}

/// Text, or `null` when empty (how the panel writes an absent manager or shipping type).
pub(super) fn text_or_null(text: Option<&str>) -> Value {
    text.map_or(Value::Null, Value::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_as_the_panel_prints_it() {
        for (kopecks, text) in [
            (395_900, "3959"),
            (395_807, "3958.07"),
            (-10_900, "-109"),
            (1050, "10.5"),
            (7, "0.07"),
        ] {
            assert_eq!(money(kopecks), Value::from(text));
            assert_eq!(crate::amounts::parse_cents(text), Some(kopecks));
        }
    }
}
