//! Any bytes as ids: line 1 is the action, each later line one id of the
//! subject, its first char saying which list (`r` role, `p` TVM permission,
//! `t` TVM role, `g` device group). The ids reach `Gate::check` without going
//! through JSON, so every spelling, length and char is tried, then the same
//! subject through the resolved path (`resolve`, `can`, `check`, `check_all`).
//!
//! Invariants: a decision comes only when every id is defined (roles in any
//! case) and the subject is within its size limits; otherwise the error has
//! the code of the first problem (unknown action, size, unknown role, unknown
//! TVM permission); an allowed decision names what grants it, and that is
//! one of the subject's own grants; a scoped subject is never allowed a
//! scoped action; the resolved path agrees with `check`.
#![no_main]

use exposure_gate::{limits, DeviceGroups, ErrorCode, Subject};
use exposure_gate_fuzz::gate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let action = lines.next().unwrap_or_default();
    let mut s = Subject::default();
    for line in lines {
        let mut chars = line.chars();
        let kind = chars.next();
        let id = chars.as_str().to_owned();
        match kind {
            Some('r') => s.roles.push(id),
            Some('p') => s.tvm_permissions.push(id),
            Some('t') => s.tvm_roles.push(id),
            Some('g') => match &mut s.device_groups {
                DeviceGroups::Only(groups) => groups.push(id),
                all => *all = DeviceGroups::Only(vec![id]),
            },
            _ => {}
        }
    }
    let gate = gate();
    let doc = gate.document();
    let role_known = |r: &String| {
        doc.roles.iter().any(|d| d.id.eq_ignore_ascii_case(r) || d.template_ids.iter().any(|t| t.eq_ignore_ascii_case(r)))
    };
    let action_def = doc.actions.iter().find(|a| a.id == action);
    let roles_known = s.roles.iter().all(role_known);
    let tvm_roles_known = s.tvm_roles.iter().all(|t| doc.tvm_roles.iter().any(|d| d.id == *t));
    let permissions_known = s.tvm_permissions.iter().all(|p| doc.tvm_permissions.iter().any(|d| d.id == *p));

    let groups: &[String] = match &s.device_groups {
        DeviceGroups::Only(groups) => groups,
        DeviceGroups::All => &[],
    };
    // Sizes are checked before any id is looked up (crash 69a4268d).
    let oversized = [s.roles.len(), s.tvm_roles.len(), s.tvm_permissions.len(), groups.len()]
        .into_iter()
        .any(|n| n > limits::SUBJECT_ENTRIES)
        || groups.iter().any(|g| g.chars().count() > limits::GROUP_NAME_CHARS);

    let resolved = gate.resolve(&s);
    match gate.check(&s, action) {
        Err(err) => {
            let expected = if action_def.is_none() {
                ErrorCode::UnknownAction
            } else if oversized {
                ErrorCode::InvalidSubject
            } else if !roles_known || !tvm_roles_known {
                ErrorCode::UnknownRole
            } else {
                ErrorCode::InvalidSubject
            };
            assert_eq!(err.code(), expected, "{err}");
            assert!(err.to_string().len() < 2_000, "a bounded message");
            if action_def.is_some() {
                assert!(resolved.is_err(), "check failed on the subject, so resolve must too");
            }
        }
        Ok(d) => {
            let def = action_def.expect("a decision only for a defined action");
            assert!(roles_known && tvm_roles_known && permissions_known, "a decision only for defined ids");
            assert!(!oversized, "a decision only within the limits");
            assert_eq!(d.allowed, !d.granted_by.is_empty());
            assert!(!(d.allowed && s.device_groups.is_scoped() && def.scoped), "scope is never bypassed");
            let lower: Vec<String> = s.roles.iter().map(|r| r.to_ascii_lowercase()).collect();
            for g in &d.granted_by {
                let own_role = doc.roles.iter().any(|r| {
                    r.id == *g && (lower.contains(&r.id) || r.template_ids.iter().any(|t| lower.contains(t)))
                });
                assert!(own_role || s.tvm_roles.contains(g) || s.tvm_permissions.contains(g), "granted by `{g}`");
            }
            let me = resolved.expect("checked, so resolvable");
            assert_eq!(me.can(action).expect("known"), d.allowed);
            assert_eq!(me.check(action).expect("known"), d);
            let all = me.check_all();
            assert!(all.contains(&d));
            assert_eq!(me.allowed_actions().contains(&action), d.allowed);
            assert_eq!(gate.allowed_actions(&s).expect("resolvable"), me.allowed_actions());
        }
    }
});
