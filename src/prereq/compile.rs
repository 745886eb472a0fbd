//! Checking the prerequisite tables and indexing them for the checks.
//!
//! A policy is compiled once and then asked many questions (a fleet of
//! 100,000 devices), so every lookup a check needs is prepared here: licence
//! ids and SKUs by lowercase text, operating systems by a spelling-insensitive
//! key, workloads as bits. Mistakes in the tables are `invalid-policy` errors
//! with the JSON pointer of the bad value under `/prerequisites`.

use super::document::{LicenseDef, OperatingSystemDef, PrerequisitesDef, Windows10ReleaseDef, WorkloadDef};
use super::kb::Kb;
use crate::error::{Error, ErrorCode, Result};
use crate::id_map::IdMap;
use crate::limits::{UPDATES_PER_RELEASE as MAX_UPDATES, WORKLOADS as MAX_WORKLOADS};

/// The built-in tables, from the two source documents plus documented
/// assumptions (see the file's `sources` and each entry's `note`).
const BUILTIN: &str = include_str!("../../policy/prerequisites.json");

/// The id of the operating system whose releases the Windows 10 table lists.
pub(crate) const WINDOWS_10: &str = "windows-10";

/// The compiled prerequisite data: the tables of a policy (or the built-in
/// ones), checked and indexed. Cheap to share; every check borrows it.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::Prerequisites;
///
/// let p = Prerequisites::builtin()?;
/// assert_eq!(p.license("SPE_E5").map(|l| l.id.as_str()), Some("m365-e5"));
/// assert_eq!(p.windows10_release("10.0.17763").map(|r| r.version.as_str()), Some("1809"));
/// assert!(p.operating_system("Windows Server 2019").is_some_and(|os| os.supported));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Prerequisites {
    pub(crate) def: PrerequisitesDef,
    /// Per licence (in `def.licenses` order): the bits of its workloads.
    pub(crate) license_workloads: Vec<u64>,
    /// Lowercase licence id or SKU to licence index.
    license_lookup: IdMap,
    /// Spelling-insensitive operating system key to index.
    os_lookup: IdMap,
    /// Index of `windows-10` in `def.operating_systems`.
    pub(crate) windows10: Option<usize>,
    /// Per release (in `def.windows10_releases` order): its mandatory updates.
    pub(crate) release_updates: Vec<Vec<Kb>>,
}

/// Check a policy's prerequisite tables and index them. Unless the document
/// says `"replace": true`, its tables extend the built-in ones (see
/// [`PrerequisitesDef`]).
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, PrerequisitesDef};
/// use exposure_gate::ErrorCode;
///
/// let bad = PrerequisitesDef::from_json(
///     r#"{ "licenses": [{ "id": "x", "name": "X", "workloads": ["defender-identiy"] }] }"#,
/// )?;
/// let err = prereq::compile(&bad).unwrap_err();
/// assert_eq!(err.code(), ErrorCode::InvalidPolicy);
/// assert_eq!(err.pointer(), Some("/prerequisites/licenses/0/workloads/0"));
/// assert_eq!(err.suggestions(), ["defender-identity"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn compile(def: &PrerequisitesDef) -> Result<Prerequisites> {
    if def.replace {
        build(Tables::custom(def))
    } else {
        build(Tables::merged(&builtin_def()?, def)?)
    }
}

/// The built-in tables as a document (the content of
/// `policy/prerequisites.json`).
///
/// # Example
///
/// ```
/// let def = exposure_gate::prereq::builtin_def()?;
/// assert!(def.licenses.iter().any(|l| l.id == "m365-e5" && l.e5));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn builtin_def() -> Result<PrerequisitesDef> {
    PrerequisitesDef::from_json(BUILTIN)
        .map_err(|err| Error::new(ErrorCode::InvalidPolicy, format!("the built-in prerequisites are malformed: {err}")))
}

