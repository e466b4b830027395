use core::net::IpAddr;
use std::fmt;

use http::Uri;
use http::uri::{Authority, Scheme};

use crate::error::{BuildError, BuildErrorKind};

const FIELD: &str = "base_url";

/// Where an API lives: a scheme, a host and an optional path prefix.
///
/// The three APIs put credentials in the body (Qnits), a header (SapLab) or a
/// signature (uCoz), so a URL with plain `http` would send them readable by
/// anyone on the way. [`parse`](BaseUrl::parse) therefore takes `https`, and
/// `http` only for loopback hosts, where nothing leaves the machine;
/// [`parse_allowing_plain_http`](BaseUrl::parse_allowing_plain_http) is the
/// explicit opt-in for anything else. Credentials in the URL itself
/// (`http://login:password@host`, as in SapLab's curl examples) are refused.
///
/// A shop on a Cyrillic domain is given as it is written: the host is
/// converted to its ASCII form (IDNA, `магазин.рф` → `xn--80aairftm.xn--p1ai`) by
/// the `url` crate, which follows the WHATWG URL standard, and other
/// non-ASCII characters of the path are percent-encoded. The base is kept,
/// shown and sent in that ASCII form.
///
/// ```
/// use shop_apis_core::{BaseUrl, BuildErrorKind};
///
/// let shop = BaseUrl::parse("https://shop.example/").unwrap();
/// assert_eq!(shop.join("/panel/manager").unwrap(), "https://shop.example/panel/manager");
///
/// let local = BaseUrl::parse("http://127.0.0.1:8080").unwrap();
/// assert!(local.is_plain_http());
///
/// let error = BaseUrl::parse("http://api.qnits.ru").unwrap_err();
/// assert_eq!(error.kind(), &BuildErrorKind::PlainHttp);
/// assert!(BaseUrl::parse_allowing_plain_http("http://api.qnits.ru").is_ok());
///
/// let cyrillic = BaseUrl::parse("https://магазин.рф/uapi").unwrap();
/// assert_eq!(cyrillic.to_string(), "https://xn--80aairftm.xn--p1ai/uapi");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    scheme: Scheme,
    authority: Authority,
    /// Without a trailing slash; empty for the host's root.
    prefix: String,
}

impl BaseUrl {
    /// An `https` URL, or an `http` one whose host is loopback.
    pub fn parse(text: &str) -> Result<Self, BuildError> {
        Self::parse_with(text, false)
    }

    /// Like [`parse`](BaseUrl::parse), but also accepts plain `http` to any host:
    /// credentials will travel unencrypted.
    pub fn parse_allowing_plain_http(text: &str) -> Result<Self, BuildError> {
        Self::parse_with(text, true)
    }

    fn parse_with(text: &str, allow_plain_http: bool) -> Result<Self, BuildError> {
        let invalid = |why: &str| BuildError::new(FIELD, BuildErrorKind::InvalidUrl(why.into()));
        let ascii;
        let text = if text.is_ascii() {
            text
        } else {
            // IDNA for the host, percent-encoding for the rest: the `url`
            // crate's WHATWG parser, never a hand-made conversion. That
            // parser silently drops tabs and line breaks, trims spaces and
            // reads `\` as `/`; what the ASCII path refuses is refused here.
            if let Some(odd) = text
                .chars()
                .find(|c| c.is_control() || c.is_whitespace() || *c == '\\')
            {
                return Err(invalid(&format!("{odd:?} cannot be in a URL")));
            }
            ascii = url::Url::parse(text).map_err(|e| invalid(&e.to_string()))?;
            ascii.as_str()
        };
        let uri: Uri = text
            .parse()
            .map_err(|e: http::uri::InvalidUri| invalid(&e.to_string()))?;
        let scheme = uri.scheme().cloned().ok_or_else(|| invalid("no scheme"))?;
        let authority = uri.authority().cloned().ok_or_else(|| invalid("no host"))?;
        if authority.as_str().contains('@') {
            return Err(invalid(
                "credentials in the URL would be logged and cached; give them separately",
            ));
        }
        if authority.host().is_empty() {
            return Err(invalid("no host"));
        }
        if scheme == Scheme::HTTP {
            if !allow_plain_http && !is_loopback(authority.host()) {
                return Err(BuildError::new(FIELD, BuildErrorKind::PlainHttp));
            }
        } else if scheme != Scheme::HTTPS {
            return Err(invalid("the scheme must be https or http"));
        }
        if uri.query().is_some() {
            return Err(invalid("a base URL takes no query"));
        }
        Ok(BaseUrl {
            scheme,
            authority,
            prefix: uri.path().trim_end_matches('/').to_owned(),
        })
    }

