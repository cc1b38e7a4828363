/**
 * Lighthouse lab runs on the Performance page: the weighted store score, per page type the
 * median performance score, LCP, TBT and CLS, and the scores' trend over stored runs (a
 * polaris-viz line chart, rendered after hydration like the HTTP trends). Without a run it says
 * plainly why: Lighthouse has not run yet, or Chromium is not available on this server.
 */
import { useSyncExternalStore } from "react";
import { Badge, BlockStack, Box, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { LineChart, PolarisVizProvider } from "@shopify/polaris-viz";
import type { LighthousePageResult, WeightedPage } from "~/performance/domain/lighthouse";
import type { LighthouseTrendPoint } from "~/performance/server/page.server";
import { formatAdminTime, runAxisLabel } from "~/format";

const LABELS: Record<WeightedPage | "store", string> = {
  home: "Home",
  collection: "Collection",
  product: "Product",
  store: "Store score",
};
const WEIGHTS: Record<WeightedPage, string> = { home: "17 %", collection: "43 %", product: "40 %" };

/** Lighthouse's own colour bands: 90–100 good, 50–89 needs improvement, 0–49 poor. */
function scoreTone(score: number): "success" | "warning" | "critical" {
  return score >= 90 ? "success" : score >= 50 ? "warning" : "critical";
}

function scoreBand(score: number): string {
  return score >= 90 ? "Good" : score >= 50 ? "Needs improvement" : "Poor";
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const noSubscription = () => () => undefined;
const onClient = () => true;
const onServer = () => false;

function ScoreTrend({ trend, timeZone }: { trend: LighthouseTrendPoint[]; timeZone: string }) {
  const mounted = useSyncExternalStore(noSubscription, onClient, onServer);
  const keys = (Object.keys(LABELS) as (WeightedPage | "store")[]).filter((k) =>
    trend.some((p) => p.scores[k] !== undefined),
  );
  const data = keys.map((k) => ({
    name: LABELS[k],
    data: trend.map((p) => ({
      key: runAxisLabel(p.at, timeZone),
      value: p.scores[k] ?? null,
    })),
  }));
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        Lighthouse score over time
      </Text>
      {trend.length < 2 ? (
        <Text as="p" tone="subdued">
          The trend appears after the second Lighthouse run.
        </Text>
      ) : (
        <Box minHeight="260px">
          {mounted ? (
            <div style={{ height: 260 }} data-testid="lighthouse-trend-chart">
              <PolarisVizProvider>
                <LineChart data={data} theme="Light" showLegend />
              </PolarisVizProvider>
            </div>
          ) : null}
        </Box>
      )}
    </BlockStack>
  );
}

export interface LighthouseCardProps {
  pages: LighthousePageResult[] | null;
  storeScore: number | null;
  runsPerPage: number | null;
  measuredAt: string | null;
  /** The shop's time zone: times are shown in it. */
  timeZone: string;
  notes: string[];
  trend: LighthouseTrendPoint[];
  chromiumUnavailable: string | null;
  /** The "Run Lighthouse" button, placed in the card's header. */
  action: React.ReactNode;
  /** The run in progress (phase and percent) and what "Run" or "Cancel" answered. */
  live?: React.ReactNode;
}

function NotRunYet({ chromiumUnavailable }: { chromiumUnavailable: string | null }) {
  return (
    <Box paddingBlock="200">
      <BlockStack gap="100">
        <Text as="h3" variant="headingSm">
          {chromiumUnavailable
            ? "Chromium not available on this server"
            : "Lighthouse has not run yet"}
        </Text>
        <Text as="p" tone="subdued">
          {chromiumUnavailable
            ? `${chromiumUnavailable} The HTTP measurement above does not need it.`
            : "Run Lighthouse to see the performance score, Largest Contentful Paint, Total Blocking Time and Cumulative Layout Shift of the home, collection and product pages, and the store score weighted like Shopify's."}
        </Text>
      </BlockStack>
    </Box>
  );
}

function StoreScore(props: LighthouseCardProps) {
  return (
    <InlineStack gap="300" blockAlign="center">
      <Text as="p" variant="headingLg">
        Store score {props.storeScore === null ? "—" : <span>{props.storeScore}</span>}
      </Text>
      {props.storeScore !== null ? (
        <Badge tone={scoreTone(props.storeScore)}>{scoreBand(props.storeScore)}</Badge>
      ) : null}
      <Text as="span" tone="subdued">
        weighted home 17 %, product 40 %, collection 43 % ·{" "}
        {props.measuredAt ? formatAdminTime(props.measuredAt, props.timeZone) : ""} ·{" "}
        {props.runsPerPage} {props.runsPerPage === 1 ? "run" : "runs"} per page
      </Text>
    </InlineStack>
  );
}

function PagesTable({ pages }: { pages: LighthousePageResult[] }) {
  return (
    <DataTable
      columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric", "numeric"]}
      headings={["Page", "Weight", "Score", "LCP", "TBT", "CLS"]}
      rows={pages.map((p) => [
        LABELS[p.type],
        WEIGHTS[p.type],
        <Badge
          key="score"
          tone={scoreTone(p.median.score)}
          toneAndProgressLabelOverride={scoreBand(p.median.score)}
        >
          {String(p.median.score)}
        </Badge>,
        seconds(p.median.lcpMs),
        `${p.median.tbtMs} ms`,
        p.median.cls.toFixed(3),
      ])}
    />
  );
}

export function LighthouseCard(props: LighthouseCardProps) {
  const { pages } = props;
  return (
    <div data-testid="lighthouse-card">
      <Card>
        <BlockStack gap="400">
          <BlockStack gap="100">
            <InlineStack align="space-between" blockAlign="center" gap="200" wrap={false}>
              <Text as="h2" variant="headingMd">
                Lighthouse lab runs (mobile)
              </Text>
              {props.action}
            </InlineStack>
            <Text as="p" tone="subdued">
              Lighthouse&apos;s mobile settings (emulated mid-range phone, slow 4G) in a headless
              Chromium on this server; each figure is the median of the runs per page.
            </Text>
          </BlockStack>
          {props.live}
          {pages === null ? (
            <NotRunYet chromiumUnavailable={props.chromiumUnavailable} />
          ) : (
            <>
              <StoreScore {...props} />
              <PagesTable pages={pages} />
              {props.notes.map((n) => (
                <Text key={n} as="p" tone="subdued">
                  {n}
                </Text>
              ))}
              <ScoreTrend trend={props.trend} timeZone={props.timeZone} />
            </>
          )}
        </BlockStack>
      </Card>
    </div>
  );
}
