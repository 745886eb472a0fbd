// The permission server, when the page is served by `exposure-gate serve`:
// whether one is there (and in dev mode), who is signed in, the tenant's
// current state, and writes. The page still gates instantly with
// WebAssembly; the server checks every write again, and its refusal (a 403
// whose body is the Decision) is what the page shows.

const TOKEN = "exposure-gate.token";
const NONE = { present: false, devMode: false, me: null, token: null };

/**
 * Asks /api/session (when responses carry `x-exposure-gate-api`) whether a server is there, and /api/me who the stored token belongs to.
 * @returns {Promise<{ present: boolean, devMode: boolean, notice?: string, login?: string,
 *                     me: null | { who: string, subject: object }, token: string | null }>}
 */
export async function connect() {
  try {
    // The server marks every response; a static server has no API to ask (and no 404 to log).
    const probe = await fetch("/data/tenant.json", { method: "HEAD" });
    if (!probe.headers.get("x-exposure-gate-api")) return NONE;
    const response = await fetch("/api/session", { headers: { accept: "application/json" } });
    if (!response.ok || !(response.headers.get("content-type") || "").includes("application/json")) return NONE;
    const session = await response.json();
    if (!session || session.server !== "exposure-gate") return NONE;
    let token = sessionStorage.getItem(TOKEN);
    let me = null;
    if (token) {
      const who = await fetch("/api/me", { headers: { authorization: `Bearer ${token}`, accept: "application/json" } });
      if (who.ok) me = await who.json();
      else {
        sessionStorage.removeItem(TOKEN);
        token = null;
      }
    }
    return { present: true, devMode: Boolean(session.devMode), notice: session.notice, login: session.login, me, token };
  } catch {
    return NONE;
  }
}

/** Keeps a token for this tab (dev mode's login page). */
export function signIn(token) {
  sessionStorage.setItem(TOKEN, token);
}

/** Forgets the token. */
export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

/** The tenant's current state from the server, in the shapes of www/data/*.json. */
export async function readState() {
  const get = async (path) => {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`couldn't load ${path} (HTTP ${response.status})`);
    return response.json();
  };
  const [users, initiatives, criticality, devices] = await Promise.all(
    ["/api/users", "/api/initiatives", "/api/criticality", "/api/devices"].map(get),
  );
  return { users, initiatives, criticality, devices };
}

/**
 * Sends a write as the signed-in user. Never throws.
 * @returns {Promise<{ ok: boolean, status: number, record?: object, decision?: object, message?: string }>}
 */
export async function send(server, { method, path, body }) {
  const headers = { "content-type": "application/json", accept: "application/json" };
  if (server.token) headers.authorization = `Bearer ${server.token}`;
  try {
    const response = await fetch(path, { method, headers, body: JSON.stringify(body) });
    const json = await response.json().catch(() => null);
    if (response.ok) return { ok: true, status: response.status, record: json };
    if (response.status === 403 && json && json.reason) {
      return { ok: false, status: 403, decision: json, message: `The server refused this change: ${json.reason.message}` };
    }
    if (response.status === 401) {
      const how = server.devMode ? " (dev mode: sign in on the login page)" : "";
      return { ok: false, status: 401, message: `The server needs you to sign in before making changes${how}.` };
    }
    const why = (json && json.error && json.error.message) || `HTTP ${response.status}`;
    return { ok: false, status: response.status, message: `The server refused this change: ${why}` };
  } catch (error) {
    return { ok: false, status: 0, message: `The server didn't answer: ${error.message}` };
  }
}
