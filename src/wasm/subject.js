// The JS face of a resolved subject, returned by `gate.subject(...)`.
//
// A portal asks `can(action)` for every control on every render, and each
// call into wasm with a string costs an allocation, a copy and a hash (about
// half a microsecond). So the module hands this object the subject's allowed
// actions once, as a bitmask over policy order, and the gate's action ids
// interned to their indices; `can` is then a Map lookup and a bit test in JS.
// Anything that is not a known action id (a typo, a number, null) goes to
// the wasm handle, which throws the core's `unknown-action` error: the fast
// path only ever answers for ids the policy defines, so it fails closed like
// the core. Everything else is the handle's.

const FREED = new Map();

export class ResolvedSubject {
  #handle;
  #mask;
  #index;

  constructor(handle, mask, index) {
    this.#handle = handle;
    this.#mask = mask;
    this.#index = index;
  }

  can(action) {
    const i = this.#index.get(action);
    if (i === undefined) return this.#handle.can(action);
    return ((this.#mask[i >>> 5] >>> (i & 31)) & 1) === 1;
  }

  check(action) {
    return this.#handle.check(action);
  }

  checkAll() {
    return this.#handle.checkAll();
  }

  allowedActions() {
    return this.#handle.allowedActions();
  }

  /** A copy: the mask `can` reads is not the caller's to change. */
  allowedMask() {
    return this.#mask.slice();
  }

  get scoped() {
    return this.#handle.scoped;
  }

  /** Frees the wasm handle; every later call throws, `can` included. */
  free() {
    this.#index = FREED;
    this.#handle.free();
  }

  [Symbol.dispose]() {
    this.free();
  }
}
