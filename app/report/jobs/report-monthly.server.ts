/** `report.monthly`: drafts one shop's report for one month (services/report/monthly.server.ts). */
import type { JobContext } from "~/jobs/define";

export interface ReportMonthlyPayload {
  shop: string;
  /** YYYY-MM: the month reported on. */
  month: string;
}

export default async function reportMonthly(payload: ReportMonthlyPayload, ctx: JobContext) {
  const { runMonthlyReport } = await import("~/report/server/monthly.server");
  await ctx.progress("drafting the report", 10).catch(() => undefined);
  return runMonthlyReport(payload.shop, payload.month);
}
