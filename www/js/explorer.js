// Permission explorer: the role x action matrix, explanations, who-can and
// least-privileged roles, a what-if subject builder, the difference between
// two subjects, CSV and Markdown export, and the policy lint. Everything is
// computed by the package in the page.

import { loadGate } from "./gate.js";
import { subjectToQuery } from "./subject.js";
import { h, fetchJson, download, banner, csvField, mdCell, stackable } from "./dom.js";

// The rows of the permission table in 000_66f15e5ee2fbf16e.txt (CONTRACT.md), used only to group the matrix.
const PERMISSION_TABLE = new Set([
  "grant-permissions", "onboard-easm", "favorite-initiative", "set-initiative-target-score", "view-initiatives",
  "share-metric", "edit-metric-weight", "export-metric-pdf", "view-metrics", "export-assets", "manage-recommendations",
  "view-recommendations", "export-events", "change-criticality-level", "set-critical-asset-rule",
  "create-criticality-rule", "toggle-criticality-rule", "query-exposure-graph",
]);

const groupOf = (a) =>
  PERMISSION_TABLE.has(a.id) ? "table" : a.tvmPermission || a.id === "manage-roles" ? "tvm" : "prose";
const GROUPS = [
  ["table", "Permission table (Exposure Management)"],
  ["prose", "From the document's prose"],
  ["tvm", "Threat and vulnerability management: granted by TVM permission options, not by these roles (but Manage TVM roles)"],
];

let gate;
let roles;
let actions;
let groups = [];

main().catch((error) => {
  banner("load-error", "error", `The explorer couldn't start: ${error.message}`);
  document.documentElement.dataset.gateState = "error";
});

async function main() {
  const [loaded, tenant] = await Promise.all([loadGate(), fetchJson("tenant.json")]);
  groups = tenant.deviceGroups.map((g) => g.name);
  if (!loaded.gate) {
    // Without WebAssembly the page's own banner (shown by boot.js) already says so.
    if (loaded.mode !== "no-wasm") banner("explorer-off", "error", `${loaded.why} The explorer evaluates the policy in the page, so it can't show anything here.`);
    document.getElementById("explain").textContent = "No matrix: the policy can't be evaluated in this browser.";
    for (const el of document.querySelectorAll("main button, main input, main select")) {
      el.disabled = true;
      el.title = "The explorer needs WebAssembly in this browser.";
    }
    document.documentElement.dataset.gateState = "no-decisions";
    return;
  }
  gate = loaded.gate;
  roles = gate.roles();
  actions = gate.actions();
  renderMatrix();
  document.getElementById("seed-only").addEventListener("change", renderMatrix);
  renderWho();
  mountWhatIf();
  mountDiff();
  mountExport();
  renderLint();
  performance.mark("eg:explorer-ready");
  document.documentElement.dataset.gateState = "ready";
}

const roleName = (id) => roles.find((r) => r.id === id)?.name || id;
const actionOf = (id) => actions.find((a) => a.id === id);
const names = (ids) => (ids.length ? ids.map(roleName).join(", ") : "no role");

// ---------------------------------------------------------------- matrix

function renderMatrix() {
  const m = gate.matrix();
  const seedOnly = document.getElementById("seed-only").checked;
  const rows = [];
  for (const [group, title] of GROUPS) {
    const inGroup = m.actions.map((id, index) => ({ id, index })).filter(({ id }) => groupOf(actionOf(id)) === group);
    if (!inGroup.length || (seedOnly && group !== "table")) continue;
    rows.push(h("tr", { class: "group-row" }, h("th", { colspan: m.roles.length + 1, scope: "colgroup" }, title)));
    for (const { id, index } of inGroup) {
      const action = actionOf(id);
      rows.push(
        h(
          "tr",
          { "data-action": id },
          h("th", { scope: "row", class: "action-label" }, action.label, h("code", {}, id)),
          m.roles.map((role, r) => {
            const allowed = m.allowed[index][r];
            return h(
              "td",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: "cell",
                  tabindex: "-1",
                  "data-role": role,
                  "data-action": id,
                  "data-allowed": String(allowed),
                  "aria-pressed": "false",
                  "aria-label": `${roleName(role)}, ${action.label}: ${allowed ? "allowed" : "not allowed"}`,
                },
                allowed ? "✔" : "–",
              ),
            );
          }),
        ),
      );
    }
  }
  const table = document.getElementById("matrix");
  table.replaceChildren(
    h("caption", { class: "visually-hidden" }, "Role by action permission matrix"),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col" }, "Action"),
        m.roles.map((r, i) => {
          const name = m.roleNames?.[i] || roleName(r);
          const short = name.split(/\s+/).map((w) => w[0]).join("");
          return h("th", { scope: "col", "data-role": r }, h("span", { class: "long" }, name), h("span", { class: "short", "aria-hidden": "true", title: name }, short));
        }),
      ),
    ),
    h("tbody", {}, rows),
  );
  const first = table.querySelector(".cell");
  if (first) first.tabIndex = 0;
  table.onclick = (event) => {
    const cell = event.target.closest(".cell");
    if (cell) select(cell);
  };
  table.onkeydown = onMatrixKey;
}

