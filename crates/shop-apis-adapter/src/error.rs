use std::time::Duration;

use http::StatusCode;

use crate::retry::Failure;

/// Any error an HTTP library reports, boxed.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Something went wrong between sending the request and holding the whole answer.
///
/// Each variant says whether the request can have reached the server: a
/// failure before it was sent is harmless to repeat; one after it ("outcome
/// unknown") may have taken effect.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TransportError {
    /// The connection could not be made; the request was not sent.
    #[error("could not connect; the request was not sent")]
    Connect(#[source] BoxError),
    /// Connecting took longer than the connect timeout; the request was not sent.
    #[error("connecting timed out after {0:?}; the request was not sent")]
    ConnectTimeout(Duration),
    /// The connection failed before a byte of the request was written (it
    /// closed while the request waited for it); the request was not sent.
    #[error("the connection failed before the request was written; it was not sent")]
    NotSent(#[source] BoxError),
    /// The TLS handshake failed (a certificate, a protocol version); the
    /// request was not sent.
    #[error("TLS failed; the request was not sent")]
    Tls(#[source] BoxError),
    /// No complete answer within the timeout, after the request may have been
    /// sent: the outcome is unknown.
    #[error("outcome unknown: no complete answer within {0:?}; the request may have taken effect")]
    Timeout(Duration),
    /// The call's deadline ([`Config::deadline`](crate::Config::deadline))
    /// passed, back-off included: during an attempt (whose outcome is then
    /// unknown) or before the next one would have started.
    #[error("the call's deadline of {0:?} passed")]
    Deadline(std::time::Duration),
    /// The connection failed after the request was (maybe partly) sent, or the
    /// answer was cut short: the outcome is unknown.
    #[error(
        "outcome unknown: the connection failed after the request was sent; it may have taken effect"
    )]
    OutcomeUnknown(#[source] BoxError),
    /// The answer's body was larger than the configured limit; it was not read.
    #[error("HTTP {}: the response body is larger than the limit of {limit} bytes", status.as_u16())]
    BodyTooLarge {
        /// The answer's status.
        status: StatusCode,
        /// The limit in bytes.
        limit: usize,
    },
    /// The HTTP library followed a redirect it was given no say in (a
    /// `reqwest::Client` built with its default policy and handed to
    /// `from_reqwest`): the request went to `to` as well, so its outcome is
    /// unknown. Clients the adapters build follow none.
    #[error("outcome unknown: the HTTP library followed a redirect to {to}")]
    RedirectFollowed {
        /// Where it went: scheme, host and path (the query is left out; it
        /// may carry a signature).
        to: String,
    },
    /// The HTTP library refused the request before sending it.
    #[error("the request could not be sent")]
    Other(#[source] BoxError),
}

impl TransportError {
    /// Classifies a failure to connect: a timeout, a TLS failure, or any other
    /// (refused, unreachable, DNS). HTTP libraries report all three as "connect
    /// errors"; the cause chain tells them apart (an I/O `TimedOut`; an I/O
    /// `InvalidData`, which TLS libraries report, or a mention of TLS or a
    /// certificate).
    pub fn from_connect_error(error: BoxError, connect_timeout: Duration) -> TransportError {
        let mut timed_out = false;
        let mut tls = false;
        for current in causes(&*error) {
            if let Some(io) = current.downcast_ref::<std::io::Error>() {
                timed_out |= io.kind() == std::io::ErrorKind::TimedOut;
                // TCP never yields malformed data; a TLS handshake does.
                tls |= io.kind() == std::io::ErrorKind::InvalidData;
            }
            let text = current.to_string().to_ascii_lowercase();
            timed_out |= text.contains("timed out") || text.contains("timeout");
            tls |=
                text.contains("tls") || text.contains("certificate") || text.contains("handshake");
        }
        if timed_out {
            TransportError::ConnectTimeout(connect_timeout)
        } else if tls {
            TransportError::Tls(error)
        } else {
            TransportError::Connect(error)
        }
    }

    /// The failure as the retry policy sees it; `None` for failures that
    /// repeating cannot cure (TLS, a body too large, a refused request).
    pub fn failure(&self) -> Option<Failure> {
        match self {
            TransportError::Connect(_)
            | TransportError::ConnectTimeout(_)
            | TransportError::NotSent(_) => Some(Failure::NotSent),
            TransportError::Timeout(_) | TransportError::OutcomeUnknown(_) => {
                Some(Failure::OutcomeUnknown)
            }
            // Never repeated: the deadline has passed, and a request that
            // went to another host must not go there again.
            TransportError::Deadline(_)
            | TransportError::RedirectFollowed { .. }
            | TransportError::Tls(_)
            | TransportError::BodyTooLarge { .. }
            | TransportError::Other(_) => None,
        }
    }

    /// Whether the request may have taken effect without an answer arriving.
    pub fn is_outcome_unknown(&self) -> bool {
        self.delivery() == Delivery::MaybeSent
    }

    /// Whether this attempt's request may have reached the server.
    pub fn delivery(&self) -> Delivery {
        match self {
            TransportError::Connect(_)
            | TransportError::ConnectTimeout(_)
            | TransportError::NotSent(_)
            | TransportError::Tls(_)
            | TransportError::Other(_) => Delivery::NotSent,
            TransportError::Timeout(_)
            | TransportError::Deadline(_)
            | TransportError::OutcomeUnknown(_)
            | TransportError::RedirectFollowed { .. } => Delivery::MaybeSent,
            TransportError::BodyTooLarge { .. } => Delivery::Answered,
        }
    }
}

/// Whether a failed call's request may have reached the server, and so
/// whether it may have taken effect.
///
/// The model is the AWS SDK orchestrator's taxonomy: a request refused
/// while it was built, or a connection that never carried it, is
/// [`NotSent`](Delivery::NotSent); a timeout, a reset, a cut answer or a
/// 502–504 from a gateway is [`MaybeSent`](Delivery::MaybeSent); a refusal,
/// an unexpected status or an undecodable body is
/// [`Answered`](Delivery::Answered). A call of several attempts is
/// `MaybeSent` if any attempt was, whatever the last one met: a refusal of a
/// retried order may mean the first attempt created it.
///
/// ```
/// use shop_apis_adapter::{Delivery, TransportError};
/// use std::time::Duration;
/// assert_eq!(TransportError::Timeout(Duration::from_secs(30)).delivery(), Delivery::MaybeSent);
/// assert!(Delivery::Answered.reached_server());
/// assert!(!Delivery::NotSent.reached_server());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Delivery {
    /// No attempt reached the server: nothing happened there.
    NotSent,
    /// An attempt may have reached the server and no answer says what it
    /// did: the request may have taken effect.
    MaybeSent,
    /// The server answered, and no earlier attempt is in doubt: the answer
    /// says what happened.
    Answered,
}

impl Delivery {
    /// Whether the request may have reached the server.
    pub fn reached_server(self) -> bool {
        self != Delivery::NotSent
    }

    /// This delivery after an earlier attempt: `MaybeSent` if either was.
    ///
    /// ```
    /// use shop_apis_adapter::Delivery;
    /// assert_eq!(Delivery::Answered.after(Delivery::MaybeSent), Delivery::MaybeSent);
    /// assert_eq!(Delivery::NotSent.after(Delivery::NotSent), Delivery::NotSent);
    /// ```
    pub fn after(self, earlier: Delivery) -> Delivery {
        if earlier == Delivery::MaybeSent {
            Delivery::MaybeSent
        } else {
            self
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Delivery::NotSent => "not sent",
            Delivery::MaybeSent => "outcome unknown",
            Delivery::Answered => "answered",
        }
    }
}

/// The HTTP library could not build its client (TLS could not be set up on
/// this system, say); returned by the adapters' constructors.
///
/// ```
/// let error = shop_apis_adapter::SetupError::new("no TLS backend".into());
/// assert_eq!(error.to_string(), "the HTTP client could not be built");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("the HTTP client could not be built")]
pub struct SetupError(#[source] BoxError);

impl SetupError {
    /// The library's own error, boxed.
    pub fn new(source: BoxError) -> Self {
        SetupError(source)
    }
}

/// `error` and its sources, outermost first. An `io::Error`'s own `source`
/// skips the error it wraps, so that one is taken instead.
fn causes<'a>(
    error: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(error), |current| {
        match current.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => current.source(),
        }
    })
}

