// The portal in real Chromium: every governed control is enabled exactly
// when the package (Node build) allows its action for the subject in the URL,
// denied ones carry the Decision's reason, scoped subjects see no device
// details or attack paths, and the subject switcher re-gates at once.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Gate, ROLES, launch, startServer, newPage, openGated, governedControls, screenshot, scrollWidth } from "./helpers.mjs";

// The controls the issue lists; each must be on the portal.
const REQUIRED_CONTROLS = [
  "set-initiative-target-score", "edit-metric-weight", "manage-recommendations", "export-metric-pdf", "export-assets",
  "export-events", "share-metric", "favorite-initiative", "change-criticality-level", "set-critical-asset-rule",
  "create-criticality-rule", "toggle-criticality-rule", "grant-permissions", "onboard-easm", "query-exposure-graph",
  "view-attack-paths", "view-device-details", "create-workspace",
];

let browser;
let server;
const gate = Gate.builtin();

before(async () => {
  [browser, server] = await Promise.all([launch(), startServer()]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

/** Asserts that every governed control matches gate.check for `subject`; returns the controls. */
async function assertGatedLike(page, subject) {
  const controls = await governedControls(page);
  assert.ok(controls.length > 40, `expected the portal's governed controls, found ${controls.length}`);
  for (const c of controls) {
    const d = gate.check(subject, c.action);
    const where = `${c.action} ("${c.label}") for ${JSON.stringify(subject)}`;
    assert.equal(c.enabled, d.allowed, `${where}: enabled should be ${d.allowed}`);
    if (!d.allowed) {
      assert.equal(c.title, d.reason.message, `${where}: tooltip is the Decision's reason`);
      assert.ok(c.described.includes(d.reason.message), `${where}: aria-describedby names the reason`);
    } else {
      assert.equal(c.described, "", `${where}: no reason on an allowed control`);
    }
  }
  return controls;
}

for (const role of ROLES) {
  test(`?as=${role}: each control is enabled exactly when gate.check allows it`, async () => {
    const page = await newPage(browser);
    assert.equal(await openGated(page, `${server.url}/?as=${role}`), "ready");
    const controls = await assertGatedLike(page, { roles: [role], deviceGroups: "all" });
    const present = new Set(controls.map((c) => c.action));
    for (const action of REQUIRED_CONTROLS) assert.ok(present.has(action), `the portal has a ${action} control`);
    assert.ok(controls.some((c) => c.enabled), "some control is on");
    if (role !== "global-admin") assert.ok(controls.some((c) => !c.enabled), "some control is off");
    assert.deepEqual(
      await page.$$eval(".chip[aria-pressed='true']", (els) => els.map((e) => e.dataset.role)),
      [role],
      "the switcher shows the role from the URL",
    );
    assert.deepEqual(page.errors, [], "no console errors");
    await page.close();
  });
}

test("a scoped subject sees no device details or attack paths", async () => {
  const subject = { roles: ["security-admin"], deviceGroups: ["Finance", "HR"] };
  const page = await newPage(browser);
  assert.equal(await openGated(page, `${server.url}/?as=security-admin&groups=Finance,HR`), "ready");
  const controls = await assertGatedLike(page, subject);
  for (const c of controls.filter((c) => c.action === "view-device-details" || c.action === "view-attack-paths")) {
    assert.equal(c.visible, false, `${c.action} control "${c.label}" is not shown`);
  }
  assert.equal(await page.locator("#device-table").isVisible(), false, "no device table");
  assert.equal(await page.locator("#path-table").isVisible(), false, "no attack path table");
  assert.equal(await page.locator("[data-device]").first().isVisible(), false, "no device row");
  const reason = gate.check(subject, "view-attack-paths").reason;
  assert.equal(reason.code, "scope-restricted");
  assert.equal(await page.locator("[data-gate-notice-for='view-attack-paths']").textContent(), reason.message);
  // The global insight stays: counts per device group, and the query control is there but off, with why.
  assert.equal(await page.locator("#device-summary .level").count(), 5);
  const query = page.locator("[data-requires='query-exposure-graph']");
  assert.equal(await query.isDisabled(), true);
  assert.equal(await query.getAttribute("title"), gate.check(subject, "query-exposure-graph").reason.message);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("Entra template IDs in ?as= work like role ids, in any case", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/?as=5D6B6BB7-DE71-4623-B4AF-96380A352509&groups=Finance`);
  await assertGatedLike(page, { roles: ["security-reader"], deviceGroups: ["Finance"] });
  assert.deepEqual(await page.$$eval(".chip[aria-pressed='true']", (els) => els.map((e) => e.dataset.role)), ["security-reader"]);
  assert.match(await page.locator("#subject-name").textContent(), /Security Reader · device groups: Finance/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("the subject switcher re-gates at once and updates the URL", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/?as=security-reader`);
  const manage = page.locator("[data-requires='manage-recommendations']").first();
  assert.equal(await manage.isDisabled(), true);

  await page.click(".chip[data-role='security-admin']");
  assert.equal(await manage.isEnabled(), true, "Security Admin may manage recommendations");
  assert.match(page.url(), /\?as=security-reader,security-admin$/);
  await assertGatedLike(page, { roles: ["security-reader", "security-admin"], deviceGroups: "all" });

  await page.check("#scope-some");
  assert.match(page.url(), /groups=Finance/);
  assert.equal(await page.locator("#paths-region").isVisible(), false, "scoping hides attack paths at once");
  await assertGatedLike(page, { roles: ["security-reader", "security-admin"], deviceGroups: ["Finance"] });

  await page.check("#scope-all");
  await page.click(".chip[data-role='security-admin']");
  await page.click(".chip[data-role='security-reader']");
  await assertGatedLike(page, { roles: [], deviceGroups: "all" });
  assert.equal(await page.locator("[data-requires]:enabled").count(), 0, "no role: nothing is on");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("an unknown role fails closed with an error that says what was meant", async () => {
  const page = await newPage(browser);
  assert.equal(await openGated(page, `${server.url}/?as=security-readr`), "no-decisions");
  assert.equal(await page.locator("[data-requires]:enabled").count(), 0);
  assert.match(await page.locator("#subject-error").textContent(), /security-readr.*did you mean.*security-reader/);
  const first = (await governedControls(page))[0];
  assert.match(first.title, /unknown role/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("an allowed control works, and the page says what happened", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/?as=global-admin`);
  await page.click("[data-act='set-target'][data-id='identity-security']");
  const save = page.locator("dialog [data-requires='set-initiative-target-score']");
  assert.equal(await save.isEnabled(), true, "the dialog's submit button is gated too");
  await page.fill("dialog input[name='target']", "90");
  await save.click();
  assert.match(await page.locator("[data-initiative='identity-security'] .score-text").textContent(), /target 90%/);
  assert.match(await page.locator("#toast").textContent(), /Target for Identity security set to 90%/);
  await page.click("[data-act='device'][data-id='SRV-DC-01']");
  assert.equal(await page.locator("#device-heading").textContent(), "SRV-DC-01");
  assert.equal(await page.evaluate(() => document.activeElement.id), "device-heading", "focus moves to the details");
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("keyboard: controls are reachable with Tab and focus is visible", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/?as=security-operator`);
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return { action: el.dataset.requires || null, outline: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    if (info.action) {
      seen.add(info.action);
      assert.notEqual(info.outline, "none", `focus on ${info.action} is visible`);
      assert.ok(info.width >= 2, `focus outline on ${info.action} is at least 2px`);
    }
  }
  assert.ok(seen.has("export-events") && seen.has("favorite-initiative"), `Tab reaches governed controls: ${[...seen]}`);
  await page.close();
});

test("first paint with all controls gated: performance marks (reported, not asserted)", async (t) => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/?as=security-operator`);
  await page.waitForFunction(() => performance.getEntriesByName("eg:first-paint-gated").length > 0);
  const marks = await page.evaluate(() => {
    const at = (name) => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? NaN);
    return {
      firstContentfulPaint: at("first-contentful-paint"),
      gateReady: at("eg:gate-ready"),
      dataReady: at("eg:data-ready"),
      gated: at("eg:gated"),
      firstPaintGated: at("eg:first-paint-gated"),
      wasmLoad: Math.round(performance.getEntriesByName("eg:gate-load")[0]?.duration ?? NaN),
      coldStart: Math.round(performance.getEntriesByName("eg:cold-start")[0]?.duration ?? NaN),
    };
  });
  t.diagnostic(`performance marks (ms since navigation start): ${JSON.stringify(marks)}`);
  for (const [name, value] of Object.entries(marks)) assert.ok(Number.isFinite(value), `${name} is recorded`);
  assert.ok(marks.gated <= marks.firstPaintGated);
  await page.close();
});

test("the portal loads the runtime module, the explorer the gate-only one, the prerequisites page the full one", async () => {
  for (const [path, folder] of [["/?as=security-reader", "/pkg/runtime/web/"], ["/explorer.html", "/pkg/gate/web/"], ["/prerequisites.html", "/pkg/web/"]]) {
    const from = server.requests.length;
    const page = await newPage(browser);
    await page.goto(server.url + path);
    await page.waitForFunction(() => performance.getEntriesByName("eg:gate-ready").length > 0);
    const fetched = server.requests.slice(from).filter((r) => r.includes("/pkg/"));
    assert.deepEqual([...new Set(fetched)].sort(), [`GET ${folder}exposure_gate.js`, `GET ${folder}exposure_gate_bg.wasm`], path);
    assert.deepEqual(page.errors, [], path);
    await page.close();
  }
});

test("screenshots of the portal at 1280 and 390 px, no horizontal overflow", async () => {
  for (const [width, query] of [
    [1280, "?as=security-operator"],
    [390, "?as=security-operator"],
  ]) {
    const page = await newPage(browser, { width });
    await openGated(page, `${server.url}/${query}`);
    assert.ok((await scrollWidth(page)) <= width, `no horizontal overflow at ${width}px`);
    await screenshot(page, "portal");
    await page.close();
  }
  const scoped = await newPage(browser);
  await openGated(scoped, `${server.url}/?as=security-reader&groups=Finance,HR`);
  await screenshot(scoped, "portal-scoped");
  await scoped.close();
});
