//! Property tests of the shared wire decoders: one module per `W` row of
//! `docs/quirks.md`, named after it.

use serde::Deserialize;
use shop_apis_core::Decimal;
use shop_apis_core::wire::{self, IdMap};

#[derive(Debug, Deserialize)]
struct Int {
    #[serde(deserialize_with = "wire::int::deserialize")]
    v: i64,
}

#[derive(Debug, Deserialize)]
struct Small {
    #[serde(deserialize_with = "wire::int::deserialize")]
    v: u16,
}

#[derive(Debug, Deserialize)]
struct Dec {
    #[serde(deserialize_with = "wire::decimal::deserialize")]
    v: Decimal,
}

#[derive(Debug, Deserialize)]
struct Flag {
    #[serde(deserialize_with = "wire::flag::deserialize")]
    v: bool,
}

#[derive(Debug, Deserialize)]
struct Text {
    #[serde(default, deserialize_with = "wire::nullable_text::deserialize")]
    v: Option<String>,
}

fn field<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, shop_apis_core::DecodeError> {
    shop_apis_core::json::decode(
        http::StatusCode::OK,
        format!(r#"{{"v":{json}}}"#).as_bytes(),
    )
}

mod w1_int {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// The same integer as a JSON number, a string, and a zero-padded string.
        #[test]
        fn number_or_string_same_value(n in any::<i64>(), pad in 0usize..6) {
            prop_assert_eq!(field::<Int>(&n.to_string()).unwrap().v, n);
            prop_assert_eq!(field::<Int>(&format!("\"{n}\"")).unwrap().v, n);
            let padded = if n < 0 {
                format!("\"-{}{}\"", "0".repeat(pad), n.unsigned_abs())
            } else {
                format!("\"{}{n}\"", "0".repeat(pad))
            };
            prop_assert_eq!(field::<Int>(&padded).unwrap().v, n);
        }

        /// Out of the type's range, as number or string: an error at the field's path.
        #[test]
        fn out_of_range_is_an_error(n in prop_oneof![i64::MIN..0, 65_536i64..]) {
            for json in [n.to_string(), format!("\"{n}\"")] {
                let error = field::<Small>(&json).unwrap_err();
                prop_assert_eq!(&error.path, "$.v");
            }
        }

        /// Anything that is not `-?[0-9]+` is refused: fractions, exponents,
        /// spaces, signs, words.
        #[test]
        fn garbage_is_an_error(text in "[0-9 .eE+-]{0,6}|\\PC{0,6}") {
            prop_assume!(!is_integer(&text));
            let error = field::<Int>(&serde_json::to_string(&text).unwrap()).unwrap_err();
            prop_assert_eq!(&error.path, "$.v");
        }
    }

    fn is_integer(text: &str) -> bool {
        let digits = text.strip_prefix('-').unwrap_or(text);
        !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && text.parse::<i64>().is_ok()
    }

    #[test]
    fn fits_the_target_type() {
        assert_eq!(field::<Small>("\"65535\"").unwrap().v, u16::MAX);
        assert!(field::<Small>("65536").is_err());
    }

    #[test]
    fn fractions_and_big_numbers_are_not_integers() {
        for json in [
            "1.5",
            "1.0",
            "1e3",
            "18446744073709551616",
            "true",
            "null",
            "[]",
            "\"\"",
        ] {
            assert!(field::<Int>(json).is_err(), "{json}");
        }
    }

    #[test]
    fn option_treats_null_and_empty_as_none() {
        #[derive(Deserialize)]
        struct Opt {
            #[serde(default, deserialize_with = "wire::int::option::deserialize")]
            v: Option<u32>,
        }
        for (json, expected) in [
            ("null", None),
            ("\"\"", None),
            ("\"7\"", Some(7)),
            ("7", Some(7)),
        ] {
            assert_eq!(field::<Opt>(json).unwrap().v, expected, "{json}");
        }
        let absent: Opt = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.v, None);
        assert!(field::<Opt>("\"x\"").is_err());
    }
}

mod w2_decimal {
    use proptest::prelude::*;

    use super::*;

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..10).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
    }

    proptest! {
        /// A decimal as a string, with or without fraction and trailing zeros,
        /// decodes to exactly that value.
        #[test]
        fn string_is_exact(d in decimal(), extra_zeros in 0usize..3) {
            let mut text = d.to_string();
            if extra_zeros > 0 {
                if !text.contains('.') { text.push('.'); }
                text.push_str(&"0".repeat(extra_zeros));
            }
            prop_assert_eq!(field::<Dec>(&format!("\"{text}\"")).unwrap().v, d);
        }

        /// A JSON number with up to 15 significant digits (all money the
        /// APIs send) decodes to exactly the digits written.
        #[test]
        fn number_is_exact_up_to_15_digits(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, scale in 0u32..8) {
            let d = Decimal::new(mantissa, scale);
            prop_assert_eq!(field::<Dec>(&d.to_string()).unwrap().v, d);
        }

        /// Money as the APIs send it: `"-109"`, `"3958.07"`, `"00001"` and numbers.
        #[test]
        fn integers_as_number_or_string(n in any::<i64>()) {
            prop_assert_eq!(field::<Dec>(&n.to_string()).unwrap().v, Decimal::from(n));
            prop_assert_eq!(field::<Dec>(&format!("\"{n}\"")).unwrap().v, Decimal::from(n));
        }

        /// Anything else is refused with the path.
        #[test]
        fn garbage_is_an_error(text in "[0-9 .,eE+$-]{0,6}|\\PC{0,6}") {
            let plain = {
                let (whole, fraction) = text.split_once('.').unwrap_or((&text, "0"));
                let whole = whole.strip_prefix('-').unwrap_or(whole);
                !whole.is_empty() && !fraction.is_empty()
                    && whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit())
            };
            prop_assume!(!plain);
            let error = field::<Dec>(&serde_json::to_string(&text).unwrap()).unwrap_err();
            prop_assert_eq!(&error.path, "$.v");
        }
    }

    #[test]
    fn documents_spellings() {
        for (json, expected) in [
            ("\"3958.07\"", "3958.07"),
            ("\"-109\"", "-109"),
            ("\"51.00\"", "51"),
            ("183.5", "183.5"),
            ("\"00001\"", "1"),
            ("0", "0"),
        ] {
            assert_eq!(
                field::<Dec>(json).unwrap().v,
                expected.parse::<Decimal>().unwrap(),
                "{json}"
            );
        }
        for json in [
            "\"51.00$\"",
            "\"1e5\"",
            "\"\"",
            "\" 1\"",
            "\"1,5\"",
            "\".5\"",
            "\"5.\"",
            "null",
            "1e300",
        ] {
            assert!(field::<Dec>(json).is_err(), "{json}");
        }
    }
}

