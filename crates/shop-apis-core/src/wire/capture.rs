//! Unknown fields caught as a derived struct skips them, with no buffering.
//!
//! `#[serde(flatten)]` keeps unknown fields by buffering every key the struct
//! does not name, with its value, into serde's private `Content` tree, and
//! then copying that tree into the map: two copies of what the documents do
//! not name. A derived struct with no flattened field instead hands each
//! unknown value to `IgnoredAny`. [`capture`] wraps the deserializer so that
//! this one call reads the value into [`UnknownFields`] under the key just
//! read, once; every other call goes straight through. The response types
//! are declared with [`keep_unknown!`](crate::keep_unknown), which writes
//! that `Deserialize`.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};

use crate::UnknownFields;

/// Deserializes `T` (a derived `Deserialize` that names the known fields)
/// and returns, beside it, every field it skipped, as sent.
///
/// Only the object `T` reads is caught; objects nested in its fields are
/// theirs to keep.
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Known { id: u32 }
/// let json = r#"{"id": 7, "sku": "A-1", "tags": [1, 2]}"#;
/// let mut deserializer = serde_json::Deserializer::from_str(json);
/// let (known, unknown) = shop_apis_core::wire::capture::capture::<_, Known>(&mut deserializer)?;
/// assert_eq!(known.id, 7);
/// assert_eq!(unknown.value("sku"), Some(serde_json::json!("A-1")));
/// assert_eq!(unknown.get("tags").unwrap().get(), "[1, 2]");
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn capture<'de, D, T>(deserializer: D) -> Result<(T, UnknownFields), D::Error>
where
    D: Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    let mut unknown = UnknownFields::new();
    let value = T::deserialize(Capturing {
        inner: deserializer,
        unknown: &mut unknown,
    })?;
    Ok((value, unknown))
}

/// The deserializer [`capture`] hands to the derived `Deserialize`.
pub struct Capturing<'a, D> {
    inner: D,
    unknown: &'a mut UnknownFields,
}

