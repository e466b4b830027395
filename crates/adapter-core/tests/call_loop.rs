//! The call loop against a scripted transport: which failures are retried for
//! which safety class, and that every attempt is stamped afresh.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::time::Duration;

use adapter_core::{
    BlockingTransport, CountingNonce, Error, FixedClock, RetryPolicy, TransportError, call_blocking,
};
use bytes::Bytes;
use http::{Request, Response};
use proto_core::{
    Api, BodyExcerpt, BuildError, Endpoint, ResponseError, Safety, Stamp, UnexpectedStatus,
};

/// An API whose signing step writes the stamp into a header.
#[derive(Debug)]
struct Signed;

impl Api for Signed {
    const NAME: &'static str = "signed";

    fn authorize(&self, request: &mut Request<Vec<u8>>, stamp: &Stamp) -> Result<(), BuildError> {
        let value = format!("{} {}", stamp.unix_seconds(), stamp.nonce());
        request
            .headers_mut()
            .insert("x-stamp", value.parse().unwrap());
        Ok(())
    }
}

/// An endpoint of any safety class that expects 200 and returns the body.
struct Call(Safety);

impl Endpoint for Call {
    type Api = Signed;
    type Output = Vec<u8>;
    const NAME: &'static str = "signed.Call";

    fn safety(&self) -> Safety {
        self.0
    }

    fn build(&self, _: &Signed) -> Result<Request<Vec<u8>>, BuildError> {
        Ok(Request::post("https://example.invalid/call")
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
}

impl Script {
    fn new(answers: Vec<Result<Response<Bytes>, TransportError>>) -> Script {
        Script {
            answers: RefCell::new(answers.into()),
            stamps: RefCell::default(),
        }
    }

    fn attempts(&self) -> usize {
        self.stamps.borrow().len()
    }
}

impl BlockingTransport for Script {
    fn send(&self, request: Request<Vec<u8>>) -> Result<Response<Bytes>, TransportError> {
        let stamp = request.headers()["x-stamp"].to_str().unwrap().to_owned();
        self.stamps.borrow_mut().push(stamp);
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
    call_blocking(
        script,
        policy,
        &FixedClock::at_unix(1_700_000_000),
        &CountingNonce::new("n"),
        &Signed,
        &Call(safety),
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
