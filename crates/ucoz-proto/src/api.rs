use http::{HeaderValue, Method, Request, header};
use shop_apis_core::{Api, BaseUrl, BuildError, BuildErrorKind, Secret, Stamp, validate};

use crate::multipart::FormData;
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
    /// # Ok::<(), shop_apis_core::BuildError>(())
    /// ```
    pub fn bearer(token: &str) -> Result<Auth, BuildError> {
        validate::printable_ascii("bearer_token", token)?;
        Ok(Auth::Bearer(Secret::new(token)))
    }
}

/// How POST and PUT carry their parameters (U7). GET and DELETE always carry
/// them in the query.
///
/// Both forms are signed alike, over the same base string; the server reads
/// the same fields from either, `oauth_signature` once URL-encoded.
///
/// ```
/// use ucoz_proto::BodyForm;
/// assert_eq!(BodyForm::default(), BodyForm::UrlEncoded);
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum BodyForm {
    /// `application/x-www-form-urlencoded; charset=UTF-8`, encoded as the
    /// helper's query (U3), so the signature is encoded twice on the wire;
    /// to `…/path//`. What the helper's v1.0 and its ports send; the default.
    #[default]
    UrlEncoded,
    /// `multipart/form-data`, exactly as helper v2.3 has cURL send its array:
    /// one part per parameter, raw, in `ksort` order, the OAuth parameters
    /// among them and `oauth_signature` (once URL-encoded) last; POST to
    /// `…/path//?`, PUT to `…/path//`. See [`multipart`](crate::multipart).
    Multipart,
}

/// A uCoz site's uAPI and how to authenticate to it: the [`Api`] every uCoz
/// endpoint is built against.
///
/// The base is the site's address with `/uapi` (`https://yoursite.ucoz.ru/uapi`);
/// endpoint paths such as `/shop/checkout/` go below it, lower-cased, with one
/// more `/` for POST, PUT and DELETE as uCoz's helper sends them (U1, U2).
/// POST and PUT bodies are url-encoded unless [`body_form`](Ucoz::body_form)
/// says otherwise (U7).
///
/// ```
/// use shop_apis_core::BaseUrl;
/// use ucoz_proto::{Auth, OAuthCredentials, Ucoz};
/// let site = Ucoz::new(
///     BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?,
///     Auth::OAuth1(OAuthCredentials::new("ck", "cs", "tk", "ts")?),
/// );
/// assert_eq!(site.base_url().to_string(), "https://yoursite.ucoz.ru/uapi");
/// # Ok::<(), shop_apis_core::BuildError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Ucoz {
    base: BaseUrl,
    auth: Auth,
    form: BodyForm,
}

impl Ucoz {
    /// The uAPI at `base` (the site's address and `/uapi`), authenticated by `auth`.
    pub fn new(base: BaseUrl, auth: Auth) -> Self {
        Ucoz {
            base,
            auth,
            form: BodyForm::default(),
        }
    }

