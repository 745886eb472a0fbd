// Chromium without WebAssembly, as in a browser that lacks it (IE 11) or has
// it switched off (Edge's enhanced security mode runs V8 without its JIT):
// the banner shows, the package is never fetched, and no governed control is
// enabled, unless a permission server answers POST /api/check, whose
// Decisions then apply.
//
// The switch is --js-flags=--jitless: Chromium 156 ignores the older
// --js-flags=--noexpose_wasm (WebAssembly stays defined), while without the
// JIT V8 does not expose WebAssembly at all. The first test asserts that
// `typeof WebAssembly` really is "undefined" in the page.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Gate, launch, startServer, newPage, openGated, governedControls, screenshot, NO_WASM_FLAG } from "./helpers.mjs";

// The one console error expected here: the browser logs the failed POST to a static server with no /api/check.
const NO_API = [/Failed to load resource: the server responded with a status of 40[45]/];

let browser;
let staticServer;
let apiServer;
const gate = Gate.builtin();

before(async () => {
  [browser, staticServer, apiServer] = await Promise.all([
    launch([NO_WASM_FLAG]),
    startServer(),
    // Answers /api/check as CONTRACT.md describes, computed by the Node build of the package.
    startServer({
      check: ({ subject, action, actions }) =>
        actions ? actions.map((a) => gate.check(subject, a)) : gate.check(subject, action),
    }),
  ]);
});
after(async () => {
  await browser?.close();
  await staticServer?.close();
  await apiServer?.close();
});

test("no WebAssembly and no server: banner, the package is never loaded, and no control is enabled", async () => {
  const page = await newPage(browser, { allow: NO_API });
  assert.equal(await openGated(page, `${staticServer.url}/?as=global-admin`), "no-decisions");
  assert.equal(await page.evaluate(() => typeof WebAssembly), "undefined", "the flag really removes WebAssembly");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.wasm), "no", "boot.js detected it");
  assert.equal(await page.locator("#wasm-banner").isVisible(), true);
  assert.match(await page.locator("#wasm-banner").textContent(), /can't run WebAssembly.*no permission server answered/s);
  const controls = await governedControls(page);
  assert.ok(controls.length > 40);
  for (const c of controls) {
    assert.equal(c.enabled, false, `${c.action} ("${c.label}") stays off without a decision`);
    assert.match(c.title, /no permission server answered/, `${c.action} says why`);
    assert.match(c.described, /no permission server answered/);
  }
  for (const region of ["#device-region", "#paths-region"]) assert.equal(await page.locator(region).isVisible(), false);
  assert.ok(!staticServer.requests.some((r) => r.includes("/pkg/")), "WebAssembly was detected before loading the module");
  assert.ok(staticServer.requests.includes("POST /api/check"), "it asked for a server");
  assert.deepEqual(page.errors, []);
  // Switching the subject doesn't enable anything either.
  await page.click(".chip[data-role='security-reader']");
  await page.waitForFunction(() => /security-reader/.test(location.search));
  assert.equal(await page.locator("[data-requires]:enabled").count(), 0);
  await screenshot(page, "portal-no-wasm");
  await page.close();
});

test("no WebAssembly: the explorer and prerequisites pages show the banner and run nothing", async () => {
  for (const [path, name] of [
    ["/explorer.html", "explorer-no-wasm"],
    ["/prerequisites.html", "prerequisites-no-wasm"],
  ]) {
    const page = await newPage(browser);
    assert.equal(await openGated(page, `${staticServer.url}${path}`), "no-decisions");
    assert.equal(await page.locator("#wasm-banner").isVisible(), true, `${path} banner`);
    assert.equal(await page.locator("main button:enabled, main input:enabled").count(), 0, `${path}: nothing to press`);
    assert.deepEqual(page.errors, []);
    await screenshot(page, name);
    await page.close();
  }
});

test("no WebAssembly but a server at /api/check: its Decisions gate the controls", async () => {
  const subject = { roles: ["security-operator"], deviceGroups: ["Finance"] };
  const page = await newPage(browser);
  assert.equal(await openGated(page, `${apiServer.url}/?as=security-operator&groups=Finance`), "ready");
  assert.equal(await page.evaluate(() => document.documentElement.dataset.gateSource), "server");
  assert.equal(await page.locator("#wasm-banner").isVisible(), true);
  assert.match(await page.locator("#wasm-banner").textContent(), /from the permission server/);
  const controls = await governedControls(page);
  for (const c of controls) {
    const d = gate.check(subject, c.action);
    assert.equal(c.enabled, d.allowed, `${c.action}: enabled should be ${d.allowed}`);
    if (!d.allowed) assert.equal(c.title, d.reason.message);
  }
  assert.ok(controls.some((c) => c.enabled));
  assert.equal(await page.locator("#paths-region").isVisible(), false, "scoped: no attack paths");
  assert.ok(!apiServer.requests.some((r) => r.includes("/pkg/")));
  assert.deepEqual(page.errors, []);
  await page.close();
});
