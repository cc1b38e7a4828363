/** `perf.http`: one HTTP performance run of the shop's storefront (services/perf/run.server.ts). */
import type { JobContext } from "../define";

export interface PerfHttpPayload {
  shop: string;
  trigger: "schedule" | "manual" | "cli";
}

export default async function perfHttp(payload: PerfHttpPayload, ctx: JobContext) {
  const { runPerfHttp } = await import("~/services/perf/run.server");
  await ctx.progress("crawling the storefront", 10).catch(() => undefined);
  const run = await runPerfHttp(payload.shop, { jobRunId: ctx.jobRunId });
  // A skipped run (no storefront password) is an answer, not an error: the job succeeds.
  if (run.status === "failed") throw new Error(run.reason ?? "The performance run failed.");
  return {
    perfRunId: run.id,
    status: run.status,
    reason: run.reason,
    findings: run.results?.findings.length ?? 0,
  };
}
