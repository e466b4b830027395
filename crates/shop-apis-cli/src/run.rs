//! Running one endpoint: printing it as curl (`--dry-run`), asking before an
//! unsafe one, calling it once or page after page, and printing the answer.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::{Arc, Mutex};

use shop_apis::http::{Request, Response};
use shop_apis::{
    ApiError, BuildError, Clock, Endpoint, NonceSource, Paged, RandomNonce, ResponseError, Safety,
    Stamp, StreamExt, SystemClock,
};

use crate::fail::Fail;
use crate::output::Output;
use crate::target::Target;

/// What every command takes, before or after its name.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Options {
    /// Serve the three APIs in-process and call them, whatever the environment says.
    #[arg(long, global = true)]
    pub(crate) emulator: bool,
    /// Print the answer's bytes as the server sent them, not the typed answer.
    #[arg(long, global = true)]
    pub(crate) raw: bool,
    /// Print the signed request as a curl command line and send nothing.
    #[arg(long, global = true)]
    pub(crate) dry_run: bool,
    /// With --dry-run: print the credentials instead of `[redacted]`.
    #[arg(long, global = true, requires = "dry_run")]
    pub(crate) show_secrets: bool,
    /// Send an unsafe request (one that must not be repeated) without asking.
    #[arg(long, short = 'y', global = true)]
    pub(crate) yes: bool,
    /// Trust the certificate authorities in this PEM file too (a shop behind
    /// a corporate CA, or `cargo xtask emulate --tls`).
    #[arg(long, global = true, value_name = "PEM")]
    pub(crate) cacert: Option<std::path::PathBuf>,
}

/// The paging flag of a paged list.
#[derive(Debug, Clone, clap::Args)]
pub(crate) struct Paging {
    /// Walk every page from the first one asked for, printing one JSON line per item.
    #[arg(long)]
    pub(crate) all_pages: bool,
}

/// Calls `endpoint` once (or prints it, with `--dry-run`) and prints its answer.
pub(crate) async fn one<E>(
    target: &Target<E::Api>,
    options: &Options,
    endpoint: E,
) -> Result<(), Fail>
where
    E: Endpoint,
    E::Output: serde::Serialize,
{
    if options.dry_run {
        return dry_run(target, options, &endpoint);
    }
    confirm(options, &endpoint)?;
    let tape = Tape::default();
    let recorded = Recorded {
        inner: endpoint,
        tape: tape.clone(),
    };
    let result = target.shop.call(&recorded).await;
    let mut out = Output::stdout();
    match result {
        Ok(_) if options.raw => out.bytes(&tape.take())?,
        Ok(answer) => out.json(&answer)?,
        Err(error) => {
            if options.raw {
                out.bytes(&tape.take())?;
            }
            return Err(Fail::Call(error));
        }
    }
    Ok(())
}

/// Walks every page from `first`, printing one JSON line per item (or each
/// page's bytes, with `--raw`), with a progress line on a terminal.
pub(crate) async fn every_page<E>(
    target: &Target<E::Api>,
    options: &Options,
    first: E,
) -> Result<(), Fail>
where
    E: Paged,
    E::Item: serde::Serialize,
{
    if options.dry_run {
        return dry_run(target, options, &first);
    }
    confirm(options, &first)?;
    let tape = Tape::default();
    let mut pages = target.shop.pages(Recorded {
        inner: first,
        tape: tape.clone(),
    });
    let progress = progress();
    let mut out = Output::stdout();
    let (mut page_count, mut item_count) = (0_u64, 0_u64);
    while let Some(page) = pages.next().await {
        let bytes = tape.take();
        let page = match page {
            Ok(page) => page,
            Err(error) => {
                progress.abandon();
                if options.raw {
                    out.bytes(&bytes)?;
                }
                return Err(Fail::Call(error));
            }
        };
        page_count += 1;
        if options.raw {
            out.bytes(&bytes)?;
        } else {
            for item in E::items(page) {
                out.json_line(&item)?;
                item_count += 1;
            }
        }
        progress.set_message(format!("{page_count} pages, {item_count} items"));
        progress.tick();
    }
    progress.finish_and_clear();
    Ok(())
}

