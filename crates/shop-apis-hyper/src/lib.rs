//! Runs any [`Endpoint`] of the shop API protocol crates over hyper 1 and
//! hyper-util's pooled client.
//!
//! The same job as `shop-apis-reqwest`, for programs that already run hyper: the
//! clock and nonces of each attempt, connection pooling, a connect timeout and
//! a timeout per attempt, a cap on the answer's size, a `User-Agent`, and
//! opt-in retries that never repeat an unsafe request whose outcome is
//! unknown. It names no API: every endpoint of every protocol crate goes
//! through [`Client::call`].
//!
//! Features: `rustls` (default; TLS without system OpenSSL, trusting the
//! webpki roots), `native-tls` (used when `rustls` is off) and `tracing`.
//! With both on, `Client::with_rustls` and `Client::with_native_tls`
//! choose. Roots of trust beyond the backend's own (a corporate CA) go in
//! [`Config::trusted_roots`]; other connectors: build a hyper-util client
//! and hand it to [`Client::from_hyper`].
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use shop_apis_core::BaseUrl;
//! use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
//!
//! let emulator = shop_apis_emulator::Emulator::start().await?;
//! let qnits = Qnits::new(
//!     BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::Qnits))?,
//!     Credentials::new(emulator.qnits().qnit_id(), emulator.qnits().token())?,
//! );
//! let order = CreateOrder::new(
//!     "Иванов Иван",
//!     "79123211232",
//!     ExternalId::from_order_id(2643)?,
//!     vec![Product::new(ProductId::new(1000587), 1)],
//! );
//!
//! let client = shop_apis_hyper::Client::new()?;
//! let created = client.call(&qnits, &order).await?;
//! assert!(created.order_id.get() > 0);
//! let sent = &emulator.requests()[0];
//! assert_eq!(sent.header("user-agent"), Some(shop_apis_hyper::USER_AGENT)); // "shop-apis-hyper/<version>"
//! # Ok(())
//! # }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::{Connect, HttpConnector};
use hyper_util::rt::{TokioExecutor, TokioTimer};
use shop_apis_adapter::{BodyBuffer, Caller, find_cause};
use shop_apis_core::Endpoint;

pub use shop_apis_adapter::{
    Clock, Config, CountingNonce, Delivery, Error, FixedClock, InvalidCertificate, NonceSource,
    RandomNonce, RetryPolicy, RootCertificate, SetupError, Stream, StreamExt, SystemClock,
    TransportError,
};

/// The `User-Agent` sent unless the [`Config`] says otherwise.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// rustls over TCP, trusting the webpki roots and the [`Config`]'s
/// [`trusted_roots`](Config::trusted_roots): what [`Client::with_rustls`]
/// builds.
///
/// ```
/// let client: shop_apis_hyper::Client<shop_apis_hyper::RustlsConnector> =
///     shop_apis_hyper::Client::with_rustls(shop_apis_hyper::Config::new("me/1"))?;
/// # Ok::<(), shop_apis_hyper::SetupError>(())
/// ```
#[cfg(feature = "rustls")]
pub type RustlsConnector = hyper_rustls::HttpsConnector<HttpConnector>;
/// The platform's TLS (OpenSSL on Linux) over TCP, trusting the system's
/// roots and the [`Config`]'s [`trusted_roots`](Config::trusted_roots):
/// what [`Client::with_native_tls`] builds.
///
/// ```
/// let client: shop_apis_hyper::Client<shop_apis_hyper::NativeTlsConnector> =
///     shop_apis_hyper::Client::with_native_tls(shop_apis_hyper::Config::new("me/1"))?;
/// # Ok::<(), shop_apis_hyper::SetupError>(())
/// ```
#[cfg(feature = "native-tls")]
pub type NativeTlsConnector = hyper_tls::HttpsConnector<HttpConnector>;

