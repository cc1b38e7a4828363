/**
 * Every job Tovholder runs. Adding one is one definition here plus its entry in JOBS, and its
 * handler module registered in ./handlers.server.ts: providers, scheduler, history and UI need
 * no change.
 */
import { z } from "zod";
import { JobRegistry, defineJob } from "./define";
import { SHOPIFY_BULK_QUERY_LIMIT_MS } from "~/shopify/bulk/limits";

/**
 * A job that may collect a shop through bulk operations waits as long as Shopify lets them run
 * (10 days) plus time for the rest of the run; a shorter timeout would abort a large shop's
 * export that Shopify is still working on.
 */
const COLLECTING_TIMEOUT_MS = SHOPIFY_BULK_QUERY_LIMIT_MS + 3 * 3_600_000;

const shop = z.string().min(1);

/** A full audit of one shop: collect a snapshot, run every audit, diff, alert. */
export const auditRunShopJob = defineJob({
  id: "audit.run-shop",
  version: 1,
  payload: z.object({ shop, trigger: z.enum(["schedule", "manual", "install", "cli"]) }),
  // One full audit per shop at a time: a second would also compete for the shop's bulk operations.
  concurrencyKey: (p) => `audit:${p.shop}`,
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
  timeoutMs: COLLECTING_TIMEOUT_MS,
});

/** Re-check one product after a products/update or products/delete webhook. */
export const auditProductJob = defineJob({
  id: "audit.product",
  version: 1,
  payload: z.object({
    shop,
    productId: z.string().min(1),
    action: z.enum(["update", "delete"]),
    webhookId: z.string().min(1),
  }),
  // One re-check of a product at a time, in order: an update's late commit cannot undo a delete.
  concurrencyKey: (p) => `audit.product:${p.shop}:${p.productId}`,
  maxAttempts: 5,
  backoff: { baseMs: 10_000, maxMs: 10 * 60_000 },
  timeoutMs: 5 * 60_000,
});

/** Retention: old snapshots, finished job runs and alerts (docs/decisions/007-jobs.md). */
export const maintenanceCleanupJob = defineJob({
  id: "maintenance.cleanup",
  version: 1,
  payload: z.object({}),
  concurrencyKey: () => "maintenance.cleanup",
  maxAttempts: 3,
  timeoutMs: 30 * 60_000,
});

/**
 * Deleted data leaves no bytes behind (docs/security.md): after shop/redact and app/uninstalled,
 * SQLite rewrites its file without the deleted rows (VACUUM, then a WAL checkpoint). The payload
 * names the reason only, never the shop: this run's row must not keep the shop's domain.
 */
export const maintenanceCompactJob = defineJob({
  id: "maintenance.compact",
  version: 1,
  payload: z.object({ reason: z.enum(["shop/redact", "app/uninstalled", "secrets"]) }),
  concurrencyKey: () => "maintenance.compact",
  maxAttempts: 5,
  backoff: { baseMs: 30_000, maxMs: 15 * 60_000 },
  timeoutMs: 30 * 60_000,
});

/** One alert: what it is about (`key`, deduplicated per shop and channel) and what to say. */
export const alertItemSchema = z.object({
  /** "finding:<finding key>", later "checkout:<market>", …: the Alert row's key. */
  key: z.string().min(1),
  title: z.string(),
  detail: z.string().nullable(),
  /** Where to fix it (Shopify admin), if anywhere. */
  url: z.string().nullable(),
});
export type AlertItem = z.output<typeof alertItemSchema>;

/** Sends a run's alerts by email and webhook; retried with backoff, never sent twice. */
export const alertsDeliverJob = defineJob({
  id: "alerts.deliver",
  version: 1,
  payload: z.object({
    shop,
    /** The run the alerts come from (AuditRun id, later checkout runs). */
    runId: z.string().min(1),
    items: z.array(alertItemSchema).min(1),
  }),
  // Two deliveries for one shop would both see an alert as unsent and send it twice.
  concurrencyKey: (p) => `alerts:${p.shop}`,
  maxAttempts: 8,
  backoff: { baseMs: 60_000, maxMs: 6 * 60 * 60_000 },
  timeoutMs: 5 * 60_000,
});

/**
 * Checkout checks for one shop (readiness, a synthetic cart per market, the funnel): from the
 * Checkout page, the CLI, and after each weekly audit (with the snapshot that audit stored).
 */
export const checkoutSyntheticJob = defineJob({
  id: "checkout.synthetic",
  version: 1,
  payload: z.object({
    shop,
    trigger: z.enum(["schedule", "manual", "cli"]),
    /** The weekly audit's stored snapshot; without it the shop is collected first. */
    snapshotId: z.string().min(1).optional(),
    auditRunId: z.string().min(1).optional(),
  }),
  // One checkout run per shop at a time: both would create carts and rotate the same token.
  concurrencyKey: (p) => `checkout:${p.shop}`,
  maxAttempts: 3,
  backoff: { baseMs: 60_000, maxMs: 30 * 60_000 },
  // Without a stored snapshot it collects the shop first, through bulk operations if large.
  timeoutMs: COLLECTING_TIMEOUT_MS,
});

/** The storefront's HTTP performance run: page figures, app footprint, leftovers (decision 010). */
export const perfHttpJob = defineJob({
  id: "perf.http",
  version: 1,
  payload: z.object({ shop, trigger: z.enum(["schedule", "manual", "cli"]) }),
  // One crawl of a shop at a time: two would compare with the same previous run.
  concurrencyKey: (p) => `perf:${p.shop}`,
  maxAttempts: 2,
  backoff: { baseMs: 60_000, maxMs: 10 * 60_000 },
  timeoutMs: 15 * 60_000,
});

/**
 * Lighthouse lab runs of the shop's storefront (home, a collection, a product; N runs each) in a
 * headless Chromium (decision 010). Cancelling it kills Chromium.
 */
export const perfLighthouseJob = defineJob({
  id: "perf.lighthouse",
  version: 1,
  payload: z.object({
    shop,
    trigger: z.enum(["schedule", "manual", "cli"]),
    /** Runs per page (default 3). */
    runs: z.number().int().min(1).max(9).optional(),
  }),
  // One Chromium per shop at a time; runs of different shops may share the machine.
  concurrencyKey: (p) => `perf.lighthouse:${p.shop}`,
  maxAttempts: 2,
  backoff: { baseMs: 5 * 60_000, maxMs: 30 * 60_000 },
  timeoutMs: 30 * 60_000,
});

/**
 * The monthly report of one shop (decision 011): drafted on the 1st at the shop's weekly audit
 * hour, for the month before; issued at once when the shop has auto-issue on. Idempotent: a
 * month that has a report is left alone.
 */
export const reportMonthlyJob = defineJob({
  id: "report.monthly",
  version: 1,
  payload: z.object({ shop, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
  concurrencyKey: (p) => `report:${p.shop}`,
  maxAttempts: 3,
  backoff: { baseMs: 5 * 60_000, maxMs: 60 * 60_000 },
  timeoutMs: 30 * 60_000,
});

export const JOBS = new JobRegistry([
  auditRunShopJob,
  auditProductJob,
  maintenanceCleanupJob,
  maintenanceCompactJob,
  alertsDeliverJob,
  checkoutSyntheticJob,
  perfHttpJob,
  perfLighthouseJob,
  reportMonthlyJob,
]);
