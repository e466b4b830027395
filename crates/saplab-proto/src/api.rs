use base64::Engine;
use http::{HeaderValue, Method, Request, header};
use shop_apis_core::encode::Form;
use shop_apis_core::{Api, BaseUrl, BuildError, BuildErrorKind, Secret, validate};

/// A shop employee's login and password, sent with every request as HTTP
/// Basic authentication. The employee's permissions in the panel apply.
///
/// The login may not contain `:` (Basic authentication could not tell where
/// it ends) and neither may hold control characters; the password is kept in
/// a [`Secret`] and shows as `[redacted]`.
///
/// ```
/// use saplab_proto::Credentials;
/// let credentials = Credentials::new("manager@shop.example", "s3cret")?;
/// assert_eq!(credentials.login(), "manager@shop.example");
/// assert!(!format!("{credentials:?}").contains("s3cret"));
/// assert!(Credentials::new("a:b", "x").is_err());
/// assert!(Credentials::new("manager", "").is_err());
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Credentials {
    login: String,
    password: Secret,
}

impl Credentials {
    /// Checks and keeps the login and the password.
    pub fn new(login: &str, password: &str) -> Result<Self, BuildError> {
        validate::not_blank("login", login)?;
        validate::no_control_characters("login", login)?;
        if let Some(position) = login.chars().position(|c| c == ':') {
            return Err(BuildError::new(
                "login",
                BuildErrorKind::InvalidCharacter {
                    found: ':',
                    position,
                    looks_like: None,
                    allowed: "anything but ':' and control characters",
                },
            ));
        }
        if password.is_empty() {
            return Err(BuildError::new("password", BuildErrorKind::Empty));
        }
        validate::no_control_characters("password", password)?;
        Ok(Credentials {
            login: login.to_owned(),
            password: Secret::new(password),
        })
    }

    /// The employee's login.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// The `Authorization` header's value, marked sensitive.
    fn authorization(&self) -> HeaderValue {
        let pair = format!("{}:{}", self.login, self.password.expose());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
        let mut value = HeaderValue::try_from(format!("Basic {encoded}"))
            .expect("base64 is a valid header value");
        value.set_sensitive(true);
        value
    }
}

/// A shop's panel and the employee who calls it: the [`Api`] every SapLab
/// endpoint is built against.
///
/// The shop's own address is the base (the document writes `адрес_магазина`);
/// paths start with `/panel/`. Credentials go in the `Authorization` header,
/// never in the URL as the document's `curl http://login:password@shop`
/// examples do (S1 in `docs/quirks.md`).
///
/// ```
/// use shop_apis_core::BaseUrl;
/// use saplab_proto::{Credentials, SapLab};
/// let shop = SapLab::new(BaseUrl::parse("https://shop.example")?, Credentials::new("manager", "s3cret")?);
/// assert_eq!(shop.base_url().to_string(), "https://shop.example");
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct SapLab {
    base: BaseUrl,
    credentials: Credentials,
}

impl SapLab {
    /// The panel of the shop at `base`, called as the employee `credentials`.
    pub fn new(base: BaseUrl, credentials: Credentials) -> Self {
        SapLab { base, credentials }
    }

    /// Where requests go.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// Who calls.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// A GET of `path` (already encoded), authenticated.
    pub(crate) fn get(&self, path: &str) -> Result<Request<Vec<u8>>, BuildError> {
        self.request(Method::GET, path, Vec::new(), None)
    }

    /// A POST of `form` to `path` (already encoded), authenticated.
    pub(crate) fn post(&self, path: &str, form: &Form) -> Result<Request<Vec<u8>>, BuildError> {
        self.request(Method::POST, path, form.encode(), Some(Form::CONTENT_TYPE))
    }

    fn request(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        content_type: Option<&'static str>,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let mut request = Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = self.base.join(path)?;
        let headers = request.headers_mut();
        headers.insert(header::AUTHORIZATION, self.credentials.authorization());
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if let Some(content_type) = content_type {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        Ok(request)
    }
}

impl Api for SapLab {
    const NAME: &'static str = "saplab";
}
