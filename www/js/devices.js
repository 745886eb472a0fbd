// Reads a devices file (CSV or JSON) into the device objects gate.device and
// gate.fleet take. Values it can't read are passed on unchanged, so the
// engine's validation names the record and field instead of this parser
// guessing.

const BOOLEAN_FIELDS = new Set(["onboarded", "intune", "configMgr", "coManaged"]);
const LIST_FIELDS = new Set(["installedKbs", "tags"]);
const NUMBER_FIELDS = new Set(["securityRecommendations"]);
const OPTIONAL_FIELDS = new Set(["osVersion"]);
const FIELDS = ["id", "onboarded", "os", "osVersion", "installedKbs", "intune", "configMgr", "securityRecommendations", "tags", "coManaged"];
const BY_LOWER = new Map(FIELDS.map((f) => [f.toLowerCase(), f]));

/** Devices from CSV or JSON text. Throws an Error naming the line for unreadable CSV. */
export function parseDevices(text) {
  const trimmed = text.trim();
  if (!trimmed) return [];
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    const value = JSON.parse(trimmed);
    return Array.isArray(value) ? value : Array.isArray(value.devices) ? value.devices : [value];
  }
  const rows = parseCsv(trimmed);
  const header = rows.shift().map((h) => BY_LOWER.get(h.trim().toLowerCase()) || h.trim());
  return rows
    .filter((row) => row.some((cell) => cell.trim() !== ""))
    .map((row) => {
      const device = {};
      header.forEach((field, i) => {
        const raw = (row[i] ?? "").trim();
        if (raw === "" && OPTIONAL_FIELDS.has(field)) return;
        if (BOOLEAN_FIELDS.has(field)) device[field] = toBoolean(raw);
        else if (LIST_FIELDS.has(field)) device[field] = raw ? raw.split(/[;|]/).map((s) => s.trim()).filter(Boolean) : [];
        else if (NUMBER_FIELDS.has(field)) device[field] = /^\d+$/.test(raw) ? Number(raw) : raw === "" ? 0 : raw;
        else device[field] = raw;
      });
      return device;
    });
}

function toBoolean(raw) {
  const v = raw.toLowerCase();
  if (["true", "yes", "y", "1"].includes(v)) return true;
  if (["false", "no", "n", "0", ""].includes(v)) return false;
  return raw;
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF. */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      line++;
    } else field += c;
  }
  if (quoted) throw new Error(`line ${line}: a quoted field is never closed`);
  row.push(field);
  rows.push(row);
  return rows;
}

/** The demo tenant's devices reduced to the fields the readiness check reads. */
export function readinessFields(devices) {
  return devices.map((d) => Object.fromEntries(FIELDS.map((f) => [f, d[f]])));
}
