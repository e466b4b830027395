//! Decoders for the quirks of the wire, each written once for all three APIs.
//!
//! The servers are PHP applications and it shows: numbers come as strings
//! (`"id": "20"`, `"amount": "-109"`, `"nom": "00002"`), booleans as `"0"`/`"1"`,
//! lists as objects keyed by id (`{"6": {…}, "3": {…}}`), and an empty object
//! as `[]`. Response types use these with `#[serde(deserialize_with = …)]` (or
//! as field types, for [`IdMap`]) so that their public fields are plain Rust
//! types. Each module names its row in `docs/quirks.md`.
//!
//! | quirk | decoder | row |
//! |---|---|---|
//! | integers as number or string | [`int`] | W1 |
//! | exact decimals as number or string | [`decimal`] | W2 |
//! | booleans as `"0"`/`"1"`, `0`/`1`, `true`/`false` | [`flag`] | W3 |
//! | text that may be `null` or `""` | [`nullable_text`] | W4 |
//! | lists as objects keyed by id, `[]` when empty | [`IdMap`] | W5 |
//! | `[]` for an empty object | [`php_empty_object`] | W6 |
//! | date-times with 0–9 fraction digits | [`datetime`] | W7 |
//! | references where `0` means none | [`optional_id`] | W10 |
//! | amounts as a display and a raw part | [`Money`] | W11 |
//! | Unix seconds in a string, `"0"` for unset | [`unix_time`] | W12 |
//! | text or an object (a category, goods options) | [`object_or_text`] | U14, U30 |
//! | flags by id with an `all` switch | [`FlagsById`] | U31 |
//! | field values mixed with their labels | [`FieldValues`] | U25 |
//! | a login where `0` and `"0"` mean none | [`nullable_text::zero_is_none`] | U16 |
//! | a markup, an amount or `"4%&2.00"` | [`markup`] | U30 |
//! | an amount sent as its display (`"500.00$"`) | [`money::displayed`] | U32 |
//! | SapLab's success, refusal and validation-map answers | [`PanelAnswer`] | W13 |
//! | an "array of errors" as a list or an object by field | [`ErrorList`] | W14 |
//! | an amount inside a message (`"отправлено 3959₽ "`) | [`amount_in_text`] | W15 |
//! | an open set's code or name, or `{"code", "name"}` as serialised | [`open_code`] | W16 |

pub mod amount_in_text;
pub mod capture;
pub mod error_list;
mod field_values;
mod flags_by_id;
mod id_map;
pub mod money;
pub mod panel_answer;
pub(crate) mod unknown_fields;

pub use error_list::ErrorList;
pub use field_values::FieldValues;
pub use flags_by_id::FlagsById;
pub use id_map::{IdKey, IdMap};
pub use markup::Markup;
pub use money::Money;
pub use panel_answer::PanelAnswer;

pub mod datetime;
pub mod decimal;
pub mod flag;
pub mod int;
pub mod markup;
pub mod nullable_text;
pub mod object_or_text;
pub mod open_code;
pub mod optional_id;
pub mod php_empty_object;
pub mod unix_time;

/// An object's key, borrowed from the body when it holds no escape (serde's
/// own `Cow<str>` always copies): a decoder that keeps few of the keys it
/// reads allocates only for those.
struct Key<'de>(std::borrow::Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> serde::de::Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E: serde::de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(std::borrow::Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::de::IntoDeserializer;

    #[test]
    fn a_key_that_is_not_text_is_refused_as_not_a_key() {
        let number: serde::de::value::U32Deserializer<serde::de::value::Error> =
            7_u32.into_deserializer();
        match <super::Key as serde::Deserialize>::deserialize(number) {
            Ok(key) => panic!("a number read as the key {:?}", key.0),
            Err(error) => assert_eq!(
                error.to_string(),
                "invalid type: integer `7`, expected a key"
            ),
        }
    }
}
