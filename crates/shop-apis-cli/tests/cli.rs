//! The `shop-apis` binary against the emulator: one endpoint of each API,
//! `--all-pages`, `--dry-run` (whose curl command, run, gets the same
//! answer), the refusal of an unsafe endpoint without `--yes`, and the exit
//! statuses.

use std::process::{Command, Output, Stdio};

use shop_apis::emulator::{Api, BackgroundEmulator, Emulator};

/// The binary with an empty environment but `PATH`, so that no shop of the
/// machine's is reached, and stdin closed (not a terminal).
fn shop_apis(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shop-apis"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .args(args)
        .stdin(Stdio::null());
    command
}

/// `command` pointed at `emulator`'s three APIs through the README's variables.
fn at(emulator: &Emulator, mut command: Command) -> Command {
    let qnits = emulator.qnits();
    let saplab = emulator.saplab();
    let ucoz = emulator.ucoz();
    command
        .env("QNITS_BASE_URL", emulator.base_url(Api::Qnits))
        .env("QNITS_QNIT_ID", qnits.qnit_id().to_string())
        .env("QNITS_TOKEN", qnits.token())
        .env("SAPLAB_BASE_URL", emulator.base_url(Api::SapLab))
        .env("SAPLAB_LOGIN", saplab.login())
        .env("SAPLAB_PASSWORD", saplab.password())
        .env("UCOZ_BASE_URL", emulator.base_url(Api::Ucoz))
        .env("UCOZ_CONSUMER_KEY", ucoz.consumer_key())
        .env("UCOZ_CONSUMER_SECRET", ucoz.consumer_secret())
        .env("UCOZ_TOKEN", ucoz.token())
        .env("UCOZ_TOKEN_SECRET", ucoz.token_secret());
    command
}

fn run(mut command: Command) -> Output {
    command.output().expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `command`, which must succeed, and reads its stdout as JSON.
fn json(command: Command) -> serde_json::Value {
    let output = run(command);
    assert!(
        output.status.success(),
        "{:?}: {}",
        output.status,
        text(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&output.stdout)))
}

/// Standard Base64, as HTTP Basic writes its credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0_u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn emulator() -> BackgroundEmulator {
    Emulator::start_in_background().expect("the emulator starts")
}

#[test]
fn the_help_lists_every_endpoint_of_the_three_apis() {
    let output = run(shop_apis(&["--help"]));
    assert!(output.status.success());
    let help = text(&output.stdout);
    let (_, endpoints) = help.split_once("\nEndpoints:\n").expect("an endpoint list");
    let listed: Vec<&str> = endpoints
        .lines()
        .filter(|line| {
            ["  qnits ", "  saplab ", "  ucoz "]
                .iter()
                .any(|api| line.starts_with(api))
        })
        .collect();
    assert_eq!(listed.len(), 47, "{help}");
    for command in [
        "qnits create-order",
        "saplab pay-position",
        "ucoz list-invoices",
        "ucoz change-order-field",
    ] {
        assert!(
            help.contains(&format!("  {command} ")),
            "{command} missing:\n{help}"
        );
    }
}

#[test]
fn one_endpoint_of_each_api_through_the_in_process_emulator() {
    let order = json(shop_apis(&[
        "--emulator",
        "qnits",
        "create-order",
        "--name",
        "Иванов Иван",
        "--phone",
        "+7 900 000-00-00",
        "--external-id",
        "cli-1",
        "--product",
        "1:2:1499.90",
    ]));
    assert!(order["order_id"].is_u64(), "{order}");

    let client = json(shop_apis(&["--emulator", "saplab", "get-client", "2"]));
    assert_eq!(client["client"]["id"], 2, "{client}");

    let statuses = json(shop_apis(&["--emulator", "ucoz", "list-order-statuses"]));
    assert_eq!(statuses["4"], "Готов", "{statuses}");
}

#[test]
fn all_pages_prints_every_item_the_library_walks_one_line_each() {
    let emulator = emulator();
    let output = run(at(
        &emulator,
        shop_apis(&["ucoz", "list-invoices", "--per-page", "1", "--all-pages"]),
    ));
    assert!(output.status.success(), "{}", text(&output.stderr));
    let lines: Vec<serde_json::Value> = text(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON value per line"))
        .collect();
    let ids: Vec<u64> = lines
        .iter()
        .map(|invoice| invoice["id"].as_u64().expect("an id"))
        .collect();
    let mut expected: Vec<u64> = emulator.ucoz().invoice_ids();
    let mut got = ids.clone();
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, expected, "every invoice once");
    assert!(ids.len() > 1, "more than one page walked");
    let pages = emulator
        .requests()
        .iter()
        .filter(|r| r.path_and_query.contains("/shop/invoices"))
        .count();
    assert_eq!(pages, ids.len(), "one request per page of one");

    // The same walk through the library gives the same items, field for field.
    let site = ucoz_site(&emulator);
    let shop = shop_apis::reqwest::blocking::Client::new()
        .unwrap()
        .bind(site);
    let first = shop_apis::ucoz::ListInvoices::default().per_page(1);
    let library: Vec<serde_json::Value> = shop
        .items(first)
        .map(|invoice| serde_json::to_value(invoice.unwrap()).unwrap())
        .collect();
    assert_eq!(lines, library);
}

