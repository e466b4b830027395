//! Saving live answers as fixtures: scrubbed, with their provenance.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::probe::Probe;
use crate::targets::Target;

/// The workspace root.
pub(crate) fn project_root() -> PathBuf {
    // Set by `cargo run` (and for tests) to this package; the compile-time
    // path only as a fallback, since checkouts may share one binary.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .ancestors()
        .nth(2)
        .expect("conformance/live lies two levels below the root")
        .to_path_buf()
}

/// Where the live report goes: `conformance/` in the target directory this
/// binary was built into (the one cargo marks with `CACHEDIR.TAG`), which
/// follows `CARGO_TARGET_DIR`; `target/` of the root when run from elsewhere.
pub(crate) fn report_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.ancestors()
                .find(|dir| dir.join("CACHEDIR.TAG").is_file())
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| project_root().join("target"))
        .join("conformance")
}

/// The project's `fixtures/` folder.
pub(crate) fn project_fixtures() -> PathBuf {
    project_root().join("fixtures")
}

/// What stands in for anything scrubbed.
const SCRUBBED: &str = "[scrubbed]";

/// Keys whose values are about a person or an account, not the API's shape.
/// `in_person` says whether the object also has a phone or an e-mail, in
/// which case its `name` is a person's too.
fn is_personal(key: &str, in_person: bool) -> bool {
    let key = key.to_ascii_lowercase();
    let exact = ["ip", "inn", "kpp", "bik", "ogrn", "orgn", "fio", "akey"];
    let parts = [
        "phone",
        "mail",
        "address",
        "login",
        "password",
        "passport",
        "account",
        "user_name",
        "client_name",
        "token",
        "hash",
        "wholesaler_info",
        "org_name",
    ];
    exact.contains(&key.as_str())
        || parts.iter().any(|part| key.contains(part))
        || (in_person && key == "name")
}

/// Replaces every credential, and every text or number under a personal
/// key, keeping the JSON's shape and types of everything else.
fn scrub(value: &mut Value, secrets: &[String], personal: bool) {
    match value {
        Value::String(text) => {
            if personal && !text.is_empty() {
                *text = SCRUBBED.to_owned();
            }
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                if text.contains(secret.as_str()) {
                    *text = text.replace(secret.as_str(), SCRUBBED);
                }
            }
        }
        Value::Number(_) if personal => *value = Value::from(SCRUBBED),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| scrub(item, secrets, personal)),
        Value::Object(members) => {
            let in_person = members
                .keys()
                .any(|k| k.contains("phone") || k.contains("mail"));
            for (key, member) in members.iter_mut() {
                scrub(member, secrets, personal || is_personal(key, in_person));
            }
        }
        _ => {}
    }
}

/// The answer's bytes, scrubbed: JSON re-written, anything else with the
/// credentials replaced.
fn scrubbed(body: &[u8], secrets: &[String]) -> Vec<u8> {
    match serde_json::from_slice::<Value>(body) {
        Ok(mut json) => {
            scrub(&mut json, secrets, false);
            let mut text = serde_json::to_vec_pretty(&json).expect("a JSON value serialises");
            text.push(b'\n');
            text
        }
        Err(_) => {
            let mut text = String::from_utf8_lossy(body).into_owned();
            for secret in secrets.iter().filter(|s| !s.is_empty()) {
                text = text.replace(secret.as_str(), SCRUBBED);
            }
            text.into_bytes()
        }
    }
}

/// `saplab.ListClients` → `list_clients`.
fn file_stem(endpoint: &str) -> String {
    let name = endpoint.rsplit('.').next().unwrap_or(endpoint);
    let mut stem = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            stem.push('_');
        }
        stem.push(c.to_ascii_lowercase());
    }
    stem
}

