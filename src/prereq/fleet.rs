//! Fleet: the readiness of many devices, summarised.
//!
//! Built for 100,000 devices: each device is evaluated into a bitmask
//! ([`Evaluation`](super::device)), never into a report with sentences;
//! operating system and version spellings are resolved once per distinct
//! text; counts go into arrays indexed by table position; the ids in
//! `blocked` are borrowed from the input. A device that cannot be read or
//! judged is listed under `invalid` with its error and does not stop the
//! others.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::compile::Prerequisites;
use super::device::{evaluate, with_device, Device, DeviceCode, Lookups};
use super::record::{DeviceEntry, InvalidDevice};

/// One value per [`DeviceCode`], serialized as an object keyed by code in the
/// source's order (`{ "not-onboarded": ..., ..., "not-tagged": ... }`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ByCode<T> {
    /// `not-onboarded`.
    pub not_onboarded: T,
    /// `unsupported-os`.
    pub unsupported_os: T,
    /// `missing-update`.
    pub missing_update: T,
    /// `not-managed`.
    pub not_managed: T,
    /// `no-recommendations`.
    pub no_recommendations: T,
    /// `not-tagged`.
    pub not_tagged: T,
}

impl<T> ByCode<T> {
    /// The value for a code.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::{ByCode, DeviceCode};
    ///
    /// let counts = ByCode { not_tagged: 3, ..ByCode::default() };
    /// assert_eq!(*counts.get(DeviceCode::NotTagged), 3);
    /// ```
    pub fn get(&self, code: DeviceCode) -> &T {
        match code {
            DeviceCode::NotOnboarded => &self.not_onboarded,
            DeviceCode::UnsupportedOs => &self.unsupported_os,
            DeviceCode::MissingUpdate => &self.missing_update,
            DeviceCode::NotManaged => &self.not_managed,
            DeviceCode::NoRecommendations => &self.no_recommendations,
            DeviceCode::NotTagged => &self.not_tagged,
        }
    }

    fn get_mut(&mut self, code: DeviceCode) -> &mut T {
        match code {
            DeviceCode::NotOnboarded => &mut self.not_onboarded,
            DeviceCode::UnsupportedOs => &mut self.unsupported_os,
            DeviceCode::MissingUpdate => &mut self.missing_update,
            DeviceCode::NotManaged => &mut self.not_managed,
            DeviceCode::NoRecommendations => &mut self.no_recommendations,
            DeviceCode::NotTagged => &mut self.not_tagged,
        }
    }
}

/// A device of the fleet that could not be judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InvalidEntry<'a> {
    /// Its position in the input list (0-based).
    pub index: usize,
    /// Its id, when readable.
    pub id: Option<&'a str>,
    /// Why: `code` (`invalid-input`), `message` and the `pointer` of the bad
    /// field in the list (`/devices/17/osVersion`).
    pub error: ErrorInfo,
}

/// An error as data, for reports that list errors instead of failing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorInfo {
    /// The error code, such as `invalid-input`.
    pub code: &'static str,
    /// The full message, with the pointer and suggestions.
    pub message: String,
    /// The JSON pointer of the bad value.
    pub pointer: Option<String>,
}

/// The fleet summary.
///
/// `total` counts every input entry: `total = ready + notReady + invalid.len()`.
/// `Id` is how `blocked` names a device: its id from [`fleet`], its
/// position in the input from [`fleet_by_index`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FleetReport<'a, Id = &'a str> {
    /// Devices in the input.
    pub total: usize,
    /// Devices meeting every prerequisite.
    pub ready: usize,
    /// Devices missing at least one.
    pub not_ready: usize,
    /// How many devices miss each prerequisite (a device counts once under
    /// each code it misses).
    pub by_missing: ByCode<usize>,
    /// Devices per operating system: the table's id, or the text as given
    /// when not in the table. Invalid devices are not counted.
    pub by_os: BTreeMap<String, usize>,
    /// Windows 10 devices per version (`1809`).
    pub by_windows10_version: BTreeMap<String, usize>,
    /// Devices missing each mandatory update (`KB4516077`).
    pub missing_updates: BTreeMap<String, usize>,
    /// The devices blocked by each code, in input order.
    pub blocked: ByCode<Vec<Id>>,
    /// Devices that could not be judged, with their errors.
    pub invalid: Vec<InvalidEntry<'a>>,
}

