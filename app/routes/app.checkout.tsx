/**
 * The Checkout page: can a customer buy, in every market? Readiness findings with their fix
 * links, the latest synthetic cart per market, the funnel from real customers, the pixel's
 * status and the run history; "Run checkout checks" runs the `checkout.synthetic` job.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page } from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import { CheckoutRunCard } from "~/checkout/ui";
import { FunnelCard } from "~/checkout/ui";
import { HistoryCard } from "~/checkout/ui";
import { MarketsCard } from "~/checkout/ui";
import { PixelCard } from "~/checkout/ui";
import { ReadinessCard } from "~/checkout/ui";
import { requireAdmin } from "~/auth.server";
import type { RunActionResult } from "~/jobs/run-actions.server";
import { checkoutAction, checkoutPageData, type CheckoutPageData } from "~/checkout/index.server";

export const meta: MetaFunction = () => [{ title: "Checkout · Tovholder" }];

type LoaderData = CheckoutPageData & { embedded: boolean };

export const loader = async ({ request }: LoaderFunctionArgs): Promise<LoaderData> => {
  const { shop, embedded } = await requireAdmin(request);
  return { ...(await checkoutPageData(shop)), embedded };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<RunActionResult> => {
  const { shop, session } = await requireAdmin(request);
  return checkoutAction(shop, session, request);
};

export default function CheckoutPage() {
  const data = useLoaderData<typeof loader>();
  return (
    <Page title="Checkout">
      <Layout>
        <Layout.Section>
          <CheckoutRunCard initial={data.status} />
        </Layout.Section>
        {data.latest === null ? (
          <Layout.Section>
            <Card>
              <EmptyCard heading="Checkout checks have not run yet">
                Run the checks to see, for every market the shop sells to, whether a customer can
                buy: purchasable products, policies, shipping coverage, and a test cart that goes as
                far as the checkout page. They also run after every weekly audit.
              </EmptyCard>
            </Card>
          </Layout.Section>
        ) : (
          <>
            <Layout.Section>
              <ReadinessCard run={data.latest} embedded={data.embedded} />
            </Layout.Section>
            <Layout.Section>
              <MarketsCard run={data.latest} />
            </Layout.Section>
          </>
        )}
        <Layout.Section>
          <BlockStack gap="400">
            <FunnelCard funnel={data.funnel} pixel={data.pixel} />
            <PixelCard pixel={data.pixel} />
          </BlockStack>
        </Layout.Section>
        {data.history.length > 0 ? (
          <Layout.Section>
            <HistoryCard history={data.history} />
          </Layout.Section>
        ) : null}
      </Layout>
    </Page>
  );
}
