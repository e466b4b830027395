//! Listing the fields a decoded answer kept but its type does not name.

use std::fmt::Display;

use crate::UnknownFields;
use crate::wire::IdMap;

/// A decoded answer that can say where it holds fields the documents do not
/// name: the places a real shop differs from its API's documents.
///
/// Every response type keeps such fields (in an `unknown` map, or
/// [`IdMap::others`]); this walks them all and lists their JSONPaths, so a
/// monitoring job or `cargo xtask conformance --live` can report them.
///
/// ```
/// use shop_apis_core::ReportUnknown;
///
/// #[derive(serde::Deserialize)]
/// struct Line { name: String, #[serde(flatten)] unknown: shop_apis_core::UnknownFields }
/// #[derive(serde::Deserialize)]
/// struct Page { lines: Vec<Line>, #[serde(flatten)] unknown: shop_apis_core::UnknownFields }
/// shop_apis_core::report_unknown!(Line { unknown });
/// shop_apis_core::report_unknown!(Page { unknown, lines });
///
/// let page: Page = serde_json::from_str(r#"{"lines": [{"name": "a"}, {"name": "b", "sku": 1}], "shop": 2}"#)?;
/// assert_eq!(page.unknown_field_paths(), ["$.shop", "$.lines[1].sku"]);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub trait ReportUnknown {
    /// Appends the JSONPath of every unknown field under `path` (this value's own).
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>);

    /// The JSONPaths of every unknown field, from the root `$`.
    fn unknown_field_paths(&self) -> Vec<String> {
        let mut found = Vec::new();
        self.unknown_fields("$", &mut found);
        found
    }
}

/// `path.key`, or `path["key"]` when the key is not a plain name.
///
/// ```
/// assert_eq!(shop_apis_core::unknown::member("$", "order_id"), "$.order_id");
/// assert_eq!(shop_apis_core::unknown::member("$.a", "x y"), r#"$.a["x y"]"#);
/// ```
pub fn member(path: &str, key: &str) -> String {
    let plain = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if plain {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", serde_json::Value::from(key))
    }
}

impl ReportUnknown for UnknownFields {
    /// Every key of the map is unknown.
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        found.extend(self.keys().map(|key| member(path, key)));
    }
}

impl<T: ReportUnknown> ReportUnknown for Vec<T> {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        for (i, item) in self.iter().enumerate() {
            item.unknown_fields(&format!("{path}[{i}]"), found);
        }
    }
}

impl<T: ReportUnknown> ReportUnknown for Option<T> {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        if let Some(value) = self {
            value.unknown_fields(path, found);
        }
    }
}

impl<T: ReportUnknown> ReportUnknown for Box<T> {
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        (**self).unknown_fields(path, found);
    }
}

impl<K: Display, V: ReportUnknown> ReportUnknown for IdMap<K, V> {
    /// The entries' unknown fields under their ids, and every key that is not an id.
    fn unknown_fields(&self, path: &str, found: &mut Vec<String>) {
        self.others().unknown_fields(path, found);
        for (id, value) in self {
            value.unknown_fields(&member(path, &id.to_string()), found);
        }
    }
}

/// Values that never hold unknown fields: leaves of response types.
macro_rules! leaves {
    ($($t:ty),*) => {$(
        impl ReportUnknown for $t {
            fn unknown_fields(&self, _: &str, _: &mut Vec<String>) {}
        }
    )*};
}
leaves!(String, bool, u8, u16, u32, u64, i32, i64, crate::Decimal);

/// Implements [`ReportUnknown`] for a struct: its map of unknown fields,
/// then each named field that can hold more (`field`, or `field as "key"`
/// when serde renames it).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Total { #[serde(flatten)] unknown: shop_apis_core::UnknownFields }
/// #[derive(serde::Deserialize)]
/// struct Answer {
///     #[serde(rename = "Total")]
///     total: Total,
///     #[serde(flatten)]
///     unknown: shop_apis_core::UnknownFields,
/// }
/// shop_apis_core::report_unknown!(Total { unknown });
/// shop_apis_core::report_unknown!(Answer { unknown, total as "Total" });
/// let answer: Answer = serde_json::from_str(r#"{"Total": {"vat": 1}}"#).unwrap();
/// use shop_apis_core::ReportUnknown;
/// assert_eq!(answer.unknown_field_paths(), ["$.Total.vat"]);
/// ```
#[macro_export]
macro_rules! report_unknown {
    ($ty:ty { $unknown:ident $(, $field:ident $(as $key:literal)?)* $(,)? }) => {
        impl $crate::ReportUnknown for $ty {
            fn unknown_fields(&self, path: &str, found: &mut ::std::vec::Vec<::std::string::String>) {
                $crate::ReportUnknown::unknown_fields(&self.$unknown, path, found);
                $(
                    let key = $crate::report_unknown!(@key $field $(, $key)?);
                    $crate::ReportUnknown::unknown_fields(
                        &self.$field,
                        &$crate::unknown::member(path, key),
                        found,
                    );
                )*
            }
        }
    };
    (@key $field:ident) => { stringify!($field) };
    (@key $field:ident, $key:literal) => { $key };
}
