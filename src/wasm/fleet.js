// Devices for `gate.fleet`, packed in JS. Read field by field from wasm, a
// device costs some fifteen calls across the boundary (and 100,000 devices
// about a second); packed, the whole fleet crosses as one string and one
// number array. Only a device of exactly the documented shape is packed: a
// plain object whose own keys are the known fields, each of its type. Any
// other value is marked, and the wasm side reads it field by field as before,
// so its error is the same. Each string ends with a NUL; the wasm side counts
// them, and should any string hold a NUL of its own, reads the whole fleet
// field by field instead.

const SEPARATOR = "\u0000";
/** Numbers per device: packed (1) or not (0), flags, securityRecommendations, KB count, tag count. */
const ROW = 5;
const REQUIRED = ["id", "onboarded", "os", "installedKbs", "intune", "configMgr", "securityRecommendations", "tags", "coManaged"];

/** Pushes the items of a list of strings, each read once; false (pushing some) for anything else. */
function pushTexts(list, strings) {
  if (!Array.isArray(list) || Object.getPrototypeOf(list) !== Array.prototype) return false;
  const n = list.length;
  for (let i = 0; i < n; i++) {
    const item = list[i];
    if (typeof item !== "string") return false;
    strings.push(item);
  }
  return true;
}

/**
 * Packs `d` when it has exactly the documented shape, reading every field
 * once (a getter cannot answer one thing to the check and another to the
 * packing): its strings onto `strings`, its row into `numbers` at `row`.
 * Anything else, a getter that throws included, leaves both as they were.
 */
function pack(d, strings, numbers, row) {
  const mark = strings.length;
  try {
    if (d === null || typeof d !== "object" || Array.isArray(d)) return;
    const proto = Object.getPrototypeOf(d);
    if (proto !== Object.prototype && proto !== null) return;
    const extra = Object.keys(d).length - REQUIRED.length;
    if (extra !== 0 && !(extra === 1 && Object.hasOwn(d, "osVersion"))) return;
    for (let k = 0; k < REQUIRED.length; k++) if (!Object.hasOwn(d, REQUIRED[k])) return;
    const { id, onboarded, os, osVersion, installedKbs, intune, configMgr, securityRecommendations, tags, coManaged } = d;
    const ok =
      typeof id === "string" && typeof os === "string" && (osVersion === undefined || typeof osVersion === "string") &&
      typeof onboarded === "boolean" && typeof intune === "boolean" && typeof configMgr === "boolean" &&
      typeof coManaged === "boolean" && typeof securityRecommendations === "number";
    if (!ok) return;
    strings.push(id, os);
    if (osVersion !== undefined) strings.push(osVersion);
    const kbsAt = strings.length;
    if (!pushTexts(installedKbs, strings)) throw RangeError("not a list of strings");
    const tagsAt = strings.length;
    if (!pushTexts(tags, strings)) throw RangeError("not a list of strings");
    numbers[row] = 1;
    // The flag bits: onboarded 1, intune 2, configMgr 4, coManaged 8, osVersion present 16.
    numbers[row + 1] = (onboarded ? 1 : 0) | (intune ? 2 : 0) | (configMgr ? 4 : 0) | (coManaged ? 8 : 0) |
      (osVersion !== undefined ? 16 : 0);
    numbers[row + 2] = securityRecommendations;
    numbers[row + 3] = tagsAt - kbsAt;
    numbers[row + 4] = strings.length - tagsAt;
  } catch {
    strings.length = mark;
    numbers.fill(0, row, row + ROW);
  }
}

/**
 * `{ text, numbers }`: for each packed device, in order, its strings in `text`
 * (id, os, osVersion when present, the KBs, the tags; each followed by NUL) and
 * `ROW` numbers in `numbers`; an unpacked device has a row of zeros.
 */
export function packDevices(devices) {
  const numbers = new Float64Array(devices.length * ROW);
  const strings = [];
  for (let i = 0; i < devices.length; i++) pack(devices[i], strings, numbers, i * ROW);
  return { text: strings.length ? strings.join(SEPARATOR) + SEPARATOR : "", numbers };
}
