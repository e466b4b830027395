//! Checks of user input shared by the protocol crates, each returning a
//! [`BuildError`] that names the field.

use std::borrow::Cow;

use crate::error::{BuildError, BuildErrorKind};

/// Refuses an empty value and one of only whitespace.
///
/// ```
/// use shop_apis_core::{validate, BuildErrorKind};
/// assert!(validate::not_blank("name", "Иванов Иван").is_ok());
/// assert_eq!(validate::not_blank("name", "").unwrap_err().kind(), &BuildErrorKind::Empty);
/// assert_eq!(validate::not_blank("name", " \t").unwrap_err().kind(), &BuildErrorKind::Blank);
/// ```
pub fn not_blank(field: impl Into<Cow<'static, str>>, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        Err(BuildError::new(field, BuildErrorKind::Empty))
    } else if value.trim().is_empty() {
        Err(BuildError::new(field, BuildErrorKind::Blank))
    } else {
        Ok(())
    }
}

/// Refuses anything but printable ASCII (`!` to `~`): no space, no control
/// character, no letter from another script.
///
/// Tokens and keys copied from a web page pick up spaces and look-alike
/// letters; the error names the character, its position, and the ASCII letter
/// it imitates.
///
/// ```
/// use shop_apis_core::validate;
/// let error = validate::printable_ascii("token", "785сaf").unwrap_err(); // a Cyrillic с
/// assert_eq!(
///     error.to_string(),
///     "token: contains 'с' (U+0441) at position 3, which looks like the Latin 'c' \
///      but is not ASCII; only printable ASCII (no spaces) is allowed"
/// );
/// ```
pub fn printable_ascii(field: impl Into<Cow<'static, str>>, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        return Err(BuildError::new(field, BuildErrorKind::Empty));
    }
    match value
        .chars()
        .enumerate()
        .find(|(_, c)| !c.is_ascii_graphic())
    {
        None => Ok(()),
        Some((position, found)) => Err(BuildError::new(
            field,
            BuildErrorKind::InvalidCharacter {
                found,
                position,
                looks_like: ascii_lookalike(found),
                allowed: "printable ASCII (no spaces)",
            },
        )),
    }
}

/// Refuses control characters (CR and LF among them) in a value that reaches
/// a header, a path or a query, where they could split or end it.
///
/// ```
/// use shop_apis_core::validate;
/// assert!(validate::no_control_characters("comment", "строка").is_ok());
/// assert!(validate::no_control_characters("comment", "a\r\nX-Evil: 1").is_err());
/// ```
pub fn no_control_characters(
    field: impl Into<Cow<'static, str>>,
    value: &str,
) -> Result<(), BuildError> {
    match value.chars().enumerate().find(|(_, c)| c.is_control()) {
        None => Ok(()),
        Some((position, found)) => Err(BuildError::new(
            field,
            BuildErrorKind::InvalidCharacter {
                found,
                position,
                looks_like: None,
                allowed: "text without control characters",
            },
        )),
    }
}

/// The ASCII letter a Cyrillic or Greek letter is commonly mistaken for.
fn ascii_lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'е' | 'ε' => 'e',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' | 'Α' => 'A',
        'В' | 'Β' => 'B',
        'Е' | 'Ε' => 'E',
        'К' | 'Κ' => 'K',
        'М' | 'Μ' => 'M',
        'Н' | 'Η' => 'H',
        'О' | 'Ο' => 'O',
        'Р' | 'Ρ' => 'P',
        'С' => 'C',
        'Т' | 'Τ' => 'T',
        'Х' | 'Χ' => 'X',
        '\u{a0}' => ' ',
        _ => return None,
    })
}
