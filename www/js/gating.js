// The one place that turns Decisions into the state of governed controls.
//
// Markup declares what a control needs; this module decides nothing itself, it
// only applies the Decisions it was handed:
//
//   <button data-requires="manage-recommendations">        disabled unless allowed
//   <button data-requires="view-device-details"
//           data-hide-when="scope-restricted">              also hidden for that reason
//   <section data-gate-region="view-attack-paths">          shown only when allowed
//
// A denied control is disabled, carries the Decision's reason as its tooltip
// (title) and is described by (aria-describedby) a shared element holding the
// same sentence. Without a Decision for its action a control stays disabled
// with the fallback explanation: nothing is ever enabled without a decision.
// Controls added later are gated by a MutationObserver before the browser can
// paint them, and a capture-phase guard refuses interaction with any governed
// control that is not allowed right now (even if something else enabled it),
// except, when a permission server checks writes, the write controls
// (`data-write`), whose requests the server refuses instead.

const CONTROL = "[data-requires]";
const REGION = "[data-gate-region]";
const REASONS_ID = "gate-reasons";

let decisions = new Map();
let fallback = "Waiting for a permission decision.";
let observer = null;
let serverChecksWrites = false;

/** Starts gating the document: observe new controls and guard interactions. Idempotent. */
export function start() {
  if (observer) return;
  observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1) applyTo(node);
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
  for (const type of ["click", "input", "change", "submit", "keydown"]) {
    document.addEventListener(type, guard, true);
  }
  applyTo(document);
}

/**
 * Replaces the current Decisions and re-gates the whole document at once.
 * @param {Map<string, object>} next action id -> Decision
 * @param {{ fallbackReason?: string }} [options] why controls without a Decision are off
 */
export function setDecisions(next, { fallbackReason } = {}) {
  decisions = next instanceof Map ? next : new Map();
  fallback = fallbackReason || "No permission decision is available for this action, so it stays off.";
  applyTo(document);
}

/**
 * With a permission server that checks every write again, interaction with a
 * governed write control (`data-write`) is no longer refused here: if
 * something enabled a control the page keeps off, the request goes out and
 * the server's refusal is what the page shows. Call only when a server answered.
 */
export function deferWritesToServer() {
  serverChecksWrites = true;
}

/** Whether a write control's interaction goes to the server even when the page would refuse it. */
export function writesGoToServer(el) {
  return serverChecksWrites && Boolean(el && el.closest && el.closest("[data-write]"));
}

/** The Decision currently applied for an action, if any. */
export function decisionFor(action) {
  return decisions.get(action);
}

/** True only for a Decision that says, for exactly this action, allowed. */
export function can(action) {
  const d = decisions.get(action);
  return Boolean(d && d.action === action && d.allowed === true);
}

/** The sentence shown for a denied action (the Decision's reason, or the fallback). */
export function reasonFor(action) {
  const d = decisions.get(action);
  if (!d) return fallback;
  return (d.reason && d.reason.message) || fallback;
}

/** Gates every governed control and region in `root` (an element or the document). */
export function applyTo(root) {
  for (const el of within(root, CONTROL)) gateControl(el);
  for (const el of within(root, REGION)) gateRegion(el);
}

function within(root, selector) {
  const found = root.querySelectorAll ? Array.from(root.querySelectorAll(selector)) : [];
  if (root.matches && root.matches(selector)) found.unshift(root);
  return found;
}

function gateControl(el) {
  const action = el.dataset.requires;
  const allowed = can(action);
  const d = decisions.get(action);
  const code = allowed ? "granted" : d ? d.reason.code : "no-decision";
  if ("disabled" in el) el.disabled = !allowed;
  else if (allowed) el.removeAttribute("aria-disabled");
  else el.setAttribute("aria-disabled", "true");
  el.dataset.gate = allowed ? "allowed" : "denied";
  el.dataset.gateReason = code;
  if (allowed) clearReason(el);
  else setReason(el, action);
  if (el.dataset.hideWhen !== undefined) {
    const hideFor = el.dataset.hideWhen.split(/\s+/).filter(Boolean);
    el.hidden = !allowed && (hideFor.length === 0 || hideFor.includes(code));
  }
}

function gateRegion(el) {
  const action = el.dataset.gateRegion;
  const allowed = can(action);
  el.hidden = !allowed;
  el.dataset.gate = allowed ? "allowed" : "denied";
  let notice = el.previousElementSibling;
  if (!(notice && notice.dataset.gateNoticeFor === action)) {
    notice = document.createElement("p");
    notice.className = "gate-notice";
    notice.dataset.gateNoticeFor = action;
    notice.setAttribute("role", "note");
    el.before(notice);
  }
  notice.hidden = allowed;
  notice.textContent = allowed ? "" : reasonFor(action);
}

function reasonElement(action) {
  let box = document.getElementById(REASONS_ID);
  if (!box) {
    box = document.createElement("div");
    box.id = REASONS_ID;
    box.hidden = true;
    document.body.append(box);
  }
  const id = `gate-reason-${action}`;
  let span = document.getElementById(id);
  if (!span) {
    span = document.createElement("span");
    span.id = id;
    box.append(span);
  }
  return span;
}

function setReason(el, action) {
  const message = reasonFor(action);
  const span = reasonElement(action);
  if (span.textContent !== message) span.textContent = message;
  if (!("gateTitle" in el.dataset)) el.dataset.gateTitle = el.getAttribute("title") || "";
  el.title = message;
  const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  if (!ids.includes(span.id)) el.setAttribute("aria-describedby", [...ids, span.id].join(" "));
}

function clearReason(el) {
  const id = `gate-reason-${el.dataset.requires}`;
  const ids = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== id);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
  if ("gateTitle" in el.dataset) {
    if (el.dataset.gateTitle) el.title = el.dataset.gateTitle;
    else el.removeAttribute("title");
    delete el.dataset.gateTitle;
  }
}

function guard(event) {
  let el = event.target && event.target.closest ? event.target.closest(CONTROL) : null;
  if (!el && event.type === "submit" && event.submitter) el = event.submitter.closest(CONTROL);
  if (!el) return;
  if (event.type === "keydown" && !["Enter", " "].includes(event.key)) return;
  if (writesGoToServer(el)) return;
  if (!can(el.dataset.requires)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}
