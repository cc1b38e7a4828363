/**
 * The report builder: pure, over what the services read from storage (the month's audit runs
 * and the previous month's, the month's last run's findings, suppressions, order KPIs kept in
 * snapshots, checkout runs, funnel counts, alerts). Same input, same ReportData.
 *
 * Definitions (also in the report's appendix, docs/decisions/011-monthly-report.md):
 * - the month is the calendar month in the shop's time zone; a run belongs to the month it
 *   started in;
 * - the health score "now" is the score of the month's last full run, "previous" that of the
 *   previous month's last full run;
 * - new, fixed and regressed add up over the month's runs; open and persisting are those of the
 *   month's last run.
 */
import type { Suppression } from "~/product-qa";
import type { Finding, Severity } from "~/findings/types";
import { severityCounts, severityRank } from "~/findings/severity";
import { KPI_BASIS } from "~/snapshot/domain/order-kpis";
import type { SnapshotGap, SnapshotMonthlyKpis } from "~/snapshot/domain/types";
import { addMonths, monthBounds, monthOf } from "~/time";
import {
  REPORT_DATA_VERSION,
  type AnalyticsMonth,
  type CheckoutSection,
  type PerformanceSection,
  type Figure,
  type KpiRow,
  type ProductQaSection,
  type ReportChange,
  type ReportData,
  type RuleRow,
  type TopFinding,
  type UnavailableReason,
  isAccessReason,
} from "./types";

/** A finished full audit run, as its stored summary describes it. */
export interface ReportRunInput {
  id: string;
  startedAt: string;
  score: number | null;
  productsChecked: number | null;
  counts: {
    open: number;
    openBySeverity: Record<Severity, number>;
    suppressed: number;
    new: number;
    persisting: number;
    regressed: number;
    fixed: number;
    byRule: {
      ruleId: string;
      title: string;
      severity: Severity;
      open: number;
      new: number;
      persisting: number;
      regressed: number;
      fixed: number;
    }[];
  };
  gaps: SnapshotGap[];
}

export interface ReportFindingInput extends Finding {
  suppressed: boolean;
}

export interface ReportCheckoutRunInput {
  startedAt: string;
  status: "pass" | "fail";
  reason: string | null;
  readiness: Finding[];
  markets: { name: string; countryCode: string; status: "pass" | "fail"; reason: string | null }[];
}

/** A succeeded storefront performance run (PerfRun kind "http"). */
export interface ReportPerfRunInput {
  startedAt: string;
  pages: { type: string; totalBytes: number; requests: number }[];
  changes: { message: string }[];
}

export interface ReportInput {
  shop: string;
  month: string;
  timeZone: string;
  /** When the report is built (ISO 8601). */
  now: string;
  shopInfo: {
    name: string | null;
    currencyCode: string | null;
    countryCode: string | null;
    primaryLocale: string | null;
  } | null;
  /** Finished full runs; any months (the builder picks the month's and the previous month's). */
  runs: ReportRunInput[];
  /** The stored findings of the month's last full run (null when there is none). */
  lastRunFindings: ReportFindingInput[] | null;
  /** Rule titles by id, for findings and suppressions. */
  ruleTitles: Record<string, string>;
  suppressions: Suppression[];
  /** Order KPIs of every snapshot that may hold the month, the previous month or a year before. */
  orderKpis: { collectedAt: string; months: SnapshotMonthlyKpis[] }[];
  /** Access scopes the shop granted (null: unknown). */
  scopes: string[] | null;
  /**
   * The months' figures from Shopify's analytics (ShopifyQL, read_reports): the month, the one
   * before and the same month a year before, as far as they were asked. Preferred over the
   * snapshots' order KPIs; a month without it (or without read_reports) falls back to those.
   */
  analytics?: AnalyticsMonth[];
  checkoutRuns: ReportCheckoutRunInput[];
  /** Funnel counts of the month's days. */
  funnel: { countryCode: string; step: string; count: number }[];
  alerts: { at: string; key: string }[];
  /** Succeeded performance runs (any months; the builder picks the month's). */
  perfRuns: ReportPerfRunInput[];
  commentary: string;
  priorities: string;
}

/** A bulk suppression can take thousands in a month: the report lists the first ones. */
export const SUPPRESSIONS_SHOWN = 25;

const round1 = (n: number) => Math.round(n * 10) / 10;

function inMonth(at: string, month: string, timeZone: string): boolean {
  return monthOf(new Date(at), timeZone) === month;
}

