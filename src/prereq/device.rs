//! Device readiness for threat and vulnerability management (TVM).
//!
//! From the source, a device is ready when it:
//! - is onboarded to Microsoft Defender for Endpoint (`not-onboarded`);
//! - runs a supported operating system (`unsupported-os`; the table is data);
//! - has the mandatory updates of its Windows 10 version (`missing-update`,
//!   naming the KBs; 1709: KB4493441 and KB4516071, 1803: KB4493464 and
//!   KB4516045, 1809: KB4516077, 1903: KB4512941);
//! - is onboarded to Microsoft Intune or Configuration Manager (`not-managed`);
//! - has at least one security recommendation on its device page
//!   (`no-recommendations`);
//! - is tagged or co-managed (`not-tagged`).
//!
//! Each failure is its own entry. The checks are evaluated into a bitmask
//! ([`Evaluation`]) so that a fleet summary never builds a full report per
//! device; [`device`] turns one evaluation into the words a person reads.
//!
//! The source says "onboarded to Microsoft Intune and Microsoft Endpoint
//! Configuration Manager" but its purpose is "to help remediate threats";
//! either one reaches the device, so either one is enough (the issue says
//! "Intune or Configuration Manager").

use std::collections::HashMap;

use serde::Serialize;

use super::compile::Prerequisites;
use super::kb::Kb;
use super::missing::Missing;
use crate::prose::and_list;
use crate::error::{Error, ErrorCode, Result};

/// One device, as an inventory or an export describes it.
///
/// In JSON (camelCase): `id`, `onboarded`, `os`, `intune`, `configMgr`,
/// `securityRecommendations` and `coManaged` are required; `osVersion`,
/// `installedKbs` and `tags` may be left out (no version, no updates, no
/// tags). `osVersion` is needed for a Windows 10 device, as a version (`1809`)
/// or a build (`10.0.17763`). A missing boolean is an error rather than
/// `false`, so that an export without a column does not make every device
/// look unmanaged.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::Device;
///
/// let d = Device::from_json(r#"{ "id": "pc-1", "onboarded": true, "os": "Windows 10",
///     "osVersion": "10.0.17763", "installedKbs": ["KB 4516077"], "intune": true,
///     "configMgr": false, "securityRecommendations": 3, "tags": ["finance"], "coManaged": false }"#)?;
/// assert_eq!(d.installed_kbs[0].number(), 4516077);
/// let err = Device::from_json(r#"{ "id": "pc-1", "onboarded": "yes" }"#).unwrap_err();
/// assert_eq!(err.pointer(), Some("/onboarded"));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// The device id or name, as the caller shows it.
    pub id: String,
    /// Onboarded to Microsoft Defender for Endpoint.
    pub onboarded: bool,
    /// The operating system, in any spelling of the policy's table
    /// (`Windows 10`, `Windows10`, `windows-10`).
    pub os: String,
    /// The Windows version (`1809`, `21H2`) or build (`10.0.17763`,
    /// `10.0.17763.1234`, `17763`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_version: Option<String>,
    /// Installed updates.
    pub installed_kbs: Vec<Kb>,
    /// Onboarded to Microsoft Intune (through the Defender for Endpoint
    /// Intune connection).
    pub intune: bool,
    /// Onboarded to Microsoft Endpoint Configuration Manager.
    pub config_mgr: bool,
    /// How many security recommendations the device page shows.
    pub security_recommendations: u32,
    /// Device tags (blank tags do not count).
    pub tags: Vec<String>,
    /// Co-managed by Configuration Manager and Intune.
    pub co_managed: bool,
}

impl Device {
    /// Read one device from JSON text; a malformed one is an `invalid-input`
    /// error naming the field (`/osVersion`).
    ///
    /// # Example
    ///
    /// ```
    /// let err = exposure_gate::prereq::Device::from_json(r#"{ "id": "pc-1" }"#).unwrap_err();
    /// assert_eq!(err.to_string(), "at `/onboarded`: device `pc-1`: missing field `onboarded`");
    /// ```
    pub fn from_json(text: &str) -> Result<Device> {
        crate::json::from_str::<super::record::DeviceEntry>(text, ErrorCode::InvalidInput)?.into_result()
    }

