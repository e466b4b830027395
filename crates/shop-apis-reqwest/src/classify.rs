//! reqwest's errors, sorted into sent / not sent.

use std::time::Duration;

use shop_apis_adapter::{TransportError, find_cause};

/// An error from sending the request and waiting for the answer's head,
/// within `connect_timeout` and the attempt's `timeout`.
pub(crate) fn send_error(
    error: reqwest::Error,
    connect_timeout: Duration,
    timeout: Duration,
) -> TransportError {
    // reqwest's message ends with the whole URL, whose query holds uCoz's
    // OAuth parameters and signature and SapLab's filters (names, phones):
    // never in an error, as never in a trace.
    let error = error.without_url();
    if error.is_connect() {
        return TransportError::from_connect_error(error.into(), connect_timeout);
    }
    if error.is_timeout() {
        return TransportError::Timeout(timeout);
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

/// Whether the answer came from the URL asked: a `reqwest::Client` built
/// by the caller may follow redirects, and then the request has gone
/// elsewhere too.
pub(crate) fn same_url(
    asked: &reqwest::Url,
    answered: &reqwest::Url,
) -> Result<(), TransportError> {
    if asked == answered {
        return Ok(());
    }
    let mut to = answered.clone();
    to.set_query(None);
    to.set_fragment(None);
    let _ = to.set_username("");
    let _ = to.set_password(None);
    Err(TransportError::RedirectFollowed { to: to.into() })
}

/// An error while reading the answer's body: the request was sent.
pub(crate) fn body_error(error: reqwest::Error, timeout: Duration) -> TransportError {
    let error = error.without_url();
    if error.is_timeout() {
        TransportError::Timeout(timeout)
    } else {
        TransportError::OutcomeUnknown(error.into())
    }
}

/// An error while reading a blocking answer's body: the request was sent.
#[cfg(feature = "blocking")]
pub(crate) fn body_io_error(error: std::io::Error, timeout: Duration) -> TransportError {
    let timed_out = error.kind() == std::io::ErrorKind::TimedOut
        || find_cause::<reqwest::Error>(&error).is_some_and(reqwest::Error::is_timeout);
    if timed_out {
        TransportError::Timeout(timeout)
    } else {
        TransportError::OutcomeUnknown(error.into())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    /// A connection refused on loopback names no part of the URL asked.
    #[tokio::test]
    async fn an_error_never_shows_the_url_or_its_query() {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let url = format!(
            "http://127.0.0.1:{port}/uapi/shop/invoices?oauth_signature=S1GN&f_phone=79001234567"
        );
        let error = reqwest::Client::new().get(&url).send().await.unwrap_err();
        assert!(
            error.to_string().contains("S1GN"),
            "reqwest's own message shows the URL"
        );
        let error = super::send_error(error, Duration::from_secs(1), Duration::from_secs(1));
        let text = shop_apis_core::report(&error);
        for part in ["S1GN", "79001234567", "/uapi", &port.to_string()] {
            assert!(!text.contains(part), "{part} in {text}");
        }
    }
}
