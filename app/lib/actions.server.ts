/**
 * The one way a route action reads its form (docs/decisions/020-actions-and-single-sources.md):
 * one zod schema per intent, joined in a discriminated union on `intent`, parsed here. A form the
 * page never sends (an unknown intent, a missing field) is answered 400 with a sentence saying
 * what was wrong, before anything is written; what a manager can get wrong in a well-formed form
 * (a bad e-mail address, a blank threshold) stays the intent's own typed result.
 */
import { z } from "zod";

/** A form as a plain object: one value per field, an array where a field repeats. */
export function formObject(
  form: FormData,
): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const object: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [name, value] of form) {
    const seen = object[name];
    object[name] =
      seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return object;
}

/** A field that may repeat (checkboxes, selected rows): always an array of strings. */
export const manyStrings = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string()),
);

/** A text field that may be absent (an unchecked box, an empty upload): "" when it is. */
export const optionalText = z.string().default("");

/** The 400 answer to a form the page does not send. */
export function badRequest(message: string): Response {
  return Response.json({ ok: false, message }, { status: 400 });
}

/** What was wrong with a form, in one sentence. */
export function formProblem(error: z.ZodError, input: Record<string, unknown>): string {
  const issue = error.issues[0];
  const field = String(issue?.path[0] ?? "intent");
  if (field === "intent" || issue?.code === "invalid_union") {
    const intent = input.intent;
    return typeof intent === "string" ? `Unknown action "${intent}".` : "The form has no action.";
  }
  return input[field] === undefined
    ? `The form is missing the field "${field}".`
    : `The field "${field}" is not valid: ${issue?.message ?? "unexpected value"}.`;
}

/** The form parsed by `schema`; throws a 400 Response (see badRequest) when it does not fit. */
export function parseForm<S extends z.ZodType>(schema: S, form: FormData): z.output<S> {
  const input = formObject(form);
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw badRequest(formProblem(parsed.error, input));
  return parsed.data;
}

/** The request's form parsed by `schema` (see parseForm). */
export async function readForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<z.output<S>> {
  return parseForm(schema, await request.formData());
}