    fn tagged(&self) -> bool {
        self.tags.iter().any(|t| !t.trim().is_empty())
    }
}

/// Why a device is not ready: one code per prerequisite of the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DeviceCode {
    /// Not onboarded to Microsoft Defender for Endpoint.
    NotOnboarded,
    /// The operating system is not supported (or not in the table).
    UnsupportedOs,
    /// A mandatory update of its Windows 10 version is not installed.
    MissingUpdate,
    /// Onboarded to neither Intune nor Configuration Manager.
    NotManaged,
    /// No security recommendation on the device page.
    NoRecommendations,
    /// Neither tagged nor co-managed.
    NotTagged,
}

impl DeviceCode {
    /// Every code, in the order the source lists the prerequisites.
    pub const ALL: [DeviceCode; 6] = [
        DeviceCode::NotOnboarded,
        DeviceCode::UnsupportedOs,
        DeviceCode::MissingUpdate,
        DeviceCode::NotManaged,
        DeviceCode::NoRecommendations,
        DeviceCode::NotTagged,
    ];

    /// The stable kebab-case code.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(exposure_gate::prereq::DeviceCode::MissingUpdate.as_str(), "missing-update");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            DeviceCode::NotOnboarded => "not-onboarded",
            DeviceCode::UnsupportedOs => "unsupported-os",
            DeviceCode::MissingUpdate => "missing-update",
            DeviceCode::NotManaged => "not-managed",
            DeviceCode::NoRecommendations => "no-recommendations",
            DeviceCode::NotTagged => "not-tagged",
        }
    }

    /// What to do about the code, for any device (a device report's own
    /// `fix` may be more precise: the KBs it lacks, its operating system).
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::DeviceCode;
    ///
    /// assert!(DeviceCode::NotTagged.fix().contains("co-manage"));
    /// ```
    pub fn fix(self) -> &'static str {
        match self {
            DeviceCode::NotOnboarded => "Onboard the device to Microsoft Defender for Endpoint (Microsoft Defender portal > Settings > Endpoints > Onboarding).",
            DeviceCode::UnsupportedOs => "Run the device on an operating system that threat and vulnerability management supports.",
            DeviceCode::MissingUpdate => "Install the mandatory updates of the device's Windows 10 version (Windows Update, WSUS or Configuration Manager) so that vulnerability assessment detects well.",
            DeviceCode::NotManaged => "Enroll the device in Microsoft Intune, or manage it with Microsoft Endpoint Configuration Manager (with the console updated to the latest version).",
            DeviceCode::NoRecommendations => "Check that the device reports to Defender for Endpoint and wait for its first assessment (a newly onboarded device can take a few hours), until its device page shows at least one security recommendation.",
            DeviceCode::NotTagged => "Add a tag on the device page (Manage tags) in the Microsoft Defender portal, or co-manage the device with Configuration Manager and Intune.",
        }
    }

    pub(crate) const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// What is wrong with a device, as bits: no strings, no allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Evaluation {
    /// [`DeviceCode::bit`]s of the failed checks.
    pub(crate) missing: u8,
    /// Index of the operating system in the table, if recognised.
    pub(crate) os: Option<usize>,
    /// Index of the Windows 10 release, for a Windows 10 device.
    pub(crate) release: Option<usize>,
    /// Bits over the release's mandatory updates: those not installed.
    pub(crate) missing_kbs: u32,
}

impl Evaluation {
    pub(crate) fn has(&self, code: DeviceCode) -> bool {
        self.missing & code.bit() != 0
    }
}

/// Lookups by the text as given, so that a fleet resolves each distinct OS
/// and version spelling once, not once per device.
#[derive(Default)]
pub(crate) struct Lookups<'a> {
    os: HashMap<&'a str, Option<usize>>,
    release: HashMap<&'a str, Option<usize>>,
}

impl<'a> Lookups<'a> {
    fn os(&mut self, p: &Prerequisites, os: &'a str) -> Option<usize> {
        *self.os.entry(os).or_insert_with(|| p.os_index(os))
    }

    fn release(&mut self, p: &Prerequisites, version: &'a str) -> Option<usize> {
        *self.release.entry(version).or_insert_with(|| p.release_index(version))
    }
}