fn ucoz_site(emulator: &Emulator) -> shop_apis::ucoz::Ucoz {
    use shop_apis::ucoz::{Auth, OAuthCredentials, Ucoz};
    let site = emulator.ucoz();
    let credentials = OAuthCredentials::new(
        site.consumer_key(),
        site.consumer_secret(),
        site.token(),
        site.token_secret(),
    )
    .unwrap();
    Ucoz::new(
        shop_apis::BaseUrl::parse(&emulator.base_url(Api::Ucoz)).unwrap(),
        Auth::OAuth1(credentials),
    )
}

#[test]
fn a_dry_run_sends_nothing_and_its_curl_command_gets_the_same_answer() {
    let emulator = emulator();
    for args in [
        &[
            "ucoz",
            "list-invoices",
            "--status",
            "new",
            "--per-page",
            "2",
        ][..],
        &["saplab", "get-client", "2"],
        &[
            "qnits",
            "create-order",
            "--name",
            "Иван",
            "--phone",
            "+7 900",
            "--external-id",
            "dry-1",
            "--product",
            "1:1",
        ],
    ] {
        let before = emulator.requests().len();
        let dry = run(at(
            &emulator,
            shop_apis(&[args, &["--dry-run", "--show-secrets"]].concat()),
        ));
        assert!(dry.status.success(), "{args:?}: {}", text(&dry.stderr));
        assert_eq!(
            emulator.requests().len(),
            before,
            "{args:?}: a dry run sent a request"
        );
        let curl = text(&dry.stdout);
        assert!(curl.starts_with("curl "), "{curl}");

        let by_curl = Command::new("sh")
            .arg("-c")
            .arg(curl.trim_end())
            .output()
            .expect("sh runs curl");
        assert!(
            by_curl.status.success(),
            "{args:?}: curl failed: {}",
            text(&by_curl.stderr)
        );
        assert_eq!(
            emulator.requests().len(),
            before + 1,
            "{args:?}: curl sent one request"
        );
        let raw = run(at(&emulator, shop_apis(&[args, &["--raw"]].concat())));
        assert!(raw.status.success(), "{args:?}: {}", text(&raw.stderr));
        assert_eq!(
            text(&by_curl.stdout),
            text(&raw.stdout),
            "{args:?}: curl and the binary got different answers"
        );
        assert!(!raw.stdout.is_empty());
        // Without a stamp (SapLab, Qnits), curl sent the very request the binary sends.
        if args[0] != "ucoz" {
            let requests = emulator.requests();
            let (from_curl, from_binary) = (&requests[before], &requests[before + 1]);
            assert_eq!(from_curl.method, from_binary.method, "{args:?}");
            assert_eq!(
                from_curl.path_and_query, from_binary.path_and_query,
                "{args:?}"
            );
            assert_eq!(from_curl.body, from_binary.body, "{args:?}");
            for header in &from_binary.headers {
                let name = header.0.to_ascii_lowercase();
                if ["host", "accept", "content-length"].contains(&name.as_str()) {
                    continue;
                }
                let same = from_curl
                    .headers
                    .iter()
                    .any(|(n, v)| n.eq_ignore_ascii_case(&name) && v == &header.1);
                assert!(
                    same,
                    "{args:?}: curl sent no {header:?}: {:?}",
                    from_curl.headers
                );
            }
        }
    }
}

#[test]
fn a_dry_run_hides_the_credentials_unless_asked() {
    let emulator = emulator();
    // SapLab's Basic header as it would travel: hidden whole.
    let pair = format!(
        "{}:{}",
        emulator.saplab().login(),
        emulator.saplab().password()
    );
    let basic = base64(pair.as_bytes());
    let card = std::env::temp_dir().join(format!("shop-apis-cli-card-{}.json", std::process::id()));
    std::fs::write(
        &card,
        r#"{"name": "Пупкин", "phone": "71111111111", "password": "Pa55-w0rd!"}"#,
    )
    .unwrap();
    let card = card.display().to_string();
    let cases: [(&[&str], &str); 3] = [
        (
            &[
                "qnits",
                "create-order",
                "--name",
                "И",
                "--phone",
                "1",
                "--external-id",
                "x",
                "--product",
                "1:1",
            ],
            emulator.qnits().token(),
        ),
        (&["saplab", "list-managers"], &basic),
        (&["saplab", "create-client", "--json", &card], "Pa55-w0rd"),
    ];
    for (args, secret) in cases {
        let dry = run(at(&emulator, shop_apis(&[args, &["--dry-run"]].concat())));
        assert!(dry.status.success(), "{}", text(&dry.stderr));
        let curl = text(&dry.stdout);
        assert!(curl.contains("[redacted]"), "{curl}");
        assert!(!curl.contains(secret), "{args:?}: {secret} in {curl}");
        let shown = run(at(
            &emulator,
            shop_apis(&[args, &["--dry-run", "--show-secrets"]].concat()),
        ));
        assert!(shown.status.success(), "{}", text(&shown.stderr));
        let curl = text(&shown.stdout);
        assert!(!curl.contains("[redacted]"), "{curl}");
        assert!(
            curl.contains(secret),
            "{args:?}: {secret} not shown in {curl}"
        );
    }
    let _ = std::fs::remove_file(&card);
    // The uCoz request is signed: its signature is what is hidden.
    let dry = run(at(
        &emulator,
        shop_apis(&["ucoz", "list-invoices", "--dry-run"]),
    ));
    assert!(
        text(&dry.stdout).contains("oauth_signature=[redacted]"),
        "{}",
        text(&dry.stdout)
    );
    assert!(emulator.requests().is_empty(), "no dry run sent anything");
    // What was looked for is what travels.
    json(at(&emulator, shop_apis(&["saplab", "list-managers"])));
    let sent = &emulator.requests()[0].headers;
    let authorization = sent
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("authorization"));
    assert_eq!(
        authorization.map(|(_, value)| value.as_str()),
        Some(format!("Basic {basic}").as_str())
    );
}

