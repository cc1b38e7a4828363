/**
 * Snapshot bench, timed as the user runs it: a whole `tovholder snapshot --jsonl FILE --format
 * json` process (bin/tovholder.mjs under node: start-up, module loading, reading, building the
 * StoreSnapshot, printing) against a whole bare process that reads the same file with readline
 * and JSON.parse's every line (bench/bare-parse.mjs). Wall time from spawn to exit; peak RSS is
 * each process's own getrusage maxRSS (bench/peak-rss.mjs, preloaded).
 *
 * The file is generated with every field of the app's BulkProducts query (bench/bulk-jsonl.ts):
 * 4 variants, 3 images, 1 collection per product. At the full size the two run interleaved
 * three times each and the best of each counts (the machine is shared); the CLI also runs on a
 * quarter and half of the catalogue, so the output shows how memory grows with it.
 * Targets at 100,000 products: ratio ≤ 2.0, peak RSS ≤ 400 MB.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bench } from "./bench";
import {
  COLLECTIONS_PER_PRODUCT,
  MEDIA_PER_PRODUCT,
  VARIANTS_PER_PRODUCT,
  writeBulkJsonl,
} from "./bulk-jsonl";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const NODE = join(ROOT, "node_modules/.bin/node");
const MAX_RATIO = 2.0;
const MAX_RSS_MB = 400;
const ROUNDS = 3;

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

interface Run {
  ms: number;
  rssMb: number;
  stdout: string;
}

/** Runs `node --import peak-rss.mjs ARGS` to its end; wall time from spawn to exit. */
async function whole(args: string[], dir: string): Promise<Run> {
  const rssFile = join(dir, "rss.txt");
  await rm(rssFile, { force: true });
  const started = performance.now();
  const child = spawn(NODE, ["--import", join(ROOT, "bench/peak-rss.mjs"), ...args], {
    cwd: ROOT,
    env: { ...process.env, PEAK_RSS_FILE: rssFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${args.join(" ")} exited with ${code}: ${stderr.trim()}`);
  // Linux reports maxRSS in kilobytes.
  const rssMb = Number(await readFile(rssFile, "utf8")) / 1024;
  return { ms, rssMb, stdout };
}

const cli = (file: string, dir: string) =>
  whole([join(ROOT, "bin/tovholder.mjs"), "snapshot", "--jsonl", file, "--format", "json"], dir);
const bare = (file: string, dir: string) => whole([join(ROOT, "bench/bare-parse.mjs"), file], dir);

/** Checks that the CLI read the whole catalogue, and the bare parse every line. */
function check(products: number, lines: number, cliRun: Run, bareRun: Run | null): void {
  const summary = JSON.parse(cliRun.stdout) as Record<string, unknown>;
  const expected = {
    products,
    variants: products * VARIANTS_PER_PRODUCT,
    media: products * MEDIA_PER_PRODUCT,
  };
  const got = { products: summary.products, variants: summary.variants, media: summary.media };
  if (JSON.stringify(got) !== JSON.stringify(expected))
    throw new Error(
      `tovholder printed ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`,
    );
  if (bareRun && (JSON.parse(bareRun.stdout) as { lines: number }).lines !== lines)
    throw new Error(`the bare parse read ${bareRun.stdout.trim()}, expected ${lines} lines`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

async function generate(dir: string, products: number, log: (line: string) => void) {
  const file = join(dir, `products-${products}.jsonl`);
  const started = performance.now();
  const lines = await writeBulkJsonl(file, products);
  const { size } = await stat(file);
  log(
    `generated ${count.format(products)} products (${VARIANTS_PER_PRODUCT} variants, ${MEDIA_PER_PRODUCT} images, ${COLLECTIONS_PER_PRODUCT} collection each, every BulkProducts field): ${count.format(lines)} lines, ${(size / 1e6).toFixed(1)} MB in ${seconds(performance.now() - started)}`,
  );
  return { file, lines };
}

export function snapshotBench(products: number): Bench {
  return {
    name: "snapshot",
    description: `whole process \`tovholder snapshot --jsonl FILE --format json\` vs a whole bare readline + JSON.parse process, ${count.format(products)} products of bulk JSONL`,
    async run(log) {
      const dir = await mkdtemp(join(tmpdir(), "tovholder-bench-"));
      try {
        log(`load average at start: ${load()}`);
        // Memory against catalogue size: the CLI alone on a quarter and a half of the catalogue.
        const growth: { products: number; rssMb: number }[] = [];
        for (const part of [Math.round(products / 4), Math.round(products / 2)]) {
          if (part < 1) continue;
          const { file, lines } = await generate(dir, part, log);
          const run = await cli(file, dir);
          check(part, lines, run, null);
          growth.push({ products: part, rssMb: run.rssMb });
          log(
            `  tovholder snapshot: ${seconds(run.ms)}, peak RSS ${run.rssMb.toFixed(0)} MB at ${count.format(part)} products`,
          );
          await rm(file);
        }

        const { file, lines } = await generate(dir, products, log);
        const cliRuns: Run[] = [];
        const bareRuns: Run[] = [];
        for (let round = 0; round < ROUNDS; round++) {
          bareRuns.push(await bare(file, dir));
          cliRuns.push(await cli(file, dir));
        }
        const best = (runs: Run[]) => runs.reduce((a, b) => (b.ms < a.ms ? b : a));
        const c = best(cliRuns);
        const b = best(bareRuns);
        check(products, lines, c, b);
        const rss = Math.max(...cliRuns.map((r) => r.rssMb));
        const all = (runs: Run[]) => runs.map((r) => seconds(r.ms)).join(", ");
        log(
          `bare node readline + JSON.parse process: ${seconds(b.ms)} (best of ${all(bareRuns)}), peak RSS ${b.rssMb.toFixed(0)} MB`,
        );
        log(
          `tovholder snapshot --jsonl --format json process: ${seconds(c.ms)} (best of ${all(cliRuns)}), peak RSS ${rss.toFixed(0)} MB (highest of ${ROUNDS})`,
        );
        growth.push({ products, rssMb: rss });
        log(
          `peak RSS by catalogue: ${growth.map((g) => `${count.format(g.products)}: ${g.rssMb.toFixed(0)} MB`).join(", ")}`,
        );
        const ratio = c.ms / b.ms;
        const missed = [
          ratio > MAX_RATIO && `ratio ${ratio.toFixed(2)} > ${MAX_RATIO}`,
          rss > MAX_RSS_MB && `peak RSS ${rss.toFixed(0)} MB > ${MAX_RSS_MB} MB`,
        ].filter(Boolean);
        log(`load average at end: ${load()}`);
        log(
          `targets ratio <= ${MAX_RATIO}, peak RSS <= ${MAX_RSS_MB} MB: ${missed.length ? `MISSED (${missed.join(", ")})` : "met"}`,
        );
        log(`ratio=${ratio.toFixed(2)} rss_mb=${rss.toFixed(0)}`);
        return missed.length === 0;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
