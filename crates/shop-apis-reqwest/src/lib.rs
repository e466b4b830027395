//! Runs any [`Endpoint`] of the shop API protocol crates over
//! [reqwest](https://docs.rs/reqwest).
//!
//! The protocol crates build requests and parse answers; this crate only sends
//! them. It adds what they must not own: the clock and nonces of each attempt,
//! connection pooling, a connect timeout and a timeout per attempt, a cap on
//! the answer's size, a `User-Agent`, and opt-in retries that never repeat an
//! unsafe request whose outcome is unknown. It names no API: every endpoint of
//! every protocol crate goes through [`Client::call`].
//!
//! Features: `rustls` (default; TLS without system OpenSSL), `native-tls`
//! (the platform's TLS, used where `rustls` is off; with both on,
//! `Client::with_rustls` and `Client::with_native_tls` choose),
//! `blocking` (`blocking::Client`) and `tracing` (a span per call, with no
//! secret in any field).
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
//! let client = shop_apis_reqwest::Client::new()?;
//! let created = client.call(&qnits, &order).await?;
//! assert!(created.order_id.get() > 0);
//! let sent = &emulator.requests()[0];
//! assert_eq!(sent.header("user-agent"), Some(shop_apis_reqwest::USER_AGENT)); // "shop-apis-reqwest/<version>"
//! # Ok(())
//! # }
//! ```
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "blocking")]
pub mod blocking;
mod classify;
mod tls;

use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use shop_apis_adapter::{BodyBuffer, Caller};
use shop_apis_core::Endpoint;

pub use shop_apis_adapter::{
    Clock, Config, CountingNonce, Delivery, Error, FixedClock, InvalidCertificate, NonceSource,
    RandomNonce, RetryPolicy, RootCertificate, SetupError, Stream, StreamExt, SystemClock,
    TransportError,
};

/// The `User-Agent` sent unless the [`Config`] says otherwise.
pub const USER_AGENT: &str = concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION"));

/// An async client: a pooled `reqwest::Client`, the [`Config`], a clock and a
/// nonce source. Cheap to clone; clones share the pool.
///
/// See the [crate] documentation for a whole call.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    caller: Caller,
}

impl Client {
    /// A client with the default [`Config`] and [`USER_AGENT`].
    ///
    /// ```
    /// let client = shop_apis_reqwest::Client::new()?;
    /// assert_eq!(client.config().max_response_bytes, 4 << 20);
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn new() -> Result<Self, SetupError> {
        Client::with_config(Config::new(USER_AGENT))
    }

    /// A client with its own `reqwest::Client` built from `config`; an error
    /// if reqwest cannot set up TLS on this system.
    ///
    /// It follows no redirect: a 3xx answer is [`Error::Redirect`], so that
    /// no body, token or password goes to a host it was not built for.
    ///
    /// ```
    /// use std::time::Duration;
    /// use shop_apis_reqwest::{Client, Config, RetryPolicy};
    ///
    /// let client = Client::with_config(
    ///     Config::new("order-sync/2.1").timeout(Duration::from_secs(5)).retry(RetryPolicy::standard()),
    /// )?;
    /// assert_eq!(client.config().timeout, Duration::from_secs(5));
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn with_config(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(default_builder(), config)
    }

    /// A client over rustls, trusting the platform's roots and the
    /// `config`'s [`trusted_roots`](Config::trusted_roots).
    ///
    /// ```
    /// let client = shop_apis_reqwest::Client::with_rustls(shop_apis_reqwest::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    #[cfg(feature = "rustls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rustls")))]
    pub fn with_rustls(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(reqwest::Client::builder().tls_backend_rustls(), config)
    }

    /// A client over the platform's TLS (OpenSSL on Linux), trusting the
    /// system's roots and the `config`'s
    /// [`trusted_roots`](Config::trusted_roots).
    ///
    /// ```
    /// let client = shop_apis_reqwest::Client::with_native_tls(shop_apis_reqwest::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    #[cfg(feature = "native-tls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "native-tls")))]
    pub fn with_native_tls(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(reqwest::Client::builder().tls_backend_native(), config)
    }

