//! The prerequisite checks on the JS class `Gate`: CONTRACT.md's
//! `gate.licensing`, `gate.workspace`, `gate.device`, `gate.fleet` and
//! `gate.browser`. Like the rest of the skin, only translation: arguments are
//! checked for shape, read, handed to [`crate::Gate`], and the report comes
//! back as plain JS objects.
//!
//! Devices are read without serde: each plain object's own entries become the
//! loose fields the native reader also builds ([`RawDevice`]), lists one level
//! deep and no further, so a cyclic or deeply nested value cannot recurse and
//! a bad device becomes an `invalid` entry of the fleet report, not a thrown
//! error. The module needs no JSON parser for it. A fleet's devices of the
//! documented shape are packed in JS first (`fleet.js`) and cross the
//! boundary together, each distinct string once (`crate::prereq::packed`);
//! only the others are read one field at a time. The report names blocked
//! devices by position, and `fleet.js` turns the positions back into the
//! ids JS still holds.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::read::own_entries;
use super::{is_plain_object, js_type, object_arg, to_js, to_js_error, Gate, JsResult};
use crate::error::{Error, ErrorCode};
use crate::limits::depth;
use crate::prereq::packed::Fleet;
use crate::prereq::{fleet_by_index, not_an_object, DeviceCode, DeviceEntry, LicensingInput, Loose, RawDevice, WorkspaceInput, FIELDS};

#[wasm_bindgen(module = "/src/wasm/fleet.js")]
extern "C" {
    /// What `packDevices` returns.
    type Packed;
    #[wasm_bindgen(js_name = packDevices, catch)]
    fn pack_devices(devices: &Array) -> Result<Packed, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn bytes(this: &Packed) -> Vec<u8>;
    #[wasm_bindgen(method, getter)]
    fn numbers(this: &Packed) -> Vec<f64>;
    #[wasm_bindgen(method, getter)]
    fn lists(this: &Packed) -> Vec<u32>;
    #[wasm_bindgen(method, getter)]
    fn names(this: &Packed) -> f64;
    #[wasm_bindgen(method, getter)]
    fn ids(this: &Packed) -> Array;
    #[wasm_bindgen(js_name = setBlocked)]
    fn set_blocked(report: &Object, code: &str, indices: &[u32], ids: &Array);
}

