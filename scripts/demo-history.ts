/**
 * The demo shop's past months, so that the Reports page opens on issued reports that read like
 * an agency's: three real full audits (runShopAudit against the stand-in), one in each of the
 * last three months, with the store as it was then — problems the merchant later fixed and
 * problems that came and went — then each month's report drafted from them, given the
 * manager's commentary and issued early in the following month.
 *
 * Only the run times are moved (backdateAuditRun): collection, rules, classification (new /
 * fixed / persisting) and the KPIs (ShopifyQL from the seeded orders) are the app's own. The
 * store ends as it was generated, so the last run's findings are the store's current ones.
 * Seeded once per database: a shop that has audit runs already is left as it is.
 */
import { addMonths, monthBounds, monthOf } from "~/time";
import { formatMoney, formatNumber, formatPercent, formatter as reportFormat } from "~/format";
import type { ReportData } from "~/report/domain/types";
import { backdateAuditRun, listAuditRuns } from "~/product-qa/models/audit-runs.server";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import {
  draftReport,
  issueMonthReport,
  openReport,
  saveReportTexts,
} from "~/report/server/reports.server";
import { STANDARD_BUCKET } from "../standin/graphql/bucket";
import type { Standin } from "../standin/server";
import type { StandinProduct } from "../standin/store/types";

export interface DemoHistoryInput {
  shop: string;
  /** The stand-in serving the shop (its live store is changed during the seeding, then restored). */
  standin: Standin;
  /** Products no rule may flag in the generated store (the demo manifest's clean products). */
  cleanProductIds: string[];
  now?: Date;
  log?: (line: string) => void;
}

export interface DemoHistoryResult {
  seeded: boolean;
  months: string[];
}

export const DEMO_HISTORY_MONTHS = 3;
export const DEMO_MANAGER = "Mette Holm, Tovholder Digital";

/** A change to the store for the months before it was fixed, and its undo. */
interface Change {
  apply(): void;
  undo(): void;
}

function withoutImages(p: StandinProduct): Change {
  const media = p.media;
  const images = p.variants.map((v) => v.imageMediaId);
  return {
    apply: () => {
      p.media = [];
      for (const v of p.variants) v.imageMediaId = null;
    },
    undo: () => {
      p.media = media;
      p.variants.forEach((v, i) => (v.imageMediaId = images[i] ?? null));
    },
  };
}

function withoutSku(p: StandinProduct): Change {
  const v = p.variants[0];
  const sku = v?.sku ?? null;
  return {
    apply: () => {
      if (v) v.sku = null;
    },
    undo: () => {
      if (v) v.sku = sku;
    },
  };
}

function withoutBarcode(p: StandinProduct): Change {
  const v = p.variants[0];
  const barcode = v?.barcode ?? null;
  return {
    apply: () => {
      if (v) v.barcode = null;
    },
    undo: () => {
      if (v) v.barcode = barcode;
    },
  };
}

/** A UTC instant on a local day of the month (Copenhagen is UTC+1/+2: 05:00Z is morning). */
function dayOf(month: string, day: number, hourUtc: number): Date {
  return new Date(
    `${month}-${String(day).padStart(2, "0")}T${String(hourUtc).padStart(2, "0")}:00:00Z`,
  );
}

function kpi(data: ReportData, metric: string) {
  return data.kpis.rows.find((r) => r.metric === metric) ?? null;
}

/** The manager's words for a month, from the month's own figures (Danish: the shop's language). */
export function demoCommentary(data: ReportData): { commentary: string; priorities: string } {
  const f = reportFormat("da", data.shop, data.period.timeZone);
  const money = (n: number) => formatMoney(f, n, data.shop.currencyCode);
  const change = (ratio: number) =>
    new Intl.NumberFormat(f.locale, {
      style: "percent",
      maximumFractionDigits: 1,
      signDisplay: "exceptZero",
    }).format(ratio);
  const parts: string[] = [];
  const net = kpi(data, "netSales");
  if (net?.current.value != null) {
    let line = `Nettosalget endte på ${money(net.current.value)}`;
    const vs: string[] = [];
    if (net.previous.value != null && net.previous.value > 0)
      vs.push(`${change(net.current.value / net.previous.value - 1)} mod måneden før`);
    if (net.lastYear.value != null && net.lastYear.value > 0)
      vs.push(`${change(net.current.value / net.lastYear.value - 1)} mod samme måned sidste år`);
    if (vs.length > 0) line += ` (${vs.join(", ")})`;
    parts.push(`${line}.`);
  }
  const conv = kpi(data, "conversionRate");
  const returning = kpi(data, "returningCustomerRate");
  if (conv?.current.value != null && returning?.current.value != null)
    parts.push(
      `Konverteringsraten var ${formatPercent(f, conv.current.value)}, og ${formatPercent(f, returning.current.value)} af kunderne havde handlet hos jer før.`,
    );
  const top = data.kpis.topProducts?.[0];
  if (top) parts.push(`Bedst sælgende produkt var ${top.title}.`);
  const qa = data.productQa;
  if (qa.measured) {
    if (qa.totals.fixed > 0)
      parts.push(
        `I produktdata har vi rettet ${formatNumber(f, qa.totals.fixed)} problemer siden sidst, og sundhedsscoren står nu på ${formatNumber(f, data.summary.score ?? 0, 1)}.`,
      );
    else
      parts.push(
        `Første gennemgang af produktdata: sundhedsscoren er ${formatNumber(f, data.summary.score ?? 0, 1)}, og der er ${formatNumber(f, qa.open)} åbne problemer.`,
      );
    if (qa.totals.new > 0 && qa.totals.fixed > 0)
      parts.push(
        `${formatNumber(f, qa.totals.new)} nye problemer er kommet til – de står øverst på listen nedenfor.`,
      );
  }
  const critical = qa.openBySeverity.critical;
  const priorities = [
    critical > 0
      ? `Ret de ${formatNumber(f, critical)} kritiske problemer i produktdata først.`
      : "Hold de kritiske problemer på nul.",
    "Udfyld manglende stregkoder, så produkterne kan vises i Google Shopping.",
    "Gennemgå fragtpriserne til Norge inden højsæsonen.",
  ].join("\n");
  return { commentary: parts.join(" "), priorities };
}

