//! reqwest's errors, sorted into sent / not sent.

use adapter_core::{Config, TransportError, find_cause};

/// An error from sending the request and waiting for the answer's head.
pub(crate) fn send_error(error: reqwest::Error, config: &Config) -> TransportError {
    if error.is_connect() {
        return TransportError::from_connect_error(error.into(), config.connect_timeout);
    }
    if error.is_timeout() {
        return TransportError::Timeout(config.timeout);
    }
    if error.is_builder() {
        return TransportError::Other(error.into());
    }
    // hyper's "canceled": dropped before a byte of it was written.
    if find_cause::<hyper::Error>(&error).is_some_and(hyper::Error::is_canceled) {
        return TransportError::NotSent(error.into());
    }
    // Anything else happened once the request may have been written.
    TransportError::OutcomeUnknown(error.into())
}

/// An error while reading the answer's body: the request was sent.
pub(crate) fn body_error(error: reqwest::Error, config: &Config) -> TransportError {
    if error.is_timeout() {
        TransportError::Timeout(config.timeout)
    } else {
        TransportError::OutcomeUnknown(error.into())
    }
}

/// An error while reading a blocking answer's body: the request was sent.
#[cfg(feature = "blocking")]
pub(crate) fn body_io_error(error: std::io::Error, config: &Config) -> TransportError {
    let timed_out = error.kind() == std::io::ErrorKind::TimedOut
        || find_cause::<reqwest::Error>(&error).is_some_and(reqwest::Error::is_timeout);
    if timed_out {
        TransportError::Timeout(config.timeout)
    } else {
        TransportError::OutcomeUnknown(error.into())
    }
}
