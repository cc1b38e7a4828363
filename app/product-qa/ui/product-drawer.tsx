import { BlockStack, Box, Divider, InlineStack, Modal, Text } from "@shopify/polaris";
import type { FindingView } from "~/product-qa/models/findings.server";
import { ChangeBadge, SeverityBadge, SuppressedBadge } from "./badges";
import { FixLink } from "./fix-link";
import { ProductThumbnail } from "./findings-table";
import { formatAdminTime } from "~/format";

/** Every finding of one product, suppressed ones included, each with its fix link. */
export function ProductDrawer({
  productId,
  findings,
  embedded,
  timeZone,
  ruleTitle,
  onClose,
}: {
  productId: string;
  findings: FindingView[];
  embedded: boolean;
  timeZone: string;
  ruleTitle: (ruleId: string) => string;
  onClose: () => void;
}) {
  const first = findings[0];
  const title = first?.productTitle ?? first?.productHandle ?? "Product";
  const productFix = findings.find((f) => f.resourceType !== "variant")?.fixUrl ?? null;
  const open = findings.filter((f) => !f.suppressed).length;
  return (
    <Modal open onClose={onClose} title={title} size="large">
      <Modal.Section>
        <InlineStack gap="400" blockAlign="center" align="space-between">
          <InlineStack gap="300" blockAlign="center">
            <ProductThumbnail url={first?.productImageUrl ?? null} title={title} />
            <BlockStack gap="050">
              <Text as="p" tone="subdued">
                {[first?.productHandle, first?.vendor, first?.productType]
                  .filter(Boolean)
                  .join(" · ") || productId}
              </Text>
              <Text as="p">
                {findings.length === 0
                  ? "No open findings: nothing to fix on this product."
                  : `${open} open ${open === 1 ? "problem" : "problems"}${
                      findings.length > open ? `, ${findings.length - open} suppressed` : ""
                    }`}
              </Text>
            </BlockStack>
          </InlineStack>
          <FixLink fixUrl={productFix} embedded={embedded} label="Open product in Shopify" />
        </InlineStack>
      </Modal.Section>
      {findings.length > 0 ? (
        <Modal.Section>
          <BlockStack gap="300">
            {findings.map((f, i) => (
              <BlockStack gap="300" key={f.id}>
                {i > 0 ? <Divider /> : null}
                <Box>
                  <InlineStack align="space-between" blockAlign="start" gap="400" wrap={false}>
                    <BlockStack gap="100">
                      <InlineStack gap="200" blockAlign="center">
                        <SeverityBadge severity={f.severity} />
                        <Text as="h3" variant="headingSm">
                          {ruleTitle(f.ruleId)}
                        </Text>
                        <ChangeBadge change={f.change} />
                        {f.suppressed ? <SuppressedBadge /> : null}
                      </InlineStack>
                      <Text as="p">{f.message}</Text>
                      <Text as="p" variant="bodySm" tone="subdued">
                        {f.resourceType === "variant"
                          ? `Variant ${f.variantTitle ?? ""}${f.variantSku ? ` · SKU ${f.variantSku}` : ""} · `
                          : ""}
                        First seen {formatAdminTime(f.firstSeenAt, timeZone)}
                      </Text>
                    </BlockStack>
                    <FixLink fixUrl={f.fixUrl} embedded={embedded} />
                  </InlineStack>
                </Box>
              </BlockStack>
            ))}
          </BlockStack>
        </Modal.Section>
      ) : null}
    </Modal>
  );
}