export async function seedDemoHistory(input: DemoHistoryInput): Promise<DemoHistoryResult> {
  const { shop, standin } = input;
  const store = standin.store(shop);
  const now = input.now ?? new Date();
  const log = input.log ?? (() => {});
  if ((await listAuditRuns(shop, { take: 1 })).length > 0) return { seeded: false, months: [] };

  const timeZone = store.shop.ianaTimezone;
  const current = monthOf(now, timeZone);
  const months = Array.from({ length: DEMO_HISTORY_MONTHS }, (_, i) =>
    addMonths(current, i - DEMO_HISTORY_MONTHS),
  );
  const clean = input.cleanProductIds
    .map((id) => store.products.find((p) => p.id === id))
    .filter((p): p is StandinProduct => p !== undefined && p.variants.length > 0);
  // Fixed after the first month: products without photos, variants without SKU.
  const early = [...clean.slice(0, 6).map(withoutImages), ...clean.slice(6, 10).map(withoutSku)];
  // Came in the second month (a supplier feed without barcodes), fixed in the third.
  const middle = clean.slice(10, 14).map(withoutBarcode);
  // Fixed in the third month.
  const lingering = clean.slice(14, 17).map(withoutImages);

  const states: Change[][] = [[...early, ...lingering], [...lingering, ...middle], []];
  const applied = new Set<Change>();
  // The stand-in's rate limit is lifted while the history is crawled (a Standard bucket would
  // make each of these audits wait minutes for points), so the first start stays short; the
  // demo runs on the Standard bucket again afterwards.
  standin.setBucket(shop, { maximumAvailable: 200_000, restoreRate: 100_000 });
  try {
    for (const [i, month] of months.entries()) {
      const wanted = new Set(states[i] ?? []);
      for (const c of [...applied])
        if (!wanted.has(c)) {
          c.undo();
          applied.delete(c);
        }
      for (const c of wanted)
        if (!applied.has(c)) {
          c.apply();
          applied.add(c);
        }
      let phase = "";
      const { auditRunId, summary } = await runShopAudit({
        shop,
        trigger: "schedule",
        onProgress: (next) => {
          if (next !== phase) log(`audit for ${month}: ${(phase = next)}`);
        },
      });
      // A Monday-morning weekly run late in the month.
      const startedAt = dayOf(month, 24, 5);
      await backdateAuditRun(shop, auditRunId, startedAt, new Date(startedAt.getTime() + 90_000));
      log(`audit for ${month}: ${summary.counts.open} open, ${summary.counts.fixed} fixed`);
    }
  } finally {
    for (const c of applied) c.undo();
    standin.setBucket(shop, STANDARD_BUCKET);
  }

  for (const month of months) {
    // Issued on the 3rd of the following month, as an agency would.
    const issuedAt = new Date(
      monthBounds(addMonths(month, 1), timeZone).start.getTime() + (2 * 24 + 8) * 3_600_000,
    );
    const at = issuedAt.getTime() < now.getTime() ? issuedAt : now;
    // In the shop's language, as the agency writes to this merchant.
    const draft = await draftReport(shop, month, { now: at, locale: store.shop.primaryLocale });
    const { data } = await openReport(shop, month, { rebuild: false });
    await saveReportTexts(shop, draft.id, demoCommentary(data));
    await issueMonthReport(shop, month, DEMO_MANAGER, at);
    log(`report for ${month} issued`);
  }
  return { seeded: true, months };
}