/// The connector [`Client::new`] uses: rustls when its feature is on, else
/// native TLS.
///
/// ```
/// let client: shop_apis_hyper::Client<shop_apis_hyper::DefaultConnector> = shop_apis_hyper::Client::new()?;
/// # Ok::<(), shop_apis_hyper::SetupError>(())
/// ```
#[cfg(feature = "rustls")]
pub type DefaultConnector = RustlsConnector;
/// The connector [`Client::new`] uses: rustls when its feature is on, else
/// native TLS.
#[cfg(all(feature = "native-tls", not(feature = "rustls")))]
pub type DefaultConnector = NativeTlsConnector;
/// The connector [`Client::new`] uses: plain TCP wrapped in TLS when a TLS
/// feature is on (none is, so only `http://` works).
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
pub type DefaultConnector = HttpConnector;

/// An async client: a pooled hyper-util client, the [`Config`], a clock and a
/// nonce source. Cheap to clone; clones share the pool.
///
/// See the [crate] documentation for a whole call.
#[derive(Debug, Clone)]
pub struct Client<C = DefaultConnector> {
    http: HyperClient<C, Full<Bytes>>,
    caller: Caller,
}

impl Client {
    /// A client with the default [`Config`] and [`USER_AGENT`].
    ///
    /// ```
    /// let client = shop_apis_hyper::Client::new()?;
    /// assert_eq!(client.config().user_agent, shop_apis_hyper::USER_AGENT);
    /// # Ok::<(), shop_apis_hyper::SetupError>(())
    /// ```
    pub fn new() -> Result<Self, SetupError> {
        Client::with_config(Config::new(USER_AGENT))
    }

    /// A client with its own pooled hyper-util client built from `config`,
    /// over the [`DefaultConnector`]; an error if TLS cannot be set up on
    /// this system or a trusted root cannot be read. Like hyper, it follows
    /// no redirect: a 3xx answer is [`Error::Redirect`].
    ///
    /// ```
    /// use std::time::Duration;
    /// use shop_apis_hyper::{Client, Config, RetryPolicy};
    ///
    /// let client = Client::with_config(
    ///     Config::new("order-sync/2.1").timeout(Duration::from_secs(5)).retry(RetryPolicy::standard()),
    /// )?;
    /// assert_eq!(client.config().timeout, Duration::from_secs(5));
    /// # Ok::<(), shop_apis_hyper::SetupError>(())
    /// ```
    pub fn with_config(config: Config) -> Result<Self, SetupError> {
        default_client(config)
    }
}

#[cfg(feature = "rustls")]
fn default_client(config: Config) -> Result<Client, SetupError> {
    Client::with_rustls(config)
}

#[cfg(all(feature = "native-tls", not(feature = "rustls")))]
fn default_client(config: Config) -> Result<Client, SetupError> {
    Client::with_native_tls(config)
}

#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
fn default_client(config: Config) -> Result<Client, SetupError> {
    if !config.trusted_roots.is_empty() {
        return Err(SetupError::new(
            "trusted roots need a TLS feature (rustls or native-tls)".into(),
        ));
    }
    Ok(Client::over(tcp(&config), config))
}

#[cfg(feature = "rustls")]
impl Client<RustlsConnector> {
    /// A client over rustls (with aws-lc-rs), trusting the webpki roots and
    /// the `config`'s [`trusted_roots`](Config::trusted_roots).
    ///
    /// ```
    /// let client = shop_apis_hyper::Client::with_rustls(shop_apis_hyper::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_hyper::SetupError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "rustls")))]
    pub fn with_rustls(config: Config) -> Result<Self, SetupError> {
        use rustls::pki_types::CertificateDer;

        let setup = |error: rustls::Error| SetupError::new(error.into());
        let mut roots =
            rustls::RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        for root in &config.trusted_roots {
            roots
                .add(CertificateDer::from(root.der().to_vec()))
                .map_err(setup)?;
        }
        // The provider named, not the process default: another crate of the
        // build may have switched a second one on.
        let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
        let tls = rustls::ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(setup)?
            .with_root_certificates(roots)
            .with_no_client_auth();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http()
            .enable_http1()
            .wrap_connector(tcp(&config));
        Ok(Client::over(connector, config))
    }
}

