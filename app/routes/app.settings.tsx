import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Card, IndexTable, Layout, Page } from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import { AlertsSettings, ScheduleSettings, type SettingsActionResult } from "~/ui/SettingsForms";
import { requireAdmin } from "~/auth.server";
import { nextWeeklySlot } from "~/time/slots";
import { formatInZone } from "~/format";
import { alertsForm, fieldErrors, scheduleForm } from "~/jobs/settings-form.server";
import { mailConfigured } from "~/lib/mail.server";
import { listComplianceRequests } from "~/db/compliance.server";
import {
  getShopSettings,
  readAnalyticsAccess,
  reportOptions,
  saveAlertTargets,
  saveAnalyticsAccess,
  saveReportOptions,
  saveWeeklySchedule,
} from "~/db/shop-settings.server";
import { ReportSettings } from "~/report/ui";
import { ShopifyAccess, type ShopifyAccessView } from "~/ui/ShopifyAccess";
import { getShop } from "~/db/shops.server";
import { AdminClient } from "~/shopify/admin-client.server";
import { checkAnalyticsAccess } from "~/shopify/analytics.server";
import { validateReportOptions } from "~/report";
import {
  StorefrontPasswordCard,
  isPasswordResult,
  type PasswordFormResult,
} from "~/performance/ui";
import { demoPasswordHint } from "~/performance";
import { env } from "~/env.server";
import { readShopSecret } from "~/db/shop-secrets.server";
import { passwordIntent, requestLanguage } from "~/performance/index.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, session } = await requireAdmin(request);
  const [requests, settings, report, password] = await Promise.all([
    listComplianceRequests(shop),
    getShopSettings(shop),
    reportOptions(shop),
    readShopSecret(shop, "storefront-password"),
  ]);
  const demoPassword = env().demoStorefrontPassword;
  return {
    access: await shopifyAccess(shop, session, settings.timeZone),
    storefrontPassword: {
      saved: password !== null,
      demoHint: demoPassword ? demoPasswordHint(demoPassword, requestLanguage(request)) : null,
    },
    report: {
      logo: report.logo,
      primaryColor: report.primaryColor,
      accentColor: report.accentColor,
      preparedBy: report.preparedBy,
      recipients: report.recipients.join(", "),
      autoIssue: report.autoIssue,
      mailConfigured: mailConfigured(),
    },
    schedule: {
      weekday: settings.weekday,
      hour: settings.hour,
      enabled: settings.enabled,
      timeZone: settings.timeZone,
      next: settings.enabled
        ? formatInZone(nextWeeklySlot(settings, new Date()).at, settings.timeZone)
        : null,
    },
    alerts: {
      emails: settings.alertEmails.join(", "),
      webhookConfigured: settings.webhookConfigured,
      mailConfigured: mailConfigured(),
    },
    requests: requests.map((r) => ({
      id: r.id,
      topic: r.topic,
      receivedAt: r.receivedAt.toISOString(),
      received: formatInZone(r.receivedAt, settings.timeZone),
      answer: r.answer,
    })),
  };
};

/** What the shop granted, and whether Shopify's analytics answer now (asked live, then recorded). */
async function shopifyAccess(
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

export const action = async ({
  request,
}: ActionFunctionArgs): Promise<SettingsActionResult | PasswordFormResult> => {
  const { shop } = await requireAdmin(request);
  const data = await request.formData();
  const password = await passwordIntent(shop, request, data);
  if (password) return password;
  const form = Object.fromEntries(data);
  if (form.intent === "schedule") {
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
  if (form.intent === "alerts") {
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
  if (form.intent === "report") {
    const text = (name: string) => (typeof form[name] === "string" ? form[name] : "");
    const checked = validateReportOptions(
      {
        primaryColor: text("primaryColor"),
        accentColor: text("accentColor"),
        preparedBy: text("preparedBy"),
        recipients: text("recipients"),
        autoIssue: text("autoIssue") === "on",
        logo: text("logo"),
        removeLogo: text("removeLogo") === "on",
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
  return { form: "schedule", ok: false, message: "Unknown form.", errors: {} };
};

function summarise(topic: string, answer: string): string {
  try {
    const parsed = JSON.parse(answer) as {
      held?: { source: string; records: number }[];
      erased?: Record<string, number>;
    };
    if (topic.toLowerCase().includes("data_request")) {
      const held = parsed.held ?? [];
      return held.length === 0
        ? "No customer data held."
        : held.map((h) => `${h.records} ${h.source}`).join(", ");
    }
    const erased = Object.entries(parsed.erased ?? {}).filter(([, n]) => n > 0);
    return erased.length === 0
      ? "Nothing held; nothing to erase."
      : `Erased ${erased.map(([k, n]) => `${n} ${k}`).join(", ")}.`;
  } catch {
    return "Unreadable record.";
  }
}

export default function SettingsPage() {
  const { requests, schedule, alerts, report, access, storefrontPassword } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <Page title="Settings">
      <Layout>
        <Layout.AnnotatedSection
          title="Weekly audit"
          description="When Tovholder audits this shop on its own, in the shop's time zone."
        >
          <ScheduleSettings schedule={schedule} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Alerts"
          description="Who hears about new critical problems after an audit. Each problem is reported once."
        >
          <AlertsSettings alerts={alerts} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Report branding"
          description="How the monthly report looks (in admin, by share link, as PDF and email), who receives it, and whether it is issued automatically."
        >
          <ReportSettings report={report} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Shopify access"
          description="What Tovholder may read in this shop. Where the monthly report misses figures for want of access, it says which access and what to do."
        >
          <ShopifyAccess access={access} />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Storefront password"
          description="The Online Store password the performance measurements log in with (Online Store → Preferences)."
        >
          <StorefrontPasswordCard
            titled={false}
            saved={storefrontPassword.saved}
            demoHint={storefrontPassword.demoHint}
            result={isPasswordResult(result) ? result : null}
          />
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Privacy requests"
          description="Customer data requests and erasures Shopify sent for this shop, and what Tovholder answered."
        >
          <Card padding="0">
            {requests.length === 0 ? (
              <EmptyCard heading="No privacy requests received" image={null}>
                Tovholder stores no customer names, emails, addresses or orders.
              </EmptyCard>
            ) : (
              <IndexTable
                itemCount={requests.length}
                selectable={false}
                headings={[{ title: "Received" }, { title: "Request" }, { title: "Answer" }]}
              >
                {requests.map((r, index) => (
                  <IndexTable.Row id={r.id} key={r.id} position={index}>
                    <IndexTable.Cell>{r.received}</IndexTable.Cell>
                    <IndexTable.Cell>
                      {r.topic.toLowerCase().includes("redact")
                        ? "Erase customer data"
                        : "Customer data request"}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{summarise(r.topic, r.answer)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
