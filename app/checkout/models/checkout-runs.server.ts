/**
 * Checkout check runs, stored as SyntheticCheckout rows: one row per market (its synthetic
 * cart, with the market's matrix cells) and one **summary row** per run (`marketHandle` "*",
 * `countryCode` ""), which holds the run's readiness findings, skipped rules and payment facts.
 * All rows of a run share its `startedAt`, which is how a run's rows are found again; runs are
 * kept (history), newest first.
 *
 * `details` is JSON written by this module only (version 1); reading trusts its shape.
 */
import { prisma, type Db } from "~/db/db.server";
import type { Finding, SkippedRule } from "~/findings/types";
import type { StorefrontPayments } from "~/checkout/domain/input";
import type { MatrixCells } from "~/checkout/domain/matrix";
import type { FailureKind, PickBasis } from "~/checkout/domain/synthetic";

export const SUMMARY_MARKET = "*";

export interface SyntheticMarketDetails {
  marketId: string;
  marketName: string;
  countries: string[];
  cells: MatrixCells;
  failure: FailureKind | null;
  pick: { basis: PickBasis; productTitle: string; variantTitle: string; variantId: string } | null;
  address: { city: string | null; zip: string | null; countryCode: string } | null;
  cart: {
    subtotal: { amount: string; currencyCode: string } | null;
    deliveryOptions: { title: string | null; amount: string; currencyCode: string }[];
    warnings: string[];
  } | null;
  checkout: { status: number | null; page: string; finalUrl: string | null } | null;
  /** Milliseconds per step: pick, cart, checkout, total. */
  timings: { pickMs: number; cartMs: number | null; checkoutMs: number | null; totalMs: number };
}

export interface RunSummaryDetails {
  findings: Finding[];
  skipped: SkippedRule[];
  ran: string[];
  payments: StorefrontPayments | null;
  /** Admin API wallets of the snapshot (absent in runs stored before it was collected). */
  adminWallets?: string[] | null;
  /** Why no synthetic cart ran (no Storefront access, no active market), or null. */
  syntheticSkipped: string | null;
  durationMs: number;
  /**
   * When the shop's configuration the checks judged was read, and whether it was read before the
   * run (an audit's stored snapshot) rather than by it. Absent in runs stored before it was kept.
   */
  storeRead?: { at: string; reused: boolean };
}

export interface MarketRun {
  marketHandle: string;
  countryCode: string;
  status: "pass" | "fail";
  reason: string | null;
  details: SyntheticMarketDetails;
  startedAt: Date;
  finishedAt: Date;
}

export interface CheckoutRun {
  runId: string;
  shop: string;
  auditRunId: string | null;
  jobRunId: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  status: "pass" | "fail";
  reason: string | null;
  summary: RunSummaryDetails;
  markets: MarketRun[];
}

type Stored<T> = T & { version: 1; runId: string };

export async function saveCheckoutRun(run: CheckoutRun, db: Db = prisma): Promise<void> {
  const common = {
    shop: run.shop,
    auditRunId: run.auditRunId,
    jobRunId: run.jobRunId,
    startedAt: run.startedAt,
  };
  const summary: Stored<RunSummaryDetails> = { version: 1, runId: run.runId, ...run.summary };
  await db.syntheticCheckout.createMany({
    data: [
      {
        ...common,
        marketHandle: SUMMARY_MARKET,
        countryCode: "",
        status: run.status,
        reason: run.reason,
        details: JSON.stringify(summary),
        finishedAt: run.finishedAt,
      },
      ...run.markets.map((m) => {
        const details: Stored<SyntheticMarketDetails> = {
          version: 1,
          runId: run.runId,
          ...m.details,
        };
        return {
          ...common,
          marketHandle: m.marketHandle,
          countryCode: m.countryCode,
          status: m.status,
          reason: m.reason,
          details: JSON.stringify(details),
          finishedAt: m.finishedAt,
        };
      }),
    ],
  });
}

function parse<T>(text: string): Stored<T> {
  return JSON.parse(text) as Stored<T>;
}

/** The shop's latest runs, newest first, with their market rows. */
export async function listCheckoutRuns(
  shop: string,
  limit = 10,
  db: Db = prisma,
): Promise<CheckoutRun[]> {
  const summaries = await db.syntheticCheckout.findMany({
    where: { shop, marketHandle: SUMMARY_MARKET },
    orderBy: { startedAt: "desc" },
    take: limit,
  });
  if (summaries.length === 0) return [];
  const rows = await db.syntheticCheckout.findMany({
    where: {
      shop,
      marketHandle: { not: SUMMARY_MARKET },
      startedAt: { in: summaries.map((s) => s.startedAt) },
    },
    orderBy: [{ startedAt: "desc" }, { marketHandle: "asc" }],
  });
  return summaries.map((s) => {
    const summary = parse<RunSummaryDetails>(s.details);
    const markets = rows
      .filter((r) => r.startedAt.getTime() === s.startedAt.getTime())
      .map((r): MarketRun => {
        const { version: _v, runId: _r, ...details } = parse<SyntheticMarketDetails>(r.details);
        return {
          marketHandle: r.marketHandle,
          countryCode: r.countryCode,
          status: r.status === "pass" ? "pass" : "fail",
          reason: r.reason,
          details,
          startedAt: r.startedAt,
          finishedAt: r.finishedAt ?? r.startedAt,
        };
      });
    const { version: _v, runId, ...rest } = summary;
    return {
      runId,
      shop,
      auditRunId: s.auditRunId,
      jobRunId: s.jobRunId,
      startedAt: s.startedAt,
      finishedAt: s.finishedAt,
      status: s.status === "pass" ? "pass" : "fail",
      reason: s.reason,
      summary: rest,
      markets,
    };
  });
}