function onMatrixKey(event) {
  const cell = event.target.closest(".cell");
  if (!cell) return;
  const cells = [...document.querySelectorAll("#matrix .cell")];
  const cols = roles.length;
  const i = cells.indexOf(cell);
  const moves = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
  let next = null;
  if (event.key in moves) next = cells[i + moves[event.key]];
  else if (event.key === "Home") next = cells[i - (i % cols)];
  else if (event.key === "End") next = cells[i - (i % cols) + cols - 1];
  if (!next) return;
  event.preventDefault();
  cell.tabIndex = -1;
  next.tabIndex = 0;
  next.focus();
}

function select(cell) {
  for (const c of document.querySelectorAll("#matrix .cell[aria-pressed='true']")) c.setAttribute("aria-pressed", "false");
  for (const c of document.querySelectorAll("#matrix .cell[tabindex='0']")) c.tabIndex = -1;
  cell.setAttribute("aria-pressed", "true");
  cell.tabIndex = 0;
  explain(cell.dataset.role, cell.dataset.action);
}

function explain(role, actionId) {
  const action = actionOf(actionId);
  const d = gate.check({ roles: [role], deviceGroups: "all" }, actionId);
  const parts = [
    h("h3", {}, `${roleName(role)} · ${action.label}`),
    h("p", {}, h("span", { class: d.allowed ? "yes" : "no" }, d.allowed ? "Allowed" : "Not allowed"), " ", h("code", {}, d.reason.code)),
    h("p", { "data-reason": "" }, d.reason.message),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Granted by"), h("dd", {}, names(d.grantedBy)),
      h("dt", {}, "Who can"), h("dd", {}, names(gate.whoCan(actionId))),
      h("dt", {}, "Least privileged"), h("dd", {}, names(d.leastPrivilegedRoles)),
      h("dt", {}, "Kind"), h("dd", {}, action.kind),
    ),
  ];
  if (action.scoped) {
    const scoped = gate.check({ roles: [role], deviceGroups: [groups[0] || "Finance"] }, actionId);
    parts.push(h("p", { class: "small" }, `With a device-group scope (${groups[0] || "Finance"}): `, h("span", { class: scoped.allowed ? "yes" : "no" }, scoped.allowed ? "allowed" : "not allowed"), ` · ${scoped.reason.message}`));
  }
  if (action.tvmPermission) {
    parts.push(h("p", { class: "small" }, "Needs the TVM permission option ", h("code", {}, action.tvmPermission), " (Settings > Roles in Defender for Endpoint)."));
  }
  const box = document.getElementById("explain");
  box.classList.toggle("denied", !d.allowed);
  box.replaceChildren(...parts);
  // Below the matrix (narrow screens), bring the answer into view.
  if (!matchMedia("(min-width: 1100px)").matches) box.scrollIntoView({ block: "nearest" });
}

// ---------------------------------------------------------------- who can

