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

const isText = (v) => typeof v === "string";
const isTextList = (v) => Array.isArray(v) && Object.getPrototypeOf(v) === Array.prototype && v.every(isText);

function packable(d) {
  if (d === null || typeof d !== "object" || Array.isArray(d)) return false;
  const proto = Object.getPrototypeOf(d);
  if (proto !== Object.prototype && proto !== null) return false;
  const keys = Object.keys(d);
  const extra = keys.length - REQUIRED.length;
  if (extra !== 0 && !(extra === 1 && Object.hasOwn(d, "osVersion"))) return false;
  if (!REQUIRED.every((k) => Object.hasOwn(d, k))) return false;
  return (
    isText(d.id) && isText(d.os) && (d.osVersion === undefined || isText(d.osVersion)) &&
    typeof d.onboarded === "boolean" && typeof d.intune === "boolean" && typeof d.configMgr === "boolean" &&
    typeof d.coManaged === "boolean" && typeof d.securityRecommendations === "number" &&
    isTextList(d.installedKbs) && isTextList(d.tags)
  );
}

/**
 * `{ text, numbers }`: for each packed device, in order, its strings in `text`
 * (id, os, osVersion when present, the KBs, the tags; each followed by NUL) and
 * `ROW` numbers in `numbers`; an unpacked device has a row of zeros.
 */
export function packDevices(devices) {
  const numbers = new Float64Array(devices.length * ROW);
  const strings = [];
  for (let i = 0; i < devices.length; i++) {
    const d = devices[i];
    if (!packable(d)) continue;
    strings.push(d.id, d.os);
    if (d.osVersion !== undefined) strings.push(d.osVersion);
    for (const kb of d.installedKbs) strings.push(kb);
    for (const tag of d.tags) strings.push(tag);
    const row = i * ROW;
    numbers[row] = 1;
    // The flag bits: onboarded 1, intune 2, configMgr 4, coManaged 8, osVersion present 16.
    numbers[row + 1] = (d.onboarded ? 1 : 0) | (d.intune ? 2 : 0) | (d.configMgr ? 4 : 0) | (d.coManaged ? 8 : 0) |
      (d.osVersion !== undefined ? 16 : 0);
    numbers[row + 2] = d.securityRecommendations;
    numbers[row + 3] = d.installedKbs.length;
    numbers[row + 4] = d.tags.length;
  }
  return { text: strings.length ? strings.join(SEPARATOR) + SEPARATOR : "", numbers };
}
