//! Browser: does the Microsoft Defender portal support this browser, and can
//! it run this library as WebAssembly?
//!
//! From the source ("Browser requirements"): Microsoft Edge, Internet
//! Explorer 11, or any HTML5-compliant browser. WebAssembly came later: IE 11
//! never ran it, and the first releases that do are Chrome 57, Firefox 52,
//! Safari 11 and Edge 16. Without it, a front end must take its permission
//! decisions from the server.
//!
//! The source names no version for "HTML5-compliant". We take a browser as
//! compliant when it is of the generation of Internet Explorer 11 (late 2013)
//! or newer: Chrome 30, Firefox 25, Safari 7 (iOS 7), Opera 17 (its first
//! Chromium release being 15, 30 in Chrome terms), every Edge. Presto Opera,
//! the pre-Chrome Android browser and IE 10 and older are not.
//!
//! Parsing is a handful of substring searches, no regular expressions: the
//! whole library must stay small as WebAssembly.

use serde::Serialize;

use super::missing::Missing;
use crate::limits::USER_AGENT_BYTES;
use crate::text::{self, contains};

/// The browser report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BrowserReport {
    /// Whether the Microsoft Defender portal supports the browser.
    pub supported: bool,
    /// Whether the browser runs WebAssembly (this library in the browser).
    pub web_assembly: bool,
    /// Stable family id: `edge`, `edge-legacy`, `ie`, `chrome`, `firefox`,
    /// `safari`, `opera`, `samsung`, `android-browser`, `bot` or `unknown`.
    pub family: &'static str,
    /// Display name, such as `Microsoft Edge` or `Safari on iOS`.
    pub name: &'static str,
    /// The browser's own version as it reports it, such as `120.0.0.0`;
    /// `null` when unknown.
    pub version: Option<String>,
    /// One sentence on support and WebAssembly.
    pub message: String,
    /// `unsupported-browser` and `no-webassembly` when they apply.
    pub missing: Vec<Missing>,
}

/// First versions counted as HTML5-compliant, and first with WebAssembly.
#[derive(Clone, Copy)]
struct Engine {
    html5: u32,
    wasm: u32,
}

const CHROME: Engine = Engine { html5: 30, wasm: 57 };
const FIREFOX: Engine = Engine { html5: 25, wasm: 52 };
const SAFARI: Engine = Engine { html5: 7, wasm: 11 };
/// iOS browsers are all WebKit: what counts is the iOS version.
const IOS: Engine = Engine { html5: 7, wasm: 11 };
const EDGE_LEGACY: Engine = Engine { html5: 12, wasm: 16 };
/// Opera by its own version, when it does not name its Chrome version.
const OPERA: Engine = Engine { html5: 17, wasm: 44 };
/// Samsung Internet by its own version, when it does not name Chrome.
const SAMSUNG: Engine = Engine { html5: 1, wasm: 7 };

/// What the user agent says, before judging it.
struct Found {
    family: &'static str,
    name: &'static str,
    version: Option<String>,
    /// `Some((major, engine))` when support follows from a version table;
    /// `None` for verdicts that do not (IE, bots, unknown).
    judged_by: Option<(u32, Engine)>,
    /// Fixed verdict when not judged by version: (supported, webAssembly).
    fixed: (bool, bool),
    /// Extra words for the message (IE 11 in Compatibility View).
    note: Option<&'static str>,
}