impl<D> fmt::Debug for Capturing<'_, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Capturing")
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Self::Error> {
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

macro_rules! forward_all_but_maps {
    () => {
        forward! {
            deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
            deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16();
            deserialize_u32(); deserialize_u64(); deserialize_u128(); deserialize_f32();
            deserialize_f64(); deserialize_char(); deserialize_str(); deserialize_string();
            deserialize_bytes(); deserialize_byte_buf(); deserialize_option(); deserialize_unit();
            deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str);
            deserialize_seq(); deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier();
        }
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Capturing<'_, D> {
    type Error = D::Error;

    forward_all_but_maps!();

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Catching {
            visitor,
            unknown: self.unknown,
        })
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(Catching {
            visitor,
            unknown: self.unknown,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        // As a map: serde's derive also reads a struct from a list of its
        // fields in order, which an object with unknown fields never is
        // (and a flattened struct, as before, never was).
        let _ = (name, fields);
        self.inner.deserialize_map(Catching {
            visitor,
            unknown: self.unknown,
        })
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The struct's visitor, given a map that catches what it skips.
struct Catching<'a, V> {
    visitor: V,
    unknown: &'a mut UnknownFields,
}

macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<V::Value, E> {
            self.visitor.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Catching<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visits! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64);
        visit_i128(i128); visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64);
        visit_u128(u128); visit_f32(f32); visit_f64(f64); visit_char(char);
        visit_str(&str); visit_borrowed_str(&'de str); visit_string(String);
        visit_bytes(&[u8]); visit_borrowed_bytes(&'de [u8]); visit_byte_buf(Vec<u8>);
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.visitor.visit_some(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(deserializer)
    }

    /// Refused, as a struct with unknown fields kept refuses it: a list is
    /// no object.
    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<V::Value, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.visitor.visit_map(CatchingMap {
            map,
            unknown: self.unknown,
            key: None,
        })
    }
}

/// The object's entries, each key remembered until its value is read.
struct CatchingMap<'a, 'de, A> {
    map: A,
    unknown: &'a mut UnknownFields,
    key: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for CatchingMap<'_, 'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.key = None;
        self.map.next_key_seed(KeySeed {
            seed,
            key: &mut self.key,
        })
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        // A known field's value goes to serde_json untouched: wrapping its
        // deserializer costs ~3% of a page whose fields are all known. Only
        // the derive's `IgnoredAny`, the skip of an unknown key, is caught.
        // (`type_name` rather than `TypeId`, which would need `'static`; the
        // two names come from one compiler, and the tests below fail if an
        // unknown field is ever not caught.)
        if std::any::type_name::<S::Value>() != std::any::type_name::<de::IgnoredAny>() {
            return self.map.next_value_seed(seed);
        }
        self.map.next_value_seed(ValueSeed {
            seed,
            key: self.key.take(),
            unknown: self.unknown,
        })
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// Reads a key through the struct's own field visitor, noting its text.
struct KeySeed<'k, 'de, S> {
    seed: S,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(KeyDeserializer {
            inner: deserializer,
            key: self.key,
        })
    }
}

struct KeyDeserializer<'k, 'de, D> {
    inner: D,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for KeyDeserializer<'_, 'de, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_identifier(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_string(KeyVisitor {
            visitor,
            key: self.key,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        enum ignored_any
    }
}

/// Notes the key's text on its way to the struct's field visitor: borrowed
/// from the body where it can be, so a known key costs no allocation.
struct KeyVisitor<'k, 'de, V> {
    visitor: V,
    key: &'k mut Option<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for KeyVisitor<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Borrowed(v));
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.to_owned()));
        self.visitor.visit_str(v)
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        *self.key = Some(Cow::Owned(v.clone()));
        self.visitor.visit_string(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(v)
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(v)
    }
}

/// Reads a value: straight through, unless the struct skips it.
struct ValueSeed<'a, 'de, S> {
    seed: S,
    key: Option<Cow<'de, str>>,
    unknown: &'a mut UnknownFields,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ValueSeed<'_, 'de, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(ValueDeserializer {
            inner: deserializer,
            key: self.key,
            unknown: self.unknown,
        })
    }
}

struct ValueDeserializer<'a, 'de, D> {
    inner: D,
    key: Option<Cow<'de, str>>,
    unknown: &'a mut UnknownFields,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ValueDeserializer<'_, 'de, D> {
    type Error = D::Error;

