//! Balances (`/panel/client/balance…`, `add_transaction`): a client's
//! transactions, newest first, and new ones.

use serde_json::{Value, json};

use super::outcome::{error, money, success};
use super::paging::page_of;
use super::{Form, Kopecks, State};

/// Transactions on one balance page.
pub(super) const TRANSACTIONS_PER_PAGE: usize = 10;

#[derive(Debug, Clone)]
pub(super) struct Transaction {
    pub(super) client_id: u64,
    pub(super) date: String,
    pub(super) amount: Kopecks,
    pub(super) comment: String,
}

impl State {
    pub(super) fn balance_page(&self, client_id: u64, page: usize) -> Value {
        if self.client(client_id).is_none() {
            return error("Клиент не найден.");
        }
        if page == 0 {
            return error("Некорректные параметры страницы.");
        }
        let mut transactions: Vec<&Transaction> = self
            .transactions
            .iter()
            .filter(|t| t.client_id == client_id)
            .collect();
        transactions.reverse();
        let (shown, pages) = page_of(&transactions, page, TRANSACTIONS_PER_PAGE);
        let list: Vec<Value> = shown
            .into_iter()
            .map(|t| json!({"date": t.date, "amount": money(t.amount), "comment": t.comment}))
            .collect();
        json!({"pages": pages, "transactions": list, "page": page})
    }

    pub(super) fn record(&mut self, client_id: u64, amount: Kopecks, comment: String) {
        let date = self.now();
        self.transactions.push(Transaction {
            client_id,
            date,
            amount,
            comment,
        });
        if let Some(client) = self.clients.iter_mut().find(|c| c.id == client_id) {
            client.balance += amount;
        }
    }

    pub(super) fn add_transaction(&mut self, client_id: u64, form: &Form) -> Value {
        if self.client(client_id).is_none() {
            return error("Клиент не найден.");
        }
        let Some(amount) = form.get("amount").and_then(crate::amounts::parse_cents) else {
            return error("Недостаточно параметров.");
        };
        self.record(client_id, amount, form.text("description"));
        success(Some("Операция добавлена."))
    }
}
