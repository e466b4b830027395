//! Every transport fault through every adapter, for an endpoint of each
//! safety class: the right typed error without retries; with the opt-in
//! retry policy, safe and idempotent endpoints recover, and an unsafe one
//! reports "outcome unknown" after exactly one request.

use std::time::Duration;

use shop_apis_adapter::{Config, Delivery, Error, TransportError};
use shop_apis_core::{Endpoint, Safety};
use shop_apis_emulator::{Api as Served, Fault};

use crate::harness::{self, Adapter, Harness};
use crate::secrets::{Clients, accepted};

const LIMIT: usize = 64 * 1024;
const TIMEOUT: Duration = Duration::from_millis(400);

/// What a call gave, as the user would tell it apart.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Seen {
    Ok,
    NotSent,
    OutcomeUnknown,
    Timeout,
    Status(u16),
    TooLarge,
    Other(String),
}

fn seen<T>(result: &Result<T, Error>) -> Seen {
    let Err(error) = result else {
        return Seen::Ok;
    };
    match error {
        Error::Transport { source, .. } => match source {
            TransportError::Connect(_) | TransportError::NotSent(_) => Seen::NotSent,
            TransportError::OutcomeUnknown(_) => Seen::OutcomeUnknown,
            TransportError::Timeout(_) => Seen::Timeout,
            TransportError::BodyTooLarge { .. } => Seen::TooLarge,
            other => Seen::Other(format!("{other:?}")),
        },
        Error::Protocol { source, .. } => match source.as_ref() {
            shop_apis_core::Error::Status { source, .. } => Seen::Status(source.status.as_u16()),
            other => Seen::Other(format!("{other:?}")),
        },
        other => Seen::Other(format!("{other:?}")),
    }
}

/// A fault, or nothing listening at all.
#[derive(Debug, Clone)]
enum Trouble {
    Refused,
    Fault(Fault),
}

fn troubles() -> Vec<Trouble> {
    let slow = TIMEOUT * 3;
    let mut list = vec![Trouble::Refused];
    list.extend(
        [
            Fault::ResetBeforeRead,
            Fault::ResetAfterRead,
            Fault::DelayHeaders(slow),
            Fault::DelayBody(slow),
            Fault::ServerError {
                status: 503,
                retry_after: None,
            },
            Fault::HtmlErrorPage(502),
            Fault::TruncatedBody,
            Fault::OversizedBody(LIMIT + 1),
            Fault::OversizedChunkedBody(4 * LIMIT),
        ]
        .map(Trouble::Fault),
    );
    list
}

/// Whether each trouble's request may have reached the server, as the
/// error says: nothing listening never carried it; a gateway's 502 or 503
/// may have been acted on behind it, as may a reset, a cut or slow answer;
/// a body over the cap was answered.
fn delivery(trouble: &Trouble) -> Delivery {
    match trouble {
        Trouble::Refused => Delivery::NotSent,
        Trouble::Fault(Fault::OversizedBody(_) | Fault::OversizedChunkedBody(_)) => {
            Delivery::Answered
        }
        Trouble::Fault(_) => Delivery::MaybeSent,
    }
}

/// What each trouble gives with retries off, whatever the endpoint.
fn without_retries(trouble: &Trouble) -> Seen {
    match trouble {
        Trouble::Refused => Seen::NotSent,
        Trouble::Fault(fault) => match fault {
            Fault::ResetBeforeRead | Fault::ResetAfterRead | Fault::TruncatedBody => {
                Seen::OutcomeUnknown
            }
            Fault::DelayHeaders(_) | Fault::DelayBody(_) => Seen::Timeout,
            Fault::ServerError { status, .. } => Seen::Status(*status),
            Fault::HtmlErrorPage(status) => Seen::Status(*status),
            Fault::OversizedBody(_) | Fault::OversizedChunkedBody(_) => Seen::TooLarge,
            other => panic!("no expectation for {other:?}"),
        },
    }
}

/// What each trouble, once, gives with retries on, and how many requests
/// reach the server.
fn with_retries(trouble: &Trouble, safety: Safety) -> (Seen, usize) {
    let first = without_retries(trouble);
    match (trouble, safety.may_repeat()) {
        // Nothing was sent, so repeating is safe for any endpoint; nothing
        // listens on the second try either.
        (Trouble::Refused, _) => (Seen::NotSent, 0),
        // A body over the limit is not a fault a retry can cure.
        (_, _) if first == Seen::TooLarge => (Seen::TooLarge, 1),
        (_, true) => (Seen::Ok, 2),
        // An unsafe endpoint is never repeated: one request, and the error.
        (_, false) => (first, 1),
    }
}