/// A spinner with the pages and items so far on a terminal's stderr; drawn nowhere otherwise.
fn progress() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar.set_message("the first page");
    bar
}

/// Prints `endpoint`'s request, signed as it would be sent now, as curl.
fn dry_run<E: Endpoint>(
    target: &Target<E::Api>,
    options: &Options,
    endpoint: &E,
) -> Result<(), Fail> {
    let stamp = Stamp::new(SystemClock.unix_seconds(), RandomNonce.next_nonce());
    let mut request = endpoint
        .build(target.shop.api(), &stamp)
        .map_err(|source| {
            Fail::Call(shop_apis::Error::protocol_error(
                shop_apis::ProtocolError::Build {
                    endpoint: E::NAME,
                    source,
                },
                0,
                shop_apis::Delivery::NotSent,
            ))
        })?;
    let config = target.shop.client().config();
    config
        .apply_user_agent(&mut request)
        .map_err(|error| Fail::Setup(format!("the user agent: {error}")))?;
    let hidden = (!options.show_secrets).then_some(target.secrets.as_slice());
    let command =
        crate::curl::command(&request, hidden, options.cacert.as_deref()).map_err(Fail::Setup)?;
    Output::stdout().text(&command)
}

/// Asks before sending an unsafe endpoint: on a terminal, or not at all with `--yes`.
fn confirm<E: Endpoint>(options: &Options, endpoint: &E) -> Result<(), Fail> {
    if endpoint.safety() != Safety::Unsafe || options.yes {
        return Ok(());
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() || !std::io::stderr().is_terminal() {
        return Err(Fail::NotConfirmed(E::NAME));
    }
    eprint!(
        "{}: a repeat would act twice (and an unanswered call cannot be retried). Send it? [y/N] ",
        E::NAME
    );
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|error| Fail::Setup(format!("reading the answer: {error}")))?;
    let _ = std::io::stderr().flush();
    match answer.trim() {
        "y" | "Y" | "yes" | "Yes" | "YES" => Ok(()),
        _ => Err(Fail::NotConfirmed(E::NAME)),
    }
}

/// The body of the answer last read, kept for `--raw`.
#[derive(Debug, Clone, Default)]
struct Tape(Arc<Mutex<Vec<u8>>>);

impl Tape {
    fn record(&self, body: &[u8]) {
        let mut kept = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        kept.clear();
        kept.extend_from_slice(body);
    }

    fn take(&self) -> Vec<u8> {
        std::mem::take(
            &mut *self
                .0
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }
}

/// An endpoint that keeps each answer's bytes on a [`Tape`] as it reads
/// them, and is otherwise the endpoint itself: the same request, safety,
/// answer and refusal reading, so retries and paging are the library's.
#[derive(Debug)]
struct Recorded<E> {
    inner: E,
    tape: Tape,
}

impl<E: Endpoint> Endpoint for Recorded<E> {
    type Api = E::Api;
    type Output = E::Output;
    const NAME: &'static str = E::NAME;

    fn safety(&self) -> Safety {
        self.inner.safety()
    }

    fn build(&self, api: &Self::Api, stamp: &Stamp) -> Result<Request<Vec<u8>>, BuildError> {
        self.inner.build(api, stamp)
    }

    fn parse(&self, response: Response<&[u8]>) -> Result<Self::Output, ResponseError> {
        self.tape.record(response.body());
        self.inner.parse(response)
    }

    fn already_done(&self, refusal: &ApiError) -> Option<Self::Output> {
        self.inner.already_done(refusal)
    }
}

impl<E: Paged> Paged for Recorded<E> {
    type Item = E::Item;

    fn next_page(&self, answer: &Self::Output) -> Option<Self> {
        let next = self.inner.next_page(answer)?;
        Some(Recorded {
            inner: next,
            tape: self.tape.clone(),
        })
    }

    fn items(answer: Self::Output) -> Vec<Self::Item> {
        E::items(answer)
    }
}
