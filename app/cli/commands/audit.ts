/**
 * `tovholder audit`: run the product-data QA rules over a shop, a product CSV export or a bulk
 * JSONL file, and print the findings per rule and the health score. Reads only: nothing is
 * stored (the app's scheduled and manual runs keep history and suppressions).
 */
import { computeHealthScore, explainCategoryScore, type HealthScore } from "~/product-qa";
import { DEFAULT_AUDIT_SETTINGS, type AuditSettings } from "~/product-qa";
import type { Finding, Severity, SkippedRule } from "~/findings/types";
import { exemptionCaveats } from "~/product-qa";
import type { SnapshotSource } from "~/snapshot/domain/types";
import { productQaAudit } from "~/product-qa";
import { UsageError, defineCommand } from "../command";
import { SOURCE_HELP, SOURCE_OPTIONS, readSnapshot } from "../snapshot-source";
import { severityCounts } from "~/findings/severity";
import { count } from "~/format";

const FORMATS = ["table", "json"] as const;

export default defineCommand({
  name: "audit",
  summary: "Run the product-data QA rules over a shop, a product CSV or a bulk JSONL file",
  help: `
Usage: tovholder audit (--shop DOMAIN | --csv FILE | --jsonl FILE) [--format table|json]

${SOURCE_HELP}
  --format FORMAT table (default): findings per rule and the health score, for a person;
                  json: only a JSON document on stdout, with every finding
  -h, --help      show this help

--shop uses the shop's rule settings (thresholds, disabled rules) from the app; files use the
defaults. Rules whose input the source does not hold (a CSV has no collections, and
lacks whatever columns were removed from it) are listed as skipped, never counted as problems.
Nothing is stored.

Examples:
  tovholder audit --csv products_export.csv
  tovholder audit --shop acme.myshopify.com --format json > findings.json`,
  options: {
    ...SOURCE_OPTIONS,
    format: { type: "string", default: "table" },
  },
  async run(values, ctx) {
    const format = FORMATS.find((f) => f === values.format);
    if (format === undefined)
      throw new UsageError(`--format must be table or json (got "${values.format}")`);
    const snapshot = await readSnapshot(values, ctx);
    const settings =
      values.shop === undefined ? DEFAULT_AUDIT_SETTINGS : await shopSettings(values.shop);
    const outcome = productQaAudit.run(snapshot, settings);
    const report = auditReport({
      source: snapshot.source,
      shop: snapshot.shop.domain,
      products: snapshot.products.length,
      findings: outcome.findings,
      skipped: outcome.skipped,
      notes: exemptionCaveats(snapshot),
      score: computeHealthScore({
        categories: productQaAudit.categories,
        coverage: outcome.coverage,
        findings: outcome.findings.map((finding) => ({ finding, suppression: null })),
      }),
    });
    ctx.stdout(format === "json" ? `${JSON.stringify(report, null, 2)}\n` : auditTable(report));
  },
});

async function shopSettings(shop: string): Promise<AuditSettings> {
  // Loaded only here: reading the settings needs the app's database.
  const { auditSettingsOf } = await import("~/product-qa/index.server");
  return auditSettingsOf(shop);
}

export interface AuditReportFinding {
  ruleId: string;
  severity: Severity;
  category: string;
  key: string;
  productHandle: string | null;
  productTitle: string | null;
  /** Findings about a variant: its SKU (null when it has none) and title. */
  variantSku?: string | null;
  variantTitle?: string;
  message: string;
  fixUrl: string | null;
}

export interface AuditReport {
  source: SnapshotSource;
  shop: string;
  products: number;
  /** Open findings, in all and per severity. */
  total: number;
  bySeverity: Record<Severity, number>;
  /** Every rule of the catalog, in catalog order, with its count (0 included; null = skipped). */
  rules: {
    ruleId: string;
    title: string;
    severity: Severity;
    category: string;
    count: number | null;
  }[];
  skipped: SkippedRule[];
  /** What the source could not say that the audit would have needed to exempt products. */
  notes: string[];
  score: {
    overall: number | null;
    categories: (HealthScore["categories"][number] & { explanation: string })[];
  };
  findings: AuditReportFinding[];
}