#[wasm_bindgen]
impl Gate {
    /// The licensing level (`unavailable`, `available`, `recommended`,
    /// `optimal`), what it lacks, and whether Defender for Cloud
    /// recommendations flow in (only with the Defender CSPM plan).
    #[wasm_bindgen(unchecked_return_type = "LicensingReport")]
    pub fn licensing(&self, #[wasm_bindgen(unchecked_param_type = "LicensingInput")] input: JsValue) -> JsResult<JsValue> {
        // input -> licenses: containers two levels deep.
        let input: LicensingInput = object_arg(&input, depth::LICENSING, ErrorCode::InvalidInput, "licensing input", r#"{"licenses": ["m365-e5"]}"#)?;
        to_js(&self.inner.licensing(&input))
    }

    /// Whether someone can create the Exposure Management workspace (a Global
    /// Admin or Security Admin), and who.
    #[wasm_bindgen(unchecked_return_type = "WorkspaceReport")]
    pub fn workspace(&self, #[wasm_bindgen(unchecked_param_type = "WorkspaceInput")] input: JsValue) -> JsResult<JsValue> {
        // input -> assignments -> assignment -> roles: four levels.
        let example = r#"{"assignments": [{"user": "ana", "roles": ["security-admin"]}]}"#;
        let input: WorkspaceInput = object_arg(&input, depth::WORKSPACE, ErrorCode::InvalidInput, "workspace input", example)?;
        to_js(&self.inner.workspace(&input).map_err(to_js_error)?)
    }

    /// Whether one device is ready for threat and vulnerability management,
    /// and whether remediation requests can create an Intune security task.
    #[wasm_bindgen(unchecked_return_type = "DeviceReport")]
    pub fn device(&self, #[wasm_bindgen(unchecked_param_type = "Device")] device: JsValue) -> JsResult<JsValue> {
        let device = device_entry(&device).into_result().map_err(to_js_error)?;
        to_js(&self.inner.device(&device).map_err(to_js_error)?)
    }

    /// The readiness of many devices, summarised; a bad device is listed
    /// under `invalid` and does not stop the others.
    #[wasm_bindgen(unchecked_return_type = "FleetReport")]
    pub fn fleet(&self, #[wasm_bindgen(unchecked_param_type = "Device[]")] devices: JsValue) -> JsResult<JsValue> {
        if !Array::is_array(&devices) {
            return Err(invalid(format!("devices must be an array, not {}", js_type(&devices))));
        }
        let devices: &Array = devices.unchecked_ref();
        let packed = pack_devices(devices)
            .map_err(|e| invalid(format!("devices could not be read: {}", super::read::thrown_message(&e))))?;
        let (text, numbers, lists, ids) = (packed.bytes(), packed.numbers(), packed.lists(), packed.ids());
        let text = String::from_utf8(text).unwrap_or_default();
        let fleet = Fleet { text: &text, names: packed.names() as usize, numbers: &numbers, lists: &lists };
        let names = field_names();
        // A device left unpacked is read again through a catching get: a
        // Proxy may throw the second time.
        let entries = fleet
            .entries(|i| {
                let entry = device_entry_fast(&Reflect::get_u32(devices, i)?, &names);
                if let DeviceEntry::Valid(d) = &entry {
                    // The id JS names it by in the report.
                    let _ = Reflect::set_u32(&ids, i, &JsValue::from_str(&d.id));
                }
                Ok::<_, JsValue>(entry)
            })
            .map_err(|_| invalid("devices must be an array that can be read".to_owned()))?;
        let mut report = fleet_by_index(self.inner.prerequisites(), &entries);
        let blocked = std::mem::take(&mut report.blocked);
        let out: Object = to_js(&report)?.unchecked_into();
        for code in DeviceCode::ALL {
            let indices: Vec<u32> = blocked.get(code).iter().map(|&i| u32::try_from(i).unwrap_or(u32::MAX)).collect();
            set_blocked(&out, code.as_str(), &indices, &ids);
        }
        Ok(out.into())
    }

    /// Portal support and WebAssembly for a user agent; without one, for the
    /// running browser (`navigator.userAgent`, when the host has it).
    #[wasm_bindgen(unchecked_return_type = "BrowserReport")]
    pub fn browser(
        &self,
        #[wasm_bindgen(js_name = userAgent, unchecked_optional_param_type = "string")] user_agent: JsValue,
    ) -> JsResult<JsValue> {
        let user_agent = if user_agent.is_undefined() || user_agent.is_null() {
            current_user_agent()
        } else {
            user_agent
                .as_string()
                .ok_or_else(|| invalid(format!("a user agent must be a string, not {}", js_type(&user_agent))))?
        };
        to_js(&self.inner.browser(&user_agent))
    }
}

fn invalid(message: String) -> JsValue {
    to_js_error(Error::new(ErrorCode::InvalidInput, message))
}

/// The field names as JS strings, made once per fleet.
fn field_names() -> Vec<JsValue> {
    FIELDS.iter().map(|f| JsValue::from_str(f)).collect()
}

/// [`device_entry`] with fewer calls across the boundary, for fleets: each
/// known field is read by name, and the object is walked entry by entry only
/// when it has other own keys (an unknown field) or fewer than it seemed (a
/// field inherited from a polluted `Object.prototype`).
fn device_entry_fast(value: &JsValue, names: &[JsValue]) -> DeviceEntry {
    if !is_plain_object(value) {
        return not_an_object(&js_type(value));
    }
    let mut raw = RawDevice::default();
    let mut present = 0;
    for (i, name) in names.iter().enumerate() {
        let field = Reflect::get(value, name).unwrap_or(JsValue::UNDEFINED);
        if !field.is_undefined() {
            present += 1;
            raw.set_index(i, loose_as(i, &field));
        }
    }
    if Reflect::own_keys(value).map_or(true, |keys| keys.length() as usize != present) {
        return device_entry(value);
    }
    raw.finish()
}

/// [`loose`], trying first the type the field should have.
fn loose_as(field: usize, value: &JsValue) -> Loose {
    match FIELDS.get(field).copied() {
        Some("onboarded" | "intune" | "configMgr" | "coManaged") => value.as_bool().map_or_else(|| loose(value, true), Loose::Bool),
        Some("securityRecommendations") => value.as_f64().map_or_else(|| loose(value, true), Loose::number),
        Some("id" | "os" | "osVersion") => value.as_string().map_or_else(|| loose(value, true), Loose::Str),
        _ => loose(value, true),
    }
}

/// One device from a JS value: a plain object's own fields, read as the
/// native reader reads JSON (a field set to `undefined` counts as absent, as
/// `JSON.stringify` would have it).
fn device_entry(value: &JsValue) -> DeviceEntry {
    if !is_plain_object(value) {
        return not_an_object(&js_type(value));
    }
    let mut raw = RawDevice::default();
    let Ok(entries) = own_entries(value) else {
        return not_an_object("an object that throws when read");
    };
    for (name, field) in entries {
        if !field.is_undefined() {
            raw.set(&name, loose(&field, true));
        }
    }
    raw.finish()
}

/// A JS value as a loose field; the items of a list are read one level deep
/// only (a nested list or object is reported by kind, never walked).
fn loose(value: &JsValue, descend: bool) -> Loose {
    if value.is_null() || value.is_undefined() {
        Loose::Null
    } else if let Some(b) = value.as_bool() {
        Loose::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Loose::number(n)
    } else if let Some(s) = value.as_string() {
        Loose::Str(s)
    } else if Array::is_array(value) {
        if !descend {
            return Loose::Seq(Vec::new());
        }
        match own_entries(value) {
            Ok(items) => Loose::Seq(items.iter().map(|(_, v)| loose(v, false)).collect()),
            Err(_) => Loose::Map,
        }
    } else {
        Loose::Map
    }
}

/// `navigator.userAgent` of the host, or empty (Node before 21 has none).
fn current_user_agent() -> String {
    let navigator = Reflect::get(&js_sys::global(), &"navigator".into()).ok().filter(JsValue::is_object);
    navigator
        .and_then(|n| Reflect::get(&n, &"userAgent".into()).ok())
        .and_then(|ua| ua.as_string())
        .unwrap_or_default()
}
