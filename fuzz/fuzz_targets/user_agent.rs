//! Any bytes as a user agent (`Gate::browser`): always a report, never a
//! panic, and a consistent one: WebAssembly only in a supported browser, a
//! known family, `missing` listing exactly what the two flags deny, and a
//! message that says something, and a version read from the user agent.
#![no_main]

use exposure_gate_fuzz::gate;
use libfuzzer_sys::fuzz_target;

const FAMILIES: [&str; 11] =
    ["edge", "edge-legacy", "ie", "chrome", "firefox", "safari", "opera", "samsung", "android-browser", "bot", "unknown"];

fuzz_target!(|data: &[u8]| {
    let ua = String::from_utf8_lossy(data);
    let r = gate().browser(&ua);
    assert!(FAMILIES.contains(&r.family), "family `{}`", r.family);
    assert!(!r.web_assembly || r.supported, "WebAssembly in an unsupported browser: {r:?}");
    let codes: Vec<&str> = r.missing.iter().map(|m| m.code).collect();
    assert_eq!(codes.contains(&"unsupported-browser"), !r.supported);
    assert_eq!(codes.contains(&"no-webassembly"), !r.web_assembly);
    assert!(!r.message.is_empty() && !r.name.is_empty());
    if let Some(v) = &r.version {
        assert!(v.starts_with(|c: char| c.is_ascii_digit()) && v.chars().all(|c| c.is_ascii_digit() || c == '.'));
        // Read from the user agent, except IE 11 in Compatibility View, which
        // says `MSIE 7.0` and is reported as the 11.0 it is (fuzz crash 538ad8c5).
        let compatibility_view = r.family == "ie" && r.message.contains("Compatibility View");
        assert!(ua.contains(v.as_str()) || (compatibility_view && v == "11.0"), "version `{v}`");
    }
});
