import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { AlertsSettings, ScheduleSettings } from "~/ui/SettingsForms";
import { StorefrontPasswordCard, isPasswordResult } from "~/performance/ui";
import { ReportSettings } from "~/report/ui";
import { PrivacyRequests } from "~/ui/PrivacyRequests";
import { ShopifyAccess } from "~/ui/ShopifyAccess";
import { requireAdmin } from "~/auth.server";
import { nextWeeklySlot } from "~/time/slots";
import { demoPasswordHint } from "~/performance";
import { env } from "~/env.server";
import { formatInZone } from "~/format";
import { settingsAction, shopifyAccess } from "~/lib/settings-page.server";
import { mailConfigured } from "~/lib/mail.server";
import { listComplianceRequests } from "~/db/compliance.server";
import { getShopSettings, reportOptions } from "~/db/shop-settings.server";
import { readShopSecret } from "~/db/shop-secrets.server";
import { requestLanguage } from "~/performance/index.server";

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

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return settingsAction(shop, request);
};

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
          <PrivacyRequests requests={requests} />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