/// Judge a browser by its user-agent string (`navigator.userAgent`, or the
/// `User-Agent` header on a server).
///
/// # Example
///
/// ```
/// use exposure_gate::prereq::browser;
///
/// let ie11 = browser("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko");
/// assert!(ie11.supported);
/// assert!(!ie11.web_assembly);
/// assert_eq!(ie11.name, "Internet Explorer");
///
/// let edge = browser("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91");
/// assert!(edge.supported && edge.web_assembly);
/// assert_eq!(edge.version.as_deref(), Some("120.0.2210.91"));
/// ```
pub fn browser(user_agent: &str) -> BrowserReport {
    let found = identify(head(user_agent, USER_AGENT_BYTES).trim());
    let (supported, web_assembly) = match found.judged_by {
        Some((major, engine)) => (major >= engine.html5, major >= engine.wasm),
        None => found.fixed,
    };
    let shown = match &found.version {
        Some(v) => format!("{} {}", found.name, major_minor(v)),
        None => found.name.to_owned(),
    };
    let mut missing = Vec::new();
    if !supported {
        missing.push(Missing::new(
            "unsupported-browser",
            match found.family {
                "bot" => "The user agent is a bot or a command-line client, not a browser.".to_owned(),
                "unknown" => "The browser could not be identified from its user agent.".to_owned(),
                _ => format!("{shown} is not supported by the Microsoft Defender portal."),
            },
            found.note.map_or(
                "Use Microsoft Edge, Internet Explorer 11, or a current version of Chrome, Firefox or Safari.",
                |_| "Turn off Compatibility View for the Microsoft Defender portal (Tools > Compatibility View settings), or use Microsoft Edge.",
            ),
        ));
    }
    if !web_assembly {
        missing.push(Missing::new(
            "no-webassembly",
            format!("{shown} does not run WebAssembly, so permission decisions cannot be taken in the browser."),
            "Take permission decisions from the server (POST /api/check), or use a browser that runs WebAssembly: Chrome 57, Firefox 52, Safari 11, Edge 16 or later.",
        ));
    }
    let message = match (supported, web_assembly) {
        (true, true) => format!("{shown} is supported and runs WebAssembly."),
        (true, false) => format!(
            "{shown} is supported by the Microsoft Defender portal but does not run WebAssembly: take permission decisions from the server."
        ),
        (false, _) => match (found.family, found.note) {
            ("bot", _) => "Not a browser: a bot or a command-line client.".to_owned(),
            ("unknown", _) => "Unknown browser: the Microsoft Defender portal supports Microsoft Edge, Internet Explorer 11 and HTML5-compliant browsers.".to_owned(),
            (_, Some(note)) => format!("{shown} {note} is not supported: turn Compatibility View off."),
            _ => format!(
                "{shown} is not supported: the Microsoft Defender portal needs Microsoft Edge, Internet Explorer 11 or an HTML5-compliant browser."
            ),
        },
    };
    BrowserReport {
        supported,
        web_assembly,
        family: found.family,
        name: found.name,
        version: found.version,
        message,
        missing,
    }
}

/// The first `max` bytes of `s`, cut back to a char boundary: the part of a
/// user agent that is read ([`USER_AGENT_BYTES`]).
fn head(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or_default()
}

