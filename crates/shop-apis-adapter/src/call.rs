//! The one call loop: stamp, build, send, decide, parse.

use std::future::Future;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{Request, Response};
use shop_apis_core::{Endpoint, Stamp};

use crate::Config;
use crate::clock::Clock;
use crate::error::{Delivery, Error, TransportError};
use crate::nonce::NonceSource;
use crate::retry::Failure;

/// Sends one request and reads the whole answer, within the adapter's
/// body limit and `timeout` (the attempt's share of the call's deadline).
/// Implemented by each async adapter.
pub trait Transport: Send + Sync {
    /// Sends `request` once; gives up with [`TransportError::Timeout`] after
    /// `timeout`.
    fn send(
        &self,
        request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send;

    /// Waits, on the adapter's runtime.
    fn sleep(&self, duration: Duration) -> impl Future<Output = ()> + Send;
}

/// [`Transport`] for blocking adapters.
pub trait BlockingTransport {
    /// Sends `request` once; gives up with [`TransportError::Timeout`] after
    /// `timeout`.
    fn send(
        &self,
        request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Bytes>, TransportError>;
}

/// What the loop does after an attempt.
enum Step<T> {
    Retry(Duration),
    Done(Result<T, Error>),
}

/// Everything a call needs besides the transport, and how far it has got.
struct Calling<'a, E: Endpoint> {
    api: &'a E::Api,
    endpoint: &'a E,
    config: &'a Config,
    clock: &'a dyn Clock,
    nonces: &'a dyn NonceSource,
    started: Instant,
    /// The attempt under way, counted from 1.
    attempt: u32,
    /// Whether an earlier attempt may have reached the server.
    earlier: Delivery,
}

impl<'a, E: Endpoint> Calling<'a, E> {
    fn new(
        config: &'a Config,
        clock: &'a dyn Clock,
        nonces: &'a dyn NonceSource,
        api: &'a E::Api,
        endpoint: &'a E,
    ) -> Self {
        Calling {
            api,
            endpoint,
            config,
            clock,
            nonces,
            started: Instant::now(),
            attempt: 1,
            earlier: Delivery::NotSent,
        }
    }

    /// The next attempt's request, built whole at a fresh stamp (a signing
    /// API never sees a nonce twice), and how long it may take: the attempt
    /// timeout, or what is left of the deadline.
    fn request(&self) -> Result<(Request<Vec<u8>>, Duration), Error> {
        let stamp = Stamp::new(self.clock.unix_seconds(), self.nonces.next_nonce());
        let request = self
            .endpoint
            .request(self.api, &stamp)
            .map_err(|error| Error::protocol_error(error, self.attempt - 1, self.earlier))?;
        let timeout = match self.left() {
            Some(left) if left.is_zero() => return Err(self.deadline_passed(self.earlier)),
            Some(left) => left.min(self.config.timeout),
            None => self.config.timeout,
        };
        trace_attempt(E::NAME, self.attempt, &request);
        Ok((request, timeout))
    }

    /// What is left of the deadline, if there is one.
    fn left(&self) -> Option<Duration> {
        let deadline = self.config.deadline?;
        Some(deadline.saturating_sub(self.started.elapsed()))
    }

    fn deadline_passed(&self, delivery: Delivery) -> Error {
        Error::Transport {
            endpoint: E::NAME,
            attempts: self.attempt,
            delivery,
            source: TransportError::Deadline(self.config.deadline.unwrap_or_default()),
        }
    }

    /// Whether to wait `delay` and try again, after an attempt that met
    /// `failure`; `None` to stop here.
    fn retry(&self, failure: Option<Failure>) -> Option<Duration> {
        let random = getrandom::u64().unwrap_or(u64::from(self.attempt));
        let safety = self.endpoint.safety();
        failure.and_then(|f| self.config.retry.delay(self.attempt, safety, f, random))
    }

    fn after(&mut self, sent: Result<Response<Bytes>, TransportError>) -> Step<E::Output> {
        match sent {
            Ok(response) => self.answered(response),
            Err(error) => self.failed(error),
        }
    }

