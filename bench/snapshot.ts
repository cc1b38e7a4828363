/**
 * Snapshot bench: building a StoreSnapshot from a 100,000-product bulk-operation JSONL file
 * (4 variants, 3 images, 1 collection each: 900,000 lines), against a bare read + JSON.parse of
 * the same lines. Each side runs in its own child process (clean peak RSS, same warm page
 * cache); the baseline runs before and after the build and the faster run counts.
 * Targets: build time ≤ 2.5 × baseline, peak RSS ≤ 512 MB.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { Bench } from "./bench";
import {
  COLLECTIONS_PER_PRODUCT,
  MEDIA_PER_PRODUCT,
  VARIANTS_PER_PRODUCT,
  writeBulkJsonl,
} from "./bulk-jsonl";
import type { ChildResult } from "./snapshot-child";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MAX_RATIO = 2.5;
const MAX_RSS_MB = 512;

const count = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

async function child(mode: "build" | "baseline", file: string): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bench/snapshot-child.ts"), mode, file],
    { cwd: ROOT, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout) as ChildResult;
}

export function snapshotBench(products: number): Bench {
  return {
    name: "snapshot",
    description: `snapshotFromJsonl on ${count.format(products)} products of bulk JSONL`,
    async run(log) {
      const dir = await mkdtemp(join(tmpdir(), "tovholder-bench-"));
      try {
        const file = join(dir, "products.jsonl");
        let started = performance.now();
        const lines = await writeBulkJsonl(file, products);
        const { size } = await stat(file);
        log(
          `generated ${count.format(products)} products, ${count.format(lines)} lines, ${(size / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
        started = performance.now();
        const first = await child("baseline", file);
        const build = await child("build", file);
        const second = await child("baseline", file);
        const base = first.ms <= second.ms ? first : second;
        const expected = {
          lines,
          products,
          variants: products * VARIANTS_PER_PRODUCT,
          media: products * MEDIA_PER_PRODUCT,
        };
        const got = {
          lines: base.lines,
          products: build.products,
          variants: build.variants,
          media: build.media,
        };
        if (JSON.stringify(got) !== JSON.stringify(expected))
          throw new Error(
            `the children read ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`,
          );

        const perSecond = (ms: number) => count.format(lines / (ms / 1000));
        log(
          `baseline read + JSON.parse: ${(base.ms / 1000).toFixed(2)} s, ${perSecond(base.ms)} lines/s, peak RSS ${base.maxRssMb.toFixed(0)} MB (best of ${(first.ms / 1000).toFixed(2)} s and ${(second.ms / 1000).toFixed(2)} s)`,
        );
        log(
          `snapshotFromJsonl: ${(build.ms / 1000).toFixed(2)} s, ${perSecond(build.ms)} lines/s, peak RSS ${build.maxRssMb.toFixed(0)} MB (${count.format(products)} products, ${count.format(expected.variants)} variants, ${count.format(expected.media)} media, ${COLLECTIONS_PER_PRODUCT} collection each)`,
        );
        const ratio = build.ms / base.ms;
        const rss = build.maxRssMb;
        const missed = [
          ratio > MAX_RATIO && `ratio ${ratio.toFixed(2)} > ${MAX_RATIO}`,
          rss > MAX_RSS_MB && `peak RSS ${rss.toFixed(0)} MB > ${MAX_RSS_MB} MB`,
        ].filter(Boolean);
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
