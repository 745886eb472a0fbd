// Small DOM helpers shared by the pages: element builder, data loading,
// announcements and downloads.

/**
 * h("button", { class: "x", onclick: fn, "data-requires": "share-metric" }, "Share")
 * Attributes: `on*` functions become listeners, `true` an empty attribute,
 * `false`/`null`/`undefined` are skipped. Children: nodes, strings, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith("on") && typeof value === "function") el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else if (key === "text") el.textContent = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

/** Replaces an element's children; skips null, undefined and false like h(). */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/** A message as nodes, with `backticked` values (the engine's way of quoting input) as <code>. */
export function rich(message) {
  return String(message ?? "")
    .split(/(`[^`]*`)/)
    .filter(Boolean)
    .map((part) => (part.startsWith("`") && part.endsWith("`") && part.length > 1 ? h("code", {}, part.slice(1, -1)) : part));
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/** Fetches a JSON file from www/data/. */
export async function fetchJson(name) {
  const response = await fetch(`/data/${name}`);
  if (!response.ok) throw new Error(`couldn't load /data/${name} (HTTP ${response.status})`);
  return response.json();
}

/** Announces a short message in the page's live region. */
export function announce(message) {
  let box = document.getElementById("toast");
  if (!box) {
    box = h("div", { id: "toast", role: "status", "aria-live": "polite" });
    document.body.append(box);
  }
  box.textContent = message;
  box.classList.add("show");
  clearTimeout(announce.timer);
  announce.timer = setTimeout(() => box.classList.remove("show"), 4000);
}

/** Offers `text` as a file download. */
export function download(filename, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Shows `message` in the page's banner area (kind: "warn" | "error" | "info"); null clears it. */
export function banner(id, kind, message) {
  let el = document.getElementById(id);
  if (!message) {
    if (el) el.hidden = true;
    return;
  }
  if (!el) {
    el = h("div", { id, role: kind === "info" ? "status" : "alert" });
    document.getElementById("banners").append(el);
  }
  el.className = `banner banner-${kind}`;
  el.textContent = message;
  el.hidden = false;
}

/** Quotes a CSV field when it needs it. */
export function csvField(value) {
  const s = String(value ?? "");
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Escapes a Markdown table cell. */
export function mdCell(value) {
  return String(value ?? "").replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * Marks a data table so that narrow screens show each row as a labelled block:
 * every cell gets its column's header as `data-label`, and explicit table roles
 * keep the table's semantics when CSS changes its display.
 */
export function stackable(table) {
  const heads = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  table.classList.add("stack");
  table.setAttribute("role", "table");
  for (const group of table.querySelectorAll("thead, tbody")) group.setAttribute("role", "rowgroup");
  for (const th of table.querySelectorAll("thead th")) th.setAttribute("role", "columnheader");
  for (const tr of table.querySelectorAll("tr")) tr.setAttribute("role", "row");
  for (const tr of table.querySelectorAll("tbody tr")) {
    [...tr.children].forEach((cell, i) => {
      cell.setAttribute("role", cell.tagName === "TH" ? "rowheader" : "cell");
      if (heads[i] && i > 0) cell.dataset.label = heads[i];
    });
  }
  return table;
}
