/**
 * A demo-like month for the PDF and email tests: four weekly audits of an outdoor shop in
 * Copenhagen with findings of several rules, suppressions, checkout runs in three markets, page
 * weights, order figures and the manager's texts. `hostile` puts markup, right-to-left text,
 * emoji and very long unbroken words into every store text.
 */
import { buildReport, type ReportInput, type ReportRunInput } from "~/report/domain/build";
import type { Finding, Severity } from "~/findings/types";
import type { ReportData } from "~/report/domain/types";

const RULES: [string, string, Severity][] = [
  ["product.missing-image", "Product has no image", "critical"],
  ["variant.missing-price", "Variant has no price", "critical"],
  ["variant.missing-sku", "Variant has no SKU", "warning"],
  ["seo.missing-description", "Product has no SEO description", "warning"],
  ["product.short-description", "Description is very short", "info"],
  ["variant.missing-barcode", "Variant has no barcode", "info"],
];

export const HOSTILE_TITLE =
  '<script>alert("x")</script> Fjeldjakke æøå ÆØÅ 🏔️🎒 שלום עולם مرحبا ' +
  "Superlangtproduktnavnudenmellemrumderikkekanbrydesnaturligtogskalombrydesalligevel".repeat(2);

export function demoLikeInput(
  options: { hostile?: boolean; locale?: string; shop?: string } = {},
): ReportInput {
  const shop = options.shop ?? "nordvej-outdoor.myshopify.com";
  const title = (n: number) =>
    options.hostile && n % 3 === 0
      ? `${HOSTILE_TITLE} #${n}`
      : ["Fjeldjakke Ørnen", "Sovepose Ægir", "Rygsæk Åsen 45 L", "Trekkingstav", "Telt Nord 2"][
          n % 5
        ]! + ` ${n}`;
  const findings: (Finding & { suppressed: boolean })[] = [];
  for (let p = 1; p <= 60; p++) {
    const [ruleId, , severity] = RULES[p % RULES.length]!;
    const productId = `gid://shopify/Product/${p}`;
    findings.push({
      key: `${ruleId}:${productId}`,
      ruleId,
      severity,
      category: "demo",
      resource: {
        type: "product",
        id: productId,
        productId,
        productHandle: `p-${p}`,
        productTitle: title(p),
      },
      message: options.hostile
        ? `Problem <b>bold</b> & "quoted" ${"x".repeat(150)}`
        : `The product has a problem of kind ${ruleId}.`,
      details: {},
      fixUrl: `https://admin.shopify.com/store/nordvej-outdoor/products/${p}`,
      suppressed: p % 17 === 0,
    });
  }
  const run = (day: number, score: number): ReportRunInput => ({
    id: `run-${day}`,
    startedAt: `2026-10-${String(day).padStart(2, "0")}T05:00:00Z`,
    score,
    productsChecked: 412,
    gaps: [],
    counts: {
      open: 57,
      openBySeverity: { critical: 20, warning: 20, info: 17 },
      suppressed: 3,
      new: 6,
      persisting: 51,
      regressed: 1,
      fixed: 9,
      byRule: RULES.map(([ruleId, t, severity]) => ({
        ruleId,
        title: options.hostile && ruleId.startsWith("seo") ? HOSTILE_TITLE : t,
        severity,
        open: 10,
        new: 1,
        persisting: 9,
        regressed: 0,
        fixed: 2,
      })),
    },
  });
  const market = (name: string, countryCode: string, ok: boolean) => ({
    name,
    countryCode,
    status: ok ? ("pass" as const) : ("fail" as const),
    reason: ok ? null : "No shipping rate for the market",
  });
  const kpi = (month: string, orders: number, net: number) => ({
    month,
    basis: "sales-report" as const,
    orders,
    grossSales: String(net * 1.2),
    discounts: "0",
    returns: "0",
    netSales: String(net),
    averageOrderValue: (net / orders).toFixed(2),
    topProducts: [
      { productId: null, title: title(3), quantity: 31, netSales: "12400.00" },
      { productId: null, title: "Sovepose Ægir", quantity: 18, netSales: "9000.00" },
    ],
    complete: true,
  });
  const text = options.hostile
    ? `${HOSTILE_TITLE}\n<img src=x onerror=alert(1)>\n${"Lang".repeat(80)}`
    : "Oktober gik godt: færre produkter uden billeder, og checkout virkede i alle markeder undtagen Norge.\nVi har rettet 9 problemer.";
  return {
    shop,
    month: "2026-10",
    timeZone: "Europe/Copenhagen",
    now: "2026-11-02T08:00:00Z",
    shopInfo: {
      name: options.hostile ? `Nordvej <b>Outdoor</b> & Co 🏔️` : "Nordvej Outdoor",
      currencyCode: "DKK",
      countryCode: "DK",
      primaryLocale: options.locale ?? "da",
    },
    runs: [
      run(5, 61.2),
      run(12, 64.8),
      run(19, 70.1),
      run(26, 73.4),
      { ...run(26, 58), id: "sep", startedAt: "2026-09-28T05:00:00Z" },
    ],
    lastRunFindings: findings,
    ruleTitles: Object.fromEntries(RULES.map(([id, t]) => [id, t])),
    suppressions: findings
      .filter((f) => f.suppressed)
      .map((f) => ({
        key: f.key,
        reason: options.hostile ? `<i>${HOSTILE_TITLE}</i>` : "Sælges kun i butikken",
        by: "anna@bureau.dk",
        at: "2026-10-08T10:00:00Z",
      })),
    orderKpis: [
      {
        collectedAt: "2026-11-01T05:00:00Z",
        months: [kpi("2026-10", 182, 95400), kpi("2026-09", 160, 84100)],
      },
    ],
    scopes: ["read_products", "read_orders"],
    checkoutRuns: [5, 12, 19, 26].map((day) => ({
      startedAt: `2026-10-${String(day).padStart(2, "0")}T06:00:00Z`,
      status: day === 26 ? ("fail" as const) : ("pass" as const),
      reason: day === 26 ? "A market failed" : null,
      readiness: [],
      markets: [
        market("Danmark", "DK", true),
        market("Sverige", "SE", true),
        market("Norge", "NO", day !== 26),
      ],
    })),
    funnel: [
      { countryCode: "DK", step: "checkout_started", count: 420 },
      { countryCode: "DK", step: "checkout_completed", count: 182 },
    ],
    alerts: [{ at: "2026-10-26T06:10:00Z", key: "checkout.market-failing:NO" }],
    perfRuns: [5, 26].map((day) => ({
      startedAt: `2026-10-${String(day).padStart(2, "0")}T07:00:00Z`,
      pages: [
        { type: "home", totalBytes: 1_850_000 + day * 1000, requests: 84 },
        { type: "product", totalBytes: 2_300_000, requests: 96 },
        { type: "collection", totalBytes: 1_400_000, requests: 70 },
      ],
      changes: day === 26 ? [{ message: "New app script: Klaviyo (static.klaviyo.com)" }] : [],
    })),
    commentary: text,
    priorities: options.hostile
      ? text
      : "1. Billeder på de 20 produkter uden.\n2. Fragt til Norge.",
  };
}

export function demoLikeReport(options: Parameters<typeof demoLikeInput>[0] = {}): ReportData {
  return buildReport(demoLikeInput(options));
}

/** A 1×1 PNG. */
export const TINY_PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
