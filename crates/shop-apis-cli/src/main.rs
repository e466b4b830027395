//! `shop-apis`: any endpoint of Qnits, SapLab or uCoz uAPI from a shell,
//! signed as each API wants, the typed answer printed as JSON.
//!
//! One subcommand per API and per endpoint, named after the endpoint
//! (`shop-apis ucoz list-invoices --status new`). The arguments are the
//! protocol crates' own types and builders, so a bad argument is refused
//! with the library's own error before anything is sent. The shop comes
//! from the environment variables the README names, or `--emulator` serves
//! the three APIs in-process.
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod args;
mod commands;
mod curl;
mod fail;
mod input;
mod output;
mod qnits;
mod run;
mod saplab;
mod target;
mod ucoz;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::fail::Fail;

/// Calls any endpoint of Qnits, SapLab or uCoz uAPI and prints the typed
/// answer as JSON: pretty on a terminal, one line in a pipe.
#[derive(Debug, Parser)]
#[command(name = "shop-apis", version, propagate_version = true)]
pub(crate) struct Cli {
    #[command(flatten)]
    options: run::Options,
    #[command(subcommand)]
    api: ApiCommand,
}

/// The three APIs.
#[derive(Debug, Subcommand)]
enum ApiCommand {
    /// Qnits: orders from external storefronts (QNITS_BASE_URL, QNITS_QNIT_ID, QNITS_TOKEN).
    #[command(subcommand)]
    Qnits(qnits::Command),
    /// SapLab: a shop's back-office panel (SAPLAB_BASE_URL, SAPLAB_LOGIN, SAPLAB_PASSWORD).
    #[command(subcommand)]
    Saplab(saplab::Command),
    /// uCoz uAPI, the "Internet shop" module (UCOZ_BASE_URL and UCOZ_BEARER or the four UCOZ_* OAuth variables).
    #[command(subcommand)]
    Ucoz(ucoz::Command),
}

/// What every command shares, told once below the list of commands.
const AFTER_HELP: &str = "\
Credentials come from the environment variables the README names (QNITS_*,
SAPLAB_*, UCOZ_*); --emulator serves the three APIs in-process instead.
Unsafe endpoints (SapLab's creates, payments, transactions and documents;
uCoz's placing an order and adding goods) ask before sending on a terminal
and need --yes in a pipe.

Exit status: 0 done (also when the reader of the output stops, `| head`);
1 the API refused; 2 a bad argument or setting, nothing sent; 3 the request
or its answer did not get through (a connection, a timeout, an answer too
large); 4 an answer that is neither a result nor a refusal (an unexpected
status such as 502, a body that does not decode, a redirect); 5 an unsafe
request not confirmed, nothing sent; 6 the answer could not be written.
Every error says whether the request may have reached the server.";

fn main() -> ExitCode {
    let command = Cli::command();
    let endpoints = commands::list(&command);
    let command = command.after_help(format!("Endpoints:\n{endpoints}\n{AFTER_HELP}"));
    let matches = match command.try_get_matches() {
        Ok(matches) => matches,
        Err(error) => return usage(&error),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => return usage(&error),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => return Fail::Setup(format!("cannot start a runtime: {error}")).report(),
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => fail.report(),
    }
}

/// Prints clap's refusal of the command line (or the help or version it
/// was asked for) and gives its status: 2 for a bad argument, which sends
/// nothing.
fn usage(error: &clap::Error) -> ExitCode {
    let _ = error.print();
    if error.use_stderr() {
        let _ = writeln!(std::io::stderr(), "nothing was sent");
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(fail::status::BAD_ARGUMENT))
}

async fn run(cli: Cli) -> Result<(), Fail> {
    let options = cli.options;
    let targets = target::Targets::new(&options).await?;
    match cli.api {
        ApiCommand::Qnits(command) => command.run(&targets.qnits()?, &options).await,
        ApiCommand::Saplab(command) => command.run(&targets.saplab()?, &options).await,
        ApiCommand::Ucoz(command) => command.run(&targets.ucoz()?, &options).await,
    }
}
