//! Saved answers without personal data. Every value is judged by what it
//! is, never by the key it sits under, since no list of key names is ever
//! complete: what an API adds tomorrow, or a shop's own checkout field, is
//! scrubbed too.
//!
//! - Kept: what gives an answer its shape and nothing about a person: empty
//!   text, dates and times, flags (`true`, `on`, `Y`…), numbers (as JSON or
//!   as text) of up to five digits before the point, `null` and booleans.
//! - Given a stand-in: a number of six digits or more (a phone, a tax or
//!   bank number, a postcode, a large id) becomes another of the same length
//!   and sign, the same original always the same stand-in within one save,
//!   so that ids still join up across the saved answers. A number with more
//!   than four digits after the point (a coordinate of a buyer's address)
//!   keeps only zeros there.
//! - Scrubbed: any other text: names, logins, addresses, e-mails, IPs,
//!   notes, logs, everything a buyer typed into a checkout form, and any text
//!   holding a credential.
//!
//! Object keys are the API's names and stay, except a key that holds a
//! credential or an `@` (scrubbed) or is a long number (given a stand-in).
//! A key only *containing* a credential stays: a login such as `manager` is
//! part of the API's own names.

use std::collections::HashMap;

use serde_json::Value;

/// What stands in for scrubbed text.
pub(crate) const SCRUBBED: &str = "[scrubbed]";

/// The fewest digits before the point that a number may be personal with
/// (a postcode has six; the shortest phone, tax or bank number more).
const LONG_NUMBER: usize = 6;

/// The most digits after the point a number keeps: money has two, a
/// coordinate that places a house five or more.
const PRECISE_FRACTION: usize = 4;

/// One save's scrubbing: its credentials, and the stand-ins given so far.
pub(crate) struct Scrubber<'a> {
    secrets: Vec<&'a str>,
    stand_ins: HashMap<String, String>,
    /// How many stand-ins of each length have been given.
    given: HashMap<usize, u64>,
}

impl<'a> Scrubber<'a> {
    pub(crate) fn new(secrets: &'a [String]) -> Self {
        Scrubber {
            secrets: secrets
                .iter()
                .map(String::as_str)
                .filter(|s| !s.is_empty())
                .collect(),
            stand_ins: HashMap::new(),
            given: HashMap::new(),
        }
    }

    /// An answer's bytes, scrubbed: JSON re-written pretty, anything else
    /// (an HTML error page) with credentials, e-mails and long numbers
    /// replaced word by word.
    pub(crate) fn body(&mut self, body: &[u8]) -> Vec<u8> {
        match serde_json::from_slice::<Value>(body) {
            Ok(mut json) => {
                self.value(&mut json);
                let mut text = serde_json::to_vec_pretty(&json).expect("a JSON value serialises");
                text.push(b'\n');
                text
            }
            Err(_) => self.prose(&String::from_utf8_lossy(body)).into_bytes(),
        }
    }