impl Prerequisites {
    /// The built-in tables, compiled.
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// assert_eq!(p.workspace_roles(), ["global-admin", "security-admin"]);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn builtin() -> Result<Prerequisites> {
        build(Tables::custom(&builtin_def()?))
    }

    /// No tables at all: nothing is recognised, so nothing is ready.
    pub(crate) fn none() -> Prerequisites {
        Prerequisites {
            def: PrerequisitesDef::default(),
            license_workloads: Vec::new(),
            license_lookup: IdMap::default(),
            os_lookup: IdMap::default(),
            windows10: None,
            release_updates: Vec::new(),
        }
    }

    /// The effective tables (built-in ones merged with the policy's), for
    /// showing or exporting.
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// assert_eq!(p.def().windows10_releases.len(), 14);
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn def(&self) -> &PrerequisitesDef {
        &self.def
    }

    /// The licence with this id or Graph SKU part number, in any case.
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// assert_eq!(p.license("M365-E3").map(|l| l.name.as_str()), Some("Microsoft 365 E3"));
    /// assert!(p.license("m365-e6").is_none());
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn license(&self, id_or_sku: &str) -> Option<&LicenseDef> {
        self.license_index(id_or_sku).and_then(|i| self.def.licenses.get(i))
    }

    pub(crate) fn license_index(&self, id_or_sku: &str) -> Option<usize> {
        self.license_lookup.get(&id_or_sku.trim().to_ascii_lowercase()).copied()
    }

    /// The operating system a device's `os` names, ignoring ASCII case, spaces
    /// and punctuation (`Windows 10`, `Windows10`, `windows-10`).
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// assert_eq!(p.operating_system("WindowsServer2012R2").map(|o| o.id.as_str()), Some("windows-server-2012-r2"));
    /// assert!(p.operating_system("Windows 8.1").is_some_and(|o| !o.supported));
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn operating_system(&self, os: &str) -> Option<&OperatingSystemDef> {
        self.os_index(os).and_then(|i| self.def.operating_systems.get(i))
    }

    pub(crate) fn os_index(&self, os: &str) -> Option<usize> {
        self.os_lookup.get(&crate::fold::key(os)).copied()
    }

    /// The Windows 10 release a version is spelled as: the version (`1809`,
    /// `21h2`), the build (`17763`) or the full version (`10.0.17763`, with or
    /// without the update revision `10.0.17763.1234`).
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// for spelling in ["1809", "10.0.17763", "10.0.17763.6189", "17763"] {
    ///     assert_eq!(p.windows10_release(spelling).map(|r| r.build), Some(17763));
    /// }
    /// assert!(p.windows10_release("10.0.22631").is_none()); // Windows 11
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn windows10_release(&self, version: &str) -> Option<&Windows10ReleaseDef> {
        self.release_index(version).and_then(|i| self.def.windows10_releases.get(i))
    }

    pub(crate) fn release_index(&self, version: &str) -> Option<usize> {
        let releases = &self.def.windows10_releases;
        match parse_version(version)? {
            Spelling::Version(v) => releases.iter().position(|r| r.version.eq_ignore_ascii_case(v)),
            Spelling::Build(build) => releases.iter().position(|r| r.build == build),
        }
    }

    /// The Entra role ids of which a tenant needs one holder to create the
    /// Exposure Management workspace.
    ///
    /// # Example
    ///
    /// ```
    /// let p = exposure_gate::prereq::Prerequisites::builtin()?;
    /// assert!(p.workspace_roles().contains(&"security-admin".to_string()));
    /// # Ok::<(), exposure_gate::Error>(())
    /// ```
    pub fn workspace_roles(&self) -> &[String] {
        self.def.workspace_roles.as_deref().unwrap_or_default()
    }
}

/// How a Windows 10 version was written.
#[derive(Debug, PartialEq, Eq)]
enum Spelling<'a> {
    /// `1809`, `21H2`.
    Version(&'a str),
    /// `17763`, from `17763` or `10.0.17763[.ubr]`.
    Build(u32),
}

fn parse_version(text: &str) -> Option<Spelling<'_>> {
    let text = text.trim();
    if text.contains('.') {
        let mut parts = text.split('.');
        let (major, minor, build) = (parts.next()?, parts.next()?, parts.next()?);
        let revision_ok = match parts.next() {
            None => true,
            Some(ubr) => !ubr.is_empty() && ubr.bytes().all(|b| b.is_ascii_digit()) && parts.next().is_none(),
        };
        if major != "10" || minor != "0" || !revision_ok {
            return None;
        }
        return digits(build).map(Spelling::Build);
    }
    match text.len() {
        4 if text.bytes().all(|b| b.is_ascii_alphanumeric()) => Some(Spelling::Version(text)),
        5 => digits(text).map(Spelling::Build),
        _ => None,
    }
}

