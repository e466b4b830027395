//! The same client for programs without an async runtime, on
//! `reqwest::blocking` (feature `blocking`).
//!
//! As with `reqwest::blocking`, do not create or use it inside an async
//! runtime: use [`crate::Client`] there.
//!
//! ```
//! use proto_core::BaseUrl;
//! use qnits_proto::{CreateOrder, Credentials, ExternalId, Product, ProductId, Qnits};
//!
//! let emulator = emulator::Emulator::start_in_background()?;
//! let qnits = Qnits::new(
//!     BaseUrl::parse(&emulator.base_url(emulator::Api::Qnits))?,
//!     Credentials::new(emulator.qnits().qnit_id(), emulator.qnits().token())?,
//! );
//! let order = CreateOrder::new(
//!     "Иванов Иван",
//!     "79123211232",
//!     ExternalId::from_order_id(2643)?,
//!     vec![Product::new(ProductId::new(1000587), 1)],
//! );
//!
//! let client = proto_reqwest::blocking::Client::new()?;
//! let created = client.call(&qnits, &order)?;
//! assert!(created.order_id.get() > 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;

use adapter_core::{BodyBuffer, Caller};
use bytes::Bytes;
use http::{Request, Response};
use proto_core::Endpoint;

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
    /// let client = proto_reqwest::blocking::Client::new()?;
    /// assert_eq!(client.config().user_agent, proto_reqwest::USER_AGENT);
    /// # Ok::<(), proto_reqwest::SetupError>(())
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
    /// use proto_reqwest::{Config, RetryPolicy};
    /// let client = proto_reqwest::blocking::Client::with_config(
    ///     Config::new("exporter-1c/3.0").retry(RetryPolicy::standard()),
    /// )?;
    /// # Ok::<(), proto_reqwest::SetupError>(())
    /// ```
    pub fn with_config(config: Config) -> Result<Self, SetupError> {
        Client::with_builder(reqwest::blocking::Client::builder(), config)
    }

    /// [`crate::Client::with_builder`] for the blocking client.
    ///
    /// ```
    /// use proto_reqwest::Config;
    /// let builder = reqwest::blocking::Client::builder().no_proxy();
    /// let client = proto_reqwest::blocking::Client::with_builder(builder, Config::new("me/1"))?;
    /// # Ok::<(), proto_reqwest::SetupError>(())
    /// ```
    pub fn with_builder(
        builder: reqwest::blocking::ClientBuilder,
        config: Config,
    ) -> Result<Self, SetupError> {
        let http = builder
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
    /// use proto_reqwest::Config;
    /// let http = reqwest::blocking::Client::builder()
    ///     .no_proxy()
    ///     .redirect(reqwest::redirect::Policy::none())
    ///     .build()?;
    /// let client = proto_reqwest::blocking::Client::from_reqwest(http, Config::new("me/1"));
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
    /// use proto_reqwest::{CountingNonce, FixedClock};
    /// let client = proto_reqwest::blocking::Client::new()?
    ///     .clock(FixedClock::at_unix(1_700_000_000))
    ///     .nonces(CountingNonce::new("test-"));
    /// # Ok::<(), proto_reqwest::SetupError>(())
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
}

impl adapter_core::BlockingTransport for Client {
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
