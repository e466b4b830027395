//! The [`Config`](shop_apis_adapter::Config)'s trusted roots, handed to reqwest.

use shop_apis_adapter::{RootCertificate, SetupError};

/// `builder` trusting `roots` besides its backend's own.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
pub(crate) fn trust<B: Merge>(builder: B, roots: &[RootCertificate]) -> Result<B, SetupError> {
    let roots = roots
        .iter()
        .map(|root| reqwest::Certificate::from_der(root.der()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| SetupError::new(error.into()))?;
    Ok(builder.merge(roots))
}

/// Without a TLS backend no root can be trusted: an error rather than a
/// client that would ignore them.
#[cfg(not(any(feature = "rustls", feature = "native-tls")))]
pub(crate) fn trust<B>(builder: B, roots: &[RootCertificate]) -> Result<B, SetupError> {
    if roots.is_empty() {
        Ok(builder)
    } else {
        Err(SetupError::new(
            "trusted roots need a TLS feature (rustls or native-tls)".into(),
        ))
    }
}

/// reqwest's async and blocking builders alike.
#[cfg(any(feature = "rustls", feature = "native-tls"))]
pub(crate) trait Merge {
    fn merge(self, roots: Vec<reqwest::Certificate>) -> Self;
}

#[cfg(any(feature = "rustls", feature = "native-tls"))]
impl Merge for reqwest::ClientBuilder {
    fn merge(self, roots: Vec<reqwest::Certificate>) -> Self {
        self.tls_certs_merge(roots)
    }
}

#[cfg(all(feature = "blocking", any(feature = "rustls", feature = "native-tls")))]
impl Merge for reqwest::blocking::ClientBuilder {
    fn merge(self, roots: Vec<reqwest::Certificate>) -> Self {
        self.tls_certs_merge(roots)
    }
}
