//! Walks that end: each paged list walked with `next_page` through every
//! adapter, first against the emulator as it is, then against the emulator
//! answering as a server that ignores the page parameter (S18: the balance's
//! page path is a guess). Such a server serves page 1 to every request; a
//! walk must end after a bounded number of requests, having seen nothing
//! but the first page, and never ask for page after page.
//!
//! The cases run as `<api>::<endpoint>::end_to_end::<case>`, through the
//! `also_end_to_end` lists of `saplab.rs` and `ucoz.rs`.

/// More requests than any walk here needs: reaching it means a loop.
const BOUND: usize = 12;

/// Walks from `first`, calling each request with `call` and the next with
/// `next` (a `next_page`), and gives what `seen` takes from each answer, in
/// order. Panics when the walk reaches [`BOUND`] requests.
fn walk<E, O, T>(
    call: impl Fn(&E) -> O,
    first: E,
    next: impl Fn(&E, &O) -> Option<E>,
    seen: impl Fn(&O) -> T,
) -> Vec<T> {
    let mut pages = Vec::new();
    let mut request = Some(first);
    while let Some(asked) = request {
        assert!(
            pages.len() < BOUND,
            "the walk did not end after {BOUND} requests"
        );
        let answer = call(&asked);
        pages.push(seen(&answer));
        request = next(&asked, &answer);
    }
    pages
}

pub mod saplab {
    use saplab_proto::*;
    use shop_apis_core::Paged;

    use super::walk;
    use crate::saplab_e2e::each_adapter;

    /// The balance names its page: page 2 asked, page 1 served ends the
    /// walk at the second request, which repeats page 1.
    pub fn balance_walk_ends_where_the_page_is_ignored() {
        each_adapter(|run| {
            let client = ClientId::new(1);
            // Ten seeded and fifteen more: three pages of ten.
            for n in 1..=15 {
                run.ok(&AddTransaction::new(
                    client,
                    n.into(),
                    format!("Пополнение {n}"),
                ));
            }
            let seen = |b: &Balance| {
                let comments: Vec<_> = b.transactions.iter().map(|t| t.comment.clone()).collect();
                (b.page, b.pages, comments)
            };
            let call = |e: &GetBalance| run.ok(e);
            let honoured = walk(call, GetBalance::new(client), GetBalance::next_page, seen);
            let pages: Vec<_> = honoured
                .iter()
                .map(|(page, pages, _)| (*page, *pages))
                .collect();
            assert_eq!(
                pages,
                [(Some(1), Some(3)), (Some(2), Some(3)), (Some(3), Some(3))],
                "{:?}",
                run.adapter
            );
            assert_ne!(honoured[0].2, honoured[1].2, "pages differ");

            run.harness.emulator.saplab().ignore_page_parameter(true);
            let sent = run.harness.emulator.requests().len();
            let ignored = walk(call, GetBalance::new(client), GetBalance::next_page, seen);
            assert_eq!(
                ignored,
                [honoured[0].clone(), honoured[0].clone()],
                "{:?}: two requests, both served page 1",
                run.adapter
            );
            assert_eq!(run.harness.emulator.requests().len() - sent, 2);
        });
    }

    /// `Shop::items` walks every page through every adapter and gives what
    /// a hand-written walk gives; a failed page ends the walk with its error,
    /// after the items already read, and nothing is asked after it.
    pub fn items_walk_every_page_and_end_at_the_first_error() {
        each_adapter(|run| {
            for n in 1..=2 {
                let phone = format!("+7 (900) 000-00-0{n}");
                run.ok(&CreateClient(ClientFields::new("Иванов Иван", &phone)));
            }
            let first = ListClients::default().per_page(PerPage::new(1).unwrap());
            let by_hand: Vec<u64> = walk(
                |e: &ListClients| run.ok(e),
                first.clone(),
                ListClients::next_page,
                |c: &Clients| c.clients.iter().map(|c| c.id.get()).collect::<Vec<_>>(),
            )
            .concat();
            assert!(by_hand.len() >= 3, "{by_hand:?}");
            let items = run
                .harness
                .items(run.adapter, run.shop.clone(), first.clone());
            let ids: Vec<u64> = items.into_iter().map(|c| c.unwrap().id.get()).collect();
            assert_eq!(ids, by_hand, "{:?}", run.adapter);

            // The second page fails: one item, then the error, then nothing.
            let second = first.clone().page(Page::new(2).unwrap());
            let stamp = shop_apis_core::Stamp::new(0, "");
            let path = shop_apis_core::Endpoint::build(&second, &run.shop, &stamp)
                .unwrap()
                .uri()
                .path()
                .to_owned();
            let faults = run.harness.emulator.faults();
            faults.inject(path, shop_apis_emulator::Fault::HtmlErrorPage(500), 1);
            let sent = run.harness.emulator.requests().len();
            let items = run.harness.items(run.adapter, run.shop.clone(), first);
            assert_eq!(items.len(), 2, "{:?}: {items:?}", run.adapter);
            assert_eq!(items[0].as_ref().unwrap().id.get(), by_hand[0]);
            assert!(items[1].is_err(), "{:?}", run.adapter);
            assert_eq!(
                run.harness.emulator.requests().len() - sent,
                2,
                "nothing after the error"
            );
        });
    }

