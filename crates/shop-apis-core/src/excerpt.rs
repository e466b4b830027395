use std::fmt;

/// The start of a response body, kept in errors so that a human can see what
/// the server actually sent (an HTML page, a truncated document, nothing).
///
/// At most [`BodyExcerpt::MAX_BYTES`] bytes are kept, cut at a character
/// boundary; invalid UTF-8 is replaced. `Display` quotes and escapes it, so
/// control characters cannot disturb a log line.
///
/// ```
/// use shop_apis_core::BodyExcerpt;
/// let excerpt = BodyExcerpt::of("Привет".repeat(100).as_bytes());
/// assert!(excerpt.is_truncated());
/// assert_eq!(excerpt.total_len(), 1200);
/// assert!(excerpt.as_str().starts_with("Привет"));
/// assert_eq!(BodyExcerpt::of(b"").to_string(), "(empty)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyExcerpt {
    text: String,
    total_len: usize,
}

impl BodyExcerpt {
    /// How many bytes of the body are kept.
    pub const MAX_BYTES: usize = 200;

    /// The excerpt of `body`.
    pub fn of(body: &[u8]) -> Self {
        let mut end = body.len().min(Self::MAX_BYTES);
        if end < body.len() {
            // Back off over UTF-8 continuation bytes rather than split a character.
            while end > 0 && body[end] & 0xC0 == 0x80 {
                end -= 1;
            }
        }
        BodyExcerpt {
            text: String::from_utf8_lossy(&body[..end]).into_owned(),
            total_len: body.len(),
        }
    }

    /// The kept start of the body.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The length of the whole body in bytes.
    pub fn total_len(&self) -> usize {
        self.total_len
    }

    /// Whether the body was longer than what is kept.
    pub fn is_truncated(&self) -> bool {
        self.text.len() < self.total_len
    }
}

impl fmt::Display for BodyExcerpt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.total_len == 0 {
            return f.write_str("(empty)");
        }
        write!(f, "{:?}", self.text)?;
        if self.is_truncated() {
            write!(f, "… ({} bytes in all)", self.total_len)?;
        }
        Ok(())
    }
}

/// `text` cut to at most `max` bytes at a character boundary, with `…` and
/// the full length when cut: for texts an error quotes (a server's message,
/// a value serde names), whose size the server decides.
pub(crate) fn shorten(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    if text.len() <= max {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    std::borrow::Cow::Owned(format!("{}… ({} bytes in all)", &text[..end], text.len()))
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shorten_cuts_at_a_character_boundary() {
        assert_eq!(shorten("Привет", 20), "Привет");
        assert_eq!(shorten("Привет", 5), "Пр… (12 bytes in all)");
    }
}
