use std::borrow::Cow;
use std::fmt;

use http::StatusCode;

use crate::excerpt::{BodyExcerpt, shorten};

/// A request that was not built because its input would be refused.
///
/// `field` names the offending input the way the API's documents do
/// (`params.products[1].quantity`); [`kind`](BuildError::kind) says what is wrong.
///
/// ```
/// use shop_apis_core::{BuildError, BuildErrorKind};
/// let error = BuildError::new("params.name", BuildErrorKind::Blank);
/// assert_eq!(error.field(), "params.name");
/// assert_eq!(error.to_string(), "params.name: is blank (only whitespace)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {kind}")]
pub struct BuildError {
    field: Cow<'static, str>,
    kind: BuildErrorKind,
}

impl BuildError {
    /// An error about the input named `field`.
    pub fn new(field: impl Into<Cow<'static, str>>, kind: BuildErrorKind) -> Self {
        BuildError {
            field: field.into(),
            kind,
        }
    }

    /// Which input is wrong, as the API's documents name it.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong with it.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }
}

/// What is wrong with an input; see [`BuildError`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// Required, but empty (or a list with no items).
    #[error("is empty")]
    Empty,
    /// Required, but only whitespace.
    #[error("is blank (only whitespace)")]
    Blank,
    /// Must be greater than zero.
    #[error("must not be zero")]
    Zero,
    /// Must not be below zero.
    #[error("must not be negative")]
    Negative,
    /// Outside the range the API accepts.
    #[error("is out of range: {0}")]
    OutOfRange(String),
    /// Holds a character the API (or the place the value goes, such as a header
    /// or a path) cannot take.
    #[error("{}", describe_character(*.found, *.position, *.looks_like, .allowed))]
    InvalidCharacter {
        /// The character found.
        found: char,
        /// Its position, counted in characters from 0.
        position: usize,
        /// The ASCII character it is easily mistaken for, if any (a Cyrillic `с` for a Latin `c`).
        looks_like: Option<char>,
        /// What is allowed instead.
        allowed: &'static str,
    },
    /// Not a usable URL.
    #[error("is not a usable URL: {0}")]
    InvalidUrl(String),
    /// A plain `http` URL where a secret would travel unencrypted, without the
    /// explicit opt-in.
    #[error(
        "uses plain http, which would send credentials unencrypted; use https, or opt in explicitly"
    )]
    PlainHttp,
    /// Any other reason, said in words.
    #[error("{0}")]
    Invalid(String),
}

fn describe_character(
    found: char,
    position: usize,
    looks_like: Option<char>,
    allowed: &str,
) -> String {
    let shown = if found.is_control() || found.is_whitespace() {
        format!("{found:?}")
    } else {
        format!("'{found}'")
    };
    let mut text = format!(
        "contains {shown} (U+{:04X}) at position {position}",
        found as u32
    );
    if let Some(ascii) = looks_like {
        text.push_str(&format!(
            ", which looks like the Latin '{ascii}' but is not ASCII"
        ));
    }
    text.push_str(&format!("; only {allowed} is allowed"));
    text
}

/// One item of an API's own list of errors, kept as the server sent it.
///
/// The documents describe these lists loosely ("an array of errors in JSON
/// format"), so an item may be a plain message or an object of fields.
///
/// ```
/// use shop_apis_core::ApiErrorDetail;
/// let item: ApiErrorDetail = serde_json::from_str(r#""phone is required""#).unwrap();
/// assert_eq!(item, ApiErrorDetail::Text("phone is required".into()));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ApiErrorDetail {
    /// A message.
    Text(String),
    /// An object, such as `{"field": "phone", "message": "…"}`.
    Object(serde_json::Map<String, serde_json::Value>),
    /// Anything else (a number, a list, `null`).
    Other(serde_json::Value),
}

impl<'de> serde::Deserialize<'de> for ApiErrorDetail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => ApiErrorDetail::Text(text),
            serde_json::Value::Object(fields) => ApiErrorDetail::Object(fields),
            other => ApiErrorDetail::Other(other),
        })
    }
}

