//! The live run pointed at the emulator as if it were a real shop, and run
//! with no shop at all.

use std::process::{Command, Output};

use shop_apis_emulator::{Api, BackgroundEmulator, Emulator, Personal};

const VARIABLES: [&str; 16] = [
    "QNITS_BASE_URL",
    "QNITS_QNIT_ID",
    "QNITS_TOKEN",
    "QNITS_ALLOW_PLAIN_HTTP",
    "SAPLAB_BASE_URL",
    "SAPLAB_LOGIN",
    "SAPLAB_PASSWORD",
    "SAPLAB_ALLOW_PLAIN_HTTP",
    "UCOZ_BASE_URL",
    "UCOZ_CONSUMER_KEY",
    "UCOZ_CONSUMER_SECRET",
    "UCOZ_TOKEN",
    "UCOZ_TOKEN_SECRET",
    "UCOZ_BEARER",
    "UCOZ_SET_STATUS",
    "UCOZ_ALLOW_PLAIN_HTTP",
];

/// Runs the live binary with only `env` of the shop variables set.
fn live(args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_conformance-live"));
    command.args(args).env("NO_PROXY", "127.0.0.1,localhost");
    for name in VARIABLES {
        command.env_remove(name);
    }
    command.envs(env.iter().map(|(k, v)| (*k, v.as_str())));
    command.output().expect("the live binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn saplab_env(emulator: &BackgroundEmulator) -> Vec<(&'static str, String)> {
    vec![
        ("SAPLAB_BASE_URL", emulator.base_url(Api::SapLab)),
        ("SAPLAB_LOGIN", emulator.saplab().login().to_owned()),
        ("SAPLAB_PASSWORD", emulator.saplab().password().to_owned()),
    ]
}

fn ucoz_env(emulator: &BackgroundEmulator) -> Vec<(&'static str, String)> {
    let ucoz = emulator.ucoz();
    vec![
        ("UCOZ_BASE_URL", emulator.base_url(Api::Ucoz)),
        ("UCOZ_CONSUMER_KEY", ucoz.consumer_key().to_owned()),
        ("UCOZ_CONSUMER_SECRET", ucoz.consumer_secret().to_owned()),
        ("UCOZ_TOKEN", ucoz.token().to_owned()),
        ("UCOZ_TOKEN_SECRET", ucoz.token_secret().to_owned()),
    ]
}

#[test]
fn without_credentials_it_names_what_it_needs_and_fails() {
    for (api, needed) in [
        ("qnits", "QNITS_BASE_URL, QNITS_QNIT_ID, QNITS_TOKEN"),
        ("saplab", "SAPLAB_BASE_URL, SAPLAB_LOGIN, SAPLAB_PASSWORD"),
        ("ucoz", "UCOZ_BASE_URL"),
    ] {
        let output = live(&[api], &[]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{api}: {stderr}");
        assert!(stderr.contains(needed), "{api}: {stderr}");
        assert!(!stderr.contains("panicked"), "{api}: {stderr}");
    }
    // uCoz with a base URL but half of OAuth: the rest is named.
    let output = live(
        &["ucoz"],
        &[
            ("UCOZ_BASE_URL", "http://127.0.0.1:9/uapi".into()),
            ("UCOZ_TOKEN", "t".into()),
        ],
    );
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("UCOZ_CONSUMER_KEY") && !stderr.contains("UCOZ_TOKEN,"),
        "{stderr}"
    );
    assert_eq!(live(&["shopify"], &[]).status.code(), Some(2));
}

#[test]
fn saplab_reads_every_safe_endpoint_and_writes_nothing() {
    let emulator = Emulator::start_in_background().unwrap();
    let output = live(&["saplab"], &saplab_env(&emulator));
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for endpoint in [
        "ListManagers",
        "ListShippingTypes",
        "ListStatuses",
        "ListGroups",
        "ListClients",
        "GetClient",
        "GetBalance",
        "ListOrders",
    ] {
        assert!(
            stdout.contains(&format!("| saplab.{endpoint} | Safe | ok | none |")),
            "{endpoint}: {stdout}"
        );
    }
    assert!(
        stdout.contains("8 call(s), 0 failed, 0 unknown field(s)"),
        "{stdout}"
    );
    let requests = emulator.requests();
    assert_eq!(requests.len(), 8);
    assert!(requests.iter().all(|r| r.method == "GET"), "{requests:?}");
    // The report goes to the target directory the binary was built into,
    // wherever `CARGO_TARGET_DIR` put it, not to a path fixed at compile time.
    let binary = std::path::Path::new(env!("CARGO_BIN_EXE_conformance-live"));
    let target = binary
        .ancestors()
        .find(|dir| dir.join("CACHEDIR.TAG").is_file())
        .expect("the binary lies in a cargo target directory");
    let report = target.join("conformance").join("live-saplab.md");
    assert!(
        stdout.contains(&format!("written to {}", report.display())),
        "{stdout}"
    );
    assert!(report.is_file());
}

#[test]
fn saplab_writes_only_on_its_own_objects_and_removes_them() {
    let emulator = Emulator::start_in_background().unwrap();
    let before = emulator_lists(&emulator);
    let output = live(&["saplab", "--allow-writes"], &saplab_env(&emulator));
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
    for endpoint in ["Create", "Update", "Remove"] {
        for kind in ["ShippingType", "Status", "Group"] {
            assert!(
                stdout.contains(&format!("| saplab.{endpoint}{kind} |")),
                "{endpoint}{kind}: {stdout}"
            );
        }
    }
    let writes: Vec<String> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| r.path_and_query)
        .collect();
    assert_eq!(writes.len(), 9, "{writes:?}");
    assert_eq!(
        emulator_lists(&emulator),
        before,
        "everything it made is gone"
    );
}

