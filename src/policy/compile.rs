//! Validation: a [`PolicyDocument`] in, an indexed [`Policy`] or the first
//! problem out. Never a half-loaded policy.
//!
//! Every error is `invalid-policy`, names the place as a JSON pointer (such as
//! `/grants/3/role`) and the bad value, and suggests the nearest valid id.

use crate::id_map::IdMap;

use super::{CompiledAction, Policy, PolicyDocument, PolicyPrerequisites, POLICY_VERSION};
use crate::error::{Error, ErrorCode, Result};
use crate::limits::{ID_CHARS as MAX_ID_LEN, POLICY_ENTRIES as MAX_ENTRIES};
use crate::sorted;
use crate::suggest::clip;

/// Check `doc` and index it, its prerequisite tables included.
pub(crate) fn compile(doc: PolicyDocument) -> Result<Policy> {
    index(doc, compile_prerequisites)
}

/// How [`index`] turns a document's prerequisite section into the
/// policy's tables. A function pointer, so that a module which loads only
/// compiled policies (which have no section) links no table compiler.
pub(crate) type PrerequisitesStep = fn(&PolicyDocument, &IdMap) -> Result<PolicyPrerequisites>;

/// Check `doc` and index it, with `prerequisites` for its tables.
pub(crate) fn index(mut doc: PolicyDocument, prerequisites: PrerequisitesStep) -> Result<Policy> {
    if doc.version != POLICY_VERSION {
        return Err(invalid(format!(
            "unsupported policy version `{}`; this library reads version {POLICY_VERSION}",
            doc.version
        ))
        .at("/version"));
    }
    check_count("roles", doc.roles.len())?;
    check_count("actions", doc.actions.len())?;
    check_count("tvmPermissions", doc.tvm_permissions.len())?;
    check_count("tvmRoles", doc.tvm_roles.len())?;
    check_count("grants", doc.grants.len())?;

    let mut role_index = IdMap::default();
    for (i, role) in doc.roles.iter_mut().enumerate() {
        let id = Place::new("roles", i, "id");
        check_id(&role.id, id)?;
        check_name(&role.name, Place::new("roles", i, "name"))?;
        insert_unique(&mut role_index, role.id.clone(), i, "role id", id)?;
        for (j, template) in role.template_ids.iter_mut().enumerate() {
            let at = Place::new("roles", i, "templateIds").nth(j);
            if !is_guid(template) {
                return Err(invalid(format!(
                    "role template ID `{}` is not a GUID (expected the form 62e90394-69f5-4237-9190-012177145e10)",
                    clip(template)
                ))
                .at(at.pointer()));
            }
            *template = template.to_ascii_lowercase();
            insert_unique(&mut role_index, template.clone(), i, "role template ID", at)?;
        }
    }

    let mut permission_index = IdMap::default();
    for (i, permission) in doc.tvm_permissions.iter().enumerate() {
        let id = Place::new("tvmPermissions", i, "id");
        check_id(&permission.id, id)?;
        check_name(&permission.name, Place::new("tvmPermissions", i, "name"))?;
        insert_unique(&mut permission_index, permission.id.clone(), i, "TVM permission id", id)?;
    }

    let mut tvm_role_index = IdMap::default();
    let mut tvm_role_permissions = Vec::with_capacity(doc.tvm_roles.len());
    for (i, tvm_role) in doc.tvm_roles.iter().enumerate() {
        let id = Place::new("tvmRoles", i, "id");
        check_id(&tvm_role.id, id)?;
        check_name(&tvm_role.name, Place::new("tvmRoles", i, "name"))?;
        insert_unique(&mut tvm_role_index, tvm_role.id.clone(), i, "TVM role id", id)?;
        let mut held = Vec::with_capacity(tvm_role.permissions.len());
        for (j, id) in tvm_role.permissions.iter().enumerate() {
            let at = Place::new("tvmRoles", i, "permissions").nth(j);
            sorted::insert(&mut held, lookup(&permission_index, id, "TVM permission", at)?);
        }
        tvm_role_permissions.push(held);
    }

    let mut action_index = IdMap::default();
    let mut permission_actions = vec![Vec::new(); doc.tvm_permissions.len()];
    let mut actions = Vec::with_capacity(doc.actions.len());
    for (i, action) in doc.actions.iter().enumerate() {
        let id = Place::new("actions", i, "id");
        check_id(&action.id, id)?;
        check_name(&action.label, Place::new("actions", i, "label"))?;
        insert_unique(&mut action_index, action.id.clone(), i, "action id", id)?;
        let permission = match &action.tvm_permission {
            None => None,
            Some(id) => {
                let p = lookup(&permission_index, id, "TVM permission", Place::new("actions", i, "tvmPermission"))?;
                if let Some(list) = permission_actions.get_mut(p) {
                    list.push(i);
                }
                Some(p)
            }
        };
        actions.push(CompiledAction { granted_by: Vec::new(), permission, least_privileged: Vec::new() });
    }

    let mut role_actions = vec![Vec::new(); doc.roles.len()];
    for (g, grant) in doc.grants.iter().enumerate() {
        let role = lookup(&role_index, &grant.role.to_ascii_lowercase(), "role", Place::new("grants", g, "role"))?;
        for (k, id) in grant.actions.iter().enumerate() {
            let at = Place::new("grants", g, "actions").nth(k);
            let action = lookup(&action_index, id, "action", at)?;
            let (Some(granted), Some(compiled)) = (role_actions.get_mut(role), actions.get_mut(action)) else {
                continue; // unreachable: both indices come from the maps built above
            };
            if !sorted::insert(&mut compiled.granted_by, role) {
                return Err(invalid(format!("`{}` is granted to role `{}` more than once", id, grant.role)).at(at.pointer()));
            }
            sorted::insert(granted, action);
        }
    }
    for compiled in actions.iter_mut() {
        let fewest = compiled.granted_by.iter().filter_map(|&r| role_actions.get(r).map(Vec::len)).min();
        compiled.least_privileged = compiled
            .granted_by
            .iter()
            .copied()
            .filter(|&r| role_actions.get(r).map(Vec::len) == fewest)
            .collect();
    }

    let prerequisites = prerequisites(&doc, &role_index)?;

    Ok(Policy {
        doc,
        role_index,
        action_index,
        permission_index,
        tvm_role_index,
        actions,
        role_actions,
        permission_actions,
        tvm_role_permissions,
        prerequisites,
    })
}

