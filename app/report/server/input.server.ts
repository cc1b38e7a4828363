/**
 * Reads what a month's report is built from (runs, findings, suppressions, snapshots' order
 * KPIs, checkout runs, funnel, alerts) and hands it to the pure builder.
 */
import { buildReport, type ReportInput, type ReportRunInput } from "~/report/domain/build";
import { addMonths, monthBounds, safeTimeZone } from "~/time";
import type { AnalyticsMonth, ReportData } from "~/report/domain/types";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { listAlerts } from "~/alerts/index.server";
import {
  listAuditRuns,
  readAuditRunFindings,
  type AuditRunRecord,
} from "~/product-qa/index.server";
import { funnelDaysBetween } from "~/checkout/index.server";
import { listCheckoutRuns } from "~/checkout/index.server";
import { listPerfRuns } from "~/performance/index.server";
import { getShopSettings, saveAnalyticsAccess } from "~/db/shop-settings.server";
import { getShop } from "~/db/shops.server";
import { loadSnapshot } from "~/snapshot/models/snapshots.server";
import { listSuppressions } from "~/product-qa/index.server";
import { ruleDefinition } from "~/product-qa";
import { openShopClient } from "~/product-qa/index.server";
import { accessOf, fetchMonthAnalytics, READ_REPORTS } from "~/shopify/analytics.server";
import { parseStoredFindings, parseSummary } from "~/product-qa";

/** Runs read back per shop: a year of weekly runs and re-checks is well within this. */
const RUN_WINDOW = 1000;

function toRunInput(run: AuditRunRecord): ReportRunInput | null {
  const s = parseSummary(run.summary);
  if (s === null) return null;
  return {
    id: run.id,
    startedAt: run.startedAt.toISOString(),
    score: s.score?.overall ?? null,
    productsChecked: s.stats["product-qa"]?.productsChecked ?? s.collection?.products ?? null,
    counts: s.counts,
    gaps: s.collection?.gaps ?? [],
  };
}

/**
 * The month's, the previous month's and the same month last year's figures from Shopify's
 * analytics (ShopifyQL), for the months that are over, when the shop granted read_reports.
 * A shop the app cannot reach at all gets none (the builder falls back to the snapshots' order
 * KPIs); a figure ShopifyQL could not give says why in its own cell.
 */
export async function loadAnalytics(
  shop: string,
  month: string,
  timeZone: string,
  scopes: string[] | null,
  now: Date,
): Promise<AnalyticsMonth[]> {
  if (!scopes?.includes(READ_REPORTS)) {
    if (scopes !== null) await saveAnalyticsAccess(shop, "read_reports_not_granted");
    return [];
  }
  const months = [month, addMonths(month, -1), addMonths(month, -12)].filter(
    (m) => monthBounds(m, timeZone).end.getTime() <= now.getTime(),
  );
  if (months.length === 0) return [];
  let client;
  try {
    client = await openShopClient(shop);
  } catch {
    return [];
  }
  const out: AnalyticsMonth[] = [];
  for (const m of months)
    out.push(
      await fetchMonthAnalytics(client, m, { scopes, monthEnd: monthBounds(m, timeZone).end }),
    );
  // What the answers say about the access, for Settings and the CLI.
  const access = out.map(accessOf).find((a) => a !== null);
  if (access) await saveAnalyticsAccess(shop, access);
  return out;
}

export interface ReportTexts {
  commentary: string;
  priorities: string;
}

export async function shopTimeZone(shop: string): Promise<string> {
  return safeTimeZone((await getShopSettings(shop)).timeZone);
}

type Bounds = { start: Date; end: Date };

/** The full audits the report reads: from the previous month on, the month's last, the first after. */
async function auditRuns(shop: string, { start, end }: Bounds, previousStart: Date) {
  const succeeded = (await listAuditRuns(shop, { take: RUN_WINDOW, kind: "full" })).filter(
    (r) => r.status === "succeeded",
  );
  const runs = succeeded.filter((r) => r.startedAt >= previousStart);
  const inMonth = runs.filter((r) => r.startedAt >= start && r.startedAt < end);
  const lastInMonth = inMonth.reduce<AuditRunRecord | null>(
    (a, r) => (a === null || r.startedAt > a.startedAt ? r : a),
    null,
  );
  // The first run after the month: its orders cover the whole month.
  const firstAfter = runs
    .filter((r) => r.startedAt >= end)
    .reduce<AuditRunRecord | null>(
      (a, r) => (a === null || r.startedAt < a.startedAt ? r : a),
      null,
    );
  return { succeeded, runs, lastInMonth, firstAfter };
}

async function snapshotsOf(shop: string, runs: (AuditRunRecord | null)[]) {
  const snapshots: StoreSnapshot[] = [];
  for (const run of runs)
    if (run?.snapshotId) {
      const snapshot = await loadSnapshot(shop, run.snapshotId).catch(() => null);
      if (snapshot) snapshots.push(snapshot);
    }
  return snapshots;
}

