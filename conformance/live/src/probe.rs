//! Calling endpoints and keeping what came back.

use std::fmt::Write as _;
use std::time::Duration;

use http::Response;
use shop_apis_adapter::Config;
use shop_apis_core::{Endpoint, Recorded, ReportUnknown, ResponseError, Safety};

/// One call: the endpoint, what decoding gave, and the raw answer.
pub(crate) struct Probe {
    /// The endpoint's name (`saplab.ListClients`).
    pub(crate) endpoint: &'static str,
    /// Whether it changes anything.
    pub(crate) safety: Safety,
    /// The unknown fields' JSONPaths, or why the call failed.
    pub(crate) result: Result<Vec<String>, String>,
    /// The status and body received, if any.
    pub(crate) answer: Option<(u16, Vec<u8>)>,
    /// Whether the answer was a refusal that decoded as one.
    pub(crate) refused: bool,
    /// Decodes another answer (the scrubbed one) as this endpoint's.
    pub(crate) reread: Box<Reread>,
}

/// Decodes an answer (status and body) as one endpoint's.
pub(crate) type Reread = dyn Fn(u16, &[u8]) -> Result<(), ResponseError>;

/// The calls of one run, through the blocking reqwest adapter.
pub(crate) struct Run {
    client: shop_apis_reqwest::blocking::Client,
    allow_writes: bool,
    probes: Vec<Probe>,
    notes: Vec<String>,
}

impl Run {
    pub(crate) fn new(allow_writes: bool) -> Result<Run, shop_apis_reqwest::SetupError> {
        let config = Config::new(concat!("conformance-live/", env!("CARGO_PKG_VERSION")))
            .timeout(Duration::from_secs(30));
        Ok(Run {
            client: shop_apis_reqwest::blocking::Client::with_config(config)?,
            allow_writes,
            probes: Vec::new(),
            notes: Vec::new(),
        })
    }

    pub(crate) fn allow_writes(&self) -> bool {
        self.allow_writes
    }

    pub(crate) fn probes(&self) -> &[Probe] {
        &self.probes
    }

    /// A line for the report (what was skipped and why).
    pub(crate) fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }

    /// Calls `endpoint`, which must be safe unless writes are allowed; keeps
    /// the outcome and returns the output when it decoded.
    pub(crate) fn call<E>(&mut self, api: &E::Api, endpoint: E) -> Option<E::Output>
    where
        E: Endpoint + 'static,
        E::Output: ReportUnknown,
    {
        let safety = endpoint.safety();
        assert!(
            safety == Safety::Safe || self.allow_writes,
            "{} changes state; it is called only with --allow-writes",
            E::NAME
        );
        let recorded = Recorded::new(endpoint);
        let outcome = self.client.call(api, &recorded);
        let answer = recorded
            .take()
            .map(|(status, body)| (status.as_u16(), body));
        let (result, refused, output) = match outcome {
            Ok(output) => (Ok(output.unknown_field_paths()), false, Some(output)),
            Err(error) => {
                let refused = matches!(error.protocol(), Some(shop_apis_core::Error::Api { .. }));
                (Err(shop_apis_core::report(&error)), refused, None)
            }
        };
        let endpoint = recorded.into_inner();
        self.probes.push(Probe {
            endpoint: E::NAME,
            safety,
            result,
            answer,
            refused,
            reread: Box::new(move |status, body| {
                let response = Response::builder()
                    .status(status)
                    .body(body)
                    .expect("the status came from an answer");
                endpoint.parse(response).map(drop)
            }),
        });
        output
    }

    /// Calls that did not decode to the endpoint's output.
    pub(crate) fn failures(&self) -> usize {
        self.probes.iter().filter(|p| p.result.is_err()).count()
    }

    /// The report as Markdown.
    pub(crate) fn report(&self, api: &str, host: &str) -> String {
        let mut report = format!(
            "# Live conformance: {api} at {host}\n\n| endpoint | safety | result | unknown fields |\n|---|---|---|---|\n"
        );
        for probe in &self.probes {
            let (result, unknown) = match &probe.result {
                Ok(unknown) if unknown.is_empty() => ("ok".to_owned(), "none".to_owned()),
                Ok(unknown) => {
                    let shown: Vec<String> =
                        unknown.iter().take(20).map(|p| format!("`{p}`")).collect();
                    let more = unknown.len().saturating_sub(20);
                    let more = if more > 0 {
                        format!(" and {more} more")
                    } else {
                        String::new()
                    };
                    ("ok".to_owned(), format!("{}{more}", shown.join(" ")))
                }
                Err(why) => (
                    format!("FAILED: {}", why.replace('|', "\\|").replace('\n', " ")),
                    "-".to_owned(),
                ),
            };
            let _ = writeln!(
                report,
                "| {} | {:?} | {result} | {unknown} |",
                probe.endpoint, probe.safety
            );
        }
        if !self.notes.is_empty() {
            report.push('\n');
            for note in &self.notes {
                let _ = writeln!(report, "- {note}");
            }
        }
        let unknown: usize = self
            .probes
            .iter()
            .filter_map(|p| p.result.as_ref().ok())
            .map(Vec::len)
            .sum();
        let _ = write!(
            report,
            "\n{} call(s), {} failed, {unknown} unknown field(s).\n",
            self.probes.len(),
            self.failures()
        );
        report
    }
}