/// The shipping types, statuses and groups as the emulator serves them.
fn emulator_lists(emulator: &BackgroundEmulator) -> Vec<String> {
    let client = reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap();
    ["order/shipping_type", "order/status", "client/group"]
        .iter()
        .map(|path| {
            client
                .get(format!("{}/panel/{path}", emulator.base_url(Api::SapLab)))
                .basic_auth(
                    emulator.saplab().login(),
                    Some(emulator.saplab().password()),
                )
                .send()
                .unwrap()
                .text()
                .unwrap()
        })
        .collect()
}

#[test]
fn ucoz_reads_every_safe_endpoint_signed() {
    let emulator = Emulator::start_in_background().unwrap();
    for allow_writes in [false, true] {
        let mut args = vec!["ucoz"];
        if allow_writes {
            args.push("--allow-writes");
        }
        let output = live(&args, &ucoz_env(&emulator));
        let stdout = text(&output.stdout);
        assert!(output.status.success(), "{stdout}{}", text(&output.stderr));
        assert!(stdout.contains("10 call(s), 0 failed"), "{stdout}");
        // Every field the emulator sends is one the document names, and every
        // one the document names is typed (the order fields' `expand`,
        // `autoreg`, `autoreg_reject`, `addr`, `lat`, `lng`, each invoice's
        // `map`, the goods lines' `otherN`): none is left in `unknown`.
        assert!(
            stdout.contains("10 call(s), 0 failed, 0 unknown field(s)"),
            "{stdout}"
        );
        assert!(!stdout.contains("other1"), "{stdout}");
    }
    assert!(emulator.requests().iter().all(|r| r.method == "GET"));
}

#[test]
fn qnits_calls_nothing_and_says_why() {
    let emulator = Emulator::start_in_background().unwrap();
    let env = [
        ("QNITS_BASE_URL", emulator.base_url(Api::Qnits)),
        ("QNITS_QNIT_ID", emulator.qnits().qnit_id().to_string()),
        ("QNITS_TOKEN", emulator.qnits().token().to_owned()),
    ];
    let output = live(&["qnits", "--allow-writes"], &env);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}");
    assert!(stdout.contains("cannot be removed"), "{stdout}");
    assert!(emulator.requests().is_empty());
}

