/**
 * The dashboard's action: "Run now" and "Cancel" on the audit card (the shared run intents,
 * ~/jobs/run-actions.server).
 */
import { z } from "zod";
import { auditRunShopJob } from "~/jobs/definitions";
import { runIntent, runIntents, runnable, type RunActionResult } from "~/jobs/run-actions.server";
import { readForm } from "~/lib/actions.server";

const AUDIT = runnable(auditRunShopJob, (shop) => ({ shop, trigger: "manual" }), {
  already: "An audit of this shop is already queued or running.",
  started: "Audit started. Progress shows below.",
  cancelling: "Cancelling the audit. It stops at its next step.",
});

export const dashboardForm = z.discriminatedUnion("intent", [...runIntents([AUDIT.id])]);

export async function dashboardAction(shop: string, request: Request): Promise<RunActionResult> {
  return runIntent(shop, await readForm(request, dashboardForm), [AUDIT]);
}
