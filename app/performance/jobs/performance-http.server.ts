/** `perf.http`: one HTTP performance run of the shop's storefront (services/perf/run.server.ts). */
import { PermanentJobError, type JobContext } from "~/jobs/define";

export interface PerfHttpPayload {
  shop: string;
  trigger: "schedule" | "manual" | "cli";
}

export default async function perfHttp(payload: PerfHttpPayload, ctx: JobContext) {
  const { runPerfHttp } = await import("~/performance/server/run.server");
  await ctx.progress("crawling the storefront", 10).catch(() => undefined);
  const run = await runPerfHttp(payload.shop, { jobRunId: ctx.jobRunId });
  if (run.status === "failed") throw new Error(run.reason ?? "The performance run failed.");
  // Nothing measured (no storefront password, or one the storefront refuses): the run is
  // recorded as failed with its reason, not as succeeded. Retrying would not help.
  if (run.status === "skipped")
    throw new PermanentJobError(run.reason ?? "The storefront could not be measured.");
  return {
    perfRunId: run.id,
    status: run.status,
    reason: run.reason,
    findings: run.results?.findings.length ?? 0,
  };
}
