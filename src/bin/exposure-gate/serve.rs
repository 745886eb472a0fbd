//! `exposure-gate serve`: parses the flags into a server [`Config`] and runs
//! it. Everything else is in the library's `server` module.

use std::net::SocketAddr;
use std::path::PathBuf;

use exposure_gate::server::{self, Config, Identity};

use crate::args::Args;
use crate::{CliResult, Outcome};

pub(crate) fn run(mut args: Args) -> CliResult {
    let gate = args.gate()?;
    let mut config = Config::demo(gate);
    if let Some(addr) = args.value("addr")? {
        config.addr = addr.parse::<SocketAddr>().map_err(|e| format!("`--addr {addr}`: {e}; give e.g. 127.0.0.1:8080"))?;
    }
    if let Some(db) = args.value("db")? {
        config.db = PathBuf::from(db);
    }
    if let Some(www) = args.value("www")? {
        config.www = PathBuf::from(www);
    }
    if let Some(pkg) = args.value("pkg")? {
        config.pkg = PathBuf::from(pkg);
    }
    let jwks = args.value("jwks")?;
    let issuer = args.value("issuer")?;
    let audience = args.value("audience")?;
    config.identity = match (jwks, issuer, audience) {
        (None, None, None) => Identity::Dev,
        (Some(file), Some(issuer), Some(audience)) => Identity::Jwks { file: PathBuf::from(file), issuer, audience },
        _ => return Err("`--jwks`, `--issuer` and `--audience` go together (without them: dev mode)".into()),
    };
    for (flag, slot) in [
        ("groups-claim", &mut config.claims.device_groups),
        ("tvm-roles-claim", &mut config.claims.tvm_roles),
        ("tvm-permissions-claim", &mut config.claims.tvm_permissions),
    ] {
        if let Some(name) = args.value(flag)? {
            *slot = name;
        }
    }
    args.finish()?;
    server::run(config).map_err(|e| e.to_string())?;
    Ok(Outcome::Done)
}
