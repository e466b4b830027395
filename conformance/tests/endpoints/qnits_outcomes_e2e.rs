// Included in `qnits::create_order::end_to_end`: sent or not on every error,
// redirects, the deadline.

/// A real server may refuse a repeated `external_id` rather than answer
/// the first order (Q15): a retried order that ends in that refusal says
/// its outcome is unknown, since the first attempt may have created it,
/// rather than reading as a plain refusal that invites a new id.
#[test]
fn a_refused_retry_says_the_order_may_exist() {
    let harness = Harness::with_config(harness::config().retry(harness::retrying()));
    harness.emulator.qnits().refuse_repeats(true);
    let qnits = qnits(&harness);
    for (n, adapter) in Adapter::ALL.into_iter().enumerate() {
        harness
            .emulator
            .faults()
            .inject(ROUTE, Fault::ResetAfterRead, 1);
        let error = harness
            .call(adapter, &qnits, &order(&format!("may-exist-{n}")))
            .unwrap_err();
        assert!(error.refusal().is_some(), "{adapter:?}: {error:?}");
        assert_eq!(error.attempts(), 2, "{adapter:?}");
        assert!(error.is_outcome_unknown(), "{adapter:?}: {error:?}");
        assert!(
            error.to_string().contains("outcome unknown"),
            "{adapter:?}: {error}"
        );
        assert_eq!(harness.emulator.qnits().orders().len(), n + 1, "{adapter:?}");
    }
    // The same refusal without a lost answer before it is a plain refusal.
    for adapter in Adapter::ALL {
        let error = harness
            .call(adapter, &qnits, &order("may-exist-0"))
            .unwrap_err();
        assert_eq!(error.delivery(), shop_apis_adapter::Delivery::Answered);
    }
}

/// A final 502–504 from a gateway may have been acted on behind it: outcome
/// unknown, for an endpoint retried and not; a 500 is the server's answer.
#[test]
fn a_final_gateway_error_may_have_been_sent() {
    for retry in [shop_apis_adapter::RetryPolicy::never(), harness::retrying().max_attempts(2)] {
        let harness = Harness::with_config(harness::config().retry(retry.clone()));
        let qnits = qnits(&harness);
        for adapter in Adapter::ALL {
            for fault in [
                Fault::ServerError { status: 503, retry_after: None },
                Fault::HtmlErrorPage(502),
                Fault::HtmlErrorPage(504),
            ] {
                harness.emulator.faults().inject_always(ROUTE, fault.clone());
                let error = harness.call(adapter, &qnits, &order("gateway")).unwrap_err();
                harness.emulator.faults().clear();
                assert!(error.is_outcome_unknown(), "{adapter:?} {fault:?}: {error:?}");
                assert_eq!(error.attempts(), retry.max_attempts, "{adapter:?} {fault:?}");
            }
            harness.emulator.faults().inject(ROUTE, Fault::HtmlErrorPage(500), 1);
            let error = harness.call(adapter, &qnits, &order("gateway")).unwrap_err();
            assert_eq!(error.delivery(), shop_apis_adapter::Delivery::Answered, "{adapter:?}");
        }
        assert!(harness.emulator.qnits().orders().is_empty());
    }
}

/// A redirect is an answer, never followed: the token stays home.
#[test]
fn a_redirect_is_not_followed() {
    let harness = Harness::with_config(harness::config().retry(harness::retrying()));
    let qnits = qnits(&harness);
    let token = harness.emulator.qnits().token();
    harness::redirect_is_not_followed(&harness, &qnits, &order("moved"), ROUTE, &[token]);
    assert!(harness.emulator.qnits().orders().is_empty());
}

/// A reqwest client built by the caller with reqwest's default policy does
/// follow a 307; the adapter then reports that the answer came from
/// elsewhere, never that host's answer as the created order.
#[test]
fn an_answer_from_a_followed_redirect_is_not_the_answer() {
    let harness = Harness::start();
    let elsewhere = shop_apis_emulator::Emulator::start_in_background().unwrap();
    let qnits = qnits(&harness);
    let following = reqwest::Client::builder().no_proxy().build().unwrap();
    let client = shop_apis_reqwest::Client::from_reqwest(following, harness::config());
    harness.emulator.faults().inject(
        ROUTE,
        Fault::Redirect {
            status: 307,
            location: format!("{}/api", elsewhere.base_url(Api::Qnits)),
        },
        1,
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let error = runtime
        .block_on(client.call(&qnits, &order("followed")))
        .unwrap_err();
    assert!(
        matches!(error.transport(), Some(TransportError::RedirectFollowed { to }) if to.ends_with("/qnits/api")),
        "{error:?}"
    );
    assert!(error.is_outcome_unknown());
    assert_eq!(elsewhere.qnits().orders().len(), 1, "reqwest did follow");
}

/// `Config::deadline` bounds the whole call: a slow answer is cut at the
/// deadline, not at the longer attempt timeout, and resets retried with
/// back-off stop at it too.
#[test]
fn the_deadline_ends_the_call() {
    let deadline = Duration::from_millis(400);
    let config = harness::config()
        .timeout(Duration::from_secs(5))
        .retry(harness::retrying().max_attempts(1000))
        .deadline(deadline);
    let harness = Harness::with_config(config);
    let qnits = qnits(&harness);
    for adapter in Adapter::ALL {
        for fault in [Fault::DelayHeaders(Duration::from_secs(3)), Fault::ResetBeforeRead] {
            harness.emulator.faults().inject_always(ROUTE, fault.clone());
            let started = Instant::now();
            let error = harness.call(adapter, &qnits, &order("deadline")).unwrap_err();
            let took = started.elapsed();
            harness.emulator.faults().clear();
            assert!(
                matches!(error.transport(), Some(TransportError::Deadline(d)) if *d == deadline),
                "{adapter:?} {fault:?}: {error:?}"
            );
            assert!(error.is_outcome_unknown(), "{adapter:?} {fault:?}");
            assert!(took < Duration::from_secs(3), "{adapter:?} {fault:?}: {took:?}");
            if fault == Fault::ResetBeforeRead {
                assert!(error.attempts() > 1, "{adapter:?}: {error:?}");
            }
        }
    }
}