mod w3_flag {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn every_spelling() {
        for (json, expected) in [
            ("\"1\"", true),
            ("\"0\"", false),
            ("1", true),
            ("0", false),
            ("true", true),
            ("false", false),
        ] {
            assert_eq!(field::<Flag>(json).unwrap().v, expected, "{json}");
        }
    }

    proptest! {
        /// Nothing else is a boolean.
        #[test]
        fn nothing_else(json in "\"\\PC{0,4}\"|-?[0-9]{1,4}|null|\\[\\]|\\{\\}") {
            prop_assume!(!["\"0\"", "\"1\"", "0", "1"].contains(&json.as_str()));
            prop_assume!(serde_json::from_str::<serde_json::Value>(&json).is_ok());
            let error = field::<Flag>(&json).unwrap_err();
            prop_assert_eq!(&error.path, "$.v");
        }
    }

    #[test]
    fn form_spelling() {
        assert_eq!(wire::flag::form_value(true), "1");
        assert_eq!(wire::flag::form_value(false), "0");
    }
}

mod w4_nullable_text {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn null_empty_and_absent_are_none() {
        for json in ["null", "\"\""] {
            assert_eq!(field::<Text>(json).unwrap().v, None, "{json}");
        }
        assert_eq!(serde_json::from_str::<Text>("{}").unwrap().v, None);
        for json in ["0", "true", "[]", "{}"] {
            assert!(field::<Text>(json).is_err(), "{json}");
        }
    }

    proptest! {
        /// Any other text comes through as sent, escaped or not.
        #[test]
        fn text_as_sent(text in "\\PC{1,40}") {
            let escaped_ascii = serde_json::to_string(&text).unwrap();
            prop_assert_eq!(field::<Text>(&escaped_ascii).unwrap().v, Some(text.clone()));
            // The servers escape every non-ASCII character as \uXXXX.
            let escaped_all: String = text.encode_utf16().map(|u| format!("\\u{u:04x}")).collect();
            prop_assert_eq!(field::<Text>(&format!("\"{escaped_all}\"")).unwrap().v, Some(text));
        }
    }
}

mod w5_id_map {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    fn object(entries: &[(u32, i64)]) -> String {
        let body: Vec<String> = entries
            .iter()
            .map(|(k, v)| format!("\"{k}\":{v}"))
            .collect();
        format!("{{{}}}", body.join(","))
    }

    fn entries() -> impl Strategy<Value = (BTreeMap<u32, i64>, Vec<(u32, i64)>)> {
        prop::collection::btree_map(any::<u32>(), any::<i64>(), 0..24).prop_flat_map(|map| {
            let shuffled = Just(map.clone().into_iter().collect::<Vec<_>>()).prop_shuffle();
            (Just(map), shuffled)
        })
    }