/// The document's prerequisite tables over the built-in ones. Workspace roles
/// the document names must be its roles, looked up as the workspace check
/// looks them up (any case, nothing trimmed); the built-in ones
/// (`global-admin`, `security-admin`) are checked only when the workspace
/// check runs, so that a custom policy without those roles still loads.
fn compile_prerequisites(doc: &PolicyDocument, role_index: &IdMap) -> Result<PolicyPrerequisites> {
    let Some(def) = &doc.prerequisites else {
        return Ok(PolicyPrerequisites::Builtin);
    };
    for (k, role) in def.workspace_roles.iter().flatten().enumerate() {
        if !role_index.contains_key(&role.to_ascii_lowercase()) {
            let ids = doc.roles.iter().map(|r| r.id.as_str());
            return Err(Error::unknown(ErrorCode::InvalidPolicy, "role", role, ids)
                .at(format!("/prerequisites/workspaceRoles/{k}")));
        }
    }
    crate::prereq::compile(def).map(|own| PolicyPrerequisites::Own(Box::new(own)))
}

fn invalid(message: String) -> Error {
    Error::new(ErrorCode::InvalidPolicy, message)
}

fn check_count(field: &str, count: usize) -> Result<()> {
    if count > MAX_ENTRIES {
        return Err(invalid(format!("`{field}` has {count} entries; a policy holds at most {MAX_ENTRIES}"))
            .at(format!("/{field}")));
    }
    Ok(())
}

/// Where in the document a value is: `/{list}/{item}/{field}`, and
/// `/{index}` under that for an entry of a list field. Written out as a
/// JSON pointer only when there is an error to report, so that checking a
/// valid policy formats nothing and each check site is a few constants.
#[derive(Clone, Copy)]
struct Place {
    list: &'static str,
    item: usize,
    field: &'static str,
    index: Option<usize>,
}

impl Place {
    fn new(list: &'static str, item: usize, field: &'static str) -> Place {
        Place { list, item, field, index: None }
    }

    fn nth(self, index: usize) -> Place {
        Place { index: Some(index), ..self }
    }

    #[cold]
    fn pointer(self) -> String {
        let Place { list, item, field, index } = self;
        match index {
            None => format!("/{list}/{item}/{field}"),
            Some(index) => format!("/{list}/{item}/{field}/{index}"),
        }
    }
}

/// Ids are lowercase kebab-case (`security-admin`): stable in URLs, CSV and
/// tokens, and unambiguous when compared case-insensitively.
fn check_id(id: &str, at: Place) -> Result<()> {
    let well_formed = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !crate::text::contains(id, "--");
    if well_formed {
        Ok(())
    } else if id.is_empty() {
        Err(invalid("empty id".to_owned()).at(at.pointer()))
    } else {
        Err(invalid(format!(
            "id `{}` is not lowercase kebab-case of at most {MAX_ID_LEN} chars (such as `security-admin`)",
            clip(id)
        ))
        .at(at.pointer()))
    }
}

fn check_name(name: &str, at: Place) -> Result<()> {
    if name.trim().is_empty() {
        return Err(invalid("empty name".to_owned()).at(at.pointer()));
    }
    Ok(())
}

fn insert_unique(index: &mut IdMap, key: String, value: usize, what: &str, at: Place) -> Result<()> {
    if let Some(first) = index.get(&key) {
        let list = at.list;
        return Err(invalid(format!("duplicate {what} `{key}` (first defined at `/{list}/{first}`)")).at(at.pointer()));
    }
    index.insert(key, value);
    Ok(())
}

fn lookup(index: &IdMap, id: &str, what: &str, at: Place) -> Result<usize> {
    index.get(id).copied().ok_or_else(|| {
        Error::unknown(ErrorCode::InvalidPolicy, what, id, index.keys().map(String::as_str)).at(at.pointer())
    })
}

/// `8-4-4-4-12` hexadecimal digits, any case.
pub(crate) fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::is_guid;

    #[test]
    fn guids() {
        assert!(is_guid("62e90394-69f5-4237-9190-012177145e10"));
        assert!(is_guid("62E90394-69F5-4237-9190-012177145E10"));
        assert!(!is_guid("62e90394-69f5-4237-9190-012177145e1"));
        assert!(!is_guid("62e90394x69f5-4237-9190-012177145e10"));
        assert!(!is_guid("not-a-guid"));
        assert!(!is_guid(""));
    }
}
