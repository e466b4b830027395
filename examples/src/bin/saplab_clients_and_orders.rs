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

use proto_core::BaseUrl;
use saplab_proto::{Credentials, ListClients, ListOrders, PerPage, SapLab};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {}", proto_core::report(&*error));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // Kept alive until the end of `run` when used.
    let mut emulator = None;
    let shop = match examples::base_url_from_env("SAPLAB_BASE_URL", "SAPLAB_ALLOW_PLAIN_HTTP")? {
        Some(base) => {
            let login = examples::required_env("SAPLAB_LOGIN")?;
            let password = examples::required_env("SAPLAB_PASSWORD")?;
            println!("SapLab at {base}");
            SapLab::new(base, Credentials::new(&login, &password)?)
        }
        None => {
            let started = emulator.insert(emulator::Emulator::start().await?);
            let base = started.base_url(emulator::Api::SapLab);
            println!("SapLab emulated at {base} (set SAPLAB_BASE_URL to use a real shop)");
            SapLab::new(
                BaseUrl::parse(&base)?,
                Credentials::new(started.saplab().login(), started.saplab().password())?,
            )
        }
    };
    let client = proto_hyper::Client::new()?;

    println!("\nLegal entities:");
    let mut request = Some(
        ListClients::default()
            .is_wholesaler(true)
            .per_page(PerPage::new(50)?),
    );
    while let Some(list) = request {
        let page = client.call(&shop, &list).await?;
        for c in &page.clients {
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
        request = list.next_page(&page);
    }

    println!("\nUnpaid positions:");
    let mut request = Some(
        ListOrders::default()
            .is_payed(false)
            .per_page(PerPage::new(50)?),
    );
    while let Some(list) = request {
        let page = client.call(&shop, &list).await?;
        for p in &page.orders {
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
        request = list.next_page(&page);
    }
    Ok(())
}

/// A value the panel may leave out, or `-` when it did.
fn shown(value: &Option<impl std::fmt::Display>) -> String {
    value
        .as_ref()
        .map_or_else(|| "-".to_owned(), ToString::to_string)
}
