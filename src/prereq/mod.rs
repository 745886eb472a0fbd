//! Prerequisites: licensing, the workspace, the browser, and the readiness
//! of devices for threat and vulnerability management, each answered with a
//! report that lists what is missing as `{ code, message, fix }`.
//!
//! The data (licence catalogue, supported operating systems, Windows 10
//! releases and their mandatory updates, workspace roles) is part of the
//! policy: the built-in tables are `policy/prerequisites.json`, and a policy
//! document may extend or replace them under `prerequisites`
//! ([`PrerequisitesDef`]). [`compile`] checks them once into
//! [`Prerequisites`], which every check borrows.
//!
//! | check | answers | source |
//! | --- | --- | --- |
//! | [`licensing`] | `unavailable` / `available` / `recommended` / `optimal`, and whether Defender for Cloud recommendations flow in | Exposure Management prerequisites, "Licensing requirements" |
//! | [`workspace`] | whether someone can create the workspace, and who | same, "Permissions" |
//! | [`browser`] | portal support and WebAssembly | same, "Browser requirements" |
//! | [`device`] | TVM readiness of one device, and the Intune security task option | TVM prerequisites |
//! | [`fleet`] | the same for many devices, summarised | TVM prerequisites |
//!
//! Bad input is an `invalid-input` [`Error`](crate::Error) naming the record
//! and field by JSON pointer; in a fleet, a bad device is listed with its
//! error and the others are still judged.
//!
//! # Example
//!
//! ```
//! use exposure_gate::prereq::{self, Device, Prerequisites};
//!
//! let p = Prerequisites::builtin()?;
//! let devices = prereq::devices_from_json(r#"[
//!     { "id": "pc-1", "onboarded": true, "os": "Windows 10", "osVersion": "10.0.17763",
//!       "installedKbs": ["KB4516077"], "intune": true, "configMgr": false,
//!       "securityRecommendations": 5, "tags": ["finance"], "coManaged": false }
//! ]"#)?;
//! let summary = prereq::fleet(&p, &devices);
//! assert_eq!(summary.ready, 1);
//! # Ok::<(), exposure_gate::Error>(())
//! ```

mod browser;
mod compile;
mod csv;
mod device;
mod document;
mod fleet;
#[cfg(test)]
pub(crate) mod generated_fleet;
mod kb;
mod licensing;
mod missing;
// Used by the WebAssembly skin only; native builds compile it for its tests.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) mod packed;
mod record;
mod workspace;

pub use browser::{browser, BrowserReport};
pub use compile::{builtin_def, compile, Prerequisites};
pub use csv::{devices_from_csv, devices_from_csv_with_lines};
pub use device::{device, Device, DeviceCode, DeviceOptions, DeviceReport};
pub use document::{LicenseDef, OperatingSystemDef, PrerequisitesDef, Windows10ReleaseDef, WorkloadDef};
pub use fleet::{fleet, fleet_by_index, ByCode, ErrorInfo, FleetItem, FleetReport, InvalidEntry};
pub use kb::Kb;
pub use licensing::{licensing, LicensingInput, LicensingLevel, LicensingReport, UnknownId};
pub use missing::Missing;
pub use record::{devices_from_json, DeviceEntry, InvalidDevice};
#[cfg(target_arch = "wasm32")]
pub(crate) use record::{not_an_object, Loose, RawDevice, FIELDS};

pub use workspace::{resolve_role, workspace, Assignment, QualifiedUser, RoleRef, WorkspaceInput, WorkspaceReport};