/** The last run's findings, the shop's suppressions and the titles of their rules. */
async function findingsOf(shop: string, lastInMonth: AuditRunRecord | null) {
  const findings =
    lastInMonth === null
      ? null
      : parseStoredFindings(await readAuditRunFindings(shop, lastInMonth.id)).findings;
  const ruleTitles: Record<string, string> = {};
  for (const f of findings ?? [])
    ruleTitles[f.ruleId] ??= ruleDefinition(f.ruleId)?.title ?? f.ruleId;
  const suppressions = await listSuppressions(shop);
  for (const s of suppressions) {
    const ruleId = s.key.split(":")[0] ?? s.key;
    ruleTitles[ruleId] ??= ruleDefinition(ruleId)?.title ?? ruleId;
  }
  return { findings, ruleTitles, suppressions };
}

/** The month's checkout checks, funnel, alerts and storefront performance runs. */
async function monitoringOf(shop: string, month: string, { start, end }: Bounds) {
  const within = (at: Date) => at >= start && at < end;
  const checkoutRuns = (await listCheckoutRuns(shop, 200)).filter((r) => within(r.startedAt));
  const funnel = await funnelDaysBetween(shop, `${month}-01`, `${month}-31`);
  const alerts = (await listAlerts(shop, { limit: 1000 })).filter((a) => within(a.sentAt));
  const perfRuns = (await listPerfRuns(shop, "http", { limit: 200, status: "succeeded" })).filter(
    (r) => within(r.startedAt),
  );
  return {
    checkoutRuns: checkoutRuns.map((r) => ({
      startedAt: r.startedAt.toISOString(),
      status: r.status,
      reason: r.reason,
      readiness: r.summary.findings,
      markets: r.markets.map((m) => ({
        name: m.details.marketName,
        countryCode: m.countryCode,
        status: m.status,
        reason: m.reason,
      })),
    })),
    funnel,
    alerts: alerts.map((a) => ({ at: a.sentAt.toISOString(), key: a.key })),
    perfRuns: perfRuns.flatMap((r) =>
      r.results === null
        ? []
        : [
            {
              startedAt: r.startedAt.toISOString(),
              pages: r.results.pages.map((p) => ({
                type: p.type,
                totalBytes: p.totalBytes,
                requests: p.requests,
              })),
              changes: r.results.changes.map((c) => ({ message: c.message })),
            },
          ],
    ),
  };
}

/**
 * The shop's name, currency and locale as the month's runs saw them; for a month without a run
 * (the current one, early on), as the latest run saw them: sales figures need their currency.
 */
async function shopInfoOf(
  shop: string,
  snapshots: StoreSnapshot[],
  succeeded: AuditRunRecord[],
  end: Date,
) {
  let info = snapshots[0]?.shop ?? null;
  if (info === null) {
    const latest = succeeded.find((r) => r.snapshotId !== null && r.startedAt < end);
    const snapshot = latest?.snapshotId
      ? await loadSnapshot(shop, latest.snapshotId).catch(() => null)
      : null;
    info = snapshot?.shop ?? null;
  }
  return info;
}

/** Everything the builder needs for the shop's month, read from storage. */
export async function gatherReportInput(
  shop: string,
  month: string,
  texts: ReportTexts,
  now = new Date(),
): Promise<ReportInput> {
  const timeZone = await shopTimeZone(shop);
  const bounds = monthBounds(month, timeZone);
  const previousStart = monthBounds(addMonths(month, -1), timeZone).start;
  const { succeeded, runs, lastInMonth, firstAfter } = await auditRuns(shop, bounds, previousStart);
  const snapshots = await snapshotsOf(shop, [lastInMonth, firstAfter]);
  const { findings, ruleTitles, suppressions } = await findingsOf(shop, lastInMonth);
  const monitoring = await monitoringOf(shop, month, bounds);
  const shopRow = await getShop(shop);
  const info = await shopInfoOf(shop, snapshots, succeeded, bounds.end);
  const scopes = shopRow?.scopes ? shopRow.scopes.split(",").map((s) => s.trim()) : null;
  const analytics = await loadAnalytics(shop, month, timeZone, scopes, now);

  return {
    shop,
    month,
    timeZone,
    now: now.toISOString(),
    shopInfo: {
      name: info?.name ?? shopRow?.name ?? null,
      currencyCode: info?.currencyCode ?? null,
      countryCode: info?.countryCode ?? null,
      primaryLocale: info?.primaryLocale ?? null,
    },
    runs: runs.flatMap((r) => toRunInput(r) ?? []),
    lastRunFindings: findings,
    ruleTitles,
    suppressions,
    orderKpis: snapshots.flatMap((s) =>
      s.orderKpis === null ? [] : [{ collectedAt: s.source.collectedAt, months: s.orderKpis }],
    ),
    scopes,
    analytics,
    ...monitoring,
    commentary: texts.commentary,
    priorities: texts.priorities,
  };
}

export async function buildShopReport(
  shop: string,
  month: string,
  texts: ReportTexts,
  now = new Date(),
): Promise<ReportData> {
  return buildReport(await gatherReportInput(shop, month, texts, now));
}
