import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { AlertsSettings, ScheduleSettings } from "~/ui/SettingsForms";
import { StorefrontPasswordCard, isPasswordResult } from "~/performance/ui";
import { ReportSettings } from "~/report/ui";
import { PrivacyRequests } from "~/ui/PrivacyRequests";
import { ShopifyAccess } from "~/ui/ShopifyAccess";
import { requireAdmin } from "~/auth.server";
import { demoPasswordHint } from "~/performance";
import { env } from "~/env.server";
import { settingsAction, shopifyAccess } from "~/lib/settings-page.server";
import { mailConfigured } from "~/lib/mail.server";
import { listComplianceRequests } from "~/db/compliance.server";
import { reportOptions } from "~/db/shop-settings.server";
import { useShopSettings, useShopTime } from "~/ui/shop-settings";
import { readShopSecret } from "~/db/shop-secrets.server";
import { requestLanguage } from "~/performance/index.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, session } = await requireAdmin(request);
  // The schedule, alert targets and time zone come from the parent route (useShopSettings).
  const [requests, report, password] = await Promise.all([
    listComplianceRequests(shop),
    reportOptions(shop),
    readShopSecret(shop, "storefront-password"),
  ]);
  const demoPassword = env().demoStorefrontPassword;
  return {
    access: await shopifyAccess(shop, session),
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
    mailConfigured: mailConfigured(),
    requests: requests.map((r) => ({
      id: r.id,
      topic: r.topic,
      receivedAt: r.receivedAt.toISOString(),
      answer: r.answer,
    })),
  };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return settingsAction(shop, request);
};

export default function SettingsPage() {
  const {
    requests,
    report,
    access,
    storefrontPassword,
    mailConfigured: mail,
  } = useLoaderData<typeof loader>();
  const settings = useShopSettings();
  const at = useShopTime();
  const schedule = {
    weekday: settings.weekday,
    hour: settings.hour,
    enabled: settings.enabled,
    timeZone: settings.timeZone,
    next: settings.nextAudit ? at(settings.nextAudit) : null,
  };
  const alerts = {
    emails: settings.alertEmails.join(", "),
    webhookConfigured: settings.webhookConfigured,
    mailConfigured: mail,
  };
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
          <ShopifyAccess access={access} timeZone={settings.timeZone} />
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
          <PrivacyRequests requests={requests.map((r) => ({ ...r, received: at(r.receivedAt) }))} />
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
