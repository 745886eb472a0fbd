//! `gate.subject({...})`: a subject resolved once. JS gets the object of
//! `subject.js`, whose `can` answers from the allowed-actions bitmask without
//! crossing into wasm; it holds a [`SubjectHandle`] for everything else.

use js_sys::Map;
use wasm_bindgen::prelude::*;

use super::{id_arg, to_js, to_js_error, JsResult};

#[wasm_bindgen(module = "/src/wasm/subject.js")]
extern "C" {
    /// The JS class `ResolvedSubject` (see `subject.js`).
    #[wasm_bindgen(typescript_type = "ResolvedSubject")]
    pub type ResolvedSubject;

    #[wasm_bindgen(constructor)]
    fn new(handle: SubjectHandle, mask: Vec<u32>, index: &Map) -> ResolvedSubject;
}

impl ResolvedSubject {
    /// The JS object for `handle`; `index` maps each action id of the gate's
    /// policy to its index (bit) in the mask.
    pub(crate) fn wrap(handle: SubjectHandle, index: &Map) -> ResolvedSubject {
        let mask = handle.inner.allowed_mask();
        ResolvedSubject::new(handle, mask, index)
    }
}

/// The wasm half of a resolved subject. Not typed for users: they hold the
/// `ResolvedSubject` that wraps it.
#[wasm_bindgen(skip_typescript)]
pub struct SubjectHandle {
    inner: crate::ResolvedSubject,
}

impl SubjectHandle {
    pub(crate) fn new(inner: crate::ResolvedSubject) -> Self {
        SubjectHandle { inner }
    }
}

#[wasm_bindgen]
impl SubjectHandle {
    /// Whether the subject may take the action; an unknown action throws.
    pub fn can(&self, action: JsValue) -> JsResult<bool> {
        self.inner.can(&id_arg(&action)?).map_err(to_js_error)
    }

    /// The decision for one action.
    pub fn check(&self, action: JsValue) -> JsResult<JsValue> {
        to_js(&self.inner.check(&id_arg(&action)?).map_err(to_js_error)?)
    }

    /// A decision for every action, in policy order.
    #[wasm_bindgen(js_name = checkAll)]
    pub fn check_all(&self) -> JsResult<JsValue> {
        to_js(&self.inner.check_all())
    }

    /// The ids of the allowed actions, in policy order.
    #[wasm_bindgen(js_name = allowedActions, unchecked_return_type = "string[]")]
    pub fn allowed_actions(&self) -> JsValue {
        super::id_list(&self.inner.allowed_actions())
    }

    /// Whether the subject is scoped to some device groups.
    #[wasm_bindgen(getter)]
    pub fn scoped(&self) -> bool {
        self.inner.is_scoped()
    }
}
