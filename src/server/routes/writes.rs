//! The demo's write actions as real endpoints. Each one maps to one action of
//! the policy and runs in the same order: the caller from the token (401),
//! the body (400 naming the field), the check, then one transaction that logs
//! the decision and, only when it is allowed, makes the change. A denial is a
//! 403 with the Decision as its body, and changes nothing but the log.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rusqlite::Connection;
use serde_json::{json, Value};

use super::body::{self, invalid, one_of};
use crate::error::{Error, ErrorCode};
use crate::json::readable;
use crate::server::error::ApiError;
use crate::server::identity::Caller;
use crate::server::store::{self, Kind};
use crate::server::App;

type Shared = State<Arc<App>>;

/// The statuses a recommendation can be given in the portal.
pub(crate) const STATUSES: [&str; 5] = ["To address", "Planned", "Risk accepted", "Resolved through third party", "Completed"];
/// The asset types a criticality rule applies to.
const ASSET_TYPES: [&str; 3] = ["Device", "Identity", "Cloud resource"];
/// Remediation request priorities.
const PRIORITIES: [&str; 3] = ["low", "medium", "high"];

/// Check `action` for the caller, log the decision and, when allowed, apply
/// `change`, all in one transaction. A failing change (a missing record) is
/// rolled back; its decision stays logged.
async fn perform<F>(app: &App, caller: Caller, action: &'static str, target: String, change: F) -> Result<Value, ApiError>
where
    F: FnOnce(&Connection) -> Result<Value, ApiError> + Send + 'static,
{
    let decision = app.gate.check(&caller.subject, action)?;
    app.store
        .run(move |conn| {
            let mut tx = conn.transaction()?;
            store::log_decision(&tx, &caller.who, &target, &decision)?;
            if !decision.allowed {
                tx.commit()?;
                return Err(ApiError::Forbidden(decision));
            }
            let result = {
                let savepoint = tx.savepoint()?;
                let result = change(&savepoint);
                if result.is_ok() {
                    savepoint.commit()?;
                }
                result
            };
            tx.commit()?;
            result
        })
        .await
}

/// The caller and the typed body of a write request, in that order (401 before 400).
fn request<T: crate::json::Read>(app: &App, headers: &HeaderMap, text: &str) -> Result<(Caller, T), ApiError> {
    let caller = app.verifier.caller(headers)?;
    Ok((caller, body::parse(text)?))
}

fn ok(value: Value) -> Response {
    Json(value).into_response()
}

fn created(value: Value) -> Response {
    (StatusCode::CREATED, Json(value)).into_response()
}

fn level(app: &App, value: &str) -> Result<(), Error> {
    one_of("level", value, app.levels.iter().map(String::as_str))
}

/// `PUT /api/initiatives/{id}/target` `{ "target": 0..100 }`: `set-initiative-target-score`.
pub(crate) async fn set_target(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        target: f64,
    }
    readable! { Body, "a JSON object", {
        target: "target" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    if !(0.0..=100.0).contains(&b.target) {
        return Err(invalid("target", format!("a target score is from 0 to 100, got `{}`", b.target)).into());
    }
    let target = format!("initiative {id}");
    let change = move |c: &Connection| store::set(c, Kind::Initiative, &id, &[("target", body::number(b.target))]);
    Ok(ok(perform(&app, caller, "set-initiative-target-score", target, change).await?))
}

/// `PUT /api/initiatives/{id}/favorite` `{ "favorite": bool }`: `favorite-initiative`.
pub(crate) async fn set_favorite(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        favorite: bool,
    }
    readable! { Body, "a JSON object", {
        favorite: "favorite" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let target = format!("initiative {id}");
    let change = move |c: &Connection| store::set(c, Kind::Initiative, &id, &[("favorite", b.favorite.into())]);
    Ok(ok(perform(&app, caller, "favorite-initiative", target, change).await?))
}

/// `PUT /api/metrics/{id}/weight` `{ "weight": 1..10 }`: `edit-metric-weight`.
pub(crate) async fn set_weight(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        weight: u32,
    }
    readable! { Body, "a JSON object", {
        weight: "weight" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    if !(1..=10).contains(&b.weight) {
        return Err(invalid("weight", format!("a metric weight is a whole number from 1 to 10, got `{}`", b.weight)).into());
    }
    let target = format!("metric {id}");
    let change = move |c: &Connection| store::set(c, Kind::Metric, &id, &[("weight", b.weight.into())]);
    Ok(ok(perform(&app, caller, "edit-metric-weight", target, change).await?))
}

/// `PUT /api/recommendations/{id}/status` `{ "status": "Planned" }`: `manage-recommendations`.
pub(crate) async fn set_status(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        status: String,
    }
    readable! { Body, "a JSON object", {
        status: "status" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    one_of("status", &b.status, STATUSES)?;
    let target = format!("recommendation {id}");
    let change = move |c: &Connection| store::set(c, Kind::Recommendation, &id, &[("status", b.status.into())]);
    Ok(ok(perform(&app, caller, "manage-recommendations", target, change).await?))
}

struct LevelBody {
    level: String,
}
readable! { LevelBody, "a JSON object", {
    level: "level" required,
} }

/// `PUT /api/devices/{id}/criticality` `{ "level": "high" }`: `change-criticality-level`.
pub(crate) async fn set_device_level(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    set_level(&app, Kind::Device, "criticality", id, &headers, &text).await
}

/// `PUT /api/criticality/rules/{id}/level` `{ "level": "high" }`: `change-criticality-level`.
pub(crate) async fn set_rule_level(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    set_level(&app, Kind::Rule, "level", id, &headers, &text).await
}

async fn set_level(app: &App, kind: Kind, field: &'static str, id: String, headers: &HeaderMap, text: &str) -> Result<Response, ApiError> {
    let (caller, b): (_, LevelBody) = request(app, headers, text)?;
    level(app, &b.level)?;
    let target = format!("{} {id}", kind.noun());
    let change = move |c: &Connection| store::set(c, kind, &id, &[(field, b.level.into())]);
    Ok(ok(perform(app, caller, "change-criticality-level", target, change).await?))
}

/// `PUT /api/criticality/rules/{id}` `{ "condition", "level" }`: `set-critical-asset-rule`.
pub(crate) async fn edit_rule(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        condition: String,
        level: String,
    }
    readable! { Body, "a JSON object", {
        condition: "condition" required,
        level: "level" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let condition = body::text("condition", &b.condition, 300)?;
    level(&app, &b.level)?;
    let target = format!("criticality rule {id}");
    let change = move |c: &Connection| store::set(c, Kind::Rule, &id, &[("condition", condition.into()), ("level", b.level.into())]);
    Ok(ok(perform(&app, caller, "set-critical-asset-rule", target, change).await?))
}

/// `PUT /api/criticality/rules/{id}/enabled` `{ "enabled": bool }`: `toggle-criticality-rule`.
pub(crate) async fn toggle_rule(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        enabled: bool,
    }
    readable! { Body, "a JSON object", {
        enabled: "enabled" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let target = format!("criticality rule {id}");
    let change = move |c: &Connection| store::set(c, Kind::Rule, &id, &[("enabled", b.enabled.into())]);
    Ok(ok(perform(&app, caller, "toggle-criticality-rule", target, change).await?))
}

/// `POST /api/criticality/rules` `{ "name", "assetType", "condition", "level" }`: `create-criticality-rule`.
pub(crate) async fn create_rule(State(app): Shared, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        name: String,
        asset_type: String,
        condition: String,
        level: String,
    }
    readable! { Body, "a JSON object", {
        name: "name" required,
        asset_type: "assetType" required,
        condition: "condition" required,
        level: "level" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let name = body::text("name", &b.name, 120)?;
    one_of("assetType", &b.asset_type, ASSET_TYPES)?;
    let condition = body::text("condition", &b.condition, 300)?;
    level(&app, &b.level)?;
    let target = format!("criticality rule {name}");
    let change = move |c: &Connection| {
        let id = free_rule_id(c, &name)?;
        let doc = json!({
            "id": id, "name": name, "kind": "custom", "assetType": b.asset_type, "level": b.level,
            "enabled": true, "condition": condition, "matches": 0,
        });
        store::append(c, Kind::Rule, &id, &doc)?;
        Ok(doc)
    };
    Ok(created(perform(&app, caller, "create-criticality-rule", target, change).await?))
}

/// `rule-<name as kebab-case>`, with a number added if that is taken.
fn free_rule_id(c: &Connection, name: &str) -> Result<String, ApiError> {
    let slug: String = name
        .to_ascii_lowercase()
        .split(|ch: char| !ch.is_ascii_alphanumeric())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if slug.is_empty() { "rule-custom".to_owned() } else { format!("rule-{slug}") };
    let mut id = base.clone();
    let mut n = 2;
    while store::get(c, Kind::Rule, &id).is_ok() {
        id = format!("{base}-{n}");
        n += 1;
    }
    Ok(id)
}

/// `POST /api/users/{id}/roles` `{ "role": "security-operator" }` (an id or
/// Entra role template ID): `grant-permissions`.
pub(crate) async fn grant_role(State(app): Shared, Path(id): Path<String>, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        role: String,
    }
    readable! { Body, "a JSON object", {
        role: "role" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let role = app
        .gate
        .roles()
        .iter()
        .find(|r| r.id.eq_ignore_ascii_case(&b.role) || r.template_ids.iter().any(|t| t.eq_ignore_ascii_case(&b.role)))
        .cloned()
        .ok_or_else(|| {
            Error::unknown(ErrorCode::UnknownRole, "role", &b.role, app.gate.roles().iter().map(|r| r.id.as_str())).at("/role")
        })?;
    let target = format!("user {id}: {}", role.id);
    let change = move |c: &Connection| {
        let user = store::get(c, Kind::User, &id)?;
        let mut roles: Vec<Value> = user.get("roles").and_then(Value::as_array).cloned().unwrap_or_default();
        let held = roles.iter().filter_map(Value::as_str).any(|r| {
            r.eq_ignore_ascii_case(&role.id) || role.template_ids.iter().any(|t| t.eq_ignore_ascii_case(r))
        });
        if !held {
            roles.push(role.id.clone().into());
        }
        store::set(c, Kind::User, &id, &[("roles", Value::Array(roles))])
    };
    Ok(ok(perform(&app, caller, "grant-permissions", target, change).await?))
}

/// A recommendation named in a body must exist (400 at its field otherwise).
fn recommendation_exists(c: &Connection, id: &str) -> Result<(), ApiError> {
    match store::get(c, Kind::Recommendation, id) {
        Err(ApiError::NotFound(message)) => Err(invalid("recommendation", message).into()),
        other => other.map(|_| ()),
    }
}

/// `POST /api/tvm/exceptions` `{ "recommendation", "justification", "expires": "YYYY-MM-DD" }`: `create-exception`.
pub(crate) async fn create_exception(State(app): Shared, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        recommendation: String,
        justification: String,
        expires: String,
    }
    readable! { Body, "a JSON object", {
        recommendation: "recommendation" required,
        justification: "justification" required,
        expires: "expires" required,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let justification = body::text("justification", &b.justification, 1000)?;
    let expires = body::date("expires", &b.expires)?;
    let who = caller.who.clone();
    let target = format!("recommendation {}", b.recommendation);
    let change = move |c: &Connection| {
        recommendation_exists(c, &b.recommendation)?;
        let values = [
            ("recommendation", b.recommendation.as_str()),
            ("justification", justification.as_str()),
            ("expires", expires.as_str()),
            ("created_by", who.as_str()),
        ];
        let id = store::insert_row(c, "tvm_exceptions", &values)?;
        Ok(json!({ "id": id, "recommendation": b.recommendation, "justification": justification, "expires": expires, "createdBy": who }))
    };
    Ok(created(perform(&app, caller, "create-exception", target, change).await?))
}

/// `POST /api/tvm/remediation-requests` `{ "recommendation", "due": "YYYY-MM-DD", "priority", "notes"? }`:
/// `submit-remediation-request`.
pub(crate) async fn submit_remediation(State(app): Shared, headers: HeaderMap, text: String) -> Result<Response, ApiError> {
    struct Body {
        recommendation: String,
        due: String,
        priority: String,
        notes: String,
    }
    readable! { Body, "a JSON object", {
        recommendation: "recommendation" required,
        due: "due" required,
        priority: "priority" required,
        notes: "notes" or_default,
    } }
    let (caller, b): (_, Body) = request(&app, &headers, &text)?;
    let due = body::date("due", &b.due)?;
    one_of("priority", &b.priority, PRIORITIES)?;
    if b.notes.chars().count() > 1000 {
        return Err(invalid("notes", "`notes` is longer than 1000 characters").into());
    }
    let who = caller.who.clone();
    let target = format!("recommendation {}", b.recommendation);
    let change = move |c: &Connection| {
        recommendation_exists(c, &b.recommendation)?;
        let values = [
            ("recommendation", b.recommendation.as_str()),
            ("due", due.as_str()),
            ("priority", b.priority.as_str()),
            ("notes", b.notes.as_str()),
            ("created_by", who.as_str()),
        ];
        let id = store::insert_row(c, "remediation_requests", &values)?;
        Ok(json!({ "id": id, "recommendation": b.recommendation, "due": due, "priority": b.priority, "notes": b.notes, "createdBy": who }))
    };
    Ok(created(perform(&app, caller, "submit-remediation-request", target, change).await?))
}
