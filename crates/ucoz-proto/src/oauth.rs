//! OAuth 1.0a HMAC-SHA1 as uCoz verifies it: the steps of uCoz's published
//! helper `uAPImodule.php` (v2.3), which depart from RFC 5849 in places
//! (rows U1–U7 of `docs/quirks.md`), and the RFC's own form in [`rfc5849`]
//! for the standard test vectors.
//!
//! The signer is pure: the time and the nonce are inputs (a
//! [`Stamp`](shop_apis_core::Stamp)), so the same request, credentials and stamp
//! always give the same signature.

use std::fmt;

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use sha1::Sha1;
use shop_apis_core::{BuildError, Secret, validate};

/// PHP's `urlencode` table: everything but ASCII letters, digits, `-`, `_`
/// and `.` is escaped, `~` and `*` included (RFC 3986 leaves `~` alone).
const PHP_URLENCODE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// RFC 3986's unreserved set, as RFC 5849 encodes.
const RFC3986: &AsciiSet = &PHP_URLENCODE.remove(b'~');

/// `text` as PHP's `urlencode` writes it, with a space as `%20` rather than
/// `+` (the helper replaces every `+` after encoding, U3).
///
/// ```
/// use ucoz_proto::oauth::php_encode;
/// assert_eq!(php_encode("SALE 2024~*"), "SALE%202024%7E%2A");
/// assert_eq!(php_encode("a+b&c=d%"), "a%2Bb%26c%3Dd%25");
/// assert_eq!(php_encode("Мой"), "%D0%9C%D0%BE%D0%B9");
/// ```
pub fn php_encode(text: &str) -> String {
    utf8_percent_encode(text, PHP_URLENCODE).to_string()
}

