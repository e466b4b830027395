use http::{HeaderValue, Method, Request, header};
use proto_core::{Api, BaseUrl, BuildError, BuildErrorKind, Secret, Stamp, validate};

use crate::oauth::{OAuthCredentials, parameter_string};

/// How requests prove who sends them: OAuth 1.0a, as the document and uCoz's
/// helper do, or a Bearer token, which uCoz now recommends.
#[derive(Debug, Clone)]
pub enum Auth {
    /// OAuth 1.0a HMAC-SHA1, signed per request with the adapter's time and nonce.
    OAuth1(OAuthCredentials),
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
}

impl Auth {
    /// A Bearer token; not blank, no whitespace or control characters.
    ///
    /// ```
    /// use ucoz_proto::Auth;
    /// let auth = Auth::bearer("eyJhbGciOi.payload.sig")?;
    /// assert!(!format!("{auth:?}").contains("payload"));
    /// assert!(Auth::bearer("two words").is_err());
    /// # Ok::<(), proto_core::BuildError>(())
    /// ```
    pub fn bearer(token: &str) -> Result<Auth, BuildError> {
        validate::printable_ascii("bearer_token", token)?;
        Ok(Auth::Bearer(Secret::new(token)))
    }
}

/// A uCoz site's uAPI and how to authenticate to it: the [`Api`] every uCoz
/// endpoint is built against.
///
/// The base is the site's address with `/uapi` (`https://yoursite.ucoz.ru/uapi`);
/// endpoint paths such as `/shop/checkout/` go below it, lower-cased, with one
/// more `/` for POST, PUT and DELETE as uCoz's helper sends them (U1, U2).
///
/// ```
/// use proto_core::BaseUrl;
/// use ucoz_proto::{Auth, OAuthCredentials, Ucoz};
/// let site = Ucoz::new(
///     BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?,
///     Auth::OAuth1(OAuthCredentials::new("ck", "cs", "tk", "ts")?),
/// );
/// assert_eq!(site.base_url().to_string(), "https://yoursite.ucoz.ru/uapi");
/// # Ok::<(), proto_core::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Ucoz {
    base: BaseUrl,
    auth: Auth,
}

/// What a built request is made of, kept on it so that
/// [`Ucoz::authorize`](Api::authorize) can sign exactly what is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Call {
    /// The path below the base, as requested (lower-cased, U1; with the
    /// extra `/` of POST, PUT and DELETE, U2).
    path: String,
    /// The call's own parameters.
    params: Vec<(String, String)>,
}

impl Ucoz {
    /// The uAPI at `base` (the site's address and `/uapi`), authenticated by `auth`.
    pub fn new(base: BaseUrl, auth: Auth) -> Self {
        Ucoz { base, auth }
    }

    /// Where requests go.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// How requests authenticate.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The request for `method` on `path` with `params`, unsigned: GET and
    /// DELETE carry them in the query, POST and PUT in a form body, each
    /// encoded as the helper encodes (U3).
    pub(crate) fn request(
        &self,
        method: Method,
        path: &str,
        params: Vec<(String, String)>,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        let mut path = path.to_lowercase();
        if matches!(method, Method::POST | Method::PUT | Method::DELETE) {
            path.push('/');
        }
        // Parameters of a GET or DELETE travel in the URL: no control
        // characters there (a form body may carry line breaks).
        if matches!(method, Method::GET | Method::DELETE) {
            for (key, value) in &params {
                validate::no_control_characters(key.clone(), value)?;
            }
        }
        let mut request = Request::new(Vec::new());
        *request.method_mut() = method;
        self.carry(&mut request, &path, &params)?;
        request.extensions_mut().insert(Call { path, params });
        Ok(request)
    }

    /// Sets `request`'s URI, and its body for POST and PUT, to carry `params`.
    fn carry(
        &self,
        request: &mut Request<Vec<u8>>,
        path: &str,
        params: &[(String, String)],
    ) -> Result<(), BuildError> {
        let encoded = parameter_string(params);
        let in_body = matches!(*request.method(), Method::POST | Method::PUT);
        *request.uri_mut() = if in_body || encoded.is_empty() {
            self.base.join(path)?
        } else {
            self.base.join(&format!("{path}?{encoded}"))?
        };
        if in_body {
            *request.body_mut() = encoded.into_bytes();
            request.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded; charset=UTF-8"),
            );
        }
        Ok(())
    }
}

impl Api for Ucoz {
    const NAME: &'static str = "ucoz";

    /// Signs with OAuth 1.0a (the time and nonce from `stamp`) over exactly
    /// the URL requested, or adds the Bearer header.
    fn authorize(&self, request: &mut Request<Vec<u8>>, stamp: &Stamp) -> Result<(), BuildError> {
        match &self.auth {
            Auth::Bearer(token) => {
                let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose()))
                    .map_err(|_| {
                        BuildError::new(
                            "bearer_token",
                            BuildErrorKind::Invalid("not a header value".into()),
                        )
                    })?;
                value.set_sensitive(true);
                request.headers_mut().insert(header::AUTHORIZATION, value);
                Ok(())
            }
            Auth::OAuth1(credentials) => {
                let Some(call) = request.extensions().get::<Call>().cloned() else {
                    return Err(BuildError::new(
                        "request",
                        BuildErrorKind::Invalid(
                            "not built by a ucoz-proto endpoint: nothing to sign".into(),
                        ),
                    ));
                };
                // Exactly the URL requested, without its query (U4).
                let url = self.base.join(&call.path)?.to_string();
                let signed = credentials.sign(
                    request.method().as_str(),
                    &url,
                    &call.params,
                    &stamp.unix_seconds().to_string(),
                    stamp.nonce(),
                );
                self.carry(request, &call.path, &signed)
            }
        }
    }
}
