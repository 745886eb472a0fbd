//! Licensing: is Exposure Management available, and how good is its data?
//!
//! From the source ("Licensing requirements"): Exposure Management is
//! available with any Microsoft Defender licence; at least two Microsoft
//! Security workloads are recommended (such as a P1/P2/E3 licence and
//! Defender for Identity); the optimal experience needs an E5 licence and the
//! Defender CSPM plan of Defender for Cloud; and security recommendations from
//! Defender for Cloud flow in only with that plan, whatever the level.
//!
//! Which licence brings which workload is data (the licence catalogue of the
//! policy, see [`PrerequisitesDef`](super::PrerequisitesDef)). The levels are
//! a ladder: each includes the one below it.
//!
//! Assumptions where the source is silent:
//! - a workload is counted once, however many licences bring it (Defender for
//!   Endpoint P2 and Microsoft 365 E3 are one endpoint workload);
//! - the Defender CSPM plan is a plan of Defender for Cloud, so having it on
//!   means the tenant has the Defender for Cloud workload;
//! - the optimal level also needs the recommended one (with the built-in
//!   catalogue every E5 licence brings four workloads, so this only matters for
//!   custom catalogues).

use serde::Serialize;

use super::compile::Prerequisites;
use super::missing::Missing;
use crate::prose::{and_list, or_list};
use crate::error::{ErrorCode, Result};
use crate::json::readable;

/// What a tenant has: licence ids (or Graph SKU part numbers), workload ids it
/// has by other means, and whether the Defender CSPM plan is on. Every field
/// may be left out.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::LicensingInput;
///
/// let input = LicensingInput::from_json(r#"{ "licenses": ["m365-e5"], "defenderCspm": true }"#)?;
/// assert_eq!(input.licenses, ["m365-e5"]);
/// assert!(LicensingInput::from_json(r#"{ "defenderCspm": "yes" }"#).is_err());
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicensingInput {
    /// Licence ids from the catalogue (`m365-e5`) or Graph `skuPartNumber`s
    /// (`SPE_E5`), in any case.
    pub licenses: Vec<String>,
    /// Workload ids the tenant has whatever the licence (`defender-identity`).
    pub workloads: Vec<String>,
    /// Whether the Defender CSPM plan of Microsoft Defender for Cloud is on.
    pub defender_cspm: bool,
}

impl LicensingInput {
    /// Read the input from JSON text; a malformed one is an `invalid-input`
    /// error pointing at the bad value.
    ///
    /// # Example
    ///
    /// ```
    /// let err = exposure_gate::prereq::LicensingInput::from_json(r#"{ "licenses": [1] }"#).unwrap_err();
    /// assert_eq!(err.pointer(), Some("/licenses/0"));
    /// ```
    pub fn from_json(text: &str) -> Result<LicensingInput> {
        crate::json::from_str(text, ErrorCode::InvalidInput)
    }
}

readable! { LicensingInput, "an object with `licenses`, `workloads` and `defenderCspm`", {
    licenses: "licenses" or_default,
    workloads: "workloads" or_default,
    defender_cspm: "defenderCspm" or_default,
} }

/// How much of Exposure Management a tenant's licences give.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LicensingLevel {
    /// No Microsoft Defender licence: Exposure Management is not available.
    Unavailable,
    /// Any Microsoft Defender licence.
    Available,
    /// At least two Microsoft Security workloads.
    Recommended,
    /// An E5 licence and the Defender CSPM plan.
    Optimal,
}

impl LicensingLevel {
    /// The JSON form: `unavailable`, `available`, `recommended`, `optimal`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(exposure_gate::prereq::LicensingLevel::Optimal.as_str(), "optimal");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            LicensingLevel::Unavailable => "unavailable",
            LicensingLevel::Available => "available",
            LicensingLevel::Recommended => "recommended",
            LicensingLevel::Optimal => "optimal",
        }
    }
}

