// The demo portal: initiatives, metrics, recommendations, critical assets,
// devices, attack paths and the exposure graph of a demo tenant, with every
// control the permission table governs gated by the viewer's Decisions.

import { loadGate, decide } from "./gate.js";
import * as gating from "./gating.js";
import { subjectFromQuery, subjectToQuery, describeSubject, mountSwitcher, FALLBACK_ROLES } from "./subject.js";
import { h, fetchJson, announce, download, banner, csvField, stackable } from "./dom.js";
import * as api from "./api.js";

gating.start();
performance.mark("eg:portal-start");

const STATUSES = ["To address", "Planned", "Risk accepted", "Resolved through third party", "Completed"];
const QUERIES = [
  {
    id: "critical-exposed",
    name: "Critical devices with high exposure",
    kql: `ExposureGraphNodes
| where set_has_element(Categories, "device")
| where NodeProperties.rawData.criticalityLevel.criticalityLevel < 2
| where NodeProperties.rawData.exposureScore == "High"
| project NodeName, NodeLabel`,
    run: (data) => data.devices.filter((d) => ["very-high", "high"].includes(d.criticality) && d.exposure === "High"),
  },
  {
    id: "unmanaged",
    name: "Devices not managed by Intune or Configuration Manager",
    kql: `ExposureGraphNodes
| where set_has_element(Categories, "device")
| where isempty(NodeProperties.rawData.intuneDeviceId) and isempty(NodeProperties.rawData.configMgrId)
| project NodeName, NodeLabel`,
    run: (data) => data.devices.filter((d) => !d.intune && !d.configMgr),
  },
  {
    id: "not-onboarded",
    name: "Devices not onboarded to Defender for Endpoint",
    kql: `ExposureGraphNodes
| where set_has_element(Categories, "device")
| where NodeProperties.rawData.onboardingStatus != "Onboarded"
| project NodeName, NodeLabel`,
    run: (data) => data.devices.filter((d) => !d.onboarded),
  },
];

const state = {
  loaded: null,
  server: { present: false, devMode: false, me: null, token: null },
  data: null,
  roles: FALLBACK_ROLES,
  labels: new Map(),
  subject: null,
  selected: null,
  events: [],
};

main().catch((error) => {
  banner("load-error", "error", `The portal couldn't start: ${error.message}`);
  gating.setDecisions(new Map(), { fallbackReason: "The portal couldn't start, so every control stays off." });
  document.documentElement.dataset.gateState = "error";
});

async function main() {
  const [loaded, [server, data]] = await Promise.all([
    loadGate(),
    api.connect().then(async (s) => [s, await loadData(s)]),
  ]);
  performance.mark("eg:data-ready");
  state.loaded = loaded;
  state.server = server;
  state.data = data;
  if (server.present) {
    gating.deferWritesToServer();
    showServerBanner(server);
  }
  if (loaded.mode === "failed") banner("engine-error", "error", `${loaded.why} Every governed control stays off unless a permission server answers.`);
  if (loaded.gate) {
    state.roles = loaded.gate.roles();
    for (const a of loaded.gate.actions()) state.labels.set(a.id, a.label);
  }
  const fromUrl = subjectFromQuery(location.search);
  const user = data.users.find((u) => u.id === data.tenant.defaultUser);
  state.subject = fromUrl || (server.me ? server.me.subject : subjectOf(user));
  state.selected = data.initiatives[0]?.id;

  renderAll();
  mountSwitcher(document.getElementById("switcher"), {
    roles: state.roles,
    groups: data.tenant.deviceGroups,
    users: data.users,
    subject: state.subject,
    onChange: (subject) => {
      state.subject = subject;
      history.replaceState(null, "", subjectToQuery(subject) + location.hash);
      regate();
    },
  });
  document.addEventListener("click", onAct);
  document.addEventListener("change", onChange);
  await regate();

  performance.mark("eg:gated");
  performance.measure("eg:navigation-to-gated", { start: 0, end: "eg:gated" });
  requestAnimationFrame(() =>
    setTimeout(() => {
      performance.mark("eg:first-paint-gated");
      performance.measure("eg:navigation-to-first-paint-gated", { start: 0, end: "eg:first-paint-gated" });
    }),
  );
}

/** The demo tenant: its current state from the server when there is one, else the static files. */
async function loadData(server) {
  const [tenant, attackPaths, live] = await Promise.all([
    fetchJson("tenant.json"),
    fetchJson("attack-paths.json"),
    server.present ? api.readState() : Promise.all(["users.json", "initiatives.json", "criticality.json", "devices.json"].map(fetchJson)),
  ]);
  const { users, initiatives, criticality, devices } = Array.isArray(live)
    ? { users: live[0], initiatives: live[1], criticality: live[2], devices: live[3] }
    : live;
  return { tenant: { ...tenant.tenant, deviceGroups: tenant.deviceGroups, defaultUser: tenant.defaultUser }, users, initiatives, criticality, devices, attackPaths };
}