export function auditReport(input: {
  source: SnapshotSource;
  shop: string;
  products: number;
  findings: readonly Finding[];
  skipped: readonly SkippedRule[];
  notes?: readonly string[];
  score: HealthScore;
}): AuditReport {
  const counts = new Map<string, number>();
  const bySeverity: Record<Severity, number> = severityCounts();
  for (const f of input.findings) {
    counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    bySeverity[f.severity]++;
  }
  const skipped = new Set(input.skipped.map((s) => s.ruleId));
  return {
    source: input.source,
    shop: input.shop,
    products: input.products,
    total: input.findings.length,
    bySeverity,
    rules: productQaAudit.rules.map((r) => ({
      ruleId: r.id,
      title: r.title,
      severity: r.severity,
      category: r.category,
      count: skipped.has(r.id) ? null : (counts.get(r.id) ?? 0),
    })),
    skipped: [...input.skipped],
    notes: [...(input.notes ?? [])],
    score: {
      overall: input.score.overall,
      categories: input.score.categories.map((c) => ({
        ...c,
        explanation: explainCategoryScore(c),
      })),
    },
    findings: input.findings.map(reportFinding),
  };
}

function reportFinding(f: Finding): AuditReportFinding {
  const r = f.resource;
  const product = "productId" in r;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    category: f.category,
    key: f.key,
    productHandle: product ? r.productHandle : null,
    productTitle: product ? r.productTitle : null,
    ...(r.type === "variant" && { variantSku: r.variantSku, variantTitle: r.variantTitle }),
    message: f.message,
    fixUrl: f.fixUrl,
  };
}

const score = (n: number | null) => (n === null ? "not checked" : `${Math.round(n)}/100`);

export function auditTable(report: AuditReport): string {
  const { source } = report;
  const format = source.csvFormat ? ` (${source.csvFormat} format)` : "";
  const lines = [
    `shop          ${report.shop}`,
    `source        ${source.kind} ${source.name}${format}`,
    `products      ${count(report.products)}`,
    `findings      ${count(report.total)} (${count(report.bySeverity.critical)} critical, ${count(report.bySeverity.warning)} warning, ${count(report.bySeverity.info)} info)`,
    `health score  ${score(report.score.overall)}`,
    "",
  ];
  const idWidth = Math.max(...report.rules.map((r) => r.ruleId.length));
  const counts = report.rules.map((r) => (r.count === null ? "skipped" : count(r.count)));
  const countWidth = Math.max(...counts.map((c) => c.length), "findings".length);
  lines.push(
    `${"rule".padEnd(idWidth)}  ${"severity".padEnd(8)}  ${"findings".padStart(countWidth)}`,
  );
  report.rules.forEach((r, i) => {
    lines.push(
      `${r.ruleId.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${(counts[i] ?? "").padStart(countWidth)}`,
    );
  });
  lines.push(
    "",
    "Health score per category (100 = no open problem; how: tovholder audit --format json):",
  );
  const labelWidth = Math.max(...report.score.categories.map((c) => c.label.length));
  for (const c of report.score.categories)
    lines.push(
      `  ${c.label.padEnd(labelWidth)}  ${score(c.score).padStart(11)}  ${c.score === null ? "" : `${c.clean} of ${c.checked} ${c.unit}s clean`}`.trimEnd(),
    );
  if (report.skipped.length > 0) {
    lines.push("", "Skipped (the source does not hold what they check):");
    for (const s of report.skipped) lines.push(`  ${s.ruleId}: ${s.reason}`);
  }
  if (report.notes.length > 0) {
    lines.push("", "Not exempted (the source does not say):");
    for (const note of report.notes) lines.push(`  ${note}`);
  }
  lines.push("");
  return lines.join("\n");
}
