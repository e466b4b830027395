//! The call loop against a scripted transport: which failures are retried for
//! which safety class, and that every attempt is stamped afresh.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use bytes::Bytes;
use http::{Request, Response};
use shop_apis_adapter::{
    BlockingTransport, Config, CountingNonce, Delivery, Error, FixedClock, RetryPolicy,
    TransportError, call_blocking,
};
use shop_apis_core::{
    Api, ApiError, BodyExcerpt, BuildError, BuildErrorKind, Endpoint, ResponseError, Safety, Stamp,
    UnexpectedStatus,
};

/// An API whose requests carry the stamp they were built at in a header.
#[derive(Debug)]
struct Signed;

impl Api for Signed {
    const NAME: &'static str = "signed";
}

/// An endpoint of any safety class that expects 200 and returns the body;
/// its request names the stamp it was built at, as a signature would.
struct Call(Safety);

impl Endpoint for Call {
    type Api = Signed;
    type Output = Vec<u8>;
    const NAME: &'static str = "signed.Call";

    fn safety(&self) -> Safety {
        self.0
    }

    fn build(&self, _: &Signed, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        Ok(Request::post("https://example.invalid/call")
            .header(
                "x-stamp",
                format!("{} {}", stamp.unix_seconds(), stamp.nonce()),
            )
            .body(b"x".to_vec())
            .unwrap())
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Vec<u8>, ResponseError> {
        if response.status() == 200 {
            Ok(response.body().to_vec())
        } else {
            Err(UnexpectedStatus::new(response.status(), BodyExcerpt::of(response.body())).into())
        }
    }
}

/// Answers from a script, one per attempt, and remembers each request's stamp.
#[derive(Default)]
struct Script {
    answers: RefCell<VecDeque<Result<Response<Bytes>, TransportError>>>,
    stamps: RefCell<Vec<String>>,
    /// The timeout each attempt was given.
    timeouts: RefCell<Vec<Duration>>,
    /// How long each attempt takes.
    each: Duration,
}

impl Script {
    fn new(answers: Vec<Result<Response<Bytes>, TransportError>>) -> Script {
        Script {
            answers: RefCell::new(answers.into()),
            ..Script::default()
        }
    }

    /// A script whose every attempt takes `each`.
    fn slow(answers: Vec<Result<Response<Bytes>, TransportError>>, each: Duration) -> Script {
        Script {
            each,
            ..Script::new(answers)
        }
    }

