//! Requiredness (`docs/ARCHITECTURE.md`): an answer survives a field the
//! shop left out, and a field the shop sent empty.
//!
//! Generated, not hand-listed: for every response fixture of the three APIs
//! and every key at any depth,
//! - the answer with that key removed decodes as the original did (`Ok`
//!   stays `Ok`, a refusal stays a refusal), unless the key is on the
//!   [`IDENTITY`] list below, where the answer means nothing without it;
//! - the answer with that key's value replaced by `null`, `""`, `[]`, `{}`
//!   and `0` decodes, or is a decode error whose path names that key.
//!
//! Where it decodes, the answer differs from the original's in one place at
//! most: the two outputs' pretty `Debug` trees are walked together, and no
//! node may have two children that differ. A mutation that changed a value
//! elsewhere (a shape guessed anew, a sibling defaulted) fails.

use std::io::Write as _;

use serde_json::Value;
use shop_apis_core::ResponseError;

use crate::hostile::{Sample, samples};

/// What a key on the identity list may do when it is removed or emptied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// The answer means nothing without it (an id, an order hash, a list's
    /// items): removed, the answer may be refused with a decode error.
    /// Emptied, the error must still name it.
    Identity,
    /// It decides what kind of answer this is (the envelope): removed or
    /// emptied, the answer may become any typed error.
    Envelope,
}

/// Keys the answer means nothing without, reviewed one by one:
/// `(api, endpoint or "*", JSONPath with `*` for any key or index, role, why)`.
#[rustfmt::skip]
const IDENTITY: &[(&str, &str, &str, Role, &str)] = &[
    // Qnits (`000`:49–58).
    ("qnits", "*", "$.order_id", Role::Identity, "the created order's id: the answer's point"),
    ("qnits", "*", "$.status", Role::Envelope, "`ERROR` marks a refusal"),
    ("qnits", "*", "$.errors", Role::Envelope, "a refusal's details mark it as one"),
    // SapLab (`001`): the envelope, each list's items and each item's id.
    ("saplab", "*", "$.status", Role::Envelope, "`success` / `error` envelope (S2)"),
    ("saplab", "ListManagers", "$.managers", Role::Identity, "the list's items"),
    ("saplab", "ListManagers", "$.managers[*].id", Role::Identity, "an employee's id"),
    ("saplab", "ListShippingTypes", "$.shipping_types", Role::Identity, "the list's items"),
    ("saplab", "ListShippingTypes", "$.shipping_types[*].id", Role::Identity, "a shipping type's id"),
    ("saplab", "ListStatuses", "$.statuses", Role::Identity, "the list's items"),
    ("saplab", "ListStatuses", "$.statuses[*].id", Role::Identity, "a status's id"),
    ("saplab", "ListGroups", "$.groups", Role::Identity, "the list's items"),
    ("saplab", "ListGroups", "$.groups[*].group_id", Role::Identity, "a group's id, `id` in the table (S9)"),
    ("saplab", "ListClients", "$.clients", Role::Identity, "the list's items"),
    ("saplab", "ListClients", "$.clients[*].id", Role::Identity, "a client's id"),
    ("saplab", "GetClient", "$.client", Role::Identity, "the client asked for"),
    ("saplab", "GetClient", "$.client.id", Role::Identity, "the client's id"),
    ("saplab", "GetBalance", "$.transactions", Role::Identity, "the page's items (`groups` in the table, S17)"),
    ("saplab", "ListOrders", "$.orders", Role::Identity, "the list's items"),
    ("saplab", "ListOrders", "$.orders[*].id", Role::Identity, "a position's id"),
    ("saplab", "UpdateClient", "$.email", Role::Identity, "the validation map's one message (`001`:362–364): without it `{}` says nothing"),
    // uCoz (`002`).
    ("ucoz", "*", "$.success", Role::Envelope, "`{\"success\": …}` envelope (U8)"),
    ("ucoz", "*", "$.error", Role::Envelope, "`{\"error\": …}` envelope (U8)"),
    ("ucoz", "*", "$..*_raw", Role::Identity, "a money pair's exact amount (W11): without it, no amount"),
    ("ucoz", "*", "$..goods_id", Role::Identity, "a goods line's product"),
    ("ucoz", "*", "$..order_status.code", Role::Identity, "a status object's code"),
    ("ucoz", "*", "$.success.order_id", Role::Identity, "the order answered"),
    ("ucoz", "*", "$.success.order_data", Role::Identity, "holds the order's hash"),
    ("ucoz", "*", "$.success.order_data.order_hash", Role::Identity, "names the order (U15)"),
    ("ucoz", "*", "$.success.orders", Role::Identity, "the invoice list's items"),
    ("ucoz", "*", "$.success.orders[*].id", Role::Identity, "an invoice's id"),
    ("ucoz", "*", "$.success.orders[*].order_hash", Role::Identity, "names the invoice's order"),
    ("ucoz", "*", "$.success.users_baskets.*.user_id", Role::Identity, "whose basket it is"),
    ("ucoz", "*", "$.success.order_digital_goods.goods.*.id", Role::Identity, "a digital product's id"),
];

