//! Reading devices so that one bad device does not hide the others.
//!
//! A reader that stops at the first bad field of the first bad device would
//! lose the whole fleet. [`DeviceEntry`] instead reads any value without
//! failing: each field is read as a loose value, then checked, and a bad
//! device becomes an [`InvalidDevice`] naming its field (`/osVersion`; the
//! fleet adds `/devices/17`). Only a malformed document (bad JSON) still fails.

use serde::Serialize;

use super::device::{with_device, Device};
use super::kb::Kb;
use crate::error::{Error, ErrorCode, Result};
use crate::json::{At, Fields, Read, Value};

/// A device as read from input: either a valid [`Device`] or the error that
/// makes it invalid. Reading never fails on a well-formed document.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::{devices_from_json, DeviceEntry};
///
/// let entries = devices_from_json(r#"[
///     { "id": "ok", "onboarded": true, "os": "macOS", "intune": true, "configMgr": false,
///       "securityRecommendations": 1, "tags": ["a"], "coManaged": false },
///     { "id": "bad", "onboarded": 1 }
/// ]"#)?;
/// assert!(matches!(entries[0], DeviceEntry::Valid(_)));
/// let DeviceEntry::Invalid(bad) = &entries[1] else { unreachable!() };
/// assert_eq!(bad.id.as_deref(), Some("bad"));
/// assert_eq!(bad.error.pointer(), Some("/onboarded"));
/// # Ok::<(), exposure_gate::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeviceEntry {
    /// A device of the documented shape.
    Valid(Device),
    /// A device that is not.
    Invalid(InvalidDevice),
}

/// A device that could not be read, with its id when that much was readable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidDevice {
    /// The device's `id`, when it is a string.
    pub id: Option<String>,
    /// What is wrong, with the pointer of the field relative to the device.
    pub error: Error,
}

impl DeviceEntry {
    /// The device, or its error.
    ///
    /// # Example
    ///
    /// ```
    /// use exposure_gate::prereq::{Device, DeviceEntry};
    ///
    /// let entry = DeviceEntry::from(Device::default());
    /// assert!(entry.into_result().is_ok());
    /// ```
    pub fn into_result(self) -> Result<Device> {
        match self {
            DeviceEntry::Valid(d) => Ok(d),
            DeviceEntry::Invalid(bad) => Err(bad.error),
        }
    }
}

impl From<Device> for DeviceEntry {
    fn from(device: Device) -> Self {
        DeviceEntry::Valid(device)
    }
}

impl Serialize for DeviceEntry {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            DeviceEntry::Valid(d) => d.serialize(serializer),
            DeviceEntry::Invalid(bad) => {
                use serde::ser::SerializeMap;
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("id", &bad.id)?;
                map.serialize_entry("error", &bad.error.to_string())?;
                map.end()
            }
        }
    }
}

/// The fields of a device, in the order errors are reported.
pub(crate) const FIELDS: [&str; 10] = [
    "id",
    "onboarded",
    "os",
    "osVersion",
    "installedKbs",
    "intune",
    "configMgr",
    "securityRecommendations",
    "tags",
    "coManaged",
];

/// A value read without judging its type, so that a wrong type becomes a
/// message about the field instead of aborting the whole document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Loose {
    Null,
    Bool(bool),
    /// A number, with its value when it is whole within ±2^53: every field
    /// that takes a number takes a whole one.
    Number(Option<i64>),
    Str(String),
    Seq(Vec<Loose>),
    Map,
}

impl Loose {
    /// A number given as a float (a JS value, a packed field).
    pub(crate) fn number(n: f64) -> Loose {
        Loose::Number(crate::json::whole_float(n))
    }

    /// How the value is named in a message: `the string `yes``, `a list`.
    fn describe(&self) -> String {
        match self {
            Loose::Null => "null".to_owned(),
            Loose::Bool(b) => b.to_string(),
            Loose::Number(n) => match n {
                Some(i) => format!("the number {i}"),
                // Whole numbers only: formatting any float would cost the
                // WebAssembly module a float printer.
                None => "a number that is not whole".to_owned(),
            },
            Loose::Str(s) if s.is_empty() => "an empty string".to_owned(),
            Loose::Str(s) => format!("the string `{}`", crate::suggest::clip(s)),
            Loose::Seq(_) => "a list".to_owned(),
            Loose::Map => "an object".to_owned(),
        }
    }
}

