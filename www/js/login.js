// Dev mode's login page: lists the demo users (GET /api/dev/users) and asks
// the server to mint a token for one (POST /api/dev/token), kept for this tab.

import * as api from "./api.js";
import { h, banner } from "./dom.js";

main();

async function main() {
  document.getElementById("sign-out").addEventListener("click", () => {
    api.signOut();
    banner("login-status", "info", "Signed out: the portal sends changes without a token, and the server refuses them.");
  });
  const server = await api.connect();
  if (!server.present || !server.devMode) {
    banner("login-status", "warn", server.present
      ? "This server verifies tokens from your identity provider: there is nothing to mint here."
      : "No exposure-gate server answers here (the pages are served statically), so there is no one to sign in with. Run `npm start`.");
    return;
  }
  banner("dev-mode", "warn", `Dev mode: tokens are minted locally.${server.me ? ` Signed in as ${server.me.who}.` : ""}`);
  const users = await (await fetch("/api/dev/users")).json();
  document.getElementById("users").replaceChildren(
    ...users.map((u) =>
      h(
        "li",
        {},
        h("button", { type: "button", "data-user": u.id, onclick: () => signIn(u.id) }, `Sign in as ${u.name}`),
        " ",
        h("span", { class: "muted" }, `${u.title} · ${u.roles.length ? u.roles.join(", ") : "no role"}`),
      ),
    ),
  );
}

async function signIn(user) {
  const response = await fetch("/api/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ user }),
  });
  const body = await response.json();
  if (!response.ok) {
    banner("login-status", "error", `Couldn't sign in: ${body.error ? body.error.message : response.status}`);
    return;
  }
  api.signIn(body.token);
  location.assign("/");
}
