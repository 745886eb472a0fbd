//! Properties of the engine over generated subjects and generated policies
//! (proptest): monotonicity, scope only ever removes, spelling does not
//! matter, unknown ids are never allowed, every view agrees with `check`,
//! and a policy that round-trips through JSON decides the same.

use exposure_gate::policy::{ActionDef, ActionKind, GrantDef, PolicyDocument, RoleDef, TvmPermissionDef, TvmRoleDef};
use exposure_gate::{DeviceGroups, ErrorCode, Gate, Subject};
use proptest::prelude::*;

fn builtin() -> Gate {
    Gate::builtin().unwrap()
}

/// Every spelling of every role of the built-in policy: ids and template IDs.
fn role_spellings() -> Vec<String> {
    builtin().roles().iter().flat_map(|r| std::iter::once(r.id.clone()).chain(r.template_ids.clone())).collect()
}

/// Vary the case of `s`, one bool per char.
fn recase(s: &str, upper: &[bool]) -> String {
    s.chars()
        .zip(upper.iter().cycle())
        .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
        .collect()
}

prop_compose! {
    /// A subject of the built-in policy: any roles in any spelling, any scope, any TVM options and roles.
    fn subject()(
        roles in proptest::sample::subsequence(role_spellings(), 0..=4),
        upper in proptest::collection::vec(any::<bool>(), 1..8),
        groups in proptest::option::of(proptest::collection::vec("[A-Za-z]{1,8}", 0..3)),
        perms in proptest::sample::subsequence(
            vec!["view-security-operations", "view-tvm", "active-remediation-security-operations",
                 "tvm-exception-handling", "tvm-remediation-handling"], 0..=3),
        tvm_roles in proptest::sample::subsequence(vec!["view-data", "active-remediation"], 0..=2),
    ) -> Subject {
        Subject {
            roles: roles.iter().map(|r| recase(r, &upper)).collect(),
            device_groups: groups.map_or(DeviceGroups::All, DeviceGroups::Only),
            tvm_permissions: perms.into_iter().map(str::to_owned).collect(),
            tvm_roles: tvm_roles.into_iter().map(str::to_owned).collect(),
        }
    }
}

/// Ids a caller might send by mistake or on purpose: any string at all, and
/// near misses of the real ids (case, whitespace, a char more or less, a
/// lookalike letter, a NUL).
fn hostile_id() -> impl Strategy<Value = String> {
    let gate = builtin();
    let mut known: Vec<String> = role_spellings();
    known.extend(gate.actions().iter().map(|a| a.id.clone()));
    known.extend(gate.tvm_permissions().iter().map(|p| p.id.clone()));
    known.extend(gate.tvm_roles().iter().map(|r| r.id.clone()));
    let near = (proptest::sample::select(known), 0usize..6, any::<char>()).prop_map(|(id, how, c)| match how {
        0 => format!(" {id}"),
        1 => format!("{id}\u{0}"),
        2 => format!("{id}{c}"),
        3 => id.chars().skip(1).collect(),
        4 => id.replacen('e', "\u{435}", 1), // Cyrillic e
        _ => id.to_uppercase(),
    });
    prop_oneof![any::<String>(), "[a-z0-9-]{1,30}", near]
}

fn allowed(gate: &Gate, s: &Subject) -> Vec<bool> {
    gate.check_all(s).unwrap().into_iter().map(|d| d.allowed).collect()
}

