// Prerequisites: licensing level and fixes, the workspace check, device and
// fleet readiness for threat and vulnerability management (with an inline SVG
// chart), and the browser check. Every answer comes from the package.

import { loadGate } from "./gate.js";
import { parseDevices, readinessFields } from "./devices.js";
import { h, fetchJson, banner, stackable, fill, rich } from "./dom.js";

// Offered on the form when the policy carries no prerequisite tables of its own (the built-in
// ones apply then). Only a choice of ids from the built-in catalogue: the package decides what
// each brings, and reports an id it doesn't know as `unknown-license`.
const BUILTIN_LICENSES = [
  { id: "m365-e3", name: "Microsoft 365 E3" },
  { id: "m365-e5", name: "Microsoft 365 E5" },
  { id: "m365-e5-security", name: "Microsoft 365 E5 Security (add-on)" },
  { id: "m365-business-premium", name: "Microsoft 365 Business Premium" },
  { id: "ems-e5", name: "Enterprise Mobility + Security E5" },
  { id: "o365-e5", name: "Office 365 E5" },
  { id: "defender-endpoint-p1", name: "Defender for Endpoint Plan 1" },
  { id: "defender-endpoint-p2", name: "Defender for Endpoint Plan 2" },
  { id: "defender-business", name: "Defender for Business" },
  { id: "defender-identity", name: "Defender for Identity" },
  { id: "defender-office-p2", name: "Defender for Office 365 Plan 2" },
  { id: "defender-cloud-apps", name: "Defender for Cloud Apps" },
];
const BUILTIN_WORKLOADS = [
  { id: "defender-endpoint", name: "Defender for Endpoint" },
  { id: "defender-identity", name: "Defender for Identity" },
  { id: "defender-office", name: "Defender for Office 365" },
  { id: "defender-cloud-apps", name: "Defender for Cloud Apps" },
  { id: "defender-cloud", name: "Defender for Cloud" },
];
const MISSING_LABELS = {
  "not-onboarded": "Not onboarded to Defender for Endpoint",
  "unsupported-os": "Unsupported operating system",
  "missing-update": "Mandatory update missing",
  "not-managed": "Not managed (Intune or ConfigMgr)",
  "no-recommendations": "No security recommendation",
  "not-tagged": "Not tagged or co-managed",
};
const SAMPLE_AGENTS = [
  ["This browser", null],
  ["Internet Explorer 11", "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"],
  ["Edge (legacy) 18", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041"],
  ["Chrome 56", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/56.0.2924.87 Safari/537.36"],
  ["Safari 17", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15"],
];
const ROW_LIMIT = 200;

let gate;

main().catch((error) => {
  banner("load-error", "error", `The prerequisites page couldn't start: ${error.message}`);
  document.documentElement.dataset.gateState = "error";
});

async function main() {
  const loaded = await loadGate();
  if (!loaded.gate) {
    // Without WebAssembly the page's own banner (shown by boot.js) already says so.
    if (loaded.mode !== "no-wasm") banner("prereq-off", "error", `${loaded.why} The prerequisite checks run in the page, so they are off here.`);
    for (const form of document.querySelectorAll("main form")) disableForm(form, "Needs WebAssembly in this browser.");
    document.documentElement.dataset.gateState = "no-decisions";
    return;
  }
  gate = loaded.gate;
  const missing = ["licensing", "workspace", "device", "fleet", "browser"].filter((m) => typeof gate[m] !== "function");
  if (missing.length) {
    banner("prereq-missing", "warn", `This build of exposure-gate has no prerequisite checks yet (${missing.join(", ")}), so those parts of the page are off.`);
  }
  await Promise.all([mountLicensing(), mountWorkspace(), mountFleet(), mountBrowser()]);
  performance.mark("eg:prereq-ready");
  document.documentElement.dataset.gateState = "ready";
}

function has(method) {
  return typeof gate[method] === "function";
}

function disableForm(form, why) {
  for (const el of form.elements) {
    el.disabled = true;
    el.title = why;
  }
}

function missingList(missing) {
  if (!missing || !missing.length) return null;
  return h(
    "ul",
    { class: "missing" },
    missing.map((m) => h("li", { "data-code": m.code }, h("strong", {}, rich(m.message)), " ", h("code", {}, m.code), m.fix ? h("span", { class: "fix" }, "Fix: ", rich(m.fix)) : null)),
  );
}

function errorReport(box, error) {
  fill(box, h("p", { class: "banner banner-error", role: "alert" }, error.code ? `${error.code}: ` : "", rich(error.message)));
}

// ---------------------------------------------------------------- licensing

function catalogue() {
  let tables;
  try {
    tables = gate.policy().prerequisites;
  } catch {
    tables = null;
  }
  return {
    licenses: tables?.licenses?.length ? tables.licenses : BUILTIN_LICENSES,
    workloads: tables?.workloads?.length ? tables.workloads : BUILTIN_WORKLOADS,
  };
}

async function mountLicensing() {
  const form = document.getElementById("licensing-form");
  if (!has("licensing")) return disableForm(form, "This build has no licensing check.");
  const { licenses, workloads } = catalogue();
  const boxes = (list, name, checked) =>
    list.map((item) => h("label", {}, h("input", { type: "checkbox", name, value: item.id, checked: checked.includes(item.id) }), ` ${item.name || item.id}`));
  fill(form.querySelector("#licenses .checks"), ...boxes(licenses, "license", ["m365-e3"]));
  fill(form.querySelector("#workloads .checks"), ...boxes(workloads, "workload", ["defender-endpoint"]));
  const run = () => {
    const data = new FormData(form);
    const input = { licenses: data.getAll("license"), workloads: data.getAll("workload"), defenderCspm: data.has("defenderCspm") };
    const box = document.getElementById("licensing-report");
    try {
      const report = gate.licensing(input);
      fill(box,
        h("p", {}, "Level: ", h("span", { class: `level-badge level-${report.level}`, id: "licensing-level" }, report.level)),
        report.message ? h("p", {}, rich(report.message)) : null,
        cspmLine(report),
        missingList(report.missing) || h("p", { class: "yes" }, "Nothing missing."),
      );
    } catch (error) {
      errorReport(box, error);
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  form.addEventListener("change", run);
  run();
}

function cspmLine(report) {
  const flag = report.defenderForCloudRecommendations;
  if (typeof flag !== "boolean") return null;
  return h("p", {}, flag ? "Defender for Cloud recommendations flow in (Defender CSPM plan on)." : "No Defender for Cloud recommendations: the Defender CSPM plan is off.");
}

// ---------------------------------------------------------------- workspace

async function mountWorkspace() {
  const form = document.getElementById("workspace-form");
  if (!has("workspace")) return disableForm(form, "This build has no workspace check.");
  const users = await fetchJson("users.json");
  const text = document.getElementById("assignments");
  text.value = JSON.stringify(users.map((u) => ({ user: u.upn, roles: u.roles })), null, 2);
  const run = () => {
    const box = document.getElementById("workspace-report");
    let assignments;
    try {
      assignments = JSON.parse(text.value);
    } catch (error) {
      return errorReport(box, new Error(`The assignments aren't JSON: ${error.message}`));
    }
    try {
      const report = gate.workspace({ assignments });
      fill(box,
        h("p", {}, h("span", { class: `badge ${report.ready ? "badge-ok" : "badge-bad"}`, id: "workspace-ready" }, report.ready ? "Ready" : "Not ready"), " to create the workspace."),
        report.message ? h("p", {}, rich(report.message)) : null,
        missingList(report.missing),
      );
    } catch (error) {
      errorReport(box, error);
    }
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  run();
}

// ---------------------------------------------------------------- fleet

async function mountFleet() {
  const form = document.getElementById("fleet-form");
  if (!has("fleet") || !has("device")) return disableForm(form, "This build has no device readiness check.");
  const text = document.getElementById("fleet-text");
  document.getElementById("fleet-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    text.value = await file.text();
    run();
  });
  document.getElementById("fleet-sample").addEventListener("click", async () => {
    text.value = JSON.stringify(readinessFields(await fetchJson("devices.json")), null, 1);
    run();
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    run();
  });
  const run = () => {
    const box = document.getElementById("fleet-report");
    let devices;
    try {
      devices = parseDevices(text.value);
    } catch (error) {
      return errorReport(box, new Error(`Couldn't read the devices: ${error.message}`));
    }
    if (!devices.length) return fill(box, h("p", { class: "muted" }, "No devices yet."));
    let report;
    try {
      performance.mark("eg:fleet-start");
      report = gate.fleet(devices);
      performance.measure("eg:fleet", "eg:fleet-start");
    } catch (error) {
      return errorReport(box, error);
    }
    renderFleet(box, devices, report);
  };
}

function renderFleet(box, devices, report) {
  const byMissing = report.byMissing instanceof Map ? Object.fromEntries(report.byMissing) : report.byMissing || {};
  const tile = (key, value, label) => h("div", { class: "tile", "data-count": key }, h("span", { class: "tile-value" }, value), h("span", { class: "tile-label" }, label));
  const rows = [];
  let shown = 0;
  for (const device of devices) {
    if (shown >= ROW_LIMIT) break;
    let d;
    try {
      d = gate.device(device);
    } catch (error) {
      d = { ready: false, missing: [{ code: error.code || "invalid", message: error.message }] };
    }
    if (d.ready && devices.length > ROW_LIMIT) continue;
    shown++;
    rows.push(
      h(
        "tr",
        { "data-device": String(device.id ?? ""), "data-ready": String(d.ready) },
        h("th", { scope: "row" }, String(device.id ?? "(no id)")),
        h("td", {}, h("span", { class: `badge ${d.ready ? "badge-ok" : "badge-bad"}` }, d.ready ? "Ready" : "Not ready")),
        h("td", {}, d.missing?.length ? h("ul", { class: "missing" }, d.missing.map((m) => h("li", { "data-code": m.code }, rich(m.message), m.fix ? h("span", { class: "fix" }, rich(m.fix)) : null))) : "—"),
        h("td", { title: d.options?.intuneSecurityTaskReason || "" }, d.options?.intuneSecurityTask ? "available" : "not available"),
      ),
    );
  }
  fill(box,
    h(
      "div",
      { class: "counts" },
      tile("total", report.total, "devices"),
      tile("ready", report.ready, "ready"),
      tile("not-ready", report.notReady, "not ready"),
    ),
    chart(report, byMissing, box.clientWidth),
    report.invalid?.length
      ? h(
          "div",
          { class: "banner banner-error", id: "fleet-invalid" },
          h("strong", {}, `${report.invalid.length} device${report.invalid.length === 1 ? "" : "s"} couldn't be judged:`),
          h("ul", { class: "missing" }, report.invalid.slice(0, 20).map((e) => h("li", {}, `${e.id ?? `entry ${e.index + 1}`}: ${e.error.message}`))),
        )
      : null,
    h("h3", {}, devices.length > ROW_LIMIT ? `Devices not ready (first ${ROW_LIMIT})` : "Devices"),
    h(
      "div",
      { class: "table-wrap" },
      stackable(
        h(
          "table",
          { class: "data", id: "fleet-table" },
          h("thead", {}, h("tr", {}, ["Device", "Readiness", "Missing", "Intune security task"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, rows),
        ),
      ),
    ),
  );
}

/**
 * Horizontal bar chart, one bar per missing code, as inline SVG drawn at the
 * width it is shown at (so its text stays readable): labels beside the bars
 * when there is room, above them on narrow screens.
 */
function chart(report, byMissing, available) {
  const NS = "http://www.w3.org/2000/svg";
  const s = (tag, attrs, ...children) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    for (const c of children) el.append(c);
    return el;
  };
  const entries = Object.entries(byMissing).sort((a, b) => b[1] - a[1]);
  const width = Math.max(260, Math.min(720, Math.floor(available || 720)));
  const stacked = width < 560;
  const labelWidth = stacked ? 0 : 300;
  const barMax = width - labelWidth - 40;
  const rowH = stacked ? 40 : 28;
  const height = (entries.length + 1) * rowH + 6;
  const max = Math.max(1, report.total);
  const bar = (y, label, count, color, code) => {
    const length = Math.max(2, (count / max) * barMax);
    const barY = stacked ? y + 20 : y + 4;
    return s(
      "g",
      { "data-code": code, "data-count": count },
      stacked
        ? s("text", { x: 0, y: y + 14 }, label)
        : s("text", { x: labelWidth - 8, y: y + 17, "text-anchor": "end" }, label),
      s("rect", { x: labelWidth, y: barY, width: length, height: 16, rx: 3, fill: color }),
      s("text", { x: labelWidth + length + 6, y: barY + 13 }, String(count)),
    );
  };
  const svg = s(
    "svg",
    { class: "chart", width, height, viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title" },
    s("title", { id: "chart-title" }, `Devices not ready, by missing prerequisite, out of ${report.total}`),
    bar(0, "Not ready (any reason)", report.notReady, "#b3261e", "not-ready"),
    ...entries.map(([code, count], i) => bar((i + 1) * rowH, MISSING_LABELS[code] || code, count, "#0f5fb8", code)),
  );
  return h("figure", { class: "report" }, svg, h("figcaption", { class: "small muted" }, `Bars are out of ${report.total} devices.`));
}

// ---------------------------------------------------------------- browser

async function mountBrowser() {
  const form = document.getElementById("browser-form");
  if (!has("browser")) return disableForm(form, "This build has no browser check.");
  const show = (box, ua) => {
    try {
      const r = gate.browser(ua);
      fill(box,
        h("p", {}, h("strong", {}, [r.name || "Unknown browser", r.version].filter(Boolean).join(" ")), " · ",
          h("span", { class: r.supported ? "yes" : "no" }, r.supported ? "supported by the portal" : "not supported"), " · ",
          h("span", { class: r.webAssembly ? "yes" : "no" }, r.webAssembly ? "runs WebAssembly" : "no WebAssembly: decisions come from the server")),
        r.message ? h("p", { class: "muted" }, rich(r.message)) : null,
      );
    } catch (error) {
      errorReport(box, error);
    }
  };
  show(document.getElementById("browser-report"), navigator.userAgent);
  const input = document.getElementById("ua");
  const samples = h("select", { "aria-label": "Sample user agents" }, SAMPLE_AGENTS.map(([name, ua]) => h("option", { value: ua ?? navigator.userAgent }, name)));
  samples.addEventListener("change", () => {
    input.value = samples.value;
    show(document.getElementById("browser-try"), input.value);
  });
  form.prepend(samples);
  input.value = navigator.userAgent;
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    show(document.getElementById("browser-try"), input.value);
  });
}
