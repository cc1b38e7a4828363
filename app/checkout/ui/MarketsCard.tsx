/**
 * The market × check matrix of the latest run, then per market its synthetic cart: the country
 * it was sent to, the product, the delivery options and their costs, the checkout page's answer
 * and the timings.
 */
import {
  Badge,
  BlockStack,
  Box,
  Card,
  DataTable,
  InlineGrid,
  InlineStack,
  Text,
  Tooltip,
} from "@shopify/polaris";
import { COLUMN_LABELS, MATRIX_COLUMNS, type MatrixCell } from "~/checkout/domain/matrix";
import type { MarketView, RunView } from "~/checkout/server/page.server";

function Cell({ cell }: { cell: MatrixCell }) {
  const badge =
    cell.status === "pass" ? (
      <Badge tone="success">Pass</Badge>
    ) : cell.status === "fail" ? (
      <Badge tone="critical">Fail</Badge>
    ) : (
      <Badge>Skipped</Badge>
    );
  return cell.reason ? (
    <Tooltip content={cell.reason}>
      <span>{badge}</span>
    </Tooltip>
  ) : (
    badge
  );
}

const ms = (n: number | null) =>
  n === null ? "—" : n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(1)} s`;

function MarketDetail({ market }: { market: MarketView }) {
  return (
    <Box padding="300" borderWidth="025" borderColor="border" borderRadius="200">
      <BlockStack gap="200">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              {market.name}
            </Text>
            {market.status === "pass" ? (
              <Badge tone="success">Customers can buy</Badge>
            ) : (
              <Badge tone="critical">Checkout fails</Badge>
            )}
          </InlineStack>
          <Text as="span" variant="bodySm" tone="subdued">
            Cart sent to {market.countryName}
          </Text>
        </InlineStack>
        {market.reason ? (
          <Text as="p" tone="critical">
            {market.reason}
          </Text>
        ) : null}
        <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
          <BlockStack gap="100">
            <Text as="span" variant="bodySm" tone="subdued">
              Cart
            </Text>
            <Text as="p">{market.product ?? "No product could be put in the cart"}</Text>
            {market.subtotal ? (
              <Text as="p" variant="bodySm" tone="subdued">
                Subtotal {market.subtotal}
              </Text>
            ) : null}
          </BlockStack>
          <BlockStack gap="100">
            <Text as="span" variant="bodySm" tone="subdued">
              Delivery options
            </Text>
            {market.deliveryOptions.length === 0 ? (
              <Text as="p">None offered</Text>
            ) : (
              market.deliveryOptions.map((o) => (
                <InlineStack key={o.title} align="space-between" gap="200">
                  <Text as="span">{o.title}</Text>
                  <Text as="span" fontWeight="semibold">
                    {o.cost}
                  </Text>
                </InlineStack>
              ))
            )}
          </BlockStack>
          <BlockStack gap="100">
            <Text as="span" variant="bodySm" tone="subdued">
              Timings
            </Text>
            <Text as="p">
              Cart {ms(market.timings.cartMs)} · checkout page {ms(market.timings.checkoutMs)}
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              {market.checkoutStatus === null
                ? "Checkout page not requested"
                : `Checkout page answered HTTP ${market.checkoutStatus}`}{" "}
              · total {ms(market.timings.totalMs)}
            </Text>
          </BlockStack>
        </InlineGrid>
      </BlockStack>
    </Box>
  );
}

export function MarketsCard({ run }: { run: RunView }) {
  const failed = run.markets.filter((m) => m.status === "fail").length;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center">
          <Text as="h2" variant="headingMd">
            Markets
          </Text>
          <Text as="span" tone="subdued">
            {run.markets.length === 0
              ? "No synthetic cart ran"
              : failed === 0
                ? `All ${run.markets.length} markets pass`
                : `${failed} of ${run.markets.length} markets fail`}
          </Text>
        </InlineStack>
        {run.syntheticSkipped ? (
          <Box padding="300" background="bg-surface-caution" borderRadius="200">
            <Text as="p">{run.syntheticSkipped}</Text>
          </Box>
        ) : null}
        {run.markets.length > 0 ? (
          <>
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text", "text"]}
              headings={["Market", "Country", ...MATRIX_COLUMNS.map((c) => COLUMN_LABELS[c])]}
              rows={run.markets.map((m) => [
                m.name,
                m.countryName,
                ...MATRIX_COLUMNS.map((c) => <Cell key={c} cell={m.cells[c]} />),
              ])}
            />
            <BlockStack gap="300">
              {run.markets.map((m) => (
                <MarketDetail key={m.handle} market={m} />
              ))}
            </BlockStack>
          </>
        ) : null}
      </BlockStack>
    </Card>
  );
}