impl fmt::Display for ApiErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiErrorDetail::Text(text) => f.write_str(text),
            ApiErrorDetail::Object(fields) => {
                write!(f, "{}", serde_json::Value::Object(fields.clone()))
            }
            ApiErrorDetail::Other(value) => write!(f, "{value}"),
        }
    }
}

/// The service understood the request and said no, in its own words.
///
/// ```
/// use shop_apis_core::{ApiError, ApiErrorDetail};
/// use http::StatusCode;
/// let error = ApiError::new(StatusCode::BAD_REQUEST)
///     .with_code("ERROR")
///     .with_details(vec![ApiErrorDetail::Text("phone is required".into())]);
/// assert_eq!(error.to_string(), "HTTP 400, ERROR: phone is required");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.describe())]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// The API's own status or error code (`"ERROR"`, `"error"`), if it sent one.
    pub code: Option<String>,
    /// The API's message, if it sent one as a single text.
    pub message: Option<String>,
    /// The API's list of errors, each kept as sent.
    pub details: Vec<ApiErrorDetail>,
    /// Messages about single input fields (`email`: "must be unique"),
    /// sorted by field name.
    pub fields: Vec<FieldError>,
    /// What the refusal is about, read from the API's words by the protocol
    /// crate; [`RefusalKind::Other`] for words the documents do not show.
    pub kind: RefusalKind,
}

/// What a refusal is about, so that a program can act on it without
/// matching the API's words; the words stay in [`ApiError::message`].
///
/// Open: a refusal in words the documents do not show is
/// [`Other`](RefusalKind::Other), and new kinds may be added.
///
/// ```
/// use shop_apis_core::{ApiError, RefusalKind};
/// let error = ApiError::new(http::StatusCode::OK)
///     .with_message("Статус используется в настройках магазина.")
///     .with_kind(RefusalKind::InUse);
/// assert!(matches!(error.kind, RefusalKind::InUse));
/// assert_eq!(RefusalKind::InUse.to_string(), "in use");
/// assert_eq!(ApiError::new(http::StatusCode::OK).kind, RefusalKind::Other);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RefusalKind {
    /// What the request names does not exist, or is not in the state the
    /// action starts from (no archived position of that id to bring back).
    NotFound,
    /// It is in use (in the shop's settings) and cannot be removed.
    InUse,
    /// The client's account holds too little.
    InsufficientFunds {
        /// What the API says must be added first, when it says.
        top_up: Option<rust_decimal::Decimal>,
    },
    /// A parameter the API needs is missing or names nothing it knows.
    NotEnoughParameters,
    /// The positions could not be archived; the API does not say why (one
    /// already archived, or none of that id).
    CouldNotArchive,
    /// Words the documents do not show: read [`ApiError::message`].
    #[default]
    Other,
}

impl fmt::Display for RefusalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RefusalKind::NotFound => f.write_str("not found"),
            RefusalKind::InUse => f.write_str("in use"),
            RefusalKind::InsufficientFunds {
                top_up: Some(top_up),
            } => {
                write!(f, "insufficient funds (top up by {top_up})")
            }
            RefusalKind::InsufficientFunds { top_up: None } => f.write_str("insufficient funds"),
            RefusalKind::NotEnoughParameters => f.write_str("not enough parameters"),
            RefusalKind::CouldNotArchive => f.write_str("could not archive"),
            RefusalKind::Other => f.write_str("other"),
        }
    }
}

/// The server's message about one input field.
///
/// ```
/// use shop_apis_core::{ApiError, FieldError};
/// let error = ApiError::new(http::StatusCode::OK)
///     .with_fields(vec![FieldError::new("email", "Поле Email должно быть уникальным.")]);
/// assert_eq!(error.fields[0].field, "email");
/// assert_eq!(error.to_string(), "HTTP 200: email: Поле Email должно быть уникальным.");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldError {
    /// The field, as the API names it.
    pub field: String,
    /// What is wrong with it, in the API's words.
    pub message: String,
}

impl FieldError {
    /// A message about `field`.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        FieldError {
            field: field.into(),
            message: message.into(),
        }
    }
}

impl ApiError {
    /// How many of the server's messages the display shows.
    pub const SHOWN_ITEMS: usize = 10;
    /// How many bytes of each message the display shows.
    pub const SHOWN_ITEM_BYTES: usize = 500;

