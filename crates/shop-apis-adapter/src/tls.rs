//! Certificate authorities trusted besides a TLS backend's own roots.

use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject as _;

/// A certificate authority to trust besides the TLS backend's own roots: a
/// shop behind a corporate CA, or the emulator's root made at its start.
///
/// Held as DER bytes; each adapter hands it to its TLS library when its
/// client is built, and a certificate the library cannot read is then a
/// [`SetupError`](crate::SetupError).
///
/// ```
/// use shop_apis_adapter::{Config, RootCertificate};
/// # let pem = concat!("-----BEGIN CERTIFICATE-----\n", "MAMCAQE=\n", "-----END CERTIFICATE-----\n");
/// let roots = RootCertificate::from_pem(pem)?; // every CERTIFICATE block of a file
/// let config = Config::new("order-sync/2.1").trust_roots(roots);
/// assert_eq!(config.trusted_roots.len(), 1);
/// # Ok::<(), shop_apis_adapter::InvalidCertificate>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct RootCertificate {
    der: Vec<u8>,
}

impl RootCertificate {
    /// A certificate from its DER bytes; bytes that do not start as DER
    /// does (a SEQUENCE) are refused. The certificate itself is read by the
    /// TLS library when a client is built.
    ///
    /// ```
    /// use shop_apis_adapter::RootCertificate;
    /// assert!(RootCertificate::from_der(vec![0x30, 0x03, 0x02, 0x01, 0x01]).is_ok());
    /// assert!(RootCertificate::from_der(Vec::new()).is_err());
    /// ```
    pub fn from_der(der: impl Into<Vec<u8>>) -> Result<Self, InvalidCertificate> {
        let der = der.into();
        // Every DER certificate is a SEQUENCE; anything else was not one.
        if der.first() != Some(&0x30) {
            return Err(InvalidCertificate("not a DER certificate".to_owned()));
        }
        Ok(RootCertificate { der })
    }

    /// Every `CERTIFICATE` block of a PEM text, in order (other sections
    /// skipped); a text with none, or with a block that is not valid base64
    /// or not DER, is an error.
    ///
    /// ```
    /// use shop_apis_adapter::RootCertificate;
    /// assert!(RootCertificate::from_pem("no certificate here").is_err());
    /// ```
    pub fn from_pem(pem: &str) -> Result<Vec<Self>, InvalidCertificate> {
        let roots = CertificateDer::pem_slice_iter(pem.as_bytes())
            .map(|block| {
                let block = block.map_err(|error| InvalidCertificate(error.to_string()))?;
                RootCertificate::from_der(block.to_vec())
            })
            .collect::<Result<Vec<_>, _>>()?;
        if roots.is_empty() {
            return Err(InvalidCertificate("no CERTIFICATE block".to_owned()));
        }
        Ok(roots)
    }

    /// The DER bytes.
    ///
    /// ```
    /// let root = shop_apis_adapter::RootCertificate::from_der(vec![0x30, 0x00])?;
    /// assert_eq!(root.der(), [0x30, 0x00]);
    /// # Ok::<(), shop_apis_adapter::InvalidCertificate>(())
    /// ```
    pub fn der(&self) -> &[u8] {
        &self.der
    }
}

impl std::fmt::Debug for RootCertificate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RootCertificate({} bytes of DER)", self.der.len())
    }
}

/// A root certificate that could not be read.
///
/// ```
/// let error = shop_apis_adapter::RootCertificate::from_pem("").unwrap_err();
/// assert_eq!(error.to_string(), "not a usable root certificate: no CERTIFICATE block");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a usable root certificate: {0}")]
pub struct InvalidCertificate(String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_gives_every_block_and_skips_other_sections() {
        let a = RootCertificate::from_der(vec![0x30, 0x01, 0x01]).unwrap();
        let b = RootCertificate::from_der(vec![0x30, 0x01, 0x02]).unwrap();
        let bundle = "-----BEGIN CERTIFICATE-----\nMAEB\n-----END CERTIFICATE-----\n\
            -----BEGIN PRIVATE KEY-----\nMAA=\n-----END PRIVATE KEY-----\n\
            -----BEGIN CERTIFICATE-----\nMAEC\n-----END CERTIFICATE-----\n";
        assert_eq!(RootCertificate::from_pem(bundle).unwrap(), vec![a, b]);
        assert!(
            RootCertificate::from_pem(
                "-----BEGIN CERTIFICATE-----\n!!\n-----END CERTIFICATE-----\n"
            )
            .is_err()
        );
        assert!(
            RootCertificate::from_pem(
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
            )
            .is_err(),
            "not DER"
        );
    }
}
