/**
 * GET /app/jobs/live?job=<job id>: the shop's live status of one job as JSON (~/ui/job-run polls
 * it while a run is active). The dashboard's audit card polls /app/runs/live, which adds the
 * weekly schedule.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { JOBS } from "~/jobs/definitions";
import { jobRunStatus } from "~/jobs/run-actions.server";
import { badRequest } from "~/lib/actions.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const job = JOBS.get(new URL(request.url).searchParams.get("job") ?? "");
  if (!job) throw badRequest("Unknown job.");
  return Response.json(await jobRunStatus(shop, job.id), {
    headers: { "Cache-Control": "no-store" },
  });
};
