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

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, Deserialize, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};

use crate::wire::int::{self, Integer};

/// Writes an open set's value as `{"code": …, "name": …}`.
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

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "code" {
                code = Some(map.next_value::<Coded<R>>()?.0);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        code.map(Coded)
            .ok_or_else(|| de::Error::missing_field("code"))
    }
}

/// An optional code (W1 for optional fields: `null` and `""` are none), or
/// `{"code": …, "name": …}`.
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

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut code = None;
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == "code" {
                code = Some(map.next_value::<String>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        code.map(Named)
            .ok_or_else(|| de::Error::missing_field("code"))
    }
}

/// An optional name (`null` and `""` are none), or `{"code": …, "name": …}`.
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
        NamedVisitor
            .visit_map(map)
            .map(|named| OptionalNamed(Some(named.0)))
    }
}
