//! Devices packed as columns over a table of distinct strings: how the
//! WebAssembly skin receives a fleet from JS (`src/wasm/fleet.js`).
//!
//! In a fleet of 100,000 devices almost every string repeats: a handful of
//! operating systems, versions, KB ids and tags. Read one device at a time,
//! each of them is copied across the boundary, checked and parsed again, and
//! that was most of the time `gate.fleet` took. Packed, each distinct
//! string crosses and is judged once ([`Strings`]); a device is its id, a
//! row of numbers and the table positions of its KBs and tags
//! ([`PackedDevice`]).
//!
//! A packed device has the documented shape: the packing checked every
//! field's type and that there is no other field. What is left to check is
//! the values (a blank `id` or `os`, a KB id that does not parse, a count
//! that is not whole), with the same helpers as the field-by-field reader;
//! when any check fails, the device is rebuilt as loose fields and goes
//! through that reader, so its error is the one it would have had.
//!
//! The whole fleet arrives as a [`Fleet`]: the UTF-8 text of the table
//! followed by one id per device (each ending with a NUL), [`ROW`] numbers
//! per device, and the KB and tag positions of the packed devices in order.

use super::device::Device;
use super::kb::Kb;
use super::record::{count, nonblank, DeviceEntry, Loose, RawDevice};

/// The flag bits of [`PackedDevice::flags`], as `fleet.js` sets them.
mod flag {
    /// `onboarded` is true.
    pub(super) const ONBOARDED: u32 = 1;
    /// `intune` is true.
    pub(super) const INTUNE: u32 = 2;
    /// `configMgr` is true.
    pub(super) const CONFIG_MGR: u32 = 4;
    /// `coManaged` is true.
    pub(super) const CO_MANAGED: u32 = 8;
    /// `osVersion` is present.
    pub(super) const OS_VERSION: u32 = 16;
    /// The device is packed at all (a row without it was left to the reader).
    pub(super) const PACKED: u32 = 32;
}

/// Numbers per device: flags (0 when not packed), `securityRecommendations`,
/// the table positions of `os` and `osVersion`, the KB count, the tag count.
const ROW: usize = 6;

/// A packed fleet as `fleet.js` hands it over.
pub(crate) struct Fleet<'a> {
    /// The table's strings, then one id per device (empty for a device
    /// left unpacked), each ending with a NUL.
    pub(crate) text: &'a str,
    /// How many of the strings in `text` are the table.
    pub(crate) names: usize,
    /// [`ROW`] numbers per device.
    pub(crate) numbers: &'a [f64],
    /// The KB then tag positions of each packed device, in device order.
    pub(crate) lists: &'a [u32],
}

impl Fleet<'_> {
    /// Every device in order: a packed one read here, any other by
    /// `unpacked(i)` (the skin reading device `i` field by field). When the
    /// packing cannot be trusted (a string holding a NUL of its own, a
    /// position outside the table), every device is read by `unpacked`.
    pub(crate) fn entries<E>(&self, mut unpacked: impl FnMut(u32) -> Result<DeviceEntry, E>) -> Result<Vec<DeviceEntry>, E> {
        let rows = self.numbers.chunks_exact(ROW);
        let intact = self.whole(rows.len());
        let mut pieces = self.text.split('\0');
        let strings = Strings::new(pieces.by_ref().take(self.names));
        let mut at = 0;
        // A loop, not `collect::<Result<_>>()`, whose adapter is larger in
        // the wasm (as in `json::read`).
        let mut out = Vec::with_capacity(rows.len());
        for (i, row) in (0_u32..).zip(rows) {
            out.push(match (row, pieces.next()) {
                (&[flags, recommendations, os, version, kbs, tags], Some(id)) if intact && is_packed(flags) => {
                    let (kbs, tags) = (kbs as usize, tags as usize);
                    let list = |from: usize, n: usize| self.lists.get(from..from + n).unwrap_or_default();
                    let d = PackedDevice {
                        id,
                        flags: flags as u32,
                        recommendations,
                        os: os as usize,
                        os_version: version as usize,
                        kbs: list(at, kbs),
                        tags: list(at + kbs, tags),
                    };
                    at += kbs + tags;
                    strings.device(&d)
                }
                _ => unpacked(i)?,
            });
        }
        Ok(out)
    }

    /// Whether the packing can be trusted: one NUL per string (a string with
    /// a NUL of its own adds one), and every position within the table.
    fn whole(&self, devices: usize) -> bool {
        let names = self.names;
        self.text.bytes().filter(|&b| b == 0).count() == names + devices
            && self.lists.iter().all(|&i| (i as usize) < names)
            && self.numbers.chunks_exact(ROW).all(|row| match *row {
                [flags, ..] if !is_packed(flags) => true,
                [_, _, os, version, ..] => (os as usize) < names && (version as usize) < names,
                _ => false,
            })
    }
}

