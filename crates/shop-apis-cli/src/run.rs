//! Running one endpoint: printing it as curl (`--dry-run`), asking before an
//! unsafe one, calling it once or page after page, and printing the answer.

use std::io::{BufRead, IsTerminal, Write};

use shop_apis::{
    Clock, Endpoint, NonceSource, Paged, RandomNonce, Recorded, Safety, Stamp, StreamExt,
    SystemClock,
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
    #[arg(long, global = true, conflicts_with = "raw")]
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
    let recorded = Recorded::new(endpoint);
    let result = target.shop.call(&recorded).await;
    let mut out = Output::stdout();
    match result {
        Ok(_) if options.raw => out.bytes(&body(&recorded))?,
        Ok(answer) => out.json(&answer)?,
        Err(error) => {
            if options.raw {
                // The failure is what the command reports, whatever becomes of its output.
                let _ = out.bytes(&body(&recorded));
            }
            return Err(Fail::Call(error));
        }
    }
    Ok(())
}

/// Walks every page from `first`, printing one JSON line per item (or each
/// page's bytes and a line break, with `--raw`), with a progress line on a
/// terminal.
pub(crate) async fn every_page<E>(
    target: &Target<E::Api>,
    options: &Options,
    first: E,
) -> Result<(), Fail>
where
    E: Paged + Clone,
    E::Item: serde::Serialize,
{
    if options.dry_run {
        return dry_run(target, options, &first);
    }
    confirm(options, &first)?;
    // A clone shares the answers of every page of the walk.
    let first = Recorded::new(first);
    let recorded = first.clone();
    let mut pages = target.shop.pages(first);
    let progress = progress();
    let mut out = Output::stdout();
    let (mut pages_read, mut item_count) = (0_u64, 0_u64);
    while let Some(page) = pages.next().await {
        let bytes = body(&recorded);
        let page = match page {
            Ok(page) => page,
            Err(error) => {
                progress.abandon();
                if options.raw {
                    let _ = out.bytes(&bytes);
                }
                return Err(Fail::Call(error));
            }
        };
        pages_read += 1;
        if let Some(total) = E::page_count(&page) {
            show_total(&progress, total);
        }
        progress.set_position(pages_read);
        // The bar is cleared while a line is written, and drawn again after:
        // on one terminal the two would otherwise overwrite each other.
        if options.raw {
            // One page a line, as the server sent it.
            progress.suspend(|| {
                out.bytes(&bytes)?;
                out.bytes(b"\n")
            })?;
        } else {
            for item in E::items(page) {
                progress.suspend(|| out.json_line(&item))?;
                item_count += 1;
            }
        }
        progress.set_message(format!("{item_count} items"));
    }
    progress.finish_and_clear();
    Ok(())
}

/// The pages and items so far, on stderr when it is a terminal (whether the
/// items go to the same terminal, a pipe or a file), drawn nowhere
/// otherwise: a spinner until an answer tells how many pages there are.
fn progress() -> indicatif::ProgressBar {
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new_spinner();
    let style = indicatif::ProgressStyle::with_template("{spinner} page {pos} · {msg}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar.set_message("asking for the first page");
    bar
}

/// Turns the spinner into a bar of `total` pages.
fn show_total(progress: &indicatif::ProgressBar, total: u32) {
    if progress.length() == Some(u64::from(total)) {
        return;
    }
    let style = indicatif::ProgressStyle::with_template("{bar:30} page {pos}/{len} · {msg}")
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    progress.set_style(style);
    progress.set_length(u64::from(total));
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
    if options.emulator {
        let _ = writeln!(
            std::io::stderr(),
            "note: the emulator this names stops with this command; `cargo xtask emulate` runs one that stays"
        );
    }
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
    let mut stderr = std::io::stderr();
    let _ = write!(
        stderr,
        "{}: a repeat would act twice (and an unanswered call cannot be retried). Send it? [y/N] ",
        E::NAME
    );
    let _ = stderr.flush();
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|error| Fail::Setup(format!("reading the answer: {error}")))?;
    match answer.trim() {
        "y" | "Y" | "yes" | "Yes" | "YES" => Ok(()),
        _ => Err(Fail::NotConfirmed(E::NAME)),
    }
}

/// The body of the answer `recorded` read last, or nothing.
fn body<E>(recorded: &Recorded<E>) -> Vec<u8> {
    recorded.take().map(|(_, body)| body).unwrap_or_default()
}
