//! Adapters: a round trip through each adapter to the emulator on loopback
//! against the same request sent with plain reqwest / hyper code, one at a
//! time and 32 at once.
//!
//! Both sides send the same bytes over the same kind of connection pool and
//! decode the answer the same way; what differs is the adapter's own work
//! (building and signing, the clock and nonce, timeouts, the body cap,
//! the retry policy).

use std::sync::Arc;

use bytes::Bytes;
use criterion::{Criterion, criterion_group, criterion_main};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use saplab_proto::{Credentials, ListOrders, SapLab};
use shop_apis_core::{BaseUrl, Endpoint, Stamp};
use shop_apis_emulator::{Api, Emulator};
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

/// Requests in flight at once in the concurrent case.
const CONCURRENT: usize = 32;

struct Setup {
    api: SapLab,
    request: http::Request<Vec<u8>>,
}

fn setup(emulator: &Emulator) -> Setup {
    let base = BaseUrl::parse_allowing_plain_http(&emulator.base_url(Api::SapLab))
        .expect("the emulator's URL");
    let api = SapLab::new(
        base,
        Credentials::new(
            shop_apis_emulator::saplab::LOGIN,
            shop_apis_emulator::saplab::PASSWORD,
        )
        .expect("valid credentials"),
    );
    let request = ListOrders::default()
        .request(&api, &Stamp::new(1_700_000_000, "n"))
        .expect("builds");
    Setup { api, request }
}

fn copy(request: &http::Request<Vec<u8>>) -> http::Request<Vec<u8>> {
    let mut copy = http::Request::new(request.body().clone());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.headers_mut() = request.headers().clone();
    copy
}

fn decode(status: http::StatusCode, body: &[u8]) -> usize {
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    ListOrders::default()
        .response(response)
        .expect("the emulator's page decodes")
        .orders
        .len()
}

async fn plain_reqwest(http: &reqwest::Client, request: &http::Request<Vec<u8>>) -> usize {
    let request = reqwest::Request::try_from(copy(request)).expect("a valid request");
    let response = http.execute(request).await.expect("the emulator answers");
    let status = response.status();
    let body = response.bytes().await.expect("a body");
    decode(status, &body)
}

async fn plain_hyper(
    http: &HyperClient<HttpConnector, Full<Bytes>>,
    request: &http::Request<Vec<u8>>,
) -> usize {
    let request = copy(request).map(|body| Full::new(Bytes::from(body)));
    let response = http.request(request).await.expect("the emulator answers");
    let status = response.status();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("a body")
        .to_bytes();
    decode(status, &body)
}

fn adapters(c: &mut Criterion) {
    let emulator = Emulator::start_in_background().expect("the emulator starts");
    let runtime = Runtime::new().expect("a runtime");
    let setup = Arc::new(setup(&emulator));
    let config = shop_apis_adapter::Config::new("bench");

    let reqwest_http = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("a client");
    let ours_reqwest = Arc::new(shop_apis_reqwest::Client::from_reqwest(
        reqwest_http.clone(),
        config.clone(),
    ));
    let hyper_http: HyperClient<HttpConnector, Full<Bytes>> =
        HyperClient::builder(TokioExecutor::new()).build(HttpConnector::new());
    let ours_hyper = Arc::new(shop_apis_hyper::Client::from_hyper(
        hyper_http.clone(),
        config,
    ));
    let reqwest_http = Arc::new(reqwest_http);
    let hyper_http = Arc::new(hyper_http);

    adapter_group!(
        c,
        runtime,
        setup,
        "adapters/reqwest",
        ours_reqwest,
        reqwest_http,
        plain_reqwest
    );
    adapter_group!(
        c,
        runtime,
        setup,
        "adapters/hyper",
        ours_hyper,
        hyper_http,
        plain_hyper
    );
}

/// The four cases of one adapter: ours and plain, one at a time and
/// `CONCURRENT` at once. A macro because the two adapters' clients share no
/// trait.
macro_rules! adapter_group {
    ($c:ident, $runtime:ident, $setup:ident, $name:literal, $ours:ident, $http:ident, $plain:ident) => {{
        let mut group = $c.benchmark_group($name);
        group.bench_function("ours", |b| {
            b.iter(|| $runtime.block_on($ours.call(&$setup.api, &ListOrders::default())))
        });
        group.bench_function("plain", |b| {
            b.iter(|| $runtime.block_on($plain(&$http, &$setup.request)))
        });
        group.bench_function("ours_x32", |b| {
            b.iter(|| {
                $runtime.block_on(many(|| {
                    let (client, setup) = ($ours.clone(), $setup.clone());
                    async move {
                        let page = client.call(&setup.api, &ListOrders::default()).await;
                        page.expect("answers").orders.len()
                    }
                }))
            })
        });
        group.bench_function("plain_x32", |b| {
            b.iter(|| {
                $runtime.block_on(many(|| {
                    let (http, setup) = ($http.clone(), $setup.clone());
                    async move { $plain(&http, &setup.request).await }
                }))
            })
        });
        group.finish();
    }};
}
use adapter_group;

/// Runs `CONCURRENT` copies of a task at once and waits for all.
async fn many<F, Fut>(task: F) -> usize
where
    F: Fn() -> Fut,
    Fut: Future<Output = usize> + Send + 'static,
{
    let mut set = JoinSet::new();
    for _ in 0..CONCURRENT {
        set.spawn(task());
    }
    let mut total = 0;
    while let Some(done) = set.join_next().await {
        total += done.expect("the task ran");
    }
    total
}

criterion_group!(benches, adapters);
criterion_main!(benches);
