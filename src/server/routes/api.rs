//! The read side of the API: `POST /api/check` (CONTRACT.md), the matrix,
//! the prerequisite reports, who the caller is, the decision log, and the
//! demo tenant's current state.

use std::sync::Arc;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use super::body::{self, invalid};
use crate::error::{Error, ErrorCode};
use crate::json::{self, readable};
use crate::prereq::{Device, LicensingInput, WorkspaceInput};
use crate::server::error::ApiError;
use crate::server::store::{self, Kind};
use crate::server::App;
use crate::Subject;

type Shared = State<Arc<App>>;

/// `POST /api/check`: `{ subject?, action }` gives a Decision, `{ subject?,
/// actions: [...] }` a list. With a subject it is a what-if question and needs
/// no token; without one it is about the bearer token's caller.
pub(crate) async fn check(State(app): Shared, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    let body = json::parse(&text, ErrorCode::InvalidInput)?;
    let json::Value::Object(fields) = &body else {
        return Err(Error::new(ErrorCode::InvalidInput, "the body is not a JSON object such as {\"subject\": {...}, \"action\": \"...\"}").into());
    };
    if let Some((key, _)) = fields.iter().find(|(k, _)| !["subject", "action", "actions"].contains(&&**k)) {
        return Err(Error::unknown(ErrorCode::InvalidInput, "field", key, ["subject", "action", "actions"]).at(format!("/{key}")).into());
    }
    if let Some((key, _)) = fields.iter().enumerate().find_map(|(i, (k, _))| fields.iter().take(i).find(|(e, _)| e == k)) {
        return Err(invalid(key, format!("duplicate field `{key}`")).into());
    }
    let subject = match body.get("subject") {
        Some(value) => json::read::<Subject>(value, ErrorCode::InvalidSubject).map_err(|e| under("/subject", e))?,
        None => app.verifier.caller(&headers)?.subject,
    };
    match (body.get("action"), body.get("actions")) {
        (Some(json::Value::String(action)), None) => Ok(Json(app.gate.check(&subject, action)?).into_response()),
        (None, Some(json::Value::Array(actions))) => {
            let ids = actions
                .iter()
                .enumerate()
                .map(|(i, a)| a.as_str().ok_or_else(|| invalid(&format!("actions/{i}"), "an action id is a string")))
                .collect::<Result<Vec<&str>, Error>>()?;
            let resolved = app.gate.resolve(&subject)?;
            let decisions = ids.iter().map(|id| resolved.check(id)).collect::<Result<Vec<_>, Error>>()?;
            Ok(Json(decisions).into_response())
        }
        (Some(_), Some(_)) => Err(invalid("actions", "give `action` or `actions`, not both").into()),
        (Some(_), None) => Err(invalid("action", "an action id is a string").into()),
        (None, Some(_)) => Err(invalid("actions", "`actions` is a list of action ids").into()),
        (None, None) => Err(Error::new(ErrorCode::InvalidInput, "missing `action` (or `actions`)").into()),
    }
}

/// An error from a part of the body, pointing into the whole body.
fn under(prefix: &str, err: Error) -> Error {
    let pointer = format!("{prefix}{}", err.pointer().unwrap_or(""));
    err.at(pointer)
}

/// `GET /api/matrix`: the role-by-action table.
pub(crate) async fn matrix(State(app): Shared) -> Response {
    Json(app.gate.matrix()).into_response()
}

/// `GET /api/me`: the bearer token's caller, their subject and what they may do.
pub(crate) async fn me(State(app): Shared, headers: HeaderMap) -> Result<Response, ApiError> {
    let caller = app.verifier.caller(&headers)?;
    let allowed = app.gate.allowed_actions(&caller.subject)?;
    Ok(Json(json!({ "who": caller.who, "subject": caller.subject, "allowedActions": allowed })).into_response())
}

/// `GET /api/session`: whether this is a dev-mode server (the pages say so
/// in a banner, and offer the login page).
pub(crate) async fn session(State(app): Shared) -> Response {
    let dev = app.dev.is_some();
    let mut out = Map::new();
    out.insert("server".into(), "exposure-gate".into());
    out.insert("version".into(), env!("CARGO_PKG_VERSION").into());
    out.insert("devMode".into(), dev.into());
    if dev {
        out.insert("login".into(), "/login.html".into());
        out.insert("notice".into(), "dev mode: tokens are minted locally".into());
    }
    Json(out).into_response()
}

/// Paging of `GET /api/audit`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Page {
    limit: Option<u32>,
    offset: Option<u64>,
}

