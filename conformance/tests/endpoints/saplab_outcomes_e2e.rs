//! SapLab's outcomes as a program acts on them, end to end through every
//! adapter: each refusal the document shows, typed by kind (S30); what a
//! payment did (S31); and a delete or an archive retried after its answer
//! was lost, which reports "already done" (S8, S27).

use saplab_proto::*;
use shop_apis_core::{ApiError, Endpoint, RefusalKind};
use shop_apis_emulator::Fault;

use crate::harness::{self, Adapter, Harness};
use crate::saplab_e2e::{Run, each_adapter, shop_of};

fn kind_and_text(refusal: ApiError) -> (RefusalKind, Option<String>) {
    (refusal.kind, refusal.message)
}

/// "Does not exist": a delete's bare refusal (`001`:70–73, `001`:163–166),
/// "Нет подходящих заказов." for a position that does not exist (`001`:606)
/// and "Не найдено подходящих заказов." for one not in the archive (`001`:634).
pub fn refusal_not_found() {
    each_adapter(|run| {
        let gone = [
            run.refused(&RemoveShippingType::new(ShippingTypeId::new(99))),
            run.refused(&RemoveStatus::new(StatusId::new(99))),
            run.refused(&RemoveGroup::new(GroupId::new(99))),
        ];
        for refusal in gone {
            assert_eq!(kind_and_text(refusal), (RefusalKind::NotFound, None));
        }
        let missing = run.refused(&PayPosition::new(PositionId::new(999)));
        assert_eq!(
            kind_and_text(missing),
            (
                RefusalKind::NotFound,
                Some("Нет подходящих заказов.".into())
            )
        );
        let active = run.refused(&UnarchivePosition::new(PositionId::new(19)));
        assert_eq!(active.kind, RefusalKind::NotFound);
    });
}

/// "Статус используется в настройках магазина." (`001`:167) and the group's
/// "… удаление невозможно." (`001`:221).
pub fn refusal_in_use() {
    each_adapter(|run| {
        let status = run.refused(&RemoveStatus::new(StatusId::new(3)));
        let group = run.refused(&RemoveGroup::new(GroupId::new(2)));
        assert_eq!(status.kind, RefusalKind::InUse);
        assert_eq!(group.kind, RefusalKind::InUse);
        assert_eq!(run.ok(&ListStatuses).statuses.len(), 7);
    });
}

/// "Недостаточно средств …, необходимо пополнить баланс на 10000₽"
/// (`001`:601): the amount to top up is read from the words.
pub fn refusal_insufficient_funds() {
    each_adapter(|run| {
        let before = run.harness.emulator.saplab().balance(2);
        let short = run.refused(&PayPosition::new(PositionId::new(20)));
        assert_eq!(
            short.kind,
            RefusalKind::InsufficientFunds {
                top_up: Some(3959.into())
            }
        );
        assert_eq!(run.harness.emulator.saplab().balance(2), before);
        assert_eq!(run.position(20).is_payed, Some(false));
    });
}

/// "Недостаточно параметров." (`001`:573): a status that does not exist.
pub fn refusal_not_enough_parameters() {
    each_adapter(|run| {
        let refusal = run.refused(&SetPositionStatus::new(
            PositionId::new(20),
            StatusId::new(999),
        ));
        assert_eq!(refusal.kind, RefusalKind::NotEnoughParameters);
    });
}

/// "Не удалось отправить заказы в архив." (`001`:620): a position already archived.
pub fn refusal_could_not_archive() {
    each_adapter(|run| {
        run.ok(&ArchivePosition::new(PositionId::new(19)));
        let again = run.refused(&ArchivePosition::new(PositionId::new(19)));
        assert_eq!(again.kind, RefusalKind::CouldNotArchive);
    });
}

/// Words no document shows are `Other`, the text kept.
pub fn refusal_in_other_words() {
    each_adapter(|run| {
        let refusal = run.refused(&GetBalance::new(ClientId::new(999)));
        assert_eq!(
            kind_and_text(refusal),
            (RefusalKind::Other, Some("Клиент не найден.".into()))
        );
    });
}

