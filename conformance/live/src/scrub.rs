//! Saved answers without personal data. Every value is judged by what it
//! is, never by the key it sits under, since no list of key names is ever
//! complete: what an API adds tomorrow, or a shop's own checkout field, is
//! scrubbed too.
//!
//! - Kept: what gives an answer its shape and says nothing about a person:
//!   empty text, dates and times (checked as dates, not only as digits),
//!   flags and the APIs' status words (`true`, `on`, `Y`, `success`…), a
//!   uCoz price markup (`4%&2.00`), amounts with their currency (`51.00$`,
//!   `1690.00 руб.`), numbers of up to four digits before the point, `null`
//!   and booleans.
//! - Given a stand-in: a number, as JSON or as text, of five digits or more
//!   before the point (a phone, a postcode, a tax or bank number, a large
//!   id) becomes another of the same length and sign, the same original
//!   always the same stand-in within one save, so that ids still join up
//!   across the saved answers. A number with more than two digits after the
//!   point (a coordinate of a buyer's address) keeps only zeros there.
//! - Scrubbed: any other text (names, logins, addresses, e-mails, IPs, notes,
//!   logs, everything a buyer typed into a checkout form), and any value
//!   that is a credential or holds one.
//!
//! Object keys are the API's names and stay when they look like names
//! (`order_id`) or numbers (given stand-ins like values); any other key (a
//! phone, an e-mail, a name) is scrubbed. An answer that is not JSON (an
//! HTML page) keeps its tags and loses every word and attribute value.

use std::collections::HashMap;

use serde_json::Value;

/// What stands in for scrubbed text.
pub(crate) const SCRUBBED: &str = "[scrubbed]";

/// The fewest digits before the point that a number may be personal with
/// (a postcode has five or six; phones, tax and bank numbers more).
const LONG_NUMBER: usize = 5;

/// The most digits after the point a number keeps: money has two, a
/// coordinate that places a street three or more.
const PRECISE_FRACTION: usize = 2;

