/**
 * The Performance page's action: "Measure storefront", "Run Lighthouse" and "Cancel" (the shared
 * run intents, ~/jobs/run-actions.server) and the storefront password, parsed by one schema.
 */
import { z } from "zod";
import { perfHttpJob, perfLighthouseJob } from "~/jobs/definitions";
import { runIntent, runIntents, runnable, type RunActionResult } from "~/jobs/run-actions.server";
import { readForm } from "~/lib/actions.server";
import type { PasswordFormResult } from "../ui/StorefrontPasswordCard";
import { passwordAction, passwordIntents } from "./storefront-password.server";

const manual = (shop: string) => ({ shop, trigger: "manual" as const });

const JOBS = [
  runnable(perfHttpJob, manual, {
    already: "A measurement is already queued or running for this shop.",
    started: "Measuring the storefront in the background. Reload the page in a minute.",
    cancelling: "Cancelling the measurement.",
  }),
  runnable(perfLighthouseJob, manual, {
    already: "Lighthouse is already queued or running for this shop.",
    started:
      "Running Lighthouse in the background (3 runs each of home, a collection and a product: a few minutes). Progress shows below.",
    cancelling: "Cancelling Lighthouse. Chromium stops at once.",
  }),
];

export const performanceForm = z.discriminatedUnion("intent", [
  ...runIntents([perfHttpJob.id, perfLighthouseJob.id]),
  ...passwordIntents,
]);

export async function performanceAction(
  shop: string,
  request: Request,
): Promise<RunActionResult | PasswordFormResult> {
  const form = await readForm(request, performanceForm);
  return form.intent === "run" || form.intent === "cancel"
    ? runIntent(shop, form, JOBS)
    : passwordAction(shop, request, form);
}
