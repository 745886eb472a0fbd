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

use super::device::Device;
use super::kb::Kb;
use super::record::{count, nonblank, DeviceEntry, Loose, RawDevice};

/// The flag bits of [`PackedDevice::flags`], as `fleet.js` sets them.
pub(crate) mod flag {
    /// `onboarded` is true.
    pub(crate) const ONBOARDED: u32 = 1;
    /// `intune` is true.
    pub(crate) const INTUNE: u32 = 2;
    /// `configMgr` is true.
    pub(crate) const CONFIG_MGR: u32 = 4;
    /// `coManaged` is true.
    pub(crate) const CO_MANAGED: u32 = 8;
    /// `osVersion` is present.
    pub(crate) const OS_VERSION: u32 = 16;
    /// The device is packed at all (a row without it was left to the reader).
    pub(crate) const PACKED: u32 = 32;
}

/// The distinct strings of a packed fleet, each judged once.
pub(crate) struct Strings<'a> {
    items: Vec<Interned<'a>>,
}

struct Interned<'a> {
    text: &'a str,
    /// The KB id it spells, when it spells one.
    kb: Option<Kb>,
}

/// One packed device: positions are into [`Strings`].
pub(crate) struct PackedDevice<'a> {
    pub(crate) id: &'a str,
    /// The [`flag`] bits.
    pub(crate) flags: u32,
    pub(crate) recommendations: f64,
    pub(crate) os: usize,
    /// Read only when `flags` has [`flag::OS_VERSION`].
    pub(crate) os_version: usize,
    pub(crate) kbs: &'a [u32],
    pub(crate) tags: &'a [u32],
}

impl<'a> Strings<'a> {
    /// The table, in the order the positions refer to.
    pub(crate) fn new(texts: impl IntoIterator<Item = &'a str>) -> Strings<'a> {
        Strings { items: texts.into_iter().map(|text| Interned { text, kb: Kb::parse(text) }).collect() }
    }

    /// The string at `i`; empty for a position out of range, which the skin
    /// has already ruled out.
    fn text(&self, i: usize) -> &'a str {
        self.items.get(i).map_or("", |s| s.text)
    }

    /// The device, or its error as the field-by-field reader gives it.
    pub(crate) fn device(&self, d: &PackedDevice<'a>) -> DeviceEntry {
        self.checked(d).map_or_else(|| self.loose(d), DeviceEntry::Valid)
    }

    /// The device when every value is good; `None` sends it to [`loose`](Strings::loose).
    fn checked(&self, d: &PackedDevice<'a>) -> Option<Device> {
        let os = self.text(d.os);
        if !nonblank(d.id) || !nonblank(os) {
            return None;
        }
        let installed_kbs = d.kbs.iter().map(|&i| self.items.get(i as usize)?.kb).collect::<Option<Vec<Kb>>>()?;
        Some(Device {
            id: d.id.to_owned(),
            onboarded: d.flags & flag::ONBOARDED != 0,
            os: os.to_owned(),
            os_version: (d.flags & flag::OS_VERSION != 0).then(|| self.text(d.os_version).to_owned()),
            installed_kbs,
            intune: d.flags & flag::INTUNE != 0,
            config_mgr: d.flags & flag::CONFIG_MGR != 0,
            security_recommendations: count(d.recommendations)?,
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
        raw.set("securityRecommendations", Loose::Number(d.recommendations));
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
