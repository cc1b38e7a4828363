/**
 * The Products page's actions: suppress or lift the selected findings (rows of the page, or
 * every finding matching the page's filters), and save the rule settings. Form fields:
 *
 *   intent=suppress  reason=…  id=<row id>…  |  all=1 query=<the page's search string>
 *   intent=lift      id=<row id>…            |  all=1 query=…
 *   intent=settings  productQa.minImages=3 … disabledRules=<rule id>…
 */
import { z } from "zod";
import { manyStrings, optionalText } from "~/lib/actions.server";
import { parseAuditSettings, type SettingsError } from "~/product-qa/domain/settings";
import { saveAuditSettings } from "~/product-qa/models/audit-settings.server";
import { findingKeys, findingKeysByIds } from "~/product-qa/models/findings.server";
import {
  SuppressionError,
  liftSuppressions,
  suppressFindings,
} from "~/product-qa/models/suppressions.server";
import { findingFilter } from "./products-page.server";
import { parseProductsQuery } from "./products-query";

export type ProductsActionResult =
  | { intent: "suppress"; ok: true; suppressed: number; selected: number }
  | { intent: "lift"; ok: true; lifted: number; selected: number }
  | { intent: "suppress" | "lift"; ok: false; error: string }
  | { intent: "settings"; ok: boolean; errors: SettingsError[] };

const THRESHOLDS = [
  "minImages",
  "minDescriptionWords",
  "maxSeoTitleLength",
  "maxSeoDescriptionLength",
] as const;

/** The rows acted on: those ticked (`id`…), or every finding the page's filters match. */
const selection = { all: z.literal("1").optional(), query: optionalText, id: manyStrings };

/** One schema per intent (~/lib/actions.server parses it). */
export const productsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("suppress"), reason: optionalText, ...selection }),
  z.object({ intent: z.literal("lift"), ...selection }),
  z.object({
    intent: z.literal("settings"),
    ...Object.fromEntries(THRESHOLDS.map((name) => [`productQa.${name}`, optionalText])),
    disabledRules: manyStrings,
  }),
]);

export type ProductsForm = z.output<typeof productsForm>;
type Selected = Extract<ProductsForm, { intent: "suppress" | "lift" }>;

async function selectedKeys(shop: string, form: Selected): Promise<string[]> {
  if (form.all === "1")
    return findingKeys(shop, findingFilter(parseProductsQuery(new URLSearchParams(form.query))));
  return findingKeysByIds(
    shop,
    form.id.filter((id) => id !== ""),
  );
}

/** The settings form as the JSON shape parseAuditSettings reads; blank numbers are refused. */
export function settingsFromForm(form: Record<string, unknown>): unknown {
  return {
    productQa: Object.fromEntries(
      THRESHOLDS.map((name) => {
        const raw = String(form[`productQa.${name}`] ?? "").trim();
        return [name, raw === "" ? Number.NaN : Number(raw)];
      }),
    ),
    disabledRules: form.disabledRules,
  };
}

export async function productsAction(
  shop: string,
  actor: string,
  form: ProductsForm,
): Promise<ProductsActionResult> {
  if (form.intent === "settings") {
    const parsed = parseAuditSettings(settingsFromForm(form));
    if (!parsed.ok) return { intent: form.intent, ok: false, errors: parsed.errors };
    await saveAuditSettings(shop, parsed.settings);
    return { intent: form.intent, ok: true, errors: [] };
  }
  const { intent } = form;
  const keys = await selectedKeys(shop, form);
  if (keys.length === 0) return { intent, ok: false, error: "No findings selected." };
  if (form.intent === "lift") {
    const { lifted } = await liftSuppressions({ shop, keys, by: actor });
    return { intent: form.intent, ok: true, lifted, selected: keys.length };
  }
  try {
    const { suppressed } = await suppressFindings({ shop, keys, reason: form.reason, by: actor });
    return { intent: form.intent, ok: true, suppressed, selected: keys.length };
  } catch (error) {
    if (error instanceof SuppressionError)
      return { intent: form.intent, ok: false, error: error.message };
    throw error;
  }
}