/// Writes each answer to `<dir>/<api>/live/` and lists it in
/// `<dir>/<api>/manifest.json`; returns how many were saved.
pub(crate) fn save(
    dir: &Path,
    api: &str,
    target: &Target,
    probes: &[Probe],
) -> Result<usize, String> {
    let live = dir.join(api).join("live");
    std::fs::create_dir_all(&live).map_err(|e| format!("{}: {e}", live.display()))?;
    let date = date_today();
    let host = target
        .secrets
        .iter()
        .filter(|s| !s.is_empty())
        .fold(target.host.clone(), |host, secret| {
            host.replace(secret.as_str(), SCRUBBED)
        });
    let mut entries = Vec::new();
    for probe in probes {
        let Some((status, body)) = &probe.answer else {
            continue;
        };
        let file = format!("live/{}.{status}.{date}.json", file_stem(probe.endpoint));
        let path = dir.join(api).join(&file);
        std::fs::write(&path, scrubbed(body, &target.secrets))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let expect = match (&probe.result, probe.refused) {
            (Ok(_), _) => "ok",
            (Err(_), true) => "api_error",
            // An answer that did not decode is evidence of a difference, not a fixture to pass.
            (Err(_), false) => continue,
        };
        let endpoint = probe.endpoint.rsplit('.').next().unwrap_or(probe.endpoint);
        entries.push(serde_json::json!({
            "file": file,
            "endpoint": endpoint,
            "role": "response",
            "status": status,
            "expect": expect,
            "provenance": "live",
            "lines": "-",
            "note": format!(
                "Answered by {host} on {date} to conformance-live; credentials and personal data scrubbed, JSON re-written (keys in alphabetical order, escapes normalised)."
            ),
        }));
    }
    append_to_manifest(&dir.join(api).join("manifest.json"), &entries)?;
    Ok(entries.len())
}

/// Appends `entries` to the manifest's `fixtures` list, keeping the rest of
/// the file as written (serde_json would reorder every entry's keys).
fn append_to_manifest(manifest: &Path, entries: &[Value]) -> Result<(), String> {
    if entries.is_empty() {
        return Ok(());
    }
    let text =
        std::fs::read_to_string(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let end = text
        .rfind(']')
        .ok_or_else(|| format!("{}: no fixtures list", manifest.display()))?;
    let (head, tail) = text.split_at(end);
    let mut out = head.trim_end().to_owned();
    for entry in entries {
        let pretty = serde_json::to_string_pretty(entry).expect("a JSON value serialises");
        let indented: Vec<String> = pretty.lines().map(|line| format!("    {line}")).collect();
        out.push_str(",\n");
        out.push_str(&indented.join("\n"));
    }
    out.push_str("\n  ");
    out.push_str(tail);
    serde_json::from_str::<Value>(&out)
        .map_err(|e| format!("{}: would not stay JSON: {e}", manifest.display()))?;
    std::fs::write(manifest, out).map_err(|e| format!("{}: {e}", manifest.display()))
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
fn date_today() -> String {
    shop_apis_core::wire::datetime::format_date(time::OffsetDateTime::now_utc().date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_secrets_and_personal_values_but_keeps_shape() {
        let body = br#"{"clients":[{"id":"1","phone":"79001234567","email":"a@b.ru","note":"pw s3cret here","limit":5}],"pages":1}"#;
        let out: Value = serde_json::from_slice(&scrubbed(body, &["s3cret".to_owned()])).unwrap();
        let client = &out["clients"][0];
        assert_eq!(client["id"], "1");
        assert_eq!(client["phone"], SCRUBBED);
        assert_eq!(client["email"], SCRUBBED);
        assert_eq!(client["note"], "pw [scrubbed] here");
        assert_eq!(client["limit"], 5);
        let shipping: Value = serde_json::from_slice(&scrubbed(
            r#"{"shipping_id":"2","name":"Курьер"}"#.as_bytes(),
            &[],
        ))
        .unwrap();
        assert_eq!(
            (&shipping["shipping_id"], &shipping["name"]),
            (&Value::from("2"), &Value::from("Курьер"))
        );
        let person: Value = serde_json::from_slice(&scrubbed(
            r#"{"name":"Иван","email":"a@b"}"#.as_bytes(),
            &[],
        ))
        .unwrap();
        assert_eq!(person["name"], SCRUBBED);
        assert_eq!(out["pages"], 1);
        let text = scrubbed(b"<html>s3cret</html>", &["s3cret".to_owned()]);
        assert_eq!(text, b"<html>[scrubbed]</html>");
    }

    #[test]
    fn names_files_after_endpoints() {
        assert_eq!(file_stem("saplab.ListClients"), "list_clients");
        assert_eq!(file_stem("ucoz.GetOrder"), "get_order");
    }
}
