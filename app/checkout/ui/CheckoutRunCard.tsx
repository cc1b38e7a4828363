/**
 * "Run checkout checks": starts the `checkout.synthetic` job, follows it live (phase and
 * progress, polled every 1.5 s while it is queued or running) and reloads the page's results
 * when it ends. Shows the last run's outcome and its error, and the action's own errors.
 */
import { useEffect, useRef } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Card, InlineStack, Text } from "@shopify/polaris";
import {
  ActionFeedback,
  CurrentRun,
  LastRunLine,
  RunButton,
  useLiveStatus,
  type RunActionResult,
} from "~/ui/LiveRun";
import type { CheckoutJobStatus } from "~/checkout/server/page.server";

export type CheckoutActionResult = RunActionResult;

export function CheckoutRunCard({ initial }: { initial: CheckoutJobStatus }) {
  const status = useLiveStatus(initial, "/app/checkout/live");
  const action = useFetcher<RunActionResult>();
  const revalidator = useRevalidator();
  const { current, latest } = status;

  // When the followed run ends, load its results into the page.
  const wasActive = useRef(current !== null);
  useEffect(() => {
    if (wasActive.current && current === null) revalidator.revalidate();
    wasActive.current = current !== null;
  }, [current, revalidator]);

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Checkout checks
            </Text>
            <Text as="p" tone="subdued">
              Reads the shop&apos;s configuration, sends a test cart to every market and opens its
              checkout page. No order is placed and no payment is submitted.
            </Text>
          </BlockStack>
          <RunButton action={action} disabled={current !== null} label="Run checkout checks" />
        </InlineStack>

        <ActionFeedback action={action} />

        {current ? (
          <CurrentRun run={current} action={action} progressId="checkout-progress" />
        ) : latest ? (
          <BlockStack gap="200">
            <LastRunLine run={latest} />
            {latest.error && latest.status !== "succeeded" ? (
              <Banner tone="critical" title="The last checkout run did not finish">
                <p>{latest.error}</p>
              </Banner>
            ) : null}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
