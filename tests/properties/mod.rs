//! Properties of the engine over generated subjects and generated policies
//! (proptest): monotonicity, scope only ever removes, spelling does not
//! matter, unknown ids are never allowed, every view agrees with `check`,
//! and a policy that round-trips through JSON decides the same.

use exposure_gate::policy::{ActionDef, ActionKind, GrantDef, PolicyDocument, RoleDef, TvmPermissionDef, TvmRoleDef};
use exposure_gate::{DeviceGroups, Gate, Subject};
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

fn allowed(gate: &Gate, s: &Subject) -> Vec<bool> {
    gate.check_all(s).unwrap().into_iter().map(|d| d.allowed).collect()
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
        prop_assert_eq!(gate.check_all(&s).unwrap(), gate.check_all(&shuffled).unwrap());
    }

    #[test]
    fn unknown_ids_are_never_allowed(s in subject(), bogus in "[a-z0-9-]{1,30}") {
        let gate = builtin();
        let known_action = gate.actions().iter().any(|a| a.id == bogus);
        if !known_action {
            prop_assert!(gate.check(&s, &bogus).is_err());
            prop_assert!(gate.resolve(&s).unwrap().can(&bogus).is_err());
        }
        let known_role = role_spellings().iter().any(|r| r.eq_ignore_ascii_case(&bogus));
        if !known_role {
            let mut with_bogus = s.clone();
            with_bogus.roles.push(bogus.clone());
            prop_assert!(gate.check(&with_bogus, "view-metrics").is_err());
        }
    }

    #[test]
    fn every_view_agrees_with_check(s in subject()) {
        let gate = builtin();
        let me = gate.resolve(&s).unwrap();
        let all = gate.check_all(&s).unwrap();
        let ids: Vec<&str> = all.iter().filter(|d| d.allowed).map(|d| d.action.as_str()).collect();
        prop_assert_eq!(gate.allowed_actions(&s).unwrap(), ids.clone());
        prop_assert_eq!(me.allowed_actions(), ids);
        for d in &all {
            prop_assert_eq!(&gate.check(&s, &d.action).unwrap(), d);
            prop_assert_eq!(me.can(&d.action).unwrap(), d.allowed);
            prop_assert_eq!(d.allowed, !d.granted_by.is_empty());
        }
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
    /// A random valid policy: up to 6 roles, 12 actions, 4 TVM options and 3 TVM roles, random grants.
    fn policy()(
        roles in 1usize..6, actions in 1usize..12, perms in 0usize..4,
        seed in proptest::collection::vec(any::<u32>(), 64),
    ) -> PolicyDocument {
        let bit = |i: usize| seed[i % seed.len()].rotate_left(i as u32 % 32) & 1 == 1;
        let tvm_permissions: Vec<TvmPermissionDef> = (0..perms)
            .map(|p| TvmPermissionDef { id: format!("p{p}"), name: format!("P{p}"), group: String::new(), description: String::new() })
            .collect();
        PolicyDocument {
            version: 1,
            name: "generated".into(),
            sources: vec![],
            roles: (0..roles)
                .map(|r| RoleDef {
                    id: format!("role-{r}"), name: format!("Role {r}"),
                    template_ids: vec![format!("00000000-0000-0000-0000-{r:012}")],
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
                .map(|r| GrantDef { role: format!("role-{r}"), actions: (0..actions).filter(|a| bit(r * 13 + a * 17)).map(|a| format!("action-{a}")).collect() })
                .collect(),
            tvm_roles: if perms == 0 { vec![] } else {
                vec![TvmRoleDef { id: "tvm-all".into(), name: "All".into(), permissions: tvm_permissions.iter().map(|p| p.id.clone()).collect() }]
            },
            tvm_permissions,
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn a_policy_round_tripped_through_json_decides_the_same(doc in policy(), pick in proptest::collection::vec(any::<bool>(), 8), scoped in any::<bool>()) {
        let gate = Gate::from_document(doc.clone()).unwrap();
        let again = Gate::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        prop_assert_eq!(again.document(), gate.document());
        let roles: Vec<String> = doc.roles.iter().zip(pick.iter().cycle()).filter(|(_, &p)| p).map(|(r, _)| r.id.clone()).collect();
        let mut s = Subject::with_roles(roles);
        s.tvm_roles = doc.tvm_roles.iter().filter(|_| pick[0]).map(|t| t.id.clone()).collect();
        if scoped { s = s.scoped_to(["Finance"]); }
        prop_assert_eq!(gate.check_all(&s).unwrap(), again.check_all(&s).unwrap());
        // And the generated policy obeys the grants it was built from.
        for d in gate.check_all(&s).unwrap() {
            let def = doc.actions.iter().find(|a| a.id == d.action).unwrap();
            let by_role = doc.grants.iter().any(|g| s.roles.contains(&g.role) && g.actions.contains(&d.action));
            let by_tvm = def.tvm_permission.is_some() && !s.tvm_roles.is_empty();
            prop_assert_eq!(d.allowed, (by_role || by_tvm) && !(scoped && def.scoped), "{:?}", d);
        }
    }
}
