//! Policy documents on the JS class `Gate`: CONTRACT.md's `Gate.fromPolicy`
//! (a policy as JSON text or an object), and what hands a policy back or
//! reviews it: `gate.policy()`, `gate.toCompiled()` and `gate.lint()`. Left
//! out of the module of `exposure-gate/runtime`, which loads compiled
//! policies only (`Gate.fromCompiled`), as a template runtime loads
//! precompiled templates, and so holds no policy reader, no
//! prerequisite-table compiler and no document writers
//! (`--no-default-features`).

use wasm_bindgen::prelude::*;

use super::{policy_object_arg, to_js, to_js_error, Gate, JsResult};

#[wasm_bindgen]
impl Gate {
    /// A gate over a policy document, given as JSON text or as an object.
    /// An invalid one throws an `invalid-policy` error naming the place.
    #[wasm_bindgen(js_name = fromPolicy)]
    pub fn from_policy(#[wasm_bindgen(unchecked_param_type = "string | PolicyDocument")] policy: JsValue) -> JsResult<Gate> {
        let gate = match policy.as_string() {
            Some(text) => crate::Gate::from_json(&text),
            None => crate::Gate::from_document(policy_object_arg(&policy)?),
        };
        Ok(Gate::new(gate.map_err(to_js_error)?))
    }

    /// The policy in compiled form, for `Gate.fromCompiled` (here or in
    /// `exposure-gate/runtime`). A policy with its own prerequisite tables
    /// has none: an `invalid-policy` error.
    #[wasm_bindgen(js_name = toCompiled)]
    pub fn to_compiled(&self) -> JsResult<Vec<u8>> {
        self.inner.to_compiled().map_err(to_js_error)
    }

    /// Lint findings (for the built-in policy: read-only roles granted writes).
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn lint(&self) -> JsResult<JsValue> {
        to_js(&self.inner.lint())
    }

    /// The policy document.
    #[wasm_bindgen(unchecked_return_type = "PolicyDocument")]
    pub fn policy(&self) -> JsResult<JsValue> {
        to_js(self.inner.document())
    }
}