function renderWho() {
  const select = document.getElementById("who-action");
  select.replaceChildren(...actions.map((a) => h("option", { value: a.id }, a.label)));
  select.value = "manage-recommendations";
  const show = () => {
    const id = select.value;
    const who = gate.whoCan(id);
    const least = gate.leastPrivilegedRoles(id);
    document.getElementById("who-result").replaceChildren(
      h(
        "dl",
        { class: "facts" },
        h("dt", {}, "Who can"), h("dd", { id: "who-can" }, names(who)),
        h("dt", {}, "Least-privileged role"), h("dd", { id: "least-privileged" }, names(least)),
        h("dt", {}, "Scope"), h("dd", {}, actionOf(id).scoped ? "denied to users limited to some device groups" : "not affected by device-group scope"),
      ),
    );
  };
  select.addEventListener("change", show);
  show();
}

// ---------------------------------------------------------------- subject builder

function tvmOptions() {
  return [...new Set(actions.map((a) => a.tvmPermission).filter(Boolean))];
}

/** A form that builds a Subject; calls onChange(subject) whenever it changes. */
function builder(form, prefix, initial, onChange) {
  const roleBoxes = roles.map((r) => h("input", { type: "checkbox", name: "role", value: r.id, checked: initial.roles.includes(r.id) }));
  const all = h("input", { type: "radio", name: `${prefix}-scope`, value: "all", checked: initial.deviceGroups === "all" });
  const some = h("input", { type: "radio", name: `${prefix}-scope`, value: "some", checked: initial.deviceGroups !== "all" });
  const groupBoxes = groups.map((g) =>
    h("input", { type: "checkbox", name: "group", value: g, checked: Array.isArray(initial.deviceGroups) && initial.deviceGroups.includes(g) }),
  );
  const tvmBoxes = tvmOptions().map((p) => h("input", { type: "checkbox", name: "tvm", value: p, checked: (initial.tvmPermissions || []).includes(p) }));
  const label = (box, text) => h("label", {}, box, ` ${text}`);
  form.replaceChildren(
    h("fieldset", {}, h("legend", {}, `${form.getAttribute("aria-label") || "Subject"}: roles`), h("div", { class: "checks" }, roleBoxes.map((b, i) => label(b, roles[i].name)))),
    h(
      "fieldset",
      {},
      h("legend", {}, "Device-group scope"),
      h("div", { class: "checks" }, label(all, "All groups"), label(some, "Only:"), groupBoxes.map((b) => label(b, b.value))),
    ),
    h("fieldset", {}, h("legend", {}, "TVM permission options"), h("div", { class: "checks" }, tvmBoxes.map((b) => label(b, b.value)))),
  );
  const read = () => {
    const subject = {
      roles: roleBoxes.filter((b) => b.checked).map((b) => b.value),
      deviceGroups: all.checked ? "all" : groupBoxes.filter((b) => b.checked).map((b) => b.value),
    };
    const tvm = tvmBoxes.filter((b) => b.checked).map((b) => b.value);
    if (tvm.length) subject.tvmPermissions = tvm;
    for (const b of groupBoxes) b.disabled = all.checked;
    return subject;
  };
  form.addEventListener("change", () => onChange(read()));
  form.addEventListener("submit", (e) => e.preventDefault());
  onChange(read());
}

/** Every decision for a subject, through a resolved subject handle (freed after use). */
function decisionsFor(subject) {
  const me = gate.subject(subject);
  try {
    return me.checkAll();
  } finally {
    me.free();
  }
}

function mountWhatIf() {
  builder(document.getElementById("whatif-builder"), "whatif", { roles: ["security-operator"], deviceGroups: ["Finance"] }, (subject) => {
    let all;
    try {
      all = decisionsFor(subject);
    } catch (error) {
      document.getElementById("whatif-summary").textContent = `Not a valid subject: ${error.message}`;
      document.getElementById("whatif-result").replaceChildren();
      return;
    }
    const allowed = all.filter((d) => d.allowed).length;
    document.getElementById("whatif-summary").replaceChildren(
      `${allowed} of ${all.length} actions allowed. `,
      h("a", { href: `/${subjectToQuery(subject)}` }, "Open the portal as this subject"),
    );
    document.getElementById("whatif-result").replaceChildren(
      ...all.map((d) =>
        h(
          "li",
          { "data-action": d.action, "data-allowed": String(d.allowed) },
          h("span", { class: d.allowed ? "yes" : "no" }, d.allowed ? "✔ " : "✕ "),
          h("strong", {}, actionOf(d.action)?.label || d.action),
          d.allowed ? ` · granted by ${names(d.grantedBy)}` : h("div", { class: "small muted" }, d.reason.message),
        ),
      ),
    );
  });
}

