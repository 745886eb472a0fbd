//! The one place where failures become HTTP responses.
//!
//! A core [`Error`] is a 400 with the same `code` as in JavaScript (plus its
//! `pointer` and `suggestions`); a missing or bad token is a 401; a denial is
//! a 403 whose body is the [`Decision`]. Responses that the HTTP layers make
//! themselves (no route, wrong method, body too large, too slow) are given
//! the same `{ "error": { "code", "message" } }` shape by [`json_errors`].

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

use crate::{Decision, Error};

/// Why a request was not answered with what it asked for.
#[derive(Debug)]
pub(crate) enum ApiError {
    /// Bad input: 400 with the error's code.
    Gate(Error),
    /// No token, or one that does not verify: 401.
    Unauthorized(String),
    /// The caller is not allowed: 403 with the Decision.
    Forbidden(Decision),
    /// The thing named in the path does not exist: 404.
    NotFound(String),
    /// The server's own failure (the database): 500, details in the log only.
    Internal(String),
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        ApiError::Gate(err)
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(err: rusqlite::Error) -> Self {
        ApiError::Internal(format!("database: {err}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Gate(err) => {
                let mut body = serde_json::Map::new();
                body.insert("code".into(), err.code().as_str().into());
                body.insert("message".into(), err.to_string().into());
                if let Some(pointer) = err.pointer() {
                    body.insert("pointer".into(), pointer.into());
                }
                if !err.suggestions().is_empty() {
                    body.insert("suggestions".into(), err.suggestions().into());
                }
                (StatusCode::BAD_REQUEST, Json(json!({ "error": body }))).into_response()
            }
            ApiError::Unauthorized(message) => {
                let mut response = error_response(StatusCode::UNAUTHORIZED, "unauthorized", &message);
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer error=\"invalid_token\""));
                response
            }
            ApiError::Forbidden(decision) => (StatusCode::FORBIDDEN, Json(decision)).into_response(),
            ApiError::NotFound(message) => error_response(StatusCode::NOT_FOUND, "not-found", &message),
            ApiError::Internal(message) => {
                eprintln!("exposure-gate serve: error: {message}");
                error_response(StatusCode::INTERNAL_SERVER_ERROR, "internal", "the server failed; see its log")
            }
        }
    }
}

/// `{ "error": { "code", "message" } }` with a status.
pub(crate) fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    let mut response = (status, Json(json!({ "error": { "code": code, "message": message } }))).into_response();
    // Refused before its body was read (too large, not JSON, too slow): the
    // rest of the body may still be on the connection, so the server closes
    // it, and says so, or a client would send its next request down a
    // connection that is going away.
    if [StatusCode::PAYLOAD_TOO_LARGE, StatusCode::UNSUPPORTED_MEDIA_TYPE, StatusCode::REQUEST_TIMEOUT].contains(&status) {
        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
    response
}

/// Gives the error responses of the HTTP layers (axum's 405, the static
/// files' 404, the limit's 413, the timeout's 408) the JSON error shape.
pub(crate) async fn json_errors(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not-found", format!("nothing at `{path}`")),
        StatusCode::METHOD_NOT_ALLOWED => ("method-not-allowed", format!("`{method}` is not allowed on `{path}`")),
        StatusCode::PAYLOAD_TOO_LARGE => ("payload-too-large", "the request body is larger than the server accepts".into()),
        StatusCode::REQUEST_TIMEOUT => ("request-timeout", "the request took too long; send it again".into()),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported-media-type", "send the body as application/json".into()),
        s if s.is_client_error() => ("bad-request", format!("the request was refused ({s})")),
        s => ("internal", format!("the server failed ({s})")),
    };
    let mut out = error_response(status, code, &message);
    // Keep what the layer said about the method (Allow) or the auth scheme.
    for name in [header::ALLOW, header::WWW_AUTHENTICATE] {
        if let Some(v) = response.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    out
}
