// The JS face of the crate's one error type: what `to_js_error` (mod.rs)
// throws. Built here rather than through a `Reflect.set` per property from
// wasm: one call across the boundary, and less code in the module.
//
// `name` is defined, not assigned: where the page has frozen
// `Error.prototype` (a hardened realm), assigning over its read-only `name`
// throws in strict code (the glue inlines this file in strict mode), and an
// exception escaping here would unwind through the module and leave the Gate
// it was called on borrowed (tests/js/frozen-realm.test.mjs).

/**
 * An `Error` named `ExposureGateError` with the crate error's `code`, `pointer` (only when the error has one) and
 * `suggestions` (the nearest valid ids, best first; a fresh array).
 */
export function gateError(message, code, pointer, suggestions) {
  const error = new Error(message);
  Object.defineProperty(error, "name", { value: "ExposureGateError", writable: true, enumerable: true, configurable: true });
  error.code = code;
  if (pointer !== undefined) error.pointer = pointer;
  error.suggestions = suggestions;
  return error;
}
