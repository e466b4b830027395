//! Abandoned baskets (`/shop/usersbasket/`): the users' baskets never
//! ordered, filtered as seed lines 1035-1064 list.
//!
//! Readings where the document is vague:
//! - the goods count of a basket, which `f_goods_count` compares and
//!   `user_basket_items_cnt` shows, is the sum of its lines' counts (the
//!   filter is "по суммарному количеству товаров", seed line 1052);
//! - `f_goods_ids` keeps the baskets holding any of the goods;
//! - `f_user_login` matches the decoded login whole, `*` any run of
//!   characters and `?` one, ignoring case (seed line 1038);
//! - `btw` and `nin` of `f_price` include and exclude their ends as those of
//!   `f_goods_count` do (seed lines 1049-1050);
//! - a mode without its operand, or an operand without its mode, is ignored
//!   (seed lines 1042, 1052-1053, 1063); an unknown mode, an operand that is
//!   not a number, or a login that is not Base64 is refused;
//! - pages hold the baskets by descending user id, as the document's
//!   example lists user 8 before user 6 (seed line 1110).

use base64::Engine;
use serde_json::{Map, Value, json};

use super::dates::Period;
use super::envelope::param;
use super::goods::decimal;
use super::{Cents, State};

/// The basket list's largest page, and its default (seed line 1036).
const MAX_PER_PAGE: usize = 20;

#[derive(Debug, Clone)]
pub(super) struct BasketItem {
    pub(super) record: u64,
    pub(super) goods_id: u64,
    pub(super) name: &'static str,
    pub(super) price: Cents,
    pub(super) cnt: u64,
}

/// A user's abandoned basket, with the user's card.
#[derive(Debug, Clone)]
pub(super) struct AbandonedBasket {
    pub(super) user_id: u64,
    pub(super) login: String,
    pub(super) group: (u64, &'static str),
    pub(super) name: String,
    pub(super) email: String,
    pub(super) phone: String,
    pub(super) last_activity: u64,
    pub(super) ip: String,
    pub(super) items: Vec<BasketItem>,
}

impl AbandonedBasket {
    fn amount(&self) -> Cents {
        self.items.iter().map(|i| i.price * i.cnt as i64).sum()
    }

    fn count(&self) -> u64 {
        self.items.iter().map(|i| i.cnt).sum()
    }

    fn json(&self) -> Value {
        let items: Map<String, Value> = self
            .items
            .iter()
            .map(|i| {
                (
                    i.record.to_string(),
                    json!({
                        "goods_id": i.goods_id.to_string(), "name": i.name, "price": decimal(i.price),
                        "cnt": i.cnt.to_string(), "sum": decimal(i.price * i.cnt as i64),
                    }),
                )
            })
            .collect();
        json!({
            "user_id": self.user_id.to_string(), "user_login": self.login,
            "user_group_id": self.group.0.to_string(), "user_group_name": self.group.1,
            "user_name": self.name, "user_email": self.email, "user_phone": self.phone,
            "user_last_activity": self.last_activity.to_string(), "user_ip": self.ip,
            "user_basket_amount": decimal(self.amount()), "user_basket_items_cnt": self.count(),
            "user_basket_items": items,
        })
    }
}

/// A condition on a number (`eq`, `neq`, `gr`, `greq`, `les`, `leq`, `btw`,
/// `nin`, seed lines 1043-1050), on hundredths.
#[derive(Debug, Clone, Copy)]
enum Compare {
    One(fn(Cents, Cents) -> bool, Cents),
    Between(Cents, Cents),
    Outside(Cents, Cents),
}

impl Compare {
    /// The condition of `mode` and `operand`, `None` unless both are given.
    fn parse(
        mode: Option<&str>,
        operand: Option<&str>,
        key: &str,
    ) -> Result<Option<Compare>, String> {
        let (Some(mode), Some(operand)) = (mode, operand) else {
            return Ok(None);
        };
        let number = |text: &str| {
            crate::amounts::parse_cents(text.trim()).ok_or(format!("{key}: не число: {text}"))
        };
        let two = || -> Result<(Cents, Cents), String> {
            let (a, b) = operand
                .trim()
                .split_once(' ')
                .ok_or(format!("{key}: нужны два числа через пробел"))?;
            Ok((number(a)?, number(b)?))
        };
        let one = |test: fn(Cents, Cents) -> bool| -> Result<Compare, String> {
            Ok(Compare::One(test, number(operand)?))
        };
        Ok(Some(match mode {
            "eq" => one(|x, v| x == v)?,
            "neq" => one(|x, v| x != v)?,
            "gr" => one(|x, v| x > v)?,
            "greq" => one(|x, v| x >= v)?,
            "les" => one(|x, v| x < v)?,
            "leq" => one(|x, v| x <= v)?,
            "btw" => two().map(|(a, b)| Compare::Between(a, b))?,
            "nin" => two().map(|(a, b)| Compare::Outside(a, b))?,
            other => return Err(format!("{key}_mode: неизвестный режим {other}")),
        }))
    }