    /// An error with only a status; add the rest with the `with_*` methods.
    pub fn new(status: StatusCode) -> Self {
        ApiError {
            status,
            code: None,
            message: None,
            details: Vec::new(),
            fields: Vec::new(),
            kind: RefusalKind::Other,
        }
    }

    /// Sets what the refusal is about.
    pub fn with_kind(mut self, kind: RefusalKind) -> Self {
        self.kind = kind;
        self
    }

    /// Sets the API's own status or error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the API's message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = Some(message.into());
        self
    }

    /// Sets the API's list of errors.
    pub fn with_details(mut self, details: Vec<ApiErrorDetail>) -> Self {
        self.details = details;
        self
    }

    /// Sets the messages about single fields.
    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Self {
        self.fields = fields;
        self
    }

    fn describe(&self) -> String {
        let mut text = format!("HTTP {}", self.status.as_u16());
        if let Some(code) = &self.code {
            text.push_str(", ");
            text.push_str(code);
        }
        // The server decides how much it says: the display shows the first
        // few items, each shortened; the fields keep every word.
        let said = self.message.iter().cloned().chain(
            self.details.iter().map(ToString::to_string).chain(
                self.fields
                    .iter()
                    .map(|f| format!("{}: {}", f.field, f.message)),
            ),
        );
        let total = usize::from(self.message.is_some()) + self.details.len() + self.fields.len();
        for (index, item) in said.take(Self::SHOWN_ITEMS).enumerate() {
            text.push_str(if index == 0 { ": " } else { "; " });
            text.push_str(&shorten(&item, Self::SHOWN_ITEM_BYTES));
        }
        if total > Self::SHOWN_ITEMS {
            text.push_str(&format!("; and {} more", total - Self::SHOWN_ITEMS));
        }
        text
    }
}

/// An answer the endpoint does not expect: a status it has no meaning for,
/// and a body that is not the API's error format (an HTML page from a proxy,
/// an empty body).
///
/// ```
/// use shop_apis_core::{BodyExcerpt, UnexpectedStatus};
/// use http::StatusCode;
/// let error = UnexpectedStatus::new(StatusCode::BAD_GATEWAY, BodyExcerpt::of(b"<html>Bad gateway</html>"));
/// assert_eq!(error.to_string(), r#"HTTP 502, body "<html>Bad gateway</html>""#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("HTTP {}, body {excerpt}", status.as_u16())]
#[non_exhaustive]
pub struct UnexpectedStatus {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// The start of the body.
    pub excerpt: BodyExcerpt,
}

impl UnexpectedStatus {
    /// An unexpected answer with this status and body excerpt.
    pub fn new(status: StatusCode, excerpt: BodyExcerpt) -> Self {
        UnexpectedStatus { status, excerpt }
    }
}

/// A body that is not what the endpoint expects: not JSON, truncated JSON, or
/// JSON of the wrong shape.
///
/// ```
/// #[derive(Debug, serde::Deserialize)]
/// struct Created { order_id: u64 }
/// let error = shop_apis_core::json::decode::<Created>(http::StatusCode::CREATED, br#"{"order_id": true}"#)
///     .unwrap_err();
/// assert_eq!(error.path, "$.order_id");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("HTTP {}, at {path}: {message}; body {excerpt}", status.as_u16())]
#[non_exhaustive]
pub struct DecodeError {
    /// The HTTP status of the answer.
    pub status: StatusCode,
    /// Where in the JSON the problem is, as a JSONPath (`$.orders[3].price`); `$` for the whole body.
    /// At most [`MAX_TEXT`](Self::MAX_TEXT) bytes (a key can be of any size).
    pub path: String,
    /// What the decoder found wrong, at most [`MAX_TEXT`](Self::MAX_TEXT)
    /// bytes (serde quotes the offending value whole).
    pub message: String,
    /// The start of the body.
    pub excerpt: BodyExcerpt,
}

impl DecodeError {
    /// How many bytes of the path and of the message are kept.
    pub const MAX_TEXT: usize = 300;

