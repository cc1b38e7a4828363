/**
 * "Run checkout checks": the shared job run card (~/ui/job-run) for the `checkout.synthetic`
 * job; the page's results reload when the followed run ends.
 */
import { jobLabel } from "~/jobs/labels";
import { Banner, Card } from "@shopify/polaris";
import type { CheckoutJobStatus } from "~/checkout/server/page.server";
import { JobRunCard, useJobRun } from "~/ui/job-run";

export function CheckoutRunCard({ initial }: { initial: CheckoutJobStatus }) {
  const run = useJobRun("checkout.synthetic", initial, "/app/checkout/live");
  return (
    <Card>
      <JobRunCard
        run={run}
        title={jobLabel("checkout.synthetic")}
        description="Reads the shop's configuration, sends a test cart to every market and opens its checkout page. No order is placed and no payment is submitted."
        runLabel="Run checkout checks"
        progressId="checkout-progress"
        lastError={(error) => (
          <Banner tone="critical" title="The last checkout run did not finish">
            <p>{error}</p>
          </Banner>
        )}
      />
    </Card>
  );
}