/// Anything a fleet can be made of: a [`Device`], or a [`DeviceEntry`] that
/// may be invalid.
pub trait FleetItem {
    /// The device, or why it could not be read.
    fn item(&self) -> Result<&Device, &InvalidDevice>;
}

impl FleetItem for Device {
    fn item(&self) -> Result<&Device, &InvalidDevice> {
        Ok(self)
    }
}

impl FleetItem for DeviceEntry {
    fn item(&self) -> Result<&Device, &InvalidDevice> {
        match self {
            DeviceEntry::Valid(d) => Ok(d),
            DeviceEntry::Invalid(bad) => Err(bad),
        }
    }
}

/// Summarise the readiness of many devices: totals, counts by missing code,
/// by operating system and Windows 10 version, missing updates, and the
/// devices blocked by each code. Invalid devices are listed with their
/// errors (pointers prefixed with `/devices/{index}`) and do not stop the
/// others.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, devices_from_json, Prerequisites};
///
/// let p = Prerequisites::builtin()?;
/// let devices = devices_from_json(r#"[
///     { "id": "a", "onboarded": true, "os": "Windows 10", "osVersion": "1809", "installedKbs": [],
///       "intune": true, "configMgr": false, "securityRecommendations": 2, "tags": ["x"], "coManaged": false },
///     { "id": "b", "onboarded": false, "os": "macOS",
///       "intune": true, "configMgr": false, "securityRecommendations": 2, "tags": ["x"], "coManaged": false },
///     { "id": "c", "onboarded": true }
/// ]"#)?;
/// let report = prereq::fleet(&p, &devices);
/// assert_eq!((report.total, report.ready, report.not_ready), (3, 0, 2));
/// assert_eq!(report.blocked.missing_update, ["a"]);
/// assert_eq!(report.missing_updates["KB4516077"], 1);
/// assert_eq!(report.invalid[0].error.pointer.as_deref(), Some("/devices/2/os"));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn fleet<'a, T: FleetItem>(p: &Prerequisites, devices: &'a [T]) -> FleetReport<'a> {
    summarise(p, devices, |_, d| d.id.as_str())
}

/// [`fleet`] with each blocked device named by its position in `devices`
/// instead of its id: what the WebAssembly skin hands to JS, which still
/// holds the ids, as one typed array per code rather than 100,000 strings.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, Device, Prerequisites};
///
/// let p = Prerequisites::builtin()?;
/// let devices = [Device { id: "a".into(), os: "macOS".into(), ..Device::default() }];
/// assert_eq!(prereq::fleet_by_index(&p, &devices).blocked.not_onboarded, [0]);
/// assert_eq!(prereq::fleet(&p, &devices).blocked.not_onboarded, ["a"]);
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn fleet_by_index<'a, T: FleetItem>(p: &Prerequisites, devices: &'a [T]) -> FleetReport<'a, usize> {
    summarise(p, devices, |index, _| index)
}

