// The JS face of the crate's one error type: what `to_js_error` (mod.rs)
// throws. Built here rather than through a `Reflect.set` per property from
// wasm: one call across the boundary, and less code in the module.

/**
 * An `Error` named `ExposureGateError` with the crate error's `code`, `pointer` (only when the error has one) and
 * `suggestions` (the nearest valid ids, best first; a fresh array).
 */
export function gateError(message, code, pointer, suggestions) {
  const error = new Error(message);
  error.name = "ExposureGateError";
  error.code = code;
  if (pointer !== undefined) error.pointer = pointer;
  error.suggestions = suggestions;
  return error;
}