/// The first error of type `T` in `error`'s cause chain: how an adapter finds
/// its HTTP library's own error inside a wrapper.
///
/// ```
/// let wrapped = std::io::Error::other(std::fmt::Error);
/// assert!(shop_apis_adapter::find_cause::<std::fmt::Error>(&wrapped).is_some());
/// let found = shop_apis_adapter::find_cause::<std::io::Error>(&wrapped).unwrap();
/// assert_eq!(found.kind(), std::io::ErrorKind::Other); // the outermost match
/// assert!(shop_apis_adapter::find_cause::<std::num::ParseIntError>(&wrapped).is_none());
/// ```
pub fn find_cause<'a, T: std::error::Error + 'static>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    causes(error).find_map(|current| current.downcast_ref::<T>())
}

/// An adapter's error: the transport's, the protocol's, or a redirect not
/// followed; each with the endpoint named, the number of attempts made, and
/// whether the request may have reached the server ([`Delivery`]).
///
/// ```
/// use shop_apis_adapter::{Delivery, Error, TransportError};
/// let error = Error::Transport {
///     endpoint: "qnits.CreateOrder",
///     attempts: 1,
///     delivery: Delivery::MaybeSent,
///     source: TransportError::Timeout(std::time::Duration::from_secs(30)),
/// };
/// assert!(error.is_outcome_unknown());
/// assert_eq!(error.attempts(), 1);
/// assert_eq!(error.to_string(), "qnits.CreateOrder: outcome unknown after 1 attempt(s)");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be completed over the network (a dispatch
    /// failure or a timeout).
    Transport {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// How many times the request was sent.
        attempts: u32,
        /// Whether the request, in any attempt, may have reached the server.
        delivery: Delivery,
        /// What failed last.
        source: TransportError,
    },
    /// The input was refused before sending (a construction failure, with
    /// `attempts` 0 and [`Delivery::NotSent`]), or the answer was a refusal,
    /// an unexpected status or undecodable (a response error).
    Protocol {
        /// How many times the request was sent.
        attempts: u32,
        /// Whether the request, in any attempt, may have reached the server:
        /// [`Delivery::MaybeSent`] for a 502–504 from a gateway and for any
        /// answer after an attempt whose outcome is unknown.
        delivery: Delivery,
        /// The protocol crate's error (boxed: it is large, and rare).
        source: Box<shop_apis_core::Error>,
    },
    /// The server answered with a redirect (3xx), which is never followed:
    /// the request, with its credentials, goes only where it was built for.
    /// Nothing was acted on by the server asked; update the base URL if the
    /// shop has moved.
    Redirect {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// How many times the request was sent.
        attempts: u32,
        /// [`Delivery::Answered`], unless an earlier attempt's outcome is unknown.
        delivery: Delivery,
        /// The answer's status (301, 302, 303, 307, 308, …).
        status: http::StatusCode,
        /// The `Location` it named: scheme, host and path, without the query
        /// (which may carry a signature back); `None` if there was none or it
        /// was not text.
        location: Option<String>,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Transport {
                endpoint,
                attempts,
                delivery,
                ..
            } => write!(
                f,
                "{endpoint}: {} after {attempts} attempt(s)",
                delivery.describe()
            ),
            // The protocol error's own words, and what the attempts add.
            Error::Protocol {
                attempts,
                delivery,
                source,
            } => {
                write!(f, "{source}")?;
                if *attempts > 1 {
                    write!(f, " after {attempts} attempt(s)")?;
                }
                if *delivery == Delivery::MaybeSent {
                    f.write_str("; outcome unknown: the request may have taken effect")?;
                }
                Ok(())
            }
            Error::Redirect {
                endpoint,
                status,
                location,
                ..
            } => write!(
                f,
                "{endpoint}: HTTP {} redirect to {}, not followed",
                status.as_u16(),
                location.as_deref().unwrap_or("nowhere (no Location)")
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } => Some(source),
            // The protocol error's display is this one's; its cause is next.
            Error::Protocol { source, .. } => std::error::Error::source(&**source),
            Error::Redirect { .. } => None,
        }
    }
}

