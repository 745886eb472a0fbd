// Pre-initialises the module: runs its start function once, at build time,
// and writes the memory that start leaves back into the module as its data.
// The start function (src/wasm/gate.rs) builds the built-in gate, so the
// packaged module begins life with that gate already parsed and compiled,
// and Gate.builtin() does no work at run time. This is what Wizer and
// Binaryen's wasm-ctor-eval do; neither fits here (Wizer needs wasmtime and
// WASI, wasm-ctor-eval cannot evaluate memory.grow, which every allocator
// uses), and V8 itself runs the start function here, so what is stored is
// exactly what a browser or Node would have computed.
//
//   node scripts/snapshot.mjs in.wasm out.wasm [--forget FILE]...
//
// --forget FILE zeroes, in the stored memory, the one copy of FILE's bytes
// that the module holds: data that only the start function reads. The
// start function reads policy/builtin.compiled to build the gate; once the
// gate is stored it never reads it again, and zeros cost nothing gzipped.
// Were the stored gate ever missing, the start function would find zeros,
// not a policy, and Gate.builtin() would throw: it fails closed.
//
// It refuses, and the build stops, if the start function calls any JS
// import other than wasm-bindgen's externref table set-up (which only
// touches the table, rebuilt at every instantiation), if it leaves the stack
// pointer moved, or if the module holds anything it cannot write back.
// tests/js/snapshot.test.mjs checks the packaged module with
// `startFindsItsWorkDone`.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const PAGE = 65536;

// --- reading and writing the binary format --------------------------------

/** A cursor over `buf` that reads LEB128 numbers and names. */
function reader(buf, pos = 0) {
  return {
    get pos() { return pos; },
    byte() { return buf[pos++]; },
    u32() {
      let result = 0, shift = 0, b;
      do { b = buf[pos++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      return result >>> 0;
    },
    i32() {
      let result = 0, shift = 0, b;
      do { b = buf[pos++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80);
      return shift < 32 && b & 0x40 ? result | (~0 << shift) : result;
    },
    name() { const n = this.u32(); const s = buf.subarray(pos, pos + n).toString("utf8"); pos += n; return s; },
    skip(n) { pos += n; },
  };
}

function u32(n) {
  const out = [];
  do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n);
  return out;
}

function i32(n) {
  const out = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) { out.push(b); return out; }
    out.push(b | 0x80);
  }
}

const name = (s) => { const b = Buffer.from(s, "utf8"); return [...u32(b.length), ...b]; };
const section = (id, body) => Buffer.from([id, ...u32(body.length), ...body]);

/**
 * What the snapshot needs of a module: its sections (`{ id, body }`, in
 * order), its function imports, its globals (`{ mutable, init }`) and
 * `rebuild(replace)`, the module with the sections `replace` returns
 * (or the same ones where it returns null).
 */
function read(bytes) {
  if (bytes.readUInt32LE(0) !== 0x6d736100 || bytes.readUInt32LE(4) !== 1) throw new Error("snapshot: not a wasm module");
  const all = [];
  const r = reader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    all.push({ id, body: bytes.subarray(r.pos, r.pos + size) });
    r.skip(size);
  }
  const body = (id) => all.find((s) => s.id === id)?.body;

  const imports = [];
  if (body(2)) {
    const r = reader(body(2));
    for (let n = r.u32(); n > 0; n--) {
      const module = r.name(), field = r.name(), kind = r.byte();
      if (kind !== 0) throw new Error(`snapshot: import ${module}.${field} is not a function; only function imports are supported`);
      r.u32();
      imports.push({ module, field });
    }
  }

  // The toolchain makes each global an i32 constant; the first is the stack
  // pointer, and the stack sits below it, at the start of memory (LLVM's
  // --stack-first).
  const globals = [];
  if (body(6)) {
    const r = reader(body(6));
    for (let n = r.u32(); n > 0; n--) {
      const type = r.byte(), mutable = r.byte() === 1, op = r.byte(), init = r.i32();
      if (type !== 0x7f || op !== 0x41 || r.byte() !== 0x0b) throw new Error(`snapshot: global ${globals.length} is not an i32 constant`);
      globals.push({ mutable, init });
    }
  }
  if (!globals[0]?.mutable) throw new Error("snapshot: the first global is not a mutable stack pointer");

  const rebuild = (replace) => Buffer.concat([bytes.subarray(0, 8), ...all.map((s) => replace(s) ?? section(s.id, s.body))]);
  return { imports, globals, stackTop: globals[0].init, rebuild };
}

/**
 * The imports for a run at build time: wasm-bindgen's externref table
 * set-up does nothing (the table is rebuilt at every instantiation), and
 * every other import throws.
 */
function buildTimeImports(imports) {
  const object = {};
  for (const { module, field } of imports) {
    object[module] ??= {};
    object[module][field] = field.startsWith("__wbindgen_init_externref_table")
      ? () => {}
      : () => { throw new Error(`snapshot: the start function called the JS import ${field}; it must not touch JS`); };
  }
  return object;
}

