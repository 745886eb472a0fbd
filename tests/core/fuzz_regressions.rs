//! Inputs the fuzz targets (`fuzz/`) found, kept as tests: each with what the
//! target asserted and what the finding was.

use super::gate;

/// `user_agent` crash 538ad8c5: IE 11 in Compatibility View (`MSIE n` with
/// `Trident/7.0`), buried in junk bytes, reports version `11.0`, which the
/// text does not contain. Not a core bug: the target's invariant now allows
/// exactly this case, and this test pins the verdict.
#[test]
fn ie11_in_compatibility_view_amid_junk() {
    let bytes: &[u8] = b"MSIE 0Mozilla/5.\xe4\xe4s nT 0; WOW\x00\x00\x00\x00Trident/7.0\xff\xff\xff\xff\xff\xff\xff\xff\x01\x00\x00\x00\xff; rw:11\x00\x00\x00\xff; re Gecko";
    let r = gate().browser(&String::from_utf8_lossy(bytes));
    assert_eq!((r.family, r.version.as_deref(), r.supported, r.web_assembly), ("ie", Some("11.0"), false, false));
    assert!(r.message.contains("Compatibility View"), "{}", r.message);
    let codes: Vec<&str> = r.missing.iter().map(|m| m.code).collect();
    assert_eq!(codes, ["unsupported-browser", "no-webassembly"]);
}

/// `check_ids` crash 69a4268d: a subject with an unknown TVM role and a
/// device-group name past the length limit. The size is checked before any
/// id is looked up, so the error is `invalid-subject` at the group (the
/// target expected `unknown-role`; it now knows the order). Either way it is
/// an error, never a decision.
#[test]
fn a_size_limit_is_reported_before_an_unknown_id() {
    use exposure_gate::limits::GROUP_NAME_CHARS;
    use exposure_gate::{ErrorCode, Subject};

    let mut s = Subject::with_roles(["nobody"]).scoped_to(["Finance".to_owned(), "\u{e3}".repeat(GROUP_NAME_CHARS + 1)]);
    s.tvm_roles.push(String::new());
    let err = gate().check(&s, "manage-recommendations").unwrap_err();
    assert_eq!((err.code(), err.pointer()), (ErrorCode::InvalidSubject, Some("/deviceGroups/1")));
    s.device_groups = exposure_gate::DeviceGroups::Only(vec!["Finance".into()]);
    assert_eq!(gate().check(&s, "manage-recommendations").unwrap_err().code(), ErrorCode::UnknownRole);
}