#[test]
fn saved_answers_are_scrubbed_and_listed_with_their_provenance() {
    let emulator = Emulator::start_in_background().unwrap();
    let dir = std::env::temp_dir().join(format!("conformance-live-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("saplab")).unwrap();
    let manifest = dir.join("saplab/manifest.json");
    std::fs::write(&manifest, "{\n  \"api\": \"saplab\",\n  \"seed\": \"s\",\n  \"fixtures\": [\n    {\"file\": \"a\"}\n  ]\n}\n").unwrap();

    let output = live(
        &["saplab", "--save-fixtures", dir.to_str().unwrap()],
        &saplab_env(&emulator),
    );
    assert!(
        output.status.success(),
        "{}{}",
        text(&output.stdout),
        text(&output.stderr)
    );

    let listed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let fixtures = listed["fixtures"].as_array().unwrap();
    assert_eq!(fixtures.len(), 1 + 8);
    assert_eq!(fixtures[0]["file"], "a", "what was there stays");
    for entry in &fixtures[1..] {
        assert_eq!(entry["provenance"], "live");
        assert_eq!(entry["expect"], "ok");
        let saved =
            std::fs::read_to_string(dir.join("saplab").join(entry["file"].as_str().unwrap()))
                .unwrap();
        serde_json::from_str::<serde_json::Value>(&saved).unwrap();
        assert!(!saved.contains(emulator.saplab().password()));
        // Seeded personal data: a client's phone and e-mail.
        assert!(
            !saved.contains("regular@example.com") && !saved.contains("79000000001"),
            "{saved}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Distinctive values of each kind, realistic in shape (a phone is digits
/// alone, the hardest for a scrubber to tell from an id), each one new.
fn sentinel(kind: Personal, n: usize) -> String {
    match kind {
        Personal::Name => format!("Сентинелов Пётр {n}"),
        Personal::Phone => format!("7999{n:07}"),
        Personal::Email => format!("sentinel.{n}@example.org"),
        Personal::Address => format!("г. Сентинельск, ул. Приметная, д. {n}"),
        Personal::Login => format!("sentinel_login_{n}"),
        Personal::Note => format!("Заметка-сентинел {n}: звонить после 18:00"),
        Personal::Ip => format!("198.51.{}.{}", n / 256, n % 256),
        Personal::Coordinate => format!("55.{:06}", 700_000 + n),
        Personal::TaxNumber => format!("77{n:010}"),
        Personal::BankAccount => format!("40817810{n:012}"),
        other => format!("sentinel {other:?} {n}"),
    }
}

#[test]
fn saved_answers_hold_none_of_the_personal_values_the_shop_sent() {
    let emulator = Emulator::start_in_background().unwrap();
    let mut planted: Vec<(Personal, String)> = Vec::new();
    emulator.fill_personal_fields(&mut |kind| {
        let value = sentinel(kind, planted.len() + 1);
        planted.push((kind, value.clone()));
        value
    });
    assert!(planted.len() > 100, "{}", planted.len());

    let dir = std::env::temp_dir().join(format!("conformance-sentinels-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for (api, env, calls) in [
        // SapLab with its writes too: their answers are saved as well.
        ("saplab", saplab_env(&emulator), 20),
        ("ucoz", ucoz_env(&emulator), 10),
    ] {
        std::fs::create_dir_all(dir.join(api)).unwrap();
        let manifest = dir.join(api).join("manifest.json");
        std::fs::write(&manifest, "{\n  \"fixtures\": [\n  ]\n}\n").unwrap();
        let mut args = vec![api, "--save-fixtures", dir.to_str().unwrap()];
        if api == "saplab" {
            args.push("--allow-writes");
        }
        let output = live(&args, &env);
        let (stdout, stderr) = (text(&output.stdout), text(&output.stderr));
        assert!(output.status.success(), "{api}: {stdout}{stderr}");
        // The answers carried the planted values: the run saw them.
        assert!(
            stdout.contains(&format!("{calls} call(s), 0 failed")),
            "{stdout}"
        );
        let listed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
        let fixtures = listed["fixtures"].as_array().unwrap();
        // Every answer saved, and still decoding as it did (the live run
        // re-reads each scrubbed answer before listing it).
        assert_eq!(fixtures.len(), calls, "{api}: {listed}");
        assert!(
            fixtures.iter().all(|f| f["expect"] == "ok"),
            "{api}: {listed}"
        );
    }

    let mut saved = String::new();
    for api in ["saplab", "ucoz"] {
        for file in std::fs::read_dir(dir.join(api).join("live")).unwrap() {
            saved.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap());
        }
    }
    // What the emulator answered really held the sentinels: every text of
    // every answer, its escapes decoded.
    let mut answered = std::collections::HashSet::new();
    for reply in emulator.requests().iter().filter_map(|r| r.reply.as_ref()) {
        if let Ok(json) = serde_json::from_slice::<serde_json::Value>(&reply.body) {
            texts(&json, &mut answered);
        }
    }
    let mut kinds_sent = std::collections::HashSet::new();
    for (kind, value) in &planted {
        assert!(
            !saved.contains(value.as_str()),
            "{kind:?} {value:?} was saved"
        );
        if answered.contains(value) {
            kinds_sent.insert(*kind);
        }
    }
    for kind in [
        Personal::Name,
        Personal::Phone,
        Personal::Email,
        Personal::Address,
        Personal::Login,
        Personal::Note,
        Personal::Ip,
        Personal::Coordinate,
        Personal::TaxNumber,
        Personal::BankAccount,
    ] {
        assert!(
            kinds_sent.contains(&kind),
            "no {kind:?} was sent: {kinds_sent:?}"
        );
    }
    for secret in [
        emulator.saplab().password(),
        emulator.ucoz().consumer_secret(),
        emulator.ucoz().token_secret(),
    ] {
        assert!(!saved.contains(secret));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every text and number of `json`, and every key, into `out`.
fn texts(json: &serde_json::Value, out: &mut std::collections::HashSet<String>) {
    match json {
        serde_json::Value::String(text) => {
            out.insert(text.clone());
        }
        serde_json::Value::Number(number) => {
            out.insert(number.to_string());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| texts(item, out)),
        serde_json::Value::Object(members) => {
            for (key, member) in members {
                out.insert(key.clone());
                texts(member, out);
            }
        }
        _ => {}
    }
}
