//! Each API's target from the environment, and the calls made on it.

use shop_apis_core::BaseUrl;

use crate::probe::Run;

/// What the run talked to, and the texts that must not be saved.
pub(crate) struct Target {
    /// The base URL, for the report and the fixtures' provenance.
    pub(crate) host: String,
    /// Credentials, scrubbed from anything saved.
    pub(crate) secrets: Vec<String>,
}

/// Reads the environment variables `names`; the missing ones are the error.
fn vars<const N: usize>(names: [&'static str; N]) -> Result<[String; N], Vec<&'static str>> {
    let values = names.map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()));
    let missing: Vec<&'static str> = names
        .iter()
        .zip(&values)
        .filter(|(_, value)| value.is_none())
        .map(|(name, _)| *name)
        .collect();
    if missing.is_empty() {
        Ok(values.map(Option::unwrap_or_default))
    } else {
        Err(missing)
    }
}

/// The base URL in `url`, plain http only when `allow` is `1` or the host is loopback.
fn base_url(url: &str, allow: &str) -> Result<BaseUrl, Vec<&'static str>> {
    let plain_ok = std::env::var(allow).is_ok_and(|v| v == "1");
    let parsed = if plain_ok {
        BaseUrl::parse_allowing_plain_http(url)
    } else {
        BaseUrl::parse(url)
    };
    parsed.map_err(|e| {
        eprintln!("error: {url:?} is not a usable base URL: {e}");
        vec!["a valid base URL (https, or http with *_ALLOW_PLAIN_HTTP=1)"]
    })
}

pub(crate) fn qnits(run: &mut Run) -> Result<Target, Vec<&'static str>> {
    let [url, qnit_id, token] = vars(["QNITS_BASE_URL", "QNITS_QNIT_ID", "QNITS_TOKEN"])?;
    base_url(&url, "QNITS_ALLOW_PLAIN_HTTP")?;
    qnit_id
        .parse::<u64>()
        .map_err(|_| vec!["QNITS_QNIT_ID as a number"])?;
    // The API's one endpoint creates an order, and nothing can delete one.
    run.note(
        "Qnits has no read-only endpoint, and an order it creates cannot be removed, \
         so the live run calls nothing, even with --allow-writes.",
    );
    Ok(Target {
        host: url,
        secrets: vec![token],
    })
}

pub(crate) fn saplab(run: &mut Run) -> Result<Target, Vec<&'static str>> {
    use saplab_proto::*;

    let [url, login, password] = vars(["SAPLAB_BASE_URL", "SAPLAB_LOGIN", "SAPLAB_PASSWORD"])?;
    let base = base_url(&url, "SAPLAB_ALLOW_PLAIN_HTTP")?;
    let credentials =
        Credentials::new(&login, &password).map_err(|_| vec!["SAPLAB_LOGIN without ':'"])?;
    let shop = SapLab::new(base, credentials);

    run.call(&shop, ListManagers);
    run.call(&shop, ListShippingTypes);
    run.call(&shop, ListStatuses);
    run.call(&shop, ListGroups);
    let first_client = run
        .call(&shop, ListClients::default())
        .and_then(|page| page.clients.first().map(|client| client.id));
    match first_client {
        Some(id) => {
            run.call(&shop, GetClient::new(id));
            run.call(&shop, GetBalance::new(id));
        }
        None => run.note("GetClient and GetBalance: no client listed to read."),
    }
    run.call(&shop, ListOrders::default());

    if run.allow_writes() {
        saplab_writes(run, &shop);
    } else {
        run.note("Writes skipped; --allow-writes creates, changes and removes a shipping type, a status and a client group of its own.");
    }
    run.note("Never called: client creation and changes, transactions, position actions and documents, which touch real customers and money.");
    Ok(Target {
        host: url,
        secrets: vec![login, password],
    })
}

