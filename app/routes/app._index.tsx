import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Card,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import { AuditRunCard } from "~/product-qa/ui";
import { requireAdmin } from "~/auth.server";
import type { RunActionResult } from "~/jobs/run-actions.server";
import { dashboardAction } from "~/product-qa/index.server";
import { auditStatus, type AuditStatus } from "~/jobs/status.server";
import { saveShopTimeZone } from "~/db/shop-settings.server";
import { AdminClient } from "~/shopify/admin-client.server";
import { fetchShopOverview, type ShopOverview } from "~/shopify/shop-overview.server";
import { ShopifyApiError } from "~/shopify/errors";
import { count } from "~/format";

export const meta: MetaFunction = () => [{ title: "Dashboard · Tovholder" }];

type Overview = { overview: ShopOverview; error: null } | { overview: null; error: string };
type LoaderData = Overview & { audit: AuditStatus };

async function overview(session: ConstructorParameters<typeof AdminClient>[0]): Promise<Overview> {
  try {
    return { overview: await fetchShopOverview(new AdminClient(session)), error: null };
  } catch (error) {
    if (error instanceof ShopifyApiError) return { overview: null, error: error.message };
    throw error;
  }
}

export const loader = async ({ request }: LoaderFunctionArgs): Promise<LoaderData> => {
  const { session, shop } = await requireAdmin(request);
  const [shopOverview, audit] = await Promise.all([overview(session), auditStatus(shop)]);
  // Weekly slots are in the shop's time zone. Every audit copies it into the settings; until the
  // first one has, the overview just read it: keep it now, so the first slot is not in UTC.
  const timezone = shopOverview.overview?.timezone;
  if (timezone && timezone !== audit.schedule.timeZone) {
    await saveShopTimeZone(shop, timezone);
    return { ...shopOverview, audit: await auditStatus(shop) };
  }
  return { ...shopOverview, audit };
};

/** "Run now" and "Cancel" on the audit card. */
export const action = async ({ request }: ActionFunctionArgs): Promise<RunActionResult> => {
  const { shop } = await requireAdmin(request);
  return dashboardAction(shop, request);
};

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <BlockStack gap="100">
      <Text as="span" variant="bodySm" tone="subdued">
        {label}
      </Text>
      <Text as="span" variant="headingMd">
        {value}
      </Text>
    </BlockStack>
  );
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page title="Dashboard">
      <Layout>
        <Layout.Section>
          {data.error !== null ? (
            <Banner tone="critical" title="Tovholder could not read this shop">
              <p>{data.error}</p>
              <p>
                Nothing was changed. Reload the page to try again; if it keeps failing, reinstall
                the app.
              </p>
            </Banner>
          ) : (
            <Card>
              <BlockStack gap="400">
                <InlineStack align="space-between" blockAlign="center">
                  <BlockStack gap="100">
                    <Text as="h2" variant="headingLg">
                      {data.overview.name}
                    </Text>
                    <Text as="p" tone="subdued">
                      {data.overview.domain}
                    </Text>
                  </BlockStack>
                  <Badge tone="info">
                    {data.overview.developmentStore
                      ? "Development store"
                      : `${data.overview.plan} plan`}
                  </Badge>
                </InlineStack>
                <InlineGrid columns={{ xs: 2, md: 4 }} gap="400">
                  <Fact
                    label="Products"
                    value={
                      data.overview.productCount === null ? "—" : count(data.overview.productCount)
                    }
                  />
                  <Fact label="Active markets" value={data.overview.activeMarkets.length} />
                  <Fact label="Currency" value={data.overview.currency} />
                  <Fact label="Time zone" value={data.overview.timezone} />
                </InlineGrid>
                {data.overview.activeMarkets.length > 0 ? (
                  <Text as="p" tone="subdued">
                    Sells to: {data.overview.activeMarkets.join(", ")}
                  </Text>
                ) : null}
              </BlockStack>
            </Card>
          )}
        </Layout.Section>
        <Layout.Section>
          <AuditRunCard initial={data.audit} />
        </Layout.Section>
        {data.audit.latest === null ? (
          <Layout.Section>
            <Card>
              <EmptyCard heading="No audits have run for this shop yet">
                Product-data QA, checkout checks and app/performance audits will appear here after
                their first run, with what changed since the run before.
              </EmptyCard>
            </Card>
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
