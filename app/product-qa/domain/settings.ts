/**
 * A shop's audit settings: thresholds per audit and rules switched off. Stored as JSON text
 * (decision 002) and parsed here, so a bad value is refused with a message a person can act on
 * ("productQa.minImages: must be a whole number from 2 to 20") instead of surfacing later as a
 * strange audit result. Every field has a default: `{}` is the default settings.
 */
import { z } from "zod";
import { PRODUCT_QA_RULE_IDS } from "./rule-ids";
import { productQaThresholdsSchema } from "./thresholds";

/** Every rule id a shop may switch off (the checkout and performance audits add theirs). */
export const KNOWN_RULE_IDS: readonly string[] = [...PRODUCT_QA_RULE_IDS];

const knownRuleIds = new Set(KNOWN_RULE_IDS);

export const auditSettingsSchema = z.strictObject({
  productQa: productQaThresholdsSchema.prefault({}),
  disabledRules: z
    .array(z.string({ error: "must be a rule id" }), { error: "must be a list of rule ids" })
    .default([])
    .superRefine((ids, ctx) => {
      const seen = new Set<string>();
      ids.forEach((id, index) => {
        if (!knownRuleIds.has(id))
          ctx.addIssue({ code: "custom", path: [index], message: `"${id}" is not a rule id` });
        else if (seen.has(id))
          ctx.addIssue({ code: "custom", path: [index], message: `"${id}" is listed twice` });
        seen.add(id);
      });
    }),
});

export type AuditSettings = z.output<typeof auditSettingsSchema>;

export const DEFAULT_AUDIT_SETTINGS: AuditSettings = auditSettingsSchema.parse({});

export interface SettingsError {
  /** Dotted path of the setting ("productQa.minImages", "disabledRules[2]"); "" for the whole. */
  path: string;
  message: string;
}

export type ParsedAuditSettings =
  { ok: true; settings: AuditSettings } | { ok: false; errors: SettingsError[] };

function dottedPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) =>
      typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`,
    )
    .join("");
}

function errorsOf(error: z.ZodError): SettingsError[] {
  return error.issues.flatMap((issue): SettingsError[] => {
    const path = dottedPath(issue.path);
    if (issue.code === "unrecognized_keys")
      return issue.keys.map((key) => ({
        path: path === "" ? key : `${path}.${key}`,
        message: "is not a setting",
      }));
    if (issue.code === "invalid_type" && issue.expected === "object")
      return [{ path, message: "must be an object" }];
    return [{ path, message: issue.message }];
  });
}

/** Parses settings from stored JSON text or an already parsed value. */
export function parseAuditSettings(json: unknown): ParsedAuditSettings {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch {
      return { ok: false, errors: [{ path: "", message: "is not valid JSON" }] };
    }
  }
  const result = auditSettingsSchema.safeParse(value);
  return result.success
    ? { ok: true, settings: result.data }
    : { ok: false, errors: errorsOf(result.error) };
}
