/** Readiness findings of the latest run, most severe first, each with its fix link in admin. */
import { Badge, BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import { FixLink } from "~/product-qa/ui";
import { SEVERITY_TONE } from "~/findings/severity";
import { paymentLimits, paymentSummary } from "~/checkout/domain/payments";
import type { RunView } from "~/checkout/server/page.server";
import { useShopTime } from "~/ui/shop-settings";

const TONES = SEVERITY_TONE;
const LABELS = { critical: "Critical", warning: "Warning", info: "Info" } as const;

export function ReadinessCard({ run, embedded }: { run: RunView; embedded: boolean }) {
  const at = useShopTime();
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Readiness
          </Text>
          <Text as="span" tone="subdued">
            {run.findings.length === 0
              ? "No problems found"
              : `${run.findings.length} ${run.findings.length === 1 ? "problem" : "problems"}`}
          </Text>
        </InlineStack>
        {run.findings.length === 0 ? (
          <Text as="p">
            Products are for sale, every market has shipping, the policies are published and no
            discount is stuck.
          </Text>
        ) : (
          <BlockStack gap="0">
            {run.findings.map((f, i) => (
              <Box
                key={f.key}
                paddingBlock="300"
                borderBlockStartWidth={i === 0 ? undefined : "025"}
                borderColor="border"
              >
                <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
                  <BlockStack gap="100" inlineAlign="start">
                    <InlineStack gap="200" blockAlign="center">
                      <Badge tone={TONES[f.severity]}>{LABELS[f.severity]}</Badge>
                      <Text as="h3" variant="headingSm">
                        {f.ruleTitle}
                      </Text>
                    </InlineStack>
                    <Text as="p" variant="bodySm" tone="subdued">
                      {f.about} · {f.ruleId}
                    </Text>
                    <Text as="p">{f.message}</Text>
                  </BlockStack>
                  <Box minWidth="fit-content">
                    <FixLink fixUrl={f.fixUrl} embedded={embedded} />
                  </Box>
                </InlineStack>
              </Box>
            ))}
          </BlockStack>
        )}
        <BlockStack gap="100">
          <Text as="p" variant="bodySm" tone="subdued">
            {paymentSummary(run.payments, "en")}
          </Text>
          <Text as="p" variant="bodySm" tone="subdued">
            {paymentLimits("en")}
          </Text>
        </BlockStack>
        {run.storeReadBefore ? (
          <Text as="p" variant="bodySm" tone="subdued">
            Products, markets, shipping, policies and discounts as the audit read them on{" "}
            {at(run.storeReadBefore)}; the test carts used the live store.
          </Text>
        ) : null}
        {run.skipped.length > 0 ? (
          <BlockStack gap="100">
            <Text as="p" variant="bodySm" tone="subdued">
              Not checked this time:
            </Text>
            {run.skipped.map((s) => (
              <Text key={s.ruleId} as="p" variant="bodySm" tone="subdued">
                {s.ruleId}: {s.reason}
              </Text>
            ))}
          </BlockStack>
        ) : null}
      </BlockStack>
    </Card>
  );
}