/// The one judging loop of [`fleet`] and [`fleet_by_index`]; `name` turns a
/// blocked device (its position and itself) into what `blocked` lists.
fn summarise<'a, T: FleetItem, Id>(p: &Prerequisites, devices: &'a [T], name: impl Fn(usize, &'a Device) -> Id) -> FleetReport<'a, Id> {
    let mut lookups = Lookups::default();
    let mut by_missing = ByCode::<usize>::default();
    let mut blocked = ByCode::<Vec<Id>>::default();
    let mut invalid = Vec::new();
    let mut by_os_index = vec![0usize; p.def.operating_systems.len()];
    let mut by_os_other: HashMap<&'a str, usize> = HashMap::new();
    let mut by_release = vec![0usize; p.def.windows10_releases.len()];
    let mut by_kb: Vec<Vec<usize>> = p.release_updates.iter().map(|kbs| vec![0; kbs.len()]).collect();
    let mut ready = 0;

    for (index, item) in devices.iter().enumerate() {
        let d = match item.item() {
            Ok(d) => d,
            Err(bad) => {
                invalid.push(invalid_entry(index, bad.id.as_deref(), &bad.error));
                continue;
            }
        };
        let e = match evaluate(p, d, &mut lookups) {
            Ok(e) => e,
            Err(err) => {
                invalid.push(invalid_entry(index, Some(&d.id), &with_device(err, Some(&d.id))));
                continue;
            }
        };
        match e.os.and_then(|i| by_os_index.get_mut(i)) {
            Some(count) => *count += 1,
            None => *by_os_other.entry(d.os.as_str()).or_default() += 1,
        }
        if let Some(count) = e.release.and_then(|i| by_release.get_mut(i)) {
            *count += 1;
        }
        if e.missing == 0 {
            ready += 1;
            continue;
        }
        for code in DeviceCode::ALL {
            if e.has(code) {
                *by_missing.get_mut(code) += 1;
                blocked.get_mut(code).push(name(index, d));
            }
        }
        if e.missing_kbs != 0 {
            if let Some(counts) = e.release.and_then(|i| by_kb.get_mut(i)) {
                for (bit, count) in counts.iter_mut().enumerate() {
                    if e.missing_kbs & (1 << bit) != 0 {
                        *count += 1;
                    }
                }
            }
        }
    }

    let mut by_os = BTreeMap::new();
    for (os, count) in p.def.operating_systems.iter().zip(&by_os_index) {
        if *count > 0 {
            by_os.insert(os.id.clone(), *count);
        }
    }
    for (text, count) in by_os_other {
        *by_os.entry(text.trim().to_owned()).or_default() += count;
    }
    // Inserted one by one: collecting into a BTreeMap sorts, and a sort
    // costs the WebAssembly module several kilobytes.
    let mut by_windows10_version = BTreeMap::new();
    for (r, count) in p.def.windows10_releases.iter().zip(&by_release) {
        if *count > 0 {
            by_windows10_version.insert(r.version.clone(), *count);
        }
    }
    let mut missing_updates = BTreeMap::new();
    for (kbs, counts) in p.release_updates.iter().zip(&by_kb) {
        for (kb, count) in kbs.iter().zip(counts) {
            if *count > 0 {
                *missing_updates.entry(kb.to_string()).or_default() += count;
            }
        }
    }
    FleetReport {
        total: devices.len(),
        ready,
        not_ready: devices.len() - ready - invalid.len(),
        by_missing,
        by_os,
        by_windows10_version,
        missing_updates,
        blocked,
        invalid,
    }
}

fn invalid_entry<'a>(index: usize, id: Option<&'a str>, error: &crate::Error) -> InvalidEntry<'a> {
    let pointer = format!("/devices/{index}{}", error.pointer().unwrap_or_default());
    let located = error.clone().at(pointer.clone());
    InvalidEntry {
        index,
        id,
        error: ErrorInfo { code: error.code().as_str(), message: located.to_string(), pointer: Some(pointer) },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::prereq::generated_fleet::generated;

    #[test]
    fn the_summary_agrees_with_each_device_report() {
        let p = Prerequisites::builtin().unwrap();
        let devices = generated(5_000);
        let report = fleet(&p, &devices);
        assert_eq!(report.total, 5_000);
        assert!(report.invalid.is_empty());
        assert_eq!(report.ready + report.not_ready, 5_000);
        assert!(report.ready > 0 && report.not_ready > 0, "the generator covers both");

        // Recount from full per-device reports: the fast path must agree.
        let mut ready = 0;
        let mut by_missing: HashMap<&str, usize> = HashMap::new();
        let mut blocked: HashMap<&str, Vec<&str>> = HashMap::new();
        let mut by_os: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_version: BTreeMap<String, usize> = BTreeMap::new();
        let mut kbs: BTreeMap<String, usize> = BTreeMap::new();
        for d in &devices {
            let r = crate::prereq::device(&p, d).unwrap();
            ready += usize::from(r.ready);
            *by_os.entry(r.os.clone().unwrap_or_else(|| d.os.clone())).or_default() += 1;
            if let Some(v) = &r.windows10_version {
                *by_version.entry(v.clone()).or_default() += 1;
            }
            for m in &r.missing {
                *by_missing.entry(m.code).or_default() += 1;
                blocked.entry(m.code).or_default().push(&d.id);
                if m.code == "missing-update" {
                    for kb in &m.items {
                        *kbs.entry(kb.clone()).or_default() += 1;
                    }
                }
            }
        }
        assert_eq!(report.ready, ready);
        for code in DeviceCode::ALL {
            let s = code.as_str();
            assert_eq!(*report.by_missing.get(code), by_missing.get(s).copied().unwrap_or(0), "{s}");
            assert_eq!(report.blocked.get(code), blocked.get(s).unwrap_or(&Vec::new()), "{s}");
            assert!(*report.by_missing.get(code) > 0, "the generator covers {s}");
        }
        assert_eq!(report.by_os, by_os);
        assert_eq!(report.by_windows10_version, by_version);
        assert_eq!(report.missing_updates, kbs);
        assert_eq!(report.missing_updates.len(), 6, "every KB of the source is missing somewhere");
        // Spellings of one OS are counted together.
        assert!(report.by_os.contains_key("windows-10") && !report.by_os.contains_key("Windows10"));
    }

    #[test]
    fn a_bad_device_does_not_hide_the_rest() {
        let p = Prerequisites::builtin().unwrap();
        let mut entries: Vec<DeviceEntry> = generated(20).into_iter().map(DeviceEntry::from).collect();
        let mut bad = generated(1).remove(0);
        bad.id = "bad-version".into();
        bad.os = "Windows 10".into();
        bad.os_version = Some("1810".into());
        entries.insert(3, DeviceEntry::Valid(bad));
        let unreadable = crate::prereq::devices_from_json(r#"[{ "id": "bad-field", "onboarded": "no" }, 5]"#).unwrap();
        entries.splice(17..17, unreadable);
        let report = fleet(&p, &entries);
        assert_eq!(report.total, 23);
        assert_eq!(report.ready + report.not_ready, 20);
        let invalid: Vec<_> = report.invalid.iter().map(|e| (e.index, e.id, e.error.pointer.as_deref())).collect();
        assert_eq!(
            invalid,
            [
                (3, Some("bad-version"), Some("/devices/3/osVersion")),
                (17, Some("bad-field"), Some("/devices/17/onboarded")),
                (18, None, Some("/devices/18")),
            ]
        );
        assert_eq!(report.invalid[0].error.code, "invalid-input");
        let message = &report.invalid[0].error.message;
        assert!(message.starts_with("at `/devices/3/osVersion`: device `bad-version`: unknown Windows 10 version `1810`; did you mean "), "{message}");
    }

    #[test]
    fn serializes_to_the_contract_shape() {
        let p = Prerequisites::builtin().unwrap();
        let devices = generated(50);
        let json = serde_json::to_value(fleet(&p, &devices)).unwrap();
        for key in ["total", "ready", "notReady", "byMissing", "byOs", "byWindows10Version", "missingUpdates", "blocked", "invalid"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert!(json["blocked"]["not-tagged"].is_array());
        assert_eq!(json["byMissing"].as_object().unwrap().len(), 6);
        // The codes come in the source's order (serde_json::Value would sort them).
        let text = serde_json::to_string(&fleet(&p, &devices).by_missing).unwrap();
        let at: Vec<usize> = DeviceCode::ALL.iter().map(|c| text.find(&format!("\"{}\"", c.as_str())).unwrap()).collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    }

    #[test]
    fn an_empty_fleet() {
        let p = Prerequisites::builtin().unwrap();
        let report = fleet::<Device>(&p, &[]);
        assert_eq!((report.total, report.ready, report.not_ready), (0, 0, 0));
        assert!(report.by_os.is_empty());
    }
}
