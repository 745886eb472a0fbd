//! What a server run is configured with. The CLI (`exposure-gate serve`)
//! only fills this in; tests build it directly with a temporary database
//! and a random port.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::Gate;

/// Everything [`run`](super::run) and [`spawn`](super::spawn) need.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen; port 0 picks a free one.
    pub addr: SocketAddr,
    /// The SQLite file, created and migrated at start.
    pub db: PathBuf,
    /// How bearer tokens are verified.
    pub identity: Identity,
    /// Which token claims carry device groups and TVM grants.
    pub claims: ClaimNames,
    /// The policy every check uses.
    pub gate: Gate,
    /// The demo site (`www/`): served at `/`, and its `data/*.json` seed the
    /// database on first start.
    pub www: PathBuf,
    /// The built npm package (`pkg/`), served at `/pkg/`.
    pub pkg: PathBuf,
    /// Request size and time limits.
    pub limits: Limits,
}

impl Config {
    /// The demo defaults: 127.0.0.1:8080, `./data/exposure-gate.db`, dev
    /// mode, the built-in policy, `www/` and `pkg/` of the current directory.
    pub fn demo(gate: Gate) -> Config {
        Config {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db: PathBuf::from("data/exposure-gate.db"),
            identity: Identity::Dev,
            claims: ClaimNames::default(),
            gate,
            www: PathBuf::from("www"),
            pkg: PathBuf::from("pkg"),
            limits: Limits::default(),
        }
    }
}

/// Who signs the tokens the server accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    /// Dev mode: a signing key made at start, and a login page that mints
    /// tokens for the demo users. Never used when a JWKS is given.
    Dev,
    /// Tokens signed (RS256) by a key of this JWKS file, for this issuer and audience.
    Jwks {
        /// The JWKS file (`{ "keys": [...] }`).
        file: PathBuf,
        /// The required `iss` claim.
        issuer: String,
        /// The required `aud` claim.
        audience: String,
    },
}

/// The claims read besides `wids` and `roles`. Entra ID has no standard claim
/// for Defender device groups or TVM roles: a tenant maps them with optional
/// claims or a claims-mapping policy, under names of its choosing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimNames {
    /// Device groups: `"all"`, or a list of names (a scoped user). Absent
    /// means all device groups, as in a [`Subject`](crate::Subject).
    pub device_groups: String,
    /// TVM roles defined in the policy.
    pub tvm_roles: String,
    /// TVM permission options held directly.
    pub tvm_permissions: String,
}

impl Default for ClaimNames {
    fn default() -> Self {
        ClaimNames {
            device_groups: "deviceGroups".into(),
            tvm_roles: "tvmRoles".into(),
            tvm_permissions: "tvmPermissions".into(),
        }
    }
}

/// Limits that keep a client mistake or a slow client from tying the server up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The largest request body accepted (413 beyond it).
    pub body_bytes: usize,
    /// How long a request may take, body included (408 beyond it).
    pub request_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        // A fleet of 100,000 devices as JSON is about 25 MB; the write
        // endpoints need a few hundred bytes.
        Limits { body_bytes: 32 * 1024 * 1024, request_timeout: Duration::from_secs(30) }
    }
}
