/**
 * The Settings page's server half: what Shopify access the shop granted (asked live, then
 * recorded) and the page's action — one form schema per intent (weekly schedule, alerts, report
 * branding, storefront password), parsed by ~/lib/actions.server. What a manager can get wrong in
 * a form that is well formed comes back per field, as before.
 */
import { z } from "zod";
import type { SettingsActionResult } from "~/ui/SettingsForms";
import type { PasswordFormResult } from "~/performance/ui";
import type { ShopifyAccessView } from "~/ui/ShopifyAccess";
import { validateReportOptions } from "~/report";
import { formatInZone } from "~/format";
import { alertsForm, fieldErrors, scheduleForm } from "~/jobs/settings-form.server";
import { optionalText, readForm } from "~/lib/actions.server";
import {
  readAnalyticsAccess,
  reportOptions,
  saveAlertTargets,
  saveAnalyticsAccess,
  saveReportOptions,
  saveWeeklySchedule,
} from "~/db/shop-settings.server";
import { getShop } from "~/db/shops.server";
import { passwordAction, passwordIntents } from "~/performance/index.server";
import { AdminClient } from "~/shopify/admin-client.server";
import { checkAnalyticsAccess } from "~/shopify/analytics.server";

/** What Tovholder may read, and whether Shopify's analytics answer now (asked live, then recorded). */
export async function shopifyAccess(
  shop: string,
  session: ConstructorParameters<typeof AdminClient>[0],
  timeZone: string,
): Promise<ShopifyAccessView> {
  const row = await getShop(shop);
  const scopes = row?.scopes ? row.scopes.split(",").map((s) => s.trim()) : null;
  const now = new Date();
  let live: Awaited<ReturnType<typeof checkAnalyticsAccess>> = "unknown";
  try {
    // One quick try: a page load does not wait out retries when Shopify is not reachable.
    const client = new AdminClient(session, { retry: { maxRetries: 0, maxThrottleRetries: 1 } });
    live = await checkAnalyticsAccess(client, scopes);
  } catch {
    // Shopify not reached: the last recorded answer below.
  }
  if (live !== "unknown") await saveAnalyticsAccess(shop, live, now);
  const recorded = live === "unknown" ? await readAnalyticsAccess(shop) : null;
  const checkedAt = live !== "unknown" ? now : (recorded?.checkedAt ?? null);
  return {
    orders: scopes === null ? null : scopes.includes("read_orders"),
    analytics: live !== "unknown" ? live : (recorded?.status ?? "unknown"),
    checkedAt: checkedAt ? formatInZone(checkedAt, timeZone) : null,
  };
}

const text = optionalText;

export const settingsForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("schedule"), weekday: z.string(), hour: z.string(), enabled: text }),
  z.object({ intent: z.literal("alerts"), emails: text, webhookUrl: text, removeWebhook: text }),
  z.object({
    intent: z.literal("report"),
    primaryColor: text,
    accentColor: text,
    preparedBy: text,
    recipients: text,
    autoIssue: text,
    logo: text,
    removeLogo: text,
  }),
  ...passwordIntents,
]);

type SettingsForm = z.output<typeof settingsForm>;
type FormOf<I extends SettingsForm["intent"]> = Extract<SettingsForm, { intent: I }>;

async function saveSchedule(shop: string, form: FormOf<"schedule">): Promise<SettingsActionResult> {
  const parsed = scheduleForm.safeParse(form);
  if (!parsed.success)
    return {
      form: "schedule",
      ok: false,
      message: "The schedule was not saved.",
      errors: fieldErrors(parsed.error),
    };
  await saveWeeklySchedule(shop, parsed.data);
  return {
    form: "schedule",
    ok: true,
    message: parsed.data.enabled ? "Weekly audit schedule saved." : "Weekly audits are now off.",
    errors: {},
  };
}

async function saveAlerts(shop: string, form: FormOf<"alerts">): Promise<SettingsActionResult> {
  const parsed = await alertsForm.safeParseAsync(form);
  if (!parsed.success)
    return {
      form: "alerts",
      ok: false,
      message: "The alert settings were not saved.",
      errors: fieldErrors(parsed.error),
    };
  const { emails, webhookUrl, removeWebhook } = parsed.data;
  await saveAlertTargets(shop, {
    emails,
    // Write-only: an empty field keeps the stored URL.
    webhookUrl: removeWebhook ? null : webhookUrl === "" ? undefined : webhookUrl,
  });
  return { form: "alerts", ok: true, message: "Alert settings saved.", errors: {} };
}

async function saveReport(shop: string, form: FormOf<"report">): Promise<SettingsActionResult> {
  const checked = validateReportOptions(
    {
      primaryColor: form.primaryColor,
      accentColor: form.accentColor,
      preparedBy: form.preparedBy,
      recipients: form.recipients,
      autoIssue: form.autoIssue === "on",
      logo: form.logo,
      removeLogo: form.removeLogo === "on",
    },
    await reportOptions(shop),
  );
  if (!checked.ok)
    return {
      form: "report",
      ok: false,
      message: "The report settings were not saved.",
      errors: checked.errors,
    };
  await saveReportOptions(shop, checked.options);
  return { form: "report", ok: true, message: "Report settings saved.", errors: {} };
}

/** The Settings page's action: one intent, one typed result. */
export async function settingsAction(
  shop: string,
  request: Request,
): Promise<SettingsActionResult | PasswordFormResult> {
  const form = await readForm(request, settingsForm);
  switch (form.intent) {
    case "schedule":
      return saveSchedule(shop, form);
    case "alerts":
      return saveAlerts(shop, form);
    case "report":
      return saveReport(shop, form);
    default:
      return passwordAction(shop, request, form);
  }
}