function byTime<T extends { startedAt: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
}

function ruleOf(key: string): string {
  const i = key.indexOf(":");
  return i < 0 ? key : key.slice(0, i);
}

function subjectOf(f: Finding): string {
  const r = f.resource;
  if ("productTitle" in r) {
    if (r.type === "variant") return `${r.productTitle} – ${r.variantTitle}`;
    return r.productTitle;
  }
  return r.title;
}

/** Counts per rule over the month's runs (open and persisting: the last run's), in report order. */
function ruleRows(monthRuns: ReportRunInput[], order: Map<string, number>): RuleRow[] {
  const last = monthRuns.at(-1);
  const rules = new Map<string, RuleRow>();
  for (const run of monthRuns)
    for (const r of run.counts.byRule) {
      let row = rules.get(r.ruleId);
      if (row === undefined)
        rules.set(
          r.ruleId,
          (row = {
            ruleId: r.ruleId,
            title: r.title,
            severity: r.severity,
            open: 0,
            new: 0,
            fixed: 0,
            regressed: 0,
            persisting: 0,
          }),
        );
      row.new += r.new;
      row.fixed += r.fixed;
      row.regressed += r.regressed;
      if (run === last) {
        row.open = r.open;
        row.persisting = r.persisting;
      }
    }
  return [...rules.values()].sort(
    (a, b) =>
      severityRank(a.severity) - severityRank(b.severity) ||
      b.open - a.open ||
      (order.get(a.ruleId) ?? 1e9) - (order.get(b.ruleId) ?? 1e9) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** The ten most important open findings of the last run. */
function topFindingsOf(input: ReportInput, order: Map<string, number>): TopFinding[] {
  return (input.lastRunFindings ?? [])
    .filter((f) => !f.suppressed)
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank(a.f.severity) - severityRank(b.f.severity) ||
        (order.get(a.f.ruleId) ?? 1e9) - (order.get(b.f.ruleId) ?? 1e9) ||
        a.i - b.i,
    )
    .slice(0, 10)
    .map(({ f }) => ({
      key: f.key,
      ruleId: f.ruleId,
      ruleTitle: input.ruleTitles[f.ruleId] ?? f.ruleId,
      severity: f.severity,
      subject: subjectOf(f),
      message: f.message,
      fixUrl: f.fixUrl,
    }));
}

/** Suppressions taken in the month, oldest first: all of them, and the first ones shown. */
function suppressionsOf(input: ReportInput) {
  const subjects = new Map((input.lastRunFindings ?? []).map((f) => [f.key, subjectOf(f)]));
  const { start, end } = monthBounds(input.month, input.timeZone);
  const taken = input.suppressions
    .filter((s) => {
      const t = Date.parse(s.at);
      return t >= start.getTime() && t < end.getTime();
    })
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const shown = taken.slice(0, SUPPRESSIONS_SHOWN).map((s) => ({
    key: s.key,
    ruleId: ruleOf(s.key),
    ruleTitle: input.ruleTitles[ruleOf(s.key)] ?? ruleOf(s.key),
    subject: subjects.get(s.key) ?? null,
    reason: s.reason,
    by: s.by,
    at: s.at,
  }));
  return { taken: taken.length, shown };
}

function productQa(input: ReportInput, monthRuns: ReportRunInput[]): ProductQaSection {
  const last = monthRuns.at(-1);
  const order = new Map((last?.counts.byRule ?? []).map((r, i) => [r.ruleId, i]));
  const suppressions = suppressionsOf(input);
  const sum = (k: "new" | "fixed" | "regressed") => monthRuns.reduce((n, r) => n + r.counts[k], 0);
  return {
    measured: last !== undefined,
    runs: monthRuns.length,
    open: last?.counts.open ?? 0,
    openBySeverity: last?.counts.openBySeverity ?? severityCounts(),
    totals: {
      new: sum("new"),
      fixed: sum("fixed"),
      regressed: sum("regressed"),
      persisting: last?.counts.persisting ?? 0,
      suppressed: last?.counts.suppressed ?? 0,
    },
    byRule: ruleRows(monthRuns, order),
    topFindings: topFindingsOf(input, order),
    suppressions: suppressions.shown,
    suppressionsTaken: suppressions.taken,
    scoreTrend: monthRuns.map((r) => ({ at: r.startedAt, score: r.score })),
    productsChecked: last?.productsChecked ?? null,
  };
}

function checkout(input: ReportInput): CheckoutSection {
  const runs = byTime(input.checkoutRuns).filter((r) =>
    inMonth(r.startedAt, input.month, input.timeZone),
  );
  const last = runs.at(-1);
  const countries = new Map<string, { started: number; completed: number }>();
  for (const c of input.funnel) {
    let row = countries.get(c.countryCode);
    if (row === undefined) countries.set(c.countryCode, (row = { started: 0, completed: 0 }));
    if (c.step === "checkout_started") row.started += c.count;
    if (c.step === "checkout_completed") row.completed += c.count;
  }
  const { start, end } = monthBounds(input.month, input.timeZone);
  return {
    measured: last !== undefined,
    runs: runs.map((r) => ({
      at: r.startedAt,
      status: r.status,
      reason: r.reason,
      marketsPassed: r.markets.filter((m) => m.status === "pass").length,
      marketsFailed: r.markets.filter((m) => m.status === "fail").length,
    })),
    readiness: (last?.readiness ?? [])
      .map((f) => ({ ruleId: f.ruleId, severity: f.severity, message: f.message }))
      .sort((a, b) => severityRank(a.severity) - severityRank(b.severity)),
    markets: last?.markets ?? [],
    funnel: [...countries.entries()]
      .sort((a, b) => b[1].started - a[1].started || a[0].localeCompare(b[0]))
      .map(([countryCode, c]) => ({
        countryCode,
        started: c.started,
        completed: c.completed,
        conversion: c.started > 0 ? c.completed / c.started : null,
      })),
    alerts: input.alerts
      .filter((a) => Date.parse(a.at) >= start.getTime() && Date.parse(a.at) < end.getTime())
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at)),
  };
}

