// A small static server for the demo: www/ at /, the built package pkg/ at
// /pkg/. Listens on 127.0.0.1:$PORT (default 8080). No dependencies, so it
// runs on a fresh machine; tests import startServer() with port 0.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8", ".json": "application/json; charset=utf-8", ".wasm": "application/wasm",
  ".svg": "image/svg+xml", ".png": "image/png", ".csv": "text/csv; charset=utf-8", ".ts": "text/plain; charset=utf-8",
  ".ico": "image/x-icon",
};

/** The file a URL path maps to, or null when it would leave its folder. */
function fileFor(pathname) {
  const [base, rest] = pathname.startsWith("/pkg/") ? [join(root, "pkg"), pathname.slice(5)] : [join(root, "www"), pathname.slice(1)];
  const path = normalize(join(base, decodeURIComponent(rest) || "index.html"));
  return path === base || path.startsWith(base + sep) ? (path.endsWith(sep) ? join(path, "index.html") : path) : null;
}

export function startServer({ port = 0, host = "127.0.0.1" } = {}) {
  const server = createServer(async (req, res) => {
    const { pathname } = new URL(req.url, "http://localhost");
    const file = fileFor(pathname);
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { allow: "GET, HEAD" }).end();
      return;
    }
    try {
      if (!file) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      let body = await readFile(file).catch(async (e) => {
        if (e.code === "EISDIR") return readFile(join(file, "index.html"));
        throw e;
      });
      const type = TYPES[extname(file)] ?? "application/octet-stream";
      res.writeHead(200, { "content-type": type, "cache-control": "no-store", "x-content-type-options": "nosniff" });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      const status = e.code === "ENOENT" || e.code === "ENOTDIR" ? 404 : 500;
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" }).end(status === 404 ? "not found\n" : "error\n");
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT ?? 8080);
  const server = await startServer({ port });
  console.log(`exposure-gate demo: http://127.0.0.1:${server.address().port}/ (built-in policy; Ctrl-C stops)`);
}