    forward_all_but_maps!();

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.inner.deserialize_struct(name, fields, visitor)
    }

    /// The one call a derived struct makes for a key it does not name.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let raw = DeserializeSeed::deserialize(super::unknown_fields::RawSeed, self.inner)?;
        // JSON keys are text, which the key visitor always notes; a key that
        // came otherwise is refused rather than its value dropped.
        let Some(key) = self.key else {
            return Err(de::Error::custom("an unknown field whose key is not text"));
        };
        self.unknown.insert(key.into_owned(), raw);
        visitor.visit_unit()
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// Declares a response type whose unknown fields are kept by [`capture`]:
/// the struct as written (its derives, `Serialize` among them, and its
/// attributes), and a `Deserialize` that reads the known fields with serde's
/// derive and catches the rest into the field named before the colon. That
/// field is written `#[serde(flatten, skip_deserializing)]`: flattened when
/// serialised, left to the catch when read.
///
/// Two limits, which the macro cannot check: a container attribute
/// (`#[serde(rename_all = …)]` above the struct) reaches only its
/// `Serialize`, not the reading, so the response types use none; and no
/// other field may be `#[serde(flatten)]`, which would make the derive buffer
/// every unknown key for it and leave nothing to catch.
///
/// ```
/// shop_apis_core::keep_unknown! { unknown:
///     /// A line.
///     #[derive(Debug, serde::Serialize)]
///     pub struct Line {
///         /// Its name.
///         pub name: String,
///         /// What the documents do not name.
///         #[serde(flatten, skip_deserializing)]
///         pub unknown: shop_apis_core::UnknownFields,
///     }
/// }
/// let line: Line = serde_json::from_str(r#"{"name": "a", "sku": 1}"#)?;
/// assert_eq!((line.name.as_str(), line.unknown.value("sku")), ("a", Some(serde_json::json!(1))));
/// assert_eq!(serde_json::to_string(&line)?, r#"{"name":"a","sku":1}"#);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[macro_export]
macro_rules! keep_unknown {
    ($unknown:ident:
        $(#[$attr:meta])*
        $vis:vis struct $name:ident {
            $($(#[$field_attr:meta])* $field_vis:vis $field:ident : $ty:ty),* $(,)?
        }
    ) => {
        $(#[$attr])*
        $vis struct $name {
            $($(#[$field_attr])* $field_vis $field: $ty),*
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                // The known fields, read by serde's derive under the type's
                // own name (its messages say `struct Line`), which in this
                // body means this copy; `Self` is the type declared.
                #[derive(::serde::Deserialize)]
                struct $name {
                    $($(#[$field_attr])* $field: $ty),*
                }
                let (known, caught) = $crate::wire::capture::capture::<D, $name>(deserializer)?;
                let mut value = Self {
                    $($field: known.$field),*
                };
                value.$unknown = caught;
                ::core::result::Result::Ok(value)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::UnknownFields;

    crate::keep_unknown! { unknown:
        /// A line, as the response types are declared.
        #[derive(Debug, PartialEq, serde::Serialize)]
        struct Line {
            /// Known.
            #[serde(deserialize_with = "crate::wire::int::deserialize")]
            id: u32,
            /// The rest.
            #[serde(flatten, skip_deserializing)]
            unknown: UnknownFields,
        }
    }

    #[derive(Debug, serde::Deserialize)]
    struct Page {
        lines: Vec<Line>,
    }

    /// The unknown fields arrive as sent, and a nested object keeps its own.
    #[test]
    fn unknown_fields_are_caught_as_sent() {
        let body = br#"{"lines": [{"url": "a\/b", "id": "7", "img": {"x": 1}}]}"#;
        let page: Page = crate::json::decode(http::StatusCode::OK, body).unwrap();
        let line = &page.lines[0];
        assert_eq!(line.id, 7);
        assert_eq!(line.unknown.keys().collect::<Vec<_>>(), ["url", "img"]);
        assert_eq!(line.unknown.get("url").unwrap().get(), r#""a\/b""#);
        assert_eq!(line.unknown.get("img").unwrap().get(), r#"{"x": 1}"#);
    }

    /// The path-tracking pass that names a bad field reads past the unknown
    /// fields before it, as the first pass does.
    #[test]
    fn an_error_after_an_unknown_field_names_its_own_path() {
        let body = br#"{"lines": [{"id": 1}, {"extra": [1], "id": "x"}]}"#;
        let error = crate::json::decode::<Page>(http::StatusCode::OK, body).unwrap_err();
        assert_eq!(error.path, "$.lines[1].id", "{error}");
    }

    /// From a `serde_json::Value` too, as a program that holds one reads it.
    #[test]
    fn a_value_is_caught_alike() {
        let value = serde_json::json!({"id": 2, "extra": {"a": [true]}});
        let line: Line = serde::Deserialize::deserialize(value).unwrap();
        assert_eq!(
            line.unknown.value("extra"),
            Some(serde_json::json!({"a": [true]}))
        );
    }

    /// JSON that a `Value` cannot hold, in an unknown field, does not stop
    /// the answer: it is kept as sent, `value()` is `None`, serialising it
    /// is an error, and it equals only the same text.
    #[test]
    fn a_value_beyond_serde_json_values_is_kept_as_text() {
        let line: Line = serde_json::from_str(r#"{"id": 1, "big": 1e400}"#).unwrap();
        assert_eq!(line.unknown.get("big").unwrap().get(), "1e400");
        assert_eq!(line.unknown.value("big"), None);
        assert!(serde_json::to_string(&line).is_err());
        let null: Line = serde_json::from_str(r#"{"id": 1, "big": null}"#).unwrap();
        assert_ne!(line, null);
        assert_eq!(
            line,
            serde_json::from_str(r#"{"id": 1, "big": 1e400}"#).unwrap()
        );
        assert!(format!("{:?}", line.unknown).contains("1e400"));
    }

    /// A list is no object, as it was not for a flattened struct; a key sent
    /// twice keeps the last value, as a JSON object does.
    #[test]
    fn lists_are_refused_and_the_last_repeat_wins() {
        assert!(serde_json::from_str::<Line>("[1]").is_err());
        let line: Line = serde_json::from_str(r#"{"id": 1, "x": 1, "x": 2}"#).unwrap();
        assert_eq!(line.unknown.len(), 1);
        assert_eq!(line.unknown.value("x"), Some(serde_json::json!(2)));
    }

    /// A deserializer that is not human-readable, as binary formats are.
    struct Compact;

    impl<'de> serde::Deserializer<'de> for Compact {
        type Error = serde::de::value::Error;

        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            visitor.visit_unit()
        }

        fn is_human_readable(&self) -> bool {
            false
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    #[test]
    fn the_capturing_deserializer_is_as_readable_as_the_one_it_wraps() {
        use serde::Deserializer as _;
        let mut unknown = UnknownFields::new();
        let compact = super::Capturing {
            inner: Compact,
            unknown: &mut unknown,
        };
        assert!(!compact.is_human_readable());
        let mut json = serde_json::Deserializer::from_str("1");
        let readable = super::Capturing {
            inner: &mut json,
            unknown: &mut unknown,
        };
        assert!(readable.is_human_readable());
        assert_eq!(format!("{readable:?}"), "Capturing");
        let unread = super::ValueDeserializer {
            inner: Compact,
            key: None,
            unknown: &mut unknown,
        };
        assert!(!unread.is_human_readable());
        let mut json = serde_json::Deserializer::from_str("1");
        let unread = super::ValueDeserializer {
            inner: &mut json,
            key: None,
            unknown: &mut unknown,
        };
        assert!(unread.is_human_readable());
    }

    /// What a struct's visitor is told of the size of its map.
    struct Hint(Option<usize>);

    impl<'de> serde::Deserialize<'de> for Hint {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct HintVisitor;
            impl<'de> serde::de::Visitor<'de> for HintVisitor {
                type Value = Hint;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("a map")
                }
                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    mut map: A,
                ) -> Result<Hint, A::Error> {
                    let hint = map.size_hint();
                    while map.next_entry::<String, u32>()?.is_some() {}
                    Ok(Hint(hint))
                }
            }
            deserializer.deserialize_struct("Hint", &[], HintVisitor)
        }
    }

    #[test]
    fn the_struct_is_told_the_size_of_its_map_as_sent() {
        let entries = vec![("a", 1_u32), ("b", 2)];
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            entries.into_iter(),
        );
        let (hint, unknown) = super::capture::<_, Hint>(map).unwrap();
        assert_eq!((hint.0, unknown.len()), (Some(2), 0));
    }

    #[test]
    fn a_key_of_another_kind_is_refused_as_the_struct_would_refuse_it() {
        use serde::Deserialize as _;
        let entries = vec![(true, 1_u32)];
        let map = serde::de::value::MapDeserializer::<_, serde::de::value::Error>::new(
            entries.into_iter(),
        );
        let error = Line::deserialize(map).unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid type: boolean `true`, expected field identifier"
        );
    }
}