function performance(input: ReportInput): PerformanceSection {
  const runs = byTime(input.perfRuns).filter((r) =>
    inMonth(r.startedAt, input.month, input.timeZone),
  );
  const first = runs[0];
  const last = runs.at(-1);
  const kb = (bytes: number) => Math.round(bytes / 1024);
  return {
    measured: last !== undefined,
    runs: runs.map((r) => r.startedAt),
    pages: (last?.pages ?? []).map((p) => {
      const before = first?.pages.find((x) => x.type === p.type) ?? p;
      return {
        pageType: p.type,
        firstKb: kb(before.totalBytes),
        lastKb: kb(p.totalBytes),
        requests: p.requests,
      };
    }),
    // The first run's changes compare with a run before the month: those are the month's too.
    changes: runs.flatMap((r) => r.changes.map((c) => ({ at: r.startedAt, message: c.message }))),
    lighthouseMeasured: false,
  };
}

/**
 * Why a figure only Shopify's analytics has is missing: the scope (read_reports) not granted,
 * Shopify's approval of protected customer data missing (ShopifyQL denied with read_reports
 * granted), or simply not read.
 */
function analyticsReason(input: ReportInput): UnavailableReason {
  if (!(input.scopes?.includes("read_reports") ?? false)) return "read_reports_not_granted";
  const denied = (input.analytics ?? []).some((a) =>
    Object.values(a.figures).every((f) => f.reason === "protected_data_not_approved"),
  );
  return denied ? "protected_data_not_approved" : "not_collected";
}

/** The best figures of a month: a complete month from any snapshot, else the reason. */
function monthKpis(
  input: ReportInput,
  month: string,
): { kpis: SnapshotMonthlyKpis; reason: null } | { kpis: null; reason: UnavailableReason } {
  const { end } = monthBounds(month, input.timeZone);
  if (Date.parse(input.now) < end.getTime()) return { kpis: null, reason: "month_not_over" };
  let partial = false;
  let collected = false;
  for (const s of [...input.orderKpis].sort(
    (a, b) => Date.parse(b.collectedAt) - Date.parse(a.collectedAt),
  )) {
    // Figures of an older basis (VAT included, returns in the order's month) are not shown.
    const months = s.months.filter((x) => x.basis === KPI_BASIS);
    if (months.length === 0) continue;
    collected = true;
    const m = months.find((x) => x.month === month);
    if (m?.complete) return { kpis: m, reason: null };
    if (m) partial = true;
  }
  if (!collected) return { kpis: null, reason: "not_collected" };
  // Read only in part: the month starts before the 60 days read_orders reaches back.
  if (partial) return { kpis: null, reason: "beyond_order_reach" };
  // Not read at all: older than read_orders reaches; only ShopifyQL has it.
  return { kpis: null, reason: analyticsReason(input) };
}

