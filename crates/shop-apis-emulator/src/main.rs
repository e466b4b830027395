//! Runs the emulator in the foreground: `cargo run -p shop-apis-emulator [-- [--tls] [ADDR]]`
//! (what `cargo xtask emulate` does). Prints each API's base URL and
//! credentials, then serves until Ctrl-C. With `--tls` it serves HTTPS only,
//! with a certificate authority made at start whose certificate it writes to
//! a file and names, for other programs to trust (`curl --cacert FILE`).

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut tls = false;
    let mut addr = SocketAddr::from(([127, 0, 0, 1], 8080));
    for arg in std::env::args().skip(1) {
        if arg == "--tls" {
            tls = true;
            continue;
        }
        addr = arg.parse().map_err(|e| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("{arg:?}: {e}"))
        })?;
    }
    let emulator = if tls {
        // Loopback's names, and the address it serves on when that is another.
        let mut names: Vec<String> = shop_apis_emulator::Tls::new().names().to_vec();
        if !addr.ip().is_loopback() && !addr.ip().is_unspecified() {
            names.push(addr.ip().to_string());
        }
        shop_apis_emulator::Emulator::bind_tls(addr, shop_apis_emulator::Tls::for_names(names))
            .await?
    } else {
        shop_apis_emulator::Emulator::bind(addr).await?
    };
    let root = match emulator.root_certificate_pem() {
        Some(pem) => {
            let path = std::env::temp_dir().join(format!(
                "shop-apis-emulator-root-{}.pem",
                emulator.addr().port()
            ));
            std::fs::write(&path, pem)?;
            Some(path)
        }
        None => None,
    };
    let scheme = if tls { "https" } else { "http" };
    println!("emulator listening on {scheme}://{}", emulator.addr());
    if let Some(root) = &root {
        println!("root certificate: {}", root.display());
        println!(
            "  (trust it: curl --cacert FILE, Config::trust_roots(RootCertificate::from_pem(..)))"
        );
    }
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
    if let Some(root) = root {
        let _ = std::fs::remove_file(root);
    }
    Ok(())
}