/// `allowedActions` (of the gate and of the resolved subject), `check` and
/// `can` all say what `checkAll` says for `s`.
fn views_agree_with_check(gate: &Gate, s: &Subject) -> Result<(), TestCaseError> {
    let me = gate.resolve(s).unwrap();
    let all = gate.check_all(s).unwrap();
    let ids: Vec<&str> = all.iter().filter(|d| d.allowed).map(|d| d.action.as_str()).collect();
    prop_assert_eq!(gate.allowed_actions(s).unwrap(), ids.clone());
    prop_assert_eq!(me.allowed_actions(), ids);
    for d in &all {
        prop_assert_eq!(&gate.check(s, &d.action).unwrap(), d);
        prop_assert_eq!(me.can(&d.action).unwrap(), d.allowed);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn adding_a_role_never_removes_an_allowed_action(s in subject(), extra in proptest::sample::select(role_spellings())) {
        let gate = builtin();
        let mut more = s.clone();
        more.roles.push(extra);
        for (before, after) in allowed(&gate, &s).into_iter().zip(allowed(&gate, &more)) {
            prop_assert!(!before || after);
        }
    }

    #[test]
    fn scope_never_allows_more(s in subject(), groups in proptest::collection::vec("[A-Z][a-z]{1,6}", 0..3)) {
        let gate = builtin();
        let unscoped = Subject { device_groups: DeviceGroups::All, ..s.clone() };
        let scoped = Subject { device_groups: DeviceGroups::Only(groups), ..s };
        for (u, sc) in allowed(&gate, &unscoped).into_iter().zip(allowed(&gate, &scoped)) {
            prop_assert!(!sc || u);
        }
    }

    #[test]
    fn role_order_case_and_duplicates_do_not_matter(s in subject(), upper in proptest::collection::vec(any::<bool>(), 1..8)) {
        let gate = builtin();
        let mut shuffled = s.clone();
        shuffled.roles.reverse();
        shuffled.roles = shuffled.roles.iter().map(|r| recase(r, &upper)).collect();
        shuffled.roles.extend(s.roles.iter().take(1).cloned());
        shuffled.tvm_permissions.reverse();
        shuffled.tvm_permissions.extend(s.tvm_permissions.iter().take(1).cloned());
        shuffled.tvm_roles.reverse();
        shuffled.tvm_roles.extend(s.tvm_roles.iter().take(1).cloned());
        prop_assert_eq!(gate.check_all(&s).unwrap(), gate.check_all(&shuffled).unwrap());
    }

    #[test]
    fn every_view_agrees_with_check(s in subject()) {
        let gate = builtin();
        views_agree_with_check(&gate, &s)?;
        for d in gate.check_all(&s).unwrap() {
            prop_assert_eq!(d.allowed, !d.granted_by.is_empty());
        }
    }

    #[test]
    fn adding_a_tvm_permission_or_tvm_role_never_removes_an_allowed_action(
        s in subject(),
        permission in proptest::sample::select(builtin().tvm_permissions().iter().map(|p| p.id.clone()).collect::<Vec<_>>()),
        tvm_role in proptest::sample::select(builtin().tvm_roles().iter().map(|r| r.id.clone()).collect::<Vec<_>>()),
    ) {
        let gate = builtin();
        let mut more = s.clone();
        more.tvm_permissions.push(permission);
        let mut most = more.clone();
        most.tvm_roles.push(tvm_role);
        let (before, after, last) = (allowed(&gate, &s), allowed(&gate, &more), allowed(&gate, &most));
        for i in 0..before.len() {
            prop_assert!(!before[i] || after[i]);
            prop_assert!(!after[i] || last[i]);
        }
    }

    #[test]
    fn unknown_ids_are_never_allowed(s in subject(), bogus in hostile_id()) {
        let gate = builtin();
        if !gate.actions().iter().any(|a| a.id == bogus) {
            prop_assert_eq!(gate.check(&s, &bogus).unwrap_err().code(), ErrorCode::UnknownAction);
            prop_assert_eq!(gate.who_can(&bogus).unwrap_err().code(), ErrorCode::UnknownAction);
            prop_assert_eq!(gate.least_privileged_roles(&bogus).unwrap_err().code(), ErrorCode::UnknownAction);
            prop_assert!(gate.resolve(&s).unwrap().can(&bogus).is_err());
            prop_assert!(gate.resolve(&s).unwrap().check(&bogus).is_err());
        }
        let mut lists: Vec<(Subject, ErrorCode)> = Vec::new();
        if !role_spellings().iter().any(|r| r.eq_ignore_ascii_case(&bogus)) {
            let mut with = s.clone();
            with.roles.insert(0, bogus.clone());
            lists.push((with, ErrorCode::UnknownRole));
        }
        if !gate.tvm_roles().iter().any(|r| r.id == bogus) {
            let mut with = s.clone();
            with.tvm_roles.push(bogus.clone());
            lists.push((with, ErrorCode::UnknownRole));
        }
        if !gate.tvm_permissions().iter().any(|p| p.id == bogus) {
            let mut with = s.clone();
            with.tvm_permissions.push(bogus.clone());
            lists.push((with, ErrorCode::InvalidSubject));
        }
        for (with, code) in lists {
            let err = gate.check(&with, "view-metrics").unwrap_err();
            prop_assert_eq!(err.code(), code);
            prop_assert!(err.to_string().chars().count() < 400, "a bounded message: {}", err);
            prop_assert!(gate.check_all(&with).is_err());
            prop_assert!(gate.allowed_actions(&with).is_err());
            prop_assert!(gate.resolve(&with).is_err());
        }
    }

    #[test]
    fn a_subject_round_tripped_through_json_decides_the_same(s in subject()) {
        let gate = builtin();
        let again = Subject::from_json(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(&again, &s);
        prop_assert_eq!(gate.check_all(&again).unwrap(), gate.check_all(&s).unwrap());
    }
}

#[test]
fn who_can_and_matrix_agree_with_check() {
    let gate = builtin();
    let m = gate.matrix();
    for (a, action) in m.actions.iter().enumerate() {
        let who: Vec<&str> = gate.who_can(action).unwrap();
        for (r, role) in m.roles.iter().enumerate() {
            let allowed = gate.check(&Subject::with_roles([role.as_str()]), action).unwrap().allowed;
            assert_eq!(m.allowed[a][r], allowed, "{role} / {action}");
            assert_eq!(who.contains(&role.as_str()), allowed, "{role} / {action}");
        }
    }
}

prop_compose! {
    /// A random valid policy: up to 6 roles (each with a template ID, in
    /// either case), 12 actions, 4 TVM options and 3 TVM roles holding random
    /// options, and random grants naming their role by id or template ID in
    /// any case.
    fn policy()(
        roles in 1usize..6, actions in 1usize..12, perms in 0usize..4, tvm_roles in 0usize..3,
        seed in proptest::collection::vec(any::<u32>(), 64),
    ) -> PolicyDocument {
        let bit = |i: usize| seed[i % seed.len()].rotate_left(i as u32 % 32) & 1 == 1;
        let template = |r: usize| {
            let id = format!("0000abcd-0000-0000-0000-{r:012}");
            if bit(r * 19 + 3) { id.to_uppercase() } else { id }
        };
        let tvm_permissions: Vec<TvmPermissionDef> = (0..perms)
            .map(|p| TvmPermissionDef { id: format!("p{p}"), name: format!("P{p}"), group: String::new(), description: String::new() })
            .collect();
        PolicyDocument {
            prerequisites: None,
            version: 1,
            name: "generated".into(),
            sources: vec![],
            roles: (0..roles)
                .map(|r| RoleDef {
                    id: format!("role-{r}"), name: format!("Role {r}"),
                    template_ids: vec![template(r)],
                    read_only: bit(r * 7), description: String::new(),
                })
                .collect(),
            actions: (0..actions)
                .map(|a| ActionDef {
                    id: format!("action-{a}"), label: format!("Action {a}"),
                    kind: if bit(a * 3) { ActionKind::Write } else { ActionKind::Read },
                    scoped: bit(a * 5 + 1),
                    tvm_permission: (perms > 0 && bit(a * 11 + 2)).then(|| format!("p{}", a % perms)),
                    source: String::new(),
                })
                .collect(),
            grants: (0..roles)
                .map(|r| GrantDef {
                    role: match (bit(r * 23 + 5), bit(r * 29 + 6)) {
                        (true, _) => template(r),
                        (false, true) => format!("ROLE-{r}"),
                        (false, false) => format!("role-{r}"),
                    },
                    actions: (0..actions).filter(|a| bit(r * 13 + a * 17)).map(|a| format!("action-{a}")).collect(),
                })
                .collect(),
            tvm_roles: if perms == 0 { vec![] } else {
                (0..tvm_roles)
                    .map(|t| TvmRoleDef {
                        id: format!("tvm-{t}"), name: format!("TVM {t}"),
                        permissions: (0..perms).filter(|p| bit(t * 31 + p * 7 + 9)).map(|p| format!("p{p}")).collect(),
                    })
                    .collect()
            },
            tvm_permissions,
        }
    }
}

/// A subject of a generated policy: one bool per role (by id, or by template
/// ID when the next bool says so), TVM role and TVM option, and a scope.
fn subject_of(doc: &PolicyDocument, pick: &[bool], scoped: bool) -> Subject {
    let mut bits = pick.iter().cycle().copied();
    let mut next = move || bits.next().unwrap_or(false);
    let mut s = Subject::default();
    for r in &doc.roles {
        if next() {
            s.roles.push(if next() { r.template_ids[0].clone() } else { r.id.clone() });
        }
    }
    s.tvm_roles = doc.tvm_roles.iter().filter(|_| next()).map(|t| t.id.clone()).collect();
    s.tvm_permissions = doc.tvm_permissions.iter().filter(|_| next()).map(|p| p.id.clone()).collect();
    if scoped {
        s = s.scoped_to(["Finance"]);
    }
    s
}

/// The role index a grant names (by id or template ID, any case).
fn granted_role(doc: &PolicyDocument, grant: &GrantDef) -> usize {
    doc.roles
        .iter()
        .position(|r| r.id.eq_ignore_ascii_case(&grant.role) || r.template_ids.iter().any(|t| t.eq_ignore_ascii_case(&grant.role)))
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_policy_round_tripped_through_json_decides_the_same(doc in policy(), pick in proptest::collection::vec(any::<bool>(), 1..16), scoped in any::<bool>()) {
        let gate = Gate::from_document(doc.clone()).unwrap();
        let again = Gate::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        prop_assert_eq!(again.document(), gate.document());
        let reloaded = Gate::from_json(&serde_json::to_string(gate.document()).unwrap()).unwrap();
        prop_assert_eq!(reloaded.document(), gate.document());
        let s = subject_of(&doc, &pick, scoped);
        prop_assert_eq!(gate.check_all(&s).unwrap(), again.check_all(&s).unwrap());
        prop_assert_eq!(gate.check_all(&s).unwrap(), reloaded.check_all(&s).unwrap());
        prop_assert_eq!(gate.matrix(), again.matrix());
        // And the generated policy obeys the grants it was built from.
        let held: Vec<usize> = doc.roles.iter().enumerate()
            .filter(|(_, r)| s.roles.contains(&r.id) || r.template_ids.iter().any(|t| s.roles.contains(t)))
            .map(|(i, _)| i)
            .collect();
        for d in gate.check_all(&s).unwrap() {
            let def = doc.actions.iter().find(|a| a.id == d.action).unwrap();
            let by_role = doc.grants.iter().any(|g| held.contains(&granted_role(&doc, g)) && g.actions.contains(&d.action));
            let by_tvm = def.tvm_permission.as_ref().is_some_and(|p| {
                s.tvm_permissions.contains(p)
                    || doc.tvm_roles.iter().any(|t| s.tvm_roles.contains(&t.id) && t.permissions.contains(p))
            });
            prop_assert_eq!(d.allowed, (by_role || by_tvm) && !(scoped && def.scoped), "{:?}", d);
        }
    }

    #[test]
    fn on_generated_policies_every_view_agrees_with_check(doc in policy(), pick in proptest::collection::vec(any::<bool>(), 1..16), scoped in any::<bool>()) {
        let gate = Gate::from_document(doc.clone()).unwrap();
        let m = gate.matrix();
        for (a, action) in m.actions.iter().enumerate() {
            let who = gate.who_can(action).unwrap();
            let least = gate.least_privileged_roles(action).unwrap();
            prop_assert!(least.iter().all(|r| who.contains(r)));
            prop_assert_eq!(least.is_empty(), who.is_empty());
            for (r, role) in m.roles.iter().enumerate() {
                let d = gate.check(&Subject::with_roles([role.as_str()]), action).unwrap();
                prop_assert_eq!(m.allowed[a][r], d.allowed);
                prop_assert_eq!(who.contains(&role.as_str()), d.allowed);
            }
        }
        let s = subject_of(&doc, &pick, scoped);
        views_agree_with_check(&gate, &s)?;
    }

    #[test]
    fn on_generated_policies_more_grants_never_remove_and_scope_never_adds(
        doc in policy(), pick in proptest::collection::vec(any::<bool>(), 1..16), more in proptest::collection::vec(any::<bool>(), 1..16),
    ) {
        let gate = Gate::from_document(doc.clone()).unwrap();
        let s = subject_of(&doc, &pick, false);
        let mut bigger = subject_of(&doc, &more, false);
        bigger.roles.extend(s.roles.iter().cloned());
        bigger.tvm_roles.extend(s.tvm_roles.iter().cloned());
        bigger.tvm_permissions.extend(s.tvm_permissions.iter().cloned());
        let scoped = s.clone().scoped_to(["Finance"]);
        let (base, big, narrow) = (allowed(&gate, &s), allowed(&gate, &bigger), allowed(&gate, &scoped));
        for i in 0..base.len() {
            prop_assert!(!base[i] || big[i], "adding grants removed {}", doc.actions[i].id);
            prop_assert!(!narrow[i] || base[i], "scope added {}", doc.actions[i].id);
        }
    }
}