    fn value(&mut self, value: &mut Value) {
        match value {
            Value::String(text) => *text = self.text(text),
            Value::Number(number) => {
                let text = number.to_string();
                if let Some(stand_in) = self.number(&text) {
                    *value = serde_json::from_str(&stand_in).expect("a stand-in is a number");
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(members) => {
                let old = std::mem::take(members);
                for (key, mut member) in old {
                    self.value(&mut member);
                    let mut key = self.key(&key);
                    // Two keys scrubbed alike stay two members.
                    while members.contains_key(&key) {
                        key.push('\'');
                    }
                    members.insert(key, member);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }

    fn key(&mut self, key: &str) -> String {
        // A key equal to a credential, not one containing it: a login such
        // as `manager` is part of many of the API's own names.
        if self.secrets.contains(&key) || key.contains('@') {
            SCRUBBED.to_owned()
        } else {
            self.number(key).unwrap_or_else(|| key.to_owned())
        }
    }

    /// A text value, by what it is.
    fn text(&mut self, text: &str) -> String {
        if self.holds_secret(text) {
            return SCRUBBED.to_owned();
        }
        if text.is_empty() || is_moment(text) || is_flag(text) {
            return text.to_owned();
        }
        if is_number(text) {
            return self.number(text).unwrap_or_else(|| text.to_owned());
        }
        if let Some((before, number, after)) = amount(text) {
            let number = self.number(number).unwrap_or_else(|| number.to_owned());
            return format!("{before}{number}{after}");
        }
        SCRUBBED.to_owned()
    }

    /// Text that is not JSON, word by word.
    fn prose(&mut self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in &self.secrets {
            out = out.replace(secret, SCRUBBED);
        }
        let words: Vec<String> = out
            .split(|c: char| c.is_whitespace() || "<>\"'(),;:=&".contains(c))
            .filter(|w| {
                w.contains('@') || w.chars().filter(char::is_ascii_digit).count() >= LONG_NUMBER
            })
            .map(str::to_owned)
            .collect();
        for word in words {
            out = out.replace(&word, SCRUBBED);
        }
        out
    }

    fn holds_secret(&self, text: &str) -> bool {
        self.secrets.iter().any(|secret| text.contains(secret))
    }

    /// What stands in for a number (as text) that may be personal: a
    /// stand-in for at least [`LONG_NUMBER`] digits before the point, zeros
    /// for more than [`PRECISE_FRACTION`] after it; `None` when it is kept.
    fn number(&mut self, number: &str) -> Option<String> {
        let split = number.find(['.', ',']);
        let (head, fraction) = split.map_or((number, ""), |at| number.split_at(at));
        let precise = fraction.len() > PRECISE_FRACTION + 1
            && fraction[1..].bytes().all(|b| b.is_ascii_digit());
        let coarse = if precise {
            format!("{}{}", &fraction[..1], "0".repeat(fraction.len() - 1))
        } else {
            fraction.to_owned()
        };
        match self.long_number(head) {
            Some(stand_in) => Some(format!("{stand_in}{coarse}")),
            None if precise => Some(format!("{head}{coarse}")),
            None => None,
        }
    }

    /// The stand-in of a whole number (as text) with at least
    /// [`LONG_NUMBER`] digits; `None` for a shorter one.
    fn long_number(&mut self, number: &str) -> Option<String> {
        let (sign, unsigned) = match number.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", number),
        };
        let split = unsigned
            .find(['.', ',', 'e', 'E'])
            .unwrap_or(unsigned.len());
        let (whole, rest) = unsigned.split_at(split);
        if whole.len() < LONG_NUMBER || !whole.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let stand_in = match self.stand_ins.get(whole) {
            Some(stand_in) => stand_in.clone(),
            None => {
                let given = self.given.entry(whole.len()).or_insert(0);
                *given += 1;
                // 1 followed by the count, padded to the original's length.
                let stand_in = format!("1{:0>width$}", given, width = whole.len() - 1);
                self.stand_ins.insert(whole.to_owned(), stand_in.clone());
                stand_in
            }
        };
        Some(format!("{sign}{stand_in}{rest}"))
    }
}

/// Digits, with one `.` or `,` between digits, and an optional `-`.
fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

/// An amount as a shop displays it, with its currency before or after
/// (`1690.00 руб.`, `51.00$`, `$5`): the text before the number, the number
/// and the text after. A currency is a sign (`$`, `€`, `₽`: no letter or
/// digit) or one of the names shops write; any other word beside a number
/// (`д. 5`) may be part of an address and is not an amount.
fn amount(text: &str) -> Option<(&str, &str, &str)> {
    const NAMES: [&str; 16] = [
        "руб.",
        "руб",
        "р.",
        "RUB",
        "RUR",
        "USD",
        "EUR",
        "грн.",
        "грн",
        "UAH",
        "тг",
        "KZT",
        "BYN",
        "бел. руб.",
        "сом",
        "KGS",
    ];
    let currency = |part: &str| {
        part.is_empty()
            || NAMES.contains(&part)
            || (part.chars().count() <= 3
                && part
                    .chars()
                    .all(|c| !c.is_alphanumeric() && !c.is_whitespace()))
    };
    let start = text.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    let (before, number, after) = (&text[..start], &text[start..end], &text[end..]);
    let before_ok = currency(before.trim_end());
    let after_ok = currency(after.trim_start());
    (is_number(number) && before_ok && after_ok && (before.trim().len() + after.trim().len()) > 0)
        .then_some((before, number, after))
}

/// A flag as the APIs write them.
fn is_flag(text: &str) -> bool {
    ["true", "false", "on", "off", "yes", "no", "y", "n"]
        .iter()
        .any(|flag| text.eq_ignore_ascii_case(flag))
}

/// A date, a time or both, as the APIs write them: ISO (`2017-01-15`,
/// `2017-01-15 21:59:28.043621`, `2020-10-01T12:00:00+03:00`), Russian
/// (`15.01.2017 21:59`) or a time of day alone.
fn is_moment(text: &str) -> bool {
    const SHAPES: [&str; 10] = [
        "dddd-dd-dd",
        "dddd-dd-dd dd:dd",
        "dddd-dd-dd dd:dd:dd",
        "dddd-dd-ddTdd:dd",
        "dddd-dd-ddTdd:dd:dd",
        "dd.dd.dddd",
        "dd.dd.dddd dd:dd",
        "dd.dd.dddd dd:dd:dd",
        "dd:dd",
        "dd:dd:dd",
    ];
    if !text.is_ascii() {
        return false;
    }
    let shape: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { 'd' } else { c })
        .collect();
    let shape = shape
        .strip_suffix('Z')
        .or_else(|| {
            let cut = shape.len().checked_sub(6)?;
            matches!(&shape[cut..], "+dd:dd" | "-dd:dd").then(|| &shape[..cut])
        })
        .unwrap_or(&shape);
    // Fractions of a second, of any precision.
    let shape = match shape.rsplit_once('.') {
        Some((head, fraction))
            if head.ends_with(":dd")
                && !fraction.is_empty()
                && fraction.bytes().all(|b| b == b'd') =>
        {
            head
        }
        _ => shape,
    };
    SHAPES.contains(&shape)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scrubbed(json: &str, secrets: &[String]) -> Value {
        let out = Scrubber::new(secrets).body(json.as_bytes());
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn keeps_shape_and_scrubs_whatever_text_is_not_shape() {
        let out = scrubbed(
            r#"{"clients":[{"id":"1","phone":"79001234567","email":"a@b.ru","note":"pw s3cret here",
                "limit":5,"new_field":"Иван Петров","when":"2017-01-15 21:59:28.043621","active":"Y",
                "ip":"203.0.113.7","price":"1499.90","kpp":"987654321","inn":12345678901}],"pages":1}"#,
            &["s3cret".to_owned()],
        );
        let client = &out["clients"][0];
        // Stand-ins of the same length, one per original.
        let phone = client["phone"].as_str().unwrap();
        let inn = client["inn"].as_u64().unwrap().to_string();
        assert!(
            phone.starts_with("1000000000") && phone.len() == 11,
            "{phone}"
        );
        assert!(
            inn.starts_with("1000000000") && inn.len() == 11 && inn != phone,
            "{inn}"
        );
        for key in ["email", "note", "new_field", "ip"] {
            assert_eq!(client[key], SCRUBBED, "{key}");
        }
        assert_eq!(client["kpp"], "100000001");
        for (key, kept) in [
            ("id", "1"),
            ("when", "2017-01-15 21:59:28.043621"),
            ("active", "Y"),
            ("price", "1499.90"),
        ] {
            assert_eq!(client[key], kept, "{key}");
        }
        assert_eq!(
            (&client["limit"], &out["pages"]),
            (&Value::from(5), &Value::from(1))
        );
    }

    #[test]
    fn the_same_long_number_gets_the_same_stand_in_everywhere() {
        let out = scrubbed(
            r#"{"1234567":{"id":1234567,"owner":"1234567","other":"7654321","neg":-7654321.25,"lat":"55.751244","lng":37.617494,"rate":"1.2345"}}"#,
            &[],
        );
        let inner = &out["1000001"];
        assert_eq!(out["1000001"]["lat"], "55.000000");
        assert_eq!(out["1000001"]["lng"], 37.0);
        assert_eq!(out["1000001"]["rate"], "1.2345");
        assert_eq!(inner["id"], 1000001);
        assert_eq!(inner["owner"], "1000001");
        assert_eq!(inner["other"], "1000002");
        assert_eq!(inner["neg"], -1000002.25);
    }

    #[test]
    fn keys_are_kept_unless_they_are_personal() {
        let out = scrubbed(r#"{"a@b.ru":1,"c@d.ru":2,"fld3":"x"}"#, &[]);
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 3, "{keys:?}");
        assert_eq!(out["fld3"], SCRUBBED);
    }

    #[test]
    fn moments_flags_and_numbers_are_told_apart() {
        for moment in [
            "2017-01-15",
            "2017-01-15 21:59:28",
            "2017-01-15 21:59:28.043621",
            "2020-10-01T12:00:00+03:00",
            "2020-10-01T12:00:00Z",
            "15.01.2017 21:59",
            "21:59",
        ] {
            assert!(is_moment(moment), "{moment}");
        }
        for other in [
            "912-321-12-32",
            "+7 (912) 321-12-32",
            "2017",
            "1.1.1.1",
            "21:59:28.",
            "Выдано (Отправлено)",
            "x+dd:dd",
        ] {
            assert!(!is_moment(other), "{other}");
        }
        for number in ["0", "-5", "1499.90", "1499,90"] {
            assert!(is_number(number), "{number}");
        }
        for other in ["", "-", "1.", ".5", "1.2.3", "1 500", "+7"] {
            assert!(!is_number(other), "{other}");
        }
        assert!(is_flag("Y") && is_flag("off") && !is_flag("ok"));
        for shown in ["1690.00 руб.", "51.00$", "$5", "-3.50 EUR"] {
            assert!(amount(shown).is_some(), "{shown}");
        }
        for other in [
            "5",
            "д. 5",
            "ул. Ленина, 48",
            "a@b.ru 5",
            "Размер: L",
            "+7 999 123",
        ] {
            assert!(amount(other).is_none(), "{other}");
        }
    }

    #[test]
    fn prose_loses_credentials_e_mails_and_long_numbers() {
        let out = Scrubber::new(&["s3cret".to_owned()])
            .body(b"<html>s3cret for a@b.ru, call 79001234567 (404)</html>");
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html>[scrubbed] for [scrubbed], call [scrubbed] (404)</html>"
        );
    }
}
