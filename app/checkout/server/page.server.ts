/**
 * What the Checkout page shows, as plain JSON: the checkout job's live status, the latest run
 * (readiness findings with their fix links, per market the matrix cells and the synthetic cart),
 * the history of runs with their failures, the funnel of the last four weeks per market with the
 * detector's flagged drops, and the pixel's status. Times are formatted in the shop's time zone
 * on the server, so server and browser render the same text.
 */
import { paymentReadiness, type PaymentReadiness } from "~/checkout/domain/payments";
import type { Finding, SkippedRule } from "~/findings/types";
import { bySeverity } from "~/findings/severity";
import { CHECKOUT_READINESS_RULES } from "~/checkout/domain/catalog";
import {
  FUNNEL_STEPS,
  STEP_LABELS,
  UNKNOWN_COUNTRY,
  addDays,
  type FunnelDayCount,
  type FunnelStep,
} from "~/checkout/domain/funnel";
import { ALL_COUNTRIES, funnelDropRule, type StepVerdict } from "~/checkout/domain/funnel-detector";
import type { MatrixCells } from "~/checkout/domain/matrix";
import { countryName } from "~/checkout/domain/rule-model";
import { jobRunStatus, type JobRunStatus } from "~/jobs/run-actions.server";
import { checkoutSyntheticJob } from "~/jobs/definitions";
import { formatInZone } from "~/format";
import { listCheckoutRuns, type CheckoutRun } from "~/checkout/models/checkout-runs.server";
import { funnelDaysBetween } from "~/checkout/models/checkout-funnel.server";
import { getShopSettings } from "~/db/shop-settings.server";
import { funnelState } from "./funnel.server";
import { pixelStatus } from "./pixel-activation.server";

/** Days the funnel chart shows, today (so far) included. */
export const CHART_DAYS = 28;

export type CheckoutJobStatus = JobRunStatus;

export function checkoutJobStatus(shop: string, now = new Date()): Promise<CheckoutJobStatus> {
  return jobRunStatus(shop, checkoutSyntheticJob.id, now);
}

export interface FindingView {
  key: string;
  ruleId: string;
  ruleTitle: string;
  severity: Finding["severity"];
  about: string;
  message: string;
  fixUrl: string | null;
}

export interface MarketView {
  handle: string;
  name: string;
  countryCode: string;
  countryName: string;
  countries: string[];
  status: "pass" | "fail";
  reason: string | null;
  cells: MatrixCells;
  product: string | null;
  subtotal: string | null;
  deliveryOptions: { title: string; cost: string }[];
  checkoutStatus: number | null;
  timings: { cartMs: number | null; checkoutMs: number | null; totalMs: number };
}

export interface RunView {
  runId: string;
  at: string;
  status: "pass" | "fail";
  reason: string | null;
  trigger: string;
  durationMs: number;
  /** When the configuration judged was read, if the run read it before it started (an audit's). */
  storeReadBefore: string | null;
  findings: FindingView[];
  skipped: SkippedRule[];
  syntheticSkipped: string | null;
  payments: PaymentReadiness;
  markets: MarketView[];
}

export interface HistoryEntry {
  runId: string;
  at: string;
  status: "pass" | "fail";
  reason: string | null;
  trigger: string;
  failures: { market: string; reason: string | null }[];
  findings: number;
}

export interface FunnelStepView {
  step: FunnelStep;
  label: string;
  /** Distinct checkouts per day, oldest first (`FunnelView.days`). */
  daily: number[];
  total: number;
  /** total over the previous step's total; null for the first step or without checkouts. */
  conversion: number | null;
}

export interface FunnelDrop {
  step: string;
  where: string;
  currentRate: number;
  baselineRate: number;
  change: number;
}

export interface FunnelGroup {
  id: string;
  label: string;
  steps: FunnelStepView[];
  drops: FunnelDrop[];
}

export interface FunnelView {
  eventCount: number;
  /** YYYY-MM-DD, oldest first; the last is today (so far). */
  days: string[];
  groups: FunnelGroup[];
}

