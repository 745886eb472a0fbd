//! The JS class `Gate`: CONTRACT.md's `Gate.builtin()`, `check`, `checkAll`,
//! `allowedActions`, `whoCan`, `leastPrivilegedRoles`, `matrix`, plus
//! `subject()` for fast repeated checks and the compiled form of a policy
//! (`Gate.fromCompiled`). `Gate.fromPolicy` and what hands a policy back
//! are in `documents.rs`, the prerequisite calls in `prereq.rs`.

use std::cell::OnceCell;
use std::rc::Rc;

use js_sys::Map;
use wasm_bindgen::prelude::*;

use super::{compiled_arg, id_arg, id_list, subject_arg, to_js, to_js_error, JsResult, ResolvedSubject, SubjectHandle};

/// A loaded, validated policy that answers questions. A clone is the same
/// policy and the same action index.
#[wasm_bindgen]
#[derive(Clone)]
pub struct Gate {
    pub(super) inner: crate::Gate,
    /// Action id -> index in policy order, as a JS `Map`: what a
    /// `ResolvedSubject` looks ids up in without calling into wasm. Built on
    /// the first `subject()` (32 ids across the boundary, some 8 µs), shared
    /// by every subject of this gate, and by every `Gate.builtin()`, which
    /// are one policy.
    action_index: Rc<OnceCell<Map>>,
}

thread_local! {
    /// The built-in gate, built once: `Gate.builtin()` is then a clone of
    /// it (two pointer copies), however often a page calls it.
    static BUILTIN: OnceCell<Gate> = const { OnceCell::new() };
}

/// The built-in gate, from [`BUILTIN`] or built into it.
fn builtin_gate() -> crate::Result<Gate> {
    BUILTIN.with(|cell| {
        if let Some(gate) = cell.get() {
            return Ok(gate.clone());
        }
        let gate = Gate::new(crate::Gate::builtin()?);
        Ok(cell.get_or_init(|| gate).clone())
    })
}

/// Builds the built-in gate as the module starts. `scripts/snapshot.mjs`
/// runs this once at build time and stores the memory it leaves in the
/// module, so the packaged module starts with the gate already built and
/// this only finds it there: `Gate.builtin()` parses and compiles nothing
/// at run time (`BENCHMARKS.md`, "Cold start"). It touches no JS, which is
/// what lets it run at build time; an error is left for `builtin()` to
/// report.
#[wasm_bindgen(start, private)]
fn start() {
    let _ = builtin_gate();
}

impl Gate {
    pub(super) fn new(inner: crate::Gate) -> Gate {
        Gate { inner, action_index: Rc::default() }
    }

    /// The wasm handle behind `subject()`, for Rust callers (and the
    /// wasm-bindgen tests) that call its methods directly.
    pub fn resolve(&self, subject: JsValue) -> JsResult<SubjectHandle> {
        Ok(SubjectHandle::new(self.inner.resolve(&subject_arg(&subject)?).map_err(to_js_error)?))
    }
}

#[wasm_bindgen]
impl Gate {
    /// The embedded policy built from the two source documents.
    pub fn builtin() -> JsResult<Gate> {
        builtin_gate().map_err(to_js_error)
    }

    /// A gate over a policy in compiled form (a `Uint8Array` or an
    /// `ArrayBuffer`, as `toCompiled()` or `exposure-gate compile` wrote
    /// it). It is checked as its JSON would be; anything else, or damaged
    /// bytes, throws an `invalid-policy` error.
    #[wasm_bindgen(js_name = fromCompiled)]
    pub fn from_compiled(#[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue) -> JsResult<Gate> {
        Ok(Gate::new(crate::Gate::from_compiled(&compiled_arg(&bytes)?).map_err(to_js_error)?))
    }

    /// Resolve a subject once; its `can(action)` is then a bit test in JS.
    pub fn subject(&self, #[wasm_bindgen(unchecked_param_type = "Subject")] subject: JsValue) -> JsResult<ResolvedSubject> {
        let index = self.action_index.get_or_init(|| {
            let index = Map::new();
            for (i, action) in (0_u32..).zip(self.inner.actions()) {
                index.set(&JsValue::from_str(&action.id), &JsValue::from(i));
            }
            index
        });
        Ok(ResolvedSubject::wrap(self.resolve(subject)?, index))
    }

    /// The decision for one action.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Subject")] subject: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
    ) -> JsResult<JsValue> {
        let action = id_arg(&action)?;
        to_js(&self.inner.check(&subject_arg(&subject)?, &action).map_err(to_js_error)?)
    }

    /// A decision for every action, in policy order.
    #[wasm_bindgen(js_name = checkAll, unchecked_return_type = "Decision[]")]
    pub fn check_all(&self, #[wasm_bindgen(unchecked_param_type = "Subject")] subject: JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.check_all(&subject_arg(&subject)?).map_err(to_js_error)?)
    }

    /// The ids of the allowed actions, in policy order.
    #[wasm_bindgen(js_name = allowedActions, unchecked_return_type = "string[]")]
    pub fn allowed_actions(&self, #[wasm_bindgen(unchecked_param_type = "Subject")] subject: JsValue) -> JsResult<JsValue> {
        let subject = subject_arg(&subject)?;
        Ok(id_list(&self.inner.allowed_actions(&subject).map_err(to_js_error)?))
    }

    /// The roles that grant the action, in policy order.
    #[wasm_bindgen(js_name = whoCan, unchecked_return_type = "string[]")]
    pub fn who_can(&self, #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue) -> JsResult<JsValue> {
        let action = id_arg(&action)?;
        Ok(id_list(&self.inner.who_can(&action).map_err(to_js_error)?))
    }

    /// The granting roles with the fewest grants overall.
    #[wasm_bindgen(js_name = leastPrivilegedRoles, unchecked_return_type = "string[]")]
    pub fn least_privileged_roles(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue,
    ) -> JsResult<JsValue> {
        let action = id_arg(&action)?;
        Ok(id_list(&self.inner.least_privileged_roles(&action).map_err(to_js_error)?))
    }

    /// The role-by-action table.
    #[wasm_bindgen(unchecked_return_type = "Matrix")]
    pub fn matrix(&self) -> JsResult<JsValue> {
        to_js(&self.inner.matrix())
    }

    /// The roles, in policy order.
    #[wasm_bindgen(unchecked_return_type = "RoleDef[]")]
    pub fn roles(&self) -> JsResult<JsValue> {
        to_js(self.inner.roles())
    }

    /// The actions, in policy order.
    #[wasm_bindgen(unchecked_return_type = "ActionDef[]")]
    pub fn actions(&self) -> JsResult<JsValue> {
        to_js(self.inner.actions())
    }
}
