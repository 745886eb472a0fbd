//! Policies: the document types ([`PolicyDocument`]), the built-in policy
//! transcribed from the two source documents ([`BUILTIN_JSON`]), validation
//! into the indexed form the engine evaluates, and the [`lint`](Finding).

mod compile;
mod document;
mod lint;

use crate::id_map::IdMap;

pub use document::{
    ActionDef, ActionKind, GrantDef, PolicyDocument, RoleDef, TvmPermissionDef, TvmRoleDef, POLICY_VERSION,
};
pub use lint::Finding;

/// The built-in policy as JSON: the 18 x 5 permission table, the scope rule and
/// the three actions from the prose of the Exposure Management prerequisites
/// page, and the TVM permission options of the threat and vulnerability
/// management page. Embedded at build time; nothing is fetched at run time.
pub const BUILTIN_JSON: &str = include_str!("../../policy/builtin.json");

/// A validated policy, indexed for evaluation. Built only by
/// [`compile`](compile::compile), so every index in it is in range and every
/// id it names is defined.
#[derive(Debug)]
pub(crate) struct Policy {
    /// The document, with template IDs normalised to lowercase.
    pub(crate) doc: PolicyDocument,
    /// Lowercase role id or Entra role template ID -> role index.
    pub(crate) role_index: IdMap,
    /// Action id -> action index.
    pub(crate) action_index: IdMap,
    /// TVM permission id -> permission index.
    pub(crate) permission_index: IdMap,
    /// TVM role id -> TVM role index.
    pub(crate) tvm_role_index: IdMap,
    /// Per action: who grants it.
    pub(crate) actions: Vec<CompiledAction>,
    /// Per role: the actions it grants, ascending.
    pub(crate) role_actions: Vec<Vec<usize>>,
    /// Per TVM permission option: the actions it grants, ascending.
    pub(crate) permission_actions: Vec<Vec<usize>>,
    /// Per TVM role: the permission options it holds, ascending.
    pub(crate) tvm_role_permissions: Vec<Vec<usize>>,
    /// The prerequisite tables: the document's over the built-in ones.
    pub(crate) prerequisites: crate::prereq::Prerequisites,
}

/// One action's grants, resolved to indices.
#[derive(Debug)]
pub(crate) struct CompiledAction {
    /// The roles that grant the action, ascending (policy order).
    pub(crate) granted_by: Vec<usize>,
    /// The TVM permission option that grants the action.
    pub(crate) permission: Option<usize>,
    /// The granting roles with the fewest grants overall, in policy order.
    pub(crate) least_privileged: Vec<usize>,
}

impl Policy {
    pub(crate) fn role(&self, index: usize) -> Option<&RoleDef> {
        self.doc.roles.get(index)
    }

    pub(crate) fn action(&self, index: usize) -> Option<&ActionDef> {
        self.doc.actions.get(index)
    }

    pub(crate) fn compiled(&self, index: usize) -> Option<&CompiledAction> {
        self.actions.get(index)
    }

    pub(crate) fn permission(&self, index: usize) -> Option<&TvmPermissionDef> {
        self.doc.tvm_permissions.get(index)
    }

    pub(crate) fn tvm_role(&self, index: usize) -> Option<&TvmRoleDef> {
        self.doc.tvm_roles.get(index)
    }
}

pub(crate) use compile::compile;
pub(crate) use lint::lint;
