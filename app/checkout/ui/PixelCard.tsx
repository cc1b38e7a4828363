/** The checkout-funnel pixel: connected or not, events received, and how to activate it. */
import { useFetcher } from "@remix-run/react";
import { Badge, Banner, BlockStack, Button, Card, InlineStack, Text } from "@shopify/polaris";
import type { PixelView } from "~/checkout/server/page.server";
import type { RunActionResult as CheckoutActionResult } from "~/ui/job-run";
import { count } from "~/format";

export function PixelCard({ pixel }: { pixel: PixelView }) {
  const action = useFetcher<CheckoutActionResult>();
  const feedback = action.state === "idle" ? action.data : undefined;
  return (
    <Card>
      <BlockStack gap="300">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Checkout pixel
          </Text>
          {pixel.connected ? (
            <Badge tone="success">Connected</Badge>
          ) : (
            <Badge tone="attention">Not connected</Badge>
          )}
        </InlineStack>
        {pixel.connected ? (
          <Text as="p">
            Activated {pixel.activatedAt}.{" "}
            {pixel.events === 0
              ? "No checkout events have arrived yet."
              : `${count(pixel.events)} events received, the last ${pixel.lastEventAt}.`}
          </Text>
        ) : (
          <Text as="p">
            The pixel reports the steps real customers reach in checkout (started, contact, address,
            shipping, payment, order placed) with their country, only for customers who gave
            analytics consent and without any personal data. Activate it to see the funnel.
          </Text>
        )}
        {feedback ? (
          <Banner tone={feedback.ok ? "success" : "critical"}>
            <p>{feedback.message}</p>
          </Banner>
        ) : null}
        <action.Form method="post">
          <input type="hidden" name="intent" value="activate-pixel" />
          <Button submit loading={action.state !== "idle"}>
            {pixel.connected ? "Reconnect pixel" : "Activate pixel"}
          </Button>
        </action.Form>
      </BlockStack>
    </Card>
  );
}