/// Whether a row's flags say `fleet.js` packed the device.
fn is_packed(flags: f64) -> bool {
    flags as u32 & flag::PACKED != 0
}

/// The distinct strings of a packed fleet, each judged once.
struct Strings<'a> {
    items: Vec<Interned<'a>>,
}

struct Interned<'a> {
    text: &'a str,
    /// The KB id it spells, when it spells one.
    kb: Option<Kb>,
}

/// One packed device: positions are into [`Strings`].
struct PackedDevice<'a> {
    id: &'a str,
    /// The [`flag`] bits.
    flags: u32,
    recommendations: f64,
    os: usize,
    /// Read only when `flags` has [`flag::OS_VERSION`].
    os_version: usize,
    kbs: &'a [u32],
    tags: &'a [u32],
}

impl<'a> Strings<'a> {
    /// The table, in the order the positions refer to.
    fn new(texts: impl IntoIterator<Item = &'a str>) -> Strings<'a> {
        Strings { items: texts.into_iter().map(|text| Interned { text, kb: Kb::parse(text) }).collect() }
    }

    /// The string at `i`; empty for a position out of range, which the skin
    /// has already ruled out.
    fn text(&self, i: usize) -> &'a str {
        self.items.get(i).map_or("", |s| s.text)
    }

    /// The device, or its error as the field-by-field reader gives it.
    fn device(&self, d: &PackedDevice<'a>) -> DeviceEntry {
        self.checked(d).map_or_else(|| self.loose(d), DeviceEntry::Valid)
    }

    /// The device when every value is good; `None` sends it to [`loose`](Strings::loose).
    fn checked(&self, d: &PackedDevice<'a>) -> Option<Device> {
        let os = self.text(d.os);
        if !nonblank(d.id) || !nonblank(os) {
            return None;
        }
        let mut installed_kbs = Vec::with_capacity(d.kbs.len());
        for &i in d.kbs {
            installed_kbs.push(self.items.get(i as usize)?.kb?);
        }
        Some(Device {
            id: d.id.to_owned(),
            onboarded: d.flags & flag::ONBOARDED != 0,
            os: os.to_owned(),
            os_version: (d.flags & flag::OS_VERSION != 0).then(|| self.text(d.os_version).to_owned()),
            installed_kbs,
            intune: d.flags & flag::INTUNE != 0,
            config_mgr: d.flags & flag::CONFIG_MGR != 0,
            security_recommendations: count(crate::json::whole_float(d.recommendations))?,
            tags: d.tags.iter().map(|&i| self.text(i as usize).to_owned()).collect(),
            co_managed: d.flags & flag::CO_MANAGED != 0,
        })
    }