/// An id that is not in the catalogue, with the nearest ids that are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnknownId {
    /// The id as given.
    pub id: String,
    /// The nearest catalogue ids, best first.
    pub suggestions: Vec<String>,
}

/// The licensing report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LicensingReport {
    /// The level reached.
    pub level: LicensingLevel,
    /// One sentence on the level.
    pub message: String,
    /// The recognised licences, as catalogue ids, in input order, once each.
    pub licenses: Vec<String>,
    /// The Microsoft Security workloads the tenant has, in catalogue order.
    pub workloads: Vec<String>,
    /// Whether an E5 licence is among the licences.
    pub e5: bool,
    /// Whether the Defender CSPM plan is on (as given).
    pub defender_cspm: bool,
    /// Whether security recommendations from Defender for Cloud flow into
    /// Exposure Management: only with the Defender CSPM plan.
    pub defender_for_cloud_recommendations: bool,
    /// Licence ids not in the catalogue (not counted).
    pub unknown_licenses: Vec<UnknownId>,
    /// Workload ids not in the catalogue (not counted).
    pub unknown_workloads: Vec<UnknownId>,
    /// What is missing for the optimal level, and anything not counted.
    pub missing: Vec<Missing>,
}

/// The licensing level of a tenant, what it lacks for the optimal one, and
/// whether Defender for Cloud recommendations flow in. Unknown ids are
/// reported (with the nearest known ids), never silently ignored.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{self, LicensingInput, LicensingLevel, Prerequisites};
///
/// let p = Prerequisites::builtin()?;
/// let input = LicensingInput {
///     licenses: vec!["defender-endpoint-p2".into(), "defender-identity".into()],
///     ..LicensingInput::default()
/// };
/// let report = prereq::licensing(&p, &input);
/// assert_eq!(report.level, LicensingLevel::Recommended);
/// assert!(!report.defender_for_cloud_recommendations);
/// let codes: Vec<_> = report.missing.iter().map(|m| m.code).collect();
/// assert_eq!(codes, ["no-e5", "no-defender-cspm"]);
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn licensing(p: &Prerequisites, input: &LicensingInput) -> LicensingReport {
    let def = p.def();
    let mut missing = Vec::new();
    let mut licenses: Vec<usize> = Vec::new();
    let mut unknown_licenses = Vec::new();
    let mut bits = 0u64;
    for id in &input.licenses {
        match p.license_index(id) {
            Some(i) => {
                if !licenses.contains(&i) {
                    licenses.push(i);
                    bits |= p.license_workloads.get(i).copied().unwrap_or(0);
                }
            }
            None => {
                let unknown = unknown(id, def.licenses.iter().map(|l| l.id.as_str()));
                missing.push(unknown_missing("unknown-license", "licence", &unknown, "prerequisites.licenses"));
                unknown_licenses.push(unknown);
            }
        }
    }
    let mut unknown_workloads = Vec::new();
    for id in &input.workloads {
        match def.workloads.iter().position(|w| w.id.eq_ignore_ascii_case(id.trim())) {
            Some(bit) => bits |= 1 << bit,
            None => {
                let unknown = unknown(id, def.workloads.iter().map(|w| w.id.as_str()));
                missing.push(unknown_missing("unknown-workload", "workload", &unknown, "prerequisites.workloads"));
                unknown_workloads.push(unknown);
            }
        }
    }
    if input.defender_cspm {
        if let Some(bit) = def.workloads.iter().position(|w| w.id == "defender-cloud") {
            bits |= 1 << bit;
        }
    }
    let licence_defs: Vec<_> = licenses.iter().filter_map(|&i| def.licenses.get(i)).collect();
    let e5 = licence_defs.iter().any(|l| l.e5);
    let workloads: Vec<_> = def.workloads.iter().enumerate().filter(|(bit, _)| bits & (1 << bit) != 0).map(|(_, w)| w).collect();
    let workload_names: Vec<&str> = workloads.iter().map(|w| w.name.as_str()).collect();

    let level = match workloads.len() {
        0 => LicensingLevel::Unavailable,
        1 => LicensingLevel::Available,
        _ if e5 && input.defender_cspm => LicensingLevel::Optimal,
        _ => LicensingLevel::Recommended,
    };

    if workloads.is_empty() {
        let without: Vec<&str> = licence_defs.iter().map(|l| l.name.as_str()).collect();
        let mut message =
            "No Microsoft Defender licence was found, and Exposure Management needs one (any will do).".to_owned();
        if !without.is_empty() {
            let verb = if without.len() == 1 { "brings" } else { "bring" };
            message.push_str(&format!(" {} {verb} no Defender workload.", and_list(&without)));
        }
        missing.push(Missing::new(
            "no-defender-license",
            message,
            "Get a Microsoft Defender licence, such as Microsoft Defender for Endpoint Plan 1 or 2, Microsoft Defender for Identity, or Microsoft 365 E5, and assign it in the Microsoft 365 admin center.",
        ));
    } else if workloads.len() == 1 {
        let next = def
            .workloads
            .iter()
            .enumerate()
            .filter(|(bit, _)| bits & (1 << bit) == 0)
            .map(|(_, w)| w)
            .find(|w| w.id == "defender-identity")
            .or_else(|| def.workloads.iter().enumerate().find(|(bit, _)| bits & (1 << bit) == 0).map(|(_, w)| w));
        let fix = match next {
            Some(w) => format!("Add a second Microsoft Security workload, such as {}, so that Exposure Management has more data to work from.", w.name),
            None => "Add a second Microsoft Security workload, so that Exposure Management has more data to work from.".to_owned(),
        };
        missing.push(Missing::new(
            "one-workload",
            format!(
                "Only one Microsoft Security workload ({}) feeds Exposure Management; at least two are recommended.",
                and_list(&workload_names)
            ),
            fix,
        ));
    }
    if !e5 {
        let e5_names: Vec<&str> = def.licenses.iter().filter(|l| l.e5).map(|l| l.name.as_str()).collect();
        let fix = if e5_names.is_empty() {
            "The licence catalogue of this policy has no E5 licence; add one (`\"e5\": true`) to reach the optimal level.".to_owned()
        } else {
            format!("Get an E5 licence: {}.", or_list(&e5_names))
        };
        missing.push(Missing::new(
            "no-e5",
            "No E5 licence was found; the optimal experience needs an E5 licence and the Defender CSPM plan.",
            fix,
        ));
    }
    if !input.defender_cspm {
        missing.push(Missing::new(
            "no-defender-cspm",
            "The Defender CSPM plan of Microsoft Defender for Cloud is off, so security recommendations from Defender for Cloud do not flow into Exposure Management.",
            "In Microsoft Defender for Cloud, open Environment settings, select each Azure subscription (and each AWS or GCP connector) and turn on the Defender CSPM plan.",
        ));
    }

    let message = match level {
        LicensingLevel::Unavailable => {
            "Exposure Management is not available: no Microsoft Defender licence was found.".to_owned()
        }
        LicensingLevel::Available => format!(
            "Exposure Management is available, with data from one Microsoft Security workload ({}).",
            and_list(&workload_names)
        ),
        LicensingLevel::Recommended => format!(
            "Exposure Management has the recommended data, from {} Microsoft Security workloads ({}).",
            workloads.len(),
            and_list(&workload_names)
        ),
        LicensingLevel::Optimal => {
            "Exposure Management has the optimal experience: an E5 licence and the Defender CSPM plan.".to_owned()
        }
    };

    LicensingReport {
        level,
        message,
        licenses: licence_defs.iter().map(|l| l.id.clone()).collect(),
        workloads: workloads.iter().map(|w| w.id.clone()).collect(),
        e5,
        defender_cspm: input.defender_cspm,
        defender_for_cloud_recommendations: input.defender_cspm,
        unknown_licenses,
        unknown_workloads,
        missing,
    }
}

