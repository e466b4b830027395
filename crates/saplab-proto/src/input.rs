//! Checks and spellings of input values shared by the resources.

use shop_apis_core::{BuildError, BuildErrorKind, Decimal, validate};

/// A required text: not empty, not only whitespace.
pub(crate) fn required(field: &'static str, value: &str) -> Result<String, BuildError> {
    validate::not_blank(field, value)?;
    Ok(value.to_owned())
}

/// An amount the document types `int`: not negative, no fraction. Sent as
/// its digits, so a fraction cannot be cut off by the server.
pub(crate) fn whole_amount(field: &'static str, value: Decimal) -> Result<String, BuildError> {
    if value.is_sign_negative() && !value.is_zero() {
        return Err(BuildError::new(field, BuildErrorKind::Negative));
    }
    let value = value.normalize();
    if value.scale() != 0 {
        return Err(BuildError::new(
            field,
            BuildErrorKind::OutOfRange(format!(
                "{value} has a fraction; the panel takes whole amounts"
            )),
        ));
    }
    Ok(value.to_string())
}

/// A colour as the panel stores it: six hexadecimal digits (`CBFFC9`).
pub(crate) fn color(field: &'static str, value: &str) -> Result<String, BuildError> {
    let value = value.strip_prefix('#').unwrap_or(value);
    if let Some((position, found)) = value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_hexdigit())
    {
        return Err(BuildError::new(
            field,
            BuildErrorKind::InvalidCharacter {
                found,
                position,
                looks_like: None,
                allowed: "six hexadecimal digits",
            },
        ));
    }
    if value.len() != 6 {
        return Err(BuildError::new(
            field,
            BuildErrorKind::OutOfRange(format!("{value:?} is not six hexadecimal digits")),
        ));
    }
    Ok(value.to_ascii_uppercase())
}