impl Error {
    /// A protocol error met before anything was sent, or in the answer to
    /// attempt `attempts`.
    pub fn protocol_error(
        source: shop_apis_core::Error,
        attempts: u32,
        earlier: Delivery,
    ) -> Error {
        let delivery = match (&source, source.status()) {
            (shop_apis_core::Error::Build { .. }, _) | (_, None) => Delivery::NotSent,
            (_, Some(status)) if matches!(status.as_u16(), 502..=504) => Delivery::MaybeSent,
            (_, Some(_)) => Delivery::Answered,
        };
        Error::Protocol {
            attempts,
            delivery: delivery.after(earlier),
            source: Box::new(source),
        }
    }

    /// The endpoint the error is about, `api.Operation`.
    pub fn endpoint(&self) -> &'static str {
        match self {
            Error::Transport { endpoint, .. } | Error::Redirect { endpoint, .. } => endpoint,
            Error::Protocol { source, .. } => source.endpoint(),
        }
    }

    /// How many times the request was sent; 0 when it was refused before.
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Transport { attempts, .. }
            | Error::Protocol { attempts, .. }
            | Error::Redirect { attempts, .. } => *attempts,
        }
    }

    /// Whether the request may have reached the server, in any attempt.
    pub fn delivery(&self) -> Delivery {
        match self {
            Error::Transport { delivery, .. }
            | Error::Protocol { delivery, .. }
            | Error::Redirect { delivery, .. } => *delivery,
        }
    }

    /// Whether the request may have taken effect although the call failed: a
    /// timeout, a reset, a 502–504, or any error after an attempt whose
    /// outcome was unknown. A create that ends so may have created; repeat it
    /// only with the same idempotency key (Qnits' `external_id`), or read
    /// first.
    pub fn is_outcome_unknown(&self) -> bool {
        self.delivery() == Delivery::MaybeSent
    }

    /// The transport error, if that is what this is.
    pub fn transport(&self) -> Option<&TransportError> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Protocol { .. } | Error::Redirect { .. } => None,
        }
    }

    /// The protocol error, if that is what this is.
    pub fn protocol(&self) -> Option<&shop_apis_core::Error> {
        match self {
            Error::Protocol { source, .. } => Some(source),
            Error::Transport { .. } | Error::Redirect { .. } => None,
        }
    }

    /// The service's refusal, if that is what this is.
    pub fn refusal(&self) -> Option<&shop_apis_core::ApiError> {
        match self.protocol() {
            Some(shop_apis_core::Error::Api { source, .. }) => Some(&**source),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connect_errors_are_told_apart() {
        let timeout = Duration::from_secs(3);
        let io = |kind| -> BoxError { Box::new(std::io::Error::new(kind, "x")) };
        assert!(matches!(
            TransportError::from_connect_error(io(std::io::ErrorKind::TimedOut), timeout),
            TransportError::ConnectTimeout(t) if t == timeout
        ));
        assert!(matches!(
            TransportError::from_connect_error(io(std::io::ErrorKind::ConnectionRefused), timeout),
            TransportError::Connect(_)
        ));
        let tls: BoxError = "invalid peer certificate: UnknownIssuer".into();
        assert!(matches!(
            TransportError::from_connect_error(tls, timeout),
            TransportError::Tls(_)
        ));
        // How rustls and native-tls surface through tokio: wrapped I/O errors.
        let wrapped = Box::new(std::io::Error::other(io(std::io::ErrorKind::InvalidData)));
        assert!(matches!(
            TransportError::from_connect_error(wrapped, timeout),
            TransportError::Tls(_)
        ));
    }
}
