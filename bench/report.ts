/**
 * Report bench: building a month's report (app/report/domain/build.ts) for a shop of N products
 * (default 100,000) with a month of weekly runs — five run summaries, the last run's ~2.5 findings
 * per product to rank, suppressions, order KPIs, checkout and performance runs — then storing it
 * (JSON + Brotli, as reports.server.ts does) and rendering it to HTML.
 * Target: build + store + HTML < 5 s. Then the same report as an A4 PDF with a logo and colours
 * (app/report/server/pdf.server.tsx). Target: PDF < 10 s. Reading runs and snapshots from the
 * database is not included (see docs/decisions/011-monthly-report.md).
 */
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";
import { buildReport, type ReportInput, type ReportRunInput } from "~/report/domain/build";
import type { Finding } from "~/findings/types";
import { renderReportHtml } from "~/report/server/html.server";
import { renderReportPdf } from "~/report/server/pdf.server";
import type { Bench } from "./bench";

const TARGET_MS = 5000;
const PDF_TARGET_MS = 10_000;
/** A 1×1 PNG: the logo path is exercised (decoding, embedding). */
const LOGO =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const RULES = [
  ["product.missing-image", "critical"],
  ["variant.missing-barcode", "info"],
  ["variant.missing-sku", "warning"],
  ["seo.missing-description", "warning"],
] as const;

function input(products: number): ReportInput {
  const findings: (Finding & { suppressed: boolean })[] = [];
  for (let p = 0; p < products; p++) {
    const productId = `gid://shopify/Product/${p + 1}`;
    const n = p % 4 === 0 ? 4 : p % 2 === 0 ? 2 : 1;
    for (let r = 0; r < n; r++) {
      const [ruleId, severity] = RULES[r]!;
      findings.push({
        key: `${ruleId}:${productId}`,
        ruleId,
        severity,
        category: "bench",
        resource: {
          type: "product",
          id: productId,
          productId,
          productHandle: `product-${p}`,
          productTitle: `Product ${p} <b>&</b>`,
        },
        message: `Problem ${ruleId} on product ${p}`,
        details: {},
        fixUrl: `https://admin.shopify.com/store/bench/products/${p + 1}`,
        suppressed: p % 97 === 0,
      });
    }
  }
  const run = (day: number): ReportRunInput => ({
    id: `run-${day}`,
    startedAt: `2026-10-${String(day).padStart(2, "0")}T05:00:00Z`,
    score: 60 + day / 2,
    productsChecked: products,
    gaps: [],
    counts: {
      open: findings.length,
      openBySeverity: { critical: products / 4, warning: products / 2, info: products / 2 },
      suppressed: Math.ceil(products / 97),
      new: 100,
      persisting: findings.length - 100,
      regressed: 10,
      fixed: 120,
      byRule: RULES.map(([ruleId, severity]) => ({
        ruleId,
        title: ruleId,
        severity,
        open: products / 4,
        new: 25,
        persisting: products / 4 - 25,
        regressed: 2,
        fixed: 30,
      })),
    },
  });
  return {
    shop: "bench-report.myshopify.com",
    month: "2026-10",
    timeZone: "Europe/Copenhagen",
    now: "2026-11-02T08:00:00Z",
    shopInfo: { name: "Bench", currencyCode: "DKK", countryCode: "DK", primaryLocale: "da" },
    runs: [run(5), run(12), run(19), run(26), { ...run(28), startedAt: "2026-09-28T05:00:00Z" }],
    lastRunFindings: findings,
    ruleTitles: Object.fromEntries(RULES.map(([id]) => [id, id])),
    suppressions: findings
      .filter((f) => f.suppressed)
      .map((f) => ({ key: f.key, reason: "bench", by: "bench", at: "2026-10-08T10:00:00Z" })),
    orderKpis: [],
    scopes: ["read_orders"],
    checkoutRuns: [],
    funnel: [],
    alerts: [],
    perfRuns: [],
    commentary: "",
    priorities: "",
  };
}

export function reportBench(products: number): Bench {
  return {
    name: "report",
    description: `monthly report build + store + HTML, and PDF, ${products.toLocaleString("en")} products, 4 weekly runs`,
    async run(log) {
      const data = input(products);
      log(`  findings ranked: ${data.lastRunFindings?.length.toLocaleString("en")}`);
      const started = performance.now();
      const report = buildReport(data);
      const built = performance.now();
      const stored = await promisify(brotliCompress)(JSON.stringify(report), {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
      });
      const compressed = performance.now();
      const html = renderReportHtml({
        data: report,
        language: "da",
        status: "issued",
        version: 1,
        issuedAt: null,
      });
      const rendered = performance.now();
      const total = rendered - started;
      log(
        `  build ${(built - started).toFixed(0)} ms, store ${(compressed - built).toFixed(0)} ms (${stored.length} bytes), HTML ${(rendered - compressed).toFixed(0)} ms (${html.length} chars)`,
      );
      log(
        `  total ${total.toFixed(0)} ms (target < ${TARGET_MS} ms): ratio ${(total / TARGET_MS).toFixed(2)}, ${total < TARGET_MS ? "met" : "MISSED"}`,
      );
      const pdfStarted = performance.now();
      const pdf = await renderReportPdf({
        data: report,
        language: "da",
        status: "issued",
        version: 1,
        issuedAt: "2026-11-02T09:00:00Z",
        branding: {
          logo: LOGO,
          primaryColor: "#0b3d91",
          accentColor: "#f5a623",
          preparedBy: "Bench Bureau",
        },
      });
      const pdfMs = performance.now() - pdfStarted;
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      log(
        `  PDF ${pdfMs.toFixed(0)} ms (${pdf.length} bytes, ${pages} pages), target < ${PDF_TARGET_MS} ms: ratio ${(pdfMs / PDF_TARGET_MS).toFixed(2)}, ${pdfMs < PDF_TARGET_MS ? "met" : "MISSED"}`,
      );
      return total < TARGET_MS && pdfMs < PDF_TARGET_MS;
    },
  };
}
