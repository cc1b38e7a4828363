/**
 * "Run checkout checks": starts the `checkout.synthetic` job, follows it live (phase and
 * progress, polled every 1.5 s while it is queued or running) and reloads the page's results
 * when it ends. Shows the last run's outcome and its error, and the action's own errors.
 */
import { useEffect, useRef } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import { OutcomeBadge, duration, phaseName, triggerName } from "~/components/jobs/run-format";
import type { CheckoutJobStatus } from "~/services/checkout/page.server";

const POLL_MS = 1500;

export interface CheckoutActionResult {
  ok: boolean;
  message: string;
}

function useLiveStatus(initial: CheckoutJobStatus): CheckoutJobStatus {
  const live = useFetcher<CheckoutJobStatus>();
  const status = live.data && live.data.at > initial.at ? live.data : initial;
  const { load } = live;
  const active = status.current !== null;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void load("/app/checkout/live"), POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);
  return status;
}

export function CheckoutRunCard({ initial }: { initial: CheckoutJobStatus }) {
  const status = useLiveStatus(initial);
  const action = useFetcher<CheckoutActionResult>();
  const revalidator = useRevalidator();
  const busy = action.state !== "idle";
  const { current, latest } = status;
  const feedback = action.state === "idle" ? action.data : undefined;

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
          <action.Form method="post">
            <input type="hidden" name="intent" value="run" />
            <Button submit variant="primary" disabled={current !== null} loading={busy}>
              Run checkout checks
            </Button>
          </action.Form>
        </InlineStack>

        {feedback ? (
          <Banner tone={feedback.ok ? "success" : "critical"}>
            <p>{feedback.message}</p>
          </Banner>
        ) : null}

        {current ? (
          <BlockStack gap="200">
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="200" blockAlign="center">
                <OutcomeBadge run={current} />
                <Text as="span" variant="bodyMd" fontWeight="semibold">
                  {current.status === "running"
                    ? phaseName(current.phase)
                    : current.status === "failed"
                      ? `Attempt ${current.attempts} failed; retrying ${current.runAt}`
                      : `Waiting to start (${current.runAt})`}
                </Text>
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {current.progress}%
              </Text>
            </InlineStack>
            <ProgressBar
              progress={current.progress}
              tone={current.status === "failed" ? "critical" : "highlight"}
              size="small"
              ariaLabelledBy="checkout-progress"
            />
            <InlineStack align="space-between" blockAlign="center">
              <Text as="p" variant="bodySm" tone="subdued" id="checkout-progress">
                {triggerName(current.trigger)} ·{" "}
                {current.started ? `started ${current.started}` : `queued ${current.created}`}
              </Text>
              <action.Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="runId" value={current.id} />
                <Button
                  submit
                  tone="critical"
                  variant="plain"
                  disabled={current.cancelRequested || busy}
                >
                  {current.cancelRequested ? "Cancelling…" : "Cancel"}
                </Button>
              </action.Form>
            </InlineStack>
            {current.error ? (
              <Text as="p" tone="critical">
                {current.error}
              </Text>
            ) : null}
          </BlockStack>
        ) : latest ? (
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <OutcomeBadge run={latest} />
              <Text as="span" variant="bodyMd">
                Last run {latest.started ?? latest.created} · {triggerName(latest.trigger)} ·{" "}
                {duration(latest.durationSeconds)}
              </Text>
            </InlineStack>
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
