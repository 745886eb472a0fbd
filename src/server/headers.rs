//! Response headers set on everything the server sends: a mark that tells
//! the pages there is an API to ask (a static server has none), no CORS headers
//! (cross-origin pages cannot read the API), no sniffing, no framing, no
//! referrer, and a Content-Security-Policy that lets the pages run their own
//! scripts and the WebAssembly module, and nothing inline or from elsewhere.

use axum::http::{header, HeaderName, HeaderValue};
use tower_http::set_header::SetResponseHeaderLayer;

/// The pages' policy: `'wasm-unsafe-eval'` is what compiling the module needs.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The layers, applied to every response (a handler's own value wins).
pub(crate) fn layers() -> Vec<SetResponseHeaderLayer<HeaderValue>> {
    [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()"),
        (header::CACHE_CONTROL, "no-store"),
        (HeaderName::from_static("x-exposure-gate-api"), "/api/session"),
    ]
    .into_iter()
    .map(|(name, value)| SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value)))
    .collect()
}
