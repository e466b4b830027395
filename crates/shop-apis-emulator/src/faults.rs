//! Faults a test can switch on for the next requests to a route.

use std::sync::Mutex;
use std::time::Duration;

/// Something to go wrong with a request.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Process the request, then wait this long before sending the headers.
    DelayHeaders(Duration),
    /// Process the request, send the headers and the first bytes of the body,
    /// then wait this long before the rest.
    DelayBody(Duration),
    /// Close the connection after the request's head arrives, without reading
    /// the body or processing the request.
    ResetBeforeRead,
    /// Read and process the request (an order is created), then close the
    /// connection without answering.
    ResetAfterRead,
    /// Answer with this status and a short text body, without processing the
    /// request; with `Retry-After` if given.
    ServerError {
        /// The status to answer with (a 5xx, or 429).
        status: u16,
        /// Seconds for a `Retry-After` header.
        retry_after: Option<u64>,
    },
    /// Answer with this status and an HTML error page, as a proxy would,
    /// without processing the request.
    HtmlErrorPage(u16),
    /// Answer with this redirect status (301, 302, 307, …) and `Location`,
    /// without processing the request, as a shop that moved would.
    Redirect {
        /// The status to answer with.
        status: u16,
        /// Where the request should go instead.
        location: String,
    },
    /// Process the request, announce the full body length, send half of the
    /// body and close the connection.
    TruncatedBody,
    /// Process the request, then answer 200 with a body of this many bytes,
    /// its length announced in `Content-Length`.
    OversizedBody(usize),
    /// Process the request, then answer 200 with a body of this many bytes
    /// in chunks, its length not announced.
    OversizedChunkedBody(usize),
}

#[derive(Debug)]
struct Rule {
    path_prefix: String,
    fault: Fault,
    /// How many more requests it applies to; `None` for all.
    remaining: Option<u32>,
}

/// The faults switched on, each for requests whose path starts with a prefix.
///
/// The first rule that matches a request applies to it.
///
/// ```
/// use shop_apis_emulator::{Fault, Faults};
/// let faults = Faults::default();
/// faults.inject("/qnits/api", Fault::ResetAfterRead, 2);
/// assert_eq!(faults.pending(), 1);
/// faults.clear();
/// assert_eq!(faults.pending(), 0);
/// ```
#[derive(Debug, Default)]
pub struct Faults {
    rules: Mutex<Vec<Rule>>,
}

impl Faults {
    /// Applies `fault` to the next `times` requests whose path starts with `path_prefix`.
    pub fn inject(&self, path_prefix: impl Into<String>, fault: Fault, times: u32) {
        self.push(path_prefix.into(), fault, Some(times));
    }

    /// Applies `fault` to every request whose path starts with `path_prefix`, until cleared.
    pub fn inject_always(&self, path_prefix: impl Into<String>, fault: Fault) {
        self.push(path_prefix.into(), fault, None);
    }

    /// Switches every fault off.
    pub fn clear(&self) {
        self.rules.lock().unwrap().clear();
    }

    /// How many rules are still active.
    pub fn pending(&self) -> usize {
        self.rules.lock().unwrap().len()
    }

    fn push(&self, path_prefix: String, fault: Fault, remaining: Option<u32>) {
        if remaining == Some(0) {
            return;
        }
        self.rules.lock().unwrap().push(Rule {
            path_prefix,
            fault,
            remaining,
        });
    }

    /// The fault for a request to `path`, if any, used up by one.
    pub(crate) fn take(&self, path: &str) -> Option<Fault> {
        let mut rules = self.rules.lock().unwrap();
        let index = rules
            .iter()
            .position(|r| path.starts_with(&r.path_prefix))?;
        let fault = rules[index].fault.clone();
        if let Some(remaining) = &mut rules[index].remaining {
            *remaining -= 1;
            if *remaining == 0 {
                rules.remove(index);
            }
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_rules_expire_and_prefixes_match() {
        let faults = Faults::default();
        faults.inject("/qnits", Fault::ResetAfterRead, 2);
        assert_eq!(faults.take("/saplab/x"), None);
        assert_eq!(faults.take("/qnits/api"), Some(Fault::ResetAfterRead));
        assert_eq!(faults.take("/qnits/api"), Some(Fault::ResetAfterRead));
        assert_eq!(faults.take("/qnits/api"), None);
        faults.inject_always("/qnits", Fault::TruncatedBody);
        for _ in 0..5 {
            assert_eq!(faults.take("/qnits/api"), Some(Fault::TruncatedBody));
        }
    }
}
