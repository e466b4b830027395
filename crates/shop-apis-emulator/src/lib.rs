//! A local server that emulates the shop APIs, for examples, tests and the
//! conformance run: no credentials, no internet.
//!
//! One hyper 1 server on a loopback port serves every API under its own path
//! prefix (`/qnits`, `/saplab`, `/ucoz`), from in-memory state.
//! Its answers are JSON written the way the APIs' PHP servers write it
//! (non-ASCII and `/` escaped), shaped like the documents' examples and built
//! independently of the protocol crates, which this crate does not depend on.
//!
//! Tests switch on faults per route ([`Faults`]): slow headers, a slow body,
//! a connection closed before or after the request is read, 5xx answers, an
//! HTML error page, a truncated or an oversized body.
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> std::io::Result<()> {
//! let emulator = shop_apis_emulator::Emulator::start().await?;
//! let base = emulator.base_url(shop_apis_emulator::Api::Qnits);
//! assert!(base.starts_with("http://127.0.0.1:") && base.ends_with("/qnits"));
//! assert_eq!(emulator.qnits().orders().len(), 0);
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod amounts;
mod body;
mod faults;
mod multipart;
mod personal;
mod php;
pub mod qnits;
pub mod saplab;
mod server;
mod tls;
pub mod ucoz;

use std::net::SocketAddr;
use std::sync::Arc;

pub use faults::{Fault, Faults};
pub use personal::Personal;
pub use server::{RecordedReply, RecordedRequest};
pub use tls::Tls;

/// The APIs the emulator serves, each under its own path prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Api {
    /// Qnits order intake, under `/qnits`.
    Qnits,
    /// The SapLab shop panel, under `/saplab` (its paths start `/panel/`).
    SapLab,
    /// The uCoz uAPI shop module, under `/ucoz` (its paths start `/uapi/`).
    Ucoz,
}

impl Api {
    /// Every API served.
    pub const ALL: [Api; 3] = [Api::Qnits, Api::SapLab, Api::Ucoz];

    /// The path prefix the API is served under (`/qnits`).
    pub fn prefix(self) -> &'static str {
        match self {
            Api::Qnits => "/qnits",
            Api::SapLab => "/saplab",
            Api::Ucoz => "/ucoz",
        }
    }

    /// The API's name.
    pub fn name(self) -> &'static str {
        &self.prefix()[1..]
    }
}

/// State shared by every connection.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) addr: SocketAddr,
    /// The certificate authority's certificate, when served through TLS.
    pub(crate) root_pem: Option<String>,
    pub(crate) qnits: qnits::Qnits,
    pub(crate) saplab: saplab::SapLab,
    pub(crate) ucoz: ucoz::Ucoz,
    pub(crate) faults: Faults,
    pub(crate) log: server::RequestLog,
}

impl Shared {
    pub(crate) fn base_url(&self, api: Api) -> String {
        // uCoz's base is the site with `/uapi`, as its clients take it.
        let suffix = if api == Api::Ucoz { "/uapi" } else { "" };
        format!("{}://{}{}{suffix}", self.scheme(), self.addr, api.prefix())
    }

    /// `https` when served through TLS (which made a root), else `http`.
    pub(crate) fn scheme(&self) -> &'static str {
        if self.root_pem.is_some() {
            "https"
        } else {
            "http"
        }
    }
}

