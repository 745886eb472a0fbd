// Loads the exposure-gate WebAssembly package once per page and answers
// "what may this subject do?" from it. Without WebAssembly the answers come
// from the server's POST /api/check when one is there; otherwise there are no
// answers, and every governed control stays off (see gating.js).

const API = "/api/check";

/** Whether this browser can run the package, checked before anything is loaded. */
export function hasWebAssembly() {
  try {
    return typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";
  } catch {
    return false;
  }
}

let loading = null;

/**
 * The decision source for this page, loaded once.
 * @returns {Promise<{ mode: "wasm", gate: object, Gate: Function } |
 *                   { mode: "no-wasm" | "failed", gate: null, why: string }>}
 */
export function loadGate() {
  if (!loading) loading = load();
  return loading;
}

async function load() {
  if (!hasWebAssembly()) {
    return { mode: "no-wasm", gate: null, why: "This browser can't run WebAssembly." };
  }
  // The page names its package folder (<html data-package>): /pkg/runtime/web/
  // where it only gates controls with the built-in policy, /pkg/gate/web/
  // where it also reviews the policy (lint), /pkg/web/ where it checks
  // prerequisites too.
  const folder = document.documentElement.dataset.package;
  if (!folder) return { mode: "failed", gate: null, why: "This page names no exposure-gate package (data-package)." };
  performance.mark("eg:gate-load-start");
  try {
    const pkg = await import(`${folder}exposure_gate.js`);
    // From here on, what the benchmarks call cold start: fetching, compiling
    // and instantiating the wasm, and Gate.builtin().
    performance.mark("eg:glue-loaded");
    await pkg.default();
    const gate = pkg.Gate.builtin();
    performance.mark("eg:gate-ready");
    performance.measure("eg:gate-load", "eg:gate-load-start", "eg:gate-ready");
    performance.measure("eg:cold-start", "eg:glue-loaded", "eg:gate-ready");
    return { mode: "wasm", gate, Gate: pkg.Gate };
  } catch (error) {
    return { mode: "failed", gate: null, why: `The permission engine didn't load (${error.message}).` };
  }
}

/**
 * Decisions for one subject, from the loaded package (every action of the policy, in one
 * call) or from the server (the `actions` asked for). Never invents a Decision: on any
 * failure `decisions` is empty and `error` says why.
 * @returns {Promise<{ source: "wasm" | "server" | "none", decisions: Map<string, object>,
 *                      error?: { code: string, message: string } }>}
 */
export async function decide(loaded, subject, actions) {
  if (loaded.mode === "wasm") {
    try {
      const decisions = new Map();
      for (const d of loaded.gate.checkAll(subject)) decisions.set(d.action, d);
      return { source: "wasm", decisions };
    } catch (error) {
      return { source: "wasm", decisions: new Map(), error: asError(error) };
    }
  }
  return askServer(subject, actions);
}

/** Whether a permission server answers at /api/check (only asked when there is no WebAssembly). */
async function askServer(subject, actions) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 4000);
  try {
    const response = await fetch(API, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ subject, actions: [...new Set(actions)] }),
      signal: controller.signal,
    });
    const type = response.headers.get("content-type") || "";
    if (!type.includes("application/json")) return noServer();
    const body = await response.json();
    if (!response.ok) {
      if (body && body.error) return { source: "server", decisions: new Map(), error: asError(body.error) };
      return noServer();
    }
    const decisions = new Map();
    for (const d of Array.isArray(body) ? body : []) {
      if (d && typeof d.action === "string" && typeof d.allowed === "boolean" && d.reason) decisions.set(d.action, d);
    }
    return { source: "server", decisions };
  } catch {
    return noServer();
  } finally {
    clearTimeout(timer);
  }
}

function noServer() {
  return {
    source: "none",
    decisions: new Map(),
    error: {
      code: "no-decisions",
      message:
        "No permission decisions: this browser can't run WebAssembly and no permission server answered at /api/check, so every governed control stays off.",
    },
  };
}

function asError(error) {
  return { code: (error && error.code) || "error", message: (error && error.message) || String(error) };
}