fn digits(text: &str) -> Option<u32> {
    (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// Where an entry of the effective tables came from, for error pointers: its
/// index in the document that defined it.
type Src = usize;

/// The effective tables, each entry with its index in its own document.
struct Tables {
    sources: Vec<String>,
    workloads: Vec<(WorkloadDef, Src)>,
    licenses: Vec<(LicenseDef, Src)>,
    operating_systems: Vec<(OperatingSystemDef, Src)>,
    releases: Vec<(Windows10ReleaseDef, Src)>,
    workspace_roles: Option<Vec<String>>,
}

impl Tables {
    fn custom(def: &PrerequisitesDef) -> Tables {
        fn indexed<T: Clone>(items: &[T]) -> Vec<(T, Src)> {
            items.iter().cloned().enumerate().map(|(i, t)| (t, i)).collect()
        }
        Tables {
            sources: def.sources.clone(),
            workloads: indexed(&def.workloads),
            licenses: indexed(&def.licenses),
            operating_systems: indexed(&def.operating_systems),
            releases: indexed(&def.windows10_releases),
            workspace_roles: def.workspace_roles.clone(),
        }
    }

    /// The built-in tables with the custom ones laid over them by id.
    fn merged(base: &PrerequisitesDef, custom: &PrerequisitesDef) -> Result<Tables> {
        let mut tables = Tables::custom(base);
        tables.sources.extend(custom.sources.iter().cloned());
        overlay(&mut tables.workloads, &custom.workloads, |w| w.id.clone(), ("workloads", "id"), "workload")?;
        overlay(&mut tables.licenses, &custom.licenses, |l| l.id.clone(), ("licenses", "id"), "licence")?;
        overlay(&mut tables.operating_systems, &custom.operating_systems, |o| o.id.clone(), ("operatingSystems", "id"), "operating system")?;
        overlay(&mut tables.releases, &custom.windows10_releases, |r| r.version.to_ascii_lowercase(), ("windows10Releases", "version"), "version")?;
        if custom.workspace_roles.is_some() {
            tables.workspace_roles.clone_from(&custom.workspace_roles);
        }
        Ok(tables)
    }
}

/// Replace the entries whose key is redefined, append the new ones. A key
/// defined twice in the custom table is a mistake, not an override.
fn overlay<T: Clone>(
    base: &mut Vec<(T, Src)>,
    custom: &[T],
    key: impl Fn(&T) -> String,
    (list, field): (&str, &str),
    what: &str,
) -> Result<()> {
    for (i, item) in custom.iter().enumerate() {
        let k = key(item);
        if custom.iter().take(i).any(|earlier| key(earlier) == k) {
            let pointer = format!("/prerequisites/{list}/{i}/{field}");
            return Err(invalid(pointer, format!("{what} `{}` is defined twice", crate::suggest::clip(&k))));
        }
        match base.iter_mut().find(|(b, _)| key(b) == k) {
            Some(slot) => *slot = (item.clone(), i),
            None => base.push((item.clone(), i)),
        }
    }
    Ok(())
}

fn invalid(pointer: String, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidPolicy, message).at(pointer)
}

/// Lowercase letters, digits, `-` and `.`, starting with a letter or digit.
fn is_id(id: &str) -> bool {
    id.len() <= 64
        && id.bytes().next().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
}

fn check_id(id: &str, pointer: String, seen: &mut IdMap, what: &str) -> Result<()> {
    if !is_id(id) {
        return Err(invalid(
            pointer,
            format!("{what} id `{}` must be lowercase letters, digits, `-` and `.`", crate::suggest::clip(id)),
        ));
    }
    if seen.insert(id.to_owned(), 0).is_some() {
        return Err(invalid(pointer, format!("{what} `{id}` is defined twice")));
    }
    Ok(())
}

fn build(tables: Tables) -> Result<Prerequisites> {
    const P: &str = "/prerequisites";
    if tables.workloads.len() > MAX_WORKLOADS {
        return Err(invalid(format!("{P}/workloads"), format!("at most {MAX_WORKLOADS} workloads are supported")));
    }
    let mut seen = IdMap::default();
    for (w, i) in &tables.workloads {
        check_id(&w.id, format!("{P}/workloads/{i}/id"), &mut seen, "workload")?;
    }
    let workload_ids: Vec<&str> = tables.workloads.iter().map(|(w, _)| w.id.as_str()).collect();

    let mut license_workloads = Vec::with_capacity(tables.licenses.len());
    let mut license_lookup = IdMap::default();
    let mut seen = IdMap::default();
    for (index, (l, i)) in tables.licenses.iter().enumerate() {
        check_id(&l.id, format!("{P}/licenses/{i}/id"), &mut seen, "licence")?;
        let mut bits = 0u64;
        for (j, w) in l.workloads.iter().enumerate() {
            let Some(bit) = workload_ids.iter().position(|id| id == w) else {
                return Err(Error::unknown(ErrorCode::InvalidPolicy, "workload", w, workload_ids.iter().copied())
                    .at(format!("{P}/licenses/{i}/workloads/{j}")));
            };
            bits |= 1 << bit;
        }
        license_workloads.push(bits);
        let keys = std::iter::once((&l.id, format!("{P}/licenses/{i}/id")))
            .chain(l.skus.iter().enumerate().map(|(j, s)| (s, format!("{P}/licenses/{i}/skus/{j}"))));
        for (key, pointer) in keys {
            let key = key.trim().to_ascii_lowercase();
            if key.is_empty() {
                return Err(invalid(pointer, "a licence SKU must not be empty"));
            }
            if let Some(other) = license_lookup.insert(key.clone(), index) {
                if other != index {
                    return Err(invalid(pointer, format!("`{key}` names two licences")));
                }
            }
        }
    }

    let mut os_lookup = IdMap::default();
    let mut seen = IdMap::default();
    for (index, (os, i)) in tables.operating_systems.iter().enumerate() {
        check_id(&os.id, format!("{P}/operatingSystems/{i}/id"), &mut seen, "operating system")?;
        let names = [(&os.id, format!("{P}/operatingSystems/{i}/id")), (&os.name, format!("{P}/operatingSystems/{i}/name"))];
        let aliases = os.aliases.iter().enumerate().map(|(j, a)| (a, format!("{P}/operatingSystems/{i}/aliases/{j}")));
        for (name, pointer) in names.into_iter().chain(aliases) {
            let key = crate::fold::key(name);
            if key.is_empty() {
                return Err(invalid(pointer, "an operating system name needs a letter or digit"));
            }
            if let Some(other) = os_lookup.insert(key, index) {
                if other != index {
                    return Err(invalid(pointer, format!("`{name}` names two operating systems")));
                }
            }
        }
    }
    let windows10 = tables.operating_systems.iter().position(|(os, _)| os.id == WINDOWS_10);

    let mut release_updates = Vec::with_capacity(tables.releases.len());
    for (index, (r, i)) in tables.releases.iter().enumerate() {
        let pointer = format!("{P}/windows10Releases/{i}");
        if !matches!(parse_version(&r.version), Some(Spelling::Version(_))) {
            return Err(invalid(
                format!("{pointer}/version"),
                format!("`{}` is not a Windows 10 version such as `1809` or `21H2`", crate::suggest::clip(&r.version)),
            ));
        }
        let earlier = tables.releases.iter().take(index);
        if let Some((other, _)) = earlier.clone().find(|(o, _)| o.version.eq_ignore_ascii_case(&r.version)) {
            return Err(invalid(format!("{pointer}/version"), format!("version `{}` is listed twice", other.version)));
        }
        if !(10_000..100_000).contains(&r.build) {
            return Err(invalid(format!("{pointer}/build"), format!("build `{}` is not a five-digit build", r.build)));
        }
        if let Some((other, _)) = earlier.clone().find(|(o, _)| o.build == r.build) {
            return Err(invalid(
                format!("{pointer}/build"),
                format!("build `{}` is already version `{}`", r.build, other.version),
            ));
        }
        if r.mandatory_updates.len() > MAX_UPDATES {
            return Err(invalid(
                format!("{pointer}/mandatoryUpdates"),
                format!("at most {MAX_UPDATES} mandatory updates per release are supported"),
            ));
        }
        let mut kbs = Vec::with_capacity(r.mandatory_updates.len());
        for (j, text) in r.mandatory_updates.iter().enumerate() {
            let Some(kb) = Kb::parse(text) else {
                return Err(Error::new(ErrorCode::InvalidPolicy, Kb::error(text).message().to_owned())
                    .at(format!("{pointer}/mandatoryUpdates/{j}")));
            };
            if !kbs.contains(&kb) {
                kbs.push(kb);
            }
        }
        release_updates.push(kbs);
    }
    if !tables.releases.is_empty() && windows10.is_none() {
        return Err(invalid(
            format!("{P}/operatingSystems"),
            format!("Windows 10 releases are listed, so the operating systems need `{WINDOWS_10}`"),
        ));
    }

    match &tables.workspace_roles {
        None => return Err(invalid(format!("{P}/workspaceRoles"), "`workspaceRoles` is required")),
        Some(roles) if roles.is_empty() => {
            return Err(invalid(format!("{P}/workspaceRoles"), "at least one role must be able to create the workspace"))
        }
        Some(roles) => {
            if let Some(j) = roles.iter().position(|r| r.trim().is_empty()) {
                return Err(invalid(format!("{P}/workspaceRoles/{j}"), "a role id must not be empty"));
            }
        }
    }

    let def = PrerequisitesDef {
        replace: true,
        sources: tables.sources,
        workloads: tables.workloads.into_iter().map(|(w, _)| w).collect(),
        licenses: tables.licenses.into_iter().map(|(l, _)| l).collect(),
        operating_systems: tables.operating_systems.into_iter().map(|(o, _)| o).collect(),
        windows10_releases: tables.releases.into_iter().map(|(r, _)| r).collect(),
        workspace_roles: tables.workspace_roles,
    };
    Ok(Prerequisites { def, license_workloads, license_lookup, os_lookup, windows10, release_updates })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom(json: &str) -> Result<Prerequisites> {
        compile(&PrerequisitesDef::from_json(json).unwrap())
    }

    #[test]
    fn the_builtin_tables_compile() {
        let p = Prerequisites::builtin().unwrap();
        assert_eq!(p.def().workloads.len(), 5);
        assert_eq!(p.license_workloads.len(), p.def().licenses.len());
        assert_eq!(p.windows10, Some(0));
        // An empty custom document changes nothing.
        let same = compile(&PrerequisitesDef::default()).unwrap();
        assert_eq!(same.def(), p.def());
    }

    #[test]
    fn the_mandatory_updates_are_those_of_the_source() {
        let p = Prerequisites::builtin().unwrap();
        let kbs = |v: &str| -> Vec<String> {
            let i = p.release_index(v).unwrap();
            p.release_updates[i].iter().map(Kb::to_string).collect()
        };
        assert_eq!(kbs("1709"), ["KB4493441", "KB4516071"]);
        assert_eq!(kbs("1803"), ["KB4493464", "KB4516045"]);
        assert_eq!(kbs("1809"), ["KB4516077"]);
        assert_eq!(kbs("1903"), ["KB4512941"]);
        let with_updates = p.release_updates.iter().filter(|u| !u.is_empty()).count();
        assert_eq!(with_updates, 4, "only the four releases of the source have mandatory updates");
    }

    #[test]
    fn versions_and_builds_name_the_same_release() {
        let p = Prerequisites::builtin().unwrap();
        for (version, build) in [("1709", 16299), ("1803", 17134), ("1809", 17763), ("1903", 18362)] {
            let by_version = p.release_index(version).unwrap();
            for spelling in [build.to_string(), format!("10.0.{build}"), format!("10.0.{build}.1"), format!(" 10.0.{build} ")] {
                assert_eq!(p.release_index(&spelling), Some(by_version), "{spelling}");
            }
        }
        assert_eq!(p.release_index("21h2"), p.release_index("21H2"));
        for bad in ["", "18", "1810", "10.0", "6.3.9600", "10.1.17763", "10.0.17763.", "10.0.17763.1.2", "10.0.x", "abcde"] {
            assert_eq!(p.release_index(bad), None, "{bad}");
        }
    }

    #[test]
    fn licences_by_id_or_sku_in_any_case() {
        let p = Prerequisites::builtin().unwrap();
        for key in ["m365-e5", "M365-E5", " SPE_E5 ", "spe_e5"] {
            assert_eq!(p.license(key).map(|l| l.id.as_str()), Some("m365-e5"), "{key}");
        }
        assert!(p.license("").is_none());
    }

    #[test]
    fn operating_systems_ignore_spelling() {
        let p = Prerequisites::builtin().unwrap();
        for os in ["Windows 10", "Windows10", "windows-10", "WINDOWS_10", "win10"] {
            assert_eq!(p.operating_system(os).map(|o| o.id.as_str()), Some("windows-10"), "{os}");
        }
        assert_eq!(p.operating_system("Ubuntu").map(|o| o.id.as_str()), Some("linux"));
        assert!(p.operating_system("Windows 8.1").is_some_and(|o| !o.supported));
        assert!(p.operating_system("BeOS").is_none());
    }

    #[test]
    fn a_custom_table_extends_and_overrides() {
        let p = custom(
            r#"{ "operatingSystems": [
                    { "id": "android", "name": "Android", "supported": true },
                    { "id": "haiku", "name": "Haiku", "supported": false } ],
                 "windows10Releases": [ { "version": "1809", "build": 17763, "mandatoryUpdates": ["KB1234567"] } ],
                 "workspaceRoles": ["global-admin"] }"#,
        )
        .unwrap();
        assert!(p.operating_system("android").unwrap().supported);
        assert!(p.operating_system("haiku").is_some());
        assert!(p.operating_system("windows 10").is_some());
        let i = p.release_index("1809").unwrap();
        assert_eq!(p.release_updates[i], [Kb::new(1234567)]);
        assert_eq!(p.workspace_roles(), ["global-admin"]);
    }

    #[test]
    fn replace_drops_the_builtin_tables() {
        let p = custom(
            r#"{ "replace": true, "workloads": [{ "id": "w", "name": "W" }],
                 "licenses": [{ "id": "l", "name": "L", "workloads": ["w"] }],
                 "workspaceRoles": ["security-admin"] }"#,
        )
        .unwrap();
        assert!(p.license("m365-e5").is_none());
        assert!(p.license("l").is_some());
        assert!(p.operating_system("windows 10").is_none());
        let err = custom(r#"{ "replace": true }"#).unwrap_err();
        assert_eq!(err.pointer(), Some("/prerequisites/workspaceRoles"));
    }

    #[test]
    fn mistakes_point_at_the_bad_value() {
        let cases = [
            (r#"{ "licenses": [{ "id": "m365-e5", "name": "x", "workloads": [] }, { "id": "a", "name": "A", "workloads": ["nope"] }] }"#,
             "/prerequisites/licenses/1/workloads/0"),
            (r#"{ "licenses": [{ "id": "Bad Id", "name": "x", "workloads": [] }] }"#, "/prerequisites/licenses/0/id"),
            (r#"{ "licenses": [{ "id": "a", "name": "A", "workloads": [], "skus": ["SPE_E5"] }] }"#, "/prerequisites/licenses/0/skus/0"),
            (r#"{ "workloads": [{ "id": "w", "name": "W" }, { "id": "w", "name": "W" }] }"#, "/prerequisites/workloads/1/id"),
            (r#"{ "operatingSystems": [{ "id": "win", "name": "Windows10", "aliases": [], "supported": true }] }"#,
             "/prerequisites/operatingSystems/0/name"),
            (r#"{ "windows10Releases": [{ "version": "2509", "build": 17763 }] }"#, "/prerequisites/windows10Releases/0/build"),
            (r#"{ "windows10Releases": [{ "version": "10.0", "build": 12345 }] }"#, "/prerequisites/windows10Releases/0/version"),
            (r#"{ "windows10Releases": [{ "version": "2509", "build": 99 }] }"#, "/prerequisites/windows10Releases/0/build"),
            (r#"{ "windows10Releases": [{ "version": "2509", "build": 29999, "mandatoryUpdates": ["KB1", "x"] }] }"#,
             "/prerequisites/windows10Releases/0/mandatoryUpdates/0"),
            (r#"{ "workspaceRoles": [] }"#, "/prerequisites/workspaceRoles"),
            (r#"{ "workspaceRoles": ["global-admin", " "] }"#, "/prerequisites/workspaceRoles/1"),
            (r#"{ "replace": true, "workspaceRoles": ["global-admin"], "windows10Releases": [{ "version": "1809", "build": 17763 }] }"#,
             "/prerequisites/operatingSystems"),
        ];
        for (json, pointer) in cases {
            let err = custom(json).unwrap_err();
            assert_eq!(err.code(), ErrorCode::InvalidPolicy, "{json}");
            assert_eq!(err.pointer(), Some(pointer), "{json}: {err}");
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let err = PrerequisitesDef::from_json(r#"{ "licences": [] }"#).unwrap_err();
        assert!(err.to_string().contains("unknown field `licences`"), "{err}");
    }
}
