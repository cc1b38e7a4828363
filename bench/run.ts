/**
 * `npm run bench [-- NAME… ] [--products N]`: runs the benches (all, or those named), each
 * printing its figures; exits 1 when a bench misses a target, 2 on wrong arguments.
 * `--products` sizes the catalogue (default 100,000, the size the targets are set for).
 * A new bench is a module exporting a `Bench` and one entry in `benches()`.
 */
import { randomBytes } from "node:crypto";
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

let failed = false;
for (const bench of selected) {
  console.log(`== ${bench.name}: ${bench.description}`);
  const met = await bench.run((line) => console.log(line));
  failed ||= !met;
}
process.exitCode = failed ? 1 : 0;