/** Says who writes go to the server as, and, loudly, when tokens are minted locally. */
function showServerBanner(server) {
  const who = server.me ? `Signed in as ${server.me.who}: changes are sent to the server, which checks them again.` : "Not signed in: the server refuses changes until you sign in.";
  const text = server.devMode ? `Dev mode: tokens are minted locally. ${who} ` : `${who} `;
  const el = h("div", { id: "server-banner", class: `banner banner-${server.devMode ? "warn" : "info"}`, role: "status" }, text);
  if (server.login) el.append(h("a", { href: server.login }, server.me ? "Sign in as someone else" : "Sign in"));
  document.getElementById("banners").append(el);
}

function subjectOf(user) {
  if (!user) return { roles: [], deviceGroups: "all" };
  const subject = { roles: [...user.roles], deviceGroups: user.deviceGroups };
  if (user.tvmPermissions) subject.tvmPermissions = [...user.tvmPermissions];
  return subject;
}

// ---------------------------------------------------------------- gating

function governedActions() {
  const actions = new Set();
  for (const el of document.querySelectorAll("[data-requires]")) actions.add(el.dataset.requires);
  for (const el of document.querySelectorAll("[data-gate-region]")) actions.add(el.dataset.gateRegion);
  return [...actions];
}

/** Asks for the current subject's Decisions and applies them to the whole page. */
async function regate() {
  const subject = state.subject;
  document.getElementById("subject-name").textContent = describeSubject(subject, state.roles);
  document.getElementById("subject-link").href = `/${subjectToQuery(subject)}`;
  const result = await decide(state.loaded, subject, governedActions());
  if (subject !== state.subject) return; // a newer choice won
  let fallbackReason;
  if (result.error && result.error.code === "no-decisions") {
    fallbackReason = result.error.message;
    document.getElementById("wasm-banner-detail").textContent =
      "Permission decisions can't be made in the page and no permission server answered at /api/check, so every governed control stays off.";
    banner("subject-error", "error", null);
  } else if (result.error) {
    fallbackReason = `No decision for this subject: ${result.error.message}`;
    banner("subject-error", "error", `Can't show the portal as this subject: ${result.error.message}`);
  } else {
    banner("subject-error", "error", null);
    if (result.source === "server") {
      document.getElementById("wasm-banner-detail").textContent =
        "Decisions come from the permission server (/api/check) instead of the page.";
    }
  }
  gating.setDecisions(result.decisions, { fallbackReason });
  renderRestrictions(result);
  document.documentElement.dataset.gateSource = result.source;
  document.documentElement.dataset.gateState = result.error ? "no-decisions" : "ready";
}

