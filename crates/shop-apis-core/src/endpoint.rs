use http::{Request, Response};

use crate::error::{ApiError, BuildError, Error, ResponseError};

/// What repeating a request does to the server's state.
///
/// Adapters retry a request whose outcome is unknown (the connection broke after
/// the request was written) only when its endpoint is [`Safe`](Safety::Safe) or
/// [`Idempotent`](Safety::Idempotent). The class follows the effect, not the HTTP
/// method: SapLab marks an order paid with a `GET`, which makes that `GET` unsafe.
///
/// ```
/// use shop_apis_core::Safety;
/// assert!(Safety::Idempotent.may_repeat());
/// assert!(!Safety::Unsafe.may_repeat());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Safety {
    /// Reads only; repeating it changes nothing.
    Safe,
    /// Changes state, but doing it twice has the effect of doing it once.
    Idempotent,
    /// Doing it twice may do it twice (create two things, toggle back).
    Unsafe,
}

impl Safety {
    /// Whether a request of this class may be sent again when it is not known
    /// whether the first attempt reached the server.
    pub fn may_repeat(self) -> bool {
        !matches!(self, Safety::Unsafe)
    }
}

/// The time and nonce a request is built at, supplied by the caller.
///
/// Protocol crates read no clock and draw no random numbers; an adapter makes a
/// fresh `Stamp` for every attempt (OAuth 1.0a needs a new nonce each time).
/// APIs whose authentication does not depend on time ignore it.
///
/// ```
/// let stamp = shop_apis_core::Stamp::new(1_191_242_096, "kllo9940pd9333jh");
/// assert_eq!(stamp.unix_seconds(), 1_191_242_096);
/// assert_eq!(stamp.nonce(), "kllo9940pd9333jh");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Stamp {
    unix_seconds: u64,
    nonce: String,
}

impl Stamp {
    /// A stamp for the given Unix time (seconds) and nonce.
    pub fn new(unix_seconds: u64, nonce: impl Into<String>) -> Self {
        Stamp {
            unix_seconds,
            nonce: nonce.into(),
        }
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(&self) -> u64 {
        self.unix_seconds
    }

    /// A value the caller promises not to reuse with the same credentials.
    pub fn nonce(&self) -> &str {
        &self.nonce
    }
}

/// An API's connection settings: where it lives and how requests prove who sends them.
///
/// Each protocol crate has one type implementing this (`qnits_proto::Qnits`, …);
/// endpoints are built against it, and an endpoint's
/// [`build`](Endpoint::build) adds what proves the request's origin (a
/// header, a body field, or an OAuth 1.0a signature over the request, from
/// the [`Stamp`] it is given), so a built request is ready to send.
///
/// ```
/// use shop_apis_core::Api;
///
/// #[derive(Debug)]
/// struct Example;
/// impl Api for Example {
///     const NAME: &'static str = "example";
/// }
///
/// assert_eq!(Example::NAME, "example");
/// ```
pub trait Api {
    /// Short lower-case name of the API, used in errors and traces (`"qnits"`).
    const NAME: &'static str;
}

/// One operation of one API: how to ask, how to read the answer, and whether
/// asking twice is harmless.
///
/// Calling order:
/// 1. [`build`](Endpoint::build) checks the input and makes the request,
///    signed where the API signs, at the time and nonce of the [`Stamp`] it
///    is given; it may not do I/O, read a clock or draw randomness, so the
///    same parameters and stamp give the same bytes. An input the API would
///    reject for a reason known in advance is a [`BuildError`] and no request
///    is made. ([`request`](Endpoint::request) does the same, naming the
///    endpoint in its error.)
/// 2. The caller sends the request with any HTTP stack, as it is: nothing
///    signed is rebuilt later, so a request changed after building goes out
///    changed, and its signature no longer matches.
/// 3. [`parse`](Endpoint::parse) turns any response (any status, headers and
///    bytes) into the output or a [`ResponseError`]; it never panics and does
///    bounded work.
///
/// Endpoints are plain values holding only the operation's parameters: they
/// hold no client and can be built, compared and sent again.
pub trait Endpoint {
    /// The API this endpoint belongs to.
    type Api: Api;
    /// What a successful call yields.
    type Output;