#[cfg(feature = "native-tls")]
impl Client<NativeTlsConnector> {
    /// A client over the platform's TLS (OpenSSL on Linux), trusting the
    /// system's roots and the `config`'s
    /// [`trusted_roots`](Config::trusted_roots); an error where TLS cannot
    /// be set up.
    ///
    /// ```
    /// let client = shop_apis_hyper::Client::with_native_tls(shop_apis_hyper::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_hyper::SetupError>(())
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "native-tls")))]
    pub fn with_native_tls(config: Config) -> Result<Self, SetupError> {
        use hyper_tls::native_tls;

        let setup = |error: native_tls::Error| SetupError::new(error.into());
        let mut tls = native_tls::TlsConnector::builder();
        for root in &config.trusted_roots {
            tls.add_root_certificate(native_tls::Certificate::from_der(root.der()).map_err(setup)?);
        }
        // `HttpsConnector::new_with_connector` panics where TLS cannot be set up.
        let tls = tls.build().map_err(setup)?;
        let connector = hyper_tls::HttpsConnector::from((tcp(&config), tls.into()));
        Ok(Client::over(connector, config))
    }
}

/// The TCP connector under every TLS one, with the connect timeout.
fn tcp(config: &Config) -> HttpConnector {
    let mut tcp = HttpConnector::new();
    tcp.set_connect_timeout(Some(config.connect_timeout));
    tcp.enforce_http(false);
    tcp
}

impl<C> Client<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    /// A pooled hyper-util client over `connector`.
    fn over(connector: C, config: Config) -> Self {
        let http = HyperClient::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(connector);
        Client::from_hyper(http, config)
    }
}

