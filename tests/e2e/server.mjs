// A static server for the browser tests: www/ at /, pkg/ at /pkg/, on
// 127.0.0.1 and a free port the OS picks. With `check` it also answers
// POST /api/check as CONTRACT.md describes (what-if questions with a subject
// in the body), computed by the Node build of the package: the stand-in for
// the Rust server when a test needs a browser without WebAssembly to reach one.

import http from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".png": "image/png",
};

/**
 * @param {{ check?: (body: object) => object }} [options] `check` answers /api/check bodies
 * @returns {Promise<{ url: string, close: () => Promise<void>, requests: string[] }>}
 */
export async function startServer({ check } = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    requests.push(`${req.method} ${url.pathname}`);
    try {
      if (url.pathname === "/api/check" && check) return await answerCheck(req, res, check);
      if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed");
      const file = await resolve(url.pathname);
      if (!file) return send(res, 404, "text/plain", "not found");
      const body = await readFile(file);
      send(res, 200, TYPES[path.extname(file)] || "application/octet-stream", body);
    } catch (error) {
      send(res, 500, "text/plain", String(error));
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

async function resolve(pathname) {
  const decoded = decodeURIComponent(pathname);
  const [base, rest] = decoded.startsWith("/pkg/") ? ["pkg", decoded.slice(5)] : ["www", decoded.slice(1)];
  const dir = path.join(ROOT, base);
  let file = path.join(dir, rest);
  if (!file.startsWith(dir)) return null;
  try {
    const info = await stat(file);
    if (info.isDirectory()) file = path.join(file, "index.html");
    await stat(file);
    return file;
  } catch {
    return null;
  }
}

function send(res, status, type, body) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

async function answerCheck(req, res, check) {
  if (req.method !== "POST") return send(res, 405, "text/plain", "method not allowed");
  let raw = "";
  for await (const chunk of req) raw += chunk;
  let body;
  try {
    body = JSON.parse(raw);
  } catch (error) {
    return json(res, 400, { error: { code: "invalid-request", message: `the body isn't JSON: ${error.message}` } });
  }
  try {
    return json(res, 200, check(body));
  } catch (error) {
    return json(res, 400, { error: { code: error.code || "invalid-request", message: error.message } });
  }
}

function json(res, status, value) {
  send(res, status, "application/json", JSON.stringify(value));
}