/// A running emulator; dropped or [`shutdown`](Emulator::shutdown), it stops
/// accepting connections.
#[derive(Debug)]
pub struct Emulator {
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Emulator {
    /// Starts on an ephemeral port of 127.0.0.1, on the current tokio runtime.
    pub async fn start() -> std::io::Result<Emulator> {
        Self::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await
    }

    /// Starts on `addr`, on the current tokio runtime.
    pub async fn bind(addr: SocketAddr) -> std::io::Result<Emulator> {
        Self::serve(addr, None).await
    }

    /// Starts on an ephemeral port of 127.0.0.1 serving HTTPS only, with a
    /// certificate authority made now; its certificate is
    /// [`root_certificate_pem`](Emulator::root_certificate_pem), for the
    /// caller to trust.
    ///
    /// See [`Tls`] for an example.
    pub async fn start_tls(tls: Tls) -> std::io::Result<Emulator> {
        Self::bind_tls(SocketAddr::from(([127, 0, 0, 1], 0)), tls).await
    }

    /// Starts on `addr` serving HTTPS only: see [`Emulator::start_tls`].
    pub async fn bind_tls(addr: SocketAddr, tls: Tls) -> std::io::Result<Emulator> {
        Self::serve(addr, Some(tls::serve(&tls)?)).await
    }

    async fn serve(addr: SocketAddr, tls: Option<tls::Served>) -> std::io::Result<Emulator> {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (root_pem, acceptor) = tls.map(|t| (t.root_pem, t.acceptor)).unzip();
        let shared = Arc::new(Shared {
            addr,
            root_pem,
            qnits: qnits::Qnits::new(),
            saplab: saplab::SapLab::new(),
            ucoz: ucoz::Ucoz::new(),
            faults: Faults::default(),
            log: server::RequestLog::default(),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(server::serve(listener, acceptor, shared.clone(), stopped));
        Ok(Emulator {
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// Starts on an ephemeral loopback port, on a runtime of its own in a
    /// background thread: for blocking code and tests without a runtime.
    pub fn start_in_background() -> std::io::Result<BackgroundEmulator> {
        Self::in_background(None)
    }

    /// [`Emulator::start_tls`] on a runtime of its own in a background thread.
    ///
    /// ```
    /// let emulator = shop_apis_emulator::Emulator::start_tls_in_background(shop_apis_emulator::Tls::new())?;
    /// assert!(emulator.root_certificate_pem().is_some());
    /// # Ok::<(), std::io::Error>(())
    /// ```
    pub fn start_tls_in_background(tls: Tls) -> std::io::Result<BackgroundEmulator> {
        Self::in_background(Some(tls))
    }

    fn in_background(tls: Option<Tls>) -> std::io::Result<BackgroundEmulator> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("emulator")
            .enable_all()
            .build()?;
        let emulator = runtime.block_on(async {
            match tls {
                Some(tls) => Emulator::start_tls(tls).await,
                None => Emulator::start().await,
            }
        })?;
        Ok(BackgroundEmulator {
            emulator: Some(emulator),
            runtime: Some(runtime),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// The base URL of `api`, to give a protocol crate (`http://127.0.0.1:PORT/qnits`,
    /// `https://` when served through TLS).
    pub fn base_url(&self, api: Api) -> String {
        self.shared.base_url(api)
    }

    /// The PEM certificate of the authority that signed the server's
    /// certificate, when started with TLS ([`Emulator::start_tls`]); `None`
    /// for plain HTTP.
    ///
    /// See [`Tls`] for an example.
    pub fn root_certificate_pem(&self) -> Option<&str> {
        self.shared.root_pem.as_deref()
    }

    /// The Qnits API's state: its credentials and the orders it holds.
    pub fn qnits(&self) -> &qnits::Qnits {
        &self.shared.qnits
    }

    /// The SapLab panel's state: its credentials and balances.
    pub fn saplab(&self) -> &saplab::SapLab {
        &self.shared.saplab
    }

    /// The uCoz site's state: its credentials and invoices.
    pub fn ucoz(&self) -> &ucoz::Ucoz {
        &self.shared.ucoz
    }

    /// The faults to inject into the next requests.
    pub fn faults(&self) -> &Faults {
        &self.shared.faults
    }

    /// Puts a value made by `make` into every field of the state that can
    /// hold a person's data, in all three APIs: clients' names, phones,
    /// e-mails, addresses, comments and legal details, employees' names and
    /// contacts, position addresses and histories, transaction comments;
    /// invoices' logins, form values, notes, logs, couriers, IPs and map
    /// points; the users, abandoned baskets' cards, the checkout basket's
    /// form; the names, phones, addresses and comments of the Qnits orders
    /// received so far. Empty fields are filled too. Each call
    /// of `make` says what the field holds; tests keep the values made and
    /// look for them where they must not be.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> std::io::Result<()> {
    /// use shop_apis_emulator::{Emulator, Personal};
    ///
    /// let emulator = Emulator::start().await?;
    /// let mut planted = Vec::new();
    /// emulator.fill_personal_fields(&mut |kind| {
    ///     let value = match kind {
    ///         Personal::Phone => format!("7999000{:04}", planted.len()),
    ///         _ => format!("sentinel-{}", planted.len()),
    ///     };
    ///     planted.push(value.clone());
    ///     value
    /// });
    /// assert!(planted.len() > 50);
    /// # Ok(())
    /// # }
    /// ```
    pub fn fill_personal_fields(&self, make: &mut dyn FnMut(Personal) -> String) {
        self.shared.saplab.fill_personal(make);
        self.shared.ucoz.fill_personal(make);
        self.shared.qnits.fill_personal(make);
    }

    /// The requests received, oldest first (at most the last 1,000).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.log.snapshot()
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// An [`Emulator`] on a runtime of its own; stops when dropped.
#[derive(Debug)]
pub struct BackgroundEmulator {
    emulator: Option<Emulator>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::ops::Deref for BackgroundEmulator {
    type Target = Emulator;
    fn deref(&self) -> &Emulator {
        self.emulator.as_ref().expect("present until dropped")
    }
}

impl Drop for BackgroundEmulator {
    fn drop(&mut self) {
        drop(self.emulator.take());
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
