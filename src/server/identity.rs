//! Bearer tokens in, a [`Caller`] out.
//!
//! Tokens are JWTs signed with RS256 by a key of the configured JWKS (or of
//! the dev key). Only RS256 is accepted, whatever the token's header says, so
//! `alg: none` and HS256 signed with the public key as a secret are refused;
//! issuer, audience, expiry and not-before are required and checked.
//!
//! Entra ID puts the directory roles of a user in `wids` as role template
//! IDs, and app roles in `roles`. A token lists every directory role of its
//! user, most of which this policy does not govern (every member has the
//! "User" role), so ids the policy does not know are dropped: they grant
//! nothing here, and dropping them can only take permissions away.

use axum::http::{header, HeaderMap};
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::{Map, Value};

use super::config::ClaimNames;
use super::error::ApiError;
use super::StartError;
use crate::{DeviceGroups, Gate, Subject};

/// Who is calling: the token's user and the subject its claims make.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Caller {
    /// `preferred_username`, `upn` or `sub`, for the decision log.
    pub who: String,
    /// Roles, device groups and TVM grants from the token.
    pub subject: Subject,
}

/// Verifies tokens against a set of RS256 keys.
pub(crate) struct Verifier {
    keys: Vec<(Option<String>, DecodingKey)>,
    validation: Validation,
    claims: ClaimNames,
    gate: Gate,
}

impl Verifier {
    /// A verifier for the RSA keys of a JWKS document.
    pub(crate) fn new(
        jwks: &str,
        issuer: &str,
        audience: &str,
        claims: ClaimNames,
        gate: Gate,
    ) -> Result<Verifier, StartError> {
        let set: JwkSet = serde_json::from_str(jwks).map_err(|e| StartError(format!("the JWKS is not valid: {e}")))?;
        let mut keys = Vec::new();
        for jwk in &set.keys {
            if let jsonwebtoken::jwk::AlgorithmParameters::RSA(_) = jwk.algorithm {
                let key = DecodingKey::from_jwk(jwk).map_err(|e| StartError(format!("a JWKS key is not usable: {e}")))?;
                keys.push((jwk.common.key_id.clone(), key));
            }
        }
        if keys.is_empty() {
            return Err(StartError("the JWKS holds no RSA key".into()));
        }
        let mut validation = Validation::new(Algorithm::RS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud"]);
        validation.validate_nbf = true;
        validation.leeway = 30;
        Ok(Verifier { keys, validation, claims, gate })
    }

    /// The caller of a request, from its `Authorization: Bearer` header.
    pub(crate) fn caller(&self, headers: &HeaderMap) -> Result<Caller, ApiError> {
        let value = headers
            .get(header::AUTHORIZATION)
            .ok_or_else(|| unauthorized("no bearer token: send `Authorization: Bearer <token>`"))?;
        let value = value.to_str().map_err(|_| unauthorized("the authorization header is not text"))?;
        let token = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
            .ok_or_else(|| unauthorized("the authorization header is not `Bearer <token>`"))?;
        self.verify(token.trim())
    }

    /// Verify a token and read its claims.
    pub(crate) fn verify(&self, token: &str) -> Result<Caller, ApiError> {
        let head = jsonwebtoken::decode_header(token).map_err(|e| unauthorized(&format!("malformed token: {e}")))?;
        if head.alg != Algorithm::RS256 {
            return Err(unauthorized(&format!("token algorithm `{:?}` is refused; only `RS256` is accepted", head.alg)));
        }
        let key = match &head.kid {
            Some(kid) => self.keys.iter().find(|(k, _)| k.as_deref() == Some(kid)),
            None if self.keys.len() == 1 => self.keys.first(),
            None => None,
        }
        .map(|(_, key)| key)
        .ok_or_else(|| unauthorized("the token is not signed by a known key"))?;
        let data = jsonwebtoken::decode::<Map<String, Value>>(token, key, &self.validation)
            .map_err(|e| unauthorized(&format!("the token is refused: {}", reason(&e))))?;
        self.caller_from(&data.claims)
    }

    fn caller_from(&self, claims: &Map<String, Value>) -> Result<Caller, ApiError> {
        let who = ["preferred_username", "upn", "sub"]
            .iter()
            .find_map(|name| claims.get(*name).and_then(Value::as_str))
            .unwrap_or("unknown")
            .to_owned();
        let known = |id: &String| {
            self.gate.roles().iter().any(|r| r.id.eq_ignore_ascii_case(id) || r.template_ids.iter().any(|t| t.eq_ignore_ascii_case(id)))
        };
        let mut roles: Vec<String> = strings(claims, "wids")?.into_iter().chain(strings(claims, "roles")?).collect();
        roles.retain(known);
        let device_groups = match claims.get(&self.claims.device_groups) {
            None => DeviceGroups::All,
            Some(Value::String(s)) if s == "all" => DeviceGroups::All,
            Some(_) => DeviceGroups::Only(strings(claims, &self.claims.device_groups)?),
        };
        let subject = Subject {
            roles,
            device_groups,
            tvm_permissions: strings(claims, &self.claims.tvm_permissions)?,
            tvm_roles: strings(claims, &self.claims.tvm_roles)?,
        };
        Ok(Caller { who, subject })
    }
}

/// A claim that is a list of strings (absent: empty).
fn strings(claims: &Map<String, Value>, name: &str) -> Result<Vec<String>, ApiError> {
    match claims.get(name) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| unauthorized(&format!("the token's `{name}` claim is not a list of strings"))),
        Some(_) => Err(unauthorized(&format!("the token's `{name}` claim is not a list of strings"))),
    }
}

/// A person's reading of a validation failure.
fn reason(err: &jsonwebtoken::errors::Error) -> String {
    use jsonwebtoken::errors::ErrorKind;
    match err.kind() {
        ErrorKind::ExpiredSignature => "it has expired".into(),
        ErrorKind::ImmatureSignature => "it is not valid yet (nbf)".into(),
        ErrorKind::InvalidIssuer => "wrong issuer (iss)".into(),
        ErrorKind::InvalidAudience => "wrong audience (aud)".into(),
        ErrorKind::InvalidSignature => "bad signature".into(),
        ErrorKind::MissingRequiredClaim(c) => format!("missing claim `{c}`"),
        ErrorKind::InvalidAlgorithm => "wrong algorithm".into(),
        _ => err.to_string(),
    }
}

fn unauthorized(message: &str) -> ApiError {
    ApiError::Unauthorized(message.to_owned())
}
