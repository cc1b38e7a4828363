/**
 * ReportData: everything a monthly report shows, built once (app/report/domain/build.ts) and
 * stored as it is. An issued report is this JSON, frozen: it holds figures, product titles and
 * messages, never references to rows that may change or disappear. Texts of Tovholder's own
 * (headings, the plain-language changes) are not stored: they are keys and parameters rendered
 * in the reader's language (i18n.ts), so an issued report can be read in English or Danish.
 */
import type { Severity } from "~/findings/types";

export const REPORT_DATA_VERSION = 1 as const;

export type ReportLanguage = "en" | "da";
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ["en", "da"];

/** Why a figure is not shown. */
export type UnavailableReason =
  /** Sessions, conversion and anything older than read_orders reaches need ShopifyQL. */
  | "read_reports_not_granted"
  /**
   * ShopifyQL also needs Shopify's approval of protected customer data (level 2) for the app:
   * read_reports is granted, yet Shopify denied the query.
   */
  | "protected_data_not_approved"
  /** The month lies (partly) beyond the 60 days read_orders reaches. */
  | "beyond_order_reach"
  /** The month has not ended: its figures would be partial. */
  | "month_not_over"
  /** No collection of the shop's orders covered the month (no run, or the scope was denied). */
  | "not_collected"
  /** Shopify's analytics (ShopifyQL) answered this figure with an error, or with no value. */
  | "analytics_error"
  /** Shopify could not be asked (network failure, an outage, a revoked or expired token). */
  | "shopify_unreachable"
  /** The month lies before the shop's data in Shopify begins (before the shop was created). */
  | "before_shop_data";

/**
 * What the app may ask of Shopify's analytics (ShopifyQL): available, or the access that is
 * missing — the scope (read_reports) or Shopify's approval of protected customer data.
 */
export type AnalyticsAccess = "available" | AccessReason;

/** The reasons that mean "the app lacks access"; each has what to do (i18n `accessActions`). */
export const ACCESS_REASONS = ["read_reports_not_granted", "protected_data_not_approved"] as const;
export type AccessReason = (typeof ACCESS_REASONS)[number];

export function isAccessReason(reason: UnavailableReason | null): reason is AccessReason {
  return reason !== null && (ACCESS_REASONS as readonly string[]).includes(reason);
}

/** The access reasons among the key figures, in the order they first appear. */
export function accessReasonsIn(rows: readonly KpiRow[]): AccessReason[] {
  const out: AccessReason[] = [];
  for (const row of rows)
    for (const f of [row.current, row.previous, row.lastYear])
      if (isAccessReason(f.reason) && !out.includes(f.reason)) out.push(f.reason);
  return out;
}

export type Figure = { value: number; reason: null } | { value: null; reason: UnavailableReason };

export type KpiMetric =
  | "orders"
  | "grossSales"
  | "netSales"
  | "averageOrderValue"
  | "returningCustomerRate"
  | "sessions"
  | "conversionRate";

/**
 * One month's figures from Shopify's analytics (ShopifyQL, read_reports), each with its own
 * reason when it could not be had; read by app/shopify/analytics.server.ts.
 */
export interface AnalyticsMonth {
  month: string;
  figures: Record<KpiMetric, Figure>;
  /** By net sales, at most ten; null when they could not be had. */
  topProducts: { title: string; quantity: number; netSales: number }[] | null;
}

export interface KpiRow {
  metric: KpiMetric;
  unit: "count" | "money" | "ratio";
  current: Figure;
  previous: Figure;
  lastYear: Figure;
}

/** One of the three changes that matter most; rendered in plain language by i18n.ts. */
export type ReportChange =
  | { kind: "score-up" | "score-down"; from: number; to: number }
  | { kind: "first-score"; to: number }
  | { kind: "fixed"; count: number; ruleTitle: string | null }
  | { kind: "new-critical"; count: number; ruleTitle: string | null }
  | { kind: "regressed"; count: number }
  | { kind: "checkout-failing"; markets: string[] }
  | { kind: "checkout-passing"; runs: number }
  | { kind: "net-sales"; from: number; to: number; currencyCode: string | null }
  | { kind: "no-runs" };

export interface RuleRow {
  ruleId: string;
  title: string;
  severity: Severity;
  /** Open at the month's last run. */
  open: number;
  /** Over the month's runs. */
  new: number;
  fixed: number;
  regressed: number;
  /** Open at the month's last run and already open before it. */
  persisting: number;
}

export interface TopFinding {
  key: string;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  /** The product (or shop resource) as it was titled when the report was built. */
  subject: string;
  message: string;
  fixUrl: string | null;
}

export interface SuppressionTaken {
  key: string;
  ruleId: string;
  ruleTitle: string;
  subject: string | null;
  reason: string;
  by: string;
  at: string;
}

export interface ProductQaSection {
  /** false: no full audit run finished in the month. */
  measured: boolean;
  runs: number;
  open: number;
  openBySeverity: Record<Severity, number>;
  totals: { new: number; fixed: number; regressed: number; persisting: number; suppressed: number };
  byRule: RuleRow[];
  topFindings: TopFinding[];
  /** The first SUPPRESSIONS_SHOWN suppressions taken in the month, oldest first. */
  suppressions: SuppressionTaken[];
  /** How many were taken in all. */
  suppressionsTaken: number;
  /** Score per run of the month, for the trend chart. */
  scoreTrend: { at: string; score: number | null }[];
  productsChecked: number | null;
}

export interface CheckoutRunRow {
  at: string;
  status: "pass" | "fail";
  reason: string | null;
  marketsPassed: number;
  marketsFailed: number;
}

export interface CheckoutSection {
  measured: boolean;
  runs: CheckoutRunRow[];
  /** The month's last run: its readiness findings. */
  readiness: { ruleId: string; severity: Severity; message: string }[];
  /** The month's last run: per market. */
  markets: { name: string; countryCode: string; status: "pass" | "fail"; reason: string | null }[];
  /** Distinct checkouts per country over the month (web pixel); empty when none arrived. */
  funnel: { countryCode: string; started: number; completed: number; conversion: number | null }[];
  alerts: { at: string; key: string }[];
}

export interface PerformanceSection {
  /** false: no storefront (HTTP) performance run succeeded in the month. */
  measured: boolean;
  /** The month's succeeded runs (ISO 8601). */
  runs: string[];
  /** Page weight per page type: the month's first run against its last. */
  pages: { pageType: string; firstKb: number; lastKb: number; requests: number }[];
  /** App and weight changes the month's runs saw, oldest first. */
  changes: { at: string; message: string }[];
  /** Lighthouse lab runs: false until they exist. */
  lighthouseMeasured: boolean;
}

export interface ReportData {
  version: typeof REPORT_DATA_VERSION;
  month: string;
  period: { start: string; end: string; timeZone: string };
  builtAt: string;
  shop: {
    domain: string;
    name: string | null;
    currencyCode: string | null;
    countryCode: string | null;
    primaryLocale: string | null;
  };
  summary: {
    score: number | null;
    previousScore: number | null;
    changes: ReportChange[];
  };
  productQa: ProductQaSection;
  checkout: CheckoutSection;
  performance: PerformanceSection;
  kpis: {
    rows: KpiRow[];
    topProducts: { title: string; quantity: number; netSales: number }[] | null;
  };
  commentary: string;
  priorities: string;
  appendix: {
    auditRuns: { at: string; score: number | null; productsChecked: number | null }[];
    checkoutRuns: string[];
    /** What collection could not read in the month, and why. */
    gaps: { section: string; message: string }[];
  };
}
