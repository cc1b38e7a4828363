/**
 * One measured side of the snapshot bench, in a process of its own so its peak RSS is its own:
 *   tsx bench/snapshot-child.ts build FILE      snapshotFromJsonl over the file's lines
 *   tsx bench/snapshot-child.ts baseline FILE   the same lines, each only JSON.parse'd
 * Both read lines the way `tovholder snapshot --jsonl` does. Prints one JSON object.
 */
import { fileLines } from "../app/cli/snapshot-source";
import { snapshotFromJsonl } from "../app/snapshot/domain/jsonl";
import { summariseSnapshot } from "../app/snapshot/domain/summary";

export interface ChildResult {
  ms: number;
  maxRssMb: number;
  lines?: number;
  products?: number;
  variants?: number;
  media?: number;
}

async function build(file: string): Promise<Omit<ChildResult, "ms" | "maxRssMb">> {
  const source = {
    kind: "jsonl",
    name: file,
    collectedAt: new Date().toISOString(),
    strategy: "bulk",
  } as const;
  const { products, variants, media } = summariseSnapshot(
    await snapshotFromJsonl(await fileLines(file), source),
  );
  return { products, variants, media };
}

async function baseline(file: string): Promise<Omit<ChildResult, "ms" | "maxRssMb">> {
  let lines = 0;
  for await (const line of await fileLines(file)) {
    if (line === "") continue;
    JSON.parse(line);
    lines++;
  }
  return { lines };
}

const [mode, file] = process.argv.slice(2);
if ((mode !== "build" && mode !== "baseline") || !file) {
  console.error("usage: tsx bench/snapshot-child.ts build|baseline FILE");
  process.exit(2);
}
const started = performance.now();
const counts = mode === "build" ? await build(file) : await baseline(file);
const result: ChildResult = {
  ms: performance.now() - started,
  // Linux reports maxRSS in kilobytes.
  maxRssMb: process.resourceUsage().maxRSS / 1024,
  ...counts,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
