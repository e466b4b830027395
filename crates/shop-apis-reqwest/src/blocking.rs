//! The same client for programs without an async runtime, on
//! `reqwest::blocking` (feature `blocking`).
//!
//! As with `reqwest::blocking`, do not create or use it inside an async
//! runtime: use [`crate::Client`] there.
//!
//! ```
//! use shop_apis_core::BaseUrl;
//! use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
//!
//! let emulator = shop_apis_emulator::Emulator::start_in_background()?;
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
//! let client = shop_apis_reqwest::blocking::Client::new()?;
//! let created = client.call(&qnits, &order)?;
//! assert!(created.order_id.get() > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;

use bytes::Bytes;
use http::{Request, Response};
use shop_apis_adapter::{BodyBuffer, Caller};
use shop_apis_core::Endpoint;

use std::time::Duration;

use crate::{Clock, Config, Error, NonceSource, SetupError, TransportError};
use crate::{USER_AGENT, classify};

/// A blocking client: a pooled `reqwest::blocking::Client`, the [`Config`], a
/// clock and a nonce source. Cheap to clone; clones share the pool.
///
/// See the [module](self) documentation for a whole call.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::blocking::Client,
    caller: Caller,
}

impl Client {
    /// A client with the default [`Config`] and [`USER_AGENT`].
    ///
    /// ```
    /// let client = shop_apis_reqwest::blocking::Client::new()?;
    /// assert_eq!(client.config().user_agent, shop_apis_reqwest::USER_AGENT);
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn new() -> Result<Self, SetupError> {
        Client::with_config(Config::new(USER_AGENT))
    }

    /// A client with its own `reqwest::blocking::Client` built from
    /// `config`, following no redirect; an error if reqwest cannot set up
    /// TLS on this system.
    ///
    /// # Panics
    ///
    /// When called inside an async runtime, as `reqwest::blocking` does.
    ///
    /// ```
    /// use shop_apis_reqwest::{Config, RetryPolicy};
    /// let client = shop_apis_reqwest::blocking::Client::with_config(
    ///     Config::new("exporter-1c/3.0").retry(RetryPolicy::standard()),
    /// )?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn with_config(config: Config) -> Result<Self, SetupError> {
        let builder = reqwest::blocking::Client::builder();
        // As the async client: rustls whenever its feature is on.
        #[cfg(feature = "rustls")]
        let builder = builder.tls_backend_rustls();
        Client::with_builder(builder, config)
    }

    /// [`crate::Client::with_rustls`] for the blocking client.
    ///
    /// ```
    /// let client = shop_apis_reqwest::blocking::Client::with_rustls(shop_apis_reqwest::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    #[cfg(feature = "rustls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rustls")))]
    pub fn with_rustls(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(
            reqwest::blocking::Client::builder().tls_backend_rustls(),
            config,
        )
    }

    /// [`crate::Client::with_native_tls`] for the blocking client.
    ///
    /// ```
    /// let client = shop_apis_reqwest::blocking::Client::with_native_tls(shop_apis_reqwest::Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    #[cfg(feature = "native-tls")]
    #[cfg_attr(docsrs, doc(cfg(feature = "native-tls")))]
    pub fn with_native_tls(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(
            reqwest::blocking::Client::builder().tls_backend_native(),
            config,
        )
    }

    /// [`crate::Client::with_builder`] for the blocking client.
    ///
    /// ```
    /// use shop_apis_reqwest::Config;
    /// let builder = reqwest::blocking::Client::builder().no_proxy();
    /// let client = shop_apis_reqwest::blocking::Client::with_builder(builder, Config::new("me/1"))?;
    /// # Ok::<(), shop_apis_reqwest::SetupError>(())
    /// ```
    pub fn with_builder(
        builder: reqwest::blocking::ClientBuilder,
        config: Config,
    ) -> Result<Self, SetupError> {
        let http = crate::tls::trust(builder, &config.trusted_roots)?
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|error| SetupError::new(error.into()))?;
        Ok(Client::from_reqwest(http, config))
    }

    /// Uses a `reqwest::blocking::Client` configured by the caller; the
    /// [`Config`] applies as in [`crate::Client::from_reqwest`].
    ///
    /// ```
    /// use shop_apis_reqwest::Config;
    /// let http = reqwest::blocking::Client::builder()
    ///     .no_proxy()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = shop_apis_reqwest::blocking::Client::from_reqwest(http, Config::new("me/1"));
    /// # Ok::<(), reqwest::Error>(())
    /// ```
    pub fn from_reqwest(http: reqwest::blocking::Client, config: Config) -> Self {
        Client {
            http,
            caller: Caller::new(config),
        }
    }

    /// Replaces the clock that stamps each attempt.
    ///
    /// ```
    /// use shop_apis_reqwest::{CountingNonce, FixedClock};
    /// let client = shop_apis_reqwest::blocking::Client::new()?
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

    /// Builds, sends, retries and parses, as [`crate::Client::call`] does,
    /// blocking the thread.
    ///
    /// See the [module](self) documentation for an example.
    pub fn call<E: Endpoint>(&self, api: &E::Api, endpoint: &E) -> Result<E::Output, Error> {
        self.caller.call_blocking(self, api, endpoint)
    }

    /// This client bound to one shop: `shop.call(&endpoint)` without the
    /// `api`, and paged lists as iterators (`pages`, `items`).
    ///
    /// ```
    /// use shop_apis_core::BaseUrl;
    /// use saplab_proto::{Credentials, ListClients, PerPage, SapLab};
    ///
    /// let emulator = shop_apis_emulator::Emulator::start_in_background()?;
    /// let panel = SapLab::new(
    ///     BaseUrl::parse(&emulator.base_url(shop_apis_emulator::Api::SapLab))?,
    ///     Credentials::new(emulator.saplab().login(), emulator.saplab().password())?,
    /// );
    /// let shop = shop_apis_reqwest::blocking::Client::new()?.bind(panel);
    /// for client in shop.items(ListClients::default().per_page(PerPage::new(1)?)) {
    ///     println!("{}", client?.id);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn bind<A: shop_apis_core::Api>(&self, api: A) -> Shop<A> {
        Shop::new(self.clone(), api)
    }
}

