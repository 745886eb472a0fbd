// The subject a page is shown for: read from and written to the URL
// (?as=security-reader,<template id>&groups=Finance,HR&tvm=view-tvm), and the
// switcher (role chips, device-group scope) that changes it.

import { h } from "./dom.js";

// Display names and template IDs for the switcher when the package isn't
// loaded (no WebAssembly). Decisions never come from this list.
export const FALLBACK_ROLES = [
  { id: "global-admin", name: "Global Admin", templateIds: ["62e90394-69f5-4237-9190-012177145e10"] },
  { id: "global-reader", name: "Global Reader", templateIds: ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"] },
  { id: "security-admin", name: "Security Admin", templateIds: ["194ae4cb-b126-40b2-bd5b-6091b380977d"] },
  { id: "security-operator", name: "Security Operator", templateIds: ["5f2222b1-57c3-48ba-8ad5-d4759f1fde6f"] },
  { id: "security-reader", name: "Security Reader", templateIds: ["5d6b6bb7-de71-4623-b4af-96380a352509"] },
];

const list = (value) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The subject in a query string, or null when it names none (no `as`). */
export function subjectFromQuery(search) {
  const params = new URLSearchParams(search);
  if (!params.has("as")) return null;
  const subject = { roles: list(params.get("as")) };
  const groups = params.get("groups");
  subject.deviceGroups = groups === null || groups.trim().toLowerCase() === "all" ? "all" : list(groups);
  if (params.has("tvm")) subject.tvmPermissions = list(params.get("tvm"));
  return subject;
}

/** The query string that shows a page as `subject`. */
export function subjectToQuery(subject) {
  const parts = [`as=${subject.roles.map(encodeURIComponent).join(",")}`];
  if (Array.isArray(subject.deviceGroups)) parts.push(`groups=${subject.deviceGroups.map(encodeURIComponent).join(",")}`);
  if (subject.tvmPermissions && subject.tvmPermissions.length) {
    parts.push(`tvm=${subject.tvmPermissions.map(encodeURIComponent).join(",")}`);
  }
  return `?${parts.join("&")}`;
}

/** Maps a role id or template ID (any case) to the role's id, or null when no role matches. */
export function roleIdOf(token, roles) {
  const t = token.toLowerCase();
  const role = roles.find((r) => r.id === t || (r.templateIds || []).some((g) => g.toLowerCase() === t));
  return role ? role.id : null;
}

/** A short human description: "Security Reader · Finance, HR". */
export function describeSubject(subject, roles) {
  const names = subject.roles.map((token) => {
    const id = roleIdOf(token, roles);
    const role = roles.find((r) => r.id === id);
    return role ? role.name : `unknown role "${token}"`;
  });
  const scope = subject.deviceGroups === "all" ? "all device groups" : `device groups: ${subject.deviceGroups.join(", ") || "none"}`;
  return `${names.length ? names.join(" + ") : "no role"} · ${scope}`;
}

/**
 * Renders the subject switcher into `container`. Every change calls
 * `onChange(subject)` at once; the caller re-gates and updates the URL.
 */
export function mountSwitcher(container, { roles, groups, users, subject, onChange }) {
  let current = { ...subject, roles: [...subject.roles] };
  const chips = h("div", { class: "chips", role: "group", "aria-label": "Roles" });
  const scopeAll = h("input", { type: "radio", name: "scope", value: "all", id: "scope-all" });
  const scopeSome = h("input", { type: "radio", name: "scope", value: "some", id: "scope-some" });
  const groupBoxes = groups.map((g) =>
    h("input", { type: "checkbox", value: g.name, id: `group-${g.name}`, class: "group-box" }),
  );
  const userSelect = h(
    "select",
    { id: "demo-user", "aria-label": "Demo user" },
    h("option", { value: "" }, "Pick a demo user…"),
    users.map((u) => h("option", { value: u.id }, `${u.name} (${u.title})`)),
  );

  function emit() {
    render();
    onChange({ ...current, roles: [...current.roles] });
  }

  function render() {
    const pressed = new Set(current.roles.map((t) => roleIdOf(t, roles) || t));
    const unknown = current.roles.filter((t) => !roleIdOf(t, roles));
    chips.replaceChildren(
      ...roles.map((r) =>
        h(
          "button",
          {
            type: "button",
            class: "chip",
            "data-role": r.id,
            "aria-pressed": String(pressed.has(r.id)),
            onclick: () => {
              const has = current.roles.some((t) => roleIdOf(t, roles) === r.id);
              current.roles = has ? current.roles.filter((t) => roleIdOf(t, roles) !== r.id) : [...current.roles, r.id];
              emit();
            },
          },
          r.name,
        ),
      ),
      ...unknown.map((token) =>
        h(
          "button",
          {
            type: "button",
            class: "chip chip-bad",
            "aria-pressed": "true",
            title: "Not a known role: select to remove it",
            onclick: () => {
              current.roles = current.roles.filter((t) => t !== token);
              emit();
            },
          },
          `${token} ✕`,
        ),
      ),
    );
    const all = current.deviceGroups === "all";
    scopeAll.checked = all;
    scopeSome.checked = !all;
    for (const box of groupBoxes) {
      box.disabled = all;
      box.checked = !all && current.deviceGroups.includes(box.value);
    }
  }

  scopeAll.addEventListener("change", () => {
    current.deviceGroups = "all";
    emit();
  });
  scopeSome.addEventListener("change", () => {
    current.deviceGroups = groups.length ? [groups[0].name] : [];
    emit();
  });
  for (const box of groupBoxes) {
    box.addEventListener("change", () => {
      current.deviceGroups = groupBoxes.filter((b) => b.checked).map((b) => b.value);
      emit();
    });
  }
  userSelect.addEventListener("change", () => {
    const user = users.find((u) => u.id === userSelect.value);
    if (!user) return;
    current = { roles: [...user.roles], deviceGroups: user.deviceGroups };
    if (user.tvmPermissions) current.tvmPermissions = [...user.tvmPermissions];
    emit();
  });

  container.replaceChildren(
    h("fieldset", { class: "switch-roles" }, h("legend", {}, "View as roles"), chips),
    h(
      "fieldset",
      { class: "switch-scope" },
      h("legend", {}, "Device-group scope"),
      h("div", { class: "scope-row" },
        h("label", { for: "scope-all" }, scopeAll, " All groups"),
        h("label", { for: "scope-some" }, scopeSome, " Only:"),
        groupBoxes.map((box) => h("label", { class: "group-label", for: box.id }, box, ` ${box.value}`)),
      ),
    ),
    h("div", { class: "switch-user" }, h("label", { for: "demo-user", class: "visually-hidden" }, "Demo user"), userSelect),
  );
  render();
  return {
    set(next) {
      current = { ...next, roles: [...next.roles] };
      render();
    },
  };
}
