//! The order sync, run as a user runs it against services named in the
//! environment (here one emulator's), and judged by the state it leaves:
//! one Qnits order per new invoice, however often it runs, and each of
//! those invoices in "processing" only once its order exists.

use std::collections::BTreeMap;
use std::process::{Command, Output};

use shop_apis::emulator::{Api, Emulator, Fault};
use shop_apis::serde_json::json;
use shop_apis::ucoz::{FieldId, ListInvoices, OrderChoices, OrderStatus, PlaceOrder, Ucoz};

/// Runs the sync against `emulator` with `args`, the emulator named by the
/// variables that would name real services.
fn sync(emulator: &Emulator, args: &[&str]) -> Output {
    let site = emulator.ucoz();
    let storefront = emulator.qnits();
    Command::new(env!("CARGO_BIN_EXE_order_sync"))
        .args(args)
        .env("UCOZ_BASE_URL", emulator.base_url(Api::Ucoz))
        .env("UCOZ_CONSUMER_KEY", site.consumer_key())
        .env("UCOZ_CONSUMER_SECRET", site.consumer_secret())
        .env("UCOZ_TOKEN", site.token())
        .env("UCOZ_TOKEN_SECRET", site.token_secret())
        .env_remove("UCOZ_BEARER")
        .env("QNITS_BASE_URL", emulator.base_url(Api::Qnits))
        .env("QNITS_QNIT_ID", storefront.qnit_id().to_string())
        .env("QNITS_TOKEN", storefront.token())
        .env("NO_PROXY", "127.0.0.1,localhost")
        .output()
        .unwrap()
}

/// Its standard output, once it has succeeded.
fn succeeded(output: &Output) -> String {
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "stdout:\n{stdout}\nstderr:\n{stderr}"
    );
    stdout
}

fn shop(emulator: &Emulator) -> shop_apis::reqwest::blocking::Shop<Ucoz> {
    let site = examples::emulated_ucoz(emulator).unwrap();
    shop_apis::reqwest::blocking::Client::new()
        .unwrap()
        .bind(site)
}

/// Every invoice's status, by id, as the shop's API gives it.
fn statuses(emulator: &Emulator) -> BTreeMap<u64, OrderStatus> {
    shop(emulator)
        .items(ListInvoices::default())
        .map(|invoice| {
            let invoice = invoice.unwrap();
            (invoice.id.get(), invoice.status.unwrap())
        })
        .collect()
}

/// The ids of the invoices in `status`.
fn in_status(statuses: &BTreeMap<u64, OrderStatus>, status: OrderStatus) -> Vec<u64> {
    statuses
        .iter()
        .filter(|(_, s)| **s == status)
        .map(|(id, _)| *id)
        .collect()
}

/// The Qnits orders' external ids, in the order they were made.
fn external_ids(emulator: &Emulator) -> Vec<String> {
    let orders = emulator.qnits().orders();
    orders.into_iter().map(|order| order.external_id).collect()
}

/// How many `CreateOrder` requests Qnits has received.
fn qnits_requests(emulator: &Emulator) -> usize {
    let prefix = format!("{}/api", Api::Qnits.prefix());
    emulator
        .requests()
        .iter()
        .filter(|request| request.path_and_query.starts_with(&prefix))
        .count()
}

fn expected_ids(invoices: &[u64]) -> Vec<String> {
    invoices.iter().map(|id| format!("ucoz-{id}")).collect()
}

