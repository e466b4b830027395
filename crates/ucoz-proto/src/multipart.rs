//! `multipart/form-data` bodies as uCoz's helper `uAPImodule.php` v2.3 has
//! cURL send them for POST and PUT (U7): one part per field, in the order
//! given, each headed `Content-Disposition: form-data; name="…"`, lines ended
//! with CRLF, exactly as libcurl writes a PHP array of fields.
//!
//! The boundary is derived from the request's [`Stamp`] (no randomness, so
//! the same inputs give the same bytes; a Bearer request, which depends on no
//! time, takes the empty stamp's) and checked not to occur in any field name
//! or value. Select this form with
//! [`Ucoz::body_form`](crate::Ucoz::body_form)`(`[`BodyForm::Multipart`](crate::BodyForm::Multipart)`)`.

use std::fmt::Write as _;

use sha1::{Digest, Sha1};
use shop_apis_core::{BuildError, BuildErrorKind, Stamp};

/// What every boundary starts with: libcurl's 24 dashes, before 16 hex digits.
pub const BOUNDARY_PREFIX: &str = "------------------------";

/// How many boundaries are derived from one stamp before giving up.
pub const BOUNDARY_ATTEMPTS: u8 = 8;

/// A multipart body and the boundary that frames it.
///
/// ```
/// use shop_apis_core::Stamp;
/// use ucoz_proto::multipart::FormData;
/// let fields = [("mode", "order"), ("fld2", "Москва\r\nкв. 5")].map(|(k, v)| (k.to_owned(), v.to_owned()));
/// let form = FormData::encode(&fields, &Stamp::new(1_700_000_000, "n1"))?;
/// let b = form.boundary();
/// assert_eq!(form.content_type(), format!("multipart/form-data; boundary={b}"));
/// assert_eq!(
///     form.body(),
///     format!(
///         "--{b}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\norder\r\n\
///          --{b}\r\nContent-Disposition: form-data; name=\"fld2\"\r\n\r\nМосква\r\nкв. 5\r\n\
///          --{b}--\r\n"
///     )
///     .as_bytes()
/// );
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormData {
    boundary: String,
    body: Vec<u8>,
}

