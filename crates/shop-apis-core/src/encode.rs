//! Encodings of values on their way out: path segments and form bodies.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Every byte but ASCII letters, digits, `-`, `_` and `,` is percent-encoded
/// in a path segment: `/`, `%`, `+`, spaces, parentheses and non-ASCII text,
/// and also `.` and `~`, so that a value of `.` or `..` is never read as a
/// dot-segment by a server or proxy that normalises paths. A comma is a
/// sub-delimiter that never ends a segment, and id lists (`1,2,3`) read as
/// the documents write them.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b',');

/// `value` as exactly one path segment.
///
/// ```
/// use shop_apis_core::encode::path_segment;
/// assert_eq!(path_segment("+7(123)456-78-90"), "%2B7%28123%29456-78-90");
/// assert_eq!(path_segment("a/b"), "a%2Fb");
/// assert_eq!(path_segment(".."), "%2E%2E");
/// assert_eq!(path_segment("1,2,3"), "1,2,3");
/// assert_eq!(path_segment("Иван"), "%D0%98%D0%B2%D0%B0%D0%BD");
/// ```
pub fn path_segment(value: &str) -> String {
    utf8_percent_encode(value, SEGMENT).to_string()
}

/// An `application/x-www-form-urlencoded` body, as an HTML form in UTF-8
/// sends it: fields in the order added, spaces as `+`.
///
/// ```
/// use shop_apis_core::encode::Form;
/// let mut form = Form::new();
/// form.push("name", "Новый способ").push("min_price", "1000").push("wholesalers[inn]", "123");
/// assert_eq!(
///     String::from_utf8(form.encode()).unwrap(),
///     "name=%D0%9D%D0%BE%D0%B2%D1%8B%D0%B9+%D1%81%D0%BF%D0%BE%D1%81%D0%BE%D0%B1&min_price=1000&wholesalers%5Binn%5D=123"
/// );
/// assert_eq!(form.get("min_price"), Some("1000"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    fields: Vec<(Cow<'static, str>, String)>,
}

impl Form {
    /// The `Content-Type` of an encoded form.
    pub const CONTENT_TYPE: &'static str = "application/x-www-form-urlencoded; charset=UTF-8";

    /// An empty form.
    pub fn new() -> Self {
        Form::default()
    }

    /// Adds a field.
    pub fn push(
        &mut self,
        key: impl Into<Cow<'static, str>>,
        value: impl Into<String>,
    ) -> &mut Self {
        self.fields.push((key.into(), value.into()));
        self
    }

    /// The value of the first field named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The fields, in order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }

    /// The body's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        for (key, value) in &self.fields {
            serializer.append_pair(key, value);
        }
        serializer.finish().into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_finds_the_first_field_of_a_name() {
        let mut form = Form::new();
        form.push("name", "Курьер")
            .push("price", "")
            .push("name", "second");
        assert_eq!(form.get("name"), Some("Курьер"));
        assert_eq!(
            form.get("price"),
            Some(""),
            "present but empty is not absent"
        );
        assert_eq!(form.get("missing"), None);
        assert_eq!(form.fields().count(), 3);
    }
}