fn identify(ua: &str) -> Found {
    let fixed = |family, name, version: Option<&str>, verdict| Found {
        family,
        name,
        version: version.map(str::to_owned),
        judged_by: None,
        fixed: verdict,
        note: None,
    };
    let judged = |family, name, version: Option<&str>, major: Option<u32>, engine| Found {
        family,
        name,
        version: version.map(str::to_owned),
        judged_by: Some((major.unwrap_or(0), engine)),
        fixed: (false, false),
        note: None,
    };
    if ua.is_empty() {
        return fixed("unknown", "Unknown browser", None, (false, false));
    }
    if is_bot(ua) {
        return fixed("bot", "Bot or command-line client", None, (false, false));
    }

    // Internet Explorer: `MSIE n` up to 10, `Trident/7.0; rv:11.0` for 11.
    let msie = version_after(ua, "MSIE ");
    if contains(ua, "Trident/") || msie.is_some() {
        let rv = version_after(ua, "rv:");
        return match (msie, contains(ua, "Trident/7.")) {
            (Some(_), true) => Found {
                note: Some("in Compatibility View"),
                ..fixed("ie", "Internet Explorer", Some("11.0"), (false, false))
            },
            (Some(v), false) => fixed("ie", "Internet Explorer", Some(v), (false, false)),
            (None, _) => {
                let eleven = rv.and_then(major).is_some_and(|m| m >= 11);
                fixed("ie", "Internet Explorer", rv, (eleven, false))
            }
        };
    }

    // iOS: every browser is WebKit, so the iOS version decides.
    if contains(ua, "iPhone") || contains(ua, "iPad") || contains(ua, "iPod") {
        let ios = ios_major(ua);
        let (family, name, version) = if let Some(v) = version_after(ua, "CriOS/") {
            ("chrome", "Chrome on iOS", Some(v))
        } else if let Some(v) = version_after(ua, "FxiOS/") {
            ("firefox", "Firefox on iOS", Some(v))
        } else if let Some(v) = version_after(ua, "EdgiOS/") {
            ("edge", "Microsoft Edge on iOS", Some(v))
        } else {
            ("safari", "Safari on iOS", version_after(ua, "Version/"))
        };
        return judged(family, name, version, ios, IOS);
    }

    let chrome = version_after(ua, "Chrome/").or_else(|| version_after(ua, "Chromium/"));
    let chrome_major = chrome.and_then(major);
    if let Some(v) = version_after(ua, "Edge/") {
        return judged("edge-legacy", "Microsoft Edge (legacy)", Some(v), major(v), EDGE_LEGACY);
    }
    if let Some(v) = version_after(ua, "Edg/").or_else(|| version_after(ua, "EdgA/")) {
        // Chromium Edge starts at 79, well past Chrome 57.
        return judged("edge", "Microsoft Edge", Some(v), chrome_major.or(major(v)), CHROME);
    }
    if let Some(v) = version_after(ua, "OPR/") {
        return match chrome_major {
            Some(c) => judged("opera", "Opera", Some(v), Some(c), CHROME),
            None => judged("opera", "Opera", Some(v), major(v), OPERA),
        };
    }
    if ua.starts_with("Opera") || contains(ua, "Presto/") {
        let v = version_after(ua, "Version/").or_else(|| version_after(ua, "Opera/"));
        return fixed("opera", "Opera", v, (false, false));
    }
    if let Some(v) = version_after(ua, "SamsungBrowser/") {
        return match chrome_major {
            Some(c) => judged("samsung", "Samsung Internet", Some(v), Some(c), CHROME),
            None => judged("samsung", "Samsung Internet", Some(v), major(v), SAMSUNG),
        };
    }
    if let Some(v) = version_after(ua, "Firefox/") {
        return judged("firefox", "Firefox", Some(v), major(v), FIREFOX);
    }
    if let Some(v) = chrome {
        return judged("chrome", "Chrome", Some(v), chrome_major, CHROME);
    }
    if contains(ua, "Android") && contains(ua, "Safari/") {
        let v = version_after(ua, "Version/");
        return fixed("android-browser", "Android Browser", v, (false, false));
    }
    if contains(ua, "Safari/") {
        let v = version_after(ua, "Version/");
        return judged("safari", "Safari", v, v.and_then(major), SAFARI);
    }
    fixed("unknown", "Unknown browser", None, (false, false))
}

/// Crawlers and scripts: not browsers, whatever engine they mimic.
fn is_bot(ua: &str) -> bool {
    const MARKS: [&str; 13] = [
        "bot/", "bot;", "bot)", "spider", "crawler", "slurp", "facebookexternalhit", "curl/", "wget/",
        "python-requests", "go-http-client", "okhttp", "libwww-perl",
    ];
    let lower = ua.to_ascii_lowercase();
    MARKS.iter().any(|m| contains(&lower, m)) || lower.ends_with("bot")
}

/// The version that follows `token`: digits and dots.
fn version_after<'a>(ua: &'a str, token: &str) -> Option<&'a str> {
    let start = text::find(ua, token)? + token.len();
    let rest = ua.get(start..)?;
    let end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
    rest.get(..end).filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

/// The leading number of a version: `120` of `120.0.0.0`.
fn major(version: &str) -> Option<u32> {
    let end = version.find(|c: char| !c.is_ascii_digit()).unwrap_or(version.len());
    version.get(..end)?.parse().ok()
}

/// `120.0` of `120.0.6099.109`, `11` of `11`: enough for a message.
fn major_minor(version: &str) -> &str {
    let mut dots = version.match_indices('.').map(|(i, _)| i);
    match (dots.next(), dots.next()) {
        (Some(_), Some(second)) => version.get(..second).unwrap_or(version),
        _ => version,
    }
}

