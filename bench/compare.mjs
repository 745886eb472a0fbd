// `npm run bench`: exposure-gate against CASL and Cedar on the same policy, in
// one Node process, then cold starts, the wasm fleet, sizes and the portal in
// Chromium. Prints a table with each figure's ratio to CASL, or with `--json`
// one JSON object. `--smoke` runs every measurement once (CI: it only shows
// that the benchmarks still run); `--no-browser` skips Chromium.
//
// Before anything is timed, the three engines must agree on every cell
// (BENCHMARKS.md says what each figure means).
import * as policy from "./policy.mjs";
import * as eg from "./peers/exposure-gate.mjs";
import * as casl from "./peers/casl.mjs";
import * as cedar from "./peers/cedar.mjs";
import { nsPerOp, msPerRun } from "./measure.mjs";
import { firstAnswer, wasmStart, WASM_START } from "./coldstart.mjs";
import { generatedFleet } from "./fleet.mjs";
import { sizes } from "./sizes.mjs";
import { OURS } from "./engines.mjs";

/** A figure's JSON key for the engine with key prefix `key` (`caslFirstAnswerMs`; ours bare). */
const keyed = (key, figure) => (key ? key + figure[0].toUpperCase() + figure.slice(1) : figure);

const args = new Set(process.argv.slice(2));
for (const a of args) if (!["--smoke", "--json", "--no-browser"].includes(a)) throw new Error(`unknown option ${a}; use --smoke, --json, --no-browser`);
const smoke = args.has("--smoke");
const log = args.has("--json") ? () => {} : (line) => process.stdout.write(`${line}\n`);

/** Every subject x action of the policy, scoped and not: the engines and the table itself must agree. */
function assertAgreement() {
  const disagreements = [];
  let cells = 0;
  for (const subject of policy.subjects) {
    const scoped = Array.isArray(subject.deviceGroups);
    const peers = { eg: eg.forSubject(subject), casl: casl.forSubject(subject), cedar: cedar.forSubject(subject) };
    const mask = peers.eg.me.allowedMask();
    for (const action of policy.actions) {
      const expected =
        subject.roles.some((r) => policy.grants.get(r).includes(action)) && !(scoped && policy.scopedActions.includes(action));
      const bit = eg.bitOf.get(action);
      const answers = {
        "exposure-gate can": peers.eg.can(action),
        "exposure-gate check": eg.gate.check(subject, action).allowed,
        "exposure-gate mask": ((mask[bit >>> 5] >>> (bit & 31)) & 1) === 1,
        casl: peers.casl.can(action),
        cedar: peers.cedar.can(action),
      };
      cells++;
      for (const [engine, answer] of Object.entries(answers)) {
        if (answer !== expected) disagreements.push(`${engine}: ${JSON.stringify(subject)} ${action} -> ${answer}, table says ${expected}`);
      }
    }
    peers.eg.me.free();
  }
  if (disagreements.length) throw new Error(`the engines disagree on ${disagreements.length} answers:\n${disagreements.slice(0, 10).join("\n")}`);
  return cells;
}

/** ns per `can`, asked for each of the 18 table actions in turn. */
function checkNs(peer) {
  const ask = peer.forSubject(policy.timedSubject).can;
  const actions = policy.tableActions;
  return nsPerOp(() => {
    let n = 0;
    for (let i = 0; i < actions.length; i++) if (ask(actions[i])) n++;
    return n;
  }, { ops: actions.length, smoke });
}

/** ns per page: the 18 table actions' answers for one subject, through `can`. */
function pageNs(peer) {
  const ask = peer.forSubject(policy.timedSubject).can;
  const actions = policy.tableActions;
  const allowed = new Array(actions.length);
  return nsPerOp(() => {
    for (let i = 0; i < actions.length; i++) allowed[i] = ask(actions[i]);
    return allowed.length;
  }, { smoke });
}

