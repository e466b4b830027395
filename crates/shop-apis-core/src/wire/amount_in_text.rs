//! W15: an amount written inside a message, as SapLab's panel writes what it
//! moved or what is missing: `"… отправлено 3959₽ "`, `"… пополнить баланс
//! на 10000₽"` (`001`:596–604). The figures are the panel's money format
//! (`"3958.07"`), followed by the rouble sign.
//!
//! ```
//! use shop_apis_core::wire::amount_in_text;
//! use shop_apis_core::Decimal;
//! assert_eq!(amount_in_text::roubles("отправлено 3959₽ "), Some(Decimal::from(3959)));
//! assert_eq!(amount_in_text::roubles("на 10,5 ₽"), Some("10.5".parse()?));
//! assert_eq!(amount_in_text::roubles("оплачены."), None);
//! assert_eq!(amount_in_text::roubles("₽"), None);
//! # Ok::<(), rust_decimal::Error>(())
//! ```

use rust_decimal::Decimal;

/// The amount right before the first `₽` in `text`, if there is one: digits,
/// an optional `.` or `,` and more digits, an optional minus, with spaces
/// allowed before the sign.
pub fn roubles(text: &str) -> Option<Decimal> {
    let before = text[..text.find('₽')?].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
        .map_or(0, |at| {
            at + before[at..].chars().next().map_or(1, char::len_utf8)
        });
    let figures = before[start..].replace(',', ".");
    if !figures.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    figures.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_before_the_sign_only() {
        assert_eq!(roubles("3959₽ и 100₽"), Some(Decimal::from(3959)));
        assert_eq!(roubles("-109₽"), Some(Decimal::from(-109)));
        assert_eq!(roubles("на 3958.07₽"), Some("3958.07".parse().unwrap()));
        assert_eq!(roubles("на ..₽"), None);
        assert_eq!(roubles("на 1.2.3₽"), None);
        assert_eq!(roubles(""), None);
    }
}
