/**
 * `npm run bench [-- NAME… ] [--products N]`: runs the benches (all, or those named), each
 * printing its figures and ratio; exits 1 when a bench misses a target, 2 on wrong arguments,
 * 3 when a bench could not run (an error, not a missed target).
 *
 * Several benches run one after another, each in a process of its own: the app's modules keep
 * their database client and environment per process, and one bench must not inherit another's.
 * Each uses a new database of the kind DATABASE_URL names (bench/database.ts): SQLite on a fresh
 * checkout, PostgreSQL when DATABASE_URL points there.
 * `--products` sizes the catalogue (default 100,000, the size the targets are set for).
 * A new bench is a module exporting a `Bench` and one entry in `benches()`.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { auditBench } from "./audit";
import type { Bench } from "./bench";
import { jobsBench } from "./jobs";
import { pagesBench } from "./pages";
import { pixelIngestBench } from "./pixel-ingest";
import { productQaBench } from "./product-qa";
import { productsPageBench } from "./products-page";
import { reportBench } from "./report";
import { snapshotBench } from "./snapshot";

// Outside demo mode the app needs its own key (docs/security.md); a bench's data is throwaway,
// and the processes a bench starts inherit it.
process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("hex");

function benches(products: number): Bench[] {
  return [
    snapshotBench(products),
    productQaBench(products),
    productsPageBench(products),
    pixelIngestBench(),
    jobsBench(),
    reportBench(products),
    auditBench(),
    pagesBench(),
  ];
}

function usage(message: string): never {
  console.error(`bench: ${message}\nusage: npm run bench -- [NAME…] [--products N]`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    options: { products: { type: "string", default: "100000" } },
    allowPositionals: true,
    strict: true,
  });
} catch (error) {
  usage((error as Error).message);
}
const products = Number(parsed.values.products);
if (!Number.isInteger(products) || products < 1) usage("--products must be a whole number above 0");

const all = benches(products);
const unknown = parsed.positionals.filter((name) => !all.some((b) => b.name === name));
if (unknown.length > 0)
  usage(`no bench named ${unknown.join(", ")} (there are: ${all.map((b) => b.name).join(", ")})`);
const selected = parsed.positionals.length
  ? all.filter((b) => parsed.positionals.includes(b.name))
  : all;

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

/** One bench in this process: 0 met, 1 missed, 3 could not run. */
async function runHere(bench: Bench): Promise<number> {
  console.log(`== ${bench.name}: ${bench.description}`);
  try {
    return (await bench.run((line) => console.log(line))) ? 0 : 1;
  } catch (error) {
    console.log(`${bench.name}: COULD NOT RUN: ${(error as Error)?.stack ?? String(error)}`);
    return 3;
  }
}

/** One bench in a process of its own (output passed through); its exit code. */
function runApart(bench: Bench): Promise<number> {
  const child = spawn(
    fileURLToPath(new URL("../node_modules/.bin/tsx", import.meta.url)),
    [fileURLToPath(import.meta.url), bench.name, "--products", String(products)],
    { stdio: "inherit" },
  );
  return new Promise((resolve) => child.on("close", (code) => resolve(code ?? 3)));
}

if (selected.length === 1) {
  process.exitCode = await runHere(selected[0] as Bench);
} else {
  const results: { name: string; code: number; seconds: number }[] = [];
  for (const bench of selected) {
    const started = performance.now();
    const code = await runApart(bench);
    results.push({ name: bench.name, code, seconds: (performance.now() - started) / 1000 });
  }
  const word = (code: number) =>
    code === 0 ? "met" : code === 1 ? "MISSED" : `COULD NOT RUN (exit ${code})`;
  console.log(`== summary (load average now ${load()})`);
  for (const r of results)
    console.log(`${r.name.padEnd(14)} ${word(r.code).padEnd(24)} ${r.seconds.toFixed(0)} s`);
  process.exitCode = results.some((r) => r.code !== 0 && r.code !== 1)
    ? 3
    : results.some((r) => r.code === 1)
      ? 1
      : 0;
}