#[test]
fn raw_prints_the_refusal_as_sent_and_still_fails() {
    let emulator = emulator();
    let raw = run(at(
        &emulator,
        shop_apis(&["saplab", "get-client", "999999", "--raw"]),
    ));
    assert_eq!(raw.status.code(), Some(1), "{}", text(&raw.stderr));
    let requests = emulator.requests();
    let reply = requests[0].reply.as_ref().expect("answered");
    assert_eq!(raw.stdout, reply.body, "the server's bytes");
}

#[test]
fn an_unsafe_endpoint_is_refused_in_a_pipe_without_yes_and_sent_with_it() {
    let emulator = emulator();
    let refused = run(at(&emulator, shop_apis(&["saplab", "pay-position", "20"])));
    assert_eq!(refused.status.code(), Some(5), "{}", text(&refused.stderr));
    let message = text(&refused.stderr);
    assert!(
        message.contains("--yes") && message.contains("nothing was sent"),
        "{message}"
    );
    assert!(emulator.requests().is_empty(), "nothing reached the shop");

    // Client 2 can pay for position 20 once topped up: another unsafe call.
    let top_up = [
        "saplab",
        "add-transaction",
        "2",
        "--amount",
        "10000000",
        "--description",
        "top-up",
    ];
    let refused = run(at(&emulator, shop_apis(&top_up)));
    assert_eq!(refused.status.code(), Some(5), "{}", text(&refused.stderr));
    assert!(emulator.requests().is_empty(), "nothing reached the shop");
    json(at(
        &emulator,
        shop_apis(&[&top_up[..], &["--yes"]].concat()),
    ));
    let paid = json(at(
        &emulator,
        shop_apis(&["saplab", "pay-position", "20", "-y"]),
    ));
    assert_eq!(paid["effect"]["kind"], "paid", "{paid}");
    assert_eq!(emulator.requests().len(), 2, "one request each");
}

#[test]
fn each_kind_of_failure_has_its_exit_status_and_says_whether_it_was_sent() {
    let emulator = emulator();
    // The library's own check, before sending: uCoz pages hold 1 to 20.
    let bad = run(at(
        &emulator,
        shop_apis(&["ucoz", "list-invoices", "--per-page", "21"]),
    ));
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad.stderr));
    assert!(
        text(&bad.stderr).contains("not sent"),
        "{}",
        text(&bad.stderr)
    );
    // An argument clap itself refuses.
    let unparsable = run(at(&emulator, shop_apis(&["saplab", "get-client", "two"])));
    assert_eq!(unparsable.status.code(), Some(2));
    // A status no set knows by name.
    let unknown = run(at(
        &emulator,
        shop_apis(&["ucoz", "list-invoices", "--status", "soon"]),
    ));
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("awaiting-payment"),
        "{}",
        text(&unknown.stderr)
    );
    assert!(
        emulator.requests().is_empty(),
        "no refused argument was sent"
    );

    let refused = run(at(
        &emulator,
        shop_apis(&["saplab", "get-client", "999999"]),
    ));
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("the server answered"),
        "{}",
        text(&refused.stderr)
    );

    let mut unreachable = shop_apis(&["saplab", "list-managers"]);
    unreachable
        .env("SAPLAB_BASE_URL", "http://127.0.0.1:1")
        .env("SAPLAB_LOGIN", "manager")
        .env("SAPLAB_PASSWORD", "password");
    let unreachable = run(unreachable);
    assert_eq!(
        unreachable.status.code(),
        Some(3),
        "{}",
        text(&unreachable.stderr)
    );
    assert!(
        text(&unreachable.stderr).contains("was not sent"),
        "{}",
        text(&unreachable.stderr)
    );

    let unset = run(shop_apis(&["ucoz", "list-invoices"]));
    assert_eq!(unset.status.code(), Some(2));
    assert!(
        text(&unset.stderr).contains("UCOZ_BASE_URL"),
        "{}",
        text(&unset.stderr)
    );
}
