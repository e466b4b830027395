//! The citations of `docs/quirks.md`, checked against the vendors' documents.
//!
//! A **citation** is a code span holding a seed file's three-digit prefix,
//! followed at once by `:L` or `:L–M` (en dash or hyphen): `` `001`:32 ``,
//! `` `002`:469–475 ``. Every other code span is a **snippet**. Citations are
//! read from every cell of every table row (and from every line outside the
//! tables), one cell at a time; nothing pairs across cells.
//!
//! **Groups.** Citations separated only by `,`, `and` and spaces form one
//! group (`` `001`:341, `001`:343 ``, `` `001`:24 and `001`:45 ``).
//!
//! **Pairing.** A group owns, in this order:
//!
//! 1. *after*: when a `:` follows the group, every snippet after it up to the
//!    next citation or the next `;` of the cell (the citation heads a clause:
//!    `` `000`:44: `secondaryPhone` is camelCase ``); otherwise the snippet
//!    right after it (nothing but spaces or one `,` between) and the snippets
//!    listed after that one, joined by `,`, `/`, `and`, `or` or spaces
//!    (`` `002`:106 `"sum":{…}`, `"order_tax":{…}` ``);
//! 2. *before*: of the snippets no group owns after step 1, the one right
//!    before the group, with only `(` or `,` between (`` `тип GET` (`001`:430) ``,
//!    `` (`"pages": 26`, `001`:375) ``), and the snippets listed before it,
//!    joined as above (`` `status=on`, `is_wholesaler=on` (`001`:341, `001`:343) ``).
//!
//! Any other snippet is prose and is not checked.
//!
//! **Holding.** A citation holds when its seed file exists, `1 <= L <= M <=`
//! the file's line count, and its lines are not all blank. A group with
//! snippets holds when each snippet occurs within the lines of one of its
//! citations, and each citation's lines hold at least one of its snippets.
//! A snippet occurs within lines `L..=M` when it is a substring of those lines
//! joined by spaces, after every run of whitespace on both sides is made one
//! space: it may lie within one line or span several, never outside the
//! range. A `…` in a snippet stands for text left out: the parts between
//! `…`s must occur in order.
//!
//! **Seeds.** The documents are read from `../shared/seeds/` beside the
//! workspace, as `NNN_*.txt`. Where that folder does not exist (a clone
//! without it) the check says so and is skipped, not failed; where it
//! exists, a cited file missing from it is a failure.
//!
//! **Rows.** Every quirk id the document names (`W12`, `U1–U7`) must have
//! its own row.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use crate::conformance::cells;

/// The columns of a quirk row, to name a cell in a failure.
const COLUMNS: [&str; 5] = ["id", "API", "evidence", "decision", "tests"];

