/** `perf.lighthouse`: Lighthouse lab runs of the shop's storefront (services/perf/lighthouse.server.ts). */
import { PermanentJobError, type JobContext } from "~/jobs/define";

export interface PerfLighthousePayload {
  shop: string;
  trigger: "schedule" | "manual" | "cli";
  runs?: number;
}

export default async function perfLighthouse(payload: PerfLighthousePayload, ctx: JobContext) {
  const { runPerfLighthouse } = await import("~/performance/server/lighthouse.server");
  await ctx.progress("entering the storefront", 0).catch(() => undefined);
  const run = await runPerfLighthouse(payload.shop, {
    runs: payload.runs,
    jobRunId: ctx.jobRunId,
    // Cancellation, timeout or a lost lease abort the signal: Chromium is killed at once.
    signal: ctx.signal,
    onProgress: (phase, percent) => ctx.progress(phase, percent).catch(() => undefined),
  });
  ctx.signal.throwIfAborted();
  if (run.status === "failed") throw new Error(run.reason ?? "The Lighthouse run failed.");
  // Nothing measured (no Chromium, no storefront password): failed with its reason, not
  // succeeded; retrying would not help.
  if (run.status === "skipped")
    throw new PermanentJobError(run.reason ?? "Lighthouse could not measure the storefront.");
  return {
    perfRunId: run.id,
    status: run.status,
    reason: run.reason,
    storeScore: run.lighthouse?.storeScore ?? null,
  };
}