    /// Whether requests go unencrypted.
    pub fn is_plain_http(&self) -> bool {
        self.scheme == Scheme::HTTP
    }

    /// The host and port.
    pub fn authority(&self) -> &Authority {
        &self.authority
    }

    /// The longest URL [`join`](BaseUrl::join) builds, in bytes: Apache and
    /// nginx refuse request lines of about 8 KiB by default, so a longer one
    /// (a huge filter value, thousands of ids) is a build error, not a 414.
    pub const MAX_URL_BYTES: usize = 8000;

    /// The URL of `path_and_query` below this base; it must start with `/`.
    pub fn join(&self, path_and_query: &str) -> Result<Uri, BuildError> {
        debug_assert!(path_and_query.starts_with('/'));
        let length = self.to_string().len() + path_and_query.len();
        if length > Self::MAX_URL_BYTES {
            return Err(BuildError::new(
                "path",
                BuildErrorKind::OutOfRange(format!(
                    "the URL would be {length} bytes, above the {} servers accept",
                    Self::MAX_URL_BYTES
                )),
            ));
        }
        Uri::builder()
            .scheme(self.scheme.clone())
            .authority(self.authority.clone())
            .path_and_query(format!("{}{}", self.prefix, path_and_query))
            .build()
            .map_err(|e| BuildError::new("path", BuildErrorKind::InvalidUrl(e.to_string())))
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.authority, self.prefix)
    }
}

fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts_may_use_plain_http() {
        for url in [
            "http://localhost:1",
            "http://127.0.0.2/",
            "http://[::1]:9/x",
        ] {
            assert!(BaseUrl::parse(url).is_ok(), "{url}");
        }
    }

    #[test]
    fn refuses_what_cannot_be_a_base() {
        for url in [
            "ftp://host",
            "https://user:pw@host",
            "https://host/?a=1",
            "/relative",
            "https://пример .рф",
            "https://магазин.рф/\tapi",
            "https://магазин.рф/a\nb",
            " https://магазин.рф",
            "https://магазин.рф\\api",
            "https://магазин.рф/\u{a0}",
        ] {
            assert!(BaseUrl::parse(url).is_err(), "{url}");
        }
    }

    /// A Cyrillic host is converted once, by IDNA, to the form DNS and TLS
    /// know; the ASCII form and the Unicode one are the same base.
    #[test]
    fn a_unicode_host_is_converted_by_idna() {
        let base = BaseUrl::parse("https://Магазин.РФ:8443/панель/").unwrap();
        assert_eq!(base.authority().host(), "xn--80aairftm.xn--p1ai");
        assert_eq!(base.authority().port_u16(), Some(8443));
        assert_eq!(
            base.join("/api").unwrap(),
            "https://xn--80aairftm.xn--p1ai:8443/%D0%BF%D0%B0%D0%BD%D0%B5%D0%BB%D1%8C/api"
        );
        assert_eq!(
            BaseUrl::parse("https://магазин.рф").unwrap(),
            BaseUrl::parse("https://xn--80aairftm.xn--p1ai").unwrap()
        );
        let plain = BaseUrl::parse("http://магазин.рф").unwrap_err();
        assert_eq!(plain.kind(), &BuildErrorKind::PlainHttp);
    }

    #[test]
    fn a_url_beyond_what_servers_accept_is_refused() {
        let base = BaseUrl::parse("https://h.example").unwrap();
        let room = BaseUrl::MAX_URL_BYTES - "https://h.example/".len();
        assert!(base.join(&format!("/{}", "a".repeat(room))).is_ok());
        let error = base
            .join(&format!("/{}", "a".repeat(room + 1)))
            .unwrap_err();
        assert!(
            matches!(error.kind(), BuildErrorKind::OutOfRange(_)),
            "{error}"
        );
    }

    #[test]
    fn prefix_is_kept_and_slashes_are_not_doubled() {
        let base = BaseUrl::parse("https://h.example/shop/").unwrap();
        assert_eq!(base.join("/api").unwrap(), "https://h.example/shop/api");
        assert_eq!(base.to_string(), "https://h.example/shop");
    }
}
