// A caller's subject, policy or prerequisite input, written in one call in
// the wire form that the core reads into the same value JSON text gives
// (src/json/wire.rs: `n`, `t`, `f`, `#number;`, `"length:text`, `[...]`,
// `{...}`). Read from wasm value by value, through Reflect calls that catch,
// a subject cost some fifteen crossings of the boundary (about 10 µs); here
// it costs one, and strings need no escaping.
//
// What is written is what JSON.stringify would have handed the core: own
// string keys only, in Reflect.ownKeys order (an array's `length` left out,
// holes skipped), each property read once; an object's field set to
// `undefined` left out and `undefined` in a list written as null. A value
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
export function isPlain(value) {
  try {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
  } catch {
    return false;
  }
}

/**
 * What `value` is, for a message that names it: `null`, `undefined`, `a number`, `a string`, `an array`,
 * `an object` (a plain one), `an instance of \`Map\``, `an object that throws when read`. Never throws.
 */
export function describe(value) {
  const type = typeof value;
  if (value === null) return "null";
  if (type === "undefined") return "undefined";
  if (type !== "object") return type === "number" ? "a number" : `a ${type}`;
  if (isPlain(value)) return "an object";
  let proto;
  try {
    proto = Object.getPrototypeOf(value);
    if (Array.isArray(value)) return "an array";
  } catch {
    return "an object that throws when read";
  }
  let name;
  try {
    name = proto.constructor.name;
  } catch {}
  return `an instance of \`${typeof name === "string" ? name : ""}\``;
}

/** The JSON pointer (RFC 6901) of the keys on `path`; built only for a fault. */
const pointer = (path) => path.map((key) => `/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");

/** `text` in the wire form: its length in UTF-16 code units (what the reader counts), then the text as it is. */
const quote = (text) => `"${text.length}:${text}`;

/** `value` in the wire form; `path` holds the keys from the top down to it. */
function write(value, max, path) {
  if (value === null || value === undefined) return "n";
  switch (typeof value) {
    case "boolean":
      return value ? "t" : "f";
    case "number":
      if (!Number.isFinite(value)) throw new Fault("type", pointer(path), value);
      return `#${value};`;
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
    out += isArray ? text : quote(key) + text;
  }
  return out + (isArray ? "]" : "}");
}

/** The plain object `value` in the wire form, arrays and objects at most `max` levels deep, or a `Fault`. */
export function plainWire(value, max) {
  if (!isPlain(value)) return new Fault("not-plain", "", value);
  try {
    return write(value, max, []);
  } catch (fault) {
    if (fault instanceof Fault) return fault;
    throw fault;
  }
}
