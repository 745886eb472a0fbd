// Shared set-up for the browser tests: Debian's Chromium through
// playwright-core, the pages served on 127.0.0.1 (random port), the Node
// build of the package for expected answers, console-error capture and
// screenshots into the git-ignored screenshots/ folder.

import { createRequire } from "node:module";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { chromium } from "playwright-core";
import { startServer, ROOT } from "./server.mjs";

const require = createRequire(import.meta.url);

/** The package exactly as a Node user loads it, by its name. */
export const { Gate } = require("exposure-gate");

export const ROLES = ["global-admin", "global-reader", "security-admin", "security-operator", "security-reader"];

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
];

/**
 * Switches WebAssembly off: Chromium ignores --js-flags=--noexpose_wasm, while
 * without the JIT V8 does not expose WebAssembly at all (see nowasm.test.mjs).
 */
export const NO_WASM_FLAG = "--js-flags=--jitless";

/** Launches headless Chromium (extra args e.g. to switch WebAssembly off). */
export function launch(extraArgs = []) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS, ...extraArgs],
  });
}

export { startServer };

/**
 * A new page that records console errors and uncaught exceptions in `page.errors`.
 * `allow` lists regular expressions of console errors that the test expects.
 */
export async function newPage(browser, { width = 1280, height = 900, allow = [] } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  page.errors = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const text = `${message.text()} ${message.location()?.url || ""}`;
    if (!allow.some((re) => re.test(text))) page.errors.push(text);
  });
  page.on("pageerror", (error) => page.errors.push(`uncaught: ${error.message}`));
  return page;
}

/** Opens `url` and waits until the page has applied its Decisions (or failed closed). */
export async function openGated(page, url) {
  await page.goto(url);
  await page.waitForSelector("html[data-gate-state]", { timeout: 15000 });
  return page.evaluate(() => document.documentElement.dataset.gateState);
}

/** Every governed control on the page, as the test sees it. */
export function governedControls(page) {
  return page.$$eval("[data-requires]", (els) =>
    els.map((el) => {
      const described = (el.getAttribute("aria-describedby") || "")
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent || "")
        .join(" ");
      return {
        action: el.dataset.requires,
        label: (el.getAttribute("aria-label") || el.textContent || el.id || el.tagName).trim(),
        enabled: !el.matches(":disabled") && el.getAttribute("aria-disabled") !== "true",
        title: el.getAttribute("title"),
        described,
        hidden: el.hidden,
        visible: el.checkVisibility(),
      };
    }),
  );
}

/** Saves a full-page screenshot to screenshots/<name>-<width>.png. */
export async function screenshot(page, name) {
  const dir = path.join(ROOT, "screenshots");
  await mkdir(dir, { recursive: true });
  const { width } = page.viewportSize();
  await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
}

/** The width of the page's content, to catch horizontal overflow at a given viewport. */
export function scrollWidth(page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