function renderRestrictions(result) {
  const list = document.getElementById("restriction-list");
  if (result.error) {
    list.replaceChildren(h("li", { class: "warn" }, result.error.message));
    return;
  }
  const denied = governedActions().filter((a) => !gating.can(a));
  if (!denied.length) {
    list.replaceChildren(h("li", { class: "ok" }, "Nothing: every control on this page is on for this subject."));
    return;
  }
  list.replaceChildren(
    ...denied.map((a) =>
      h("li", {}, h("strong", {}, state.labels.get(a) || a), " ", h("code", {}, a), h("br"), gating.reasonFor(a)),
    ),
  );
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  renderTiles();
  renderCards();
  renderDetail();
  renderCriticality();
  renderDevices();
  renderPaths();
  renderQueries();
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const levelName = (id) => state.data.criticality.levels.find((l) => l.id === id)?.name || id;

function renderTiles() {
  const { initiatives, devices, criticality } = state.data;
  const avg = initiatives.reduce((s, i) => s + i.score, 0) / initiatives.length;
  const open = initiatives.flatMap((i) => i.recommendations).filter((r) => r.status === "To address").length;
  const critical = devices.filter((d) => d.criticality === "very-high" || d.criticality === "high").length;
  const rulesOn = criticality.rules.filter((r) => r.enabled).length;
  const tile = (value, label) => h("div", { class: "tile" }, h("span", { class: "tile-value" }, value), h("span", { class: "tile-label" }, label));
  document.getElementById("tiles").replaceChildren(
    tile(`${avg.toFixed(1)}%`, "average initiative score"),
    tile(open, "recommendations to address"),
    tile(critical, "critical devices (Very High, High)"),
    tile(`${rulesOn}/${criticality.rules.length}`, "criticality rules on"),
  );
}

function scoreBar(score, target) {
  return h(
    "div",
    { class: "score", role: "img", "aria-label": target === null ? `${score}%` : `Score ${score}%, target ${target}%` },
    at(h("div", { class: "score-fill" }), "width", score),
    target === null ? null : at(h("div", { class: "score-target" }), "left", target),
  );
}

/** Sets a length in % through the CSSOM (the Content-Security-Policy refuses style attributes). */
function at(el, property, percent) {
  el.style[property] = `${percent}%`;
  return el;
}

function renderCards() {
  const cards = state.data.initiatives.map((i) =>
    h(
      "article",
      { class: `card${i.id === state.selected ? " selected" : ""}`, "data-initiative": i.id },
      h(
        "div",
        { class: "card-head" },
        h("h3", {}, i.name),
        h(
          "button",
          {
            type: "button",
            class: "icon-button fav",
            "aria-pressed": String(i.favorite),
            "aria-label": `Favorite ${i.name}`,
            "data-requires": "favorite-initiative",
            "data-write": true,
            "data-act": "favorite",
            "data-id": i.id,
            disabled: true,
          },
          i.favorite ? "★" : "☆",
        ),
      ),
      h("p", { class: "muted" }, i.category),
      scoreBar(i.score, i.target),
      h("p", { class: "score-text" }, h("strong", {}, `${i.score.toFixed(1)}%`), ` · target ${i.target}%`),
      h(
        "div",
        { class: "card-actions" },
        h("button", { type: "button", class: "link-button", "data-act": "open", "data-id": i.id, "aria-controls": "initiative-detail" }, "Open"),
        h(
          "button",
          { type: "button", "data-requires": "set-initiative-target-score", "data-act": "set-target", "data-id": i.id, "data-write": true, disabled: true },
          "Set target…",
        ),
      ),
    ),
  );
  document.getElementById("initiative-cards").replaceChildren(...cards);
}

function exportButtons(kind, id) {
  return [
    h("button", { type: "button", "data-requires": "share-metric", "data-act": "share", "data-kind": kind, "data-id": id, disabled: true }, "Share"),
    kind !== "recommendation"
      ? h("button", { type: "button", "data-requires": "export-metric-pdf", "data-act": "export-pdf", "data-kind": kind, "data-id": id, disabled: true }, "Export PDF")
      : null,
    h("button", { type: "button", "data-requires": "export-assets", "data-act": "export-assets", "data-kind": kind, "data-id": id, disabled: true }, "Export assets"),
  ];
}

/** The threat and vulnerability management actions on a recommendation (they need TVM permissions). */
function tvmButtons(id) {
  return [
    h("button", { type: "button", "data-requires": "submit-remediation-request", "data-act": "remediate", "data-id": id, "data-write": true, disabled: true }, "Request remediation…"),
    h("button", { type: "button", "data-requires": "create-exception", "data-act": "exception", "data-id": id, "data-write": true, disabled: true }, "Exception…"),
  ];
}

function renderDetail() {
  const i = state.data.initiatives.find((x) => x.id === state.selected);
  const box = document.getElementById("initiative-detail");
  if (!i) return box.replaceChildren();
  const metricRows = i.metrics.map((m) =>
    h(
      "tr",
      { "data-metric": m.id },
      h("th", { scope: "row" }, m.name),
      h("td", {}, scoreBar(m.value, null), h("span", { class: "small" }, `${m.value}%`)),
      h("td", { class: "num" }, `${m.exposed} / ${m.total}`),
      h(
        "td",
        {},
        h("label", { class: "visually-hidden", for: `weight-${m.id}` }, `Weight of ${m.name}`),
        h("input", {
          type: "number",
          id: `weight-${m.id}`,
          class: "weight",
          min: 1,
          max: 10,
          value: m.weight,
          "data-requires": "edit-metric-weight",
          "data-write": true,
          "data-act": "weight",
          "data-id": m.id,
          disabled: true,
        }),
      ),
      h("td", { class: "row-actions" }, exportButtons("metric", m.id)),
    ),
  );
  const recRows = i.recommendations.map((r) =>
    h(
      "tr",
      { "data-recommendation": r.id },
      h("th", { scope: "row" }, r.title),
      h("td", {}, h("span", { class: `impact impact-${r.impact.toLowerCase()}` }, r.impact)),
      h("td", {}, r.source),
      h("td", {}, r.workload),
      h(
        "td",
        {},
        h("label", { class: "visually-hidden", for: `status-${r.id}` }, `Status of ${r.title}`),
        h(
          "select",
          { id: `status-${r.id}`, "data-requires": "manage-recommendations", "data-act": "status", "data-id": r.id, "data-write": true, disabled: true },
          STATUSES.map((s) => h("option", { value: s, selected: s === r.status }, s)),
        ),
      ),
      h("td", { class: "row-actions" }, exportButtons("recommendation", r.id), tvmButtons(r.id)),
    ),
  );
  box.replaceChildren(
    h(
      "div",
      { class: "section-head" },
      h("h3", { id: "detail-heading", tabindex: "-1" }, i.name),
      h("div", { class: "toolbar" }, exportButtons("initiative", i.id)),
    ),
    h("p", {}, i.description),
    h("h4", {}, "Metrics"),
    h(
      "div",
      { "data-gate-region": "view-metrics", hidden: true },
      h(
        "div",
        { class: "table-wrap" },
        stackable(
          h(
            "table",
            { class: "data" },
            h("thead", {}, h("tr", {}, ["Metric", "Progress", "Exposed", "Weight", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, metricRows),
          ),
        ),
      ),
    ),
    h("h4", {}, "Recommendations"),
    h(
      "div",
      { "data-gate-region": "view-recommendations", hidden: true },
      h(
        "div",
        { class: "table-wrap" },
        stackable(
          h(
            "table",
            { class: "data" },
            h("thead", {}, h("tr", {}, ["Recommendation", "Impact", "Source", "Workload", "Status", "Actions"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, recRows),
          ),
        ),
      ),
    ),
  );
  for (const card of document.querySelectorAll(".card")) card.classList.toggle("selected", card.dataset.initiative === i.id);
}

function renderCriticality() {
  const { levels, rules } = state.data.criticality;
  document.getElementById("levels").replaceChildren(
    ...levels.map((l) =>
      h(
        "div",
        { class: `level level-${l.id}`, title: l.description },
        h("span", { class: "level-name" }, l.name),
        h("span", { class: "level-count" }, plural(rules.filter((r) => r.level === l.id).length, "rule")),
      ),
    ),
  );
  const rows = rules.map((r) =>
    h(
      "tr",
      { "data-rule": r.id },
      h("th", { scope: "row" }, r.name, h("div", { class: "small muted" }, r.condition)),
      h("td", {}, r.assetType),
      h("td", {}, r.kind),
      h("td", { class: "num" }, r.matches),
      h(
        "td",
        {},
        h("label", { class: "visually-hidden", for: `level-${r.id}` }, `Criticality level of ${r.name}`),
        h(
          "select",
          { id: `level-${r.id}`, "data-requires": "change-criticality-level", "data-act": "rule-level", "data-id": r.id, "data-write": true, disabled: true },
          levels.map((l) => h("option", { value: l.id, selected: l.id === r.level }, l.name)),
        ),
      ),
      h(
        "td",
        {},
        h(
          "label",
          { class: "switch" },
          h("input", {
            type: "checkbox",
            role: "switch",
            checked: r.enabled,
            "data-requires": "toggle-criticality-rule",
            "data-write": true,
            "data-act": "rule-toggle",
            "data-id": r.id,
            disabled: true,
          }),
          h("span", { class: "visually-hidden" }, `${r.name} on`),
          h("span", { class: "switch-track", "aria-hidden": "true" }),
        ),
      ),
      h(
        "td",
        {},
        h("button", { type: "button", "data-requires": "set-critical-asset-rule", "data-act": "edit-rule", "data-id": r.id, "data-write": true, disabled: true }, "Edit rule…"),
      ),
    ),
  );
  document.getElementById("rules").replaceChildren(
    h("caption", { class: "visually-hidden" }, "Criticality rules"),
    h("thead", {}, h("tr", {}, ["Rule", "Asset type", "Kind", "Assets", "Criticality", "On", ""].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows),
  );
  stackable(document.getElementById("rules"));
}

function renderDevices() {
  const { devices, tenant } = state.data;
  // Global insight (visible to scoped users too): counts only, no device.
  document.getElementById("device-summary").replaceChildren(
    ...tenant.deviceGroups.map((g) => {
      const inGroup = devices.filter((d) => d.group === g.name);
      const crit = inGroup.filter((d) => d.criticality === "very-high" || d.criticality === "high").length;
      return h(
        "div",
        { class: "level", title: g.description },
        h("span", { class: "level-name" }, g.name),
        h("span", { class: "level-count" }, `${plural(inGroup.length, "device")} · ${crit} critical`),
      );
    }),
  );
  const rows = devices.map((d) =>
    h(
      "tr",
      { "data-device": d.id },
      h("th", { scope: "row" }, d.id),
      h("td", {}, d.group),
      h("td", {}, `${d.os} ${d.osVersion}`),
      h("td", {}, h("span", { class: `crit crit-${d.criticality}` }, levelName(d.criticality))),
      h("td", {}, d.exposure),
      h(
        "td",
        {},
        h(
          "button",
          {
            type: "button",
            "data-requires": "view-device-details",
            "data-hide-when": "scope-restricted",
            "data-act": "device",
            "data-id": d.id,
            "aria-controls": "device-detail",
            disabled: true,
          },
          "Details",
        ),
      ),
    ),
  );
  document.getElementById("device-table").replaceChildren(
    h("caption", { class: "visually-hidden" }, "Devices"),
    h("thead", {}, h("tr", {}, ["Device", "Group", "OS", "Criticality", "Exposure", ""].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows),
  );
  stackable(document.getElementById("device-table"));
}

function showDevice(id) {
  const d = state.data.devices.find((x) => x.id === id);
  const box = document.getElementById("device-detail");
  if (!d) return;
  const field = (k, v) => [h("dt", {}, k), h("dd", {}, v)];
  box.replaceChildren(
    h("h3", { id: "device-heading", tabindex: "-1" }, d.id),
    h(
      "dl",
      { class: "facts" },
      field("Device group", d.group),
      field("Operating system", `${d.os} ${d.osVersion}`),
      field("IP address", d.ip),
      field("Last seen", new Date(d.lastSeen).toLocaleString("en-GB", { timeZone: "UTC" }) + " UTC"),
      field("Onboarded to Defender for Endpoint", d.onboarded ? "yes" : "no"),
      field("Managed by", [d.intune && "Intune", d.configMgr && "Configuration Manager"].filter(Boolean).join(", ") || "none"),
      field("Security recommendations", d.securityRecommendations),
      field("Tags", d.tags.join(", ") || "none"),
      field("Exposure level", d.exposure),
    ),
    h(
      "p",
      {},
      h("label", { for: "device-level" }, "Criticality level "),
      h(
        "select",
        { id: "device-level", "data-requires": "change-criticality-level", "data-act": "device-level", "data-id": d.id, "data-write": true, disabled: true },
        state.data.criticality.levels.map((l) => h("option", { value: l.id, selected: l.id === d.criticality }, l.name)),
      ),
    ),
  );
  box.hidden = false;
  document.getElementById("device-heading").focus();
}

function renderPaths() {
  const rows = state.data.attackPaths.map((p) =>
    h(
      "tr",
      { "data-path": p.id },
      h("th", { scope: "row" }, p.name),
      h("td", {}, p.entry),
      h("td", {}, p.target),
      h("td", { class: "num" }, p.steps),
      h("td", {}, h("span", { class: `risk risk-${p.risk.toLowerCase()}` }, p.risk)),
      h("td", {}, p.status),
      h(
        "td",
        {},
        h(
          "button",
          {
            type: "button",
            "data-requires": "view-attack-paths",
            "data-hide-when": "scope-restricted",
            "data-act": "path",
            "data-id": p.id,
            "aria-controls": "path-detail",
            disabled: true,
          },
          "View path",
        ),
      ),
    ),
  );
  document.getElementById("path-table").replaceChildren(
    h("caption", { class: "visually-hidden" }, "Attack paths"),
    h("thead", {}, h("tr", {}, ["Attack path", "Entry point", "Target", "Steps", "Risk", "Status", ""].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows),
  );
  stackable(document.getElementById("path-table"));
}

function showPath(id) {
  const p = state.data.attackPaths.find((x) => x.id === id);
  if (!p) return;
  const box = document.getElementById("path-detail");
  box.replaceChildren(
    h("h3", { id: "path-heading", tabindex: "-1" }, p.name),
    h(
      "ol",
      { class: "path-steps" },
      h("li", {}, `Entry: ${p.entry}`),
      h("li", {}, `Choke point: ${p.chokepoint}`),
      h("li", {}, `Target: ${p.target}`),
    ),
    h("p", { class: "muted" }, `${p.steps} steps · risk ${p.risk} · ${p.status}`),
  );
  box.hidden = false;
  document.getElementById("path-heading").focus();
}

function renderQueries() {
  const select = document.getElementById("graph-query");
  select.replaceChildren(...QUERIES.map((q) => h("option", { value: q.id }, q.name)));
  const show = () => {
    document.getElementById("graph-kql").textContent = QUERIES.find((q) => q.id === select.value).kql;
  };
  select.addEventListener("change", show);
  show();
}

// ---------------------------------------------------------------- actions

function record(action, target) {
  state.events.push({ time: new Date().toISOString(), subject: describeSubject(state.subject, state.roles), action, target });
}

function findMetric(id) {
  for (const i of state.data.initiatives) {
    const m = i.metrics.find((x) => x.id === id);
    if (m) return { initiative: i, metric: m };
  }
  return {};
}

function findRecommendation(id) {
  for (const i of state.data.initiatives) {
    const r = i.recommendations.find((x) => x.id === id);
    if (r) return { initiative: i, recommendation: r };
  }
  return {};
}

function nameOf(kind, id) {
  if (kind === "metric") return findMetric(id).metric?.name;
  if (kind === "recommendation") return findRecommendation(id).recommendation?.title;
  return state.data.initiatives.find((i) => i.id === id)?.name;
}

/** Every governed handler runs only when the gate allows its control right now. */
function allowed(el) {
  return !el.dataset.requires || gating.can(el.dataset.requires) || gating.writesGoToServer(el);
}

/**
 * A change to the tenant. With a permission server it is sent there (the
 * server checks it again), and the page then shows the server's state and, for
 * a refusal, its reason; without one it is applied in the page only.
 */
async function write(request, applyLocally, message) {
  if (!state.server.present) {
    applyLocally();
    announce(message);
    return;
  }
  delete document.documentElement.dataset.lastWrite;
  const result = await api.send(state.server, request);
  banner("server-refusal", "error", result.ok ? null : result.message);
  announce(result.ok ? message : result.message);
  try {
    const live = await api.readState();
    Object.assign(state.data, live);
  } catch (error) {
    banner("server-refusal", "error", `Couldn't reload the tenant from the server: ${error.message}`);
  }
  renderAll();
  await regate();
  // Set last, so that it says the page shows the write's outcome (the
  // reloaded state, gated again), not only that the answer came.
  document.documentElement.dataset.lastWrite = result.ok ? "ok" : String(result.status);
}

function onAct(event) {
  const el = event.target.closest("button[data-act]");
  if (!el || !allowed(el)) return;
  const { id, kind } = el.dataset;
  switch (el.dataset.act) {
    case "open":
      state.selected = id;
      renderDetail();
      document.getElementById("detail-heading").focus();
      break;
    case "favorite": {
      const i = state.data.initiatives.find((x) => x.id === id);
      const favorite = !i.favorite;
      record("favorite-initiative", i.name);
      write(
        { method: "PUT", path: `/api/initiatives/${encodeURIComponent(id)}/favorite`, body: { favorite } },
        () => {
          i.favorite = favorite;
          el.setAttribute("aria-pressed", String(favorite));
          el.textContent = favorite ? "★" : "☆";
        },
        favorite ? `${i.name} marked as a favorite` : `${i.name} is no longer a favorite`,
      );
      break;
    }
    case "set-target":
      setTarget(id);
      break;
    case "share": {
      const url = `${location.origin}/#${kind}-${id}`;
      navigator.clipboard?.writeText(url).catch(() => {});
      record("share-metric", nameOf(kind, id));
      announce(`Link to "${nameOf(kind, id)}" copied to share.`);
      break;
    }
    case "export-pdf":
      record("export-metric-pdf", nameOf(kind, id));
      announce(`PDF export of "${nameOf(kind, id)}" started (demo: no file is produced).`);
      break;
    case "export-assets":
      exportAssets(kind, id);
      break;
    case "export-events":
      exportEvents();
      break;
    case "onboard-easm":
      onboardEasm();
      break;
    case "grant-permissions":
      grantPermissions();
      break;
    case "create-workspace":
      createWorkspace();
      break;
    case "create-rule":
      editRule(null);
      break;
    case "remediate":
      requestRemediation(id);
      break;
    case "exception":
      createException(id);
      break;
    case "edit-rule":
      editRule(id);
      break;
    case "device":
      showDevice(id);
      break;
    case "path":
      showPath(id);
      break;
    case "run-query":
      runQuery();
      break;
  }
}

function onChange(event) {
  const el = event.target.closest("[data-act]");
  if (!el || !allowed(el)) return;
  const { id } = el.dataset;
  switch (el.dataset.act) {
    case "weight": {
      const { metric } = findMetric(id);
      const weight = Math.round(Number(el.value));
      if (!(weight >= 1 && weight <= 10)) {
        el.value = metric.weight;
        announce("A metric weight is a whole number from 1 to 10.");
        return;
      }
      record("edit-metric-weight", `${metric.name} = ${weight}`);
      write(
        { method: "PUT", path: `/api/metrics/${encodeURIComponent(id)}/weight`, body: { weight } },
        () => (metric.weight = weight),
        `Weight of "${metric.name}" set to ${weight}.`,
      );
      break;
    }
    case "status": {
      const { recommendation } = findRecommendation(id);
      const status = el.value;
      record("manage-recommendations", `${recommendation.title}: ${status}`);
      write(
        { method: "PUT", path: `/api/recommendations/${encodeURIComponent(id)}/status`, body: { status } },
        () => {
          recommendation.status = status;
          renderTiles();
        },
        `"${recommendation.title}" is now ${status}.`,
      );
      break;
    }
    case "rule-level": {
      const rule = state.data.criticality.rules.find((r) => r.id === id);
      const level = el.value;
      record("change-criticality-level", `${rule.name}: ${levelName(level)}`);
      write(
        { method: "PUT", path: `/api/criticality/rules/${encodeURIComponent(id)}/level`, body: { level } },
        () => {
          rule.level = level;
          renderCriticality();
        },
        `${rule.name} now classifies assets as ${levelName(level)}.`,
      );
      break;
    }
    case "device-level": {
      const device = state.data.devices.find((d) => d.id === id);
      const level = el.value;
      record("change-criticality-level", `${device.id}: ${levelName(level)}`);
      write(
        { method: "PUT", path: `/api/devices/${encodeURIComponent(id)}/criticality`, body: { level } },
        () => {
          device.criticality = level;
          renderDevices();
          renderTiles();
        },
        `${device.id} is now ${levelName(level)}.`,
      );
      break;
    }
    case "rule-toggle": {
      const rule = state.data.criticality.rules.find((r) => r.id === id);
      const enabled = el.checked;
      record("toggle-criticality-rule", `${rule.name}: ${enabled ? "on" : "off"}`);
      write(
        { method: "PUT", path: `/api/criticality/rules/${encodeURIComponent(id)}/enabled`, body: { enabled } },
        () => {
          rule.enabled = enabled;
          renderTiles();
        },
        `${rule.name} turned ${enabled ? "on" : "off"}.`,
      );
      break;
    }
  }
}

function exportAssets(kind, id) {
  const rows = [["kind", "name", "exposed", "total", "status", "impact", "source", "workload"]];
  const metricRow = (m) => ["metric", m.name, m.exposed, m.total, `${m.value}%`, "", "", ""];
  const recRow = (r) => ["recommendation", r.title, "", "", r.status, r.impact, r.source, r.workload];
  if (kind === "metric") rows.push(metricRow(findMetric(id).metric));
  else if (kind === "recommendation") rows.push(recRow(findRecommendation(id).recommendation));
  else {
    const i = state.data.initiatives.find((x) => x.id === id);
    rows.push(...i.metrics.map(metricRow), ...i.recommendations.map(recRow));
  }
  download(`${id}-assets.csv`, rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n", "text/csv");
  record("export-assets", nameOf(kind, id));
  announce(`Exported assets of "${nameOf(kind, id)}".`);
}

function exportEvents() {
  const rows = [["time", "subject", "action", "target"], ...state.events.map((e) => [e.time, e.subject, e.action, e.target])];
  download("exposure-events.csv", rows.map((r) => r.map(csvField).join(",")).join("\n") + "\n", "text/csv");
  announce(`Exported ${state.events.length} event${state.events.length === 1 ? "" : "s"} from this session.`);
}

function runQuery() {
  const q = QUERIES.find((x) => x.id === document.getElementById("graph-query").value);
  const nodes = q.run(state.data);
  record("query-exposure-graph", q.name);
  document.getElementById("graph-result").replaceChildren(
    stackable(h(
      "table",
      { class: "data" },
      h("caption", {}, `${nodes.length} node${nodes.length === 1 ? "" : "s"}`),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "NodeName"), h("th", { scope: "col" }, "NodeLabel"))),
      h("tbody", {}, nodes.map((d) => h("tr", {}, h("td", {}, d.id), h("td", {}, "device")))),
    )),
  );
  announce(`Query returned ${nodes.length} nodes.`);
}

// ---------------------------------------------------------------- dialogs

/**
 * Opens the page's dialog with a form. The submit button carries `requires`,
 * so the gate governs it like any other control.
 */
function openDialog({ title, body, submit, requires, onSubmit, write = false }) {
  const dialog = document.getElementById("dialog");
  const form = h(
    "form",
    { method: "dialog" },
    h("h2", { id: "dialog-title" }, title),
    body,
    h(
      "div",
      { class: "dialog-actions" },
      h("button", { type: "button", value: "cancel", onclick: () => dialog.close() }, "Cancel"),
      h("button", { type: "submit", class: "primary", "data-requires": requires, "data-write": write, disabled: true }, submit),
    ),
  );
  form.addEventListener("submit", (event) => {
    if (!gating.can(requires) && !gating.writesGoToServer(event.submitter)) {
      event.preventDefault();
      return;
    }
    onSubmit(new FormData(form));
  });
  dialog.replaceChildren(form);
  dialog.showModal();
}

function field(label, input) {
  return h("label", { class: "field" }, h("span", {}, label), input);
}

function setTarget(id) {
  const i = state.data.initiatives.find((x) => x.id === id);
  openDialog({
    title: `Target score for ${i.name}`,
    body: [
      h("p", {}, `Current score ${i.score.toFixed(1)}%.`),
      field("Target (%)", h("input", { type: "number", name: "target", min: 0, max: 100, step: 1, value: i.target, required: true })),
    ],
    submit: "Save target",
    requires: "set-initiative-target-score",
    write: true,
    onSubmit: (form) => {
      const target = Number(form.get("target"));
      record("set-initiative-target-score", `${i.name} = ${target}%`);
      write(
        { method: "PUT", path: `/api/initiatives/${encodeURIComponent(id)}/target`, body: { target } },
        () => {
          i.target = target;
          renderCards();
        },
        `Target for ${i.name} set to ${target}%.`,
      );
    },
  });
}

function editRule(id) {
  const { levels, rules } = state.data.criticality;
  const rule = rules.find((r) => r.id === id);
  const creating = !rule;
  openDialog({
    title: creating ? "Create criticality rule" : `Edit rule: ${rule.name}`,
    body: [
      creating ? field("Name", h("input", { name: "name", required: true, placeholder: "Payment terminals" })) : null,
      creating
        ? field("Asset type", h("select", { name: "assetType" }, ["Device", "Identity", "Cloud resource"].map((t) => h("option", {}, t))))
        : null,
      field("Condition", h("input", { name: "condition", required: true, value: rule?.condition || "", placeholder: "Device tag is pos" })),
      field(
        "Criticality level",
        h("select", { name: "level" }, levels.map((l) => h("option", { value: l.id, selected: l.id === (rule?.level || "high") }, l.name))),
      ),
    ],
    submit: creating ? "Create rule" : "Save rule",
    requires: creating ? "create-criticality-rule" : "set-critical-asset-rule",
    write: true,
    onSubmit: (form) => {
      const rerender = () => {
        renderCriticality();
        renderTiles();
      };
      const condition = String(form.get("condition"));
      const level = String(form.get("level"));
      if (creating) {
        const name = String(form.get("name")).trim();
        const assetType = String(form.get("assetType"));
        record("create-criticality-rule", name);
        write(
          { method: "POST", path: "/api/criticality/rules", body: { name, assetType, condition, level } },
          () => {
            rules.push({ id: `rule-${Date.now()}`, name, kind: "custom", assetType, level, enabled: true, condition, matches: 0 });
            rerender();
          },
          `Rule "${name}" created.`,
        );
      } else {
        record("set-critical-asset-rule", rule.name);
        write(
          { method: "PUT", path: `/api/criticality/rules/${encodeURIComponent(rule.id)}`, body: { condition, level } },
          () => {
            rule.condition = condition;
            rule.level = level;
            rerender();
          },
          `Rule "${rule.name}" saved.`,
        );
      }
    },
  });
}

function grantPermissions() {
  openDialog({
    title: "Grant permissions",
    body: [
      field("User", h("select", { name: "user" }, state.data.users.map((u) => h("option", { value: u.id }, u.name)))),
      field("Role", h("select", { name: "role" }, state.roles.map((r) => h("option", { value: r.id }, r.name)))),
    ],
    submit: "Assign role",
    requires: "grant-permissions",
    write: true,
    onSubmit: (form) => {
      const user = state.data.users.find((u) => u.id === form.get("user"));
      const role = state.roles.find((r) => r.id === form.get("role"));
      record("grant-permissions", `${role.name} to ${user.name}`);
      write(
        { method: "POST", path: `/api/users/${encodeURIComponent(user.id)}/roles`, body: { role: role.id } },
        () => {
          if (!user.roles.includes(role.id)) user.roles.push(role.id);
        },
        `${role.name} assigned to ${user.name} (demo: not sent to Entra ID).`,
      );
    },
  });
}

function onboardEasm() {
  openDialog({
    title: "Onboard to Defender External Attack Surface Management",
    body: [
      h("p", {}, "Seeds start the discovery of what Contoso exposes to the internet."),
      field("Seed domain", h("input", { name: "seed", required: true, value: state.data.tenant.domain })),
    ],
    submit: "Start discovery",
    requires: "onboard-easm",
    onSubmit: (form) => {
      record("onboard-easm", form.get("seed"));
      announce(`Discovery started from ${form.get("seed")}.`);
    },
  });
}

function createWorkspace() {
  const ws = state.data.tenant.workspace;
  openDialog({
    title: "Create the Exposure Management workspace",
    body: [
      h("p", {}, ws ? `${state.data.tenant.name} already has a workspace (created ${ws.created}, ${ws.region}). Creating it again resets its settings.` : ""),
      field("Region", h("select", { name: "region" }, ["West Europe", "North Europe", "East US", "Australia East"].map((r) => h("option", { selected: r === ws?.region }, r)))),
    ],
    submit: "Create workspace",
    requires: "create-workspace",
    onSubmit: (form) => {
      state.data.tenant.workspace = { created: new Date().toISOString().slice(0, 10), region: form.get("region") };
      record("create-workspace", form.get("region"));
      announce(`Workspace created in ${form.get("region")}.`);
    },
  });
}

/** A date `days` from today, as YYYY-MM-DD. */
function daysFromNow(days) {
  return new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
}

function requestRemediation(id) {
  const { recommendation } = findRecommendation(id);
  openDialog({
    title: `Request remediation: ${recommendation.title}`,
    body: [
      field("Due date", h("input", { type: "date", name: "due", required: true, value: daysFromNow(30) })),
      field("Priority", h("select", { name: "priority" }, ["high", "medium", "low"].map((p) => h("option", { value: p }, p)))),
      field("Notes", h("input", { name: "notes", maxlength: 1000 })),
    ],
    submit: "Submit request",
    requires: "submit-remediation-request",
    write: true,
    onSubmit: (form) => {
      const body = { recommendation: id, due: String(form.get("due")), priority: String(form.get("priority")), notes: String(form.get("notes")) };
      record("submit-remediation-request", recommendation.title);
      write({ method: "POST", path: "/api/tvm/remediation-requests", body }, () => {}, `Remediation of "${recommendation.title}" requested, due ${body.due}.`);
    },
  });
}

function createException(id) {
  const { recommendation } = findRecommendation(id);
  openDialog({
    title: `Exception: ${recommendation.title}`,
    body: [
      field("Justification", h("input", { name: "justification", required: true, maxlength: 1000, placeholder: "Compensating control in place" })),
      field("Expires", h("input", { type: "date", name: "expires", required: true, value: daysFromNow(90) })),
    ],
    submit: "Create exception",
    requires: "create-exception",
    write: true,
    onSubmit: (form) => {
      const body = { recommendation: id, justification: String(form.get("justification")), expires: String(form.get("expires")) };
      record("create-exception", recommendation.title);
      write({ method: "POST", path: "/api/tvm/exceptions", body }, () => {}, `Exception for "${recommendation.title}" created until ${body.expires}.`);
    },
  });
}