/// Evaluate every check of one device. The only error is a Windows 10 device
/// whose version is missing or not a Windows 10 version: its mandatory
/// updates cannot be known, and guessing could call it ready.
pub(crate) fn evaluate<'a>(p: &Prerequisites, d: &'a Device, lookups: &mut Lookups<'a>) -> Result<Evaluation> {
    let mut missing = 0u8;
    if !d.onboarded {
        missing |= DeviceCode::NotOnboarded.bit();
    }
    let os = lookups.os(p, &d.os);
    let supported = os.and_then(|i| p.def.operating_systems.get(i)).is_some_and(|o| o.supported);
    if !supported {
        missing |= DeviceCode::UnsupportedOs.bit();
    }
    let mut release = None;
    let mut missing_kbs = 0u32;
    if os.is_some() && os == p.windows10 {
        let version = d.os_version.as_deref().map(str::trim).filter(|v| !v.is_empty());
        let Some(version) = version else {
            return Err(Error::new(
                ErrorCode::InvalidInput,
                "a Windows 10 device needs `osVersion`, such as `1809` or `10.0.17763`",
            )
            .at("/osVersion"));
        };
        let Some(index) = lookups.release(p, version) else {
            let versions = p.def.windows10_releases.iter().map(|r| r.version.as_str());
            return Err(Error::unknown(ErrorCode::InvalidInput, "Windows 10 version", version, versions).at("/osVersion"));
        };
        release = Some(index);
        for (bit, kb) in p.release_updates.get(index).into_iter().flatten().enumerate() {
            if !d.installed_kbs.contains(kb) {
                missing_kbs |= 1 << bit;
            }
        }
        if missing_kbs != 0 {
            missing |= DeviceCode::MissingUpdate.bit();
        }
    }
    if !d.intune && !d.config_mgr {
        missing |= DeviceCode::NotManaged.bit();
    }
    if d.security_recommendations == 0 {
        missing |= DeviceCode::NoRecommendations.bit();
    }
    if !d.tagged() && !d.co_managed {
        missing |= DeviceCode::NotTagged.bit();
    }
    Ok(Evaluation { missing, os, release, missing_kbs })
}

/// The KBs of a release that an evaluation found missing.
pub(crate) fn missing_kbs(p: &Prerequisites, e: &Evaluation) -> Vec<Kb> {
    let updates = e.release.and_then(|i| p.release_updates.get(i));
    updates
        .into_iter()
        .flatten()
        .enumerate()
        .filter(|(bit, _)| e.missing_kbs & (1 << bit) != 0)
        .map(|(_, kb)| *kb)
        .collect()
}

/// The device report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceReport {
    /// The device id, as given.
    pub id: String,
    /// Whether every prerequisite is met.
    pub ready: bool,
    /// The operating system's id in the table; `null` when not recognised.
    pub os: Option<String>,
    /// The Windows 10 version (`1809`) of a Windows 10 device.
    pub windows10_version: Option<String>,
    /// One entry per failed check, in the source's order.
    pub missing: Vec<Missing>,
    /// Options this device gives in remediation requests.
    pub options: DeviceOptions,
}

/// Options a device gives in remediation requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceOptions {
    /// Whether "create an Intune security task" is offered when creating a
    /// remediation request: only with the Intune connection on.
    pub intune_security_task: bool,
    /// Why it is or is not offered.
    pub intune_security_task_reason: String,
}