    /// POST and PUT bodies in `form` ([`BodyForm::UrlEncoded`] unless set).
    ///
    /// ```
    /// use shop_apis_core::{BaseUrl, Endpoint, Stamp};
    /// use ucoz_proto::{Auth, BodyForm, OAuthCredentials, RecordId, RecalcCheckout, Ucoz};
    /// let site = Ucoz::new(
    ///     BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?,
    ///     Auth::OAuth1(OAuthCredentials::new("ck", "cs", "tk", "ts")?),
    /// )
    /// .body_form(BodyForm::Multipart);
    /// assert_eq!(site.form(), BodyForm::Multipart);
    /// let recalc = RecalcCheckout::default().count(RecordId::new(6), 2);
    /// let request = recalc.request(&site, &Stamp::new(1_700_000_000, "n1"))?;
    /// assert_eq!(request.uri(), "https://yoursite.ucoz.ru/uapi/shop/checkout//");
    /// let content_type = request.headers()["content-type"].to_str()?;
    /// assert!(content_type.starts_with("multipart/form-data; boundary=------------------------"));
    /// let body = String::from_utf8(request.body().clone())?;
    /// assert!(body.contains("Content-Disposition: form-data; name=\"cnt_6\"\r\n\r\n2\r\n"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn body_form(mut self, form: BodyForm) -> Self {
        self.form = form;
        self
    }

    /// How POST and PUT bodies are sent.
    ///
    /// ```
    /// use shop_apis_core::BaseUrl;
    /// use ucoz_proto::{Auth, BodyForm, Ucoz};
    /// let site = Ucoz::new(BaseUrl::parse("https://yoursite.ucoz.ru/uapi")?, Auth::bearer("t")?);
    /// assert_eq!(site.form(), BodyForm::UrlEncoded);
    /// # Ok::<(), shop_apis_core::BuildError>(())
    /// ```
    pub fn form(&self) -> BodyForm {
        self.form
    }

    /// Where requests go.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base
    }

    /// How requests authenticate.
    pub fn auth(&self) -> &Auth {
        &self.auth
    }

    /// The request for `method` on `path` with `params`, signed at `stamp`
    /// and carried in one step: GET and DELETE carry them in the query, POST
    /// and PUT in a body of the chosen form, each encoded as the helper
    /// encodes (U3, U7). OAuth 1.0a signs exactly the URL requested and these
    /// parameters (U4); Bearer adds its header and leaves the stamp unused.
    pub(crate) fn request(
        &self,
        method: Method,
        path: &str,
        params: Vec<(String, String)>,
        stamp: &Stamp,
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
        match &self.auth {
            Auth::Bearer(token) => {
                // Nothing of a Bearer request depends on the time: its
                // multipart boundary is the empty stamp's, at every attempt.
                self.carry(&mut request, &path, &params, &Stamp::new(0, ""))?;
                let mut value = HeaderValue::try_from(format!("Bearer {}", token.expose()))
                    .map_err(|_| {
                        BuildError::new(
                            "bearer_token",
                            BuildErrorKind::Invalid("not a header value".into()),
                        )
                    })?;
                value.set_sensitive(true);
                request.headers_mut().insert(header::AUTHORIZATION, value);
            }
            Auth::OAuth1(credentials) => {
                // Exactly the URL requested, without its query (U4).
                let url = self.base.join(&path)?.to_string();
                let signed = credentials.sign(
                    request.method().as_str(),
                    &url,
                    &params,
                    &stamp.unix_seconds().to_string(),
                    stamp.nonce(),
                );
                self.carry(&mut request, &path, &signed, stamp)?;
            }
        }
        Ok(request)
    }

    /// Sets `request`'s URI, and its body for POST and PUT, to carry
    /// `params`; a multipart body's boundary comes from `stamp`.
    fn carry(
        &self,
        request: &mut Request<Vec<u8>>,
        path: &str,
        params: &[(String, String)],
        stamp: &Stamp,
    ) -> Result<(), BuildError> {
        let in_body = matches!(*request.method(), Method::POST | Method::PUT);
        if in_body && self.form == BodyForm::Multipart {
            // The helper's array: ksorted, the signature appended last.
            let mut fields = params.to_vec();
            fields.sort_by(|a, b| {
                let last = |k: &str| k == "oauth_signature";
                (last(&a.0), a.0.as_bytes()).cmp(&(last(&b.0), b.0.as_bytes()))
            });
            let form = FormData::encode(&fields, stamp)?;
            // Helper 2.3 requests the POST URL with an empty query (`//?`),
            // signed without it (U4); PUT goes to the signed URL itself.
            *request.uri_mut() = match *request.method() {
                Method::POST => self.base.join(&format!("{path}?"))?,
                _ => self.base.join(path)?,
            };
            let content_type = HeaderValue::try_from(form.content_type()).map_err(|_| {
                BuildError::new("body", BuildErrorKind::Invalid("not a header value".into()))
            })?;
            request
                .headers_mut()
                .insert(header::CONTENT_TYPE, content_type);
            *request.body_mut() = form.into_body();
            return Ok(());
        }
        let encoded = parameter_string(params);
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
}
