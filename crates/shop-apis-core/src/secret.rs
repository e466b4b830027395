use std::fmt;

use secrecy::{ExposeSecret, SecretString};

/// A credential (a token, a password, an OAuth secret) that never prints.
///
/// `Debug` and `Display` show `[redacted]`; the memory is wiped when the value
/// is dropped. The only way to the text is [`expose`](Secret::expose), which
/// protocol crates call where the protocol puts the secret on the wire.
///
/// ```
/// use shop_apis_core::Secret;
/// let token = Secret::new("541c4a59");
/// assert_eq!(format!("{token}"), "[redacted]");
/// assert_eq!(format!("{token:?}"), "Secret([redacted])");
/// assert_eq!(token.expose(), "541c4a59");
/// ```
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    /// Wraps a secret text.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(SecretString::from(text.into()))
    }

    /// The secret text itself, for putting it on the wire.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}
