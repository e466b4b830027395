//! Every example runs against the emulator with no arguments and no environment.

use std::process::Command;

/// Runs example `binary` with none of the variables that would point it
/// at a real service, so it talks to the emulator; its standard output,
/// once it has succeeded.
fn run_against_emulator(binary: &str, service_variables: &[&str]) -> String {
    let mut command = Command::new(binary);
    for variable in service_variables {
        command.env_remove(variable);
    }
    let output = command
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    stdout
}

#[test]
fn qnits_create_order_prints_the_created_order() {
    let stdout = run_against_emulator(
        env!("CARGO_BIN_EXE_qnits_create_order"),
        &["QNITS_BASE_URL", "QNITS_QNIT_ID", "QNITS_TOKEN"],
    );
    assert!(
        stdout.contains("Qnits emulated at http://127.0.0.1:"),
        "{stdout}"
    );
    let order_id = stdout
        .lines()
        .find_map(|line| line.strip_prefix("order_id:"))
        .unwrap_or_else(|| panic!("no order_id in:\n{stdout}"));
    let order_id: u64 = order_id.trim().parse().unwrap();
    assert!(
        stdout.contains(&format!("/qnits/order/{order_id}")),
        "{stdout}"
    );
}

#[test]
fn qnits_create_order_reports_a_bad_environment() {
    let output = Command::new(env!("CARGO_BIN_EXE_qnits_create_order"))
        .env("QNITS_BASE_URL", "http://shop.example")
        .env_remove("QNITS_ALLOW_PLAIN_HTTP")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: QNITS_BASE_URL: ")
            && stderr.contains("QNITS_ALLOW_PLAIN_HTTP=1"),
        "{stderr}"
    );
}

#[test]
fn saplab_lists_clients_and_orders() {
    let stdout = run_against_emulator(
        env!("CARGO_BIN_EXE_saplab_clients_and_orders"),
        &["SAPLAB_BASE_URL", "SAPLAB_LOGIN", "SAPLAB_PASSWORD"],
    );
    assert!(
        stdout.contains("SapLab emulated at http://127.0.0.1:"),
        "{stdout}"
    );
    // The emulator's legal entity, and both unpaid positions.
    assert!(stdout.contains("ООО \"Рога и Копыта\""), "{stdout}");
    assert!(stdout.contains("limit      10000"), "{stdout}");
    assert!(stdout.contains("#20") && stdout.contains("#19"), "{stdout}");
    assert!(stdout.contains("3959"), "{stdout}");
}

#[test]
fn ucoz_lists_invoices_and_sets_a_status() {
    let stdout = run_against_emulator(env!("CARGO_BIN_EXE_ucoz_invoices"), &["UCOZ_BASE_URL"]);
    assert!(
        stdout.contains("uCoz emulated at http://127.0.0.1:"),
        "{stdout}"
    );
    // The two new seeded invoices, the larger first, then the first one moved.
    let first = stdout.find("#1 ").unwrap_or_else(|| panic!("{stdout}"));
    let second = stdout.find("#2 ").unwrap_or_else(|| panic!("{stdout}"));
    assert!(first < second, "{stdout}");
    assert!(stdout.contains("Invoice #1 set to status 3"), "{stdout}");
}

#[test]
fn order_sync_sends_the_new_invoices_to_qnits() {
    let stdout = run_against_emulator(
        env!("CARGO_BIN_EXE_order_sync"),
        &["UCOZ_BASE_URL", "QNITS_BASE_URL"],
    );
    assert!(
        stdout.contains("uCoz emulated at http://127.0.0.1:"),
        "{stdout}"
    );
    // The two new seeded invoices, each an order and then "processing".
    assert!(stdout.contains("#1      Qnits order "), "{stdout}");
    assert!(stdout.contains("#2      Qnits order "), "{stdout}");
    assert!(stdout.contains("statuses moved:  2\n"), "{stdout}");
}
