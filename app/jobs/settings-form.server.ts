/**
 * The Settings page's forms (weekly schedule, alert targets) validated with zod; errors come back
 * per field, in words a manager understands.
 */
import { z } from "zod";
import { webhookUrlProblem } from "~/lib/egress/webhook-url.server";

export type FieldErrors = Partial<Record<string, string>>;

export const scheduleForm = z.object({
  weekday: z.coerce
    .number({ error: "Choose a weekday." })
    .int()
    .min(1, "Choose a weekday.")
    .max(7, "Choose a weekday."),
  hour: z.coerce
    .number({ error: "Choose an hour." })
    .int()
    .min(0, "Choose an hour between 00 and 23.")
    .max(23, "Choose an hour between 00 and 23."),
  enabled: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

const MAX_RECIPIENTS = 10;

export const alertsForm = z.object({
  emails: z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(/[,;\s]+/)
        .map((e) => e.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.email({ error: (issue) => `"${String(issue.input)}" is not an email address.` }))
        .max(MAX_RECIPIENTS, `At most ${MAX_RECIPIENTS} recipients.`),
    ),
  webhookUrl: z
    .string()
    .default("")
    .transform((v) => v.trim())
    .refine((v) => v === "" || v.length <= 2000, "That URL is too long.")
    // Asynchronous (DNS): parse this form with safeParseAsync. Decision 016.
    .superRefine(async (v, ctx) => {
      if (v === "" || v.length > 2000) return;
      const problem = await webhookUrlProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  removeWebhook: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});

/** zod issues as one message per form field (the first for each). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