    /// A client built from a `reqwest::ClientBuilder` the caller has set up
    /// (proxies, certificates), with `config`'s connect timeout, timeout and
    /// trusted roots, and redirects off whatever the builder said.
    ///
    /// ```
    /// use shop_apis_reqwest::{Client, Config};
    /// let client = Client::with_builder(reqwest::Client::builder().no_proxy(), Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn with_builder(
        builder: reqwest::ClientBuilder,
        config: Config,
    ) -> Result<Self, SetupError> {
        let http = tls::trust(builder, &config.trusted_roots)?
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| SetupError::new(error.into()))?;
        Ok(Client::from_reqwest(http, config))
    }

    /// Uses a `reqwest::Client` configured by the caller (proxies, certificates,
    /// a pool shared with other code).
    ///
    /// The [`Config`]'s timeout, body cap, retry policy and `User-Agent` still
    /// apply to every request; its connect timeout and the roots it trusts
    /// are the given client's own ([`Config::trusted_roots`] is not read
    /// here).
    /// Build it with `redirect(reqwest::redirect::Policy::none())`: reqwest
    /// follows up to ten redirects by default, sending the body (and the
    /// credentials in it) on; an answer that arrives from elsewhere is
    /// reported as [`TransportError::RedirectFollowed`], never as the
    /// endpoint's answer. [`Client::with_builder`] sets the policy itself.
    ///
    /// ```
    /// use shop_apis_reqwest::{Client, Config};
    ///
    /// let http = reqwest::Client::builder()
    ///     .no_proxy()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = Client::from_reqwest(http, Config::new(shop_apis_reqwest::USER_AGENT));
    /// # Ok::<(), reqwest::Error>(())
    /// ```
    pub fn from_reqwest(http: reqwest::Client, config: Config) -> Self {
        Client {
            http,
            caller: Caller::new(config),
        }
    }

    /// Replaces the clock that stamps each attempt (for tests and replays).
    ///
    /// ```
    /// use shop_apis_reqwest::{Client, CountingNonce, FixedClock};
    ///
    /// let client = Client::new()?
    ///     .clock(FixedClock::at_unix(1_700_000_000))
    ///     .nonces(CountingNonce::new("test-"));
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
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
    /// use shop_apis_reqwest::StreamExt;
    /// use saplab_proto::{Credentials, ListClients, PerPage, SapLab};
    ///
    /// let emulator = shop_apis_emulator::Emulator::start().await?;
    /// let panel = SapLab::new(
    ///     BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::SapLab))?,
    ///     Credentials::new(emulator.saplab().login(), emulator.saplab().password())?,
    /// );
    /// let shop = shop_apis_reqwest::Client::new()?.bind(panel);
    /// let mut clients = shop.items(ListClients::default().per_page(PerPage::new(1)?));
    /// while let Some(client) = clients.next().await {
    ///     println!("{}", client?.id);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn bind<A: shop_apis_core::Api>(&self, api: A) -> Shop<A> {
        Shop::new(self.clone(), api)
    }
}

/// reqwest's builder with the TLS backend this build prefers: rustls
/// whenever its feature is on, as the hyper adapter chooses (reqwest alone
/// would take native-tls when both are).
fn default_builder() -> reqwest::ClientBuilder {
    let builder = reqwest::Client::builder();
    #[cfg(feature = "rustls")]
    let builder = builder.tls_backend_rustls();
    builder
}

/// An async [`Client`] bound to one shop: see [`Client::bind`].
///
/// ```
/// use qnits_proto::{Credentials, Qnits};
/// let shop: shop_apis_reqwest::Shop<Qnits> =
///     shop_apis_reqwest::Client::new()?.bind(Qnits::public(Credentials::new(1, "token")?));
/// assert_eq!(shop.api().base_url().authority().host(), "api.qnits.ru");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type Shop<A> = shop_apis_adapter::Shop<Client, A>;

impl shop_apis_adapter::Adapter for Client {
    fn caller(&self) -> &Caller {
        &self.caller
    }
}

impl shop_apis_adapter::Transport for Client {
    async fn send(
        &self,
        mut request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        self.config().apply_user_agent(&mut request)?;
        let mut request = reqwest::Request::try_from(request)
            .map_err(|error| TransportError::Other(error.into()))?;
        *request.timeout_mut() = Some(timeout);
        let asked = request.url().clone();
        let mut response =
            self.http.execute(request).await.map_err(|error| {
                classify::send_error(error, self.config().connect_timeout, timeout)
            })?;
        classify::same_url(&asked, response.url())?;
        let mut head = Response::new(());
        *head.status_mut() = response.status();
        *head.version_mut() = response.version();
        *head.headers_mut() = std::mem::take(response.headers_mut());
        let mut body = BodyBuffer::new(head, self.config().max_response_bytes)?;
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| classify::body_error(error, timeout))?
        {
            body.push(&chunk)?;
        }
        Ok(body.finish())
    }

    async fn sleep(&self, duration: Duration) {
        tokio::time::sleep(duration).await;
    }
}