/// Creates, renames and removes one object of each removable kind, named so
/// that a person sees where it came from; removal is tried whatever happened.
fn saplab_writes(run: &mut Run, shop: &saplab_proto::SapLab) {
    use saplab_proto::*;

    let name = "conformance-live (удаляется)";
    let renamed = "conformance-live 2 (удаляется)";

    run.call(
        shop,
        CreateShippingType(ShippingTypeFields::new(name, 0.into())),
    );
    let created = run.call(shop, ListShippingTypes).and_then(|list| {
        list.shipping_types
            .into_iter()
            .rev()
            .find(|s| s.name.as_deref() == Some(name))
            .map(|s| s.id)
    });
    if let Some(id) = created {
        run.call(
            shop,
            UpdateShippingType::new(id, ShippingTypeFields::new(renamed, 1.into())),
        );
        run.call(shop, RemoveShippingType::new(id));
    }

    run.call(shop, CreateStatus(StatusFields::new(name, "ABCDEF")));
    let created = run.call(shop, ListStatuses).and_then(|list| {
        list.statuses
            .into_iter()
            .rev()
            .find(|s| s.name.as_deref() == Some(name))
            .map(|s| s.id)
    });
    if let Some(id) = created {
        run.call(
            shop,
            UpdateStatus::new(id, StatusFields::new(renamed, "FEDCBA")),
        );
        run.call(shop, RemoveStatus::new(id));
    }

    run.call(shop, CreateGroup(GroupFields::new(name, 0.into())));
    let created = run.call(shop, ListGroups).and_then(|list| {
        list.groups
            .into_iter()
            .rev()
            .find(|g| g.name.as_deref() == Some(name))
            .map(|g| g.id)
    });
    if let Some(id) = created {
        run.call(
            shop,
            UpdateGroup::new(id, GroupFields::new(renamed, 1.into())),
        );
        run.call(shop, RemoveGroup::new(id));
    }
}

pub(crate) fn ucoz(run: &mut Run) -> Result<Target, Vec<&'static str>> {
    use ucoz_proto::*;

    let [url] = vars(["UCOZ_BASE_URL"])?;
    let base = base_url(&url, "UCOZ_ALLOW_PLAIN_HTTP")?;
    let (auth, secrets) = match std::env::var("UCOZ_BEARER").ok().filter(|t| !t.is_empty()) {
        Some(token) => (
            Auth::bearer(&token).map_err(|_| vec!["UCOZ_BEARER as a header value"])?,
            vec![token],
        ),
        None => {
            let [key, secret, token, token_secret] = vars([
                "UCOZ_CONSUMER_KEY",
                "UCOZ_CONSUMER_SECRET",
                "UCOZ_TOKEN",
                "UCOZ_TOKEN_SECRET",
            ])
            .map_err(|mut missing| {
                missing.push("(or UCOZ_BEARER instead of the four OAuth variables)");
                missing
            })?;
            let credentials = OAuthCredentials::new(&key, &secret, &token, &token_secret)
                .map_err(|_| vec!["valid UCOZ_* OAuth credentials"])?;
            (
                Auth::OAuth1(credentials),
                vec![key, secret, token, token_secret],
            )
        }
    };
    let site = Ucoz::new(base, auth);

    run.call(&site, ListDeliveryMethods);
    run.call(&site, ListPaymentMethods);
    run.call(&site, ListOrderStatuses);
    run.call(&site, ListOrderGroups);
    run.call(&site, ListOrderFields);
    run.call(&site, ListOrderGoodsFields);
    run.call(&site, GetCheckout::default());
    let first = run.call(&site, ListInvoices::default()).and_then(|list| {
        list.orders
            .first()
            .map(|invoice| invoice.order_hash.clone())
    });
    match first {
        Some(hash) => {
            run.call(&site, GetOrder::new(hash));
        }
        None => run.note("GetOrder: no invoice listed to read."),
    }
    run.call(&site, ListBaskets::default());
    run.note(
        "uCoz writes are never called, even with --allow-writes: checkout acts on the API user's \
         basket and the invoice changes on real orders; none creates an object it could remove.",
    );
    Ok(Target { host: url, secrets })
}