/// A blocking [`Client`] bound to one shop: see [`Client::bind`].
///
/// ```
/// use qnits_proto::{Credentials, Qnits};
/// let shop: shop_apis_reqwest::blocking::Shop<Qnits> =
///     shop_apis_reqwest::blocking::Client::new()?.bind(Qnits::public(Credentials::new(1, "token")?));
/// assert_eq!(shop.api().base_url().authority().host(), "api.qnits.ru");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type Shop<A> = shop_apis_adapter::BlockingShop<Client, A>;

impl shop_apis_adapter::BlockingAdapter for Client {
    fn caller(&self) -> &shop_apis_adapter::Caller {
        &self.caller
    }
}

impl shop_apis_adapter::BlockingTransport for Client {
    fn send(
        &self,
        mut request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        self.config().apply_user_agent(&mut request)?;
        let mut request = reqwest::blocking::Request::try_from(request)
            .map_err(|error| TransportError::Other(error.into()))?;
        *request.timeout_mut() = Some(timeout);
        let asked = request.url().clone();
        let mut response = self
            .http
            .execute(request)
            .map_err(|error| classify::send_error(error, self.config().connect_timeout, timeout))?;
        classify::same_url(&asked, response.url())?;
        let mut head = Response::new(());
        *head.status_mut() = response.status();
        *head.version_mut() = response.version();
        *head.headers_mut() = std::mem::take(response.headers_mut());
        let mut body = BodyBuffer::new(head, self.config().max_response_bytes)?;
        let mut chunk = [0; 16 * 1024];
        loop {
            match response.read(&mut chunk) {
                Ok(0) => return Ok(body.finish()),
                Ok(read) => body.push(&chunk[..read])?,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(classify::body_io_error(error, timeout)),
            }
        }
    }
}