impl FormData {
    /// The body holding `fields` in the order given, framed by the first
    /// [`boundary`] of `stamp` that occurs in no field name or value.
    ///
    /// Refused before anything is sent: a name holding a quote or a control
    /// character (it would end or split the part's header), and fields in
    /// which every one of the stamp's [`BOUNDARY_ATTEMPTS`] boundaries occurs.
    ///
    /// ```
    /// use shop_apis_core::Stamp;
    /// use ucoz_proto::multipart::FormData;
    /// let stamp = Stamp::new(1_700_000_000, "n1");
    /// let quoted = [("a\"b".to_owned(), "1".to_owned())];
    /// assert_eq!(FormData::encode(&quoted, &stamp).unwrap_err().field(), "a\"b");
    /// let broken = [("a\r\nb".to_owned(), "1".to_owned())];
    /// assert!(FormData::encode(&broken, &stamp).is_err());
    /// ```
    pub fn encode(fields: &[(String, String)], stamp: &Stamp) -> Result<FormData, BuildError> {
        for (name, _) in fields {
            if let Some(found) = name.chars().find(|&c| c == '"' || c.is_control()) {
                return Err(BuildError::new(
                    name.clone(),
                    BuildErrorKind::Invalid(format!(
                        "a multipart field name may not hold {found:?}"
                    )),
                ));
            }
        }
        let occurs = |candidate: &str| {
            fields
                .iter()
                .any(|(name, value)| name.contains(candidate) || value.contains(candidate))
        };
        let boundary = (0..BOUNDARY_ATTEMPTS)
            .map(|attempt| boundary(stamp, attempt))
            .find(|candidate| !occurs(candidate))
            .ok_or_else(|| {
                BuildError::new(
                    "body",
                    BuildErrorKind::Invalid(format!(
                        "each of the {BOUNDARY_ATTEMPTS} multipart boundaries of this stamp \
                         occurs in a field"
                    )),
                )
            })?;
        let length: usize = fields
            .iter()
            .map(|(name, value)| boundary.len() + name.len() + value.len() + 50)
            .sum();
        let mut body = Vec::with_capacity(length + boundary.len() + 6);
        for (name, value) in fields {
            body.extend_from_slice(b"--");
            body.extend_from_slice(boundary.as_bytes());
            body.extend_from_slice(b"\r\nContent-Disposition: form-data; name=\"");
            body.extend_from_slice(name.as_bytes());
            body.extend_from_slice(b"\"\r\n\r\n");
            body.extend_from_slice(value.as_bytes());
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(b"--");
        body.extend_from_slice(boundary.as_bytes());
        body.extend_from_slice(b"--\r\n");
        Ok(FormData { boundary, body })
    }

    /// The boundary between the parts (without the leading `--`).
    pub fn boundary(&self) -> &str {
        &self.boundary
    }

    /// The `Content-Type` that names the boundary.
    pub fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body's bytes, owned.
    pub fn into_body(self) -> Vec<u8> {
        self.body
    }
}

/// Boundary number `attempt` of `stamp`: [`BOUNDARY_PREFIX`] and the first 16
/// hex digits of SHA-1 over the time, the nonce and the attempt, so that it
/// looks like libcurl's own and is the same for the same stamp.
///
/// ```
/// use shop_apis_core::Stamp;
/// use ucoz_proto::multipart::{BOUNDARY_PREFIX, boundary};
/// let stamp = Stamp::new(1_700_000_000, "n1");
/// let first = boundary(&stamp, 0);
/// assert!(first.starts_with(BOUNDARY_PREFIX) && first.len() == 40);
/// assert_eq!(first, boundary(&stamp, 0));
/// assert_ne!(first, boundary(&stamp, 1));
/// assert_ne!(first, boundary(&Stamp::new(1_700_000_000, "n2"), 0));
/// ```
pub fn boundary(stamp: &Stamp, attempt: u8) -> String {
    let mut hash = Sha1::new();
    hash.update(stamp.unix_seconds().to_string().as_bytes());
    hash.update(b"\n");
    hash.update(stamp.nonce().as_bytes());
    hash.update(b"\n");
    hash.update([attempt]);
    let digest = hash.finalize();
    let mut text = String::with_capacity(BOUNDARY_PREFIX.len() + 16);
    text.push_str(BOUNDARY_PREFIX);
    for byte in &digest[..8] {
        let _ = write!(text, "{byte:02x}");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, value: &str) -> (String, String) {
        (name.to_owned(), value.to_owned())
    }

    /// A value holding the first boundary moves the body to the second.
    #[test]
    fn a_boundary_found_in_a_value_is_replaced_by_the_next() {
        let stamp = Stamp::new(1, "n");
        let first = boundary(&stamp, 0);
        let form = FormData::encode(&[field("a", &format!("x{first}y"))], &stamp).unwrap();
        assert_eq!(form.boundary(), boundary(&stamp, 1));
        let in_a_name = FormData::encode(&[field(&first, "1")], &stamp).unwrap();
        assert_eq!(in_a_name.boundary(), boundary(&stamp, 1));
    }

    /// Fields holding every boundary of the stamp are refused, not sent ambiguous.
    #[test]
    fn every_boundary_taken_is_a_build_error() {
        let stamp = Stamp::new(1, "n");
        let all: String = (0..BOUNDARY_ATTEMPTS)
            .map(|a| boundary(&stamp, a))
            .collect();
        let error = FormData::encode(&[field("a", &all)], &stamp).unwrap_err();
        assert_eq!(error.field(), "body");
        assert!(FormData::encode(&[field("a", &all)], &Stamp::new(1, "other")).is_ok());
    }

    #[test]
    fn no_fields_is_the_closing_delimiter_alone() {
        let stamp = Stamp::new(0, "");
        let form = FormData::encode(&[], &stamp).unwrap();
        assert_eq!(
            form.body(),
            format!("--{}--\r\n", boundary(&stamp, 0)).as_bytes()
        );
    }
}