fn config() -> Config {
    harness::config().timeout(TIMEOUT).max_response_bytes(LIMIT)
}

/// An endpoint's class, what its call gave, and the error's delivery.
type Called = (Safety, Seen, Option<Delivery>);

/// One endpoint of each class and the route its requests take.
struct Subject {
    route: &'static str,
    call: fn(&Harness, Adapter, &Clients, u32) -> Called,
}

fn subjects() -> [Subject; 3] {
    fn run<E: Endpoint>(harness: &Harness, adapter: Adapter, api: &E::Api, e: E) -> Called {
        let result = harness.call(adapter, api, &e);
        (
            e.safety(),
            seen(&result),
            result.err().map(|e| e.delivery()),
        )
    }
    [
        Subject {
            route: "/saplab/panel/manager",
            call: |h, a, c, _| run(h, a, &c.saplab, saplab_proto::ListManagers),
        },
        Subject {
            route: "/qnits/api",
            call: |h, a, c, n| {
                let order = qnits_proto::CreateOrder::new(
                    "Иванов Иван",
                    "79123211232",
                    qnits_proto::ExternalId::new(format!("fault-{n}")).unwrap(),
                    vec![qnits_proto::Product::new(qnits_proto::ProductId::new(7), 1)],
                );
                run(h, a, &c.qnits, order)
            },
        },
        Subject {
            route: "/saplab/panel/order/pay/",
            call: |h, a, c, _| {
                run(
                    h,
                    a,
                    &c.saplab,
                    saplab_proto::PayPosition::new(saplab_proto::PositionId::new(20)),
                )
            },
        },
    ]
}

fn matrix(retries: bool) {
    let config = if retries {
        config().retry(harness::retrying())
    } else {
        config()
    };
    let harness = Harness::with_config(config);
    let emulator = &harness.emulator;
    let base = |api| emulator.base_url(api);
    let clients = Clients::new(&base, &accepted(), false);
    let closed = harness::closed_port_url();
    let nowhere = Clients::new(
        &|api: Served| format!("{closed}{}", api.prefix()),
        &accepted(),
        false,
    );
    let mut case = 0;
    let mut classes = Vec::new();
    for adapter in Adapter::ALL {
        for subject in subjects() {
            for trouble in troubles() {
                case += 1;
                let sent = |route: &str| {
                    emulator
                        .requests()
                        .iter()
                        .filter(|r| r.path_and_query.starts_with(route))
                        .count()
                };
                let before = sent(subject.route);
                let (safety, got, delivered) = match &trouble {
                    Trouble::Refused => (subject.call)(&harness, adapter, &nowhere, case),
                    Trouble::Fault(fault) => {
                        emulator.faults().inject(subject.route, fault.clone(), 1);
                        (subject.call)(&harness, adapter, &clients, case)
                    }
                };
                emulator.faults().clear();
                let (expected, requests) = if retries {
                    with_retries(&trouble, safety)
                } else {
                    let reached = usize::from(!matches!(trouble, Trouble::Refused));
                    (without_retries(&trouble), reached)
                };
                let what = format!("{adapter:?}, {safety:?} {}, {trouble:?}", subject.route);
                assert_eq!(got, expected, "{what}");
                if let Some(delivered) = delivered {
                    assert_eq!(delivered, delivery(&trouble), "{what}: delivery");
                }
                // Give a slowed answer time to be logged before counting.
                if matches!(
                    trouble,
                    Trouble::Fault(Fault::DelayHeaders(_) | Fault::DelayBody(_))
                ) {
                    std::thread::sleep(TIMEOUT * 3);
                }
                assert_eq!(sent(subject.route) - before, requests, "{what}: requests");
                classes.push(safety);
            }
        }
    }
    for class in [Safety::Safe, Safety::Idempotent, Safety::Unsafe] {
        assert!(classes.contains(&class), "{class:?} covered");
    }
}

#[test]
fn every_fault_without_retries() {
    matrix(false);
}

#[test]
fn every_fault_with_retries() {
    matrix(true);
}