/// The iOS major version of `... iPhone OS 11_0 like Mac OS X ...`.
fn ios_major(ua: &str) -> Option<u32> {
    const TOKEN: &str = "OS ";
    text::find_all(ua, TOKEN).find_map(|i| {
        let rest = ua.get(i + TOKEN.len()..)?;
        rest.starts_with(|c: char| c.is_ascii_digit()).then(|| major(rest)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (user agent, family, supported, webAssembly, version)
    const CASES: &[(&str, &str, bool, bool, Option<&str>)] = &[
        // Chrome, current and the first with WebAssembly, and the one before.
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
         "chrome", true, true, Some("120.0.0.0")),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36",
         "chrome", true, true, Some("57.0.2987.133")),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 Safari/537.36",
         "chrome", true, false, Some("56.0.2924.87")),
        ("Mozilla/5.0 (Windows NT 6.1) AppleWebKit/535.1 (KHTML, like Gecko) Chrome/13.0.782.112 Safari/535.1",
         "chrome", false, false, Some("13.0.782.112")),
        ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
         "chrome", true, true, Some("120.0.0.0")),
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.28 Safari/537.36",
         "chrome", true, true, Some("120.0.6099.28")),
        // Edge (Chromium), desktop and Android.
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
         "edge", true, true, Some("120.0.2210.91")),
        ("Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 EdgA/120.0.2210.126",
         "edge", true, true, Some("120.0.2210.126")),
        // Edge (legacy, EdgeHTML): 16 is the first with WebAssembly.
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045",
         "edge-legacy", true, true, Some("18.19045")),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/58.0.3029.110 Safari/537.36 Edge/16.16299",
         "edge-legacy", true, true, Some("16.16299")),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Safari/537.36 Edge/15.15063",
         "edge-legacy", true, false, Some("15.15063")),
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/42.0.2311.135 Safari/537.36 Edge/12.10240",
         "edge-legacy", true, false, Some("12.10240")),
        // Internet Explorer: 11 is supported without WebAssembly; 10 and older are not supported.
        ("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko", "ie", true, false, Some("11.0")),
        ("Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko", "ie", true, false, Some("11.0")),
        ("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)", "ie", false, false, Some("10.0")),
        ("Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)", "ie", false, false, Some("9.0")),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", "ie", false, false, Some("6.0")),
        ("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C)", "ie", false, false, Some("11.0")),
        // Firefox: 52 is the first with WebAssembly.
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0", "firefox", true, true, Some("121.0")),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:52.0) Gecko/20100101 Firefox/52.0", "firefox", true, true, Some("52.0")),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64; rv:51.0) Gecko/20100101 Firefox/51.0", "firefox", true, false, Some("51.0")),
        ("Mozilla/5.0 (Windows NT 5.1; rv:3.6) Gecko/20100101 Firefox/3.6", "firefox", false, false, Some("3.6")),
        ("Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "firefox", true, true, Some("121.0")),
        // Safari on macOS: 11 is the first with WebAssembly.
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15",
         "safari", true, true, Some("17.2")),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_13) AppleWebKit/604.1.38 (KHTML, like Gecko) Version/11.0 Safari/604.1.38",
         "safari", true, true, Some("11.0")),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_12_6) AppleWebKit/603.3.8 (KHTML, like Gecko) Version/10.1.2 Safari/603.3.8",
         "safari", true, false, Some("10.1.2")),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_6_8) AppleWebKit/534.59.10 (KHTML, like Gecko) Version/5.1.9 Safari/534.59.10",
         "safari", false, false, Some("5.1.9")),
        // iOS: the iOS version decides, whatever the browser.
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
         "safari", true, true, Some("17.2")),
        ("Mozilla/5.0 (iPad; CPU OS 11_0 like Mac OS X) AppleWebKit/604.1.34 (KHTML, like Gecko) Version/11.0 Mobile/15A5341f Safari/604.1",
         "safari", true, true, Some("11.0")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 10_3_3 like Mac OS X) AppleWebKit/603.3.8 (KHTML, like Gecko) Version/10.0 Mobile/14G60 Safari/602.1",
         "safari", true, false, Some("10.0")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
         "chrome", true, true, Some("120.0.6099.119")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 10_3 like Mac OS X) AppleWebKit/603.1.30 (KHTML, like Gecko) CriOS/60.0.3112.89 Mobile/14E277 Safari/602.1",
         "chrome", true, false, Some("60.0.3112.89")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
         "firefox", true, true, Some("121.0")),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 EdgiOS/120.0.2210.126 Mobile/15E148 Safari/605.1.15",
         "edge", true, true, Some("120.0.2210.126")),
        // Opera: Chromium (OPR) by its Chrome version; Presto not supported.
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0",
         "opera", true, true, Some("106.0.0.0")),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 Safari/537.36 OPR/43.0.2442.991",
         "opera", true, false, Some("43.0.2442.991")),
        ("Opera/9.80 (Windows NT 6.1; WOW64) Presto/2.12.388 Version/12.18", "opera", false, false, Some("12.18")),
        // Samsung Internet.
        ("Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
         "samsung", true, true, Some("23.0")),
        ("Mozilla/5.0 (Linux; Android 5.0.2; SAMSUNG SM-T550 Build/LRX22G) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/3.3 Chrome/38.0.2125.102 Safari/537.36",
         "samsung", true, false, Some("3.3")),
        // The pre-Chrome Android browser.
        ("Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; KFTT Build/IML74K) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30",
         "android-browser", false, false, Some("4.0")),
        // A phone whose model name ends in "bot" is still a browser.
        ("Mozilla/5.0 (Linux; Android 9; CUBOT X19) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
         "chrome", true, true, Some("120.0.0.0")),
        // Bots, scripts, nothing, garbage.
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot", false, false, None),
        ("Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
         "bot", false, false, None),
        ("curl/8.4.0", "bot", false, false, None),
        ("python-requests/2.31.0", "bot", false, false, None),
        ("", "unknown", false, false, None),
        ("   ", "unknown", false, false, None),
        ("garbage ☃ Chrome/ Firefox/x", "unknown", false, false, None),
        ("Mozilla/5.0", "unknown", false, false, None),
    ];

    #[test]
    fn each_family() {
        for &(ua, family, supported, wasm, version) in CASES {
            let r = browser(ua);
            assert_eq!((r.family, r.supported, r.web_assembly, r.version.as_deref()), (family, supported, wasm, version), "{ua}");
            let codes: Vec<_> = r.missing.iter().map(|m| m.code).collect();
            let mut want = Vec::new();
            if !supported {
                want.push("unsupported-browser");
            }
            if !wasm {
                want.push("no-webassembly");
            }
            assert_eq!(codes, want, "{ua}");
        }
    }

    #[test]
    fn messages_say_what_to_do() {
        let ie11 = browser("Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko");
        assert_eq!(
            ie11.message,
            "Internet Explorer 11.0 is supported by the Microsoft Defender portal but does not run WebAssembly: take permission decisions from the server."
        );
        assert!(ie11.missing[0].fix.contains("/api/check"));
        let ie10 = browser("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)");
        assert!(ie10.message.starts_with("Internet Explorer 10.0 is not supported"), "{}", ie10.message);
        let compat = browser("Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C)");
        assert!(compat.missing[0].fix.contains("Compatibility View"));
        let chrome = browser("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36");
        assert_eq!(chrome.message, "Chrome 120.0 is supported and runs WebAssembly.");
        assert_eq!(chrome.name, "Chrome");
    }

    #[test]
    fn serializes_to_the_contract_shape() {
        let json = serde_json::to_value(browser("curl/8.4.0")).unwrap();
        for key in ["supported", "webAssembly", "name", "version", "message", "missing", "family"] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["version"], serde_json::Value::Null);
    }

    #[test]
    fn long_and_odd_input_is_harmless() {
        let long = "Chrome/".repeat(100_000);
        assert_eq!(browser(&long).family, "unknown");
        assert_eq!(browser("Chrome/99999999999999999999").family, "chrome");
        assert!(!browser("Chrome/99999999999999999999").supported);
    }
}