    fn attempts(&self) -> usize {
        self.stamps.borrow().len()
    }
}

impl BlockingTransport for Script {
    fn send(
        &self,
        request: Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        let stamp = request.headers()["x-stamp"].to_str().unwrap().to_owned();
        self.stamps.borrow_mut().push(stamp);
        self.timeouts.borrow_mut().push(timeout);
        std::thread::sleep(self.each);
        self.answers
            .borrow_mut()
            .pop_front()
            .expect("the script has an answer for every attempt")
    }
}

fn ok() -> Result<Response<Bytes>, TransportError> {
    Ok(Response::new(Bytes::from_static(b"done")))
}

fn status(code: u16, retry_after: Option<&str>) -> Result<Response<Bytes>, TransportError> {
    let mut response = Response::builder().status(code);
    if let Some(seconds) = retry_after {
        response = response.header("retry-after", seconds);
    }
    Ok(response.body(Bytes::new()).unwrap())
}

fn refused() -> Result<Response<Bytes>, TransportError> {
    Err(TransportError::Connect("connection refused".into()))
}

fn reset() -> Result<Response<Bytes>, TransportError> {
    Err(TransportError::OutcomeUnknown("connection reset".into()))
}

fn retrying() -> RetryPolicy {
    RetryPolicy::standard().backoff(Duration::from_millis(1), Duration::from_millis(2))
}

fn run(script: &Script, policy: &RetryPolicy, safety: Safety) -> Result<Vec<u8>, Error> {
    run_with(
        script,
        &Config::new("t/1").retry(policy.clone()),
        &Call(safety),
    )
}

fn run_with<E: Endpoint<Api = Signed>>(
    script: &Script,
    config: &Config,
    endpoint: &E,
) -> Result<E::Output, Error> {
    call_blocking(
        script,
        config,
        &FixedClock::at_unix(1_700_000_000),
        &CountingNonce::new("n"),
        &Signed,
        endpoint,
    )
}

#[test]
fn unsafe_outcome_unknown_is_never_retried() {
    let script = Script::new(vec![reset(), ok()]);
    let error = run(&script, &retrying(), Safety::Unsafe).unwrap_err();
    assert_eq!(script.attempts(), 1);
    assert!(error.is_outcome_unknown());
    assert_eq!(
        error.to_string(),
        "signed.Call: outcome unknown after 1 attempt(s)"
    );
    let source = std::error::Error::source(&error).unwrap();
    assert!(
        source.to_string().starts_with("outcome unknown"),
        "{source}"
    );
}

#[test]
fn unsafe_not_sent_is_retried() {
    let script = Script::new(vec![refused(), refused(), ok()]);
    assert_eq!(run(&script, &retrying(), Safety::Unsafe).unwrap(), b"done");
    assert_eq!(script.attempts(), 3);
}

#[test]
fn safe_and_idempotent_outcome_unknown_are_retried() {
    for safety in [Safety::Safe, Safety::Idempotent] {
        let script = Script::new(vec![reset(), reset(), ok()]);
        assert_eq!(run(&script, &retrying(), safety).unwrap(), b"done");
        assert_eq!(script.attempts(), 3, "{safety:?}");
    }
}

#[test]
fn unavailable_is_retried_only_when_repeating_is_harmless() {
    let script = Script::new(vec![status(503, None), ok()]);
    let error = run(&script, &retrying(), Safety::Unsafe).unwrap_err();
    assert_eq!(script.attempts(), 1);
    assert_eq!(
        error.protocol().and_then(|e| e.status()),
        Some(http::StatusCode::SERVICE_UNAVAILABLE)
    );

    let script = Script::new(vec![status(502, None), status(504, None), ok()]);
    assert!(run(&script, &retrying(), Safety::Idempotent).is_ok());
    assert_eq!(script.attempts(), 3);
}

#[test]
fn throttled_is_retried_for_any_endpoint() {
    let script = Script::new(vec![status(429, Some("0")), ok()]);
    assert!(run(&script, &retrying(), Safety::Unsafe).is_ok());
    assert_eq!(script.attempts(), 2);
}

#[test]
fn a_retry_after_beyond_the_limit_ends_the_call() {
    let script = Script::new(vec![status(429, Some("3600")), ok()]);
    let error = run(&script, &retrying(), Safety::Safe).unwrap_err();
    assert_eq!(script.attempts(), 1);
    assert_eq!(
        error.protocol().and_then(|e| e.status()),
        Some(http::StatusCode::TOO_MANY_REQUESTS)
    );
}

#[test]
fn no_retries_by_default() {
    for answer in [refused(), reset(), status(503, None)] {
        let script = Script::new(vec![answer, ok()]);
        assert!(run(&script, &RetryPolicy::never(), Safety::Safe).is_err());
        assert_eq!(script.attempts(), 1);
    }
}

#[test]
fn failures_that_repeating_cannot_cure_end_the_call() {
    let body_too_large = Err(TransportError::BodyTooLarge {
        status: http::StatusCode::OK,
        limit: 1,
    });
    let tls = Err(TransportError::Tls("invalid peer certificate".into()));
    for answer in [body_too_large, tls] {
        let script = Script::new(vec![answer, ok()]);
        assert!(run(&script, &retrying(), Safety::Safe).is_err());
        assert_eq!(script.attempts(), 1);
    }
}

#[test]
fn every_attempt_is_stamped_afresh() {
    let script = Script::new(vec![refused(), reset(), ok()]);
    run(&script, &retrying(), Safety::Safe).unwrap();
    assert_eq!(
        *script.stamps.borrow(),
        ["1700000000 n-1", "1700000000 n-2", "1700000000 n-3"]
    );
}

#[test]
fn attempts_are_counted_in_the_error() {
    let script = Script::new(vec![refused(), refused(), refused(), refused()]);
    let error = run(&script, &retrying(), Safety::Unsafe).unwrap_err();
    assert!(
        matches!(error, Error::Transport { attempts: 4, .. }),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "signed.Call: not sent after 4 attempt(s)"
    );
}

/// An idempotent delete: 200 is done, 404 a refusal that, after an attempt
/// whose outcome is unknown, means that attempt deleted it.
struct Delete;

impl Endpoint for Delete {
    type Api = Signed;
    type Output = &'static str;
    const NAME: &'static str = "signed.Delete";

