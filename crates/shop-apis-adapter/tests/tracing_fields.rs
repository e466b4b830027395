//! With the `tracing` feature, calls are traced, and no field of any span or
//! event carries a secret: not the query, not a header, not the body.
#![cfg(feature = "tracing")]

use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Request, Response};
use shop_apis_adapter::{
    BlockingTransport, CountingNonce, FixedClock, RetryPolicy, TransportError, call_blocking,
};
use shop_apis_core::{Api, BuildError, Endpoint, ResponseError, Safety, Stamp};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

const SECRET: &str = "s3cr3t-t0ken";

/// Every field value of every span and event, as text.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Visit for Recorder {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{}={value:?}", field.name()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        self.0
            .lock()
            .unwrap()
            .push(format!("span {}", span.metadata().name()));
        span.record(&mut self.clone());
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        values.record(&mut self.clone());
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        event.record(&mut self.clone());
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[derive(Debug)]
struct Keyed;

impl Api for Keyed {
    const NAME: &'static str = "keyed";
}

struct Call;

impl Endpoint for Call {
    type Api = Keyed;
    type Output = ();
    const NAME: &'static str = "keyed.Call";
    fn safety(&self) -> Safety {
        Safety::Safe
    }
    fn build(&self, _: &Keyed, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        let uri = format!("https://example.invalid/path?token={SECRET}");
        let key = format!("OAuth key={SECRET}, nonce={}", stamp.nonce());
        Ok(Request::post(uri)
            .header(http::header::AUTHORIZATION, key)
            .body(format!("{{\"token\":\"{SECRET}\"}}").into_bytes())
            .unwrap())
    }
    fn parse(&self, _: Response<&[u8]>) -> Result<(), ResponseError> {
        Ok(())
    }
}

/// Fails once (so a retry is traced too), then answers.
struct Flaky(Mutex<bool>);

impl BlockingTransport for Flaky {
    fn send(
        &self,
        _: Request<Vec<u8>>,
        _: std::time::Duration,
    ) -> Result<Response<Bytes>, TransportError> {
        let mut failed = self.0.lock().unwrap();
        if *failed {
            Ok(Response::new(Bytes::new()))
        } else {
            *failed = true;
            Err(TransportError::OutcomeUnknown(
                format!("reset while sending {SECRET}?").into(),
            ))
        }
    }
}

#[test]
fn spans_and_events_carry_no_secret() {
    let recorder = Recorder::default();
    tracing::subscriber::with_default(recorder.clone(), || {
        let retry = RetryPolicy::standard().backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(1),
        );
        call_blocking(
            &Flaky(Mutex::new(false)),
            &shop_apis_adapter::Config::new("t/1").retry(retry),
            &FixedClock::at_unix(0),
            &CountingNonce::new("n"),
            &Keyed,
            &Call,
        )
        .unwrap();
    });
    let fields = recorder.0.lock().unwrap().clone();
    let text = fields.join("\n");
    assert!(text.contains("span shop_api.call"), "{text}");
    assert!(text.contains("endpoint=\"keyed.Call\""), "{text}");
    assert!(text.contains("path=\"/path\""), "{text}");
    assert!(text.contains("retrying"), "{text}");
    let leaks: Vec<_> = fields.iter().filter(|f| f.contains(SECRET)).collect();
    // Not even from the transport error's cause: events show its own message only.
    assert!(leaks.is_empty(), "secret in a field: {leaks:?}");
}