/// Whether one device is ready for threat and vulnerability management, each
/// missing prerequisite with its fix, and whether remediation requests can
/// create an Intune security task for it.
///
/// The Intune option follows the device's `intune` field: the source offers
/// the option when "the Intune connection" is enabled, and a device is in
/// Intune for Defender for Endpoint through that connection.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, Device, Kb, Prerequisites};
///
/// let p = Prerequisites::builtin()?;
/// let d = Device {
///     id: "pc-7".into(), onboarded: true, os: "Windows 10".into(),
///     os_version: Some("1709".into()), installed_kbs: vec![Kb::new(4493441)],
///     intune: false, config_mgr: true, security_recommendations: 2,
///     tags: vec![], co_managed: true,
/// };
/// let report = prereq::device(&p, &d)?;
/// assert!(!report.ready);
/// assert_eq!(report.missing[0].code, "missing-update");
/// assert_eq!(report.missing[0].items, ["KB4516071"]);
/// assert!(!report.options.intune_security_task);
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn device(p: &Prerequisites, d: &Device) -> Result<DeviceReport> {
    let e = evaluate(p, d, &mut Lookups::default()).map_err(|err| with_device(err, Some(&d.id)))?;
    let os_def = e.os.and_then(|i| p.def.operating_systems.get(i));
    let release = e.release.and_then(|i| p.def.windows10_releases.get(i));
    let mut missing = Vec::new();
    for code in DeviceCode::ALL {
        if !e.has(code) {
            continue;
        }
        missing.push(match code {
            DeviceCode::NotOnboarded => {
                Missing::new(code.as_str(), "The device is not onboarded to Microsoft Defender for Endpoint.", code.fix())
            }
            DeviceCode::UnsupportedOs => unsupported_os(p, &d.os, os_def.map(|o| (o.name.as_str(), o.note.as_str()))),
            DeviceCode::MissingUpdate => {
                let kbs: Vec<String> = missing_kbs(p, &e).iter().map(Kb::to_string).collect();
                let version = release.map_or("", |r| r.version.as_str());
                Missing::new(
                    code.as_str(),
                    format!(
                        "Windows 10 version {version} lacks the mandatory {} {}.",
                        if kbs.len() == 1 { "update" } else { "updates" },
                        and_list(&kbs)
                    ),
                    format!(
                        "Install {} (Windows Update, WSUS or Configuration Manager) so that vulnerability assessment detects well.",
                        and_list(&kbs)
                    ),
                )
                .with_items(kbs)
            }
            DeviceCode::NotManaged => Missing::new(
                code.as_str(),
                "The device is onboarded to neither Microsoft Intune nor Configuration Manager, so remediation cannot reach it.",
                code.fix(),
            ),
            DeviceCode::NoRecommendations => {
                Missing::new(code.as_str(), "The device page shows no security recommendation.", code.fix())
            }
            DeviceCode::NotTagged => Missing::new(code.as_str(), "The device is neither tagged nor co-managed.", code.fix()),
        });
    }
    let (intune_security_task, intune_security_task_reason) = if d.intune {
        (true, "The Intune connection is on for this device, so a remediation request can create an Intune security task.".to_owned())
    } else {
        (
            false,
            "The device is not onboarded to Intune through the Intune connection, so a remediation request cannot create an Intune security task; turn on the Microsoft Intune connection (Settings > Endpoints > Advanced features) and enroll the device in Intune.".to_owned(),
        )
    };
    Ok(DeviceReport {
        id: d.id.clone(),
        ready: e.missing == 0,
        os: os_def.map(|o| o.id.clone()),
        windows10_version: release.map(|r| r.version.clone()),
        missing,
        options: DeviceOptions { intune_security_task, intune_security_task_reason },
    })
}

fn unsupported_os(p: &Prerequisites, os: &str, known: Option<(&str, &str)>) -> Missing {
    let supported: Vec<&str> =
        p.def.operating_systems.iter().filter(|o| o.supported).map(|o| o.name.as_str()).collect();
    let fix = format!("Run the device on a supported operating system: {}.", and_list(&supported));
    match known {
        Some((name, note)) => {
            let why = if note.is_empty() { String::new() } else { format!(" ({note})") };
            Missing::new(
                DeviceCode::UnsupportedOs.as_str(),
                format!("{name} is not supported by threat and vulnerability management{why}."),
                fix,
            )
        }
        None => {
            let ids = p.def.operating_systems.iter().map(|o| o.id.as_str());
            let near = crate::suggest::nearest(os, ids);
            let hint = match near.first() {
                Some(id) => format!(" If `{}` means `{id}`, write it that way.", crate::suggest::clip(os)),
                None => String::new(),
            };
            Missing::new(
                DeviceCode::UnsupportedOs.as_str(),
                format!("The operating system `{}` is not in the supported operating systems table.", crate::suggest::clip(os)),
                format!("{fix}{hint}"),
            )
        }
    }
}