function measureAll() {
  const results = {};
  const cells = assertAgreement();
  log(`agreement: exposure-gate (can, check, mask), CASL and Cedar give the table's answer on all ${cells} cells`);

  results.checkNs = checkNs(eg);
  results.caslCheckNs = checkNs(casl);
  results.cedarCheckNs = checkNs(cedar);
  results.pageNs = pageNs(eg);
  results.caslPageNs = pageNs(casl);
  results.cedarPageNs = pageNs(cedar);

  // A portal that reads the mask once per render: one call into wasm, 18 bit tests in JS.
  const me = eg.gate.subject(policy.timedSubject);
  const bits = policy.tableActions.map((a) => eg.bitOf.get(a));
  const allowed = new Array(bits.length);
  results.pageMaskNs = nsPerOp(() => {
    const mask = me.allowedMask();
    for (let i = 0; i < bits.length; i++) allowed[i] = ((mask[bits[i] >>> 5] >>> (bits[i] & 31)) & 1) === 1;
    return allowed.length;
  }, { smoke });

  // One question with no prepared subject: what a server answers per request.
  const one = "manage-recommendations";
  results.checkOneShotNs = nsPerOp(() => (eg.gate.check(policy.timedSubject, one).allowed ? 1 : 0), { smoke });
  results.caslOneShotNs = nsPerOp(() => (casl.forSubject(policy.timedSubject).can(one) ? 1 : 0), { smoke });
  results.cedarOneShotNs = nsPerOp(() => (cedar.forSubject(policy.timedSubject).can(one) ? 1 : 0), { smoke });

  // Resolving a subject (a new user, or the switcher changed roles).
  results.resolveNs = nsPerOp(() => {
    const s = eg.gate.subject(policy.timedSubject);
    s.free();
    return 1;
  }, { smoke });
  results.caslResolveNs = nsPerOp(() => (casl.forSubject(policy.timedSubject).ability.rules.length), { smoke });

  const devices = generatedFleet(100_000);
  const report = eg.gate.fleet(devices);
  if (report.total !== devices.length || report.invalid.length !== 0 || report.ready + report.notReady !== report.total) {
    throw new Error(`fleet: unexpected report ${JSON.stringify({ total: report.total, ready: report.ready, invalid: report.invalid.length })}`);
  }
  results.fleetMs = msPerRun(() => eg.gate.fleet(devices).ready, { smoke, runs: 5 });
  results.fleetReady = report.ready;

  // Each engine's figures, named with its key in front (`caslFirstAnswerMs`; ours bare).
  const children = smoke ? 1 : 15;
  const size = sizes();
  const engines = [...OURS.map(({ key, name }) => [key, name]), ["casl", "@casl/ability"], ["cedar", "@cedar-policy/cedar-wasm"]];
  for (const [key, engine] of engines) {
    const name = (figure) => keyed(key, figure);
    const { wasm, js } = size[engine];
    if (wasm) {
      results[name("wasmBytes")] = wasm.bytes;
      results[name("wasmGzipBytes")] = wasm.gzipBytes;
    }
    results[name("jsBytes")] = js.bytes;
    results[name("jsGzipBytes")] = js.gzipBytes;
    if (WASM_START[engine]) {
      const { instantiateMs, buildMs, totalMs } = wasmStart(engine, { children });
      results[name("coldStartMs")] = totalMs;
      results[name("coldInstantiateMs")] = instantiateMs;
      results[name("coldBuildMs")] = buildMs;
    }
    const { loadMs, readyMs, totalMs } = firstAnswer(engine, { children });
    results[name("firstAnswerMs")] = totalMs;
    results[name("firstAnswerLoadMs")] = loadMs;
    results[name("firstAnswerReadyMs")] = readyMs;
  }
  return results;
}

const results = measureAll();
if (!args.has("--no-browser")) {
  const { portalMarks } = await import("./browser.mjs");
  results.browser = await portalMarks({ loads: smoke ? 1 : 9 });
}
results.cedarVersion = cedar.version;
results.smoke = smoke;

if (args.has("--json")) {
  process.stdout.write(`${JSON.stringify(results)}\n`);
} else {
  process.stdout.write(table(results));
}