    fn safety(&self) -> Safety {
        Safety::Idempotent
    }

    fn build(&self, api: &Signed, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        Call(Safety::Idempotent).build(api, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<&'static str, ResponseError> {
        match response.status().as_u16() {
            200 => Ok("deleted"),
            404 => Err(ApiError::new(response.status()).into()),
            _ => Err(UnexpectedStatus::new(response.status(), BodyExcerpt::of(b"")).into()),
        }
    }

    fn already_done(&self, refusal: &ApiError) -> Option<&'static str> {
        (refusal.status == 404).then_some("already deleted")
    }
}

/// Refused before anything is sent.
struct Invalid;

impl Endpoint for Invalid {
    type Api = Signed;
    type Output = ();
    const NAME: &'static str = "signed.Invalid";

    fn safety(&self) -> Safety {
        Safety::Unsafe
    }

    fn build(&self, _: &Signed, _: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        Err(BuildError::new("name", BuildErrorKind::Blank))
    }

    fn parse(&self, _: Response<&[u8]>) -> Result<(), ResponseError> {
        Ok(())
    }
}

#[test]
fn every_error_says_whether_the_request_was_sent() {
    let never = Config::new("t/1");
    let error = run_with(&Script::new(vec![]), &never, &Invalid).unwrap_err();
    assert_eq!((error.attempts(), error.delivery()), (0, Delivery::NotSent));

    let error = run(
        &Script::new(vec![refused()]),
        &RetryPolicy::never(),
        Safety::Safe,
    )
    .unwrap_err();
    assert_eq!((error.attempts(), error.delivery()), (1, Delivery::NotSent));

    let error = run(
        &Script::new(vec![status(500, None)]),
        &RetryPolicy::never(),
        Safety::Unsafe,
    )
    .unwrap_err();
    assert_eq!(
        (error.attempts(), error.delivery()),
        (1, Delivery::Answered)
    );
    assert!(!error.is_outcome_unknown());
}

#[test]
fn a_final_gateway_error_is_outcome_unknown_for_any_endpoint() {
    for code in [502, 503, 504] {
        let script = Script::new(vec![status(code, None)]);
        let error = run(&script, &retrying(), Safety::Unsafe).unwrap_err();
        assert_eq!(script.attempts(), 1);
        assert!(error.is_outcome_unknown(), "{code}: {error:?}");
        assert!(
            error
                .to_string()
                .ends_with("; outcome unknown: the request may have taken effect"),
            "{error}"
        );
    }
}

#[test]
fn a_refusal_after_an_unknown_outcome_is_outcome_unknown() {
    let script = Script::new(vec![reset(), status(400, None)]);
    let error = run(&script, &retrying(), Safety::Idempotent).unwrap_err();
    assert_eq!(
        (error.attempts(), error.delivery()),
        (2, Delivery::MaybeSent)
    );
    assert!(error.protocol().is_some());
    // A 429 in between says nothing about the first attempt's effect.
    let script = Script::new(vec![status(429, Some("0")), status(400, None)]);
    let error = run(&script, &retrying(), Safety::Idempotent).unwrap_err();
    assert_eq!(
        (error.attempts(), error.delivery()),
        (2, Delivery::Answered)
    );
}

#[test]
fn already_done_counts_only_after_an_unknown_outcome() {
    let config = Config::new("t/1").retry(retrying());
    let script = Script::new(vec![reset(), status(404, None)]);
    assert_eq!(
        run_with(&script, &config, &Delete).unwrap(),
        "already deleted"
    );
    assert_eq!(script.attempts(), 2);

    let script = Script::new(vec![status(404, None)]);
    let error = run_with(&script, &config, &Delete).unwrap_err();
    assert!(error.refusal().is_some(), "{error:?}");
    assert_eq!(error.delivery(), Delivery::Answered);
}

#[test]
fn redirects_are_answers_never_followed_nor_retried() {
    for code in [301, 302, 303, 307, 308] {
        let redirect = Response::builder()
            .status(code)
            .header(
                "location",
                "https://elsewhere.example/api?oauth_signature=abc#top",
            )
            .body(Bytes::new())
            .unwrap();
        let script = Script::new(vec![Ok(redirect), ok()]);
        let error = run(&script, &retrying(), Safety::Safe).unwrap_err();
        assert_eq!(script.attempts(), 1);
        let Error::Redirect {
            status, location, ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(status.as_u16(), code);
        assert_eq!(location.as_deref(), Some("https://elsewhere.example/api"));
        assert_eq!(error.delivery(), Delivery::Answered);
        assert!(!error.to_string().contains("oauth_signature"), "{error}");
    }
}

#[test]
fn the_deadline_bounds_every_attempt_and_the_back_off() {
    let deadline = Duration::from_millis(300);
    let config = Config::new("t/1")
        .timeout(Duration::from_secs(30))
        .retry(retrying().max_attempts(100))
        .deadline(deadline);
    let script = Script::slow(
        (0..100).map(|_| reset()).collect(),
        Duration::from_millis(40),
    );
    let started = std::time::Instant::now();
    let error = run_with(&script, &config, &Call(Safety::Safe)).unwrap_err();
    assert!(
        matches!(error.transport(), Some(TransportError::Deadline(d)) if *d == deadline),
        "{error:?}"
    );
    assert!(error.is_outcome_unknown());
    assert!(started.elapsed() < Duration::from_secs(5));
    let timeouts = script.timeouts.borrow();
    assert!(timeouts.len() > 1 && timeouts.len() < 100, "{timeouts:?}");
    assert!(timeouts.iter().all(|t| *t <= deadline), "{timeouts:?}");
    assert!(timeouts.windows(2).all(|w| w[1] < w[0]), "{timeouts:?}");
}

#[test]
fn an_attempt_cut_by_the_deadline_is_a_deadline_error() {
    let config = Config::new("t/1").deadline(Duration::from_millis(50));
    let script = Script::new(vec![Err(TransportError::Timeout(Duration::from_millis(
        50,
    )))]);
    let error = run_with(&script, &config, &Call(Safety::Unsafe)).unwrap_err();
    assert!(
        matches!(error.transport(), Some(TransportError::Deadline(_))),
        "{error:?}"
    );
    assert!(script.timeouts.borrow()[0] <= Duration::from_millis(50));
}

/// An async transport whose every attempt is refused before sending, and
/// whose wait oversleeps by `overslept`, as a loaded runtime may.
struct Oversleeping {
    sends: std::sync::Mutex<u32>,
    overslept: Duration,
}

impl shop_apis_adapter::Transport for Oversleeping {
    async fn send(
        &self,
        _: Request<Vec<u8>>,
        _: Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        *self.sends.lock().unwrap() += 1;
        refused()
    }

    async fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration + self.overslept);
    }
}

#[test]
fn a_deadline_passed_while_waiting_is_reported_and_nothing_more_is_sent() {
    // The back-off (at most 2 ms) fits in the deadline, but the wait ends
    // after it: the next attempt must not start with no time left.
    let config = Config::new("t/1")
        .retry(retrying().max_attempts(5))
        .deadline(Duration::from_millis(100));
    let transport = Oversleeping {
        sends: std::sync::Mutex::new(0),
        overslept: Duration::from_millis(200),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let error = runtime
        .block_on(shop_apis_adapter::call(
            &transport,
            &config,
            &FixedClock::at_unix(1_700_000_000),
            &CountingNonce::new("n"),
            &Signed,
            &Call(Safety::Unsafe),
        ))
        .unwrap_err();
    assert_eq!(*transport.sends.lock().unwrap(), 1, "{error:?}");
    assert!(
        matches!(error.transport(), Some(TransportError::Deadline(_))),
        "{error:?}"
    );
    // Only the first attempt was tried, and it never left.
    assert_eq!(error.delivery(), Delivery::NotSent, "{error:?}");
}
