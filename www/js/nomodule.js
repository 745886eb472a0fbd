/* Browsers without ES modules (IE 11) get no page script at all: say so plainly.
   Every governed control of the portal is rendered by module code, so none exists
   here, and none can be enabled. */
(function () {
  var el = document.getElementById("wasm-banner");
  if (!el) return;
  el.removeAttribute("hidden");
  var more = document.getElementById("wasm-banner-detail");
  if (more) more.innerHTML = "This browser runs neither WebAssembly nor modern JavaScript modules, so this demo can't show " +
    "controls here. The Exposure Management portal supports it; open the demo in Microsoft Edge or another current browser.";
})();
