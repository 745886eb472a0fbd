//! The prerequisite tables as they are written in a policy document.
//!
//! The built-in tables live in `policy/prerequisites.json`; a policy document
//! may carry its own under `prerequisites`. These types only describe the
//! shape; [`compile`](super::compile) checks them and indexes them into
//! [`Prerequisites`](super::Prerequisites). Field names are camelCase in JSON
//! and unknown fields are refused, so that a typo is an error and not a
//! silently empty table.
//!
//! A custom table **extends** the built-in one: an entry whose id (for a
//! release: whose `version`) is already built in replaces that entry, a new id
//! is added, and a section left out keeps the built-in entries. With
//! `"replace": true` the custom tables are the whole data instead.
//!
//! # Example
//!
//! ```
//! use exposure_gate::prereq::{self, PrerequisitesDef};
//!
//! let def = PrerequisitesDef::from_json(r#"{
//!     "licenses": [
//!         { "id": "contoso-bundle", "name": "Contoso security bundle",
//!           "workloads": ["defender-endpoint", "defender-identity"] }
//!     ]
//! }"#)?;
//! let prerequisites = prereq::compile(&def)?;
//! assert!(prerequisites.license("contoso-bundle").is_some());
//! assert!(prerequisites.license("m365-e5").is_some()); // the built-in ones stay
//! # Ok::<(), exposure_gate::Error>(())
//! ```

use serde::Serialize;

use crate::error::Result;
use crate::json::readable;

/// The prerequisite data of a policy: workloads, licence catalogue, supported
/// operating systems, Windows 10 releases with their mandatory updates, and
/// the roles that can create the Exposure Management workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrerequisitesDef {
    /// When true, these tables are the whole data; when false (the default),
    /// they extend the built-in tables.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
    /// Where the data comes from.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
    /// The Microsoft Security workloads that feed Exposure Management.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub workloads: Vec<WorkloadDef>,
    /// The licence catalogue: which licence brings which workloads.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub licenses: Vec<LicenseDef>,
    /// Operating systems and whether threat and vulnerability management
    /// supports them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operating_systems: Vec<OperatingSystemDef>,
    /// Windows 10 releases: version, build and mandatory updates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub windows10_releases: Vec<Windows10ReleaseDef>,
    /// The Entra role ids of which a tenant needs at least one holder to
    /// create the workspace. When given, replaces the built-in list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspace_roles: Option<Vec<String>>,
}

impl PrerequisitesDef {
    /// Read the tables from JSON text (the `prerequisites` of a policy
    /// document, or a file of them), checking their shape only:
    /// [`compile`](super::compile) checks that they are consistent.
    pub fn from_json(text: &str) -> Result<PrerequisitesDef> {
        crate::json::from_str(text, crate::error::ErrorCode::InvalidPolicy)
    }
}

/// A Microsoft Security workload, such as Defender for Endpoint. The
/// licensing level counts distinct workloads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkloadDef {
    /// Lowercase kebab-case id, such as `defender-identity`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What the workload covers.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// A licence (or plan) and the workloads it brings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicenseDef {
    /// Lowercase kebab-case id, such as `m365-e5`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Workload ids the licence brings; empty for a known licence that brings
    /// no Defender workload (it is then recognised but does not count).
    pub workloads: Vec<String>,
    /// Whether the licence is "an E5 licence" in the sense of the optimal
    /// level (E5 and the Defender CSPM plan).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub e5: bool,
    /// Microsoft Graph `skuPartNumber` values that mean this licence (such as
    /// `SPE_E5`), so that a tenant's subscribed SKUs can be passed as they are.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skus: Vec<String>,
    /// Why the licence is modelled this way.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// An operating system in the threat and vulnerability management support
/// table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OperatingSystemDef {
    /// Lowercase id, such as `windows-10` or `windows-8.1`.
    pub id: String,
    /// Display name, such as `Windows 10`.
    pub name: String,
    /// Other spellings. The id, the name and the aliases match a device's `os`
    /// ignoring ASCII case, spaces and punctuation (`Windows 10`, `Windows10`
    /// and `windows-10` are the same; other letters compare as written).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Whether threat and vulnerability management assesses devices running it.
    pub supported: bool,
    /// What the support covers, or why it is missing.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A Windows 10 release. The `windows-10` operating system must be in the
/// table when releases are given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Windows10ReleaseDef {
    /// The version as Windows names it, such as `1809` or `21H2`.
    pub version: String,
    /// The OS build, such as `17763` for 10.0.17763.
    pub build: u32,
    /// KB ids that must be installed for vulnerability assessment to detect
    /// well, such as `KB4516077`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub mandatory_updates: Vec<String>,
}

// Reading: each type's table of fields, how each is read (required, optional,
// or its default when left out); a field not in the table is refused (see
// `crate::json::readable`).

readable! { PrerequisitesDef, "a prerequisites object", {
    replace: "replace" or_default,
    sources: "sources" or_default,
    workloads: "workloads" or_default,
    licenses: "licenses" or_default,
    operating_systems: "operatingSystems" or_default,
    windows10_releases: "windows10Releases" or_default,
    workspace_roles: "workspaceRoles" optional,
} }

readable! { WorkloadDef, "a workload object", {
    id: "id" required,
    name: "name" required,
    description: "description" or_default,
} }

readable! { LicenseDef, "a licence object", {
    id: "id" required,
    name: "name" required,
    workloads: "workloads" required,
    e5: "e5" or_default,
    skus: "skus" or_default,
    note: "note" or_default,
} }

readable! { OperatingSystemDef, "an operating system object", {
    id: "id" required,
    name: "name" required,
    aliases: "aliases" or_default,
    supported: "supported" required,
    note: "note" or_default,
} }

readable! { Windows10ReleaseDef, "a Windows 10 release object", {
    version: "version" required,
    build: "build" required,
    mandatory_updates: "mandatoryUpdates" or_default,
} }