#[test]
fn two_runs_make_one_order_per_new_invoice() {
    let emulator = Emulator::start_in_background().unwrap();
    // A guest's order: no login, and the form has no name field, so it
    // cannot become a Qnits order and must stay new.
    let before: Vec<u64> = statuses(&emulator).into_keys().collect();
    let guest = PlaceOrder::new(
        OrderChoices::default()
            .field(FieldId::new(1), "+7 900 000-00-05")
            .field(FieldId::new(2), "Тверь, ул. Советская, 5"),
    );
    shop(&emulator).call(&guest).unwrap();
    let at_start = statuses(&emulator);
    let guest: Vec<u64> = at_start
        .keys()
        .copied()
        .filter(|id| !before.contains(id))
        .collect();
    let [guest] = guest[..] else {
        panic!("one invoice placed: {at_start:?}")
    };
    let new = in_status(&at_start, OrderStatus::NEW);
    let synced: Vec<u64> = new.iter().copied().filter(|&id| id != guest).collect();
    assert!(synced.len() >= 2, "{at_start:?}");

    // One invoice a page: the walk crosses pages while the list it walks,
    // filtered by "new", loses the invoices it moves.
    let first = succeeded(&sync(&emulator, &["1"]));
    assert_eq!(external_ids(&emulator), expected_ids(&synced), "{first}");
    let after_first = statuses(&emulator);
    for (id, status) in &after_first {
        let expected = if synced.contains(id) {
            OrderStatus::PROCESSING
        } else {
            at_start[id]
        };
        assert_eq!(*status, expected, "invoice {id}: {after_first:?}\n{first}");
    }
    assert!(
        first.contains(&format!("#{guest:<6} skipped: no customer name")),
        "{first}"
    );
    assert!(first.contains("orders created:  2\n"), "{first}");
    assert!(first.contains("skipped:         1\n"), "{first}");

    // What the first invoice became, as the emulator received it.
    let orders = emulator.qnits().orders();
    let params = &orders[0].params;
    assert_eq!(params["name"], "Dmitry_DM");
    assert_eq!(params["phone"], "312312312");
    assert_eq!(
        params["products"],
        json!([{"id": 5, "quantity": 1, "price": 500, "name": "Новые очки от Recon Transcend"}])
    );
    let comments = params["comments"].as_str().unwrap();
    assert!(comments.contains("Адрес доставки: 312312312"), "{comments}");

    // The second run: nothing is new, nothing is sent, nothing changes.
    let sent = qnits_requests(&emulator);
    let second = succeeded(&sync(&emulator, &["1"]));
    assert_eq!(emulator.qnits().orders(), orders, "{second}");
    assert_eq!(qnits_requests(&emulator), sent, "{second}");
    assert_eq!(statuses(&emulator), after_first, "{second}");
    assert!(second.contains("orders created:  0\n"), "{second}");
}

#[test]
fn an_order_whose_answer_was_lost_is_sent_again_and_made_once() {
    let emulator = Emulator::start_in_background().unwrap();
    let new = in_status(&statuses(&emulator), OrderStatus::NEW);
    assert!(!new.is_empty());

    // Qnits makes each order and the connection drops before its answer,
    // on every attempt: the orders exist, the sync cannot know it.
    emulator.faults().inject_always(
        format!("{}/api", Api::Qnits.prefix()),
        Fault::ResetAfterRead,
    );
    let first = sync(&emulator, &[]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(!first.status.success(), "{stderr}");
    assert!(stderr.contains("may exist"), "{stderr}");
    let made = emulator.qnits().orders();
    assert_eq!(external_ids(&emulator), expected_ids(&new));
    // Not moved: nothing said the orders exist.
    let after_first = statuses(&emulator);
    assert_eq!(in_status(&after_first, OrderStatus::NEW), new, "{stderr}");

    // The next run sends them again with the same external ids, and Qnits
    // answers with the orders it made.
    emulator.faults().clear();
    let second = succeeded(&sync(&emulator, &[]));
    assert_eq!(emulator.qnits().orders(), made, "{second}");
    let after_second = statuses(&emulator);
    for id in &new {
        assert_eq!(after_second[id], OrderStatus::PROCESSING, "{second}");
    }
    assert!(in_status(&after_second, OrderStatus::NEW).is_empty());
}

#[test]
fn one_real_service_without_the_other_is_refused() {
    let output = Command::new(env!("CARGO_BIN_EXE_order_sync"))
        .env("UCOZ_BASE_URL", "https://yoursite.ucoz.ru/uapi")
        .env_remove("QNITS_BASE_URL")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: set both UCOZ_BASE_URL and QNITS_BASE_URL"),
        "{stderr}"
    );
}
