/** The shop's recent checkout runs with what failed in each. */
import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { HistoryEntry } from "~/checkout/server/page.server";
import { useShopTime } from "~/ui/shop-settings";

export function HistoryCard({ history }: { history: HistoryEntry[] }) {
  const at = useShopTime();
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Run history
        </Text>
        {/* A list rather than a DataTable: the failure reasons are sentences and must wrap. */}
        <BlockStack gap="0">
          {history.map((h, i) => (
            <Box
              key={`${h.at}-${i}`}
              paddingBlock="200"
              borderBlockStartWidth={i === 0 ? undefined : "025"}
              borderColor="border"
            >
              <BlockStack gap="100">
                <InlineStack gap="200" blockAlign="center">
                  {h.status === "pass" ? (
                    <Badge tone="success">Pass</Badge>
                  ) : (
                    <Badge tone="critical">Fail</Badge>
                  )}
                  <Text as="span" fontWeight="semibold">
                    {at(h.at)}
                  </Text>
                  <Text as="span" tone="subdued">
                    {h.trigger}
                  </Text>
                </InlineStack>
                {h.failures.length === 0 ? (
                  h.reason ? (
                    <Text as="p" variant="bodySm">
                      {h.reason}
                    </Text>
                  ) : null
                ) : (
                  h.failures.map((f) => (
                    <Text key={f.market} as="p" variant="bodySm">
                      <Text as="span" fontWeight="semibold">
                        {f.market}:
                      </Text>{" "}
                      {f.reason ?? "failed"}
                    </Text>
                  ))
                )}
              </BlockStack>
            </Box>
          ))}
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
