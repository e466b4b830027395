//! Path filters (`/filter/key/value/…`), their echo, and pages.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::id_of;
use super::outcome::error;

/// The panel's default page size.
const DEFAULT_PER_PAGE: usize = 20;
/// The panel's largest page.
const MAX_PER_PAGE: usize = 150;

/// `key/value` filter pairs.
#[derive(Debug, Default)]
pub(super) struct Filters(BTreeMap<String, String>);

impl Filters {
    pub(super) fn parse(pairs: &[&str]) -> Option<Filters> {
        if !pairs.len().is_multiple_of(2) {
            return None;
        }
        Some(Filters(
            pairs
                .chunks(2)
                .map(|pair| (pair[0].to_owned(), pair[1].to_owned()))
                .collect(),
        ))
    }

    pub(super) fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    pub(super) fn ids(&self, key: &str) -> Option<Vec<u64>> {
        self.get(key).map(|ids| ids.split(',').map(id_of).collect())
    }

    pub(super) fn id(&self, key: &str) -> Option<u64> {
        self.get(key).map(id_of)
    }

    pub(super) fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).map(|v| v == "1")
    }

    pub(super) fn contains(&self, key: &str, text: &str) -> bool {
        self.get(key)
            .is_none_or(|part| text.to_lowercase().contains(&part.to_lowercase()))
    }

    pub(super) fn equals(&self, key: &str, text: &str) -> bool {
        self.get(key).is_none_or(|v| v.eq_ignore_ascii_case(text))
    }

    /// `date_from`/`date_to` around a timestamp's date.
    pub(super) fn in_dates(&self, timestamp: &str) -> bool {
        let date = &timestamp[..10.min(timestamp.len())];
        self.get("date_from").is_none_or(|from| date >= from)
            && self.get("date_to").is_none_or(|to| date <= to)
    }

    /// `(page, per_page)`, or an error answer.
    pub(super) fn paging(&self) -> Result<(usize, usize), Value> {
        let page = self
            .get("page")
            .map_or(Some(1), |p| p.parse().ok().filter(|p| *p > 0));
        let per_page = self.get("per_page").map_or(Some(DEFAULT_PER_PAGE), |p| {
            p.parse().ok().filter(|p| *p > 0)
        });
        match (page, per_page) {
            (Some(page), Some(per_page)) if per_page <= MAX_PER_PAGE => Ok((page, per_page)),
            _ => Err(error("Некорректные параметры страницы.")),
        }
    }

    /// What the answer echoes as applied filters.
    pub(super) fn echo(&self, per_page: usize) -> Value {
        let mut echo: Map<String, Value> = self
            .0
            .iter()
            .filter(|(k, _)| k.as_str() != "page" && k.as_str() != "per_page")
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect();
        echo.insert("per_page".into(), per_page.into());
        Value::Object(echo)
    }
}

/// One page of `items`, and the number of pages.
pub(super) fn page_of<T: Clone>(items: &[T], page: usize, per_page: usize) -> (Vec<T>, usize) {
    let pages = items.len().div_ceil(per_page);
    let start = (page - 1).saturating_mul(per_page).min(items.len());
    let end = (start + per_page).min(items.len());
    (items[start..end].to_vec(), pages)
}

/// `segments` with the `page/{n}` pair of their filters dropped, and
/// `filter` too when nothing is left after it: the path as a panel that does
/// not take the page parameter reads it.
pub(super) fn without_page(segments: Vec<&str>) -> Vec<&str> {
    let Some(at) = segments.iter().position(|s| *s == "filter") else {
        return segments;
    };
    let mut kept: Vec<&str> = segments[..=at].to_vec();
    for pair in segments[at + 1..].chunks(2) {
        if pair[0] != "page" {
            kept.extend_from_slice(pair);
        }
    }
    if kept.len() == at + 1 {
        kept.pop();
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::without_page;

    #[test]
    fn the_page_filter_is_dropped_and_nothing_else() {
        let cases: [(&[&str], &[&str]); 4] = [
            (
                &["panel", "client", "balance", "1", "filter", "page", "2"],
                &["panel", "client", "balance", "1"],
            ),
            (
                &["panel", "client", "filter", "page", "2", "per_page", "1"],
                &["panel", "client", "filter", "per_page", "1"],
            ),
            (
                &["panel", "client", "filter", "client_name", "page"],
                &["panel", "client", "filter", "client_name", "page"],
            ),
            (&["panel", "order"], &["panel", "order"]),
        ];
        for (path, expected) in cases {
            assert_eq!(without_page(path.to_vec()), expected);
        }
    }
}
