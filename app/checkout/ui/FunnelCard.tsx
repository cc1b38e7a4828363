/**
 * The checkout funnel from real customers: per market (or all together) the daily checkouts
 * reaching each step over the last four weeks, each step's conversion from the step before,
 * and the steps the detector flagged. An empty state until the pixel has sent events.
 */
import { useState } from "react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Card,
  DataTable,
  InlineStack,
  Select,
  Text,
} from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import type { FunnelStepView, FunnelView, PixelView } from "~/checkout/server/page.server";
import { count } from "~/format";

const percent = (rate: number) => `${Math.round(rate * 100)} %`;

const BAR_W = 6;
const GAP = 2;
const HEIGHT = 28;

/** Daily counts as small bars, today last; the highest day of the step is full height. */
function DailyBars({ values, days, label }: { values: number[]; days: string[]; label: string }) {
  const max = Math.max(1, ...values);
  const width = values.length * (BAR_W + GAP) - GAP;
  return (
    <svg
      width={width}
      height={HEIGHT}
      viewBox={`0 0 ${width} ${HEIGHT}`}
      role="img"
      aria-label={`${label}: daily checkouts over the last ${values.length} days`}
    >
      {values.map((v, i) => {
        const h = v === 0 ? 1 : Math.max(2, Math.round((v / max) * HEIGHT));
        return (
          <rect
            key={days[i] ?? i}
            x={i * (BAR_W + GAP)}
            y={HEIGHT - h}
            width={BAR_W}
            height={h}
            rx={1}
            fill={v === 0 ? "#e3e3e3" : "#2c6ecb"}
          >
            <title>{`${days[i] ?? ""}: ${v}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

function row(step: FunnelStepView, days: string[], flagged: boolean) {
  return [
    <InlineStack key="label" gap="200" blockAlign="center" wrap={false}>
      <Text as="span">{step.label}</Text>
      {flagged ? <Badge tone="critical">Drop</Badge> : null}
    </InlineStack>,
    <DailyBars key="bars" values={step.daily} days={days} label={step.label} />,
    count(step.total),
    step.conversion === null ? "—" : percent(step.conversion),
  ];
}

export function FunnelCard({ funnel, pixel }: { funnel: FunnelView; pixel: PixelView }) {
  const [selected, setSelected] = useState(funnel.groups[0]?.id ?? "all");
  if (funnel.eventCount === 0)
    return (
      <Card>
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Checkout funnel
          </Text>
          <EmptyCard heading="No checkout events yet" image={null}>
            <BlockStack gap="200" inlineAlign="center">
              <Text as="p" alignment="center" tone="subdued">
                {pixel.connected
                  ? "The pixel is connected. The funnel appears here once customers who gave analytics consent reach checkout."
                  : "Activate the checkout pixel (below) to see how far real customers get in checkout, per market."}
              </Text>
            </BlockStack>
          </EmptyCard>
        </BlockStack>
      </Card>
    );
  const group = funnel.groups.find((g) => g.id === selected) ?? funnel.groups[0];
  if (group === undefined) return null;
  const flagged = new Set(group.drops.map((d) => d.step));
  const first = funnel.days[0] ?? "";
  const last = funnel.days[funnel.days.length - 1] ?? "";
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Checkout funnel
            </Text>
            <Text as="p" variant="bodySm" tone="subdued">
              Distinct checkouts per day, {first} to {last} (today so far)
            </Text>
          </BlockStack>
          <Box minWidth="14rem">
            <Select
              label="Market"
              labelInline
              options={funnel.groups.map((g) => ({ label: g.label, value: g.id }))}
              value={group.id}
              onChange={setSelected}
            />
          </Box>
        </InlineStack>
        {group.drops.length > 0 ? (
          <Banner tone="critical" title="Fewer customers get past a checkout step">
            {group.drops.map((d) => (
              <p key={`${d.where}-${d.step}`}>
                {d.where}, {d.step}: {percent(d.currentRate)} in the last 7 days against{" "}
                {percent(d.baselineRate)} over the 4 weeks before ({Math.round(-d.change * 100)} %
                fewer).
              </p>
            ))}
          </Banner>
        ) : null}
        <DataTable
          columnContentTypes={["text", "text", "numeric", "numeric"]}
          headings={["Step", "Last 4 weeks", "Checkouts", "From previous step"]}
          rows={group.steps.map((s) => row(s, funnel.days, flagged.has(s.label)))}
        />
        <Text as="p" variant="bodySm" tone="subdued">
          A step is flagged when its conversion in the last 7 days is more than 25 % below the 4
          weeks before, with at least 30 checkouts this week and 100 over the baseline.
        </Text>
      </BlockStack>
    </Card>
  );
}
