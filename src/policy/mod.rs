//! Policies: the document types ([`PolicyDocument`]), the built-in policy
//! transcribed from the two source documents ([`BUILTIN_JSON`], shipped as
//! [`BUILTIN_COMPILED`]), the compiled form of a policy, validation into the
//! indexed form the engine evaluates, and the [`lint`](Finding).

mod compile;
mod compiled;
mod document;
mod lint;

use std::sync::OnceLock;

use crate::id_map::IdMap;
use crate::prereq::Prerequisites;

pub use document::{
    ActionDef, ActionKind, GrantDef, PolicyDocument, RoleDef, TvmPermissionDef, TvmRoleDef, POLICY_VERSION,
};
pub use compiled::{BUILTIN_COMPILED, COMPILED_FORMAT};
pub use lint::Finding;

/// The built-in policy as JSON: the 18 x 5 permission table, the scope rule and
/// the three actions from the prose of the Exposure Management prerequisites
/// page, and the TVM permission options of the threat and vulnerability
/// management page. This text is the source; what [`Gate::builtin`](crate::Gate::builtin)
/// loads is its compiled form, [`BUILTIN_COMPILED`], embedded at build time
/// (nothing is fetched at run time).
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
    /// The prerequisite tables (see [`Policy::prerequisites`]).
    pub(crate) prerequisites: PolicyPrerequisites,
}

/// Where a policy's prerequisite tables come from.
#[derive(Debug)]
pub(crate) enum PolicyPrerequisites {
    /// The document's tables over the built-in ones, checked at load.
    Own(Box<Prerequisites>),
    /// The built-in tables alone, compiled on first use and shared by every
    /// policy without tables of its own. A gate that only answers permission
    /// questions (a portal) never compiles them: in WebAssembly that was a
    /// third of loading the built-in policy, and most of the code it compiled.
    Builtin,
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
    /// The prerequisite tables: the document's over the built-in ones.
    pub(crate) fn prerequisites(&self) -> &Prerequisites {
        match &self.prerequisites {
            PolicyPrerequisites::Own(own) => own,
            PolicyPrerequisites::Builtin => builtin_prerequisites(),
        }
    }

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

/// The built-in prerequisite tables, compiled once. They are checked by the
/// test suite; were they ever broken, no tables at all is what fails closed:
/// no licence, operating system or workspace role is recognised, so nothing
/// is reported ready.
fn builtin_prerequisites() -> &'static Prerequisites {
    static BUILTIN: OnceLock<Prerequisites> = OnceLock::new();
    BUILTIN.get_or_init(|| Prerequisites::builtin().unwrap_or_else(|_| Prerequisites::none()))
}

pub(crate) use compile::compile;
pub(crate) use compiled::{encode as to_compiled, load as from_compiled};
pub(crate) use lint::lint;
