/**
 * What the Performance page shows: the latest HTTP run and the latest Lighthouse run, trends over
 * stored runs, the password state, and whether Chromium is available for Lighthouse.
 */
import { PERF_RULE_LIST } from "~/performance/domain/findings";
import type { WeightedPage } from "~/performance/domain/lighthouse";
import type { PageType } from "~/performance/domain/types";
import { activeJobRuns } from "~/jobs/client.server";
import { perfHttpJob, perfLighthouseJob } from "~/jobs/definitions";
import { jobRunStatus, type JobRunStatus } from "~/jobs/run-actions.server";
import { listPerfRuns, type PerfRunView } from "~/performance/models/performance-runs.server";
import { readShopSecret } from "~/db/shop-secrets.server";
import { chromiumUnavailable } from "./chromium.server";

export interface TrendPoint {
  /** ISO time of the run. */
  at: string;
  totalBytes: Partial<Record<PageType, number>>;
  thirdPartyScriptBytes: Partial<Record<PageType, number>>;
}

export interface LighthouseTrendPoint {
  /** ISO time of the run. */
  at: string;
  scores: Partial<Record<WeightedPage | "store", number>>;
}

export interface LighthousePageData {
  /** The latest succeeded Lighthouse run. */
  latest: PerfRunView | null;
  /** The newest Lighthouse run of any status, when it is not the latest succeeded one. */
  newestOther: Pick<PerfRunView, "status" | "reason" | "startedAt"> | null;
  /** Oldest first, succeeded runs only. */
  trend: LighthouseTrendPoint[];
  /** Why Chromium cannot run on this server, or null. */
  chromiumUnavailable: string | null;
  /** The `perf.lighthouse` job live: its run card follows it (~/ui/job-run). */
  status: JobRunStatus;
}

export interface PerfPageData {
  latest: PerfRunView | null;
  /** The newest run of any status, when it is not the latest succeeded one (skipped, failed). */
  newestOther: Pick<PerfRunView, "status" | "reason" | "startedAt"> | null;
  /** Oldest first, succeeded runs only. */
  trend: TrendPoint[];
  history: Pick<PerfRunView, "id" | "status" | "reason" | "startedAt">[];
  /** Why and how to fix, per rule id. */
  rules: Record<string, { title: string; why: string; fix: string }>;
  passwordSaved: boolean;
  running: boolean;
  lighthouse: LighthousePageData;
}

async function lighthousePageData(shop: string): Promise<LighthousePageData> {
  const runs = await listPerfRuns(shop, "lighthouse", { limit: 30 });
  const succeeded = runs.filter((r) => r.status === "succeeded" && r.lighthouse !== null);
  const latest = succeeded[0] ?? null;
  const newest = runs[0] ?? null;
  return {
    latest,
    newestOther:
      newest !== null && newest.id !== latest?.id
        ? { status: newest.status, reason: newest.reason, startedAt: newest.startedAt }
        : null,
    trend: succeeded
      .slice(0, 12)
      .reverse()
      .map((r) => ({
        at: r.startedAt.toISOString(),
        scores: {
          ...Object.fromEntries((r.lighthouse?.pages ?? []).map((p) => [p.type, p.median.score])),
          ...(r.lighthouse?.storeScore != null && { store: r.lighthouse.storeScore }),
        },
      })),
    chromiumUnavailable: chromiumUnavailable(),
    status: await jobRunStatus(shop, perfLighthouseJob.id),
  };
}

export async function perfPageData(shop: string): Promise<PerfPageData> {
  const runs = await listPerfRuns(shop, "http", { limit: 30 });
  const succeeded = runs.filter((r) => r.status === "succeeded" && r.results !== null);
  const latest = succeeded[0] ?? null;
  const newest = runs[0] ?? null;
  const trend = succeeded
    .slice(0, 12)
    .reverse()
    .map((r) => ({
      at: r.startedAt.toISOString(),
      totalBytes: Object.fromEntries((r.results?.pages ?? []).map((p) => [p.type, p.totalBytes])),
      thirdPartyScriptBytes: Object.fromEntries(
        (r.results?.pages ?? []).map((p) => [p.type, p.thirdPartyScriptBytes]),
      ),
    }));
  return {
    latest,
    newestOther:
      newest !== null && newest.id !== latest?.id
        ? { status: newest.status, reason: newest.reason, startedAt: newest.startedAt }
        : null,
    trend,
    history: runs
      .slice(0, 10)
      .map(({ id, status, reason, startedAt }) => ({ id, status, reason, startedAt })),
    rules: Object.fromEntries(
      PERF_RULE_LIST.map((r) => [r.id, { title: r.title, why: r.why, fix: r.fix }]),
    ),
    passwordSaved: (await readShopSecret(shop, "storefront-password")) !== null,
    running: (await activeJobRuns(shop, perfHttpJob.id)).length > 0,
    lighthouse: await lighthousePageData(shop),
  };
}
