/** A snapshot summary as the readable table the CLI prints by default. */
import type { SnapshotSummary } from "~/snapshot/domain/types";
import { count as formatCount } from "~/format";

type CountKey = Exclude<keyof SnapshotSummary, "source" | "shop">;

const ROWS: [CountKey, string][] = [
  ["products", "products"],
  ["variants", "variants"],
  ["media", "media"],
  ["collections", "collections"],
  ["locations", "locations"],
  ["inventoryLevels", "inventory levels"],
  ["markets", "markets"],
  ["deliveryProfiles", "delivery profiles"],
  ["policies", "policies"],
  ["discounts", "discounts"],
  ["themeFiles", "theme files"],
  ["orderMonths", "order months"],
];

function describeSource({ source }: SnapshotSummary): string {
  const format = source.csvFormat ? ` (${source.csvFormat} format)` : "";
  const strategy = source.kind === "shop" && source.strategy ? ` (${source.strategy} read)` : "";
  return `${source.kind} ${source.name}${format}${strategy}`;
}

export function summaryTable(summary: SnapshotSummary): string {
  const labelWidth = Math.max(...ROWS.map(([, label]) => label.length));
  const counts = ROWS.map(([key]) => {
    const count = summary[key];
    return count === null ? "not collected" : formatCount(count);
  });
  const countWidth = Math.max(...counts.filter((c) => /\d/.test(c)).map((c) => c.length));
  // A CSV says per column what it holds: name the columns the audit will miss.
  const missing = Object.values(summary.source.notCollected ?? {});
  return [
    `shop       ${summary.shop}`,
    `source     ${describeSource(summary)}`,
    ...(missing.length > 0 ? [`lacks      ${[...new Set(missing)].join("; ")}`] : []),
    `collected  ${summary.source.collectedAt}`,
    "",
    ...ROWS.map(([, label], i) => {
      const count = counts[i] ?? "";
      const cell = /\d/.test(count) ? count.padStart(countWidth) : count;
      return `${label.padEnd(labelWidth)}  ${cell}`;
    }),
    "",
  ].join("\n");
}