    fn holds(self, x: Cents) -> bool {
        match self {
            Compare::One(test, v) => test(x, v),
            Compare::Between(a, b) => a <= x && x <= b,
            Compare::Outside(a, b) => x < a || x > b,
        }
    }
}

/// Whether `login` matches `mask`: `*` any run, `?` one character, case
/// ignored.
fn matches_mask(login: &str, mask: &str) -> bool {
    let login: Vec<char> = login.to_lowercase().chars().collect();
    let mask: Vec<char> = mask.to_lowercase().chars().collect();
    // matched[j]: the login's first i characters match the mask's first j.
    let mut matched = vec![false; mask.len() + 1];
    matched[0] = true;
    for j in 1..=mask.len() {
        matched[j] = matched[j - 1] && mask[j - 1] == '*';
    }
    for c in login {
        let mut next = vec![false; mask.len() + 1];
        for j in 1..=mask.len() {
            next[j] = match mask[j - 1] {
                '*' => next[j - 1] || matched[j],
                '?' => matched[j - 1],
                m => matched[j - 1] && m == c,
            };
        }
        matched = next;
    }
    matched[mask.len()]
}

/// A comma-separated list of ids.
fn ids(text: Option<&str>, key: &str) -> Result<Option<Vec<u64>>, String> {
    text.map(|text| {
        text.split(',')
            .map(|id| {
                id.trim()
                    .parse()
                    .map_err(|_| format!("{key}: не число: {id}"))
            })
            .collect()
    })
    .transpose()
}

impl State {
    /// `GET /shop/usersbasket/`: a page of the baskets that pass every filter.
    pub(super) fn abandoned_baskets(&self, params: &[(String, String)]) -> Result<Value, String> {
        let get = |key: &str| param(params, key);
        let number = |key: &str, default: usize| -> Result<usize, String> {
            get(key).map_or(Ok(default), |v| {
                v.parse().map_err(|_| format!("{key}: не число"))
            })
        };
        let page = number("page", 1)?.max(1);
        let per_page = number("per_page", MAX_PER_PAGE)?;
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err("per_page: от 1 до 20".into());
        }
        let users = ids(get("f_users_ids"), "f_users_ids")?;
        let goods = ids(get("f_goods_ids"), "f_goods_ids")?;
        let group: Option<u64> = get("f_user_group")
            .map(|g| g.parse().map_err(|_| "f_user_group: не число".to_owned()))
            .transpose()?;
        let login = get("f_user_login")
            .map(|encoded| {
                base64::engine::general_purpose::STANDARD
                    .decode(encoded)
                    .ok()
                    .and_then(|login| String::from_utf8(login).ok())
                    .ok_or("f_user_login: не Base64".to_owned())
            })
            .transpose()?;
        let count = Compare::parse(
            get("f_goods_count_mode"),
            get("f_goods_count"),
            "f_goods_count",
        )?;
        let price = Compare::parse(get("f_price_mode"), get("f_price"), "f_price")?;
        let visited = get("f_date")
            .map(|d| Period::parse("f_date", d))
            .transpose()?
            .flatten();
        let mut matching: Vec<&AbandonedBasket> = self
            .baskets
            .iter()
            .filter(|b| users.as_ref().is_none_or(|u| u.contains(&b.user_id)))
            .filter(|b| login.as_ref().is_none_or(|l| matches_mask(&b.login, l)))
            .filter(|b| group.is_none_or(|g| g == b.group.0))
            .filter(|b| {
                goods
                    .as_ref()
                    .is_none_or(|g| b.items.iter().any(|i| g.contains(&i.goods_id)))
            })
            .filter(|b| count.is_none_or(|c| c.holds(b.count() as i64 * 100)))
            .filter(|b| price.is_none_or(|p| p.holds(b.amount())))
            .filter(|b| visited.is_none_or(|p| p.contains(b.last_activity)))
            .collect();
        matching.sort_by_key(|b| std::cmp::Reverse(b.user_id));
        let shown: Map<String, Value> = matching
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .map(|b| (b.user_id.to_string(), b.json()))
            .collect();
        Ok(json!({
            "paginator_page": page,
            "paginator_pages_cnt": matching.len().div_ceil(per_page).max(1),
            "paginator_per_page": per_page,
            "paginator_count": matching.len(),
            "users_baskets": shown,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::matches_mask;

    #[test]
    fn masks_as_the_document_gives_them() {
        for login in ["admin", "administrator", "admin007", "ADmin"] {
            assert!(matches_mask(login, "ad*"), "{login}");
        }
        assert!(!matches_mask("badmin", "ad*"));
        assert!(matches_mask("testtest", "test????"));
        assert!(!matches_mask("testtest", "test???"));
        assert!(matches_mask("ucozt0222", "*0222"));
        assert!(matches_mask("ucozt0222", "ucozt0222"));
        assert!(!matches_mask("ucozt0222", "ucozt022"));
        assert!(matches_mask("", "*") && !matches_mask("", "?"));
    }
}
