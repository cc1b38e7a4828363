/** `tovholder snapshot`: read a store and print what the snapshot holds; optionally store it. */
import { summariseSnapshot } from "~/snapshot/domain/summary";
import type { SnapshotGap, SnapshotSummary } from "~/snapshot/domain/types";
import { UsageError, defineCommand } from "../command";
import { SOURCE_HELP, SOURCE_OPTIONS, readSnapshot } from "../snapshot-source";
import { summaryTable } from "../summary-table";

const FORMATS = ["table", "json"] as const;
type Format = (typeof FORMATS)[number];
type Stored = { id: string; rawBytes: number; compressedBytes: number; sha256: string } | null;

export default defineCommand({
  name: "snapshot",
  summary: "Read a shop, a product CSV or a bulk JSONL file and count what the snapshot holds",
  help: `
Usage: tovholder snapshot (--shop DOMAIN | --csv FILE | --jsonl FILE) [--format table|json] [--save]

${SOURCE_HELP}
  --format FORMAT table (default) or json; json prints only JSON on stdout
  --save          store the snapshot in the database (DATABASE_URL), compressed
  -h, --help      show this help

Counts say "not collected" (null in JSON) for what the source cannot provide:
a CSV holds products only.

Examples:
  tovholder snapshot --csv products_export.csv
  tovholder snapshot --shop acme.myshopify.com --format json --save`,
  options: {
    ...SOURCE_OPTIONS,
    format: { type: "string", default: "table" },
    save: { type: "boolean", default: false },
  },
  async run(values, ctx) {
    const format = FORMATS.find((f) => f === values.format);
    if (format === undefined)
      throw new UsageError(`--format must be table or json (got "${values.format}")`);
    const snapshot = await readSnapshot(values, ctx);
    const summary = summariseSnapshot(snapshot);
    let stored: Stored = null;
    if (values.save) {
      const { saveSnapshot } = await import("~/snapshot/models/snapshots.server");
      const { id, rawBytes, compressedBytes, sha256 } = await saveSnapshot(
        snapshot.shop.domain,
        snapshot,
      );
      stored = { id, rawBytes, compressedBytes, sha256 };
    }
    print(format, { summary, gaps: snapshot.gaps ?? [], stored }, ctx.stdout);
  },
});

interface Report {
  summary: SnapshotSummary;
  /** What a live collection could not read, and why (always empty for files). */
  gaps: SnapshotGap[];
  stored: Stored;
}

function print(format: Format, { summary, gaps, stored }: Report, out: (text: string) => void) {
  if (format === "json") {
    out(`${JSON.stringify({ ...summary, gaps, stored }, null, 2)}\n`);
    return;
  }
  out(summaryTable(summary));
  for (const gap of gaps) out(`\nnot read in full: ${gap.section}: ${gap.message}`);
  if (gaps.length > 0) out("\n");
  if (stored)
    out(
      `\nstored as snapshot ${stored.id} (${size(stored.rawBytes)} of JSON, ${size(stored.compressedBytes)} compressed)\n`,
    );
}

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
