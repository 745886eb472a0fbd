// Devices for `gate.fleet`, packed in JS, and the report's blocked lists
// named again from the ids JS already holds.
//
// Read field by field from wasm, a device costs some fifteen calls across the
// boundary (and 100,000 devices about a second). Packed, the fleet crosses as
// one UTF-8 buffer and two number arrays, and each distinct string (an
// operating system, a version, a KB id, a tag) crosses once however many
// devices carry it: `src/prereq/packed.rs` says how the core reads it.
//
// Only a device of exactly the documented shape is packed: a plain object
// whose own keys are the known fields, each of its type. Any other value is
// left unpacked, and the wasm side reads it field by field as before, so its
// error is the same. Each string ends with a NUL; the wasm side counts them,
// and should any string hold a NUL of its own, reads the whole fleet field by
// field instead.

const SEPARATOR = "\u0000";
/**
 * Numbers per device: flags (0 when not packed), securityRecommendations,
 * the table positions of os and osVersion, the KB count, the tag count.
 */
const ROW = 6;
// The flag bits, as in `src/prereq/packed.rs`.
const ONBOARDED = 1, INTUNE = 2, CONFIG_MGR = 4, CO_MANAGED = 8, OS_VERSION = 16, PACKED = 32;
const REQUIRED = ["id", "onboarded", "os", "installedKbs", "intune", "configMgr", "securityRecommendations", "tags", "coManaged"];
const encoder = new TextEncoder();

/**
 * The distinct strings of a fleet, each with its position, and the positions
 * of the packed devices' KBs and tags, in a typed array that grows by
 * doubling (half a million pushes onto a plain array cost more).
 */
class Table {
  constructor() {
    this.names = [];
    this.positions = new Map();
    this.lists = new Uint32Array(1024);
    this.used = 0;
  }

  /** The position of `text`, added when new. */
  at(text) {
    let i = this.positions.get(text);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(text);
      this.positions.set(text, i);
    }
    return i;
  }

  /**
   * Pushes the positions of the items of a list of strings, each read once;
   * false (having pushed some) for anything else.
   */
  pushList(list) {
    if (!Array.isArray(list) || Object.getPrototypeOf(list) !== Array.prototype) return false;
    const n = list.length;
    for (let i = 0; i < n; i++) {
      const item = list[i];
      if (typeof item !== "string") return false;
      if (this.used === this.lists.length) {
        const grown = new Uint32Array(this.lists.length * 2);
        grown.set(this.lists);
        this.lists = grown;
      }
      this.lists[this.used++] = this.at(item);
    }
    return true;
  }
}

/**
 * Packs `d` when it has exactly the documented shape, reading every field
 * once (a getter cannot answer one thing to the check and another to the
 * packing): its row into `numbers` at `row`, its lists onto the table's; returns
 * its id, or undefined (leaving `numbers` and the lists as they were) for
 * anything else, a getter that throws included.
 */
function pack(d, table, numbers, row) {
  const mark = table.used;
  try {
    if (d === null || typeof d !== "object" || Array.isArray(d)) return undefined;
    const proto = Object.getPrototypeOf(d);
    if (proto !== Object.prototype && proto !== null) return undefined;
    // Counted with for-in, which allocates nothing; it also counts enumerable
    // keys a polluted prototype adds, and a wrong count only leaves the device
    // to the reader.
    let keys = 0;
    for (const _ in d) keys++;
    const extra = keys - REQUIRED.length;
    if (extra !== 0 && !(extra === 1 && Object.hasOwn(d, "osVersion"))) return undefined;
    for (let k = 0; k < REQUIRED.length; k++) if (!Object.hasOwn(d, REQUIRED[k])) return undefined;
    const { id, onboarded, os, osVersion, installedKbs, intune, configMgr, securityRecommendations, tags, coManaged } = d;
    const ok =
      typeof id === "string" && typeof os === "string" && (osVersion === undefined || typeof osVersion === "string") &&
      typeof onboarded === "boolean" && typeof intune === "boolean" && typeof configMgr === "boolean" &&
      typeof coManaged === "boolean" && typeof securityRecommendations === "number";
    if (!ok) return undefined;
    if (!table.pushList(installedKbs)) throw RangeError("not a list of strings");
    const kbs = table.used - mark;
    if (!table.pushList(tags)) throw RangeError("not a list of strings");
    numbers[row] = PACKED | (onboarded ? ONBOARDED : 0) | (intune ? INTUNE : 0) | (configMgr ? CONFIG_MGR : 0) |
      (coManaged ? CO_MANAGED : 0) | (osVersion !== undefined ? OS_VERSION : 0);
    numbers[row + 1] = securityRecommendations;
    numbers[row + 2] = table.at(os);
    numbers[row + 3] = osVersion !== undefined ? table.at(osVersion) : 0;
    numbers[row + 4] = kbs;
    numbers[row + 5] = table.used - mark - kbs;
    return id;
  } catch {
    table.used = mark;
    numbers.fill(0, row, row + ROW);
    return undefined;
  }
}

/** The strings of `list`, each followed by NUL (a hole as the empty string). */
function joined(list) {
  return list.length ? list.join(SEPARATOR) + SEPARATOR : "";
}

/**
 * `{ bytes, numbers, lists, names, ids }`: `numbers` holds `ROW` numbers per
 * device (a row of zeros for one left unpacked); `lists` the table positions
 * of each packed device's KBs then tags, in order; `ids` each packed device's
 * id at its index (a hole for one left unpacked); `bytes` the UTF-8 of the
 * `names` table strings and then of `ids`, each followed by NUL.
 */
export function packDevices(devices) {
  const n = devices.length;
  const numbers = new Float64Array(n * ROW);
  const table = new Table();
  const ids = new Array(n);
  for (let i = 0; i < n; i++) {
    const id = pack(devices[i], table, numbers, i * ROW);
    if (id !== undefined) ids[i] = id;
  }
  const bytes = encoder.encode(joined(table.names) + joined(ids));
  return { bytes, numbers, lists: table.lists.subarray(0, table.used), names: table.names.length, ids };
}

/** Sets `report.blocked[code]` to the ids of the devices at `indices`. */
export function setBlocked(report, code, indices, ids) {
  const named = new Array(indices.length);
  for (let k = 0; k < indices.length; k++) named[k] = ids[indices[k]];
  report.blocked[code] = named;
}
