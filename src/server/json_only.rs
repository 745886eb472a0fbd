//! Bodies the API reads are JSON, and must say so: a POST or PUT with a body
//! whose `Content-Type` is not `application/json` (or `application/...+json`)
//! is a 415 before any handler reads it.
//!
//! Why not read whatever comes: `text/plain` and form bodies are what a page
//! on another origin may send without a CORS preflight, so refusing them keeps
//! every cross-origin write behind the preflight this server never grants.

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use super::error::error_response;

/// The middleware (on the API's routes only, so 404 and 405 stay as they are).
pub(crate) async fn require_json(request: Request, next: Next) -> Response {
    if reads_body(request.method()) && !declares_empty(&request) && !is_json(&request) {
        let got = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("none");
        let message = format!("the body must be `application/json`, got `{}`", crate::suggest::clip(got));
        return error_response(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", &message);
    }
    next.run(request).await
}

fn reads_body(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH].contains(method)
}

/// `Content-Length: 0`: nothing to read, the handler says what is missing.
fn declares_empty(request: &Request) -> bool {
    request.headers().get(header::CONTENT_LENGTH).is_some_and(|v| v.as_bytes() == b"0")
}

fn is_json(request: &Request) -> bool {
    let Some(value) = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}