const num = (s: string | null): number | null => {
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
};

function figure(
  source: ReturnType<typeof monthKpis>,
  read: (k: SnapshotMonthlyKpis) => number | null,
): Figure {
  if (source.kpis === null) return { value: null, reason: source.reason };
  const v = read(source.kpis);
  return v === null ? { value: null, reason: "not_collected" } : { value: v, reason: null };
}

/** The month's analytics, unless there are none or Shopify denied them (access not granted). */
function analyticsOf(input: ReportInput, month: string): AnalyticsMonth | null {
  const a = input.analytics?.find((x) => x.month === month) ?? null;
  if (a === null) return null;
  const denied = Object.values(a.figures).every((f) => isAccessReason(f.reason));
  return denied ? null : a;
}

function kpis(input: ReportInput): ReportData["kpis"] {
  const monthIds = {
    current: input.month,
    previous: addMonths(input.month, -1),
    lastYear: addMonths(input.month, -12),
  };
  const months = {
    current: monthKpis(input, monthIds.current),
    previous: monthKpis(input, monthIds.previous),
    lastYear: monthKpis(input, monthIds.lastYear),
  };
  const analytics = {
    current: analyticsOf(input, monthIds.current),
    previous: analyticsOf(input, monthIds.previous),
    lastYear: analyticsOf(input, monthIds.lastYear),
  };
  type Column = keyof typeof months;
  const reportsOnly: Figure = { value: null, reason: analyticsReason(input) };
  /** ShopifyQL's figure when it was asked; else the snapshots' (order metrics) or the reason. */
  const cell = (
    column: Column,
    metric: KpiRow["metric"],
    read: ((k: SnapshotMonthlyKpis) => number | null) | null,
  ): Figure => {
    const source = months[column];
    if (source.kpis === null && source.reason === "month_not_over") return figure(source, () => 0);
    const a = analytics[column];
    if (a !== null) return a.figures[metric];
    return read === null ? reportsOnly : figure(source, read);
  };
  const row = (
    metric: KpiRow["metric"],
    unit: KpiRow["unit"],
    read: ((k: SnapshotMonthlyKpis) => number | null) | null,
  ): KpiRow => ({
    metric,
    unit,
    current: cell("current", metric, read),
    previous: cell("previous", metric, read),
    lastYear: cell("lastYear", metric, read),
  });
  const rows: KpiRow[] = [
    row("orders", "count", (k) => k.orders),
    row("grossSales", "money", (k) => num(k.grossSales)),
    row("netSales", "money", (k) => num(k.netSales)),
    row("averageOrderValue", "money", (k) => num(k.averageOrderValue)),
    // Returning customers need customer data: only ShopifyQL has them (the orders fallback reads none).
    row("returningCustomerRate", "ratio", null),
    row("sessions", "count", null),
    row("conversionRate", "ratio", null),
  ];
  if (months.current.reason === "month_not_over") return { rows, topProducts: null };
  if (analytics.current !== null)
    return { rows, topProducts: analytics.current.topProducts?.slice(0, 10) ?? null };
  const top = months.current.kpis?.topProducts ?? null;
  return {
    rows,
    topProducts:
      top === null
        ? null
        : top.slice(0, 10).map((p) => ({
            title: p.title,
            quantity: p.quantity,
            netSales: num(p.netSales) ?? 0,
          })),
  };
}

