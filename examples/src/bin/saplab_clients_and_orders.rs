//! Lists a SapLab shop's legal-entity clients and its unpaid order
//! positions, every page, through the hyper adapter.
//!
//! With no environment, it starts the emulator in-process. For a real shop,
//! set `SAPLAB_BASE_URL` (the shop's address), `SAPLAB_LOGIN` and
//! `SAPLAB_PASSWORD` (an employee's); `SAPLAB_ALLOW_PLAIN_HTTP=1` accepts a
//! shop that only speaks http.
//!
//! ```text
//! cargo run -p examples --bin saplab_clients_and_orders
//! ```

use std::error::Error;
use std::process::ExitCode;

use shop_apis::BaseUrl;
use shop_apis::StreamExt;
use shop_apis::emulator::{Api, Emulator};
use shop_apis::saplab::{Credentials, ListClients, ListOrders, PerPage, SapLab};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", shop_apis::report(&*error));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // Kept alive until the end of `run` when used.
    let mut emulator = None;
    let panel = match examples::base_url_from_env("SAPLAB_BASE_URL", "SAPLAB_ALLOW_PLAIN_HTTP")? {
        Some(base) => {
            let login = examples::required_env("SAPLAB_LOGIN")?;
            let password = examples::required_env("SAPLAB_PASSWORD")?;
            println!("SapLab at {base}");
            SapLab::new(base, Credentials::new(&login, &password)?)
        }
        None => {
            let started = emulator.insert(Emulator::start().await?);
            let base = started.base_url(Api::SapLab);
            println!("SapLab emulated at {base} (set SAPLAB_BASE_URL to use a real shop)");
            SapLab::new(
                BaseUrl::parse(&base)?,
                Credentials::new(started.saplab().login(), started.saplab().password())?,
            )
        }
    };
    // One value per shop; `items` walks every page, ending where the panel's
    // answers say the list ends.
    let shop = shop_apis::hyper::Client::new()?.bind(panel);

    println!("\nLegal entities:");
    let legal_entities = ListClients::default()
        .is_wholesaler(true)
        .per_page(PerPage::new(50)?);
    let mut clients = shop.items(legal_entities);
    while let Some(c) = clients.next().await {
        let c = c?;
        println!(
            "  #{:<5} {:<30} balance {:>10}  debt {:>10}  limit {:>10}",
            c.id,
            c.wholesaler_info
                .as_deref()
                .or(c.name.as_deref())
                .unwrap_or("-"),
            shown(&c.balance),
            shown(&c.debt),
            shown(&c.limit),
        );
    }

    println!("\nUnpaid positions:");
    let unpaid = ListOrders::default()
        .is_payed(false)
        .per_page(PerPage::new(50)?);
    let mut positions = shop.items(unpaid);
    while let Some(p) = positions.next().await {
        let p = p?;
        println!(
            "  #{:<5} {:<8} {:<10} {:<25} {:>3} × {:>9} = {:>10}  {}",
            p.id,
            p.invoice.as_deref().unwrap_or("-"),
            p.brand.as_deref().unwrap_or("-"),
            p.name.as_deref().unwrap_or("-"),
            shown(&p.quantity),
            shown(&p.price),
            shown(&p.total),
            p.status_name.as_deref().unwrap_or("-"),
        );
    }
    Ok(())
}

/// A value the panel may leave out, or `-` when it did.
fn shown(value: &Option<impl std::fmt::Display>) -> String {
    value
        .as_ref()
        .map_or_else(|| "-".to_owned(), ToString::to_string)
}