    /// The device as loose fields, through the reader every other device takes.
    fn loose(&self, d: &PackedDevice<'a>) -> DeviceEntry {
        let text = |i: usize| Loose::Str(self.text(i).to_owned());
        let list = |items: &[u32]| Loose::Seq(items.iter().map(|&i| text(i as usize)).collect());
        let boolean = |bit: u32| Loose::Bool(d.flags & bit != 0);
        let mut raw = RawDevice::default();
        raw.set("id", Loose::Str(d.id.to_owned()));
        raw.set("onboarded", boolean(flag::ONBOARDED));
        raw.set("os", text(d.os));
        if d.flags & flag::OS_VERSION != 0 {
            raw.set("osVersion", text(d.os_version));
        }
        raw.set("installedKbs", list(d.kbs));
        raw.set("intune", boolean(flag::INTUNE));
        raw.set("configMgr", boolean(flag::CONFIG_MGR));
        raw.set("securityRecommendations", Loose::number(d.recommendations));
        raw.set("tags", list(d.tags));
        raw.set("coManaged", boolean(flag::CO_MANAGED));
        raw.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: [&str; 9] = ["Windows 10", "1809", "KB4516077", "kb 4493441", "tier-1", "  ", "KB45", "macOS", "4516045"];

    fn device<'a>(id: &'a str, os: usize, kbs: &'a [u32], recommendations: f64) -> PackedDevice<'a> {
        let flags = flag::PACKED | flag::ONBOARDED | flag::INTUNE | flag::OS_VERSION;
        PackedDevice { id, flags, recommendations, os, os_version: 1, kbs, tags: &[4] }
    }

    #[test]
    fn a_good_packed_device_is_the_device_the_reader_builds() {
        let strings = Strings::new(TABLE);
        for d in [device("pc-1", 0, &[2, 3, 8], 4.0), device("pc-2", 7, &[], 0.0), device(" x ", 0, &[2], 4_294_967_295.0)] {
            let checked = strings.checked(&d).expect("every value is good");
            assert_eq!(DeviceEntry::Valid(checked), strings.loose(&d), "{}", d.id);
        }
        let d = strings.checked(&device("pc-1", 0, &[2, 3], 4.0)).unwrap();
        assert_eq!(d.installed_kbs, [Kb::new(4516077), Kb::new(4493441)]);
        assert_eq!((d.os_version.as_deref(), d.tags.as_slice()), (Some("1809"), ["tier-1".to_owned()].as_slice()));
        assert!(d.onboarded && d.intune && !d.config_mgr && !d.co_managed);
    }

    /// The text `fleet.js` writes: `TABLE`, then one id per device (empty
    /// for a device left unpacked).
    fn fleet_text(ids: &[&str]) -> String {
        let mut text: String = TABLE.iter().map(|s| format!("{s}\0")).collect();
        for id in ids {
            text.push_str(id);
            text.push('\0');
        }
        text
    }

    #[test]
    fn a_fleet_reads_packed_rows_and_hands_the_others_back() {
        let packed = f64::from(flag::PACKED | flag::ONBOARDED | flag::INTUNE | flag::OS_VERSION);
        let text = fleet_text(&["pc-1", "", "pc-3"]);
        #[rustfmt::skip]
        let numbers = [packed, 3.0, 0.0, 1.0, 2.0, 1.0,  0.0, 0.0, 0.0, 0.0, 0.0, 0.0,  packed, 0.0, 7.0, 1.0, 0.0, 0.0];
        let lists = [2, 8, 4];
        let fleet = Fleet { text: &text, names: TABLE.len(), numbers: &numbers, lists: &lists };
        let mut asked = Vec::new();
        let entries = fleet.entries(|i| {
            asked.push(i);
            Ok::<_, ()>(DeviceEntry::Valid(Device { id: "unpacked".into(), ..Device::default() }))
        });
        let ids: Vec<String> = entries.unwrap().into_iter().map(|e| e.into_result().map(|d| d.id).unwrap_or_default()).collect();
        assert_eq!((ids.as_slice(), asked.as_slice()), (["pc-1", "unpacked", "pc-3"].map(String::from).as_slice(), [1].as_slice()));
        let first = fleet.entries(|_| Err(())).err();
        assert_eq!(first, Some(()), "the unpacked device's error stops the fleet");

        // An id holding a NUL of its own, or a position past the table:
        // nothing is trusted, every device is handed back.
        for (text, lists) in [(fleet_text(&["pc\0-1", "", "pc-3"]), [2, 8, 4]), (text.clone(), [2, 9, 4])] {
            let fleet = Fleet { text: &text, names: TABLE.len(), numbers: &numbers, lists: &lists };
            let mut asked = Vec::new();
            let _ = fleet.entries(|i| {
                asked.push(i);
                Ok::<_, ()>(DeviceEntry::Valid(Device::default()))
            });
            assert_eq!(asked, [0, 1, 2]);
        }
    }

    #[test]
    fn a_bad_value_gets_the_readers_error() {
        let strings = Strings::new(TABLE);
        let cases = [
            (device("  ", 0, &[], 1.0), "/id"),
            (device("pc", 5, &[], 1.0), "/os"),
            (device("pc", 0, &[2, 6], 1.0), "/installedKbs/1"),
            (device("pc", 0, &[4], 1.0), "/installedKbs/0"),
            (device("pc", 0, &[], 1.5), "/securityRecommendations"),
            (device("pc", 0, &[], -1.0), "/securityRecommendations"),
            (device("pc", 0, &[], 4_294_967_296.0), "/securityRecommendations"),
        ];
        for (d, pointer) in cases {
            assert!(strings.checked(&d).is_none(), "{pointer}");
            match strings.device(&d) {
                DeviceEntry::Invalid(bad) => assert_eq!(bad.error.pointer(), Some(pointer)),
                DeviceEntry::Valid(d) => panic!("{pointer}: valid {d:?}"),
            }
        }
    }
}