impl From<&Value<'_>> for Loose {
    fn from(value: &Value<'_>) -> Loose {
        match value {
            Value::Null => Loose::Null,
            Value::Bool(b) => Loose::Bool(*b),
            Value::Number(_) => Loose::Number(value.as_whole()),
            Value::String(s) => Loose::Str(s.to_string()),
            Value::Array(items) => Loose::Seq(items.iter().map(Loose::from).collect()),
            Value::Object(_) => Loose::Map,
        }
    }
}

impl Read for DeviceEntry {
    /// Never an error: whatever `value` is, it is a device or an invalid entry.
    fn read(value: &Value, _: &At<'_>) -> Result<Self> {
        let Value::Object(entries) = value else {
            let what = match value {
                Value::Null => "null",
                Value::Bool(true) => "true",
                Value::Bool(false) => "false",
                Value::Number(_) => "a number",
                Value::String(_) => "a string",
                _ => "a list",
            };
            return Ok(not_an_object(what));
        };
        let mut raw = RawDevice::default();
        for (name, field) in entries {
            raw.set(name, Loose::from(field));
        }
        Ok(raw.finish())
    }
}

/// The fields of one device as they are read, before they are checked: the
/// reader above and the wasm skin (which reads JS objects field by field)
/// both fill one and call [`finish`](RawDevice::finish).
#[derive(Default)]
pub(crate) struct RawDevice {
    fields: [Option<Loose>; 10],
    first_error: Option<Error>,
}

impl RawDevice {
    /// Record a field by name.
    pub(crate) fn set(&mut self, key: &str, value: Loose) {
        match FIELDS.iter().position(|f| *f == key) {
            Some(i) => self.set_index(i, value),
            None => self.unknown(key),
        }
    }

    /// Record the field `FIELDS[i]`.
    pub(crate) fn set_index(&mut self, i: usize, value: Loose) {
        match self.fields.get_mut(i) {
            Some(slot @ None) => *slot = Some(value),
            _ => {
                let name = FIELDS.get(i).copied().unwrap_or_default();
                self.first_error.get_or_insert_with(|| {
                    Error::new(ErrorCode::InvalidInput, format!("duplicate field `{name}`")).at(format!("/{name}"))
                });
            }
        }
    }

    fn unknown(&mut self, name: &str) {
        self.first_error.get_or_insert_with(|| {
            Error::unknown(ErrorCode::InvalidInput, "field", name, FIELDS)
                .at(format!("/{}", name.replace('~', "~0").replace('/', "~1")))
        });
    }

    /// The device, or its first error.
    pub(crate) fn finish(self) -> DeviceEntry {
        build(self.fields, self.first_error)
    }
}

/// The entry for something that is not an object at all; `what` names it
/// (`a number`, `null`, `an array`).
pub(crate) fn not_an_object(what: &str) -> DeviceEntry {
    invalid(None, Error::new(ErrorCode::InvalidInput, format!("a device must be an object, not {what}")))
}

fn invalid(id: Option<String>, error: Error) -> DeviceEntry {
    let error = with_device(error, id.as_deref());
    DeviceEntry::Invalid(InvalidDevice { id, error })
}

