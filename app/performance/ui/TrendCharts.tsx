/**
 * Trends of the stored HTTP runs with polaris-viz line charts: page weight and third-party
 * JavaScript per page type. Charts measure their container, so they render after hydration
 * (server HTML shows a placeholder of the same height).
 */
import { useSyncExternalStore } from "react";
import { BlockStack, Box, Card, InlineGrid, Text } from "@shopify/polaris";
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { PageType } from "~/performance/domain/types";
import type { TrendPoint } from "~/performance/server/page.server";
import { runAxisLabel } from "~/format";

const LABELS: Record<PageType, string> = {
  home: "Home",
  collection: "Collection",
  product: "Product",
  cart: "Cart",
  search: "Search",
};

function series(
  trend: TrendPoint[],
  timeZone: string,
  pick: (p: TrendPoint) => Partial<Record<PageType, number>>,
) {
  const types = (Object.keys(LABELS) as PageType[]).filter((t) =>
    trend.some((p) => pick(p)[t] !== undefined),
  );
  return types.map((type) => ({
    name: LABELS[type],
    data: trend.map((p) => ({
      key: runAxisLabel(p.at, timeZone),
      value: Math.round((pick(p)[type] ?? 0) / 1024),
    })),
  }));
}

const noSubscription = () => () => undefined;
const onClient = () => true;
const onServer = () => false;

function Chart({ title, data }: { title: string; data: ReturnType<typeof series> }) {
  const mounted = useSyncExternalStore(noSubscription, onClient, onServer);
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      <Box minHeight="260px">
        {mounted ? (
          <div style={{ height: 260 }} data-testid="perf-trend-chart">
            <LineChart
              data={data}
              theme="Light"
              showLegend
              yAxisOptions={{ labelFormatter: (v) => `${String(v)} KB` }}
            />
          </div>
        ) : null}
      </Box>
    </BlockStack>
  );
}

export function TrendCharts({ trend, timeZone }: { trend: TrendPoint[]; timeZone: string }) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Trends per page type
        </Text>
        {trend.length < 2 ? (
          <Text as="p" tone="subdued">
            Trends appear after the second measurement.
          </Text>
        ) : (
          <PolarisVizProvider>
            <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
              <Chart title="Page weight (KB)" data={series(trend, timeZone, (p) => p.totalBytes)} />
              <Chart
                title="Third-party JavaScript (KB)"
                data={series(trend, timeZone, (p) => p.thirdPartyScriptBytes)}
              />
            </InlineGrid>
          </PolarisVizProvider>
        )}
      </BlockStack>
    </Card>
  );
}