/// Credentials shorter than this are looked for only as a whole value: a
/// login such as `manager` is part of the API's own names.
const LONG_SECRET: usize = 8;

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

    /// An answer's bytes, scrubbed: JSON (after a byte-order mark, if any)
    /// re-written pretty; anything else as [`Scrubber::prose`].
    pub(crate) fn body(&mut self, body: &[u8]) -> Vec<u8> {
        let json = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
        match serde_json::from_slice::<Value>(json) {
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
                // Rust writes a float in full where serde_json would use an
                // exponent (`4.08e19`), which would hide its whole digits.
                let text = match number.as_f64() {
                    Some(float) if number.is_f64() => float.to_string(),
                    _ => number.to_string(),
                };
                if self.is_secret(&text) {
                    *value = Value::from(SCRUBBED);
                } else if let Some(stand_in) = self.number(&text) {
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
        let long_secret = self
            .secrets
            .iter()
            .any(|secret| secret.len() >= LONG_SECRET && key.contains(secret));
        if long_secret {
            return SCRUBBED.to_owned();
        }
        if is_number(key) {
            return self.number(key).unwrap_or_else(|| key.to_owned());
        }
        let mut chars = key.chars();
        let name = chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_');
        if name {
            key.to_owned()
        } else {
            SCRUBBED.to_owned()
        }
    }

    /// A text value, by what it is.
    fn text(&mut self, text: &str) -> String {
        if self.is_secret(text) {
            return SCRUBBED.to_owned();
        }
        if text.is_empty() || is_moment(text) || is_word(text) {
            return text.to_owned();
        }
        if is_number(text) {
            return self.number(text).unwrap_or_else(|| text.to_owned());
        }
        if let Some((percent, fixed)) = markup(text) {
            let percent = self.number(percent).unwrap_or_else(|| percent.to_owned());
            let fixed = self.number(fixed).unwrap_or_else(|| fixed.to_owned());
            return format!("{percent}%&{fixed}");
        }
        if let Some((before, number, after)) = amount(text) {
            let number = self.number(number).unwrap_or_else(|| number.to_owned());
            return format!("{before}{number}{after}");
        }
        SCRUBBED.to_owned()
    }

    /// Text that is not JSON: tags and their attribute names stay; every
    /// other run of letters or digits (a number of fewer than
    /// [`LONG_NUMBER`] digits aside) and every quoted attribute value is
    /// scrubbed.
    pub(crate) fn prose(&mut self, text: &str) -> String {
        let text = &without_phones(text);
        let mut out = String::with_capacity(text.len());
        let (mut in_tag, mut quote) = (false, None::<char>);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String, in_tag: bool| {
            if word.is_empty() {
                return;
            }
            let short_number = word.chars().all(|c| c.is_ascii_digit()) && word.len() < LONG_NUMBER;
            if in_tag || short_number {
                out.push_str(word);
            } else {
                out.push_str(SCRUBBED);
            }
            word.clear();
        };
        for c in text.chars() {
            if let Some(open) = quote {
                if c == open {
                    out.push_str(SCRUBBED);
                    out.push(c);
                    quote = None;
                }
                continue;
            }
            if c.is_alphanumeric() || c == '_' {
                word.push(c);
                continue;
            }
            flush(&mut word, &mut out, in_tag);
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                '"' | '\'' if in_tag => quote = Some(c),
                _ => {}
            }
            out.push(c);
        }
        flush(&mut word, &mut out, in_tag);
        if quote.is_some() {
            out.push_str(SCRUBBED);
        }
        out.replace(PHONE, SCRUBBED)
    }

    /// Whether a value kept for its shape is, or holds, a credential.
    fn is_secret(&self, text: &str) -> bool {
        self.secrets
            .iter()
            .any(|secret| text == *secret || (secret.len() >= LONG_SECRET && text.contains(secret)))
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

    /// The stand-in of a whole number (as text, an exponent after it kept)
    /// with at least [`LONG_NUMBER`] digits; `None` for a shorter one.
    fn long_number(&mut self, number: &str) -> Option<String> {
        let (sign, unsigned) = match number.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", number),
        };
        let split = unsigned.find(['e', 'E']).unwrap_or(unsigned.len());
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

/// Marks a phone [`without_phones`] took out, until the words are scrubbed.
const PHONE: char = '\u{E000}';

/// `text` with every run of seven digits or more, spaced, dashed or
/// bracketed as phones are written (`+7 (912) 321-12-32`), replaced by
/// [`PHONE`].
fn without_phones(text: &str) -> String {
    let phone_char = |c: char| c.is_ascii_digit() || " +()-".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(') {
        let end = rest[start..]
            .find(|c: char| !phone_char(c))
            .map_or(rest.len(), |n| start + n);
        let run = &rest[start..end];
        out.push_str(&rest[..start]);
        if run.chars().filter(char::is_ascii_digit).count() >= 7 {
            // The spaces around it are the text's, not the phone's.
            out.push_str(&run[..run.len() - run.trim_start().len()]);
            out.push(PHONE);
            out.push_str(&run[run.trim_end().len()..]);
        } else {
            out.push_str(run);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Digits, with one `.` or `,` between digits, and an optional `-`.
fn is_number(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let mut parts = unsigned.splitn(2, ['.', ',']);
    let whole = parts.next().unwrap_or_default();
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    digits(whole) && parts.next().is_none_or(digits)
}

/// uCoz's price markup of an option, `percent%&fixed` (`4%&2.00`): the two
/// numbers.
fn markup(text: &str) -> Option<(&str, &str)> {
    let (percent, fixed) = text.split_once("%&")?;
    (is_number(percent) && is_number(fixed)).then_some((percent, fixed))
}

/// An amount as a shop displays it, with its currency before or after
/// (`1690.00 руб.`, `51.00$`, `$5`, `5%`): the text before the number, the
/// number and the text after. A currency is a sign or one of the names
/// shops write; any other word beside a number (`д. 5`) may be part of an
/// address, and `*` before digits the end of a card number.
fn amount(text: &str) -> Option<(&str, &str, &str)> {
    const NAMES: [&str; 28] = [
        "руб.",
        "руб",
        "р.",
        "₽",
        "RUB",
        "RUR",
        "$",
        "USD",
        "€",
        "EUR",
        "£",
        "GBP",
        "грн.",
        "грн",
        "₴",
        "UAH",
        "тг",
        "₸",
        "KZT",
        "BYN",
        "бел. руб.",
        "сом",
        "KGS",
        "¥",
        "CNY",
        "₼",
        "₾",
        "%",
    ];
    let currency = |part: &str| part.is_empty() || NAMES.contains(&part);
    let start = text.find(|c: char| c.is_ascii_digit() || c == '-')?;
    let end = text.rfind(|c: char| c.is_ascii_digit())? + 1;
    if start >= end {
        return None;
    }
    let (before, number, after) = (&text[..start], &text[start..end], &text[end..]);
    let some_currency = !before.trim().is_empty() || !after.trim().is_empty();
    (is_number(number)
        && currency(before.trim_end())
        && currency(after.trim_start())
        && some_currency)
        .then_some((before, number, after))
}

/// A flag as the APIs write them, or one of their status words.
fn is_word(text: &str) -> bool {
    [
        "true", "false", "on", "off", "yes", "no", "y", "n", "success", "error", "ok", "fail",
        "failed",
    ]
    .iter()
    .any(|word| text.eq_ignore_ascii_case(word))
}

/// A date, a time or both, as the APIs write them: ISO (`2017-01-15`,
/// `2017-01-15 21:59:28.043621`, `2020-10-01T12:00:00+03:00`), Russian
/// (`15.01.2017 21:59`) or a time of day alone; each part within its range.
fn is_moment(text: &str) -> bool {
    if !text.is_ascii() {
        return false;
    }
    let shape: String = text
        .chars()
        .map(|c| if c.is_ascii_digit() { 'd' } else { c })
        .collect();
    // A zone, then fractions of a second, of any precision.
    let mut end = shape.len();
    if shape.ends_with('Z') {
        end -= 1;
    } else if end >= 6 && matches!(&shape[end - 6..], "+dd:dd" | "-dd:dd") {
        end -= 6;
    }
    if let Some(dot) = shape[..end].rfind('.') {
        let fraction = &shape[dot + 1..end];
        if shape[..dot].ends_with(":dd")
            && !fraction.is_empty()
            && fraction.bytes().all(|b| b == b'd')
        {
            end = dot;
        }
    }
    let number = |at: usize, len: usize| text[at..at + len].parse::<u32>().ok();
    let date_ymd = |at: usize| {
        matches!(
            (number(at + 5, 2), number(at + 8, 2)),
            (Some(1..=12), Some(1..=31))
        )
    };
    let date_dmy = |at: usize| {
        matches!(
            (number(at, 2), number(at + 3, 2)),
            (Some(1..=31), Some(1..=12))
        )
    };
    let time = |at: usize, seconds: bool| {
        matches!(number(at, 2), Some(0..=23))
            && matches!(number(at + 3, 2), Some(0..=59))
            && (!seconds || matches!(number(at + 6, 2), Some(0..=60)))
    };
    match &shape[..end] {
        "dddd-dd-dd" => date_ymd(0),
        "dddd-dd-dd dd:dd" | "dddd-dd-ddTdd:dd" => date_ymd(0) && time(11, false),
        "dddd-dd-dd dd:dd:dd" | "dddd-dd-ddTdd:dd:dd" => date_ymd(0) && time(11, true),
        "dd.dd.dddd" => date_dmy(0),
        "dd.dd.dddd dd:dd" => date_dmy(0) && time(11, false),
        "dd.dd.dddd dd:dd:dd" => date_dmy(0) && time(11, true),
        "dd:dd" => time(0, false),
        "dd:dd:dd" => time(0, true),
        _ => false,
    }
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
            r#"{"clients":[{"id":"1","phone":"79001234567","email":"a@b.ru","note":"pw s3cret-long here",
                "limit":5,"new_field":"Иван Петров","when":"2017-01-15 21:59:28.043621","active":"Y",
                "ip":"203.0.113.7","price":"1499.90","kpp":"987654321","inn":12345678901,
                "status":"success","over":"4%&2.00","zip":"45000","card":"*1234","pct":"5%"}],"pages":1}"#,
            &["s3cret-long".to_owned()],
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
        for key in ["email", "note", "new_field", "ip", "card"] {
            assert_eq!(client[key], SCRUBBED, "{key}");
        }
        assert_eq!(client["kpp"], "100000001");
        assert_eq!(client["zip"], "10001");
        for (key, kept) in [
            ("id", "1"),
            ("when", "2017-01-15 21:59:28.043621"),
            ("active", "Y"),
            ("price", "1499.90"),
            ("status", "success"),
            ("over", "4%&2.00"),
            ("pct", "5%"),
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
            r#"{"1234567":{"id":1234567,"owner":"1234567","other":"7654321","neg":-7654321.25,
                "lat":"55.7512","lng":37.617494,"rate":"1.25","account":40817810012345678901}}"#,
            &[],
        );
        let inner = &out["1000001"];
        assert_eq!(inner["id"], 1000001);
        assert_eq!(inner["owner"], "1000001");
        assert_eq!(inner["other"], "1000002");
        assert_eq!(inner["neg"], -1000002.25);
        assert_eq!(inner["lat"], "55.0000");
        assert_eq!(inner["lng"], 37.0);
        assert_eq!(inner["rate"], "1.25");
        // Beyond u64, read as a float: its whole digits are given a stand-in too.
        let account = inner["account"].as_f64().unwrap();
        assert!((1e19..1.1e19).contains(&account), "{account}");
    }

    #[test]
    fn keys_are_kept_only_where_they_look_like_names_or_numbers() {
        let out = scrubbed(
            r#"{"a@b.ru":1,"+79001234567":2,"Иван":3,"order_id":"x","fld3":"y2","12":"z"}"#,
            &[],
        );
        let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
        assert_eq!(keys.len(), 6, "{keys:?}");
        assert_eq!(
            keys.iter().filter(|k| k.starts_with(SCRUBBED)).count(),
            3,
            "{keys:?}"
        );
        assert_eq!(out["fld3"], SCRUBBED);
        assert_eq!(out["order_id"], SCRUBBED);
        assert_eq!(out["12"], SCRUBBED);
    }

    #[test]
    fn credentials_go_wherever_they_are_but_a_short_login_only_whole() {
        let secrets = ["manager".to_owned(), "541c4a59bdad8703".to_owned()];
        let out = scrubbed(
            r#"{"manager":"7","managers":[{"login":"manager"}],"t541c4a59bdad8703":1,"n":"541c4a59bdad8703"}"#,
            &secrets,
        );
        assert_eq!(out["manager"], "7", "a key that is the short login stays");
        assert_eq!(out["managers"][0]["login"], SCRUBBED);
        assert_eq!(out[SCRUBBED], 1);
        assert_eq!(out["n"], SCRUBBED);
    }

    #[test]
    fn moments_words_markups_and_amounts_are_told_apart() {
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
            "9161-23-45",
            "45.67.1234",
            "25:61",
        ] {
            assert!(!is_moment(other), "{other}");
        }
        for number in ["0", "-5", "1499.90", "1499,90"] {
            assert!(is_number(number), "{number}");
        }
        for other in ["", "-", "1.", ".5", "1.2.3", "1 500", "+7"] {
            assert!(!is_number(other), "{other}");
        }
        assert!(is_word("Y") && is_word("off") && is_word("success") && !is_word("ivan"));
        assert_eq!(markup("4%&2.00"), Some(("4", "2.00")));
        assert_eq!(markup("4%&x"), None);
        for shown in ["1690.00 руб.", "51.00$", "$5", "-3.50 EUR", "5%"] {
            assert!(amount(shown).is_some(), "{shown}");
        }
        for other in [
            "5",
            "д. 5",
            "ул. Ленина, 48",
            "a@b.ru 5",
            "Размер: L",
            "+7 999 123",
            "*1234",
            "-",
        ] {
            assert!(amount(other).is_none(), "{other}");
        }
    }

    #[test]
    fn prose_keeps_tags_and_loses_every_word() {
        let mut scrubber = Scrubber::new(&[]);
        let page = "<html><a href=\"/u/ivan\">Иван Петров</a> +7 912 321-12-32, user%40mail.ru (404)</html>";
        assert_eq!(
            scrubber.prose(page),
            "<html><a href=\"[scrubbed]\">[scrubbed] [scrubbed]</a> [scrubbed], [scrubbed]%[scrubbed].[scrubbed] (404)</html>"
        );
        // A byte-order mark before JSON: read as JSON all the same.
        let out = scrubber.body("\u{feff}{\"name\":\"Иван\"}".as_bytes());
        let json: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(json["name"], SCRUBBED);
    }
}