    /// A decode error at `path` (a JSONPath, `$` for the whole body).
    pub fn new(
        status: StatusCode,
        path: impl Into<String>,
        message: impl Into<String>,
        body: &[u8],
    ) -> Self {
        // serde quotes the offending value whole (a 10 MB string, a
        // 10,000-digit number) and a path can hold a key of any size.
        let (path, message) = (path.into(), message.into());
        DecodeError {
            status,
            path: shorten(&path, Self::MAX_TEXT).into_owned(),
            message: shorten(&message, Self::MAX_TEXT).into_owned(),
            excerpt: BodyExcerpt::of(body),
        }
    }
}

/// Why a response did not yield the endpoint's output; see [`Endpoint::parse`](crate::Endpoint::parse).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// The service said no.
    #[error(transparent)]
    Api(#[from] ApiError),
    /// A status and body the endpoint has no meaning for.
    #[error(transparent)]
    Status(#[from] UnexpectedStatus),
    /// A body that could not be decoded.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// Everything that can go wrong in a protocol crate, with the endpoint named.
///
/// Transport failures (connect, timeout, TLS, a body too large) belong to the
/// adapters, which wrap this type in their own error.
///
/// ```
/// use shop_apis_core::{BuildError, BuildErrorKind, Error};
/// let error = Error::build("qnits.CreateOrder", BuildError::new("params.phone", BuildErrorKind::Empty));
/// assert_eq!(error.endpoint(), "qnits.CreateOrder");
/// assert_eq!(error.to_string(), "qnits.CreateOrder: invalid input");
/// // The cause is chained, not repeated; `report` shows the whole chain.
/// assert_eq!(
///     shop_apis_core::report(&error),
///     "qnits.CreateOrder: invalid input: params.phone: is empty"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input was refused before anything was built or sent.
    #[error("{endpoint}: invalid input")]
    Build {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// What is wrong with the input.
        source: BuildError,
    },
    /// The service said no.
    #[error("{endpoint}: refused by the API")]
    Api {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// The service's answer (boxed: it is the largest of the causes).
        source: Box<ApiError>,
    },
    /// The answer had a status and body the endpoint has no meaning for.
    #[error("{endpoint}: unexpected answer")]
    Status {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// The status and the start of the body.
        source: UnexpectedStatus,
    },
    /// The answer's body could not be decoded.
    #[error("{endpoint}: undecodable answer")]
    Decode {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// Where and why decoding failed.
        source: DecodeError,
    },
}

impl Error {
    /// A build error of `endpoint`.
    pub fn build(endpoint: &'static str, source: BuildError) -> Self {
        Error::Build { endpoint, source }
    }

    /// A response error of `endpoint`.
    pub fn response(endpoint: &'static str, source: ResponseError) -> Self {
        match source {
            ResponseError::Api(source) => Error::Api {
                endpoint,
                source: Box::new(source),
            },
            ResponseError::Status(source) => Error::Status { endpoint, source },
            ResponseError::Decode(source) => Error::Decode { endpoint, source },
        }
    }

    /// The endpoint the error is about, `api.Operation`.
    pub fn endpoint(&self) -> &'static str {
        match self {
            Error::Build { endpoint, .. }
            | Error::Api { endpoint, .. }
            | Error::Status { endpoint, .. }
            | Error::Decode { endpoint, .. } => endpoint,
        }
    }

    /// The HTTP status of the answer, if there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Build { .. } => None,
            Error::Api { source, .. } => Some(source.status),
            Error::Status { source, .. } => Some(source.status),
            Error::Decode { source, .. } => Some(source.status),
        }
    }
}

/// Renders an error and its chain of causes on one line, joined by `": "`.
///
/// Errors here follow the convention of naming their cause through
/// [`source`](std::error::Error::source) rather than repeating its text, so
/// `to_string()` alone shows only the outermost layer.
///
/// ```
/// use shop_apis_core::{BuildError, BuildErrorKind, Error};
/// let error = Error::build("qnits.CreateOrder", BuildError::new("params", BuildErrorKind::Empty));
/// assert_eq!(shop_apis_core::report(&error), "qnits.CreateOrder: invalid input: params: is empty");
/// ```
pub fn report(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        cause = inner.source();
    }
    text
}