    fn answered(&mut self, response: Response<Bytes>) -> Step<E::Output> {
        let status = response.status();
        if status.is_redirection() {
            return Step::Done(Err(Error::Redirect {
                endpoint: E::NAME,
                attempts: self.attempt,
                delivery: Delivery::Answered.after(self.earlier),
                status,
                location: response
                    .headers()
                    .get(http::header::LOCATION)
                    .and_then(|value| value.to_str().ok())
                    .map(without_query),
            }));
        }
        let failure = Failure::of_status(status, response.headers(), self.clock.now());
        if let Some(delay) = self.retry(failure) {
            if matches!(failure, Some(Failure::Unavailable { .. })) {
                self.earlier = Delivery::MaybeSent;
            }
            trace_retry(E::NAME, self.attempt, delay, &status);
            return self.wait(delay);
        }
        let (parts, body) = response.into_parts();
        let result = self
            .endpoint
            .response(Response::from_parts(parts, &body[..]));
        Step::Done(result.or_else(|error| {
            // After an attempt that may have acted, a refusal saying the
            // target is already as asked means that attempt did it.
            if let shop_apis_core::Error::Api { source, .. } = &error
                && self.earlier == Delivery::MaybeSent
                && let Some(done) = self.endpoint.already_done(source)
            {
                return Ok(done);
            }
            Err(Error::protocol_error(error, self.attempt, self.earlier))
        }))
    }

    fn failed(&mut self, error: TransportError) -> Step<E::Output> {
        // An attempt cut short by the deadline rather than its own timeout.
        let error = match error {
            TransportError::Timeout(limit) if limit < self.config.timeout => {
                TransportError::Deadline(self.config.deadline.unwrap_or(limit))
            }
            error => error,
        };
        let delivery = error.delivery().after(self.earlier);
        if let Some(delay) = self.retry(error.failure()) {
            self.earlier = delivery;
            trace_retry(E::NAME, self.attempt, delay, &error);
            return self.wait(delay);
        }
        Step::Done(Err(Error::Transport {
            endpoint: E::NAME,
            attempts: self.attempt,
            delivery,
            source: error,
        }))
    }

    /// Waits `delay` before the next attempt, unless that passes the deadline.
    fn wait(&mut self, delay: Duration) -> Step<E::Output> {
        if self.left().is_some_and(|left| delay >= left) {
            return Step::Done(Err(self.deadline_passed(self.earlier)));
        }
        self.attempt += 1;
        Step::Retry(delay)
    }
}

/// A `Location` without its query and fragment, which may carry a signature.
fn without_query(location: &str) -> String {
    let end = location.find(['?', '#']).unwrap_or(location.len());
    location[..end].to_owned()
}

/// Calls `endpoint` of `api` through `transport`: builds a request with a fresh
/// time and nonce for every attempt, sends it, retries as the configuration
/// allows within its deadline, and parses the answer.
pub async fn call<T, E>(
    transport: &T,
    config: &Config,
    clock: &dyn Clock,
    nonces: &dyn NonceSource,
    api: &E::Api,
    endpoint: &E,
) -> Result<E::Output, Error>
where
    T: Transport,
    E: Endpoint,
{
    let mut calling = Calling::new(config, clock, nonces, api, endpoint);
    let attempts = async {
        loop {
            let (request, timeout) = calling.request()?;
            let sent = transport.send(request, timeout).await;
            match calling.after(sent) {
                Step::Retry(delay) => transport.sleep(delay).await,
                Step::Done(result) => return result,
            }
        }
    };
    #[cfg(feature = "tracing")]
    let attempts = tracing::Instrument::instrument(attempts, call_span::<E>(endpoint));
    attempts.await
}

/// [`call`] for blocking transports; waits with [`std::thread::sleep`].
pub fn call_blocking<T, E>(
    transport: &T,
    config: &Config,
    clock: &dyn Clock,
    nonces: &dyn NonceSource,
    api: &E::Api,
    endpoint: &E,
) -> Result<E::Output, Error>
where
    T: BlockingTransport,
    E: Endpoint,
{
    let mut calling = Calling::new(config, clock, nonces, api, endpoint);
    #[cfg(feature = "tracing")]
    let _span = call_span::<E>(endpoint).entered();
    loop {
        let (request, timeout) = calling.request()?;
        match calling.after(transport.send(request, timeout)) {
            Step::Retry(delay) => std::thread::sleep(delay),
            Step::Done(result) => return result,
        }
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
/// use shop_apis_adapter::{Caller, Config, CountingNonce, FixedClock};
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
            &self.config,
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
            &self.config,
            &*self.clock,
            &*self.nonces,
            api,
            endpoint,
        )
    }
}
