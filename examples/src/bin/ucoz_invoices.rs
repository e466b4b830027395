//! Lists a uCoz shop's new invoices and moves one to "processing", through
//! the blocking reqwest client.
//!
//! With no environment, it starts the emulator in a background thread and
//! moves its first new invoice. For a real shop, set `UCOZ_BASE_URL` (the
//! site with `/uapi`) and either `UCOZ_CONSUMER_KEY`, `UCOZ_CONSUMER_SECRET`,
//! `UCOZ_TOKEN`, `UCOZ_TOKEN_SECRET` (OAuth 1.0a) or `UCOZ_BEARER`; it then
//! changes a status only when `UCOZ_SET_STATUS=ID:CODE` names one, so that a
//! real shop's orders are never changed by accident.
//!
//! ```text
//! cargo run -p examples --bin ucoz_invoices
//! ```

use std::error::Error;
use std::process::ExitCode;

use examples::env_var;
use shop_apis::emulator::{Api, Emulator};
use shop_apis::ucoz::{InvoiceId, ListInvoices, OrderStatus, SetInvoicesStatus, SortField};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", shop_apis::report(&*error));
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    // Kept alive until the end of `run` when used.
    let mut emulator = None;
    let (site, status_change) =
        match examples::base_url_from_env("UCOZ_BASE_URL", "UCOZ_ALLOW_PLAIN_HTTP")? {
            Some(base) => {
                println!("uCoz at {base}");
                let change = env_var("UCOZ_SET_STATUS")
                    .map(|text| parse_status_change(&text))
                    .transpose()?;
                (examples::ucoz_from_env(base)?, change)
            }
            None => {
                let started = emulator.insert(Emulator::start_in_background()?);
                let base = started.base_url(Api::Ucoz);
                println!("uCoz emulated at {base} (set UCOZ_BASE_URL to use a real shop)");
                (examples::emulated_ucoz(started)?, None)
            }
        };
    let shop = shop_apis::reqwest::blocking::Client::new()?.bind(site);

    println!("\nNew invoices, largest first:");
    let new_invoices = ListInvoices::default()
        .status(OrderStatus::NEW)
        .sort(SortField::Amount, true);
    let mut first = None;
    // Every page, in order; the walk ends where the answers say the list ends.
    for invoice in shop.items(new_invoices) {
        let invoice = invoice?;
        // Every field but the id and the hash may be left out by a shop.
        let or_dash = |value: Option<String>| value.unwrap_or_else(|| "-".to_owned());
        println!(
            "  #{:<6} {:<12} {:>10}  {}  {}",
            invoice.id,
            invoice.user.as_deref().unwrap_or("-"),
            or_dash(invoice.amount.map(|amount| amount.to_string())),
            or_dash(invoice.add_date.map(|date| date.date().to_string())),
            or_dash(
                invoice
                    .payment
                    .topay
                    .as_ref()
                    .and_then(|m| m.display.clone())
            ),
        );
        first.get_or_insert(invoice.id);
    }

    // Against the emulator, move the first new invoice; against a real shop,
    // only what UCOZ_SET_STATUS names.
    let change = status_change.or_else(|| {
        emulator
            .as_ref()
            .and(first)
            .map(|id| (id, OrderStatus::PROCESSING))
    });
    if let Some((id, status)) = change {
        let done = shop.call(&SetInvoicesStatus::new([id], status))?;
        println!(
            "\nInvoice #{id} set to status {} ({status}): {}",
            status.code(),
            done.msg.unwrap_or_default()
        );
    }
    Ok(())
}

/// `ID:CODE`, as in `UCOZ_SET_STATUS=17:3`.
fn parse_status_change(text: &str) -> Result<(InvoiceId, OrderStatus), String> {
    let (id, code) = text
        .split_once(':')
        .ok_or("UCOZ_SET_STATUS: expected ID:CODE")?;
    let id = id
        .trim()
        .parse()
        .map_err(|e| format!("UCOZ_SET_STATUS id: {e}"))?;
    let code = code
        .trim()
        .parse()
        .map_err(|e| format!("UCOZ_SET_STATUS code: {e}"))?;
    Ok((InvoiceId::new(id), OrderStatus::from_code(code)))
}