    /// The endpoint's name in errors and traces, `api.Operation` (`"qnits.CreateOrder"`).
    const NAME: &'static str;

    /// What repeating this call does; decides whether an adapter may retry it.
    fn safety(&self) -> Safety;

    /// Checks the parameters and builds the request, ready to send: signed
    /// with `stamp`'s time and nonce where the API signs, the stamp ignored
    /// where it does not.
    fn build(&self, api: &Self::Api, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError>;

    /// Reads a response; total over every status, header set and body.
    fn parse(&self, response: Response<&[u8]>) -> Result<Self::Output, ResponseError>;

    /// What a refusal means when an earlier attempt of this call may have
    /// reached the server: `Some` output, marked as already done, when the
    /// refusal says the target is already in the state asked for (deleting
    /// what is gone, archiving what is archived), so that earlier attempt did
    /// it. Adapters ask only after an attempt whose outcome was unknown; a
    /// first attempt's refusal is always an error. The default: never.
    ///
    /// ```
    /// use shop_apis_core::{ApiError, Endpoint};
    /// # struct Read;
    /// # impl Endpoint for Read {
    /// #     type Api = Example; type Output = (); const NAME: &'static str = "example.Read";
    /// #     fn safety(&self) -> shop_apis_core::Safety { shop_apis_core::Safety::Safe }
    /// #     fn build(&self, _: &Example, _: &shop_apis_core::Stamp) -> Result<http::Request<Vec<u8>>, shop_apis_core::BuildError> { unimplemented!() }
    /// #     fn parse(&self, _: http::Response<&[u8]>) -> Result<(), shop_apis_core::ResponseError> { Ok(()) }
    /// # }
    /// # struct Example;
    /// # impl shop_apis_core::Api for Example { const NAME: &'static str = "example"; }
    /// let refusal = ApiError::new(http::StatusCode::OK);
    /// assert_eq!(Read.already_done(&refusal), None);
    /// ```
    fn already_done(&self, refusal: &ApiError) -> Option<Self::Output> {
        let _ = refusal;
        None
    }

    /// [`build`](Endpoint::build), naming this endpoint in any error.
    ///
    /// ```
    /// use shop_apis_core::{BuildError, BuildErrorKind, Endpoint, Stamp};
    /// # struct Example;
    /// # impl shop_apis_core::Api for Example { const NAME: &'static str = "example"; }
    /// struct Named(&'static str);
    /// impl Endpoint for Named {
    ///     type Api = Example;
    ///     type Output = ();
    ///     const NAME: &'static str = "example.Named";
    ///     fn safety(&self) -> shop_apis_core::Safety { shop_apis_core::Safety::Safe }
    ///     fn build(&self, _: &Example, stamp: &Stamp) -> Result<http::Request<Vec<u8>>, BuildError> {
    ///         if self.0.is_empty() {
    ///             return Err(BuildError::new("name", BuildErrorKind::Blank));
    ///         }
    ///         let uri = format!("https://example.invalid/{}?nonce={}", self.0, stamp.nonce());
    ///         Ok(http::Request::get(uri).body(Vec::new()).unwrap())
    ///     }
    ///     fn parse(&self, _: http::Response<&[u8]>) -> Result<(), shop_apis_core::ResponseError> { Ok(()) }
    /// }
    /// let stamp = Stamp::new(1_700_000_000, "n");
    /// let request = Named("a").request(&Example, &stamp)?;
    /// assert_eq!(request.uri(), "https://example.invalid/a?nonce=n");
    /// let error = Named("").request(&Example, &stamp).unwrap_err();
    /// assert!(error.to_string().starts_with("example.Named"), "{error}");
    /// # Ok::<(), shop_apis_core::Error>(())
    /// ```
    fn request(&self, api: &Self::Api, stamp: &Stamp) -> Result<Request<Vec<u8>>, Error> {
        self.build(api, stamp)
            .map_err(|e| Error::build(Self::NAME, e))
    }

    /// Parses the response, naming this endpoint in any error.
    fn response(&self, response: Response<&[u8]>) -> Result<Self::Output, Error> {
        self.parse(response)
            .map_err(|e| Error::response(Self::NAME, e))
    }
}
