//! The JS class `ResolvedSubject`, made by `gate.subject({...})`.

use wasm_bindgen::prelude::*;

use super::{id_arg, to_js, to_js_error, JsResult};

/// A subject resolved once against a gate's policy: `can()` is a bit test.
#[wasm_bindgen]
pub struct ResolvedSubject {
    inner: crate::ResolvedSubject,
}

impl ResolvedSubject {
    pub(crate) fn new(inner: crate::ResolvedSubject) -> Self {
        ResolvedSubject { inner }
    }
}

#[wasm_bindgen]
impl ResolvedSubject {
    /// Whether the subject may take the action; an unknown action throws.
    pub fn can(&self, #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue) -> JsResult<bool> {
        self.inner.can(&id_arg(&action)?).map_err(to_js_error)
    }

    /// The decision for one action.
    #[wasm_bindgen(unchecked_return_type = "Decision")]
    pub fn check(&self, #[wasm_bindgen(unchecked_param_type = "string")] action: JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.check(&id_arg(&action)?).map_err(to_js_error)?)
    }

    /// A decision for every action, in policy order.
    #[wasm_bindgen(js_name = checkAll, unchecked_return_type = "Decision[]")]
    pub fn check_all(&self) -> JsResult<JsValue> {
        to_js(&self.inner.check_all())
    }

    /// The ids of the allowed actions, in policy order.
    #[wasm_bindgen(js_name = allowedActions)]
    pub fn allowed_actions(&self) -> Vec<String> {
        self.inner.allowed_actions().into_iter().map(str::to_owned).collect()
    }

    /// The allowed actions as a bitmask over policy order (bit `i % 32` of
    /// word `i / 32` is action `i`), to gate many controls in JS alone.
    #[wasm_bindgen(js_name = allowedMask)]
    pub fn allowed_mask(&self) -> Vec<u32> {
        self.inner.allowed_mask()
    }

    /// Whether the subject is scoped to some device groups.
    #[wasm_bindgen(getter)]
    pub fn scoped(&self) -> bool {
        self.inner.is_scoped()
    }
}
