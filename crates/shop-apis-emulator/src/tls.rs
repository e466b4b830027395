//! HTTPS: a certificate authority made at start, and the server certificate
//! it signs, for a client to trust as it would a shop's corporate CA.

use std::sync::Arc;

use rcgen::{
    BasicConstraints, CertificateParams, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose,
};
use time::OffsetDateTime;
use time::macros::datetime;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};

/// How the emulator serves HTTPS: the names its certificate is for and
/// whether it has expired. The certificate authority is made anew at each
/// start; [`Emulator::root_certificate_pem`](crate::Emulator::root_certificate_pem)
/// hands its certificate to the caller.
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> std::io::Result<()> {
/// use shop_apis_emulator::{Api, Emulator, Tls};
///
/// let emulator = Emulator::start_tls(Tls::new()).await?;
/// assert!(emulator.base_url(Api::SapLab).starts_with("https://127.0.0.1:"));
/// assert!(emulator.root_certificate_pem().unwrap().starts_with("-----BEGIN CERTIFICATE-----"));
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tls {
    names: Vec<String>,
    expired: bool,
}

impl Tls {
    /// A certificate for `localhost`, `127.0.0.1` and `::1`, valid from 2020
    /// to 2100.
    ///
    /// See [`Tls`] for an example.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Tls {
        Tls::for_names(["localhost", "127.0.0.1", "::1"])
    }

    /// A certificate for `names` only (host names or IP addresses): served on
    /// loopback under other names, a client sees a wrong host name.
    ///
    /// ```
    /// let tls = shop_apis_emulator::Tls::for_names(["shop.example"]);
    /// assert_eq!(tls.names(), ["shop.example"]);
    /// ```
    pub fn for_names<S: Into<String>>(names: impl IntoIterator<Item = S>) -> Tls {
        Tls {
            names: names.into_iter().map(Into::into).collect(),
            expired: false,
        }
    }

    /// The same certificate, expired: valid only during the year 2000.
    ///
    /// ```
    /// let tls = shop_apis_emulator::Tls::new().expired();
    /// assert!(tls.is_expired());
    /// ```
    pub fn expired(mut self) -> Tls {
        self.expired = true;
        self
    }

    /// The names the certificate is for.
    ///
    /// See [`Tls::for_names`] for an example.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Whether the certificate has expired.
    ///
    /// See [`Tls::expired`] for an example.
    pub fn is_expired(&self) -> bool {
        self.expired
    }
}

/// The root's certificate and the acceptor serving the certificate it signed.
pub(crate) struct Served {
    pub(crate) root_pem: String,
    pub(crate) acceptor: tokio_rustls::TlsAcceptor,
}

/// Fixed moments, so that no clock decides what the certificates say.
const VALID: (OffsetDateTime, OffsetDateTime) = (
    datetime!(2020-01-01 0:00 UTC),
    datetime!(2100-01-01 0:00 UTC),
);
const EXPIRED: (OffsetDateTime, OffsetDateTime) = (
    datetime!(2000-01-01 0:00 UTC),
    datetime!(2001-01-01 0:00 UTC),
);

pub(crate) fn serve(tls: &Tls) -> std::io::Result<Served> {
    let error = |e: rcgen::Error| std::io::Error::other(e);
    let root_key = KeyPair::generate().map_err(error)?;
    let mut root = CertificateParams::new(Vec::<String>::new()).map_err(error)?;
    root.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    root.distinguished_name
        .push(DnType::CommonName, "shop-apis emulator root");
    root.key_usages = vec![
        KeyUsagePurpose::KeyCertSign,
        KeyUsagePurpose::CrlSign,
        KeyUsagePurpose::DigitalSignature,
    ];
    (root.not_before, root.not_after) = VALID;
    let root_pem = root.self_signed(&root_key).map_err(error)?.pem();
    let issuer = Issuer::new(root, root_key);

    let key = KeyPair::generate().map_err(error)?;
    let mut server = CertificateParams::new(tls.names.clone()).map_err(error)?;
    if let Some(first) = tls.names.first() {
        server
            .distinguished_name
            .push(DnType::CommonName, first.as_str());
    }
    server.use_authority_key_identifier_extension = true;
    server.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    server.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    (server.not_before, server.not_after) = if tls.expired { EXPIRED } else { VALID };
    let certificate = server.signed_by(&key, &issuer).map_err(error)?;

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der()));
    // The provider named, not the process default, which another crate of
    // the build may make ambiguous.
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(std::io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![certificate.der().clone()], key)
        .map_err(std::io::Error::other)?;
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Served {
        root_pem,
        acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
    })
}
