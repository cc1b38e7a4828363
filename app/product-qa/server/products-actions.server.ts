/**
 * The Products page's actions: suppress or lift the selected findings (rows of the page, or
 * every finding matching the page's filters), and save the rule settings. Form fields:
 *
 *   intent=suppress  reason=…  id=<row id>…  |  all=1 query=<the page's search string>
 *   intent=lift      id=<row id>…            |  all=1 query=…
 *   intent=settings  productQa.minImages=3 … disabledRules=<rule id>…
 */
import { parseAuditSettings, type SettingsError } from "~/product-qa/domain/settings";
import { saveAuditSettings } from "~/product-qa/models/audit-settings.server";
import { findingKeys, findingKeysByIds } from "~/product-qa/models/findings.server";
import { SuppressionError, liftSuppressions, suppressFindings } from "~/product-qa/models/suppressions.server";
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

async function selectedKeys(shop: string, form: FormData): Promise<string[]> {
  if (form.get("all") === "1") {
    const search = String(form.get("query") ?? "");
    return findingKeys(shop, findingFilter(parseProductsQuery(new URLSearchParams(search))));
  }
  const ids = form.getAll("id").filter((v): v is string => typeof v === "string" && v !== "");
  return findingKeysByIds(shop, ids);
}

/** The settings form as the JSON shape parseAuditSettings reads; blank numbers are refused. */
export function settingsFromForm(form: FormData): unknown {
  return {
    productQa: Object.fromEntries(
      THRESHOLDS.map((name) => {
        const raw = String(form.get(`productQa.${name}`) ?? "").trim();
        return [name, raw === "" ? Number.NaN : Number(raw)];
      }),
    ),
    disabledRules: form.getAll("disabledRules").map(String),
  };
}

export async function productsAction(
  shop: string,
  actor: string,
  form: FormData,
): Promise<ProductsActionResult> {
  const intent = form.get("intent");
  if (intent === "settings") {
    const parsed = parseAuditSettings(settingsFromForm(form));
    if (!parsed.ok) return { intent, ok: false, errors: parsed.errors };
    await saveAuditSettings(shop, parsed.settings);
    return { intent, ok: true, errors: [] };
  }
  if (intent !== "suppress" && intent !== "lift")
    return { intent: "settings", ok: false, errors: [{ path: "", message: "Unknown action." }] };
  const keys = await selectedKeys(shop, form);
  if (keys.length === 0) return { intent, ok: false, error: "No findings selected." };
  if (intent === "lift") {
    const { lifted } = await liftSuppressions({ shop, keys, by: actor });
    return { intent, ok: true, lifted, selected: keys.length };
  }
  try {
    const { suppressed } = await suppressFindings({
      shop,
      keys,
      reason: String(form.get("reason") ?? ""),
      by: actor,
    });
    return { intent, ok: true, suppressed, selected: keys.length };
  } catch (error) {
    if (error instanceof SuppressionError) return { intent, ok: false, error: error.message };
    throw error;
  }
}
