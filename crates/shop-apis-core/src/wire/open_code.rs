//! W16: an open set's value (`shop_apis_core::open_set!`) as the wire
//! sends it, a code (W1) or a name, or as the set serialises it,
//! `{"code": 3, "name": "В обработке"}`, so that a serialised answer reads
//! back as the same value. Used by the sets' own `Deserialize` and by the
//! optional fields that hold them (`null` and `""` are none there).
//!
//! ```
//! use serde::Deserialize;
//! use shop_apis_core::wire::open_code::{Coded, OptionalNamed};
//! assert_eq!(Coded::<u32>::deserialize(serde_json::json!("4")).unwrap().0, 4);
//! assert_eq!(Coded::<u32>::deserialize(serde_json::json!({"code": 4, "name": "Готов"})).unwrap().0, 4);
//! assert_eq!(OptionalNamed::deserialize(serde_json::json!("")).unwrap().0, None);
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, IntoDeserializer, MapAccess, Visitor};

use crate::wire::int::{self, Integer};

/// Writes an open set's value as `{"code": …, "name": …}`.
///
/// ```
/// let mut json = Vec::new();
/// shop_apis_core::wire::open_code::serialize(&3, Some("В обработке"), &mut serde_json::Serializer::new(&mut json))?;
/// assert_eq!(String::from_utf8(json).unwrap(), r#"{"code":3,"name":"В обработке"}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn serialize<C: serde::Serialize + ?Sized, S: serde::Serializer>(
    code: &C,
    name: Option<&'static str>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut value = serializer.serialize_struct("OpenSet", 2)?;
    value.serialize_field("code", code)?;
    value.serialize_field("name", &name)?;
    value.end()
}

/// A code as the wire sends it (W1), or inside `{"code": …, "name": …}`.
///
/// ```
/// use serde::Deserialize;
/// use shop_apis_core::wire::open_code::Coded;
/// assert_eq!(Coded::<u8>::deserialize(serde_json::json!(3)).unwrap().0, 3);
/// assert!(Coded::<u8>::deserialize(serde_json::json!({"code": 3, "extra": 1})).is_err());
/// ```
#[derive(Debug)]
pub struct Coded<R>(pub R);

impl<'de, R: Integer> Deserialize<'de> for Coded<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CodedVisitor(PhantomData))
    }
}

struct CodedVisitor<R>(PhantomData<R>);

impl<'de, R: Integer> Visitor<'de> for CodedVisitor<R> {
    type Value = Coded<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code (a number or a string of digits)")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        int::deserialize(v.into_deserializer()).map(Coded)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        int::deserialize(v.into_deserializer()).map(Coded)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        int::deserialize(v.into_deserializer()).map(Coded)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        int::deserialize(v.into_deserializer()).map(Coded)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        code_of(map).map(|code: PlainCode<R>| Coded(code.0))
    }
}

/// The code of a serialised value: exactly the keys `code` (once) and
/// `name` (a text or `null`, the documented name, which the code decides
/// anyway). Anything else is no serialised value and an error, so a wire
/// object that only looks alike is not taken for one.
fn code_of<'de, A: MapAccess<'de>, T: Deserialize<'de>>(mut map: A) -> Result<T, A::Error> {
    let mut code = None;
    while let Some(key) = map.next_key::<super::Key<'de>>()?.map(|k| k.0) {
        match &*key {
            "code" if code.is_some() => return Err(de::Error::duplicate_field("code")),
            "code" => code = Some(map.next_value::<T>()?),
            "name" => {
                map.next_value::<Option<String>>()?;
            }
            other => return Err(de::Error::unknown_field(other, &["code", "name"])),
        }
    }
    code.ok_or_else(|| de::Error::missing_field("code"))
}

/// A code read by W1 alone: inside a serialised value it is never an object.
struct PlainCode<R>(R);

impl<'de, R: Integer> Deserialize<'de> for PlainCode<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        int::deserialize(deserializer).map(PlainCode)
    }
}

/// An optional code (W1 for optional fields: `null` and `""` are none), or
/// `{"code": …, "name": …}`.
///
/// ```
/// use serde::Deserialize;
/// use shop_apis_core::wire::open_code::OptionalCoded;
/// assert_eq!(OptionalCoded::<u8>::deserialize(serde_json::json!("")).unwrap().0, None);
/// assert_eq!(OptionalCoded::<u8>::deserialize(serde_json::json!("7")).unwrap().0, Some(7));
/// ```
#[derive(Debug)]
pub struct OptionalCoded<R>(pub Option<R>);

impl<'de, R: Integer> Deserialize<'de> for OptionalCoded<R> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OptionalCodedVisitor(PhantomData))
    }
}

struct OptionalCodedVisitor<R>(PhantomData<R>);

