//! The HTTP server (`exposure-gate serve`, cargo feature `server`): the same
//! checks as the pages, enforced where the state lives.
//!
//! Client-side gating is a convenience; this is where a write is refused. The
//! server calls the same [`Gate`](crate::Gate) as every other skin, so a
//! decision over HTTP is the one the page made in WebAssembly, reason codes
//! and sentences included.
//!
//! - [`config`]: what a run is configured with.
//! - `identity`: bearer tokens (RS256 against a JWKS) into subjects.
//! - [`devkey`]: the per-start signing key of dev mode (and of tests).
//! - `store`: the SQLite database, its migrations, seed and decision log.
//! - `routes`: the JSON API, the write endpoints, dev mode's login.
//! - `error`: the one mapping of failures to HTTP statuses and bodies.
//! - `headers`: security headers and the Content-Security-Policy.
//! - `json_only`: the API reads JSON bodies only (415 otherwise).

pub mod config;
pub mod devkey;
mod error;
mod headers;
mod identity;
mod json_only;
mod routes;
mod store;

use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::timeout::TimeoutLayer;

pub use config::{ClaimNames, Config, Identity, Limits};
use devkey::{DevKey, DEV_AUDIENCE, DEV_ISSUER};
use identity::Verifier;
use routes::{api, dev, writes};
use store::Store;

/// Why the server could not start (or a dev key could not be made).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartError(pub String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// What every handler shares.
pub(crate) struct App {
    gate: crate::Gate,
    store: Store,
    verifier: Verifier,
    /// The signing key, in dev mode only.
    dev: Option<DevKey>,
    claims: ClaimNames,
    /// The criticality level ids of the demo tenant.
    levels: Vec<String>,
}

impl App {
    fn new(config: &Config) -> Result<App, StartError> {
        let (verifier, dev) = match &config.identity {
            Identity::Jwks { file, issuer, audience } => {
                let text = std::fs::read_to_string(file)
                    .map_err(|e| StartError(format!("cannot read the JWKS `{}`: {e}", file.display())))?;
                (Verifier::new(&text, issuer, audience, config.claims.clone(), config.gate.clone())?, None)
            }
            Identity::Dev => {
                let key = DevKey::generate()?;
                let jwks = key.jwks().to_string();
                (Verifier::new(&jwks, DEV_ISSUER, DEV_AUDIENCE, config.claims.clone(), config.gate.clone())?, Some(key))
            }
        };
        let store = Store::open(&config.db, &config.www.join("data"))?;
        let levels = store.levels()?;
        Ok(App { gate: config.gate.clone(), store, verifier, dev, claims: config.claims.clone(), levels })
    }
}

/// The routes, the static files and the layers around them.
fn router(app: Arc<App>, config: &Config) -> Router {
    let mut api = Router::new()
        .route("/api/check", post(api::check))
        .route("/api/matrix", get(api::matrix))
        .route("/api/me", get(api::me))
        .route("/api/session", get(api::session))
        .route("/api/audit", get(api::audit))
        .route("/api/prerequisites/licensing", post(api::licensing))
        .route("/api/prerequisites/workspace", post(api::workspace))
        .route("/api/prerequisites/device", post(api::device))
        .route("/api/prerequisites/fleet", post(api::fleet))
        .route("/api/prerequisites/browser", get(api::browser_of_caller).post(api::browser))
        .route("/api/initiatives", get(api::initiatives))
        .route("/api/initiatives/{id}/target", put(writes::set_target))
        .route("/api/initiatives/{id}/favorite", put(writes::set_favorite))
        .route("/api/metrics/{id}/weight", put(writes::set_weight))
        .route("/api/recommendations/{id}/status", put(writes::set_status))
        .route("/api/criticality", get(api::criticality))
        .route("/api/criticality/rules", post(writes::create_rule))
        .route("/api/criticality/rules/{id}", put(writes::edit_rule))
        .route("/api/criticality/rules/{id}/level", put(writes::set_rule_level))
        .route("/api/criticality/rules/{id}/enabled", put(writes::toggle_rule))
        .route("/api/devices", get(api::devices))
        .route("/api/devices/{id}/criticality", put(writes::set_device_level))
        .route("/api/users", get(api::users))
        .route("/api/users/{id}/roles", post(writes::grant_role))
        .route("/api/tvm/exceptions", get(api::exceptions).post(writes::create_exception))
        .route("/api/tvm/remediation-requests", get(api::remediation_requests).post(writes::submit_remediation));
    if app.dev.is_some() {
        api = api
            .route("/api/dev/users", get(dev::users))
            .route("/api/dev/token", post(dev::token))
            .route("/.well-known/jwks.json", get(dev::jwks));
    }
    // Only the matched routes: an unknown path stays a 404, a wrong method a 405.
    let api = api.route_layer(axum::middleware::from_fn(json_only::require_json));
    let api = api.route("/api/{*rest}", axum::routing::any(|| async { StatusCode::NOT_FOUND }));
    let files = ServeDir::new(&config.www).append_index_html_on_directories(true);
    let mut router = api
        .nest_service("/pkg", ServeDir::new(&config.pkg))
        .fallback_service(files)
        .with_state(app)
        .layer(DefaultBodyLimit::max(config.limits.body_bytes))
        .layer(RequestBodyLimitLayer::new(config.limits.body_bytes))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, config.limits.request_timeout))
        .layer(axum::middleware::from_fn(error::json_errors));
    for layer in headers::layers() {
        router = router.layer(layer);
    }
    router
}

/// A server running in the background (tests, embedding): its address, and
/// a clean stop when dropped.
pub struct Running {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl Running {
    /// Where it listens (the port the OS picked for port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(std::time::Duration::from_secs(5));
        }
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, StartError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| StartError(format!("cannot start the async runtime: {e}")))
}

async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, StartError> {
    tokio::net::TcpListener::bind(addr).await.map_err(|e| StartError(format!("cannot listen on {addr}: {e}")))
}

/// Start a server on its own runtime and return once it listens.
pub fn spawn(config: Config) -> Result<Running, StartError> {
    let app = Arc::new(App::new(&config)?);
    let runtime = runtime()?;
    let listener = runtime.block_on(bind(config.addr))?;
    let addr = listener.local_addr().map_err(|e| StartError(format!("no local address: {e}")))?;
    let router = router(app, &config);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    runtime.spawn(async move {
        let serve = axum::serve(listener, router).with_graceful_shutdown(async {
            let _ = stopped.await;
        });
        if let Err(e) = serve.await {
            eprintln!("exposure-gate serve: {e}");
        }
    });
    Ok(Running { addr, stop: Some(stop), runtime: Some(runtime) })
}

/// Run a server until Ctrl-C (the CLI's `serve`), logging where it listens
/// and, loudly, when it is in dev mode.
pub fn run(config: Config) -> Result<(), StartError> {
    let app = Arc::new(App::new(&config)?);
    let dev = app.dev.is_some();
    let runtime = runtime()?;
    runtime.block_on(async move {
        let listener = bind(config.addr).await?;
        let addr = listener.local_addr().map_err(|e| StartError(format!("no local address: {e}")))?;
        if dev {
            eprintln!("exposure-gate serve: *** dev mode: tokens are minted locally ***");
            eprintln!("exposure-gate serve: *** anyone who can reach this server can sign in as any demo user; give --jwks for real tokens ***");
        }
        eprintln!("exposure-gate serve: database {}", config.db.display());
        eprintln!("exposure-gate serve: listening on http://{addr}/ (Ctrl-C stops)");
        let router = router(app, &config);
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| StartError(format!("the server failed: {e}")))
    })
}