    proptest! {
        /// Any key order decodes to the same map, in id order.
        #[test]
        fn any_key_order((sorted, shuffled) in entries()) {
            let map: IdMap<u32, i64> = serde_json::from_str(&object(&shuffled)).unwrap();
            let expected: Vec<(u32, i64)> = sorted.into_iter().collect();
            prop_assert_eq!(map.into_vec(), expected);
        }

        /// Keys 0..n-1 may arrive as a JSON list (PHP's sequential array).
        #[test]
        fn sequential_keys_as_list(values in prop::collection::vec(any::<i64>(), 0..24)) {
            let as_list: IdMap<u32, i64> = serde_json::from_str(&serde_json::to_string(&values).unwrap()).unwrap();
            let entries: Vec<(u32, i64)> = values.iter().enumerate().map(|(i, v)| (i as u32, *v)).collect();
            let as_object: IdMap<u32, i64> = serde_json::from_str(&object(&entries)).unwrap();
            prop_assert_eq!(as_list, as_object);
        }

        /// Keys that are not ids, mixed in anywhere, are split off with their
        /// values as sent; the ids decode as if they were alone.
        #[test]
        fn non_id_keys_are_split_off(
            (sorted, shuffled) in entries(),
            others in prop::collection::btree_map("[a-z_]{1,8}|-[0-9]{1,3}|[0-9]{0,2}\\.[0-9]|\\PC{0,3}[^0-9]", "\\PC{0,6}", 0..4),
            at in prop::collection::vec(any::<prop::sample::Index>(), 4),
        ) {
            let mut members: Vec<String> = shuffled.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            for ((key, value), at) in others.iter().zip(&at) {
                let member = format!("{}:{}", serde_json::to_string(key).unwrap(), serde_json::to_string(value).unwrap());
                members.insert(at.index(members.len() + 1), member);
            }
            let map: IdMap<u32, i64> = serde_json::from_str(&format!("{{{}}}", members.join(","))).unwrap();
            let expected: Vec<(u32, i64)> = sorted.into_iter().collect();
            let split: BTreeMap<String, serde_json::Value> = map.others().to_map().into_iter().collect();
            let sent: BTreeMap<String, serde_json::Value> = others.into_iter().map(|(k, v)| (k, v.into())).collect();
            prop_assert_eq!(split, sent);
            prop_assert_eq!(map.into_vec(), expected);
        }

        /// Items that are objects: the same in any key order and shape.
        #[test]
        fn object_items(names in prop::collection::btree_map(1u64..1_000_000, "\\PC{0,8}", 0..12), as_list in any::<bool>()) {
            let items: Vec<(u64, serde_json::Value)> = names.iter().map(|(id, name)| (*id, serde_json::json!({"id": id.to_string(), "name": name}))).collect();
            let mut object = serde_json::Map::new();
            for (id, item) in items.iter().rev() {
                object.insert(id.to_string(), item.clone());
            }
            let json = if object.is_empty() && as_list { "[]".to_owned() } else { serde_json::to_string(&object).unwrap() };
            #[derive(Debug, Deserialize, PartialEq)]
            struct Item { #[serde(deserialize_with = "shop_apis_core::wire::int::deserialize")] id: u64, name: String }
            let map: IdMap<u64, Item> = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(map.len(), names.len());
            for ((id, item), (expected_id, name)) in map.iter().zip(&names) {
                prop_assert_eq!((id, item.id, &item.name), (expected_id, *expected_id, name));
            }
        }
    }

    #[test]
    fn empty_as_object_or_list() {
        for json in ["{}", "[]", "\"\"", "null"] {
            let map: IdMap<u32, String> = serde_json::from_str(json).unwrap();
            assert!(map.is_empty(), "{json}");
        }
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let error = serde_json::from_str::<IdMap<u32, i64>>(r#"{"2":1,"1":1,"2":3}"#).unwrap_err();
        assert!(
            error.to_string().contains("the id 2 occurs twice"),
            "{error}"
        );
        // Leading zeros name the same id.
        assert!(serde_json::from_str::<IdMap<u32, i64>>(r#"{"2":1,"02":1}"#).is_err());
    }
}

mod w6_php_empty_object {
    use super::*;

    #[derive(Debug, Default, PartialEq, Deserialize)]
    struct Filters {
        per_page: Option<u32>,
    }

    #[derive(Debug, Deserialize)]
    struct Page {
        #[serde(deserialize_with = "wire::php_empty_object::deserialize")]
        filters: Filters,
    }

    #[test]
    fn empty_list_is_the_default() {
        let page: Page = serde_json::from_str(r#"{"filters":[]}"#).unwrap();
        assert_eq!(page.filters, Filters::default());
        let page: Page = serde_json::from_str(r#"{"filters":{}}"#).unwrap();
        assert_eq!(page.filters, Filters::default());
        let page: Page = serde_json::from_str(r#"{"filters":{"per_page":20}}"#).unwrap();
        assert_eq!(page.filters.per_page, Some(20));
    }

    #[test]
    fn anything_else_is_an_error() {
        for json in ["[1]", "[[]]", "null", "\"\"", "0"] {
            let body = format!(r#"{{"filters":{json}}}"#);
            let error = shop_apis_core::json::decode::<Page>(http::StatusCode::OK, body.as_bytes())
                .unwrap_err();
            assert_eq!(error.path, "$.filters", "{json}");
        }
    }
}

mod w7_datetime {
    use proptest::prelude::*;
    use time::{Date, Month, PrimitiveDateTime, Time};

    use super::*;

    #[derive(Debug, Deserialize)]
    struct At {
        #[serde(deserialize_with = "wire::datetime::deserialize")]
        v: PrimitiveDateTime,
    }

    #[derive(Debug, Deserialize)]
    struct MaybeAt {
        #[serde(default, deserialize_with = "wire::datetime::option::deserialize")]
        v: Option<PrimitiveDateTime>,
    }

    /// The document's own spellings: six, five and six zero fraction digits.
    #[test]
    fn documents_spellings() {
        for (text, micros) in [
            ("2017-01-14 22:50:08.610461", 610_461),
            ("2017-04-11 21:31:24.48985", 489_850),
            ("2017-01-15 19:02:43.000000", 0),
        ] {
            let at = field::<At>(&format!("\"{text}\"")).unwrap().v;
            assert_eq!(at.microsecond(), micros, "{text}");
        }
        let at = field::<At>("\"2017-01-14 22:50:08.610461\"").unwrap().v;
        assert_eq!(
            at,
            PrimitiveDateTime::new(
                Date::from_calendar_date(2017, Month::January, 14).unwrap(),
                Time::from_hms_micro(22, 50, 8, 610_461).unwrap()
            )
        );
    }

    #[test]
    fn anything_else_is_an_error() {
        for bad in [
            "\"2017-01-14/22:50:08\"",
            "\"2017-01-14 22:50\"",
            "\"2017-13-01 00:00:00\"",
            "\"2017-02-29 00:00:00\"",
            "\"2017-01-14 24:00:00\"",
            "\"2017-01-14 22:50:08.\"",
            "\"2017-01-14 22:50:08.1234567890\"",
            "\"2017-01-14 22:50:08+03\"",
            "\"\"",
            "null",
            "1484434208",
        ] {
            let error = field::<At>(bad).unwrap_err();
            assert_eq!(error.path, "$.v", "{bad}");
        }
    }

    /// ISO 8601's `T` is read as well as the space: it is how an answer
    /// serialised by these crates spells a date and time.
    #[test]
    fn the_iso_spelling_is_read_too() {
        assert_eq!(
            field::<At>("\"2017-01-14T22:50:08.61\"").unwrap().v,
            field::<At>("\"2017-01-14 22:50:08.61\"").unwrap().v
        );
    }

    #[test]
    fn option_treats_null_and_empty_as_none() {
        assert_eq!(field::<MaybeAt>("null").unwrap().v, None);
        assert_eq!(field::<MaybeAt>("\"\"").unwrap().v, None);
        assert!(
            field::<MaybeAt>("\"2017-01-14 22:50:08\"")
                .unwrap()
                .v
                .is_some()
        );
        assert!(field::<MaybeAt>("\"yesterday\"").is_err());
    }

    proptest! {
        /// Any valid instant, printed with 0 to 9 fraction digits, reads back
        /// exactly (to the digits printed).
        #[test]
        fn round_trip(
            days in 0i32..60_000,
            seconds in 0u32..86_400,
            nanos in 0u32..1_000_000_000,
            digits in 0usize..10,
        ) {
            let date = Date::from_calendar_date(1970, Month::January, 1).unwrap()
                + time::Duration::days(i64::from(days));
            let kept = if digits == 0 { 0 } else { nanos / 10u32.pow(9 - digits as u32) * 10u32.pow(9 - digits as u32) };
            let time = Time::from_hms_nano((seconds / 3600) as u8, (seconds / 60 % 60) as u8, (seconds % 60) as u8, kept).unwrap();
            let mut text = format!(
                "{} {:02}:{:02}:{:02}",
                wire::datetime::format_date(date),
                time.hour(),
                time.minute(),
                time.second()
            );
            if digits > 0 {
                text.push_str(&format!(".{:09}", kept)[..=digits]);
            }
            prop_assert_eq!(wire::datetime::parse(&text), Some(PrimitiveDateTime::new(date, time)), "{}", text);
        }
    }
}

mod w8_path_segment {
    use conformance::percent_decode;
    use proptest::prelude::*;
    use shop_apis_core::encode::path_segment;

    #[test]
    fn documents_examples() {
        assert_eq!(path_segment("+7(123)456-78-90"), "%2B7%28123%29456-78-90");
        assert_eq!(path_segment("1,2,3"), "1,2,3");
        assert_eq!(path_segment("2016-12-31"), "2016-12-31");
        for dots in [".", ".."] {
            assert!(!path_segment(dots).contains('.'), "{dots}");
        }
    }

    proptest! {
        /// Any text is one segment: nothing that ends a segment, a path or a
        /// URI survives, and the independent decoder gets the text back.
        #[test]
        fn round_trip_without_leaks(value in "\\PC*|[./%+ ()?#&=~]{0,12}") {
            let segment = path_segment(&value);
            prop_assert!(
                segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_%,".contains(&b)),
                "{:?} → {:?}", value, segment
            );
            prop_assert_eq!(percent_decode(&segment), Some(value.clone()));
            // And `http` takes it as a path as it is.
            let uri: http::Uri = format!("https://shop.example/a/{segment}/b").parse().unwrap();
            prop_assert_eq!(uri.path().split('/').count(), 4);
        }

        /// Any list of keys and values (empty ones, `.`, `..`, `/`, `%`, `+`,
        /// Cyrillic) joined as segments splits back into the same list: no
        /// text can add, remove or reorder a segment.
        #[test]
        fn pairs_keep_their_places(pairs in prop::collection::vec((text(), text()), 0..6)) {
            let mut path = String::from("/panel/client");
            if !pairs.is_empty() {
                path.push_str("/filter");
            }
            for (key, value) in &pairs {
                path.push_str(&format!("/{}/{}", path_segment(key), path_segment(value)));
            }
            prop_assert_eq!(conformance::path_filters(&path, "/panel/client"), Some(pairs));
        }

        /// SapLab's list builders: any text filter is either refused before
        /// sending (blank: an empty segment would be merged away by servers)
        /// or arrives as exactly its own key and value, in the builder's order.
        #[test]
        fn saplab_filters_as_built(
            name in proptest::option::of(text()),
            phone in proptest::option::of(text()),
            email in proptest::option::of(text()),
            ids in prop::collection::vec(1u64..100_000, 0..4),
            page in proptest::option::of(1u32..1000),
        ) {
            use saplab_proto::{ClientId, ListClients, Page};
            let mut list = ListClients::default().client_ids(ids.iter().copied().map(ClientId::new));
            let mut expected = Vec::new();
            if !ids.is_empty() {
                let joined: Vec<String> = ids.iter().map(u64::to_string).collect();
                expected.push(("client_id".to_owned(), joined.join(",")));
            }
            let mut blank = false;
            for (key, value) in [("client_name", &name), ("phone", &phone), ("email", &email)] {
                if let Some(value) = value {
                    blank |= value.trim().is_empty();
                    expected.push((key.to_owned(), value.clone()));
                }
            }
            list.client_name = name;
            list.phone = phone;
            list.email = email;
            if let Some(page) = page {
                list = list.page(Page::new(page).unwrap());
                expected.push(("page".to_owned(), page.to_string()));
            }
            let stamp = shop_apis_core::Stamp::new(1_700_000_000, "n");
            match shop_apis_core::Endpoint::build(&list, &support::saplab(), &stamp) {
                Err(error) => prop_assert!(blank, "refused {:?}: {}", list, error),
                Ok(request) => {
                    prop_assert!(!blank, "sent a blank filter: {}", request.uri());
                    prop_assert_eq!(conformance::path_filters(request.uri().path(), "/panel/client"), Some(expected));
                }
            }
        }
    }

    /// Texts a filter might carry, weighted towards the troublesome ones.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just(".".to_owned()),
            Just("..".to_owned()),
            "[./%+ ]{1,4}",
            "[а-яА-ЯёЁ ]{1,8}",
            "\\PC{0,12}",
        ]
    }

    mod support {
        pub fn saplab() -> saplab_proto::SapLab {
            saplab_proto::SapLab::new(
                shop_apis_core::BaseUrl::parse("https://shop.example").unwrap(),
                saplab_proto::Credentials::new("manager", "secret").unwrap(),
            )
        }
    }
}

mod w9_form {
    use conformance::decode_form as decode;
    use proptest::prelude::*;
    use shop_apis_core::encode::Form;

    proptest! {
        /// Any keys (bracketed or not) and values come back as they went in,
        /// in order; `&`, `=`, `+` and `%` in them never split or join a field.
        #[test]
        fn round_trip(fields in prop::collection::vec(("[a-z_]{1,8}(\\[[a-z_]{1,8}\\])?|\\PC{1,8}", "\\PC*|[&=+% ]{0,6}"), 0..8)) {
            let mut form = Form::new();
            for (k, v) in &fields {
                form.push(k.clone(), v.clone());
            }
            prop_assert_eq!(decode(&form.encode()), fields);
        }

        /// Repeated keys (`ids[]` twice, `a` three times) stay separate
        /// fields, in the order pushed.
        #[test]
        fn repeated_keys(fields in prop::collection::vec(("a|b|ids\\[\\]|x\\[y\\]", "\\PC{0,4}"), 0..10)) {
            let mut form = Form::new();
            for (k, v) in &fields {
                form.push(k.clone(), v.clone());
            }
            prop_assert_eq!(decode(&form.encode()), fields);
        }

        /// uCoz's query and body encoding (`http_build_query` after `ksort`):
        /// the same fields come back, sorted by key, repeated keys in the
        /// order given.
        #[test]
        fn ucoz_query(fields in prop::collection::vec(("a|b|ids\\[\\]|x\\[y\\]|\\PC{1,6}", "\\PC*|[&=+% ~]{0,6}"), 0..10)) {
            let encoded = ucoz_proto::oauth::parameter_string(&fields);
            let mut expected = fields.clone();
            expected.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            prop_assert_eq!(decode(encoded.as_bytes()), expected);
        }
    }

    #[test]
    fn bracket_keys_as_php_reads_them() {
        let mut form = Form::new();
        form.push("wholesalers[inn]", "12345678901234")
            .push("is_wholesaler", "on");
        assert_eq!(
            form.encode(),
            b"wholesalers%5Binn%5D=12345678901234&is_wholesaler=on"
        );
    }
}

mod w10_optional_id {
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct Ref {
        #[serde(default, deserialize_with = "wire::optional_id::deserialize")]
        v: Option<u64>,
    }

    /// `0`, `"0"`, `""`, `null` and absence are all "none".
    #[test]
    fn zero_empty_null_absent_are_none() {
        for json in ["0", "\"0\"", "\"\"", "null", "\"000\""] {
            assert_eq!(field::<Ref>(json).unwrap().v, None, "{json}");
        }
        let absent: Ref = serde_json::from_str("{}").unwrap();
        assert_eq!(absent.v, None);
    }

    #[test]
    fn anything_else_is_an_error() {
        for json in ["\"-1\"", "-1", "\"x\"", "1.5", "true", "[]"] {
            assert_eq!(field::<Ref>(json).unwrap_err().path, "$.v", "{json}");
        }
    }

    proptest! {
        /// Any other id, as a number or a string, is `Some` of itself.
        #[test]
        fn ids_are_some(id in 1u64..) {
            prop_assert_eq!(field::<Ref>(&id.to_string()).unwrap().v, Some(id));
            prop_assert_eq!(field::<Ref>(&format!("\"{id}\"")).unwrap().v, Some(id));
        }
    }
}

#[path = "quirks/w13_panel_answer.rs"]
mod w13_panel_answer;

#[path = "quirks/w14_error_list.rs"]
mod w14_error_list;

#[path = "quirks/w16_open_code.rs"]
mod w16_open_code;

/// U1–U7: OAuth 1.0a as uCoz's helper signs, checked against PHP's own
/// functions and, for the RFC form, Python's oauthlib and the RFC vectors
/// (`fixtures/ucoz/oracles/`, generated by its `generate.sh`).
mod u_oauth {
    use proptest::prelude::*;
    use serde_json::Value;
    use ucoz_proto::OAuthCredentials;
    use ucoz_proto::oauth::{self, rfc5849};

    fn oracle(file: &str) -> Value {
        let path = conformance::fixtures_dir().join("ucoz/oracles").join(file);
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
    }

    fn pairs(value: &Value) -> Vec<(String, String)> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p[0].as_str().unwrap().to_owned(),
                    p[1].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    }

    fn credentials(case: &Value) -> OAuthCredentials {
        let s = |k: &str| case[k].as_str().unwrap();
        OAuthCredentials::new(
            s("consumer_key"),
            s("consumer_secret"),
            s("token"),
            s("token_secret"),
        )
        .unwrap()
    }

    fn cases() -> Vec<(Value, Value, Value)> {
        let input = oracle("cases.json");
        let php = oracle("uapi_helper.json");
        let rfc = oracle("rfc5849.json");
        let cases: Vec<_> = input["cases"]
            .as_array()
            .unwrap()
            .iter()
            .cloned()
            .zip(php["cases"].as_array().unwrap().iter().cloned())
            .zip(rfc["cases"].as_array().unwrap().iter().cloned())
            .map(|((case, php), rfc)| {
                assert_eq!(case["name"], php["name"]);
                assert_eq!(case["name"], rfc["name"]);
                (case, php, rfc)
            })
            .collect();
        assert_eq!(cases.len(), 8);
        cases
    }

    /// Every case signs exactly as PHP's http_build_query, urlencode and
    /// hash_hmac do: parameter string, base string, signature, and what the
    /// server reads from the query or the form.
    #[test]
    fn php_helper_vectors() {
        for (case, php, _) in cases() {
            let name = case["name"].as_str().unwrap();
            let method = case["method"].as_str().unwrap();
            let signed = credentials(&case).sign(
                method,
                php["url"].as_str().unwrap(),
                &pairs(&case["params"]),
                case["timestamp"].as_str().unwrap(),
                case["nonce"].as_str().unwrap(),
            );
            let (signature, params) = signed.split_last().unwrap();
            assert_eq!(signature.0, "oauth_signature");
            assert_eq!(
                oauth::parameter_string(params),
                php["param_string"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(
                oauth::base_string(
                    method,
                    php["url"].as_str().unwrap(),
                    &oauth::parameter_string(params)
                ),
                php["base_string"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(
                signature.1,
                php["signature_wire"].as_str().unwrap(),
                "{name}"
            );
            assert_eq!(
                conformance::percent_decode(&signature.1).unwrap(),
                php["signature"].as_str().unwrap()
            );
            // What the server reads: the query (GET, DELETE) or the form (POST, PUT).
            let ours = conformance::decode_form(oauth::parameter_string(&signed).as_bytes());
            let theirs = match php["query"].as_str() {
                Some(query) => conformance::decode_form(query.as_bytes()),
                None => pairs(&php["fields"]),
            };
            let sorted = |mut v: Vec<(String, String)>| {
                v.sort();
                v
            };
            assert_eq!(sorted(ours), sorted(theirs), "{name}");
        }
    }

    /// The same cases by RFC 5849 (oauthlib): the RFC encodes `~` and the
    /// secrets differently, so wherever those appear the signatures differ.
    #[test]
    fn rfc5849_vectors() {
        let input = oracle("cases.json");
        let base = input["base"].as_str().unwrap();
        for (case, php, rfc) in cases() {
            // Exactly what oauthlib was given: the call's parameters, then the
            // OAuth ones, a repeated name kept twice.
            let mut params = pairs(&case["params"]);
            for (k, v) in [
                ("oauth_version", "1.0"),
                ("oauth_timestamp", case["timestamp"].as_str().unwrap()),
                ("oauth_nonce", case["nonce"].as_str().unwrap()),
                ("oauth_signature_method", "HMAC-SHA1"),
                ("oauth_consumer_key", case["consumer_key"].as_str().unwrap()),
                ("oauth_token", case["token"].as_str().unwrap()),
            ] {
                params.push((k.to_owned(), v.to_owned()));
            }
            let name = case["name"].as_str().unwrap();
            let url = format!("{base}{}", case["path"].as_str().unwrap());
            let ours = rfc5849::signature(
                case["method"].as_str().unwrap(),
                &url,
                &params,
                case["consumer_secret"].as_str().unwrap(),
                case["token_secret"].as_str().unwrap(),
            );
            assert_eq!(ours, rfc["signature"].as_str().unwrap(), "{name}");
            if name == "oauth_parameter_wins" {
                // The RFC signs both oauth_nonce values; the helper keeps one.
                assert_ne!(rfc["signature"], php["signature"], "{name}");
            }
            if name == "checkout_promo_reserved_characters" {
                assert_ne!(
                    rfc["signature"], php["signature"],
                    "{name}: ~ and the secrets differ"
                );
            }
        }
        for vector in oracle("rfc_vectors.json")["vectors"].as_array().unwrap() {
            let expected = vector["signature"].as_str().unwrap();
            if let Some(base) = vector["base_string"].as_str() {
                assert_eq!(
                    oauth::hmac_sha1(vector["key"].as_str().unwrap(), base),
                    expected
                );
            }
            if let Some(request) = vector.get("request") {
                let signature = rfc5849::signature(
                    request["method"].as_str().unwrap(),
                    request["url"].as_str().unwrap(),
                    &pairs(&request["params"]),
                    request["consumer_secret"].as_str().unwrap(),
                    request["token_secret"].as_str().unwrap(),
                );
                assert_eq!(signature, expected, "{}", vector["name"]);
            }
        }
    }

    /// The parts of a multipart body framed by `boundary`, each as its
    /// header lines and its value; the framing checked on the way.
    fn parts(body: &str, boundary: &str) -> Vec<(Vec<String>, String)> {
        let delimiter = format!("--{boundary}");
        let mut chunks: Vec<&str> = body.split(delimiter.as_str()).collect();
        assert_eq!(
            chunks.pop(),
            Some("--\r\n"),
            "the closing delimiter ends the body"
        );
        assert_eq!(chunks.remove(0), "", "the body starts with a delimiter");
        chunks
            .into_iter()
            .map(|chunk| {
                let chunk = chunk.strip_prefix("\r\n").expect("CRLF after a delimiter");
                let (head, value) = chunk.split_once("\r\n\r\n").expect("a blank line");
                let value = value.strip_suffix("\r\n").expect("CRLF before a delimiter");
                let headers = head.split("\r\n").map(str::to_owned).collect();
                (headers, value.to_owned())
            })
            .collect()
    }

    /// The request's multipart body with its own boundary swapped for
    /// `boundary`, so that it can be compared byte for byte with cURL's.
    fn with_boundary(body: &[u8], ours: &str, boundary: &str) -> String {
        std::str::from_utf8(body).unwrap().replace(ours, boundary)
    }

    /// Helper 2.3's POST and PUT as real libcurl sent them
    /// (`uapi_multipart.json`, made by `uapi_multipart.php` and
    /// `echo_server.py`): the fields in the helper's order (ksorted, the
    /// once-encoded signature last), raw values, the part headers and CRLFs,
    /// byte for byte but for the boundary, which cURL draws at random. Every
    /// case through the encoder; the endpoint-shaped ones also through `Ucoz`
    /// itself, URL (`//?` for POST, `//` for PUT), method and Content-Type.
    #[test]
    fn multipart_matches_php_curl() {
        use shop_apis_core::{BaseUrl, Endpoint, Stamp};
        use ucoz_proto::multipart::FormData;
        use ucoz_proto::*;

        let curl = oracle("uapi_multipart.json");
        let inputs: Vec<Value> = ["cases.json", "multipart_cases.json"]
            .iter()
            .flat_map(|file| oracle(file)["cases"].as_array().unwrap().clone())
            .collect();
        let mut through_ucoz = 0;
        for php in curl["cases"].as_array().unwrap() {
            let name = php["name"].as_str().unwrap();
            let case = inputs.iter().find(|c| c["name"] == php["name"]).unwrap();
            let s = |v: &Value, k: &str| v[k].as_str().unwrap().to_owned();
            let method = s(case, "method");
            let stamp = Stamp::new(s(case, "timestamp").parse().unwrap(), s(case, "nonce"));
            let signed = credentials(case).sign(
                &method,
                &s(php, "signed_url"),
                &pairs(&case["params"]),
                &s(case, "timestamp"),
                &s(case, "nonce"),
            );
            assert_eq!(signed, pairs(&php["fields"]), "{name}: the helper's array");
            let boundary = s(php, "boundary");
            let body = s(php, "body");
            assert_eq!(
                s(php, "content_type"),
                format!("multipart/form-data; boundary={boundary}")
            );
            let form = FormData::encode(&signed, &stamp).unwrap();
            assert_eq!(
                parts(std::str::from_utf8(form.body()).unwrap(), form.boundary()),
                parts(&body, &boundary),
                "{name}"
            );
            assert_eq!(
                with_boundary(form.body(), form.boundary(), &boundary),
                body,
                "{name}"
            );

            let site = Ucoz::new(
                BaseUrl::parse(oracle("multipart_cases.json")["base"].as_str().unwrap()).unwrap(),
                Auth::OAuth1(credentials(case)),
            )
            .body_form(BodyForm::Multipart);
            let request = match name {
                "place_order_multipart" => PlaceOrder::new(
                    OrderChoices::default()
                        .payment(PaymentId::new(1))
                        .delivery(DeliveryId::new(3))
                        .field(FieldId::new(1), "+7 (900) 000-00-01")
                        .field(
                            FieldId::new(2),
                            "Москва, Тверская 1\r\nкв. 5 & \"код\" 1*2~",
                        ),
                )
                .auto_register(false)
                .request(&site, &stamp),
                "change_order_contents_multipart" => ChangeOrderContents::new(
                    OrderHash::new("UqRgN7O%3B1ElzSZVqyJA4IFXbSG3s8iq3jvd2y%3Boo").unwrap(),
                )
                .count(RecordId::new(3), 10)
                .price(RecordId::new(3), "450.50".parse().unwrap())
                .remove(RecordId::new(4))
                .request(&site, &stamp),
                _ => continue,
            }
            .unwrap();
            through_ucoz += 1;
            assert_eq!(request.method().as_str(), method, "{name}");
            assert_eq!(request.uri().to_string(), s(php, "requested_url"), "{name}");
            let target = request.uri().path_and_query().unwrap().as_str();
            assert_eq!(
                s(php, "request_line"),
                format!("{method} {target} HTTP/1.1"),
                "{name}"
            );
            let ours = form.boundary();
            assert_eq!(
                request.headers()["content-type"],
                format!("multipart/form-data; boundary={ours}").as_str(),
                "{name}"
            );
            assert_eq!(
                with_boundary(request.body(), ours, &boundary),
                body,
                "{name}"
            );
        }
        assert_eq!(through_ucoz, 2);
        assert_eq!(curl["cases"].as_array().unwrap().len(), 5);
    }

    fn param() -> impl Strategy<Value = (String, String)> {
        ("[a-z_]{1,6}(\\[[a-z]{1,3}\\])?", "\\PC{0,8}")
    }

    proptest! {
        /// The signature does not depend on the order parameters are given in.
        #[test]
        fn stable_under_reordering(
            params in prop::collection::btree_map("[a-z_]{1,6}", "\\PC{0,8}", 0..8),
            seed in any::<u64>(),
        ) {
            let credentials = OAuthCredentials::new("ck", "cs", "tk", "ts").unwrap();
            let given: Vec<(String, String)> = params.into_iter().collect();
            let mut shuffled = given.clone();
            let len = shuffled.len().max(1);
            shuffled.rotate_left((seed as usize) % len);
            shuffled.reverse();
            let sign = |p: &[(String, String)]| credentials.sign("GET", "https://s.example/uapi/shop/invoices/", p, "1", "n");
            prop_assert_eq!(sign(&given).pop(), sign(&shuffled).pop());
        }

        /// Changing any value, the time, the nonce or the URL changes the signature.
        #[test]
        fn changed_by_any_value(params in prop::collection::vec(param(), 1..6), which in any::<prop::sample::Index>(), extra in "[a-z]{1,4}") {
            let credentials = OAuthCredentials::new("ck", "cs", "tk", "ts").unwrap();
            let url = "https://s.example/uapi/shop/order//";
            let mut unique: Vec<(String, String)> = Vec::new();
            for (k, v) in params {
                if !unique.iter().any(|(u, _)| *u == k) {
                    unique.push((k, v));
                }
            }
            let signature = |p: &[(String, String)], ts: &str, nonce: &str, url: &str| {
                credentials.sign("POST", url, p, ts, nonce).pop().unwrap().1
            };
            let original = signature(&unique, "1", "n", url);
            let mut changed = unique.clone();
            let i = which.index(changed.len());
            changed[i].1.push_str(&extra);
            prop_assert_ne!(&original, &signature(&changed, "1", "n", url));
            prop_assert_ne!(&original, &signature(&unique, "2", "n", url));
            prop_assert_ne!(&original, &signature(&unique, "1", "m", url));
            prop_assert_ne!(&original, &signature(&unique, "1", "n", "https://s.example/uapi/shop/order/"));
        }
    }

    /// An OAuth name among the call's parameters never reaches the wire
    /// beside the real one: `oauth_signature` included (found by the
    /// `oauth_signer` fuzz target).
    #[test]
    fn oauth_names_in_call_parameters_are_dropped() {
        let credentials = OAuthCredentials::new("ck", "cs", "tk", "ts").unwrap();
        let url = "https://shop.example/uapi/shop/invoices";
        let page = ("page".to_owned(), "1".to_owned());
        for name in ["oauth_signature", "oauth_nonce", "oauth_token"] {
            let params = vec![(name.to_owned(), "forged".to_owned()), page.clone()];
            let signed = credentials.sign("GET", url, &params, "1", "n");
            let named: Vec<&str> = signed
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
                .collect();
            assert_eq!(named.len(), 1, "{name}: {signed:?}");
            assert_ne!(named[0], "forged", "{name}");
            assert_eq!(
                credentials.signature("GET", url, &params, "1", "n"),
                credentials.signature("GET", url, std::slice::from_ref(&page), "1", "n"),
                "{name}"
            );
        }
    }
}

mod w11_money {
    use proptest::prelude::*;
    use shop_apis_core::wire::Money;

    use super::*;

    /// The document's spellings: a number or a string raw part, a display in
    /// the shop's currency, the parts in either order, extra parts kept.
    #[test]
    fn documents_spellings() {
        for (json, amount, display) in [
            (r#"{"sum":"51.00$","sum_raw":51}"#, "51", "51.00$"),
            (r#"{"tax_raw":0,"tax":0}"#, "0", "0"),
            (
                r#"{"profit":"0.00 руб.","profit_raw":"0"}"#,
                "0",
                "0.00 руб.",
            ),
            (
                r#"{"amount_raw":"320.00","amount":"320.00 руб."}"#,
                "320.00",
                "320.00 руб.",
            ),
        ] {
            let money: Money = serde_json::from_str(json).unwrap();
            assert_eq!(money.amount, amount.parse::<Decimal>().unwrap(), "{json}");
            assert_eq!(money.display.as_deref(), Some(display), "{json}");
        }
        let vat: Money = serde_json::from_str(r#"{"vat_raw":0,"vat_type":"0","vat":0}"#).unwrap();
        assert_eq!(vat.other.value("vat_type").unwrap(), "0");
    }

    #[test]
    fn anything_else_is_an_error() {
        for json in [
            r#"{"sum":"51.00$"}"#,
            r#"{"sum_raw":"x","sum":"1"}"#,
            r#"{"a_raw":1,"b_raw":2}"#,
            // Keys of the serialised form, but not exactly it: a pair that
            // lost its raw part, a number for the text, an extra key.
            r#"{"amount":"683.50"}"#,
            r#"{"amount":"683.50$","display":null}"#,
            r#"{"amount":5,"display":"5"}"#,
            r#"{"amount":"5","display":"5$","sum":"5$"}"#,
            r#"{"display":"5$"}"#,
            r#""51.00""#,
            "51",
        ] {
            assert!(serde_json::from_str::<Money>(json).is_err(), "{json}");
        }
    }

    /// A display that is neither text nor a number is no display, and is
    /// kept as sent under its own key: the amount still decodes.
    #[test]
    fn an_odd_display_is_kept_not_refused() {
        let money: Money = serde_json::from_str(r#"{"sum_raw":1,"sum":[1]}"#).unwrap();
        assert_eq!(money.amount, 1.into());
        assert_eq!(money.display, None);
        assert_eq!(money.other.value("sum").unwrap(), serde_json::json!([1]));
    }

    proptest! {
        /// Any amount, as a number or a string, with any display.
        #[test]
        fn raw_as_number_or_string(units in -1_000_000_000i64..1_000_000_000, cents in 0u32..100, as_string in any::<bool>(), display in "\\PC{0,12}") {
            let text = format!("{units}.{cents:02}");
            let raw = if as_string { format!("\"{text}\"") } else { text.clone() };
            let json = format!(r#"{{"total":{},"total_raw":{raw}}}"#, serde_json::to_string(&display).unwrap());
            let money: Money = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(money.amount, text.parse::<Decimal>().unwrap());
            // An empty display is no display (W11).
            prop_assert_eq!(money.display, Some(display).filter(|d| !d.is_empty()));
        }
    }
}

mod w12_unix_time {
    use proptest::prelude::*;
    use time::OffsetDateTime;

    use super::*;

    #[derive(Debug, Deserialize)]
    struct At {
        #[serde(deserialize_with = "wire::unix_time::deserialize")]
        v: OffsetDateTime,
    }

    #[derive(Debug, Deserialize)]
    struct MaybeAt {
        #[serde(default, deserialize_with = "wire::unix_time::option::deserialize")]
        v: Option<OffsetDateTime>,
    }

    /// The document's spellings: seconds in a string, read as UTC.
    #[test]
    fn documents_spellings() {
        for (json, seconds) in [
            (r#""1458511535""#, 1_458_511_535),
            (r#""1336103454""#, 1_336_103_454),
            ("1599690384", 1_599_690_384),
        ] {
            let at = field::<At>(json).unwrap().v;
            assert_eq!(at.unix_timestamp(), seconds, "{json}");
            assert!(at.offset().is_utc(), "{json}");
        }
        let at = field::<At>(r#""1458511535""#).unwrap().v;
        assert_eq!(at, time::macros::datetime!(2016-03-20 22:05:35 UTC));
    }

    /// An unset date: `0`, `"0"`, `""`, `null` and absence are all none.
    #[test]
    fn option_reads_zero_empty_null_absent_as_none() {
        for json in ["0", r#""0""#, r#""""#, "null"] {
            assert_eq!(field::<MaybeAt>(json).unwrap().v, None, "{json}");
        }
        assert_eq!(serde_json::from_str::<MaybeAt>("{}").unwrap().v, None);
        assert_eq!(
            field::<MaybeAt>(r#""1458687828""#)
                .unwrap()
                .v
                .map(OffsetDateTime::unix_timestamp),
            Some(1_458_687_828)
        );
    }

    #[test]
    fn anything_else_is_an_error() {
        for json in [
            r#""""#,
            "null",
            r#""1458511535.5""#,
            "1458511535.5",
            r#""2016-03-20 22:05:35""#,
            r#""yesterday""#,
            "true",
            // Beyond the years `time` can hold.
            &i64::MAX.to_string(),
            // Before the year 1 and after 9999: no four-digit ISO year.
            "-62135596801",
            "253402300800",
        ] {
            assert_eq!(field::<At>(json).unwrap_err().path, "$.v", "{json}");
        }
        for json in [r#""x""#, r#""1.5""#, &i64::MIN.to_string()] {
            assert_eq!(field::<MaybeAt>(json).unwrap_err().path, "$.v", "{json}");
        }
    }

    proptest! {
        /// Any second from the year 1 to 9999 (what ISO 8601 writes with four
        /// digits, so that a serialised moment reads back), as a number or a
        /// string, reads back as itself; the option reads every one but 0 as
        /// `Some`.
        #[test]
        fn seconds_round_trip(
            seconds in time::macros::datetime!(0001-01-01 0:00 UTC).unix_timestamp()
                ..=time::macros::datetime!(9999-12-31 23:59:59 UTC).unix_timestamp(),
            as_string in any::<bool>(),
        ) {
            let json = if as_string { format!("\"{seconds}\"") } else { seconds.to_string() };
            prop_assert_eq!(field::<At>(&json).unwrap().v.unix_timestamp(), seconds);
            let maybe = field::<MaybeAt>(&json).unwrap().v.map(OffsetDateTime::unix_timestamp);
            prop_assert_eq!(maybe, (seconds != 0).then_some(seconds));
        }
    }
}
