//! A signing key made at start, for dev mode and for tests: its JWKS, and
//! RS256 tokens signed with it.
//!
//! Dev mode lets the demo run with no Entra tenant: the login page asks the
//! server to mint a token for a demo user, and the server verifies it like
//! any other, against this key's JWKS. The key lives only in memory, so every
//! start invalidates the tokens of the previous one.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs8::{EncodePublicKey, LineEnding};
use rsa::traits::PublicKeyParts;
use rsa::RsaPrivateKey;
use serde_json::{json, Value};

use super::StartError;

/// The issuer of dev-mode tokens.
pub const DEV_ISSUER: &str = "https://exposure-gate.invalid/dev";
/// The audience of dev-mode tokens.
pub const DEV_AUDIENCE: &str = "exposure-gate";

/// An RSA key pair with a key id.
pub struct DevKey {
    kid: String,
    private: RsaPrivateKey,
    encoding: EncodingKey,
}

impl DevKey {
    /// A fresh 2048-bit key from the operating system's random source.
    pub fn generate() -> Result<DevKey, StartError> {
        let private = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048)
            .map_err(|e| StartError(format!("cannot make a signing key: {e}")))?;
        let der = private.to_pkcs1_der().map_err(|e| StartError(format!("cannot encode the signing key: {e}")))?;
        let encoding = EncodingKey::from_rsa_der(der.as_bytes());
        // The key id names this key among restarts: the start of its modulus.
        let n = private.n().to_bytes_be();
        let kid = URL_SAFE_NO_PAD.encode(n.get(..9).unwrap_or(&n));
        Ok(DevKey { kid, private, encoding })
    }

    /// The key id (`kid`) in token headers and the JWKS.
    pub fn kid(&self) -> &str {
        &self.kid
    }

    /// The JWKS (`{ "keys": [ { "kty": "RSA", ... } ] }`) with the public key.
    pub fn jwks(&self) -> Value {
        let b64 = |bytes: Vec<u8>| URL_SAFE_NO_PAD.encode(bytes);
        json!({ "keys": [{
            "kty": "RSA", "use": "sig", "alg": "RS256", "kid": self.kid,
            "n": b64(self.private.n().to_bytes_be()), "e": b64(self.private.e().to_bytes_be()),
        }] })
    }

    /// The public key as PEM (SPKI).
    pub fn public_pem(&self) -> Result<String, StartError> {
        self.private
            .to_public_key()
            .to_public_key_pem(LineEnding::LF)
            .map_err(|e| StartError(format!("cannot encode the public key: {e}")))
    }

    /// An RS256 token with these claims, its header naming this key.
    pub fn sign(&self, claims: &Value) -> Result<String, StartError> {
        let mut header = Header::new(Algorithm::RS256);
        header.kid = Some(self.kid.clone());
        jsonwebtoken::encode(&header, claims, &self.encoding).map_err(|e| StartError(format!("cannot sign a token: {e}")))
    }
}
