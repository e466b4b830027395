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
            TransportError::Tls(_)
            | TransportError::BodyTooLarge { .. }
            | TransportError::Other(_) => None,
        }
    }

    /// Whether the request may have taken effect without an answer arriving.
    pub fn is_outcome_unknown(&self) -> bool {
        self.failure() == Some(Failure::OutcomeUnknown)
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
/// assert!(adapter_core::find_cause::<std::fmt::Error>(&wrapped).is_some());
/// let found = adapter_core::find_cause::<std::io::Error>(&wrapped).unwrap();
/// assert_eq!(found.kind(), std::io::ErrorKind::Other); // the outermost match
/// assert!(adapter_core::find_cause::<std::num::ParseIntError>(&wrapped).is_none());
/// ```
pub fn find_cause<'a, T: std::error::Error + 'static>(
    error: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    causes(error).find_map(|current| current.downcast_ref::<T>())
}

/// An adapter's error: the transport's, or the protocol's, with the endpoint named.
///
/// ```
/// use adapter_core::{Error, TransportError};
/// let error = Error::Transport {
///     endpoint: "qnits.CreateOrder",
///     attempts: 1,
///     source: TransportError::Timeout(std::time::Duration::from_secs(30)),
/// };
/// assert!(error.is_outcome_unknown());
/// assert_eq!(error.to_string(), "qnits.CreateOrder: outcome unknown after 1 attempt(s)");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be completed over the network.
    #[error("{endpoint}: {} after {attempts} attempt(s)", summary(source))]
    Transport {
        /// The endpoint, `api.Operation`.
        endpoint: &'static str,
        /// How many times the request was sent.
        attempts: u32,
        /// What failed last.
        source: TransportError,
    },
    /// The input was refused, or the answer was a refusal or undecodable.
    #[error(transparent)]
    Protocol(#[from] proto_core::Error),
}

fn summary(error: &TransportError) -> &'static str {
    match error.failure() {
        Some(Failure::NotSent) => "not sent",
        Some(Failure::OutcomeUnknown) => "outcome unknown",
        _ => "transport failed",
    }
}

impl Error {
    /// The endpoint the error is about, `api.Operation`.
    pub fn endpoint(&self) -> &'static str {
        match self {
            Error::Transport { endpoint, .. } => endpoint,
            Error::Protocol(error) => error.endpoint(),
        }
    }

    /// Whether the request may have taken effect without an answer arriving.
    pub fn is_outcome_unknown(&self) -> bool {
        matches!(self, Error::Transport { source, .. } if source.is_outcome_unknown())
    }

    /// The transport error, if that is what this is.
    pub fn transport(&self) -> Option<&TransportError> {
        match self {
            Error::Transport { source, .. } => Some(source),
            Error::Protocol(_) => None,
        }
    }

    /// The protocol error, if that is what this is.
    pub fn protocol(&self) -> Option<&proto_core::Error> {
        match self {
            Error::Protocol(error) => Some(error),
            Error::Transport { .. } => None,
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