impl<'de, R: Integer> Visitor<'de> for OptionalCodedVisitor<R> {
    type Value = OptionalCoded<R>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a code (a number or a string of digits), \"\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OptionalCoded(None))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        CodedVisitor(PhantomData)
            .visit_u64(v)
            .map(|c| OptionalCoded(Some(c.0)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        CodedVisitor(PhantomData)
            .visit_i64(v)
            .map(|c| OptionalCoded(Some(c.0)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        CodedVisitor(PhantomData)
            .visit_f64(v)
            .map(|c| OptionalCoded(Some(c.0)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.is_empty() {
            return Ok(OptionalCoded(None));
        }
        CodedVisitor(PhantomData)
            .visit_str(v)
            .map(|c| OptionalCoded(Some(c.0)))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        CodedVisitor(PhantomData)
            .visit_map(map)
            .map(|c| OptionalCoded(Some(c.0)))
    }
}

/// A name as the wire sends it, or inside `{"code": …, "name": …}`.
///
/// ```
/// use serde::Deserialize;
/// use shop_apis_core::wire::open_code::Named;
/// let named = Named::deserialize(serde_json::json!({"code": "active", "name": null})).unwrap();
/// assert_eq!(named.0, "active");
/// ```
#[derive(Debug)]
pub struct Named(pub String);

impl<'de> Deserialize<'de> for Named {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NamedVisitor)
    }
}

struct NamedVisitor;

impl<'de> Visitor<'de> for NamedVisitor {
    type Value = Named;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Named(v.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        code_of(map).map(Named)
    }
}

/// An optional name (`null` and `""` are none), or `{"code": …, "name": …}`.
///
/// ```
/// use serde::Deserialize;
/// use shop_apis_core::wire::open_code::OptionalNamed;
/// assert_eq!(OptionalNamed::deserialize(serde_json::json!(null)).unwrap().0, None);
/// assert_eq!(OptionalNamed::deserialize(serde_json::json!("active")).unwrap().0.as_deref(), Some("active"));
/// ```
#[derive(Debug)]
pub struct OptionalNamed(pub Option<String>);

impl<'de> Deserialize<'de> for OptionalNamed {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OptionalNamedVisitor)
    }
}

struct OptionalNamedVisitor;

impl<'de> Visitor<'de> for OptionalNamedVisitor {
    type Value = OptionalNamed;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name, \"\" or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(OptionalNamed(None))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(OptionalNamed((!v.is_empty()).then(|| v.to_owned())))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        let name: String = code_of(map)?;
        Ok(OptionalNamed((!name.is_empty()).then_some(name)))
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::{Coded, Named, OptionalCoded, OptionalNamed};

    fn coded(json: serde_json::Value) -> Result<i16, serde_json::Error> {
        Coded::<i16>::deserialize(json).map(|coded| coded.0)
    }

    fn optional_coded(json: serde_json::Value) -> Result<Option<i16>, serde_json::Error> {
        OptionalCoded::<i16>::deserialize(json).map(|coded| coded.0)
    }

    fn named(json: serde_json::Value) -> Result<String, serde_json::Error> {
        Named::deserialize(json).map(|named| named.0)
    }

    fn optional_named(json: serde_json::Value) -> Result<Option<String>, serde_json::Error> {
        OptionalNamed::deserialize(json).map(|named| named.0)
    }

    #[test]
    fn a_code_comes_in_each_wire_form_and_as_it_serialises() {
        for json in [
            json!(3),
            json!("3"),
            json!({"code": 3, "name": "В обработке"}),
        ] {
            assert_eq!(coded(json.clone()).ok(), Some(3), "{json}");
            assert_eq!(optional_coded(json.clone()).ok(), Some(Some(3)), "{json}");
        }
        assert_eq!(coded(json!(-2)).ok(), Some(-2));
        assert_eq!(optional_coded(json!(-2)).ok(), Some(Some(-2)));
        assert_eq!(coded(json!({"name": null, "code": "3"})).ok(), Some(3));
        for none in [json!(null), json!("")] {
            assert_eq!(optional_coded(none.clone()).ok(), Some(None), "{none}");
        }
        for refused in [
            json!(2.5),
            json!(3.0),
            json!("x"),
            json!(40000),
            json!({"code": {"code": 3}}),
        ] {
            assert!(coded(refused.clone()).is_err(), "{refused}");
            assert!(optional_coded(refused.clone()).is_err(), "{refused}");
        }
    }

    #[test]
    fn a_serialised_value_has_one_code_and_no_other_key() {
        let twice = serde_json::from_str::<Coded<u8>>(r#"{"code": 3, "code": 4}"#).unwrap_err();
        assert!(
            twice.to_string().contains("duplicate field `code`"),
            "{twice}"
        );
        let error = coded(json!({"code": 3, "extra": 1}))
            .unwrap_err()
            .to_string();
        assert!(error.contains("unknown field `extra`"), "{error}");
        let error = coded(json!({"name": "x"})).unwrap_err().to_string();
        assert!(error.contains("missing field `code`"), "{error}");
        assert!(coded(json!({"code": 3, "name": 1})).is_err());
    }

    #[test]
    fn a_name_comes_as_text_or_as_it_serialises() {
        assert_eq!(named(json!("active")).unwrap(), "active");
        assert_eq!(
            named(json!({"code": "active", "name": null})).unwrap(),
            "active"
        );
        assert_eq!(
            optional_named(json!("active")).unwrap().as_deref(),
            Some("active")
        );
        let serialised = json!({"code": "active", "name": "Доступен"});
        assert_eq!(
            optional_named(serialised).unwrap().as_deref(),
            Some("active")
        );
        for none in [json!(null), json!(""), json!({"code": ""})] {
            assert_eq!(optional_named(none.clone()).unwrap(), None, "{none}");
        }
    }

    #[test]
    fn a_value_of_another_kind_says_what_was_expected() {
        let expected = [
            (
                coded(json!(true)).unwrap_err(),
                "expected a code (a number or a string of digits)",
            ),
            (
                optional_coded(json!(true)).unwrap_err(),
                r#"expected a code (a number or a string of digits), "" or null"#,
            ),
            (named(json!(1)).unwrap_err(), "expected a name"),
            (
                optional_named(json!(1)).unwrap_err(),
                r#"expected a name, "" or null"#,
            ),
        ];
        for (error, message) in expected {
            assert!(error.to_string().contains(message), "{error}");
        }
    }

    #[test]
    fn it_serialises_as_its_code_and_name() {
        let mut json = Vec::new();
        super::serialize(&3, None, &mut serde_json::Serializer::new(&mut json)).unwrap();
        assert_eq!(
            String::from_utf8(json).unwrap(),
            r#"{"code":3,"name":null}"#
        );
    }
}
