/* Runs first, as a classic script in ES5, in every browser including IE 11:
   marks the start of the page, detects WebAssembly before any module loads and,
   without it, shows the banner at once. Governed controls are rendered disabled
   and only a Decision enables them, so nothing here can enable anything. */
(function () {
  var root = document.documentElement;
  try { if (window.performance && performance.mark) performance.mark("eg:boot"); } catch (e) {}
  var wasm = false;
  try { wasm = typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function"; } catch (e) {}
  root.setAttribute("data-wasm", wasm ? "yes" : "no");
  // The package folder the page names (<html data-package>; js/gate.js says
  // which page names which).
  var pkg = root.getAttribute("data-package");
  if (wasm && pkg) {
    // Start fetching the package while the page's modules load (js/gate.js imports it).
    // Only here, after detection: a browser without WebAssembly never fetches it.
    var glue = document.createElement("link");
    glue.rel = "modulepreload";
    glue.href = pkg + "exposure_gate.js";
    var bytes = document.createElement("link");
    bytes.rel = "preload";
    bytes.as = "fetch";
    bytes.crossOrigin = "anonymous";
    bytes.href = pkg + "exposure_gate_bg.wasm";
    document.head.appendChild(glue);
    document.head.appendChild(bytes);
    return;
  }
  function show() {
    var el = document.getElementById("wasm-banner");
    if (!el) return;
    el.removeAttribute("hidden");
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
})();