function mountDiff() {
  let a = null;
  let b = null;
  const update = () => {
    if (!a || !b) return;
    let da;
    let db;
    try {
      da = decisionsFor(a);
      db = decisionsFor(b);
    } catch (error) {
      document.getElementById("diff-summary").textContent = `Not a valid subject: ${error.message}`;
      return;
    }
    const byAction = new Map(db.map((d) => [d.action, d]));
    const differ = da.filter((d) => byAction.get(d.action)?.allowed !== d.allowed);
    const onlyA = differ.filter((d) => d.allowed).length;
    const onlyB = differ.length - onlyA;
    document.getElementById("diff-summary").textContent = differ.length
      ? `${differ.length} actions differ: A alone may do ${onlyA}, B alone may do ${onlyB}.`
      : "Both subjects may do exactly the same actions.";
    const cell = (d) => h("td", {}, h("span", { class: d.allowed ? "yes" : "no" }, d.allowed ? "✔ allowed" : "✕ denied"), h("div", { class: "small muted" }, d.reason.message));
    document.getElementById("diff-table").replaceChildren(
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Action"), h("th", { scope: "col" }, "Subject A"), h("th", { scope: "col" }, "Subject B"))),
      h("tbody", {}, differ.map((d) => h("tr", { "data-action": d.action }, h("th", { scope: "row" }, actionOf(d.action)?.label || d.action), cell(d), cell(byAction.get(d.action))))),
    );
    stackable(document.getElementById("diff-table"));
  };
  builder(document.getElementById("diff-a"), "a", { roles: ["security-admin"], deviceGroups: "all" }, (s) => {
    a = s;
    update();
  });
  builder(document.getElementById("diff-b"), "b", { roles: ["security-operator"], deviceGroups: ["Finance"] }, (s) => {
    b = s;
    update();
  });
}

// ---------------------------------------------------------------- export and lint

/** The matrix as CSV: one row per action, `yes`/`no` per role. */
export function matrixCsv(m, labelOf) {
  const lines = [["action", "label", ...m.roles].map(csvField).join(",")];
  m.actions.forEach((id, i) => lines.push([id, labelOf(id), ...m.allowed[i].map((x) => (x ? "yes" : "no"))].map(csvField).join(",")));
  return lines.join("\n") + "\n";
}

/** The matrix as a Markdown table in the seed document's style (✔ and -). */
export function matrixMarkdown(m, labelOf, nameOf) {
  const lines = [
    `| Action | ${m.roles.map((r) => mdCell(nameOf(r))).join(" | ")} |`,
    `| --- | ${m.roles.map(() => ":---:").join(" | ")} |`,
  ];
  m.actions.forEach((id, i) => lines.push(`| ${mdCell(labelOf(id))} | ${m.allowed[i].map((x) => (x ? "✔" : "-")).join(" | ")} |`));
  return lines.join("\n") + "\n";
}

function mountExport() {
  const labelOf = (id) => actionOf(id)?.label || id;
  document.getElementById("export-csv").addEventListener("click", () => download("exposure-gate-matrix.csv", matrixCsv(gate.matrix(), labelOf), "text/csv"));
  document.getElementById("export-md").addEventListener("click", () => download("exposure-gate-matrix.md", matrixMarkdown(gate.matrix(), labelOf, roleName), "text/markdown"));
  const toggle = document.getElementById("preview-md");
  toggle.addEventListener("click", () => {
    const pre = document.getElementById("export-preview");
    const open = pre.hidden;
    pre.hidden = !open;
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? "Hide Markdown" : "Show Markdown";
    if (open) pre.textContent = matrixMarkdown(gate.matrix(), labelOf, roleName);
  });
}

function renderLint() {
  const findings = gate.lint();
  document.getElementById("lint").replaceChildren(
    ...(findings.length
      ? findings.map((f) => h("li", {}, h("code", {}, f.code), " ", f.message, f.pointer ? h("span", { class: "fix" }, `at ${f.pointer}`) : null))
      : [h("li", {}, "No findings.")]),
  );
}
