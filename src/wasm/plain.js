// A caller's subject, policy or prerequisite input, written as JSON text in
// one call, for the core's own parser and readers (src/json/). Read from wasm
// value by value, through Reflect calls that catch, a subject cost some
// fifteen crossings of the boundary (about 10 µs); here it costs one.
//
// What is written is what the core would have read: own string keys only, in
// Reflect.ownKeys order (an array's `length` left out, holes skipped), each
// property read once; an object's field set to `undefined` left out and
// `undefined` in a list written as null, as JSON.stringify has them. A value
// that cannot be written is a `Fault` the wasm side turns into the typed
// error: the top-level value is not a plain object (`not-plain`), arrays and
// objects nest deeper than `max` (`deep`, which also stops a cycle), reading
// throws (`throws`, with what was thrown), or the value has no JSON form
// (`type`: a bigint, a symbol, a function, a number that is not finite).

/** Why a value could not be written, and where (a JSON pointer). */
export class Fault {
  constructor(kind, pointer, value) {
    this.kind = kind;
    this.pointer = pointer;
    this.value = value;
  }
}

/** `{...}`: an object whose prototype is Object.prototype or null (false for one that throws when asked). */
function isPlain(value) {
  try {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/** The JSON pointer (RFC 6901) of the keys on `path`; built only for a fault. */
const pointer = (path) => path.map((key) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** A string JSON.stringify would write as it is, only quoted: no quote, backslash, control character or surrogate. */
const VERBATIM = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `text` as a JSON string, as JSON.stringify writes it (the test is about twice as fast as the call). */
const quote = (text) => (VERBATIM.test(text) ? `"${text}"` : JSON.stringify(text));

/** `value` as JSON text; `path` holds the keys from the top down to it. */
function write(value, max, path) {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "number":
      if (!Number.isFinite(value)) throw new Fault("type", pointer(path), value);
      return String(value);
    case "string":
      return quote(value);
    case "object":
      break;
    default:
      throw new Fault("type", pointer(path), value);
  }
  if (path.length >= max) throw new Fault("deep", pointer(path), undefined);
  let keys, isArray;
  try {
    keys = Reflect.ownKeys(value);
    isArray = Array.isArray(value);
  } catch (thrown) {
    throw new Fault("throws", pointer(path), thrown);
  }
  let out = isArray ? "[" : "{";
  for (const key of keys) {
    if (typeof key !== "string" || (isArray && key === "length")) continue;
    let child;
    try {
      child = Reflect.get(value, key);
    } catch (thrown) {
      throw new Fault("throws", pointer(path), thrown);
    }
    if (!isArray && child === undefined) continue;
    path.push(key);
    const text = write(child, max, path);
    path.pop();
    if (out.length > 1) out += ",";
    out += isArray ? text : `${quote(key)}:${text}`;
  }
  return out + (isArray ? "]" : "}");
}

/** The JSON text of the plain object `value`, arrays and objects at most `max` levels deep, or a `Fault`. */
export function plainJson(value, max) {
  if (!isPlain(value)) return new Fault("not-plain", "", value);
  try {
    return write(value, max, []);
  } catch (fault) {
    if (fault instanceof Fault) return fault;
    throw fault;
  }
}