/// One `` `NNN`:L `` or `` `NNN`:L–M ``.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Citation {
    file: String,
    first: usize,
    last: usize,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "`{}`:{}", self.file, self.first)
        } else {
            write!(f, "`{}`:{}–{}", self.file, self.first, self.last)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Code {
    Citation(Citation),
    Snippet(String),
}

/// A cell cut at its backquotes: `texts[i]` comes before `codes[i]`, and
/// `texts[codes.len()]` ends the cell.
struct Tokens {
    texts: Vec<String>,
    codes: Vec<Code>,
}

fn tokens(cell: &str) -> Tokens {
    let parts: Vec<&str> = cell.split('`').collect();
    // An odd number of backquotes leaves the last one unclosed: it is text.
    let closed = if parts.len().is_multiple_of(2) {
        parts.len() - 1
    } else {
        parts.len()
    };
    let mut texts = Vec::new();
    let mut codes = Vec::new();
    let mut i = 0;
    while i < closed {
        texts.push(parts[i].to_owned());
        if i + 1 < closed {
            codes.push(Code::Snippet(parts[i + 1].to_owned()));
        }
        i += 2;
    }
    if closed < parts.len() {
        let last = texts.last_mut().expect("at least one text");
        last.push('`');
        last.push_str(&parts[closed..].join("`"));
    }
    // A three-digit code span followed by `:L` or `:L–M` is a citation.
    for k in 0..codes.len() {
        let Code::Snippet(code) = &codes[k] else {
            unreachable!()
        };
        if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some((first, last, rest)) = line_range(&texts[k + 1]) {
            codes[k] = Code::Citation(Citation {
                file: code.clone(),
                first,
                last,
            });
            texts[k + 1] = rest.to_owned();
        }
    }
    Tokens { texts, codes }
}

/// `:L` or `:L–M` at the start of `text`, and the rest.
fn line_range(text: &str) -> Option<(usize, usize, &str)> {
    fn number(text: &str) -> Option<(usize, &str)> {
        let end = text
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(text.len());
        Some((text[..end].parse().ok()?, &text[end..]))
    }
    let (first, rest) = number(text.strip_prefix(':')?)?;
    let dash = rest.strip_prefix('–').or_else(|| rest.strip_prefix('-'));
    match dash.and_then(number) {
        Some((last, rest)) => Some((first, last, rest)),
        None => Some((first, first, rest)),
    }
}

/// Text that joins the citations of one group.
fn links_citations(text: &str) -> bool {
    matches!(text.trim(), "," | "and" | ", and")
}

/// Text that joins the snippets of one list.
fn links_snippets(text: &str) -> bool {
    let text = text.trim();
    let text = text.strip_prefix(',').unwrap_or(text).trim();
    matches!(text, "" | "/" | "and" | "or")
}

/// Citations and the snippets they own.
#[derive(Debug, PartialEq, Eq)]
struct Group {
    citations: Vec<Citation>,
    snippets: Vec<String>,
}

/// The groups of one cell, with their snippets, by the rule at the top.
fn groups(cell: &str) -> Vec<Group> {
    let Tokens { texts, codes } = tokens(cell);
    let is_citation = |k: usize| matches!(codes.get(k), Some(Code::Citation(_)));
    let is_snippet = |k: usize| matches!(codes.get(k), Some(Code::Snippet(_)));

    // Spans `a..=b` of codes that are one group.
    let mut spans = Vec::new();
    let mut k = 0;
    while k < codes.len() {
        if !is_citation(k) {
            k += 1;
            continue;
        }
        let start = k;
        while is_citation(k + 1) && links_citations(&texts[k + 1]) {
            k += 1;
        }
        spans.push((start, k));
        k += 1;
    }

    let mut owner: Vec<Option<usize>> = vec![None; codes.len()];
    for (g, &(_, b)) in spans.iter().enumerate() {
        let after = &texts[b + 1];
        if after.trim_start().starts_with(':') {
            for k in b + 1..codes.len() {
                if texts[k].contains(';') || is_citation(k) {
                    break;
                }
                owner[k] = Some(g);
            }
        } else if matches!(after.trim(), "" | ",") && is_snippet(b + 1) {
            let mut k = b + 1;
            owner[k] = Some(g);
            while is_snippet(k + 1) && links_snippets(&texts[k + 1]) {
                k += 1;
                owner[k] = Some(g);
            }
        }
    }
    for (g, &(a, _)) in spans.iter().enumerate() {
        if a == 0 || !matches!(texts[a].trim(), "(" | ",") {
            continue;
        }
        let mut k = a - 1;
        while is_snippet(k) && owner[k].is_none() {
            owner[k] = Some(g);
            if k == 0 || !links_snippets(&texts[k]) {
                break;
            }
            k -= 1;
        }
    }

    spans
        .iter()
        .enumerate()
        .map(|(g, &(a, b))| Group {
            citations: codes[a..=b]
                .iter()
                .map(|c| match c {
                    Code::Citation(c) => c.clone(),
                    Code::Snippet(_) => unreachable!("a group holds citations only"),
                })
                .collect(),
            snippets: codes
                .iter()
                .zip(&owner)
                .filter(|(_, o)| **o == Some(g))
                .map(|(c, _)| match c {
                    Code::Snippet(s) => s.clone(),
                    Code::Citation(_) => unreachable!("only snippets are owned"),
                })
                .collect(),
        })
        .collect()
}

/// Every cell that may cite, named for a failure: each cell of a table row,
/// each line outside the tables.
fn places(quirks: &str) -> Vec<(String, String)> {
    let mut places = Vec::new();
    for (index, line) in quirks.lines().enumerate() {
        if line.starts_with('|') {
            let row = cells(line);
            let id = row.first().filter(|id| is_quirk_id(id));
            for (column, cell) in row.iter().enumerate() {
                let place = match id {
                    Some(id) => format!("{id} ({})", COLUMNS.get(column).unwrap_or(&"cell")),
                    None => format!("docs/quirks.md:{}", index + 1),
                };
                places.push((place, cell.clone()));
            }
        } else {
            places.push((format!("docs/quirks.md:{}", index + 1), line.to_owned()));
        }
    }
    places
}

/// `W1`, `Q15`, `S27`, `U29`: a capital and digits.
fn is_quirk_id(text: &str) -> bool {
    text.len() >= 2
        && text.starts_with(|c: char| c.is_ascii_uppercase())
        && text[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The seed documents, by prefix, each as its lines.
pub(crate) struct Seeds {
    files: BTreeMap<String, Vec<String>>,
}

impl Seeds {
    /// Reads `dir/NNN_*.txt`; `None` when `dir` does not exist.
    pub(crate) fn read(dir: &Path) -> Result<Option<Seeds>, String> {
        if !dir.is_dir() {
            return Ok(None);
        }
        let mut files = BTreeMap::new();
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let prefix = name.get(..3).unwrap_or("");
            let named = prefix.bytes().all(|b| b.is_ascii_digit())
                && name[3..].starts_with('_')
                && name.ends_with(".txt");
            if !named {
                continue;
            }
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            files.insert(prefix.to_owned(), lines(&text));
        }
        Ok(Some(Seeds { files }))
    }

    /// Seeds given as text, for tests.
    #[cfg(test)]
    fn from_texts(texts: &[(&str, &str)]) -> Seeds {
        Seeds {
            files: texts
                .iter()
                .map(|(prefix, text)| ((*prefix).to_owned(), lines(text)))
                .collect(),
        }
    }
}

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Every run of whitespace as one space, none at the ends.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `snippet` occurs in `text` (already collapsed), `…` standing for
/// anything.
fn occurs(snippet: &str, text: &str) -> bool {
    let mut from = 0;
    for part in snippet.split('…').map(collapse).filter(|p| !p.is_empty()) {
        match text[from..].find(&part) {
            Some(at) => from += at + part.len(),
            None => return false,
        }
    }
    true
}

/// What the check found.
#[derive(Debug, Default)]
pub(crate) struct Outcome {
    /// Citations read.
    pub(crate) citations: usize,
    /// Of those, citations whose group owns a snippet.
    pub(crate) with_snippets: usize,
    /// One line per citation that does not hold.
    pub(crate) failures: Vec<String>,
    /// One line per quirk the document names that has no row.
    pub(crate) unrowed: Vec<String>,
}

/// Checks every citation of `quirks` against `seeds`, and that every quirk
/// it names has a row.
pub(crate) fn check(quirks: &str, seeds: &Seeds) -> Outcome {
    let mut outcome = Outcome {
        unrowed: unrowed(quirks),
        ..Outcome::default()
    };
    for (place, cell) in places(quirks) {
        for group in groups(&cell) {
            outcome.citations += group.citations.len();
            if !group.snippets.is_empty() {
                outcome.with_snippets += group.citations.len();
            }
            check_group(&place, &group, seeds, &mut outcome.failures);
        }
    }
    outcome
}

/// Counts the citations of `quirks` without reading any seed.
pub(crate) fn count(quirks: &str) -> usize {
    places(quirks)
        .iter()
        .flat_map(|(_, cell)| groups(cell))
        .map(|g| g.citations.len())
        .sum()
}

fn check_group(place: &str, group: &Group, seeds: &Seeds, failures: &mut Vec<String>) {
    // The cited text of each citation that exists.
    let mut cited: Vec<(&Citation, String)> = Vec::new();
    for citation in &group.citations {
        let Some(lines) = seeds.files.get(&citation.file) else {
            failures.push(format!(
                "{place}: {citation}: no seed file {}_*.txt",
                citation.file
            ));
            continue;
        };
        if citation.first == 0 || citation.first > citation.last || citation.last > lines.len() {
            failures.push(format!(
                "{place}: {citation}: no such lines (the file has {})",
                lines.len()
            ));
            continue;
        }
        let range = &lines[citation.first - 1..citation.last];
        if range.iter().all(|l| l.trim().is_empty()) {
            failures.push(format!("{place}: {citation}: the cited lines are blank"));
            continue;
        }
        cited.push((citation, collapse(&range.join(" "))));
    }
    if group.snippets.is_empty() || cited.len() < group.citations.len() {
        return;
    }
    let cites = group
        .citations
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    for snippet in &group.snippets {
        if !cited.iter().any(|(_, text)| occurs(snippet, text)) {
            failures.push(format!(
                "{place}: {cites}: `{snippet}` is not in the cited lines"
            ));
        }
    }
    if group.citations.len() > 1 {
        for (citation, text) in &cited {
            if !group.snippets.iter().any(|s| occurs(s, text)) {
                let snippets = group
                    .snippets
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                failures.push(format!("{place}: {citation} holds none of {snippets}"));
            }
        }
    }
}

/// A failure for each quirk id the document names that has no row.
fn unrowed(quirks: &str) -> Vec<String> {
    let rows: BTreeSet<String> = quirks
        .lines()
        .filter(|l| l.starts_with('|'))
        .filter_map(|l| cells(l).into_iter().next())
        .filter(|id| is_quirk_id(id))
        .collect();
    named_ids(quirks)
        .into_iter()
        .filter(|id| !rows.contains(id))
        .map(|id| format!("docs/quirks.md names {id}, which has no row"))
        .collect()
}

/// Every `W`, `Q`, `S` or `U` followed by digits, as a word of its own.
fn named_ids(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
        if !starts_word || !matches!(c, 'W' | 'Q' | 'S' | 'U') {
            continue;
        }
        let digits: String = chars[i + 1..]
            .iter()
            .take_while(|d| d.is_ascii_digit())
            .collect();
        let end = i + 1 + digits.len();
        let ends_word = chars
            .get(end)
            .is_none_or(|d| !(d.is_alphanumeric() || *d == '_'));
        if !digits.is_empty() && ends_word {
            ids.insert(format!("{c}{digits}"));
        }
    }
    ids
}

/// Where the seeds are: `shared/seeds/` beside the workspace.
pub(crate) fn seeds_dir() -> PathBuf {
    crate::project_root().join("../shared/seeds")
}

/// The check of `cargo xtask conformance` against the seeds in `dir`: its
/// report lines, and whether it passed (a missing seeds folder passes, and
/// says so).
pub(crate) fn run(quirks: &str, dir: &Path) -> Result<(Vec<String>, bool), String> {
    let Some(seeds) = Seeds::read(dir)? else {
        let mut lines = vec![format!(
            "SKIPPED: no seeds folder at {}; {} citations not checked",
            dir.display(),
            count(quirks)
        )];
        let missing = unrowed(quirks);
        let ok = missing.is_empty();
        lines.extend(missing);
        return Ok((lines, ok));
    };
    let outcome = check(quirks, &seeds);
    let mut lines = vec![format!(
        "{} citations checked ({} against a snippet, the others that their lines exist): {} do not hold",
        outcome.citations,
        outcome.with_snippets,
        outcome.failures.len()
    )];
    let ok = outcome.failures.is_empty() && outcome.unrowed.is_empty();
    lines.extend(outcome.failures);
    lines.extend(outcome.unrowed);
    Ok((lines, ok))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED: &str =
        "first line\n\"id\": \"1\",\n\"name\":   \"x\"\n\n{\n\"status\": \"error\"\n}\n";

    fn seeds() -> Seeds {
        Seeds::from_texts(&[("001", SEED)])
    }

    fn row(evidence: &str) -> String {
        format!("| S1 | SapLab | {evidence} | d | `endpoints::x` |\n")
    }

    fn failures(evidence: &str) -> Vec<String> {
        check(&row(evidence), &seeds()).failures
    }

    fn paired(cell: &str) -> Vec<(Vec<String>, Vec<String>)> {
        groups(cell)
            .into_iter()
            .map(|g| {
                (
                    g.citations.iter().map(ToString::to_string).collect(),
                    g.snippets,
                )
            })
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn accepts_a_right_citation() {
        let doc = row(
            "`001`:2 `\"id\": \"1\"` beside `\"name\": \"x\"` (`001`:3), `001`:5–7 `{ \"status\": \"error\" }`, `001`:1",
        );
        let outcome = check(&doc, &seeds());
        assert_eq!(outcome.failures, Vec::<String>::new());
        assert_eq!(outcome.citations, 4);
        assert_eq!(outcome.with_snippets, 3);
    }

    #[test]
    fn catches_a_wrong_line() {
        let found = failures("`001`:3 `\"id\": \"1\"`");
        assert_eq!(
            found,
            ["S1 (evidence): `001`:3: `\"id\": \"1\"` is not in the cited lines"]
        );
        // Past the end, backwards, zero, blank, or a file that is not there.
        for evidence in ["`001`:9", "`001`:3–2", "`001`:0", "`001`:4", "`003`:1"] {
            assert_eq!(failures(evidence).len(), 1, "{evidence}");
        }
    }

    #[test]
    fn catches_a_wrong_snippet() {
        let found = failures("`001`:2: the id is `\"id\": 1`");
        assert_eq!(
            found,
            ["S1 (evidence): `001`:2: `\"id\": 1` is not in the cited lines"]
        );
        // Whitespace runs are one space, but a space is not nothing.
        assert_eq!(failures("`001`:6 `\"status\":\"error\"`").len(), 1);
    }

    #[test]
    fn snippets_may_span_the_range_but_not_leave_it() {
        assert!(failures("`001`:5–7 `{ \"status\": \"error\" }`").is_empty());
        assert!(failures("`001`:2–3 `\"1\", \"name\"`").is_empty());
        assert_eq!(failures("`001`:5–6 `{ \"status\": \"error\" }`").len(), 1);
    }

    #[test]
    fn an_ellipsis_stands_for_left_out_text() {
        assert!(failures("`001`:2–3 `\"id\"…\"x\"`").is_empty());
        assert_eq!(failures("`001`:2–3 `\"x\"…\"id\"`").len(), 1);
    }

    #[test]
    fn every_citation_of_a_group_holds_a_snippet() {
        assert!(failures("`\"id\"`, `\"name\"` (`001`:2, `001`:3)").is_empty());
        assert_eq!(
            failures("`\"id\"` (`001`:2, `001`:1)"),
            ["S1 (evidence): `001`:1 holds none of `\"id\"`"]
        );
    }

    #[test]
    fn pairing_rule() {
        // After, as a list.
        assert_eq!(
            paired("x `001`:2 `a`, `b` beside `c`"),
            [(strings(&["`001`:2"]), strings(&["a", "b"]))]
        );
        // A clause headed by a group, up to `;` or the next citation.
        assert_eq!(
            paired("`001`:2 and `001`:3: `a` is `b` (`c`); `d`"),
            [(strings(&["`001`:2", "`001`:3"]), strings(&["a", "b", "c"]))]
        );
        assert_eq!(
            paired("`001`:2: `a` (`001`:3 `b`)"),
            [
                (strings(&["`001`:2"]), strings(&["a"])),
                (strings(&["`001`:3"]), strings(&["b"]))
            ]
        );
        // Before, in or outside the parentheses; after wins.
        assert_eq!(
            paired("`a`/`b` (`001`:2), `001`:3 `c`, `001`:4 or (`d`, `001`:5–6)"),
            [
                (strings(&["`001`:2"]), strings(&["a", "b"])),
                (strings(&["`001`:3"]), strings(&["c"])),
                (strings(&["`001`:4"]), vec![]),
                (strings(&["`001`:5–6"]), strings(&["d"]))
            ]
        );
        // Prose between a snippet and a citation pairs nothing.
        assert_eq!(
            paired("`a` in one answer (`001`:2), `001`:3 says `b`"),
            [
                (strings(&["`001`:2"]), vec![]),
                (strings(&["`001`:3"]), vec![])
            ]
        );
        // A hyphen as the dash; a prefix without a line is a snippet.
        assert_eq!(
            paired("`001`:2-3 `a`; `001` alone"),
            [(strings(&["`001`:2–3"]), strings(&["a"]))]
        );
    }

    #[test]
    fn every_named_quirk_has_a_row() {
        let doc = format!("{}as W12 says (S1, U1–U7)\n", row("e"));
        assert_eq!(
            check(&doc, &seeds()).unrowed,
            [
                "docs/quirks.md names U1, which has no row",
                "docs/quirks.md names U7, which has no row",
                "docs/quirks.md names W12, which has no row"
            ]
        );
        assert!(named_ids("U+0441, HS256, W1x, S3_").is_empty());
    }

    #[test]
    fn without_seeds_says_so_and_passes() {
        let doc = row("`001`:2 `wrong`");
        let (lines, ok) = run(&doc, Path::new("/nonexistent/shared/seeds")).unwrap();
        assert!(ok);
        assert_eq!(
            lines,
            ["SKIPPED: no seeds folder at /nonexistent/shared/seeds; 1 citations not checked"]
        );
        let (lines, ok) = run(&format!("{doc}see W12\n"), Path::new("/nonexistent")).unwrap();
        assert!(!ok, "{lines:?}");
    }

    /// The real document against the real seeds, where they are.
    #[test]
    fn quirks_md_citations_hold() {
        let quirks = std::fs::read_to_string(crate::project_root().join("docs/quirks.md")).unwrap();
        let Some(seeds) = Seeds::read(&seeds_dir()).unwrap() else {
            eprintln!("no seeds at {}: skipped", seeds_dir().display());
            return;
        };
        let outcome = check(&quirks, &seeds);
        assert!(outcome.citations > 100, "{}", outcome.citations);
        assert!(
            outcome.failures.is_empty() && outcome.unrowed.is_empty(),
            "{} of {} citations do not hold:\n{}\n{}",
            outcome.failures.len(),
            outcome.citations,
            outcome.failures.join("\n"),
            outcome.unrowed.join("\n")
        );
    }

    /// Every row a `wire` decoder's documentation names is in the document.
    #[test]
    fn wire_decoders_have_rows() {
        let root = crate::project_root();
        let quirks = std::fs::read_to_string(root.join("docs/quirks.md")).unwrap();
        let rows: BTreeSet<String> = quirks
            .lines()
            .filter_map(|l| cells(l).into_iter().next())
            .filter(|id| is_quirk_id(id))
            .collect();
        let dir = root.join("crates/shop-apis-core/src/wire");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for id in named_ids(&text)
                .into_iter()
                .filter(|id| id.starts_with('W'))
            {
                assert!(rows.contains(&id), "{} names {id}", path.display());
            }
        }
    }
}