/// The parameters sorted by their raw keys (PHP's `ksort`) and joined as
/// `http_build_query` joins them, spaces as `%20`: what the helper signs and
/// what goes on the wire.
///
/// ```
/// use ucoz_proto::oauth::parameter_string;
/// let params = [("b".to_owned(), "2 3".to_owned()), ("a[b]".to_owned(), "~".to_owned())];
/// assert_eq!(parameter_string(&params), "a%5Bb%5D=%7E&b=2%203");
/// ```
pub fn parameter_string(params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    sorted
        .iter()
        .map(|(k, v)| format!("{}={}", php_encode(k), php_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// The signature base string: method, URL and parameter string, each
/// encoded once more (`METHOD&urlencode(url)&urlencode(params)`).
pub fn base_string(method: &str, url: &str, parameter_string: &str) -> String {
    format!(
        "{}&{}&{}",
        method.to_ascii_uppercase(),
        php_encode(url),
        php_encode(parameter_string)
    )
}

/// Base64 of the HMAC-SHA1 of `base_string` under `key`.
///
/// ```
/// // RFC 5849, section 1.2.
/// let base = "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal";
/// assert_eq!(ucoz_proto::oauth::hmac_sha1("kd94hf93k423kf44&pfkkdhi9sl3r4s00", base), "MdpQcU8iPSUjWoN/UDMsK2sui9I=");
/// ```
pub fn hmac_sha1(key: &str, base_string: &str) -> String {
    let mut mac =
        Hmac::<Sha1>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(base_string.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// The four OAuth 1.0a credentials of a uCoz site's application. The two
/// secrets are kept in [`Secret`]s and never printed.
///
/// ```
/// use ucoz_proto::OAuthCredentials;
/// let credentials = OAuthCredentials::new("ck", "cs", "tk", "ts")?;
/// assert!(!format!("{credentials:?}").contains("cs"));
/// assert!(OAuthCredentials::new("", "cs", "tk", "ts").is_err());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Clone)]
pub struct OAuthCredentials {
    consumer_key: String,
    consumer_secret: Secret,
    token: String,
    token_secret: Secret,
}

impl fmt::Debug for OAuthCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthCredentials")
            .field("consumer_key", &self.consumer_key)
            .field("consumer_secret", &self.consumer_secret)
            .field("token", &self.token)
            .field("token_secret", &self.token_secret)
            .finish()
    }
}

impl OAuthCredentials {
    /// The consumer key and secret, and the token and its secret, as the
    /// site's uAPI settings give them. None may be blank or hold control
    /// characters.
    pub fn new(
        consumer_key: &str,
        consumer_secret: &str,
        token: &str,
        token_secret: &str,
    ) -> Result<Self, BuildError> {
        for (field, value) in [
            ("oauth_consumer_key", consumer_key),
            ("oauth_consumer_secret", consumer_secret),
            ("oauth_token", token),
            ("oauth_token_secret", token_secret),
        ] {
            validate::not_blank(field, value)?;
            validate::no_control_characters(field, value)?;
        }
        Ok(OAuthCredentials {
            consumer_key: consumer_key.to_owned(),
            consumer_secret: Secret::new(consumer_secret),
            token: token.to_owned(),
            token_secret: Secret::new(token_secret),
        })
    }

    /// The consumer key (public).
    pub fn consumer_key(&self) -> &str {
        &self.consumer_key
    }

    /// The token (public).
    pub fn token(&self) -> &str {
        &self.token
    }

    /// The HMAC key as the helper makes it: the two secrets joined by `&`,
    /// each as it is, not encoded (U5).
    fn key(&self) -> String {
        format!(
            "{}&{}",
            self.consumer_secret.expose(),
            self.token_secret.expose()
        )
    }

    /// Signs a request the way the helper does and returns every parameter
    /// to send: the call's own, the OAuth ones (which win over a call
    /// parameter of the same name, U6), and `oauth_signature`, whose value is
    /// the signature already passed through `urlencode` once, as the helper
    /// sends it (U7). `url` is exactly the URL requested.
    ///
    /// ```
    /// use ucoz_proto::OAuthCredentials;
    /// let credentials = OAuthCredentials::new("ck-1", "cs-1", "tk-1", "ts-1")?;
    /// let params = [("page", "1"), ("per_page", "20"), ("sort", "date"), ("order", "desc"), ("status", "0")]
    ///     .map(|(k, v)| (k.to_owned(), v.to_owned()));
    /// let signed = credentials.sign(
    ///     "GET",
    ///     "https://shop.example.ucoz.ru/uapi/shop/invoices/",
    ///     &params,
    ///     "1700000000",
    ///     "5d41402abc4b2a76b9719d911017c592",
    /// );
    /// let signature = signed.iter().find(|(k, _)| k == "oauth_signature").unwrap();
    /// // The value PHP's hash_hmac and urlencode give for the same input.
    /// assert_eq!(signature.1, "YZ%2B69G0MSCfMVmToz%2BCs4ML0LaE%3D");
    /// # Ok::<(), shop_apis_core::BuildError>(())
    /// ```
    pub fn sign(
        &self,
        method: &str,
        url: &str,
        params: &[(String, String)],
        timestamp: &str,
        nonce: &str,
    ) -> Vec<(String, String)> {
        let signature = self.signature(method, url, params, timestamp, nonce);
        let mut all: Vec<(String, String)> = self
            .sorted_parameters(params, timestamp, nonce)
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
            .collect();
        // Base64 holds no space, so PHP's `urlencode` and `php_encode` agree here.
        all.push(("oauth_signature".to_owned(), php_encode(&signature)));
        all
    }

    /// The signature alone (Base64, not yet URL-encoded) of what [`sign`](Self::sign)
    /// sends: the same base string, fed to HMAC-SHA1 piece by piece as it
    /// is encoded, so that no base string is ever built.
    ///
    /// ```
    /// use ucoz_proto::OAuthCredentials;
    /// let credentials = OAuthCredentials::new("ck-1", "cs-1", "tk-1", "ts-1")?;
    /// let params = [("page", "1"), ("per_page", "20"), ("sort", "date"), ("order", "desc"), ("status", "0")]
    ///     .map(|(k, v)| (k.to_owned(), v.to_owned()));
    /// let url = "https://shop.example.ucoz.ru/uapi/shop/invoices/";
    /// let signature = credentials.signature("GET", url, &params, "1700000000", "5d41402abc4b2a76b9719d911017c592");
    /// assert_eq!(signature, "YZ+69G0MSCfMVmToz+Cs4ML0LaE=");
    /// # Ok::<(), shop_apis_core::BuildError>(())
    /// ```
    pub fn signature(
        &self,
        method: &str,
        url: &str,
        params: &[(String, String)],
        timestamp: &str,
        nonce: &str,
    ) -> String {
        let all = self.sorted_parameters(params, timestamp, nonce);
        // METHOD&urlencode(url)&urlencode(k=urlencode(v)&…), in one buffer.
        let length: usize = all.iter().map(|(k, v)| k.len() + v.len() + 6).sum();
        // Room for the worst case (every byte escaped), so the buffer never grows.
        let mut base = Vec::with_capacity(method.len() + 2 + 3 * url.len() + 5 * length);
        base.extend(method.bytes().map(|b| b.to_ascii_uppercase()));
        base.push(b'&');
        encode_into(&mut base, url.as_bytes(), 1);
        base.push(b'&');
        for (i, (k, v)) in all.iter().enumerate() {
            if i > 0 {
                base.extend_from_slice(b"%26");
            }
            encode_into(&mut base, k.as_bytes(), 2);
            base.extend_from_slice(b"%3D");
            encode_into(&mut base, v.as_bytes(), 2);
        }
        let mut mac = Hmac::<Sha1>::new_from_slice(self.key().as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(&base);
        base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
    }

    /// The call's parameters and the OAuth ones (which win over a call
    /// parameter of the same name, U6), sorted by raw key as PHP's `ksort`.
    fn sorted_parameters<'a>(
        &'a self,
        params: &'a [(String, String)],
        timestamp: &'a str,
        nonce: &'a str,
    ) -> Vec<(&'a str, &'a str)> {
        let oauth = [
            ("oauth_version", "1.0"),
            ("oauth_timestamp", timestamp),
            ("oauth_nonce", nonce),
            ("oauth_signature_method", "HMAC-SHA1"),
            ("oauth_consumer_key", self.consumer_key.as_str()),
            ("oauth_token", self.token.as_str()),
        ];
        let mut all: Vec<(&str, &str)> = Vec::with_capacity(params.len() + oauth.len());
        // `oauth_signature` is OAuth's too: a call parameter of that name
        // would be signed, then sent beside the real signature.
        all.extend(
            params
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .filter(|(k, _)| *k != "oauth_signature" && !oauth.iter().any(|(o, _)| o == k)),
        );
        all.extend(oauth);
        all.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        all
    }
}

/// Appends `text` as [`php_encode`] writes it, `times` times over (1 or 2):
/// a byte outside the unreserved set becomes `%XX`, and encoded again
/// `%25XX`, since the second pass changes only the `%`.
fn encode_into(out: &mut Vec<u8>, text: &[u8], times: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut rest = text;
    loop {
        // Copy the longest run that needs no escape at once.
        let run = rest
            .iter()
            .position(|&byte| !UNRESERVED[usize::from(byte)])
            .unwrap_or(rest.len());
        out.extend_from_slice(&rest[..run]);
        let Some((&byte, tail)) = rest[run..].split_first() else {
            return;
        };
        let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
        if times == 2 {
            out.extend_from_slice(&[b'%', b'2', b'5', high, low]);
        } else {
            out.extend_from_slice(&[b'%', high, low]);
        }
        rest = tail;
    }
}

/// The bytes PHP's `urlencode` leaves as they are (see `PHP_URLENCODE`).
const UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.';
        byte += 1;
    }
    table
};

/// OAuth 1.0a as RFC 5849 defines it, kept for the standard test vectors and
/// to show where uCoz's helper departs from it.
pub mod rfc5849 {
    use super::*;

    /// RFC 3986 percent-encoding (`~` stays).
    ///
    /// ```
    /// assert_eq!(ucoz_proto::oauth::rfc5849::encode("a b~*"), "a%20b~%2A");
    /// ```
    pub fn encode(text: &str) -> String {
        utf8_percent_encode(text, RFC3986).to_string()
    }

    /// The RFC's normalised parameters: each name and value encoded, sorted
    /// by encoded name, then by encoded value.
    pub fn normalized_parameters(params: &[(String, String)]) -> String {
        let mut encoded: Vec<(String, String)> =
            params.iter().map(|(k, v)| (encode(k), encode(v))).collect();
        encoded.sort();
        encoded
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The RFC's signature of a request whose `params` include the OAuth
    /// ones; `url` is the base string URI (scheme and host lower-case, no
    /// default port, no query).
    ///
    /// ```
    /// // OAuth Core 1.0, appendix A.
    /// let params = [
    ///     ("file", "vacation.jpg"), ("size", "original"), ("oauth_consumer_key", "dpf43f3p2l4k3l03"),
    ///     ("oauth_nonce", "kllo9940pd9333jh"), ("oauth_signature_method", "HMAC-SHA1"),
    ///     ("oauth_timestamp", "1191242096"), ("oauth_token", "nnch734d00sl2jdk"), ("oauth_version", "1.0"),
    /// ].map(|(k, v)| (k.to_owned(), v.to_owned()));
    /// let signature = ucoz_proto::oauth::rfc5849::signature(
    ///     "GET", "http://photos.example.net/photos", &params, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00",
    /// );
    /// assert_eq!(signature, "tR3+Ty81lMeYAr/Fid0kMTYa/WM=");
    /// ```
    pub fn signature(
        method: &str,
        url: &str,
        params: &[(String, String)],
        consumer_secret: &str,
        token_secret: &str,
    ) -> String {
        let base = format!(
            "{}&{}&{}",
            method.to_ascii_uppercase(),
            encode(url),
            encode(&normalized_parameters(params))
        );
        let key = format!("{}&{}", encode(consumer_secret), encode(token_secret));
        hmac_sha1(&key, &base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The signer's byte table and `php_encode`'s set say the same of every byte.
    #[test]
    fn unreserved_table_agrees_with_php_urlencode() {
        for byte in 0..=255u8 {
            let kept_by_php_encode =
                byte.is_ascii() && php_encode(&char::from(byte).to_string()).len() == 1;
            assert_eq!(
                UNRESERVED[usize::from(byte)],
                kept_by_php_encode,
                "byte {byte:#04x}"
            );
        }
    }

    /// Encoding twice in one pass is `php_encode` applied twice.
    /// Found by the `oauth_signer` fuzz target: a call parameter named
    /// `oauth_signature` was signed and sent beside the real signature.
    #[test]
    fn a_call_parameter_named_oauth_signature_is_dropped() {
        let credentials = OAuthCredentials::new("ck", "cs", "tk", "ts").unwrap();
        let params = vec![
            ("oauth_signature".to_owned(), "forged".to_owned()),
            ("page".to_owned(), "1".to_owned()),
        ];
        let url = "https://shop.example/uapi/shop/invoices";
        let signed = credentials.sign("GET", url, &params, "1", "n");
        let signatures: Vec<&str> = signed
            .iter()
            .filter(|(k, _)| k == "oauth_signature")
            .map(|(_, v)| v.as_str())
            .collect();
        let without = credentials.signature("GET", url, &params[1..], "1", "n");
        assert_eq!(signatures, [php_encode(&without)]);
    }

    /// The key and the token are public and read back as given; Debug shows
    /// them, and the secrets as `Secret([redacted])`.
    #[test]
    fn the_public_halves_read_back_and_print_and_the_secrets_do_not() {
        let credentials = OAuthCredentials::new("ck-1", "cs-1", "tk-1", "ts-1").unwrap();
        assert_eq!(credentials.consumer_key(), "ck-1");
        assert_eq!(credentials.token(), "tk-1");
        assert_eq!(
            format!("{credentials:?}"),
            "OAuthCredentials { consumer_key: \"ck-1\", consumer_secret: Secret([redacted]), \
             token: \"tk-1\", token_secret: Secret([redacted]) }"
        );
    }

    #[test]
    fn double_encoding_in_one_pass() {
        for text in ["", "a b~*", "Мой consumer_key", "a=1&b=%2F", "-_.AZaz09"] {
            let mut once = Vec::new();
            encode_into(&mut once, text.as_bytes(), 1);
            assert_eq!(String::from_utf8(once).unwrap(), php_encode(text));
            let mut twice = Vec::new();
            encode_into(&mut twice, text.as_bytes(), 2);
            assert_eq!(
                String::from_utf8(twice).unwrap(),
                php_encode(&php_encode(text))
            );
        }
    }
}