/// Who may read the decision log. It is the record of how permissions were
/// enforced, so it is for those who administer them: Settings > Roles
/// (`manage-roles`, Security Admin or Global Admin).
const AUDIT_ACTION: &str = "manage-roles";

/// `GET /api/audit?limit=50&offset=0`: the decision log, newest first.
pub(crate) async fn audit(State(app): Shared, headers: HeaderMap, page: Result<Query<Page>, QueryRejection>) -> Result<Response, ApiError> {
    let caller = app.verifier.caller(&headers)?;
    let decision = app.gate.check(&caller.subject, AUDIT_ACTION)?;
    if !decision.allowed {
        return Err(ApiError::Forbidden(decision));
    }
    let Query(page) = page.map_err(|e| Error::new(ErrorCode::InvalidInput, format!("bad paging: {}", e.body_text())))?;
    let limit = page.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(invalid("limit", format!("`limit` is from 1 to 500, got `{limit}`")).into());
    }
    let offset = page.offset.unwrap_or(0);
    let out = app.store.run(move |conn| store::audit(conn, limit, offset)).await?;
    Ok(Json(out).into_response())
}

/// `POST /api/prerequisites/licensing`.
pub(crate) async fn licensing(State(app): Shared, text: String) -> Result<Response, ApiError> {
    Ok(Json(app.gate.licensing(&LicensingInput::from_json(&text)?)).into_response())
}

/// `POST /api/prerequisites/workspace`.
pub(crate) async fn workspace(State(app): Shared, text: String) -> Result<Response, ApiError> {
    Ok(Json(app.gate.workspace(&WorkspaceInput::from_json(&text)?)?).into_response())
}

/// `POST /api/prerequisites/device`.
pub(crate) async fn device(State(app): Shared, text: String) -> Result<Response, ApiError> {
    Ok(Json(app.gate.device(&Device::from_json(&text)?)?).into_response())
}

/// `POST /api/prerequisites/fleet`: a list of devices (or `{ "devices": [...] }`).
pub(crate) async fn fleet(State(app): Shared, text: String) -> Result<Response, ApiError> {
    let devices = crate::prereq::devices_from_json(&text)?;
    Ok(Json(app.gate.fleet(&devices)).into_response())
}

/// `GET /api/prerequisites/browser`: the caller's own browser, by its User-Agent.
pub(crate) async fn browser_of_caller(State(app): Shared, headers: HeaderMap) -> Response {
    let agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or("");
    Json(app.gate.browser(agent)).into_response()
}

/// `POST /api/prerequisites/browser` with `{ "userAgent": "..." }`.
pub(crate) async fn browser(State(app): Shared, text: String) -> Result<Response, ApiError> {
    struct Body {
        user_agent: String,
    }
    readable! { Body, "a JSON object", {
        user_agent: "userAgent" required,
    } }
    let b: Body = body::parse(&text)?;
    Ok(Json(app.gate.browser(&b.user_agent)).into_response())
}

/// `GET /api/initiatives`: as `www/data/initiatives.json`, as it is now.
pub(crate) async fn initiatives(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::initiatives(conn)).await?).into_response())
}

/// `GET /api/criticality`: levels and rules, as `www/data/criticality.json`.
pub(crate) async fn criticality(State(app): Shared) -> Result<Response, ApiError> {
    let out = app
        .store
        .run(|conn| {
            let mut out = Map::new();
            out.insert("levels".into(), Value::Array(store::documents(conn, Kind::Level)?));
            out.insert("rules".into(), Value::Array(store::documents(conn, Kind::Rule)?));
            Ok(Value::Object(out))
        })
        .await?;
    Ok(Json(out).into_response())
}

/// `GET /api/devices`, as `www/data/devices.json`.
pub(crate) async fn devices(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::documents(conn, Kind::Device)).await?).into_response())
}

/// `GET /api/users`, as `www/data/users.json` (with the roles granted since).
pub(crate) async fn users(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::documents(conn, Kind::User)).await?).into_response())
}

/// `GET /api/tvm/exceptions`: the TVM exceptions created, oldest first.
pub(crate) async fn exceptions(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::rows(conn, store::EXCEPTIONS)).await?).into_response())
}

/// `GET /api/tvm/remediation-requests`: the remediation requests submitted, oldest first.
pub(crate) async fn remediation_requests(State(app): Shared) -> Result<Response, ApiError> {
    Ok(Json(app.store.run(|conn| store::rows(conn, store::REMEDIATION_REQUESTS)).await?).into_response())
}
