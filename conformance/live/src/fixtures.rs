//! Saving live answers as fixtures: scrubbed, with their provenance.

use std::path::{Path, PathBuf};

use serde_json::Value;

use shop_apis_core::ResponseError;

use crate::probe::Probe;
use crate::scrub::{SCRUBBED, Scrubber};
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
    let mut scrubber = Scrubber::new(&target.secrets);
    let mut entries = Vec::new();
    // Written only once every answer is scrubbed and re-read: a save that
    // stops leaves nothing unlisted behind.
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for probe in probes {
        let Some((status, body)) = &probe.answer else {
            continue;
        };
        // An endpoint called twice (a list before and after a write) keeps both.
        let stem = format!("live/{}.{status}.{date}", file_stem(probe.endpoint));
        let mut file = format!("{stem}.json");
        let mut n = 1;
        while files.iter().any(|(f, _)| *f == file) || dir.join(api).join(&file).exists() {
            n += 1;
            file = format!("{stem}.{n}.json");
        }
        let scrubbed = scrubber.body(body);
        let expect = match (&probe.result, probe.refused) {
            (Ok(_), _) => "ok",
            (Err(_), true) => "api_error",
            // An answer that did not decode is evidence of a difference,
            // not a fixture to pass; it is saved, and not listed.
            (Err(_), false) => {
                files.push((file, scrubbed));
                continue;
            }
        };
        // What is listed must still be what it was: scrubbing that broke
        // an answer is a fault here, never a fixture that fails later.
        let reread = (probe.reread)(*status, &scrubbed);
        match (&reread, expect) {
            (Ok(()), "ok") | (Err(ResponseError::Api(_)), "api_error") => {}
            _ => {
                return Err(format!(
                    "{}: the scrubbed answer no longer decodes as the answer did ({}): {}; nothing saved",
                    probe.endpoint,
                    expect,
                    reread
                        .map_or_else(|e| shop_apis_core::report(&e), |()| "it decoded".to_owned())
                ));
            }
        }
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
                "Answered by {host} on {date} to conformance-live; credentials and personal data scrubbed (text other than dates, flags and amounts; numbers of five digits or more given stand-ins; fractions beyond two places zeroed), JSON re-written (keys in alphabetical order, escapes normalised)."
            ),
        }));
        files.push((file, scrubbed));
    }
    for (file, bytes) in &files {
        let path = dir.join(api).join(file);
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
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
        // The first entry of an empty list needs no comma before it.
        if !out.ends_with('[') {
            out.push(',');
        }
        out.push('\n');
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
    fn names_files_after_endpoints() {
        assert_eq!(file_stem("saplab.ListClients"), "list_clients");
        assert_eq!(file_stem("ucoz.GetOrder"), "get_order");
    }
}
