/**
 * The Checkout page: can a customer buy, in every market? Readiness findings with their fix
 * links, the latest synthetic cart per market, the funnel from real customers, the pixel's
 * status and the run history; "Run checkout checks" runs the `checkout.synthetic` job.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, Layout, Page } from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import { CheckoutRunCard, type CheckoutActionResult } from "~/checkout/ui";
import { FunnelCard } from "~/checkout/ui";
import { HistoryCard } from "~/checkout/ui";
import { MarketsCard } from "~/checkout/ui";
import { PixelCard } from "~/checkout/ui";
import { ReadinessCard } from "~/checkout/ui";
import { requireAdmin } from "~/auth.server";
import { env } from "~/env.server";
import { activeJobRuns, cancelJob, enqueueJob, getJobRun } from "~/jobs/client.server";
import { checkoutSyntheticJob } from "~/jobs/definitions";
import { checkoutPageData, type CheckoutPageData } from "~/checkout/index.server";
import { activateCheckoutPixel } from "~/checkout/index.server";
import { AdminClient } from "~/shopify/admin-client.server";
import { isShopifyApiError } from "~/shopify/errors";

export const meta: MetaFunction = () => [{ title: "Checkout · Tovholder" }];

type LoaderData = CheckoutPageData & { embedded: boolean };

export const loader = async ({ request }: LoaderFunctionArgs): Promise<LoaderData> => {
  const { shop, embedded } = await requireAdmin(request);
  return { ...(await checkoutPageData(shop)), embedded };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<CheckoutActionResult> => {
  const { shop, session } = await requireAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "run") {
    if ((await activeJobRuns(shop, checkoutSyntheticJob.id)).length > 0)
      return { ok: false, message: "Checkout checks are already queued or running for this shop." };
    await enqueueJob(checkoutSyntheticJob, { shop, trigger: "manual" });
    return { ok: true, message: "Checkout checks started. Progress shows below." };
  }
  if (intent === "cancel") {
    const runId = String(form.get("runId") ?? "");
    const run = await getJobRun(runId);
    // Only this shop's checkout runs: the id comes from the browser.
    if (run === null || run.shop !== shop || run.jobId !== checkoutSyntheticJob.id)
      return { ok: false, message: "That run does not exist for this shop." };
    return (await cancelJob(runId))
      ? { ok: true, message: "Cancelling the checkout checks. They stop at the next market." }
      : { ok: false, message: "The run had already finished." };
  }
  if (intent === "activate-pixel") {
    try {
      await activateCheckoutPixel(shop, new AdminClient(session), env().appUrl);
      return {
        ok: true,
        message:
          "The checkout pixel is connected. Events arrive as customers with analytics consent reach checkout.",
      };
    } catch (error) {
      if (!isShopifyApiError(error)) throw error;
      return {
        ok: false,
        message:
          error.code === "ACCESS_DENIED"
            ? `Shopify refused to create the pixel (${error.message}). Approve Tovholder's updated access (write_pixels, read_customer_events) in Shopify admin → Apps, then try again.`
            : `Shopify could not create the pixel: ${error.message}`,
      };
    }
  }
  return { ok: false, message: "Unknown action." };
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