/** The readable table: one row per figure, each engine's value and its ratio to CASL's. */
function table(r) {
  const ns = (v) => (v === undefined ? "" : v >= 1e4 ? `${(v / 1000).toFixed(1)} µs` : `${v.toFixed(v < 100 ? 1 : 0)} ns`);
  const ms = (v) => (v === undefined ? "" : `${v.toFixed(2)} ms`);
  const kb = (v) => (v === undefined ? "" : `${(v / 1024).toFixed(1)} KiB`);
  const ratio = (v, base) => (v === undefined || base === undefined ? "" : `${(v / base).toFixed(2)}x`);
  const others = OURS.slice(1); // the full package's figures are the main rows
  const rows = [
    ["one check, prepared subject", ns, r.checkNs, r.caslCheckNs, r.cedarCheckNs],
    ["page of 18 controls, can() x 18", ns, r.pageNs, r.caslPageNs, r.cedarPageNs],
    ["page of 18, allowedMask() + bits", ns, r.pageMaskNs, undefined, undefined],
    ["one-shot check (no prepared subject)", ns, r.checkOneShotNs, r.caslOneShotNs, r.cedarOneShotNs],
    ["resolve a subject", ns, r.resolveNs, r.caslResolveNs, undefined],
    ["cold start: instantiate the wasm, build", ms, r.coldStartMs, undefined, r.cedarColdStartMs],
    ["  of which: read, compile, instantiate", ms, r.coldInstantiateMs, undefined, r.cedarColdInstantiateMs],
    ["  of which: builtin() (Cedar: preparse)", ms, r.coldBuildMs, undefined, r.cedarColdBuildMs],
    ...others.map(({ key, label, name }) => [`  ${label} entry (${name})`, ms, r[keyed(key, "coldStartMs")], undefined, undefined]),
    ["first answer, fresh Node process", ms, r.firstAnswerMs, r.caslFirstAnswerMs, r.cedarFirstAnswerMs],
    ["  of which: load (require, wasm compile)", ms, r.firstAnswerLoadMs, r.caslFirstAnswerLoadMs, r.cedarFirstAnswerLoadMs],
    ["  of which: ready (builtin(), 1st answer)", ms, r.firstAnswerReadyMs, r.caslFirstAnswerReadyMs, r.cedarFirstAnswerReadyMs],
    ...others.map(({ key, label, name }) => [`  ${label} entry (${name})`, ms, r[keyed(key, "firstAnswerMs")], r.caslFirstAnswerMs, undefined]),
    ["fleet of 100,000 devices (wasm)", ms, r.fleetMs, undefined, undefined],
    [".wasm raw", kb, r.wasmBytes, undefined, r.cedarWasmBytes],
    [".wasm gzip", kb, r.wasmGzipBytes, undefined, r.cedarWasmGzipBytes],
    ["JS raw", kb, r.jsBytes, r.caslJsBytes, r.cedarJsBytes],
    ["JS gzip", kb, r.jsGzipBytes, r.caslJsGzipBytes, r.cedarJsGzipBytes],
    ...others.flatMap(({ key, label }) => [
      [`${label} .wasm raw`, kb, r[keyed(key, "wasmBytes")], undefined, undefined],
      [`${label} .wasm gzip`, kb, r[keyed(key, "wasmGzipBytes")], undefined, undefined],
      [`${label} JS raw`, kb, r[keyed(key, "jsBytes")], r.caslJsBytes, undefined],
      [`${label} JS gzip`, kb, r[keyed(key, "jsGzipBytes")], r.caslJsGzipBytes, undefined],
    ]),
  ];
  const header = ["figure", "exposure-gate", "CASL", `Cedar ${r.cedarVersion}`, "eg / CASL", "Cedar / CASL"];
  const body = rows.map(([label, unit, ours, c, ce]) => [label, unit(ours), unit(c), unit(ce), ratio(ours, c), ratio(ce, c)]);
  if (r.browser) for (const [name, v] of Object.entries(r.browser)) body.push([`Chromium portal: ${name}`, ms(v), "", "", "", ""]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |\n`;
  const rule = `|${widths.map((w, i) => (i ? ` ${"-".repeat(w - 1)}: ` : ` ${"-".repeat(w)} `)).join("|")}|\n`;
  return line(header) + rule + body.map(line).join("") + (r.smoke ? "\n(smoke run: one iteration each, not figures)\n" : "");
}