/// Keys read into a field of another name (serde aliases, U33): `(key, field)`.
const ALIASES: &[(&str, &str)] = &[
    ("currency", "order_currency"),
    ("delivery_time", "delivery_date"),
    ("delivery_courier", "courier"),
];

/// Fields read from a key's words rather than being its value: a
/// refusal's kind and a payment's effect come from the panel's `text` (S30,
/// S31), so a change there is part of the key's own: `(key, field)`.
const DERIVED: &[(&str, &str)] = &[("text", "kind"), ("text", "effect")];

/// The values a key's value is replaced by.
pub(crate) fn empties() -> [Value; 5] {
    [
        Value::Null,
        Value::String(String::new()),
        Value::Array(Vec::new()),
        Value::Object(Default::default()),
        Value::from(0),
    ]
}

/// Whether `pattern` (with `*` for one key or index) matches `path`.
fn path_matches(pattern: &str, path: &str) -> bool {
    let split = |p: &str| -> Vec<String> {
        p.replace('[', ".[")
            .split('.')
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    let segment = |p: &str, s: &str| {
        p == s
            || p == "*"
            || (p == "[*]" && s.starts_with('['))
            || p.strip_prefix('*')
                .is_some_and(|suffix| s.ends_with(suffix))
    };
    // `$..a.b`: `a.b` at any depth.
    if let Some(tail) = pattern.strip_prefix("$..") {
        let (tail, path) = (split(tail), split(path));
        return path.len() >= tail.len()
            && tail
                .iter()
                .zip(&path[path.len() - tail.len()..])
                .all(|(p, s)| segment(p, s));
    }
    let (pattern, path) = (split(pattern), split(path));
    pattern.len() == path.len() && pattern.iter().zip(&path).all(|(p, s)| segment(p, s))
}

fn identity_role(api: &str, endpoint: &str, path: &str) -> Option<Role> {
    IDENTITY
        .iter()
        .find(|(a, e, pattern, _, _)| {
            *a == api && (*e == "*" || *e == endpoint) && path_matches(pattern, path)
        })
        .map(|entry| entry.3)
}

/// Every object key at any depth, as `(JSONPath, path of keys and indices)`.
/// Paths are written as the decoders' errors write them (`$.a.b[0].c`).
pub(crate) fn keys(value: &Value) -> Vec<(String, Vec<Step>)> {
    fn walk(value: &Value, path: &str, steps: &mut Vec<Step>, out: &mut Vec<(String, Vec<Step>)>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    let child_path = format!("{path}.{key}");
                    steps.push(Step::Key(key.clone()));
                    out.push((child_path.clone(), steps.clone()));
                    walk(child, &child_path, steps, out);
                    steps.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    steps.push(Step::Index(i));
                    walk(child, &format!("{path}[{i}]"), steps, out);
                    steps.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "$", &mut Vec::new(), &mut out);
    out
}

#[derive(Debug, Clone)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

/// `value` with the key at `steps` removed (`None`) or its value replaced.
pub(crate) fn mutated(value: &Value, steps: &[Step], replacement: Option<&Value>) -> Value {
    let mut copy = value.clone();
    let mut node = &mut copy;
    for step in &steps[..steps.len() - 1] {
        node = match step {
            Step::Key(key) => &mut node[key.as_str()],
            Step::Index(i) => &mut node[*i],
        };
    }
    let Some(Step::Key(last)) = steps.last() else {
        unreachable!("a key path ends in a key")
    };
    let object = node
        .as_object_mut()
        .expect("the parent of a key is an object");
    match replacement {
        None => {
            object.remove(last);
        }
        Some(new) => {
            object.insert(last.clone(), new.clone());
        }
    }
    copy
}

/// A pretty `Debug` text as a tree: each line a node, its children the lines
/// indented under it.
#[derive(Debug, PartialEq)]
struct Node {
    label: String,
    children: Vec<Node>,
}

fn tree(text: &str) -> Node {
    fn indent(line: &str) -> usize {
        line.len() - line.trim_start().len()
    }
    fn build(lines: &[&str], at: &mut usize, depth: usize) -> Vec<Node> {
        let mut nodes = Vec::new();
        while *at < lines.len() && indent(lines[*at]) >= depth {
            let line = lines[*at];
            *at += 1;
            // A closing line (`}`, `),`) ends its opener's children.
            if line.trim().bytes().all(|b| b"}])(,".contains(&b)) {
                continue;
            }
            let children = if *at < lines.len() && indent(lines[*at]) > indent(line) {
                build(lines, at, indent(lines[*at]))
            } else {
                Vec::new()
            };
            nodes.push(Node {
                label: line.trim().trim_end_matches(',').to_owned(),
                children,
            });
        }
        nodes
    }
    let lines: Vec<&str> = text.lines().collect();
    Node {
        label: "$".to_owned(),
        children: build(&lines, &mut 0, 0),
    }
}

/// Where two trees differ: `None` when equal, else the labels from the root
/// to the lowest node holding every difference (where they branch into two
/// or more children, or the one node that changed).
fn differences(a: &Node, b: &Node) -> Option<(Vec<String>, bool)> {
    if a == b {
        return None;
    }
    let mut at = vec![a.label.clone()];
    if a.label != b.label || a.children.len() != b.children.len() {
        return Some((at, false));
    }
    let differing: Vec<(&Node, &Node)> = a
        .children
        .iter()
        .zip(&b.children)
        .filter(|(x, y)| x != y)
        .collect();
    if let [(x, y)] = differing.as_slice() {
        let (below, branching) = differences(x, y).unwrap_or_default();
        at.extend(below);
        return Some((at, branching));
    }
    Some((at, true))
}

/// The field or key a `Debug` line names: `order_amount: Some(` gives
/// `order_amount`, `DeliveryId(1): …` gives `1`, `"art": …` gives `art`.
fn named(label: &str) -> Option<String> {
    let (name, _) = label.split_once(": ")?;
    let name = name.trim_matches('"');
    Some(match name.split_once('(') {
        Some((_, inner)) => inner.trim_end_matches(')').trim_matches('"').to_owned(),
        None => name.to_owned(),
    })
}

/// Whether the outputs differ in one place: one value changed, or several
/// inside the value the mutated key holds (its own field, or the field of
/// the object holding it when serde names it otherwise).
fn one_place(before: &str, after: &str, path: &str) -> Result<(), String> {
    let key = path.rsplit(['.', '[']).next().unwrap_or_default();
    let derived: Vec<&str> = DERIVED
        .iter()
        .filter(|(from, _)| *from == key)
        .map(|(_, field)| *field)
        .collect();
    let (before, after) = (
        without(tree(before), &derived),
        without(tree(after), &derived),
    );
    let Some((at, branching)) = differences(&before, &after) else {
        return Ok(());
    };
    if !branching {
        return Ok(());
    }
    let mut keys: Vec<&str> = path.rsplit(['.', '[']).take(2).collect();
    keys.extend(
        ALIASES
            .iter()
            .filter(|(key, _)| keys.contains(key))
            .map(|(_, field)| *field)
            .collect::<Vec<_>>(),
    );
    match at.iter().rev().find_map(|label| named(label)) {
        Some(name) if keys.contains(&name.as_str()) => Ok(()),
        _ => Err(format!("several values under `{}`", at.join(" / "))),
    }
}

/// `node` without the fields named in `fields`, at any depth.
fn without(mut node: Node, fields: &[&str]) -> Node {
    node.children = node
        .children
        .into_iter()
        .filter(|child| !named(&child.label).is_some_and(|name| fields.contains(&name.as_str())))
        .map(|child| without(child, fields))
        .collect();
    node
}

/// Whether an error's path names `path` (it, or something inside it).
fn names(error_path: &str, path: &str) -> bool {
    error_path == path
        || error_path.starts_with(&format!("{path}."))
        || error_path.starts_with(&format!("{path}["))
}

/// How the original answer decoded: its output, or that it was a refusal.
enum Baseline {
    Output(String),
    Refusal(String),
}

fn baseline(sample: &Sample, body: &[u8]) -> Baseline {
    match (sample.decoder.show)(sample.status, body) {
        Ok(text) => Baseline::Output(text),
        Err(ResponseError::Api(error)) => Baseline::Refusal(format!("{error:#?}")),
        Err(other) => panic!(
            "{}: the fixture itself does not decode: {other}",
            sample.file
        ),
    }
}

/// Checks one mutant; `None` if it keeps the rule, or what went wrong.
fn check(
    sample: &Sample,
    base: &Baseline,
    path: &str,
    role: Option<Role>,
    removed: bool,
    body: &[u8],
) -> Option<String> {
    let got = (sample.decoder.show)(sample.status, body);
    let same_place = |before: &str, after: &str| {
        one_place(before, after, path)
            .err()
            .map(|e| format!("changed elsewhere: {e}"))
    };
    match (base, got, role) {
        (_, _, Some(Role::Envelope)) => None,
        (Baseline::Output(before), Ok(after), _) => same_place(before, &after),
        (Baseline::Refusal(before), Err(ResponseError::Api(after)), _) => {
            same_place(before, &format!("{after:#?}"))
        }
        (_, Err(ResponseError::Decode(_)), Some(Role::Identity)) if removed => None,
        (_, Err(ResponseError::Decode(error)), _) if !removed && names(&error.path, path) => None,
        (_, Ok(_), _) => Some("a refusal decoded as an output".to_owned()),
        (_, Err(error), _) => Some(format!("refused: {error}")),
    }
}

/// Runs every mutant of one API's fixtures; returns how many were tried.
fn dropout(api: &str) -> usize {
    let mut tried = 0;
    let mut failures = Vec::new();
    for sample in samples(api) {
        let original = serde_json::to_vec(&sample.value).unwrap();
        let base = baseline(&sample, &original);
        for (path, steps) in keys(&sample.value) {
            let role = identity_role(api, sample.decoder.endpoint(), &path);
            let mut variants: Vec<(String, Option<Value>)> = vec![("removed".into(), None)];
            variants.extend(empties().into_iter().map(|v| (format!("as {v}"), Some(v))));
            for (what, replacement) in variants {
                tried += 1;
                let body =
                    serde_json::to_vec(&mutated(&sample.value, &steps, replacement.as_ref()))
                        .unwrap();
                if let Some(problem) =
                    check(&sample, &base, &path, role, replacement.is_none(), &body)
                {
                    failures.push(format!("{}: {path} {what}: {problem}", sample.file));
                }
            }
        }
    }
    // Straight to the process's stderr, past libtest's capture, so that
    // `cargo test` shows the counts of a passing run too.
    let counts = format!(
        "dropout {api}: {tried} variants tried, {} broke the rule\n",
        failures.len()
    );
    std::io::stderr().write_all(counts.as_bytes()).unwrap();
    assert!(
        failures.is_empty(),
        "{} of {tried} {api} variants broke the requiredness rule:\n{}",
        failures.len(),
        failures.join("\n")
    );
    tried
}

#[test]
fn every_qnits_answer_survives_a_missing_or_empty_field() {
    assert!(dropout("qnits") > 0);
}

#[test]
fn every_saplab_answer_survives_a_missing_or_empty_field() {
    assert!(dropout("saplab") > 0);
}

#[test]
fn every_ucoz_answer_survives_a_missing_or_empty_field() {
    assert!(dropout("ucoz") > 0);
}

#[test]
fn the_tree_comparison_sees_one_place_and_two() {
    let base = "A {\n    x: 1,\n    y: Some(\n        B {\n            p: 2,\n            q: 3,\n        },\n    ),\n}";
    let one = "A {\n    x: 1,\n    y: None,\n}";
    let inside = "A {\n    x: 1,\n    y: Some(\n        B {\n            p: 0,\n            q: 0,\n        },\n    ),\n}";
    let two = "A {\n    x: 3,\n    y: None,\n}";
    assert_eq!(one_place(base, base, "$.y"), Ok(()));
    assert_eq!(one_place(base, one, "$.y"), Ok(()));
    assert_eq!(one_place(base, inside, "$.y"), Ok(()));
    assert!(one_place(base, inside, "$.x").is_err());
    assert!(one_place(base, two, "$.y").is_err());
    assert!(path_matches("$.items[*].id", "$.items[3].id"));
    assert!(path_matches(
        "$..*_raw",
        "$.success.order_data.order_vat.vat_raw"
    ));
    assert!(!path_matches(
        "$..*_raw",
        "$.success.order_data.order_vat.vat"
    ));
    assert!(path_matches("$.a.*.b", "$.a.6.b"));
    assert!(!path_matches("$.items[*].id", "$.items[3].name"));
    assert!(names("$.a.b[0]", "$.a.b") && !names("$.a.bc", "$.a.b"));
    assert_eq!(
        named("DeliveryId(1): DeliveryMethod {").as_deref(),
        Some("1")
    );
    assert_eq!(named("\"art\": GoodsFieldLabel {").as_deref(), Some("art"));
}
