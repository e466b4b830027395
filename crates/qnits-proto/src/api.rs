use shop_apis_core::{Api, BaseUrl, BuildError, BuildErrorKind, Secret, validate};

shop_apis_core::id_type! {
    /// The storefront's number in Qnits (`qnit_id`), shown with the token in
    /// the manager panel's API settings.
    pub struct QnitId(u64);
}

/// The pair that authenticates every request: `qnit_id` and `token`.
///
/// Both travel inside the JSON body. The token is kept in a [`Secret`], so it
/// shows as `[redacted]` in every `Debug` and `Display`.
///
/// A token that is empty, holds whitespace, or holds anything but printable
/// ASCII is refused with the character and its position: the Qnits document's
/// own example token has a Cyrillic `с` among its hex digits, and a token
/// pasted from it must fail here rather than at the server.
///
/// ```
/// use qnits_proto::Credentials;
///
/// let credentials = Credentials::new(1, "541c4a59bdad87039c7ae8df6af14785").unwrap();
/// assert_eq!(format!("{credentials:?}"), "Credentials { qnit_id: QnitId(1), token: Secret([redacted]) }");
///
/// let pasted = Credentials::new(1, "14785сaf7526").unwrap_err(); // Cyrillic с
/// assert!(pasted.to_string().contains("'с' (U+0441) at position 5, which looks like the Latin 'c'"));
/// assert!(Credentials::new(0, "abc").is_err());
/// ```
#[derive(Debug, Clone)]
pub struct Credentials {
    qnit_id: QnitId,
    token: Secret,
}

impl Credentials {
    /// Checks and keeps the storefront's `qnit_id` and `token`.
    pub fn new(qnit_id: u64, token: &str) -> Result<Self, BuildError> {
        if qnit_id == 0 {
            return Err(BuildError::new("qnit_id", BuildErrorKind::Zero));
        }
        validate::printable_ascii("token", token)?;
        Ok(Credentials {
            qnit_id: QnitId::new(qnit_id),
            token: Secret::new(token),
        })
    }

    /// The storefront's number.
    pub fn qnit_id(&self) -> QnitId {
        self.qnit_id
    }

    pub(crate) fn token(&self) -> &Secret {
        &self.token
    }
}

/// Where the Qnits API is, and the credentials to use: the [`Api`] that
/// [`CreateOrder`](crate::CreateOrder) is built against.
///
/// The document names two places, `http://api.qnits.ru/api` and
/// `http://<partner's domain>/api`, both plain http. Since the token travels in
/// the body, [`Qnits::public`] uses `https://api.qnits.ru`, and a partner
/// domain comes as a [`BaseUrl`], which takes plain http only through
/// [`BaseUrl::parse_allowing_plain_http`] (or for loopback hosts). The `/api`
/// path is added by the endpoint: give the base without it.
///
/// ```
/// use shop_apis_core::BaseUrl;
/// use qnits_proto::{Credentials, Qnits};
///
/// let credentials = Credentials::new(7, "token")?;
/// assert_eq!(Qnits::public(credentials.clone()).base_url().to_string(), "https://api.qnits.ru");
///
/// let partner = BaseUrl::parse_allowing_plain_http("http://shop.example")?;
/// let qnits = Qnits::new(partner, credentials);
/// assert!(qnits.base_url().is_plain_http());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Qnits {
    base: BaseUrl,
    credentials: Credentials,
}

impl Qnits {
    /// The public host, over https.
    pub const PUBLIC_BASE_URL: &'static str = "https://api.qnits.ru";

    /// The API at `base` (the public host or a partner's domain, without `/api`).
    pub fn new(base: BaseUrl, credentials: Credentials) -> Self {
        Qnits { base, credentials }
    }

    /// The API at the public host, [`Qnits::PUBLIC_BASE_URL`].
    pub fn public(credentials: Credentials) -> Self {
        let base = BaseUrl::parse(Self::PUBLIC_BASE_URL).expect("the public base URL is valid");
        Qnits::new(base, credentials)
    }

    /// Where requests go.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// The credentials requests carry.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }
}

impl Api for Qnits {
    const NAME: &'static str = "qnits";
}
