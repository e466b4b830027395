//! No order lost, none doubled, no payment made twice: concurrent calls
//! through the async adapters against the emulator on loopback, with
//! connection faults injected. Bounded in count and in time.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use qnits_proto::{CreateOrder, Credentials, ExternalId, OrderCreated, Product, ProductId, Qnits};
use saplab_proto::{AddTransaction, ListOrders, PayPosition, PositionId, SapLab};
use shop_apis_core::BaseUrl;
use shop_apis_emulator::{Api as Served, Emulator, Fault};

use crate::harness::{self, Adapter};

/// The whole of one load run, whatever happens.
const BOUND: Duration = Duration::from_secs(240);

/// An async adapter, as an order-sync job would hold it.
#[derive(Clone)]
enum Async {
    Reqwest(shop_apis_reqwest::Client),
    Hyper(shop_apis_hyper::Client),
}

impl Async {
    fn both() -> [Async; 2] {
        let config = harness::config().retry(harness::retrying());
        let reqwest = reqwest::Client::builder().no_proxy();
        [
            Async::Reqwest(
                shop_apis_reqwest::Client::with_builder(reqwest, config.clone()).unwrap(),
            ),
            Async::Hyper(shop_apis_hyper::Client::with_config(config).unwrap()),
        ]
    }