export interface PixelView {
  connected: boolean;
  activatedAt: string | null;
  events: number;
  lastEventAt: string | null;
}

export interface CheckoutPageData {
  shop: string;
  timeZone: string;
  status: CheckoutJobStatus;
  latest: RunView | null;
  history: HistoryEntry[];
  funnel: FunnelView;
  pixel: PixelView;
}

const RULE_TITLES = new Map<string, string>([
  ...CHECKOUT_READINESS_RULES.map((r): [string, string] => [r.id, r.title]),
  [funnelDropRule.id, funnelDropRule.title],
]);

function findingView(f: Finding): FindingView {
  return {
    key: f.key,
    ruleId: f.ruleId,
    ruleTitle: RULE_TITLES.get(f.ruleId) ?? f.ruleId,
    severity: f.severity,
    about: "title" in f.resource ? f.resource.title : f.resource.productTitle,
    message: f.message,
    fixUrl: f.fixUrl,
  };
}

const money = (m: { amount: string; currencyCode: string }) =>
  `${Number(m.amount).toFixed(2)} ${m.currencyCode}`;

function triggerOf(run: CheckoutRun): string {
  return run.auditRunId !== null
    ? "Weekly audit"
    : run.jobRunId !== null
      ? "Run now"
      : "Command line";
}

