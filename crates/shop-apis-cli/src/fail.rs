//! Why a command failed, told on stderr with every cause, and the exit
//! status a script can act on.

use std::io::Write;
use std::process::ExitCode;

use shop_apis::{BuildError, Delivery};

/// A command's failure.
#[derive(Debug)]
pub(crate) enum Fail {
    /// A setting or argument refused before anything was sent.
    Setup(String),
    /// The call failed: refused, undeliverable, or answered unreadably.
    Call(shop_apis::Error),
    /// An unsafe endpoint not confirmed (`--yes`), so not sent.
    NotConfirmed(&'static str),
    /// The answer could not be written out.
    Output(std::io::Error),
    /// Whoever read the output stopped reading (`| head`): not a failure.
    Closed,
}

/// The exit statuses, as `--help` lists them.
pub(crate) mod status {
    /// The API refused the request.
    pub(crate) const REFUSED: u8 = 1;
    /// A bad argument or setting; nothing was sent.
    pub(crate) const BAD_ARGUMENT: u8 = 2;
    /// The request could not be delivered, or its answer not received.
    pub(crate) const TRANSPORT: u8 = 3;
    /// An answer this program cannot read (an unexpected status, a body
    /// that does not decode, a redirect).
    pub(crate) const UNREADABLE: u8 = 4;
    /// An unsafe request not confirmed; nothing was sent.
    pub(crate) const NOT_CONFIRMED: u8 = 5;
    /// The answer could not be written to stdout.
    pub(crate) const OUTPUT: u8 = 6;
}

impl From<BuildError> for Fail {
    fn from(error: BuildError) -> Self {
        Fail::Setup(error.to_string())
    }
}

impl Fail {
    /// The exit status for this failure.
    pub(crate) fn status(&self) -> u8 {
        match self {
            Fail::Setup(_) => status::BAD_ARGUMENT,
            Fail::NotConfirmed(_) => status::NOT_CONFIRMED,
            Fail::Output(_) => status::OUTPUT,
            Fail::Closed => 0,
            Fail::Call(error) if error.refusal().is_some() => status::REFUSED,
            Fail::Call(error)
                if matches!(
                    error.protocol(),
                    Some(shop_apis::ProtocolError::Build { .. })
                ) =>
            {
                status::BAD_ARGUMENT
            }
            Fail::Call(error) if error.transport().is_some() => status::TRANSPORT,
            Fail::Call(_) => status::UNREADABLE,
        }
    }

    /// What to print: the error with its causes, and whether the request may
    /// have reached the server.
    pub(crate) fn message(&self) -> String {
        match self {
            Fail::Setup(message) => format!("error: {message}\nnothing was sent"),
            Fail::NotConfirmed(endpoint) => format!(
                "error: {endpoint} is unsafe to repeat and was not confirmed: \
                 give --yes to send it without asking\nnothing was sent"
            ),
            Fail::Output(error) => format!(
                "error: writing the answer: {error}\nthe request was sent and answered; only printing the answer failed"
            ),
            Fail::Closed => String::new(),
            Fail::Call(error) => {
                let sent = match error.delivery() {
                    Delivery::NotSent => "the request was not sent",
                    Delivery::MaybeSent => {
                        "the request may have reached the server and acted: check before repeating it"
                    }
                    Delivery::Answered => "the server answered",
                };
                format!("error: {}\n{sent}", shop_apis::report(error))
            }
        }
    }

    /// Prints the failure on stderr and gives its exit status.
    pub(crate) fn report(self) -> ExitCode {
        if !matches!(self, Fail::Closed) {
            // Never a panic, even with stderr closed.
            let _ = writeln!(std::io::stderr(), "{}", self.message());
        }
        ExitCode::from(self.status())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_argument_is_a_bad_argument_and_says_nothing_was_sent() {
        let fail = Fail::from(shop_apis::BaseUrl::parse("ftp://shop").unwrap_err());
        assert_eq!(fail.status(), status::BAD_ARGUMENT);
        assert!(
            fail.message().ends_with("nothing was sent"),
            "{}",
            fail.message()
        );
    }

    #[test]
    fn an_unconfirmed_call_names_the_endpoint_and_the_flag() {
        let fail = Fail::NotConfirmed("saplab.PayPosition");
        assert_eq!(fail.status(), status::NOT_CONFIRMED);
        assert!(fail.message().contains("saplab.PayPosition"));
        assert!(fail.message().contains("--yes"));
    }
}