impl<C> Client<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    /// Uses a hyper-util client configured by the caller (its own connector,
    /// roots, proxy or pool settings).
    ///
    /// The [`Config`]'s timeout, body cap, retry policy and `User-Agent` still
    /// apply to every request; the connect timeout and the roots trusted are
    /// the connector's own ([`Config::trusted_roots`] is not read here).
    ///
    /// ```
    /// use bytes::Bytes;
    /// use http_body_util::Full;
    /// use hyper_util::client::legacy::{Client as HyperClient, connect::HttpConnector};
    /// use hyper_util::rt::TokioExecutor;
    /// use shop_apis_hyper::{Client, Config};
    ///
    /// let http: HyperClient<HttpConnector, Full<Bytes>> =
    ///     HyperClient::builder(TokioExecutor::new()).build_http();
    /// let client = Client::from_hyper(http, Config::new(shop_apis_hyper::USER_AGENT));
    /// ```
    pub fn from_hyper(http: HyperClient<C, Full<Bytes>>, config: Config) -> Self {
        Client {
            http,
            caller: Caller::new(config),
        }
    }

    /// Replaces the clock that stamps each attempt (for tests and replays).
    ///
    /// ```
    /// use shop_apis_hyper::{Client, CountingNonce, FixedClock};
    ///
    /// let client = Client::new()?
    ///     .clock(FixedClock::at_unix(1_700_000_000))
    ///     .nonces(CountingNonce::new("test-"));
    /// # Ok::<(), shop_apis_hyper::SetupError>(())
    /// ```
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.caller = self.caller.clock(clock);
        self
    }

    /// Replaces the nonce source that stamps each attempt.
    ///
    /// See [`Client::clock`] for an example.
    pub fn nonces(mut self, nonces: impl NonceSource + 'static) -> Self {
        self.caller = self.caller.nonces(nonces);
        self
    }

    /// The configuration in force.
    ///
    /// See [`Client::new`] for an example.
    pub fn config(&self) -> &Config {
        self.caller.config()
    }

    /// Builds `endpoint`'s request against `api`, sends it, retries as the
    /// [`RetryPolicy`] allows, and parses the answer.
    ///
    /// See the [crate] documentation for an example.
    pub async fn call<E: Endpoint>(&self, api: &E::Api, endpoint: &E) -> Result<E::Output, Error> {
        self.caller.call(self, api, endpoint).await
    }

    /// This client bound to one shop: `shop.call(&endpoint)` without the
    /// `api`, and paged lists as streams (`pages`, `items`). The client is
    /// cloned; clones share the pool.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use shop_apis_core::BaseUrl;
    /// use shop_apis_hyper::StreamExt;
    /// use saplab_proto::{Credentials, ListClients, PerPage, SapLab};
    ///
    /// let emulator = shop_apis_emulator::Emulator::start().await?;
    /// let panel = SapLab::new(
    ///     BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::SapLab))?,
    ///     Credentials::new(emulator.saplab().login(), emulator.saplab().password())?,
    /// );
    /// let shop = shop_apis_hyper::Client::new()?.bind(panel);
    /// let pages: Vec<_> = shop.pages(ListClients::default().per_page(PerPage::new(1)?)).collect().await;
    /// assert!(pages.len() > 1 && pages.iter().all(Result::is_ok));
    /// # Ok(())
    /// # }
    /// ```
    pub fn bind<A: shop_apis_core::Api>(&self, api: A) -> Shop<A, C> {
        Shop::new(self.clone(), api)
    }

    /// One attempt, without the overall timeout.
    async fn exchange(&self, request: Request<Vec<u8>>) -> Result<Response<Bytes>, TransportError> {
        let response = self
            .http
            .request(request.map(|body| Full::new(Bytes::from(body))))
            .await
            .map_err(|error| self.send_error(error))?;
        let (parts, mut incoming) = response.into_parts();
        let mut body = BodyBuffer::new(
            Response::from_parts(parts, ()),
            self.config().max_response_bytes,
        )?;
        while let Some(frame) = incoming.frame().await {
            let frame = frame.map_err(|error| TransportError::OutcomeUnknown(error.into()))?;
            if let Some(data) = frame.data_ref() {
                body.push(data)?;
            }
        }
        Ok(body.finish())
    }

    fn send_error(&self, error: hyper_util::client::legacy::Error) -> TransportError {
        if error.is_connect() {
            return TransportError::from_connect_error(error.into(), self.config().connect_timeout);
        }
        // hyper's "canceled": dropped before a byte of it was written.
        if find_cause::<hyper::Error>(&error).is_some_and(hyper::Error::is_canceled) {
            return TransportError::NotSent(error.into());
        }
        TransportError::OutcomeUnknown(error.into())
    }
}

/// An async [`Client`] bound to one shop: see [`Client::bind`].
///
/// ```
/// use qnits_proto::{Credentials, Qnits};
/// let shop: shop_apis_hyper::Shop<Qnits> =
///     shop_apis_hyper::Client::new()?.bind(Qnits::public(Credentials::new(1, "token")?));
/// assert_eq!(shop.api().base_url().authority().host(), "api.qnits.ru");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type Shop<A, C = DefaultConnector> = shop_apis_adapter::Shop<Client<C>, A>;

impl<C> shop_apis_adapter::Adapter for Client<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    fn caller(&self) -> &Caller {
        &self.caller
    }
}

impl<C> shop_apis_adapter::Transport for Client<C>
where
    C: Connect + Clone + Send + Sync + 'static,
{
    async fn send(
        &self,
        mut request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        self.config().apply_user_agent(&mut request)?;
        tokio::time::timeout(timeout, self.exchange(request))
            .await
            .unwrap_or(Err(TransportError::Timeout(timeout)))
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}