    fn name(&self) -> &'static str {
        match self {
            Async::Reqwest(_) => "reqwest",
            Async::Hyper(_) => "hyper",
        }
    }

    async fn create(
        &self,
        qnits: &Qnits,
        order: &CreateOrder,
    ) -> Result<OrderCreated, shop_apis_adapter::Error> {
        match self {
            Async::Reqwest(client) => client.call(qnits, order).await,
            Async::Hyper(client) => client.call(qnits, order).await,
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn qnits_of(emulator: &Emulator) -> Qnits {
    Qnits::new(
        BaseUrl::parse(&emulator.base_url(Served::Qnits)).unwrap(),
        Credentials::new(emulator.qnits().qnit_id(), emulator.qnits().token()).unwrap(),
    )
}

/// An emulator whose next `each` Qnits requests are reset after being read,
/// and the `each` after those before, with a client of it.
async fn resetting_emulator(each: u32) -> (Emulator, Arc<Qnits>) {
    let emulator = Emulator::start().await.unwrap();
    let faults = emulator.faults();
    faults.inject("/qnits/api", Fault::ResetAfterRead, each);
    faults.inject("/qnits/api", Fault::ResetBeforeRead, each);
    let qnits = Arc::new(qnits_of(&emulator));
    (emulator, qnits)
}

/// Sends `order` until the answer comes, as a sync job would (at most ten
/// times; every failure on the way must be "outcome unknown").
async fn create_until_answered(adapter: &Async, qnits: &Qnits, order: &CreateOrder) -> Option<u64> {
    for _ in 0..10 {
        match adapter.create(qnits, order).await {
            Ok(created) => return Some(created.order_id.get()),
            Err(error) => assert!(error.is_outcome_unknown(), "{error:?}"),
        }
    }
    None
}

fn order(external_id: &str) -> CreateOrder {
    CreateOrder::new(
        "Иванов Иван",
        "79123211232",
        ExternalId::new(external_id).unwrap(),
        vec![Product::new(ProductId::new(7), 2)],
    )
}

/// 32 tasks send the same order at once while connections are reset
/// before and after the server reads them, and each retries (the policy's,
/// then its own, as a sync job would) until it has an answer: one order
/// exists, and every task was told its number.
#[test]
fn same_order_from_32_tasks_is_created_once() {
    let runtime = runtime();
    for adapter in Async::both() {
        runtime.block_on(async {
            let (emulator, qnits) = resetting_emulator(12).await;
            let mut tasks = tokio::task::JoinSet::new();
            for _ in 0..32 {
                let (adapter, qnits) = (adapter.clone(), qnits.clone());
                tasks.spawn(async move {
                    create_until_answered(&adapter, &qnits, &order("same-for-all")).await
                });
            }
            let answers = tokio::time::timeout(BOUND, tasks.join_all()).await.unwrap();
            let numbers: BTreeSet<_> = answers.iter().map(|a| a.expect("an answer")).collect();
            let stored = emulator.qnits().orders();
            assert_eq!(stored.len(), 1, "{}", adapter.name());
            assert_eq!(
                numbers,
                BTreeSet::from([stored[0].order_id]),
                "{}",
                adapter.name()
            );
            assert_eq!(emulator.faults().pending(), 0, "every fault was met");
            emulator.shutdown().await;
        });
    }
}

/// 10,000 distinct orders through each async adapter, 64 at a time, with
/// a hundred connections reset on the way: exactly 10,000 orders, each
/// once, each caller told its own number.
#[test]
fn ten_thousand_orders_none_lost_none_doubled() {
    const ORDERS: u32 = 10_000;
    const CONCURRENCY: usize = 64;
    let runtime = runtime();
    for adapter in Async::both() {
        runtime.block_on(async {
            let (emulator, qnits) = resetting_emulator(50).await;
            let next = Arc::new(AtomicU32::new(0));
            let mut workers = tokio::task::JoinSet::new();
            for _ in 0..CONCURRENCY {
                let (adapter, qnits, next) = (adapter.clone(), qnits.clone(), next.clone());
                workers.spawn(async move {
                    let mut created = Vec::new();
                    loop {
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        if n >= ORDERS {
                            return created;
                        }
                        let order = order(&format!("load-{n}"));
                        let answer = create_until_answered(&adapter, &qnits, &order).await;
                        created.push((n, answer.expect("an answer within ten tries")));
                    }
                });
            }
            let results = tokio::time::timeout(BOUND, workers.join_all())
                .await
                .unwrap();
            let answers: Vec<(u32, u64)> = results.into_iter().flatten().collect();
            assert_eq!(answers.len(), ORDERS as usize, "{}", adapter.name());
            let stored = emulator.qnits().orders();
            assert_eq!(
                stored.len(),
                ORDERS as usize,
                "{}: none lost, none doubled",
                adapter.name()
            );
            let external: BTreeSet<&str> = stored.iter().map(|o| o.external_id.as_str()).collect();
            assert_eq!(external.len(), ORDERS as usize);
            // Each caller got the number the emulator gave its own order.
            let by_external: std::collections::HashMap<&str, u64> = stored
                .iter()
                .map(|o| (o.external_id.as_str(), o.order_id))
                .collect();
            for (n, number) in &answers {
                assert_eq!(by_external[format!("load-{n}").as_str()], *number);
            }
            assert_eq!(emulator.faults().pending(), 0, "every fault was met");
            emulator.shutdown().await;
        });
    }
}

/// SapLab's pay toggles (a second pay refunds): under every fault, with
/// retries on, each call reaches the panel at most once, and the position
/// changes state at most once, exactly when the panel handled the request.
#[test]
fn pay_is_never_sent_twice() {
    let harness = harness::Harness::with_config(
        harness::config()
            .retry(harness::retrying())
            .timeout(Duration::from_millis(400)),
    );
    let emulator = &harness.emulator;
    let saplab = SapLab::new(
        BaseUrl::parse(&emulator.base_url(Served::SapLab)).unwrap(),
        saplab_proto::Credentials::new(emulator.saplab().login(), emulator.saplab().password())
            .unwrap(),
    );
    let position = PositionId::new(20);
    let read = |adapter| {
        let list = ListOrders::default()
            .position_ids([position])
            .include_archived(true);
        harness
            .call(adapter, &saplab, &list)
            .unwrap()
            .orders
            .remove(0)
    };
    let client = read(Adapter::Hyper)
        .client_id
        .expect("the position names its client");
    harness
        .call(
            Adapter::Hyper,
            &saplab,
            &AddTransaction::new(client, 10_000_000.into(), "top-up"),
        )
        .unwrap();
    let faults = [
        (Fault::ResetBeforeRead, false),
        (Fault::ResetAfterRead, true),
        (Fault::DelayHeaders(Duration::from_millis(1200)), true),
        (Fault::TruncatedBody, true),
        (
            Fault::ServerError {
                status: 503,
                retry_after: None,
            },
            false,
        ),
        (Fault::HtmlErrorPage(502), false),
    ];
    let route = "/saplab/panel/order/pay/";
    for adapter in Adapter::ALL {
        for (fault, handled) in &faults {
            let before = read(adapter).is_payed;
            let sent = emulator
                .requests()
                .iter()
                .filter(|r| r.path_and_query.starts_with(route))
                .count();
            emulator.faults().inject(route, fault.clone(), 1);
            let error = harness
                .call(adapter, &saplab, &PayPosition::new(position))
                .unwrap_err();
            if matches!(fault, Fault::DelayHeaders(_)) {
                std::thread::sleep(Duration::from_millis(1500));
            }
            let now = emulator
                .requests()
                .iter()
                .filter(|r| r.path_and_query.starts_with(route))
                .count();
            assert_eq!(now - sent, 1, "{adapter:?}, {fault:?}: sent once ({error})");
            let after = read(adapter).is_payed;
            assert_eq!(after != before, *handled, "{adapter:?}, {fault:?}");
        }
    }
}
