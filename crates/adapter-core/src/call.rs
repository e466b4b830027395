//! The one call loop: stamp, build, send, decide, parse.

use std::future::Future;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use proto_core::{Endpoint, Stamp};

use crate::clock::Clock;
use crate::error::{Error, TransportError};
use crate::nonce::NonceSource;
use crate::retry::{Failure, RetryPolicy};

/// Sends one request and reads the whole answer, within the adapter's
/// timeouts and body limit. Implemented by each async adapter.
pub trait Transport: Send + Sync {
    /// Sends `request` once.
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send;

    /// Waits, on the adapter's runtime.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;
}

/// [`Transport`] for blocking adapters.
pub trait BlockingTransport {
    /// Sends `request` once.
    fn send(&self, request: Request<Vec<u8>>) -> Result<Response<Bytes>, TransportError>;
}

/// What the loop does after an attempt.
enum Step<T> {
    Retry(Duration),
    Done(Result<T, Error>),
}

/// Everything a call needs besides the transport.
struct Calling<'a, E: Endpoint> {
    api: &'a E::Api,
    endpoint: &'a E,
    retry: &'a RetryPolicy,
    clock: &'a dyn Clock,
    nonces: &'a dyn NonceSource,
}

impl<E: Endpoint> Calling<'_, E> {
    /// Attempt `attempt`'s request, with a fresh stamp.
    fn request(&self, attempt: u32) -> Result<Request<Vec<u8>>, Error> {
        let stamp = Stamp::new(self.clock.unix_seconds(), self.nonces.next_nonce());
        let request = self.endpoint.request(self.api, &stamp)?;
        trace_attempt(E::NAME, attempt, &request);
        Ok(request)
    }

    fn after(
        &self,
        attempt: u32,
        sent: Result<Response<Bytes>, TransportError>,
    ) -> Step<E::Output> {
        let safety = self.endpoint.safety();
        let random = || getrandom::u64().unwrap_or(u64::from(attempt));
        match sent {
            Ok(response) => {
                let failure =
                    Failure::of_status(response.status(), response.headers(), self.clock.now());
                if let Some(delay) =
                    failure.and_then(|f| self.retry.delay(attempt, safety, f, random()))
                {
                    trace_retry(E::NAME, attempt, delay, &response.status());
                    return Step::Retry(delay);
                }
                let (parts, body) = response.into_parts();
                let response = Response::from_parts(parts, &body[..]);
                Step::Done(self.endpoint.response(response).map_err(Error::Protocol))
            }
            Err(error) => {
                if let Some(delay) = error
                    .failure()
                    .and_then(|f| self.retry.delay(attempt, safety, f, random()))
                {
                    trace_retry(E::NAME, attempt, delay, &error);
                    return Step::Retry(delay);
                }
                Step::Done(Err(Error::Transport {
                    endpoint: E::NAME,
                    attempts: attempt,
                    source: error,
                }))
            }
        }
    }
}

/// Calls `endpoint` of `api` through `transport`: builds a request with a fresh
/// time and nonce for every attempt, sends it, retries as `retry` allows, and
/// parses the answer.
pub async fn call<T, E>(
    transport: &T,
    retry: &RetryPolicy,
    clock: &dyn Clock,
    nonces: &dyn NonceSource,
    api: &E::Api,
    endpoint: &E,
) -> Result<E::Output, Error>
where
    T: Transport,
    E: Endpoint,
{
    let calling = Calling {
        api,
        endpoint,
        retry,
        clock,
        nonces,
    };
    let attempts = async {
        let mut attempt = 1;
        loop {
            let request = calling.request(attempt)?;
            let sent = transport.send(request).await;
            match calling.after(attempt, sent) {
                Step::Retry(delay) => transport.sleep(delay).await,
                Step::Done(result) => return result,
            }
            attempt += 1;
        }
    };
    #[cfg(feature = "tracing")]
    let attempts = tracing::Instrument::instrument(attempts, call_span::<E>(endpoint));
    attempts.await
}