/// The toggle (`001`:588–599): paying an unpaid position answers that it is
/// paid, paying a paid one that the money went back, with the amount.
pub fn pay_says_paid_or_refunded() {
    each_adapter(|run| {
        run.ok(&AddTransaction::new(
            ClientId::new(2),
            3959.into(),
            "top-up",
        ));
        let pay = PayPosition::new(PositionId::new(20));
        assert_eq!(run.ok(&pay).effect, PaymentEffect::Paid);
        assert_eq!(run.position(20).is_payed, Some(true));
        assert_eq!(
            run.ok(&pay).effect,
            PaymentEffect::Refunded {
                amount: Some(3959.into())
            }
        );
        assert_eq!(run.position(20).is_payed, Some(false));
    });
}

/// Through every adapter with retries on: `prepare` sets the state, then
/// `endpoint` is sent with its first answer lost after the emulator acted
/// (`route` is reset once after reading). The call must end in success
/// marked as already done, after exactly two requests, and `check` sees the
/// state the call asked for.
fn already_done<E>(route: &str, prepare: impl Fn(&Run), endpoint: E, check: impl Fn(&Run))
where
    E: Endpoint<Api = SapLab, Output = Done>,
{
    for adapter in Adapter::ALL {
        let run = Run::retrying(adapter);
        prepare(&run);
        let emulator = &run.harness.emulator;
        let before = emulator.requests().len();
        emulator.faults().inject(route, Fault::ResetAfterRead, 1);
        let done = run.ok(&endpoint);
        assert!(done.already_done, "{adapter:?}: {done:?}");
        let sent = emulator.requests()[before..]
            .iter()
            .filter(|r| r.path_and_query.starts_with(route))
            .count();
        assert_eq!(sent, 2, "{adapter:?}");
        check(&run);
        // Without a lost answer, the same refusal stays a refusal.
        assert!(run.call(&endpoint).is_err(), "{adapter:?}");
    }
}

pub fn remove_shipping_type_already_done() {
    already_done(
        "/saplab/panel/order/remove_shipping_type",
        |_| {},
        RemoveShippingType::new(ShippingTypeId::new(2)),
        |run| {
            let left = run.ok(&ListShippingTypes).shipping_types;
            assert_eq!(left.iter().map(|s| s.id.get()).collect::<Vec<_>>(), [1]);
        },
    );
}

pub fn remove_status_already_done() {
    already_done(
        "/saplab/panel/order/remove_status",
        |_| {},
        RemoveStatus::new(StatusId::new(7)),
        |run| {
            let left = run.ok(&ListStatuses).statuses;
            assert!(left.iter().all(|s| s.id != StatusId::new(7)));
            assert_eq!(left.len(), 6);
        },
    );
}

pub fn remove_group_already_done() {
    already_done(
        "/saplab/panel/client/remove_group",
        |_| {},
        RemoveGroup::new(GroupId::new(7)),
        |run| {
            let left = run.ok(&ListGroups).groups;
            assert_eq!(left.iter().map(|g| g.id.get()).collect::<Vec<_>>(), [1, 2]);
        },
    );
}

pub fn archive_position_already_done() {
    already_done(
        "/saplab/panel/order/archive/",
        |_| {},
        ArchivePosition::new(PositionId::new(19)),
        |run| assert_eq!(run.position(19).is_archived, Some(true)),
    );
}

pub fn unarchive_position_already_done() {
    already_done(
        "/saplab/panel/order/unarchive/",
        |run| {
            run.ok(&ArchivePosition::new(PositionId::new(19)));
        },
        UnarchivePosition::new(PositionId::new(19)),
        |run| assert_eq!(run.position(19).is_archived, Some(false)),
    );
}

/// A panel that moved answers a redirect: not followed, the password
/// (and its Basic form) never shown.
pub fn redirect_not_followed() {
    let harness = Harness::with_config(harness::config().retry(harness::retrying()));
    let shop = shop_of(&harness);
    let saplab = harness.emulator.saplab();
    let basic = base64_basic(saplab.login(), saplab.password());
    harness::redirect_is_not_followed(
        &harness,
        &shop,
        &ListManagers,
        "/saplab/panel/manager",
        &[saplab.password(), &basic],
    );
}

/// `login:password` as HTTP Basic carries it.
fn base64_basic(login: &str, password: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(format!("{login}:{password}"))
}