/// Check the loose fields and build the device, or the first error.
pub(crate) fn build(fields: [Option<Loose>; 10], early: Option<Error>) -> DeviceEntry {
    let [id, onboarded, os, os_version, installed_kbs, intune, config_mgr, recommendations, tags, co_managed] = fields;
    let id = match id {
        Some(Loose::Str(s)) if nonblank(&s) => s,
        Some(Loose::Str(_)) => return invalid(None, field_error("id", "`id` must not be empty")),
        Some(other) => return invalid(None, type_error("id", "a string", &other)),
        None => return invalid(None, missing("id")),
    };
    let result = (|| -> Result<Device> {
        if let Some(err) = early {
            return Err(err);
        }
        let onboarded = boolean("onboarded", onboarded)?;
        let os = match os {
            Some(Loose::Str(s)) if nonblank(&s) => s,
            Some(Loose::Str(_)) => return Err(field_error("os", "`os` must not be empty")),
            Some(other) => return Err(type_error("os", "a string", &other)),
            None => return Err(missing("os")),
        };
        let os_version = match os_version {
            None | Some(Loose::Null) => None,
            Some(Loose::Str(s)) => Some(s),
            Some(Loose::Number(Some(n))) if (0..1_000_000_000).contains(&n) => Some(n.to_string()),
            Some(other) => return Err(type_error("osVersion", "a string such as `1809` or `10.0.17763`", &other)),
        };
        let installed_kbs = match installed_kbs {
            None | Some(Loose::Null) => Vec::new(),
            Some(Loose::Seq(items)) => {
                let mut kbs = Vec::with_capacity(items.len());
                for (j, item) in items.iter().enumerate() {
                    let kb = match item {
                        Loose::Str(s) => Kb::parse(s).ok_or_else(|| Kb::error(s)),
                        Loose::Number(Some(n)) => {
                            let text = n.to_string();
                            Kb::parse(&text).ok_or_else(|| Kb::error(&text))
                        }
                        other => Err(Error::new(
                            ErrorCode::InvalidInput,
                            format!("a KB id must be a string such as `KB4516077`, not {}", other.describe()),
                        )),
                    };
                    kbs.push(kb.map_err(|e| e.at(format!("/installedKbs/{j}")))?);
                }
                kbs
            }
            Some(other) => return Err(type_error("installedKbs", "a list of KB ids", &other)),
        };
        let intune = boolean("intune", intune)?;
        let config_mgr = boolean("configMgr", config_mgr)?;
        let security_recommendations = match recommendations {
            Some(value) => match &value {
                Loose::Number(n) => count(*n),
                _ => None,
            }
                .ok_or_else(|| type_error("securityRecommendations", "a count (a whole number, 0 or more)", &value))?,
            None => return Err(missing("securityRecommendations")),
        };
        let tags = match tags {
            None | Some(Loose::Null) => Vec::new(),
            Some(Loose::Seq(items)) => {
                let mut tags = Vec::with_capacity(items.len());
                for (j, item) in items.into_iter().enumerate() {
                    match item {
                        Loose::Str(s) => tags.push(s),
                        other => {
                            return Err(Error::new(
                                ErrorCode::InvalidInput,
                                format!("a tag must be a string, not {}", other.describe()),
                            )
                            .at(format!("/tags/{j}")))
                        }
                    }
                }
                tags
            }
            Some(other) => return Err(type_error("tags", "a list of strings", &other)),
        };
        let co_managed = boolean("coManaged", co_managed)?;
        Ok(Device {
            id: String::new(),
            onboarded,
            os,
            os_version,
            installed_kbs,
            intune,
            config_mgr,
            security_recommendations,
            tags,
            co_managed,
        })
    })();
    match result {
        Ok(device) => DeviceEntry::Valid(Device { id, ..device }),
        Err(err) => invalid(Some(id), err),
    }
}

/// Whether an `id` or `os` has more than blanks.
pub(crate) fn nonblank(text: &str) -> bool {
    !text.trim().is_empty()
}

/// A `securityRecommendations` count: a whole number from 0 to `u32::MAX`.
/// `whole` is a number's value when it is whole (see [`Loose::Number`]).
pub(crate) fn count(whole: Option<i64>) -> Option<u32> {
    whole.and_then(|n| u32::try_from(n).ok())
}

fn boolean(name: &str, value: Option<Loose>) -> Result<bool> {
    match value {
        Some(Loose::Bool(b)) => Ok(b),
        Some(other) => Err(type_error(name, "true or false", &other)),
        None => Err(missing(name)),
    }
}

fn field_error(name: &str, message: impl Into<String>) -> Error {
    Error::new(ErrorCode::InvalidInput, message).at(format!("/{name}"))
}

fn missing(name: &str) -> Error {
    field_error(name, format!("missing field `{name}`"))
}

