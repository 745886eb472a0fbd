// In Chromium: the demo portal's own performance marks (www/README.md), read
// by playwright-core from headless Debian Chromium, the pages served on
// 127.0.0.1 by scripts/serve.mjs. Each load is a fresh browser context
// (nothing cached); the figures are medians over the loads.
import { launch } from "../tests/e2e/helpers.mjs";
import { startServer } from "../scripts/serve.mjs";
import { median } from "./measure.mjs";

/** The measures read from the page, in milliseconds; "render-and-gate" is eg:data-ready to eg:gated. */
export const MEASURES = ["eg:gate-load", "eg:cold-start", "render-and-gate", "eg:navigation-to-gated", "eg:navigation-to-first-paint-gated"];

/** In the page: each measure's duration, and the time between two of its marks. */
function readMeasures(names) {
  const at = (name) => performance.getEntriesByName(name)[0];
  return Object.fromEntries(
    names.map((n) => [n, n === "render-and-gate" ? at("eg:gated").startTime - at("eg:data-ready").startTime : at(n).duration]),
  );
}

/** Median of each measure over `loads` loads of the portal as a scoped Security Operator. */
export async function portalMarks({ loads }) {
  const server = await startServer({ port: 0 });
  const browser = await launch();
  try {
    const url = `http://127.0.0.1:${server.address().port}/?as=security-operator&groups=Finance`;
    const runs = [];
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(
        (name) => performance.getEntriesByName(name).length > 0,
        MEASURES.at(-1),
        { timeout: 15000 },
      );
      const state = await page.evaluate(() => document.documentElement.dataset.gateState);
      if (state !== "ready") throw new Error(`the portal did not gate (state ${state})`);
      runs.push(await page.evaluate(readMeasures, MEASURES));
      await context.close();
    }
    return Object.fromEntries(MEASURES.map((m) => [m, median(runs.map((r) => r[m]))]));
  } finally {
    await browser.close();
    server.close();
  }
}
