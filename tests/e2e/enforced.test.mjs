// The real Rust server (dev mode, a temporary database, a random port) and
// the portal in Chromium: a Security Reader who force-enables a disabled
// control and clicks it gets the server's 403, shown in the page, and nothing
// changes; a Security Admin's change goes through the API. The pages run
// under the server's Content-Security-Policy without a violation, and a
// browser without WebAssembly takes its decisions from the server's /api/check.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Gate, launch, newPage, openGated, governedControls, screenshot, NO_WASM_FLAG } from "./helpers.mjs";
import { ROOT } from "./server.mjs";

let server, base, dir, browser;

/** Builds the server binary and starts it on port 0; resolves with its URL from the log. */
async function startRustServer() {
  execFileSync("cargo", ["build", "--quiet", "--features", "server"], { cwd: ROOT, stdio: "inherit" });
  dir = mkdtempSync(path.join(tmpdir(), "eg-e2e-"));
  const bin = path.join(ROOT, "target", "debug", "exposure-gate");
  const args = ["serve", "--addr", "127.0.0.1:0", "--db", path.join(dir, "state.db"), "--www", path.join(ROOT, "www"), "--pkg", path.join(ROOT, "pkg")];
  server = spawn(bin, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  return new Promise((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`the server exited (${code}): ${log}`)));
    server.stderr.on("data", (chunk) => {
      log += chunk;
      const found = log.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (found) resolve({ url: found[1], log });
    });
  });
}

async function api(pathname, { token, method = "GET", body } = {}) {
  const headers = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(base + pathname, { method, headers, body: body && JSON.stringify(body) });
  return { status: response.status, json: await response.json() };
}

async function signInAs(page, user) {
  await page.goto(`${base}/login.html`);
  await page.click(`button[data-user="${user}"]`);
  await page.waitForURL(`${base}/`);
  return openGated(page, `${base}/`);
}

before(async () => {
  const started = await startRustServer();
  base = started.url;
  assert.match(started.log, /dev mode: tokens are minted locally/);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a force-enabled control as Security Reader: the server answers 403, the page says why, nothing changes", async () => {
  // The browser logs the refused request itself; that one error is expected.
  const page = await newPage(browser, { allow: [/status of 403 \(Forbidden\) .*\/api\/criticality\/rules\/rule-dc\/enabled/] });
  assert.equal(await signInAs(page, "tom"), "ready");
  assert.match(await page.textContent("#server-banner"), /Dev mode: tokens are minted locally\. Signed in as tom\.becker@contoso\.com/);
  const toggle = 'input[data-act="rule-toggle"][data-id="rule-dc"]';
  assert.equal(await page.isDisabled(toggle), true, "the page gates it off for Security Reader");
  const before = await api("/api/criticality");

  await page.$eval(toggle, (el) => el.removeAttribute("disabled"));
  await page.click(`label:has(${toggle})`);
  await page.waitForSelector('html[data-last-write="403"]');

  const refusal = await page.textContent("#server-refusal");
  assert.match(refusal, /^The server refused this change: Turn criticality rule on\/off needs Global Admin, Security Admin or Security Operator; you have Security Reader\.$/);
  assert.deepEqual(await api("/api/criticality"), before, "the server changed nothing");
  assert.equal(await page.isChecked(toggle), true, "the page shows the server's state again");
  assert.equal(await page.isDisabled(toggle), true, "and gates the control off again");

  const { json: minted } = await api("/api/dev/token", { method: "POST", body: { user: "ana" } });
  const { json: audit } = await api("/api/audit?limit=1", { token: minted.token });
  assert.deepEqual(
    [audit.entries[0].who, audit.entries[0].action, audit.entries[0].allowed, audit.entries[0].reason.code],
    ["tom.becker@contoso.com", "toggle-criticality-rule", false, "no-role"],
  );
  assert.deepEqual(page.errors, [], "no console errors, no CSP violations");
  await screenshot(page, "portal-server-refusal");
  await page.close();
});

test("as Security Admin the same click is a write through the API", async () => {
  const page = await newPage(browser);
  assert.equal(await signInAs(page, "ana"), "ready");
  const toggle = 'input[data-act="rule-toggle"][data-id="rule-dc"]';
  assert.equal(await page.isDisabled(toggle), false);
  await page.click(`label:has(${toggle})`);
  await page.waitForSelector('html[data-last-write="ok"]');
  const { json } = await api("/api/criticality");
  assert.equal(json.rules.find((r) => r.id === "rule-dc").enabled, false);
  assert.equal(await page.isChecked(toggle), false);
  assert.equal(await page.isVisible("#server-refusal"), false);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("without WebAssembly the portal takes its decisions from the Rust server's /api/check", async () => {
  const gate = Gate.builtin();
  const noWasm = await launch([NO_WASM_FLAG]);
  try {
    const page = await newPage(noWasm);
    assert.equal(await openGated(page, `${base}/?as=security-operator&groups=Finance`), "ready");
    assert.equal(await page.evaluate(() => document.documentElement.dataset.gateSource), "server");
    const subject = { roles: ["security-operator"], deviceGroups: ["Finance"] };
    const controls = await governedControls(page);
    assert.ok(controls.some((c) => c.enabled));
    for (const c of controls) {
      const d = gate.check(subject, c.action);
      assert.equal(c.enabled, d.allowed, c.action);
      if (!d.allowed) assert.equal(c.title, d.reason.message);
    }
    assert.deepEqual(page.errors, []);
  } finally {
    await noWasm.close();
  }
});

test("a remediation request from the portal is stored by the server, as the signed-in user", async () => {
  const page = await newPage(browser);
  assert.equal(await signInAs(page, "li"), "ready");
  await page.click('button[data-act="remediate"][data-id="rec-asr-office"]');
  await page.selectOption('#dialog select[name="priority"]', "medium");
  await page.click('#dialog button[type="submit"]');
  await page.waitForSelector('html[data-last-write="ok"]');
  const { json } = await api("/api/tvm/remediation-requests");
  assert.deepEqual(
    json.map((r) => [r.recommendation, r.priority, r.createdBy]),
    [["rec-asr-office", "medium", "li.wei@contoso.com"]],
  );
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("every page runs under the server's Content-Security-Policy without a violation", async () => {
  for (const pathname of ["/", "/explorer.html", "/prerequisites.html", "/login.html"]) {
    const page = await newPage(browser);
    await page.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    const response = await page.goto(base + pathname);
    assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.waitForLoadState("networkidle");
    assert.deepEqual(await page.evaluate(() => window.cspViolations), [], pathname);
    assert.deepEqual(page.errors, [], pathname);
    await page.close();
  }
});
