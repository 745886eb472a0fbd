//! Dev mode's login: the demo users, and tokens minted for them by the key
//! made at start. Mounted only in dev mode (never when a JWKS is given).

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use super::body;
use crate::json::readable;
use crate::server::config::ClaimNames;
use crate::server::devkey::{DevKey, DEV_AUDIENCE, DEV_ISSUER};
use crate::server::error::ApiError;
use crate::server::store::{self, Kind};
use crate::server::{App, StartError};
use crate::Gate;

type Shared = State<Arc<App>>;

/// How long a minted token is valid.
const TOKEN_SECONDS: u64 = 8 * 3600;

/// `GET /api/dev/users`: the demo users one can sign in as.
pub(crate) async fn users(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::documents(conn, Kind::User)).await?).into_response())
}

/// `POST /api/dev/token` `{ "user": "tom" }`: a token for a demo user, with
/// the roles they hold now.
pub(crate) async fn token(State(app): Shared, text: String) -> Result<Response, ApiError> {
    struct Body {
        user: String,
    }
    readable! { Body, "a JSON object", {
        user: "user" required,
    } }
    let b: Body = body::parse(&text)?;
    let key = app.dev.as_ref().ok_or_else(|| ApiError::NotFound("dev mode is off".into()))?;
    let id = b.user.clone();
    let user = app
        .store
        .run(move |conn| match store::get(conn, Kind::User, &id) {
            Err(ApiError::NotFound(message)) => Err(body::invalid("user", message).into()),
            other => other,
        })
        .await?;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
    let claims = user_claims(&app.gate, &app.claims, &user, now, now + TOKEN_SECONDS);
    let token = mint(key, &claims)?;
    Ok(Json(json!({ "token": token, "expiresAt": now + TOKEN_SECONDS, "user": user })).into_response())
}

fn mint(key: &DevKey, claims: &Value) -> Result<String, ApiError> {
    key.sign(claims).map_err(|StartError(message)| ApiError::Internal(message))
}

/// The claims Entra ID would issue for a demo user: directory roles as
/// template IDs in `wids`, plus the device-group and TVM claims.
pub(crate) fn user_claims(gate: &Gate, names: &ClaimNames, user: &Value, issued: u64, expires: u64) -> Value {
    let held: Vec<&str> = user.get("roles").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    let wids: Vec<&str> = gate
        .roles()
        .iter()
        .filter(|r| held.iter().any(|h| h.eq_ignore_ascii_case(&r.id) || r.template_ids.iter().any(|t| t.eq_ignore_ascii_case(h))))
        .filter_map(|r| r.template_ids.first().map(String::as_str))
        .collect();
    let field = |name: &str| user.get(name).cloned().unwrap_or(Value::Null);
    let mut claims = serde_json::Map::new();
    let base = json!({
        "iss": DEV_ISSUER, "aud": DEV_AUDIENCE, "sub": field("id"), "name": field("name"),
        "preferred_username": field("upn"), "wids": wids, "iat": issued, "nbf": issued, "exp": expires,
    });
    if let Value::Object(base) = base {
        claims.extend(base);
    }
    for (field, claim) in [
        ("deviceGroups", &names.device_groups),
        ("tvmPermissions", &names.tvm_permissions),
        ("tvmRoles", &names.tvm_roles),
    ] {
        if let Some(v) = user.get(field) {
            claims.insert(claim.clone(), v.clone());
        }
    }
    Value::Object(claims)
}

/// `GET /.well-known/jwks.json`: the dev key's public half.
pub(crate) async fn jwks(State(app): Shared) -> Result<Response, ApiError> {
    let key = app.dev.as_ref().ok_or_else(|| ApiError::NotFound("dev mode is off".into()))?;
    Ok(Json(key.jwks()).into_response())
}