fn type_error(name: &str, want: &str, got: &Loose) -> Error {
    field_error(name, format!("`{name}` must be {want}, not {}", got.describe()))
}

/// Read a device list from JSON text: a list of devices, or an object with a
/// `devices` list. Bad devices become [`DeviceEntry::Invalid`]; only bad JSON
/// fails as a whole.
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::devices_from_json;
///
/// let entries = devices_from_json(r#"{ "devices": [{ "id": "a" }, 7] }"#)?;
/// assert_eq!(entries.len(), 2);
/// assert!(devices_from_json("[{").is_err());
/// # Ok::<(), exposure_gate::Error>(())
/// ```
pub fn devices_from_json(text: &str) -> Result<Vec<DeviceEntry>> {
    let value = crate::json::parse(text.trim_start_matches('\u{feff}'), ErrorCode::InvalidInput)?;
    let root = At::root(ErrorCode::InvalidInput);
    match value {
        Value::Object(_) => Fields::new(&value, &root, "a list of devices, or an object with `devices`", &["devices"])?.required("devices"),
        _ => Vec::read(&value, &root),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{ "id": "pc-1", "onboarded": true, "os": "Windows 10", "osVersion": "1809",
        "installedKbs": ["KB4516077", "kb 4493441"], "intune": true, "configMgr": false,
        "securityRecommendations": 4, "tags": ["a"], "coManaged": false }"#;

    fn entry(json: &str) -> DeviceEntry {
        crate::json::from_str(json, ErrorCode::InvalidInput).unwrap()
    }

    fn error(json: &str) -> Error {
        match entry(json) {
            DeviceEntry::Invalid(bad) => bad.error,
            DeviceEntry::Valid(d) => panic!("valid: {d:?}"),
        }
    }

    /// The good device with one field replaced (or removed with `None`).
    fn with(field: &str, value: Option<&str>) -> String {
        let mut v: serde_json::Value = serde_json::from_str(GOOD).unwrap();
        let map = v.as_object_mut().unwrap();
        match value {
            Some(json) => {
                map.insert(field.to_owned(), serde_json::from_str(json).unwrap());
            }
            None => {
                map.remove(field);
            }
        }
        v.to_string()
    }

    #[test]
    fn reads_a_good_device() {
        let DeviceEntry::Valid(d) = entry(GOOD) else { panic!() };
        assert_eq!(d.id, "pc-1");
        assert_eq!(d.installed_kbs, [Kb::new(4516077), Kb::new(4493441)]);
        assert_eq!(d.security_recommendations, 4);
        // Optional fields may be left out or null.
        for field in ["osVersion", "installedKbs", "tags"] {
            assert!(matches!(entry(&with(field, None)), DeviceEntry::Valid(_)), "{field}");
            assert!(matches!(entry(&with(field, Some("null"))), DeviceEntry::Valid(_)), "{field}");
        }
        // A version written as a number, a count written as 4.0 (as from JS).
        let DeviceEntry::Valid(d) = entry(&with("osVersion", Some("1809"))) else { panic!() };
        assert_eq!(d.os_version.as_deref(), Some("1809"));
        assert!(matches!(entry(&with("securityRecommendations", Some("4.0"))), DeviceEntry::Valid(_)));
    }

    #[test]
    fn required_fields_are_named() {
        for field in ["onboarded", "os", "intune", "configMgr", "securityRecommendations", "coManaged"] {
            let err = error(&with(field, None));
            assert_eq!(err.pointer(), Some(format!("/{field}").as_str()));
            assert_eq!(err.message(), format!("device `pc-1`: missing field `{field}`"));
        }
        let err = error(&with("id", None));
        assert_eq!(err.to_string(), "at `/id`: missing field `id`");
    }

    #[test]
    fn wrong_types_are_named() {
        let cases = [
            ("onboarded", r#""yes""#, "/onboarded", "`onboarded` must be true or false, not the string `yes`"),
            ("intune", "1", "/intune", "`intune` must be true or false, not the number 1"),
            ("os", "10", "/os", "`os` must be a string, not the number 10"),
            ("os", r#""""#, "/os", "`os` must not be empty"),
            ("intune", r#""""#, "/intune", "`intune` must be true or false, not an empty string"),
            ("osVersion", "true", "/osVersion", "`osVersion` must be a string such as `1809` or `10.0.17763`, not true"),
            ("installedKbs", r#""KB4516077""#, "/installedKbs", "`installedKbs` must be a list of KB ids, not the string `KB4516077`"),
            ("installedKbs", r#"["KB4516077", "patch"]"#, "/installedKbs/1", "`patch` is not a KB id; write it as `KB4516077` or `4516077`"),
            ("installedKbs", r#"[{}]"#, "/installedKbs/0", "a KB id must be a string such as `KB4516077`, not an object"),
            ("securityRecommendations", "-1", "/securityRecommendations", "`securityRecommendations` must be a count (a whole number, 0 or more), not the number -1"),
            ("securityRecommendations", "1.5", "/securityRecommendations", "`securityRecommendations` must be a count (a whole number, 0 or more), not a number that is not whole"),
            ("securityRecommendations", r#""3""#, "/securityRecommendations", "`securityRecommendations` must be a count (a whole number, 0 or more), not the string `3`"),
            ("tags", r#""a,b""#, "/tags", "`tags` must be a list of strings, not the string `a,b`"),
            ("tags", "[1]", "/tags/0", "a tag must be a string, not the number 1"),
            ("coManaged", "null", "/coManaged", "`coManaged` must be true or false, not null"),
        ];
        for (field, value, pointer, message) in cases {
            let err = error(&with(field, Some(value)));
            assert_eq!(err.code(), ErrorCode::InvalidInput);
            assert_eq!(err.pointer(), Some(pointer), "{field} = {value}");
            assert_eq!(err.message(), format!("device `pc-1`: {message}"), "{field} = {value}");
        }
        let err = error(&with("id", Some("17")));
        assert_eq!(err.message(), "`id` must be a string, not the number 17");
    }

    #[test]
    fn unknown_and_duplicate_fields() {
        let err = error(&with("intnue", Some("true")));
        assert_eq!(err.pointer(), Some("/intnue"));
        assert_eq!(err.to_string(), "at `/intnue`: device `pc-1`: unknown field `intnue`; did you mean `intune`?");
        let err = error(r#"{ "id": "a", "os": "x", "os": "y" }"#);
        assert_eq!(err.pointer(), Some("/os"));
        assert!(err.message().ends_with("duplicate field `os`"));
    }

    #[test]
    fn non_objects_are_invalid_entries_not_failures() {
        let entries = devices_from_json(r#"[1, "x", null, [1, [2]], true, {"id": "z"}]"#).unwrap();
        assert_eq!(entries.len(), 6);
        let messages: Vec<String> = entries
            .into_iter()
            .map(|e| match e {
                DeviceEntry::Invalid(bad) => bad.error.message().to_owned(),
                DeviceEntry::Valid(_) => String::new(),
            })
            .collect();
        assert_eq!(messages[0], "a device must be an object, not a number");
        assert_eq!(messages[3], "a device must be an object, not a list");
        assert_eq!(messages[5], "device `z`: missing field `onboarded`");
    }

    #[test]
    fn device_lists_from_json() {
        let list = format!("[{GOOD}, {{\"id\": 3}}]");
        assert_eq!(devices_from_json(&list).unwrap().len(), 2);
        let wrapped = format!("\u{feff} {{ \"devices\": {list} }}");
        assert_eq!(devices_from_json(&wrapped).unwrap().len(), 2);
        let err = devices_from_json(r#"{ "device": [] }"#).unwrap_err();
        assert!(err.message().starts_with("unknown field `device`"), "{err}");
        let err = devices_from_json(r#"[{"id": "a",}]"#).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidInput);
        assert!(devices_from_json("\"x\"").is_err());
    }

    #[test]
    fn device_round_trips_through_json() {
        let DeviceEntry::Valid(d) = entry(GOOD) else { panic!() };
        let again = Device::from_json(&serde_json::to_string(&d).unwrap()).unwrap();
        assert_eq!(again, d);
        assert!(Device::from_json(r#"{ "id": "a" }"#).is_err());
    }
}
