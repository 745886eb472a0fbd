// The permission explorer in real Chromium: its matrix equals the seed's
// permission table (written out below from 000_66f15e5ee2fbf16e.txt), a cell
// explains itself, the what-if builder and the diff answer like the package,
// and the exports carry the matrix.

import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { Gate, ROLES, launch, startServer, newPage, openGated, screenshot, scrollWidth } from "./helpers.mjs";

// 000_66f15e5ee2fbf16e.txt, "Permissions for Security Exposure Management tasks": one row per action, the
// columns Global Admin, Global Reader, Security Admin, Security Operator, Security Reader (✔ = 1, - = 0).
const SEED_TABLE = [
  ["grant-permissions", "Grant permissions to others", [1, 0, 0, 0, 0]],
  ["onboard-easm", "Onboard your organization to the Microsoft Defender External Attack Surface Management (EASM) initiative", [1, 1, 1, 1, 1]],
  ["favorite-initiative", "Mark initiative as a favorite", [1, 1, 1, 1, 1]],
  ["set-initiative-target-score", "Set initiative target score", [1, 0, 0, 0, 0]],
  ["view-initiatives", "View general initiatives", [1, 1, 1, 1, 1]],
  ["share-metric", "Share metric/Recommendations", [1, 1, 1, 1, 1]],
  ["edit-metric-weight", "Edit metric weight", [1, 0, 0, 0, 0]],
  ["export-metric-pdf", "Export metric (PDF)", [1, 1, 1, 1, 1]],
  ["view-metrics", "View metrics", [1, 1, 1, 1, 1]],
  ["export-assets", "Export assets (metric/recommendation)", [1, 1, 1, 1, 1]],
  ["manage-recommendations", "Manage recommendations", [1, 0, 1, 0, 0]],
  ["view-recommendations", "View recommendations", [1, 1, 1, 1, 1]],
  ["export-events", "Export events", [1, 1, 1, 1, 1]],
  ["change-criticality-level", "Change criticality level", [1, 1, 1, 1, 1]],
  ["set-critical-asset-rule", "Set critical asset rule", [1, 0, 0, 0, 0]],
  ["create-criticality-rule", "Create criticality rule", [1, 0, 1, 0, 0]],
  ["toggle-criticality-rule", "Turn criticality rule on/off", [1, 0, 1, 1, 0]],
  ["query-exposure-graph", "Run a query on exposure graph data", [1, 1, 1, 1, 1]],
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

test("the explorer's matrix equals the seed's permission table (18 x 5 = 90 cells)", async () => {
  const page = await newPage(browser);
  assert.equal(await openGated(page, `${server.url}/explorer.html`), "ready");
  const columns = await page.$$eval("#matrix thead th[data-role]", (ths) => ths.map((th) => [th.dataset.role, th.querySelector(".long").textContent]));
  assert.deepEqual(columns, [
    ["global-admin", "Global Admin"],
    ["global-reader", "Global Reader"],
    ["security-admin", "Security Admin"],
    ["security-operator", "Security Operator"],
    ["security-reader", "Security Reader"],
  ]);
  let cells = 0;
  for (const [action, label, row] of SEED_TABLE) {
    const tr = page.locator(`#matrix tr[data-action='${action}']`);
    assert.match(await tr.locator("th").textContent(), new RegExp(`^${label.replace(/[()/]/g, "\\$&")}`), `${action} row label`);
    const shown = await tr.locator(".cell").evaluateAll((els) => els.map((b) => [b.dataset.role, b.dataset.allowed, b.textContent]));
    assert.deepEqual(
      shown,
      ROLES.map((role, i) => [role, String(Boolean(row[i])), row[i] ? "✔" : "–"]),
      `${action} row`,
    );
    cells += shown.length;
  }
  assert.equal(cells, 90);

  // "Only the 18 actions of the permission table" shows exactly those rows, in the seed's order.
  await page.check("#seed-only");
  assert.deepEqual(
    await page.$$eval("#matrix tbody tr[data-action]", (trs) => trs.map((tr) => tr.dataset.action)),
    SEED_TABLE.map(([action]) => action),
  );
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("a click on a cell explains it with the Decision's reason", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/explorer.html`);
  await page.click("#matrix tr[data-action='manage-recommendations'] .cell[data-role='security-reader']");
  const d = gate.check({ roles: ["security-reader"] }, "manage-recommendations");
  assert.equal(await page.locator("#explain [data-reason]").textContent(), d.reason.message);
  assert.match(await page.locator("#explain").textContent(), /Least privileged\s*Security Admin/);

  // Arrow keys move between cells; Enter explains the focused one.
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.role), "global-admin", "ArrowRight wraps to the next row's first cell");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  assert.match(await page.locator("#explain h3").textContent(), /Security Reader · Manage recommendations/);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("who-can, least privileged, what-if and the diff answer like the package", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/explorer.html`);
  await page.selectOption("#who-action", "toggle-criticality-rule");
  assert.equal(await page.locator("#who-can").textContent(), "Global Admin, Security Admin, Security Operator");
  assert.equal(await page.locator("#least-privileged").textContent(), "Security Operator");

  // What-if starts as a Security Operator scoped to Finance.
  const whatIf = { roles: ["security-operator"], deviceGroups: ["Finance"] };
  const shown = await page.$$eval("#whatif-result li", (lis) => lis.map((li) => [li.dataset.action, li.dataset.allowed === "true"]));
  assert.deepEqual(shown, gate.checkAll(whatIf).map((d) => [d.action, d.allowed]));
  await page.check("#whatif-builder input[name='tvm'][value='view-tvm']");
  assert.equal(await page.locator("#whatif-result li[data-action='view-tvm-data']").getAttribute("data-allowed"), "true");

  // The diff: Security Admin (all groups) against Security Operator (Finance).
  const a = gate.checkAll({ roles: ["security-admin"], deviceGroups: "all" });
  const b = new Map(gate.checkAll({ roles: ["security-operator"], deviceGroups: ["Finance"] }).map((d) => [d.action, d.allowed]));
  const differ = a.filter((d) => b.get(d.action) !== d.allowed).map((d) => d.action);
  assert.deepEqual(await page.$$eval("#diff-table tbody tr", (trs) => trs.map((tr) => tr.dataset.action)), differ);
  assert.ok(differ.includes("view-attack-paths") && differ.includes("manage-recommendations"));
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("CSV and Markdown exports carry the matrix", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/explorer.html`);
  const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-csv")]);
  const csv = await streamText(await csvDownload.createReadStream());
  const lines = csv.trim().split("\n");
  assert.equal(lines[0], `action,label,${ROLES.join(",")}`);
  for (const [action, , row] of SEED_TABLE) {
    const line = lines.find((l) => l.startsWith(`${action},`));
    assert.ok(line.endsWith(`,${row.map((x) => (x ? "yes" : "no")).join(",")}`), `CSV row ${action}: ${line}`);
  }
  assert.equal(lines.length, 1 + gate.actions().length);

  const [mdDownload] = await Promise.all([page.waitForEvent("download"), page.click("#export-md")]);
  const md = await streamText(await mdDownload.createReadStream());
  assert.match(md, /^\| Action \| Global Admin \| Global Reader \| Security Admin \| Security Operator \| Security Reader \|/);
  assert.ok(md.includes("| Manage recommendations | ✔ | - | ✔ | - | - |"));
  assert.ok(md.includes("| Share metric/Recommendations | ✔ | ✔ | ✔ | ✔ | ✔ |"));
  await page.click("#preview-md");
  assert.equal(await page.locator("#export-preview").textContent(), md);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test("policy lint findings are listed", async () => {
  const page = await newPage(browser);
  await openGated(page, `${server.url}/explorer.html`);
  assert.equal(await page.locator("#lint li").count(), Math.max(1, gate.lint().length));
  assert.match(await page.locator("#lint").textContent(), /global-reader.*read-only.*change-criticality-level/s);
  await page.close();
});

test("screenshots of the explorer at 1280 and 390 px, no horizontal overflow", async () => {
  for (const width of [1280, 390]) {
    const page = await newPage(browser, { width });
    await openGated(page, `${server.url}/explorer.html`);
    await page.click("#matrix tr[data-action='manage-recommendations'] .cell[data-role='security-operator']");
    assert.ok((await scrollWidth(page)) <= width, `no horizontal overflow at ${width}px`);
    await screenshot(page, "explorer");
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

async function streamText(stream) {
  let text = "";
  for await (const chunk of stream) text += chunk;
  return text;
}