/// [`call`] for blocking transports; waits with [`std::thread::sleep`].
pub fn call_blocking<T, E>(
    transport: &T,
    retry: &RetryPolicy,
    clock: &dyn Clock,
    nonces: &dyn NonceSource,
    api: &E::Api,
    endpoint: &E,
) -> Result<E::Output, Error>
where
    T: BlockingTransport,
    E: Endpoint,
{
    let calling = Calling {
        api,
        endpoint,
        retry,
        clock,
        nonces,
    };
    #[cfg(feature = "tracing")]
    let _span = call_span::<E>(endpoint).entered();
    let mut attempt = 1;
    loop {
        let request = calling.request(attempt)?;
        match calling.after(attempt, transport.send(request)) {
            Step::Retry(delay) => std::thread::sleep(delay),
            Step::Done(result) => return result,
        }
        attempt += 1;
    }
}

/// The span of one call: the endpoint and its safety class, nothing from the request.
#[cfg(feature = "tracing")]
fn call_span<E: Endpoint>(endpoint: &E) -> tracing::Span {
    tracing::info_span!("shop_api.call", endpoint = E::NAME, safety = ?endpoint.safety())
}

/// One event per attempt: endpoint, attempt, method and path. Never the query
/// or the body, where credentials and signatures travel.
fn trace_attempt(endpoint: &'static str, attempt: u32, request: &Request<Vec<u8>>) {
    #[cfg(feature = "tracing")]
    tracing::debug!(
        endpoint,
        attempt,
        method = %request.method(),
        path = request.uri().path(),
        "sending"
    );
    #[cfg(not(feature = "tracing"))]
    let _ = (endpoint, attempt, request);
}

fn trace_retry(endpoint: &'static str, attempt: u32, delay: Duration, why: &dyn std::fmt::Display) {
    #[cfg(feature = "tracing")]
    tracing::info!(endpoint, attempt, ?delay, %why, "retrying");
    #[cfg(not(feature = "tracing"))]
    let _ = (endpoint, attempt, delay, why);
}

/// What every client holds besides its HTTP library: the [`Config`], the
/// clock and the nonce source. Cheap to clone.
///
/// [`Config`]: crate::Config
///
/// ```
/// use adapter_core::{Caller, Config, CountingNonce, FixedClock};
/// let caller = Caller::new(Config::new("me/1"))
///     .clock(FixedClock::at_unix(1_700_000_000))
///     .nonces(CountingNonce::new("n"));
/// assert_eq!(caller.config().user_agent, "me/1");
/// ```
#[derive(Debug, Clone)]
pub struct Caller {
    config: std::sync::Arc<crate::Config>,
    clock: std::sync::Arc<dyn Clock>,
    nonces: std::sync::Arc<dyn NonceSource>,
}

impl Caller {
    /// `config`, with the system clock and random nonces.
    pub fn new(config: crate::Config) -> Self {
        Caller {
            config: std::sync::Arc::new(config),
            clock: std::sync::Arc::new(crate::SystemClock),
            nonces: std::sync::Arc::new(crate::RandomNonce),
        }
    }

    /// Replaces the clock.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = std::sync::Arc::new(clock);
        self
    }

    /// Replaces the nonce source.
    pub fn nonces(mut self, nonces: impl NonceSource + 'static) -> Self {
        self.nonces = std::sync::Arc::new(nonces);
        self
    }

    /// The configuration.
    pub fn config(&self) -> &crate::Config {
        &self.config
    }

    /// [`call`] with this configuration, clock and nonces.
    pub async fn call<T, E>(
        &self,
        transport: &T,
        api: &E::Api,
        endpoint: &E,
    ) -> Result<E::Output, Error>
    where
        T: Transport,
        E: Endpoint,
    {
        call(
            transport,
            &self.config.retry,
            &*self.clock,
            &*self.nonces,
            api,
            endpoint,
        )
        .await
    }

    /// [`call_blocking`] with this configuration, clock and nonces.
    pub fn call_blocking<T, E>(
        &self,
        transport: &T,
        api: &E::Api,
        endpoint: &E,
    ) -> Result<E::Output, Error>
    where
        T: BlockingTransport,
        E: Endpoint,
    {
        call_blocking(
            transport,
            &self.config.retry,
            &*self.clock,
            &*self.nonces,
            api,
            endpoint,
        )
    }
}
