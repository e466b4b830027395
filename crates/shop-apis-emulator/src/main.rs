//! Runs the emulator in the foreground: `cargo run -p shop-apis-emulator [-- ADDR]`
//! (what `cargo xtask emulate` does). Prints each API's base URL and
//! credentials, then serves until Ctrl-C.

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr: SocketAddr = match std::env::args().nth(1) {
        Some(text) => text.parse().map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{text:?}: {e}"))
        })?,
        None => SocketAddr::from(([127, 0, 0, 1], 8080)),
    };
    let emulator = shop_apis_emulator::Emulator::bind(addr).await?;
    println!("emulator listening on http://{}", emulator.addr());
    println!();
    println!("Qnits");
    println!(
        "  QNITS_BASE_URL={}",
        emulator.base_url(shop_apis_emulator::Api::Qnits)
    );
    println!("  QNITS_QNIT_ID={}", emulator.qnits().qnit_id());
    println!("  QNITS_TOKEN={}", emulator.qnits().token());
    println!();
    println!("SapLab");
    println!(
        "  SAPLAB_BASE_URL={}",
        emulator.base_url(shop_apis_emulator::Api::SapLab)
    );
    println!("  SAPLAB_LOGIN={}", emulator.saplab().login());
    println!("  SAPLAB_PASSWORD={}", emulator.saplab().password());
    println!();
    println!("uCoz");
    println!(
        "  UCOZ_BASE_URL={}",
        emulator.base_url(shop_apis_emulator::Api::Ucoz)
    );
    println!("  UCOZ_CONSUMER_KEY={}", emulator.ucoz().consumer_key());
    println!(
        "  UCOZ_CONSUMER_SECRET={}",
        emulator.ucoz().consumer_secret()
    );
    println!("  UCOZ_TOKEN={}", emulator.ucoz().token());
    println!("  UCOZ_TOKEN_SECRET={}", emulator.ucoz().token_secret());
    println!("  (or UCOZ_BEARER={})", emulator.ucoz().bearer());
    println!();
    println!("Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    emulator.shutdown().await;
    Ok(())
}
