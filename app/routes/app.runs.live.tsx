/** GET /app/runs/live: the shop's full-audit status as JSON, polled while a run is active. */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { auditStatus } from "~/jobs/status.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return Response.json(await auditStatus(shop), { headers: { "Cache-Control": "no-store" } });
};