/// Name the device in an error about it.
pub(crate) fn with_device(err: Error, id: Option<&str>) -> Error {
    let Some(id) = id.filter(|id| !id.is_empty()) else {
        return err;
    };
    let message = format!("device `{}`: {}", crate::suggest::clip(id), err.message());
    let mut out = Error::new(err.code(), message).with_suggestions(err.suggestions().to_vec());
    if let Some(pointer) = err.pointer() {
        out = out.at(pointer);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> Prerequisites {
        Prerequisites::builtin().unwrap()
    }

    /// A Windows 10 1809 device that meets every prerequisite.
    pub(crate) fn ready() -> Device {
        Device {
            id: "pc-1".into(),
            onboarded: true,
            os: "Windows 10".into(),
            os_version: Some("1809".into()),
            installed_kbs: vec![Kb::new(4516077)],
            intune: true,
            config_mgr: false,
            security_recommendations: 1,
            tags: vec!["finance".into()],
            co_managed: false,
        }
    }

    fn codes(d: &Device) -> Vec<&'static str> {
        device(&p(), d).unwrap().missing.iter().map(|m| m.code).collect()
    }

    #[test]
    fn a_device_meeting_everything_is_ready() {
        let r = device(&p(), &ready()).unwrap();
        assert!(r.ready, "{:?}", r.missing);
        assert!(r.missing.is_empty());
        assert_eq!(r.os.as_deref(), Some("windows-10"));
        assert_eq!(r.windows10_version.as_deref(), Some("1809"));
    }

    #[test]
    fn each_rule_on_its_own() {
        let mut d = ready();
        d.onboarded = false;
        assert_eq!(codes(&d), ["not-onboarded"]);

        let mut d = ready();
        d.intune = false;
        assert_eq!(codes(&d), ["not-managed"]);
        d.config_mgr = true;
        assert!(codes(&d).is_empty(), "Configuration Manager alone is enough");

        let mut d = ready();
        d.security_recommendations = 0;
        assert_eq!(codes(&d), ["no-recommendations"]);

        let mut d = ready();
        d.tags = vec![" ".into()];
        assert_eq!(codes(&d), ["not-tagged"]);
        d.co_managed = true;
        assert!(codes(&d).is_empty(), "co-managed is enough without a tag");

        let mut d = ready();
        d.installed_kbs.clear();
        assert_eq!(codes(&d), ["missing-update"]);
    }

    #[test]
    fn every_failure_is_its_own_entry() {
        let d = Device { id: "x".into(), os: "Windows 8.1".into(), ..Device::default() };
        assert_eq!(codes(&d), ["not-onboarded", "unsupported-os", "not-managed", "no-recommendations", "not-tagged"]);
        let r = device(&p(), &d).unwrap();
        assert!(!r.ready);
        assert_eq!(r.missing.len(), 5);
        assert!(r.missing.iter().all(|m| !m.fix.is_empty() && m.fix.ends_with('.')));
    }

    #[test]
    fn each_kb_row_of_the_source() {
        let rows: [(&str, &str, &[u32]); 4] = [
            ("1709", "10.0.16299", &[4493441, 4516071]),
            ("1803", "10.0.17134", &[4493464, 4516045]),
            ("1809", "10.0.17763", &[4516077]),
            ("1903", "10.0.18362", &[4512941]),
        ];
        for (version, build, kbs) in rows {
            for spelling in [version, build] {
                let mut d = ready();
                d.os_version = Some(spelling.into());
                d.installed_kbs = kbs.iter().map(|&n| Kb::new(n)).collect();
                assert!(codes(&d).is_empty(), "{spelling} with all its KBs");
                d.installed_kbs.clear();
                let r = device(&p(), &d).unwrap();
                let want: Vec<String> = kbs.iter().map(|n| format!("KB{n}")).collect();
                assert_eq!(r.missing[0].code, "missing-update", "{spelling}");
                assert_eq!(r.missing[0].items, want, "{spelling}");
                assert!(r.missing[0].message.contains(&and_list(&want)));
                assert_eq!(r.windows10_version.as_deref(), Some(version));
                // One of two installed: only the other is missing.
                if kbs.len() == 2 {
                    d.installed_kbs = vec![Kb::new(kbs[1])];
                    assert_eq!(device(&p(), &d).unwrap().missing[0].items, [format!("KB{}", kbs[0])]);
                }
            }
        }
        // The KBs of another release do not count.
        let mut d = ready();
        d.os_version = Some("1903".into());
        assert_eq!(codes(&d), ["missing-update"]);
    }

    #[test]
    fn releases_without_mandatory_updates_need_none() {
        for version in ["1607", "1909", "21H2", "22h2", "10.0.19045.3803"] {
            let mut d = ready();
            d.os_version = Some(version.into());
            d.installed_kbs.clear();
            assert!(codes(&d).is_empty(), "{version}");
        }
    }

    #[test]
    fn updates_apply_to_windows_10_only() {
        let mut d = ready();
        d.os = "Windows Server 2019".into();
        d.os_version = Some("10.0.17763".into()); // the same build as 1809
        d.installed_kbs.clear();
        assert!(codes(&d).is_empty());
        let r = device(&p(), &d).unwrap();
        assert_eq!(r.windows10_version, None);
        d.os_version = None;
        assert!(codes(&d).is_empty(), "no version needed off Windows 10");
    }

    #[test]
    fn a_windows_10_version_is_required_and_must_be_known() {
        let mut d = ready();
        d.os_version = None;
        let err = device(&p(), &d).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert_eq!(err.pointer(), Some("/osVersion"));
        assert_eq!(err.message(), "device `pc-1`: a Windows 10 device needs `osVersion`, such as `1809` or `10.0.17763`");
        d.os_version = Some("  ".into());
        assert!(device(&p(), &d).is_err());
        d.os_version = Some("1810".into());
        let err = device(&p(), &d).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("at `/osVersion`: device `pc-1`: unknown Windows 10 version `1810`; did you mean "), "{text}");
        assert!(err.suggestions().contains(&"1809".to_owned()), "{text}");
        d.os_version = Some("10.0.22631".into()); // a Windows 11 build
        assert!(device(&p(), &d).is_err());
    }

    #[test]
    fn unsupported_and_unknown_operating_systems() {
        let mut d = ready();
        d.os = "Windows 8.1".into();
        let r = device(&p(), &d).unwrap();
        assert_eq!(r.missing[0].code, "unsupported-os");
        assert_eq!(r.missing[0].message, "Windows 8.1 is not supported by threat and vulnerability management (not assessed at the source's date).");
        assert_eq!(r.os.as_deref(), Some("windows-8.1"));
        d.os = "Windos 10".into();
        let r = device(&p(), &d).unwrap();
        assert_eq!(r.os, None);
        assert_eq!(r.missing[0].message, "The operating system `Windos 10` is not in the supported operating systems table.");
        assert!(r.missing[0].fix.ends_with("If `Windos 10` means `windows-10`, write it that way."), "{}", r.missing[0].fix);
        for os in ["macOS", "Linux", "Windows 11", "WindowsServer2022", "Windows 7"] {
            d.os = os.into();
            assert!(codes(&d).is_empty(), "{os}");
        }
    }

    #[test]
    fn the_intune_security_task_option() {
        let r = device(&p(), &ready()).unwrap();
        assert!(r.options.intune_security_task);
        let mut d = ready();
        d.intune = false;
        d.config_mgr = true;
        let r = device(&p(), &d).unwrap();
        assert!(r.ready);
        assert!(!r.options.intune_security_task);
        assert!(r.options.intune_security_task_reason.contains("Intune connection"));
    }

    #[test]
    fn serializes_to_the_contract_shape() {
        let json = serde_json::to_value(device(&p(), &ready()).unwrap()).unwrap();
        assert_eq!(json["ready"], true);
        assert_eq!(json["options"]["intuneSecurityTask"], true);
        assert_eq!(json["windows10Version"], "1809");
        assert_eq!(json["missing"], serde_json::json!([]));
        let device_json = serde_json::to_value(ready()).unwrap();
        assert_eq!(device_json["installedKbs"], serde_json::json!(["KB4516077"]));
        assert_eq!(device_json["configMgr"], false);
    }
}