function runView(run: CheckoutRun, timeZone: string): RunView {
  return {
    runId: run.runId,
    at: formatInZone(run.startedAt, timeZone),
    status: run.status,
    reason: run.reason,
    trigger: triggerOf(run),
    durationMs: run.summary.durationMs,
    storeReadBefore: run.summary.storeRead?.reused
      ? formatInZone(new Date(run.summary.storeRead.at), timeZone)
      : null,
    findings: run.summary.findings.map(findingView).sort(bySeverity),
    skipped: run.summary.skipped,
    syntheticSkipped: run.summary.syntheticSkipped,
    payments: paymentReadiness(run.summary.payments, run.summary.adminWallets ?? null),
    markets: run.markets
      .map((m): MarketView => {
        const d = m.details;
        return {
          handle: m.marketHandle,
          name: d.marketName,
          countryCode: m.countryCode,
          countryName: countryName(m.countryCode),
          countries: d.countries,
          status: m.status,
          reason: m.reason,
          cells: d.cells,
          product: d.pick
            ? d.pick.variantTitle && d.pick.variantTitle !== "Default Title"
              ? `${d.pick.productTitle} – ${d.pick.variantTitle}`
              : d.pick.productTitle
            : null,
          subtotal: d.cart?.subtotal ? money(d.cart.subtotal) : null,
          deliveryOptions: (d.cart?.deliveryOptions ?? []).map((o) => ({
            title: o.title ?? "Untitled rate",
            cost: Number(o.amount) === 0 ? "Free" : money(o),
          })),
          checkoutStatus: d.checkout?.status ?? null,
          timings: {
            cartMs: d.timings.cartMs,
            checkoutMs: d.timings.checkoutMs,
            totalMs: d.timings.totalMs,
          },
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

function historyEntry(run: CheckoutRun, timeZone: string): HistoryEntry {
  return {
    runId: run.runId,
    at: formatInZone(run.startedAt, timeZone),
    status: run.status,
    reason: run.reason,
    trigger: triggerOf(run),
    failures: run.markets
      .filter((m) => m.status === "fail")
      .map((m) => ({ market: m.details.marketName, reason: m.reason }))
      .sort((a, b) => a.market.localeCompare(b.market)),
    findings: run.summary.findings.length,
  };
}

function dropsOf(verdicts: readonly StepVerdict[], include: (scope: string) => boolean) {
  return verdicts
    .filter((v) => v.verdict === "drop" && include(v.scope))
    .map((v): FunnelDrop => ({
      step: STEP_LABELS[v.step],
      where: v.scope === ALL_COUNTRIES ? "All countries" : countryName(v.scope),
      currentRate: v.current.rate ?? 0,
      baselineRate: v.baseline.rate ?? 0,
      change: v.change ?? 0,
    }));
}

function group(
  id: string,
  label: string,
  days: string[],
  counts: readonly FunnelDayCount[],
  include: (country: string) => boolean,
  drops: FunnelDrop[],
): FunnelGroup {
  const index = new Map(days.map((d, i) => [d, i]));
  const daily = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, days.map(() => 0)])) as Record<
    FunnelStep,
    number[]
  >;
  for (const c of counts) {
    const i = index.get(c.day);
    if (i !== undefined && include(c.countryCode))
      daily[c.step][i] = (daily[c.step][i] ?? 0) + c.count;
  }
  const totals = FUNNEL_STEPS.map((s) => daily[s].reduce((sum, n) => sum + n, 0));
  return {
    id,
    label,
    steps: FUNNEL_STEPS.map((step, i) => {
      const previous = i === 0 ? null : (totals[i - 1] ?? 0);
      const total = totals[i] ?? 0;
      return {
        step,
        label: STEP_LABELS[step],
        daily: daily[step],
        total,
        conversion: previous === null || previous === 0 ? null : total / previous,
      };
    }),
    drops,
  };
}

async function funnelView(
  shop: string,
  timeZone: string,
  now: Date,
  markets: readonly MarketView[],
): Promise<FunnelView> {
  // Ingestion refuses events older than 3 days, so older days do not change once rolled up
  // (each checkout run rolls up its whole window).
  const state = await funnelState(shop, timeZone, now, { rollUpDays: 4 });
  const days = Array.from({ length: CHART_DAYS }, (_, i) =>
    addDays(state.today, i - CHART_DAYS + 1),
  );
  if (state.eventCount === 0) return { eventCount: 0, days, groups: [] };
  const counts = await funnelDaysBetween(shop, days[0] ?? state.today, state.today);
  const seen = new Set(counts.map((c) => c.countryCode));
  const inMarket = new Set(markets.flatMap((m) => m.countries));
  const groups: FunnelGroup[] = [
    group(
      "all",
      "All markets",
      days,
      counts,
      () => true,
      dropsOf(state.verdicts, (s) => s === ALL_COUNTRIES),
    ),
  ];
  for (const market of markets) {
    if (!market.countries.some((c) => seen.has(c))) continue;
    const countries = new Set(market.countries);
    groups.push(
      group(
        market.handle,
        market.name,
        days,
        counts,
        (c) => countries.has(c),
        dropsOf(state.verdicts, (s) => countries.has(s)),
      ),
    );
  }
  const other = [...seen].filter((c) => !inMarket.has(c));
  if (markets.length > 0 && other.length > 0) {
    const set = new Set(other);
    groups.push(
      group(
        "other",
        other.includes(UNKNOWN_COUNTRY) && other.length === 1
          ? "Unknown country"
          : "Other countries",
        days,
        counts,
        (c) => set.has(c),
        dropsOf(state.verdicts, (s) => set.has(s)),
      ),
    );
  }
  return { eventCount: state.eventCount, days, groups };
}

export async function checkoutPageData(shop: string, now = new Date()): Promise<CheckoutPageData> {
  const [settings, status, runs, pixel] = await Promise.all([
    getShopSettings(shop),
    checkoutJobStatus(shop, now),
    listCheckoutRuns(shop, 10),
    pixelStatus(shop),
  ]);
  const { timeZone } = settings;
  const latest = runs[0] ? runView(runs[0], timeZone) : null;
  const funnel = await funnelView(shop, timeZone, now, latest?.markets ?? []);
  return {
    shop,
    timeZone,
    status,
    latest,
    history: runs.map((r) => historyEntry(r, timeZone)),
    funnel,
    pixel: {
      connected: pixel.activatedAt !== null,
      activatedAt: pixel.activatedAt ? formatInZone(new Date(pixel.activatedAt), timeZone) : null,
      events: pixel.events,
      lastEventAt: pixel.lastEventAt ? formatInZone(new Date(pixel.lastEventAt), timeZone) : null,
    },
  };
}