fn unknown<'a>(id: &str, candidates: impl IntoIterator<Item = &'a str>) -> UnknownId {
    UnknownId { id: crate::suggest::clip(id), suggestions: crate::suggest::nearest(id, candidates) }
}

fn unknown_missing(code: &'static str, what: &str, unknown: &UnknownId, table: &str) -> Missing {
    let check = match unknown.suggestions.as_slice() {
        [] => "Check the spelling".to_owned(),
        some => {
            let quoted: Vec<String> = some.iter().map(|s| format!("`{s}`")).collect();
            format!("Check the spelling (did you mean {}?)", or_list(&quoted))
        }
    };
    Missing::new(
        code,
        format!("`{}` is not a {what} in the catalogue, so it was not counted.", unknown.id),
        format!("{check}, or add the {what} to `{table}` in a custom policy."),
    )
    .with_items(vec![unknown.id.clone()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(licenses: &[&str], workloads: &[&str], cspm: bool) -> LicensingReport {
        let p = Prerequisites::builtin().unwrap();
        let input = LicensingInput {
            licenses: licenses.iter().map(|s| s.to_string()).collect(),
            workloads: workloads.iter().map(|s| s.to_string()).collect(),
            defender_cspm: cspm,
        };
        licensing(&p, &input)
    }

    fn codes(r: &LicensingReport) -> Vec<&'static str> {
        r.missing.iter().map(|m| m.code).collect()
    }

    #[test]
    fn no_defender_licence_is_unavailable() {
        let r = report(&[], &[], false);
        assert_eq!(r.level, LicensingLevel::Unavailable);
        assert_eq!(codes(&r), ["no-defender-license", "no-e5", "no-defender-cspm"]);
        // Licences that bring no Defender workload do not make it available.
        let r = report(&["o365-e3", "ems-e3"], &[], false);
        assert_eq!(r.level, LicensingLevel::Unavailable);
        assert_eq!(r.licenses, ["o365-e3", "ems-e3"]);
        assert!(r.missing[0].message.contains("Office 365 E3 and Enterprise Mobility + Security E3 bring no"));
    }

    #[test]
    fn any_defender_licence_is_available() {
        for licence in ["defender-endpoint-p1", "defender-endpoint-p2", "defender-business", "defender-identity",
                        "defender-office-p1", "defender-office-p2", "defender-cloud-apps", "defender-cloud", "m365-e3"] {
            let r = report(&[licence], &[], false);
            assert_eq!(r.level, LicensingLevel::Available, "{licence}");
            assert_eq!(codes(&r), ["one-workload", "no-e5", "no-defender-cspm"], "{licence}");
        }
    }

    #[test]
    fn two_workloads_are_recommended() {
        // The source's example: a P1/P2/E3 licence and Defender for Identity.
        for endpoint in ["defender-endpoint-p1", "defender-endpoint-p2", "m365-e3"] {
            let r = report(&[endpoint, "defender-identity"], &[], false);
            assert_eq!(r.level, LicensingLevel::Recommended, "{endpoint}");
            assert_eq!(r.workloads, ["defender-endpoint", "defender-identity"]);
        }
        // Two licences of the same workload are one workload.
        let r = report(&["defender-endpoint-p1", "defender-endpoint-p2", "m365-e3", "defender-business"], &[], false);
        assert_eq!(r.level, LicensingLevel::Available);
        // Workloads given directly count too.
        let r = report(&[], &["defender-endpoint", "Defender-Identity"], false);
        assert_eq!(r.level, LicensingLevel::Recommended);
        // EMS E5 alone brings two workloads, but is not the E5 of the optimal level.
        let r = report(&["ems-e5"], &[], true);
        assert_eq!(r.level, LicensingLevel::Recommended);
        assert!(!r.e5);
    }

    #[test]
    fn e5_and_defender_cspm_are_optimal() {
        for e5 in ["m365-e5", "m365-a5", "m365-g5", "SPE_E5"] {
            let r = report(&[e5], &[], true);
            assert_eq!(r.level, LicensingLevel::Optimal, "{e5}");
            assert!(r.missing.is_empty(), "{e5}: {:?}", r.missing);
            assert!(r.defender_for_cloud_recommendations);
        }
        // The E5 Security add-on on top of E3.
        let r = report(&["m365-e3", "m365-e5-security"], &[], true);
        assert_eq!(r.level, LicensingLevel::Optimal);
        // E5 without the plan is only recommended, and says why.
        let r = report(&["m365-e5"], &[], false);
        assert_eq!(r.level, LicensingLevel::Recommended);
        assert_eq!(codes(&r), ["no-defender-cspm"]);
        assert!(!r.defender_for_cloud_recommendations);
        // The plan without E5 is not optimal either.
        let r = report(&["defender-endpoint-p2", "defender-identity"], &[], true);
        assert_eq!(r.level, LicensingLevel::Recommended);
        assert_eq!(codes(&r), ["no-e5"]);
    }

    #[test]
    fn defender_cspm_is_reported_whatever_the_level() {
        let r = report(&[], &[], true);
        // The plan belongs to Defender for Cloud, which is a Defender workload.
        assert_eq!(r.level, LicensingLevel::Available);
        assert_eq!(r.workloads, ["defender-cloud"]);
        assert!(r.defender_for_cloud_recommendations);
        for (licences, level) in [(&[][..], LicensingLevel::Unavailable), (&["m365-e5"][..], LicensingLevel::Recommended)] {
            let r = report(licences, &[], false);
            assert_eq!(r.level, level);
            assert!(!r.defender_for_cloud_recommendations);
            assert!(codes(&r).contains(&"no-defender-cspm"));
        }
    }

    #[test]
    fn unknown_ids_are_reported_with_suggestions() {
        let r = report(&["defender-endpoint-p3", "defender-endpoint-p1"], &["defender-identiy"], false);
        let suggestions = vec!["defender-endpoint-p1".to_owned(), "defender-endpoint-p2".to_owned()];
        assert_eq!(r.unknown_licenses, [UnknownId { id: "defender-endpoint-p3".into(), suggestions }]);
        assert_eq!(r.unknown_workloads[0].suggestions, ["defender-identity"]);
        assert_eq!(codes(&r), ["unknown-license", "unknown-workload", "one-workload", "no-e5", "no-defender-cspm"]);
        let fix = &r.missing[0].fix;
        assert!(fix.contains("did you mean `defender-endpoint-p1` or `defender-endpoint-p2`?"), "{fix}");
        assert_eq!(r.missing[0].items, ["defender-endpoint-p3"]);
        // Not counted: only the endpoint workload.
        assert_eq!(r.level, LicensingLevel::Available);
    }

    #[test]
    fn serializes_to_the_contract_shape() {
        let r = report(&["m365-e5"], &[], true);
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(json["level"], "optimal");
        assert_eq!(json["defenderForCloudRecommendations"], true);
        assert_eq!(json["missing"], serde_json::json!([]));
        assert_eq!(json["workloads"], serde_json::json!(["defender-endpoint", "defender-identity", "defender-office", "defender-cloud-apps", "defender-cloud"]));
    }

    #[test]
    fn reads_input_with_pointers() {
        let input = LicensingInput::from_json(r#"{ "licenses": ["m365-e5"], "workloads": [], "defenderCspm": true }"#).unwrap();
        assert!(input.defender_cspm);
        let err = LicensingInput::from_json(r#"{ "licences": [] }"#).unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::InvalidInput);
        assert!(err.message().contains("unknown field `licences`"), "{err}");
        let err = LicensingInput::from_json(r#""m365-e5""#).unwrap_err();
        assert!(err.message().contains("an object with `licenses`"), "{err}");
    }
}
