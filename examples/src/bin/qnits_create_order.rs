//! Sends one order to Qnits and prints what came back.
//!
//! With no environment, it starts the emulator in-process and sends the order
//! there. To use a real storefront, set `QNITS_BASE_URL` (without `/api`),
//! `QNITS_QNIT_ID` and `QNITS_TOKEN`; `QNITS_ALLOW_PLAIN_HTTP=1` accepts a
//! partner domain that only speaks http.
//!
//! ```text
//! cargo run -p examples --bin qnits_create_order [EXTERNAL_ID]
//! ```

use std::error::Error;
use std::process::ExitCode;
use std::time::Duration;

use shop_apis::emulator::{Api, Emulator};
use shop_apis::qnits::{CreateOrder, ExternalId, Product, ProductId};
use shop_apis::{Config, RetryPolicy};

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The whole chain: endpoint, layer, cause.
            eprintln!("error: {}", shop_apis::report(&*error));
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn Error>> {
    // Kept alive until the end of `main` when used.
    let mut emulator = None;
    let qnits = match examples::base_url_from_env("QNITS_BASE_URL", "QNITS_ALLOW_PLAIN_HTTP")? {
        Some(base) => {
            println!("Qnits at {base}");
            examples::qnits_from_env(base)?
        }
        None => {
            let started = emulator.insert(Emulator::start().await?);
            let base = started.base_url(Api::Qnits);
            println!("Qnits emulated at {base} (set QNITS_BASE_URL to use a real service)");
            examples::emulated_qnits(started)?
        }
    };

    let external_id = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "example-2643".to_owned());
    let order = CreateOrder::new(
        "Иванов Иван",
        "79123211232",
        ExternalId::new(external_id)?,
        vec![
            Product::new(ProductId::new(1000587), 1),
            Product::new(ProductId::new(3044), 2).price("1499.90".parse()?),
        ],
    )
    .comments("Позвонить до 18:00");

    // Retries are safe here: the same external_id never makes a second order.
    let config = Config::new(shop_apis::reqwest::USER_AGENT)
        .retry(RetryPolicy::standard())
        .deadline(Duration::from_secs(60));
    let storefront = shop_apis::reqwest::Client::with_config(config)?.bind(qnits);
    let created = storefront.call(&order).await.inspect_err(|error| {
        // Also after a refusal, when an earlier attempt's answer was lost:
        // that attempt may have created the order.
        if error.is_outcome_unknown() {
            eprintln!(
                "The order may exist ({} attempt(s)): send it again with the same \
                 external_id, never a new one.",
                error.attempts()
            );
        }
    })?;
    println!("order_id:  {}", created.order_id);
    if let Some(url) = &created.order_url {
        println!("order_url: {url}");
    }
    if let Some(status) = &created.status {
        println!("status:    {status}");
    }
    Ok(())
}