/** The three changes that matter most, by weight. */
function changes(
  input: ReportInput,
  score: number | null,
  previousScore: number | null,
  qa: ProductQaSection,
  co: CheckoutSection,
  kpi: ReportData["kpis"],
): ReportChange[] {
  const candidates: { weight: number; change: ReportChange }[] = [];
  if (score !== null && previousScore === null)
    candidates.push({ weight: 40, change: { kind: "first-score", to: score } });
  if (score !== null && previousScore !== null && Math.abs(score - previousScore) >= 1)
    candidates.push({
      weight: 10 + 4 * Math.abs(score - previousScore),
      change: {
        kind: score > previousScore ? "score-up" : "score-down",
        from: previousScore,
        to: score,
      },
    });
  const topFixed = [...qa.byRule].sort((a, b) => b.fixed - a.fixed)[0];
  if (qa.totals.fixed > 0)
    candidates.push({
      weight: 8 + qa.totals.fixed,
      change: {
        kind: "fixed",
        count: qa.totals.fixed,
        ruleTitle: topFixed?.fixed ? topFixed.title : null,
      },
    });
  const newCritical = qa.byRule.filter((r) => r.severity === "critical" && r.new > 0);
  const newCriticalCount = newCritical.reduce((n, r) => n + r.new, 0);
  if (newCriticalCount > 0)
    candidates.push({
      weight: 12 + 3 * newCriticalCount,
      change: {
        kind: "new-critical",
        count: newCriticalCount,
        ruleTitle: newCritical.length === 1 ? (newCritical[0]?.title ?? null) : null,
      },
    });
  if (qa.totals.regressed > 0)
    candidates.push({
      weight: 6 + 2 * qa.totals.regressed,
      change: { kind: "regressed", count: qa.totals.regressed },
    });
  const failing = co.markets.filter((m) => m.status === "fail").map((m) => m.name);
  if (failing.length > 0)
    candidates.push({ weight: 100, change: { kind: "checkout-failing", markets: failing } });
  else if (co.runs.length > 0 && co.runs.every((r) => r.status === "pass"))
    candidates.push({ weight: 5, change: { kind: "checkout-passing", runs: co.runs.length } });
  const net = kpi.rows.find((r) => r.metric === "netSales");
  if (net?.current.value != null && net.previous.value != null && net.previous.value > 0) {
    const pct = Math.abs(net.current.value / net.previous.value - 1) * 100;
    if (pct >= 10)
      candidates.push({
        weight: 5 + pct / 2,
        change: {
          kind: "net-sales",
          from: net.previous.value,
          to: net.current.value,
          currencyCode: input.shopInfo?.currencyCode ?? null,
        },
      });
  }
  if (candidates.length === 0 && !qa.measured && !co.measured) return [{ kind: "no-runs" }];
  return candidates
    .map((c, i) => ({ ...c, i }))
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .slice(0, 3)
    .map((c) => c.change);
}

export function buildReport(input: ReportInput): ReportData {
  const { start, end } = monthBounds(input.month, input.timeZone);
  const runs = byTime(input.runs);
  const monthRuns = runs.filter((r) => inMonth(r.startedAt, input.month, input.timeZone));
  const previousRuns = runs.filter((r) =>
    inMonth(r.startedAt, addMonths(input.month, -1), input.timeZone),
  );
  const score = monthRuns.at(-1)?.score ?? null;
  const previousScore = previousRuns.at(-1)?.score ?? null;
  const qa = productQa(input, monthRuns);
  const co = checkout(input);
  const kpi = kpis(input);
  const gaps = new Map<string, string>();
  for (const r of monthRuns) for (const g of r.gaps) gaps.set(g.section, g.message);
  return {
    version: REPORT_DATA_VERSION,
    month: input.month,
    period: { start: start.toISOString(), end: end.toISOString(), timeZone: input.timeZone },
    builtAt: input.now,
    shop: {
      domain: input.shop,
      name: input.shopInfo?.name ?? null,
      currencyCode: input.shopInfo?.currencyCode ?? null,
      countryCode: input.shopInfo?.countryCode ?? null,
      primaryLocale: input.shopInfo?.primaryLocale ?? null,
    },
    summary: {
      score: score === null ? null : round1(score),
      previousScore: previousScore === null ? null : round1(previousScore),
      changes: changes(
        input,
        score === null ? null : round1(score),
        previousScore === null ? null : round1(previousScore),
        qa,
        co,
        kpi,
      ),
    },
    productQa: {
      ...qa,
      scoreTrend: qa.scoreTrend.map((p) => ({
        ...p,
        score: p.score === null ? null : round1(p.score),
      })),
    },
    checkout: co,
    performance: performance(input),
    kpis: kpi,
    commentary: input.commentary,
    priorities: input.priorities,
    appendix: {
      auditRuns: monthRuns.map((r) => ({
        at: r.startedAt,
        score: r.score === null ? null : round1(r.score),
        productsChecked: r.productsChecked,
      })),
      checkoutRuns: co.runs.map((r) => r.at),
      gaps: [...gaps.entries()].map(([section, message]) => ({ section, message })),
    },
  };
}

/** A stored ReportData this code reads, or null (another version). */
export function parseReportData(value: unknown): ReportData | null {
  const v = value as Partial<ReportData> | null;
  return v !== null && typeof v === "object" && v.version === REPORT_DATA_VERSION
    ? (v as ReportData)
    : null;
}