    /// The client list names no page (`001`:237 names `pages` only), so
    /// an ignored page cannot be seen in the answer; the walk still ends,
    /// after `pages` requests, each served the first page.
    pub fn client_walk_is_bounded_where_the_page_is_ignored() {
        each_adapter(|run| {
            let fields = ClientFields::new("Иванов Иван", "+7 (900) 000-00-01");
            run.ok(&CreateClient(fields));
            let first = ListClients::default().per_page(PerPage::new(1).unwrap());
            let seen = |c: &Clients| {
                let ids: Vec<u64> = c.clients.iter().map(|c| c.id.get()).collect();
                (c.pages, ids)
            };
            let call = |e: &ListClients| run.ok(e);
            let honoured = walk(call, first.clone(), ListClients::next_page, seen);
            assert_eq!(honoured.len(), 3, "{:?}: {honoured:?}", run.adapter);
            let newest = honoured[0].1.clone();
            assert_eq!(newest.len(), 1);
            assert_ne!(honoured[1].1, newest, "pages differ");

            run.harness.emulator.saplab().ignore_page_parameter(true);
            let ignored = walk(call, first, ListClients::next_page, seen);
            assert_eq!(
                ignored,
                vec![(Some(3), newest); 3],
                "{:?}: `pages` requests, each served page 1",
                run.adapter
            );
        });
    }
}

pub mod ucoz {
    use shop_apis_core::Paged;
    use ucoz_proto::*;

    use super::walk;
    use crate::ucoz_e2e::each_adapter;

    /// The invoice list names its `page`: page 2 asked, page 1 served ends
    /// the walk at the second request.
    pub fn invoice_walk_ends_where_the_page_is_ignored() {
        each_adapter(BodyForm::UrlEncoded, |run| {
            let first = ListInvoices::default().per_page(1);
            let seen = |list: &Invoices| {
                let ids: Vec<u64> = list.orders.iter().map(|i| i.id.get()).collect();
                (list.page, ids)
            };
            let call = |e: &ListInvoices| run.ok(e);
            let honoured = walk(call, first.clone(), ListInvoices::next_page, seen);
            assert_eq!(
                honoured,
                [
                    (Some(1), vec![1]),
                    (Some(2), vec![2]),
                    (Some(3), vec![3]),
                    (Some(4), vec![4])
                ],
                "{:?}",
                run.adapter
            );

            run.harness.emulator.ucoz().ignore_page_parameter(true);
            let ignored = walk(call, first, ListInvoices::next_page, seen);
            assert_eq!(
                ignored,
                [(Some(1), vec![1]), (Some(1), vec![1])],
                "{:?}: two requests, both served page 1",
                run.adapter
            );
        });
    }

    /// The abandoned baskets name their `paginator_page`: the same.
    pub fn basket_walk_ends_where_the_page_is_ignored() {
        each_adapter(BodyForm::UrlEncoded, |run| {
            let first = ListBaskets::default().per_page(1);
            let seen = |list: &Baskets| {
                let users: Vec<u64> = list.users_baskets.keys().copied().collect();
                (list.paginator_page, users)
            };
            let call = |e: &ListBaskets| run.ok(e);
            let honoured = walk(call, first.clone(), ListBaskets::next_page, seen);
            assert_eq!(
                honoured,
                [(Some(1), vec![11]), (Some(2), vec![8]), (Some(3), vec![6])],
                "{:?}",
                run.adapter
            );

            run.harness.emulator.ucoz().ignore_page_parameter(true);
            let ignored = walk(call, first, ListBaskets::next_page, seen);
            assert_eq!(
                ignored,
                [(Some(1), vec![11]), (Some(1), vec![11])],
                "{:?}: two requests, both served page 1",
                run.adapter
            );
            // `page` still names the data asked for where it is no page.
            assert!(!run.ok(&ListDeliveryMethods).is_empty());
        });
    }
}