/** `bytes` instantiated with build-time imports; throws if it has no wasm-bindgen start. */
function instantiate(bytes, imports) {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), buildTimeImports(imports));
  if (typeof exports.__wbindgen_start !== "function") throw new Error("snapshot: the module has no __wbindgen_start");
  return exports;
}

/** Active data segments for the non-zero bytes of `memory`; a gap of fewer zeros than a segment header costs is kept inside. */
function dataSegments(memory) {
  const segments = [];
  let i = 0;
  while (i < memory.length) {
    while (i < memory.length && memory[i] === 0) i++;
    if (i === memory.length) break;
    const start = i;
    let end = i;
    while (i < memory.length) {
      if (memory[i] !== 0) { end = ++i; continue; }
      let gap = i;
      while (gap < memory.length && memory[gap] === 0 && gap - end < 12) gap++;
      if (gap === memory.length || memory[gap] === 0) break;
      i = gap;
    }
    segments.push([0x00, 0x41, ...i32(start), 0x0b, ...u32(end - start), ...memory.subarray(start, end)]);
  }
  return segments;
}

/** The module `bytes` with its start function run, and each of `forget` zeroed: `{ module, pages, segments }`. */
export function snapshot(bytes, { forget = [] } = {}) {
  const { imports, globals, stackTop, rebuild } = read(bytes);
  // Run a copy that also exports every mutable global, so that their
  // values can be read afterwards.
  const probe = rebuild((s) => {
    if (s.id !== 7) return null;
    const r = reader(s.body);
    const count = r.u32();
    const extra = globals.flatMap((g, i) => (g.mutable ? [[...name(`__snapshot_global_${i}`), 0x03, ...u32(i)]] : []));
    return section(7, [...u32(count + extra.length), ...s.body.subarray(r.pos), ...extra.flat()]);
  });
  const exports = instantiate(probe, imports);
  exports.__wbindgen_start();

  const after = globals.map((g, i) => (g.mutable ? exports[`__snapshot_global_${i}`].value : g.init));
  if (after[0] !== stackTop) throw new Error(`snapshot: the stack pointer moved from ${stackTop} to ${after[0]}`);
  // A copy, as a Buffer: its indexOf finds a byte string, not only a byte.
  const memory = Buffer.from(exports.memory.buffer.slice(0));
  memory.fill(0, 0, stackTop); // the stack is dead once start has returned
  for (const data of forget) {
    const at = memory.indexOf(data);
    if (data.length === 0 || at < 0 || memory.indexOf(data, at + 1) >= 0) {
      throw new Error(`snapshot: the data to forget (${data.length} bytes) is not in memory exactly once`);
    }
    memory.fill(0, at, at + data.length);
  }
  const segments = dataSegments(memory);
  const pages = memory.length / PAGE;

  const module = rebuild((s) => {
    switch (s.id) {
      case 5: { // memory: at least the pages the run grew to
        const r = reader(s.body);
        if (r.u32() !== 1) throw new Error("snapshot: expected one memory");
        const flags = r.byte(), min = r.u32();
        const max = flags & 1 ? r.u32() : null;
        return section(5, [1, flags, ...u32(Math.max(min, pages)), ...(max === null ? [] : u32(max))]);
      }
      case 6: // globals: the values the run left
        return section(6, [...u32(globals.length), ...globals.flatMap((g, i) => [0x7f, g.mutable ? 1 : 0, 0x41, ...i32(after[i]), 0x0b])]);
      case 11:
        return section(11, [...u32(segments.length), ...segments.flat()]);
      case 12:
        return section(12, u32(segments.length));
      default:
        return null;
    }
  });
  if (!startFindsItsWorkDone(module)) throw new Error("snapshot: the stored module's start function still changes memory");
  return { module, pages, segments: segments.length };
}

/**
 * Whether the module's start function, run in a fresh instance, calls no
 * JS import but the table set-up and leaves memory above the stack as it
 * found it: true of a snapshot, false of a module that still builds at
 * start.
 */
export function startFindsItsWorkDone(bytes) {
  const { imports, stackTop } = read(bytes);
  const exports = instantiate(bytes, imports);
  const aboveStack = () => new Uint8Array(exports.memory.buffer).slice(stackTop);
  const before = aboveStack();
  exports.__wbindgen_start();
  return Buffer.compare(before, aboveStack()) === 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output, ...rest] = process.argv.slice(2);
  const forget = rest.flatMap((arg, i) => (rest[i - 1] === "--forget" ? [readFileSync(arg)] : []));
  if (!input || !output || rest.length !== 2 * forget.length || rest.some((arg, i) => i % 2 === 0 && arg !== "--forget")) {
    throw new Error("usage: node scripts/snapshot.mjs in.wasm out.wasm [--forget FILE]...");
  }
  const { module, pages, segments } = snapshot(readFileSync(input), { forget });
  writeFileSync(output, module);
  console.error(`snapshot: ${input} -> ${output}: start run at build time, ${pages} pages, ${segments} data segments`);
}
