use std::time::Duration;

use crate::error::TransportError;
use crate::retry::RetryPolicy;
use crate::tls::RootCertificate;

/// What every adapter lets a user set, with defaults that suit these APIs.
///
/// ```
/// use std::time::Duration;
/// use shop_apis_adapter::{Config, RetryPolicy};
/// let config = Config::new("my-exporter/1.0")
///     .timeout(Duration::from_secs(10))
///     .retry(RetryPolicy::standard());
/// assert_eq!(config.max_response_bytes, 4 << 20);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Config {
    /// How long connecting (TCP and TLS) may take. Default 10 s.
    pub connect_timeout: Duration,
    /// How long one attempt may take from sending to the last byte of the
    /// answer. Default 30 s.
    pub timeout: Duration,
    /// The largest response body read; a larger one is
    /// [`TransportError::BodyTooLarge`](crate::TransportError::BodyTooLarge).
    /// Default 4 MiB.
    pub max_response_bytes: usize,
    /// The `User-Agent` header.
    pub user_agent: String,
    /// When to try again. Default: never.
    pub retry: RetryPolicy,
    /// The longest one call may take, every attempt and back-off included;
    /// past it the call ends with
    /// [`TransportError::Deadline`](crate::TransportError::Deadline).
    /// Default: none (each attempt still has [`timeout`](Self::timeout)).
    pub deadline: Option<Duration>,
    /// Certificate authorities trusted besides the TLS backend's own roots
    /// (a corporate CA, the emulator's root), by every client an adapter
    /// builds itself; a client handed in ready-made (`from_reqwest`,
    /// `from_hyper`) trusts what it was built to. Default: none.
    pub trusted_roots: Vec<RootCertificate>,
}

impl Config {
    /// The defaults, with this `User-Agent`.
    pub fn new(user_agent: impl Into<String>) -> Self {
        Config {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            max_response_bytes: 4 << 20,
            user_agent: user_agent.into(),
            retry: RetryPolicy::never(),
            deadline: None,
            trusted_roots: Vec::new(),
        }
    }

    /// Sets the connect timeout.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets the timeout of one attempt.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the largest response body read.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sets the `User-Agent`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets the longest time one call may take, back-off included.
    ///
    /// ```
    /// use std::time::Duration;
    /// let config = shop_apis_adapter::Config::new("me/1").deadline(Duration::from_secs(20));
    /// assert_eq!(config.deadline, Some(Duration::from_secs(20)));
    /// ```
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }
}

impl Config {
    /// Trusts `root` too, besides the TLS backend's own roots.
    ///
    /// ```
    /// use shop_apis_adapter::{Config, RootCertificate};
    /// let root = RootCertificate::from_der(vec![0x30, 0x00])?;
    /// let config = Config::new("me/1").trust_root(root.clone());
    /// assert_eq!(config.trusted_roots, [root]);
    /// # Ok::<(), shop_apis_adapter::InvalidCertificate>(())
    /// ```
    pub fn trust_root(mut self, root: RootCertificate) -> Self {
        self.trusted_roots.push(root);
        self
    }

    /// Trusts every one of `roots` too (a PEM bundle read with
    /// [`RootCertificate::from_pem`]).
    ///
    /// See [`RootCertificate`] for an example.
    pub fn trust_roots(mut self, roots: impl IntoIterator<Item = RootCertificate>) -> Self {
        self.trusted_roots.extend(roots);
        self
    }

    /// Sets the configured `User-Agent` on `request` unless the endpoint set
    /// one; a `User-Agent` that is no valid header value is an error rather
    /// than a request sent without it.
    ///
    /// ```
    /// use shop_apis_adapter::Config;
    /// let mut request = http::Request::new(Vec::<u8>::new());
    /// Config::new("order-sync/2.1").apply_user_agent(&mut request)?;
    /// assert_eq!(request.headers()["user-agent"], "order-sync/2.1");
    /// assert!(Config::new("bad\nagent").apply_user_agent(&mut request).is_err());
    /// # Ok::<(), shop_apis_adapter::TransportError>(())
    /// ```
    pub fn apply_user_agent<B>(
        &self,
        request: &mut http::Request<B>,
    ) -> Result<(), TransportError> {
        let value = http::HeaderValue::from_str(&self.user_agent)
            .map_err(|error| TransportError::Other(error.into()))?;
        request
            .headers_mut()
            .entry(http::header::USER_AGENT)
            .or_insert(value);
        Ok(())
    }
}
