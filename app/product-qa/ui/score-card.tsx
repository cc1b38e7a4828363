import { useState } from "react";
import {
  BlockStack,
  Box,
  Button,
  Card,
  Collapsible,
  InlineGrid,
  InlineStack,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import type { RunInfo, ScoreView } from "~/product-qa/server/products-page.server";
import { formatAdminTime } from "~/format";

function scoreTone(score: number): "critical" | "highlight" | "success" {
  return score < 50 ? "critical" : score < 80 ? "highlight" : "success";
}

const whole = (n: number | null) => (n === null ? "—" : Math.round(n).toString());

/**
 * The health score per category and overall, each with the numbers it is made of: a score the
 * merchant cannot recompute is a score nobody trusts.
 */
export function ScoreCard({
  score,
  lastRun,
  timeZone,
  onOpenSettings,
}: {
  score: ScoreView;
  lastRun: RunInfo | null;
  timeZone: string;
  onOpenSettings: () => void;
}) {
  const [explained, setExplained] = useState(false);
  const w = score.severityWeights;
  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="start" gap="400">
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Product health
            </Text>
            {/* align: an InlineStack inherits its parent's (space-between) unless it sets its own. */}
            <InlineStack gap="200" align="start" blockAlign="baseline">
              <Text as="p" variant="heading2xl">
                {whole(score.overall)}
              </Text>
              <Text as="span" tone="subdued">
                / 100 overall
              </Text>
            </InlineStack>
            {lastRun ? <LastRunLine run={lastRun} timeZone={timeZone} /> : null}
          </BlockStack>
          <InlineStack gap="200">
            <Button
              onClick={() => setExplained((open) => !open)}
              disclosure={explained ? "up" : "down"}
            >
              How is this computed?
            </Button>
            <Button onClick={onOpenSettings}>Rule settings</Button>
          </InlineStack>
        </InlineStack>
        <Collapsible id="score-explained" open={explained}>
          <Box paddingBlockEnd="200">
            <BlockStack gap="200">
              <Text as="p">
                Each category counts the products its rules checked. A product is clean when it has
                no open (unsuppressed) problem in the category; otherwise it counts once, by its
                worst problem, with the weight critical ×{w.critical}, warning ×{w.warning}, info ×
                {w.info}. Score = 100 × clean ÷ (clean + the weighted problems). The overall score
                is the average of the categories, weighted by how much each costs in sales (prices
                ×3; images, texts, organisation and stock ×2; search listing and identifiers ×1).
              </Text>
              <Text as="p" tone="subdued">
                Products checked are counted at the last full audit (
                {formatAdminTime(score.checkedAt, timeZone)}); problems are counted now, so a
                suppression or a re-checked product shows at once.
              </Text>
            </BlockStack>
          </Box>
        </Collapsible>
        <CategoryScores categories={score.categories} />
      </BlockStack>
    </Card>
  );
}

function LastRunLine({ run, timeZone }: { run: RunInfo; timeZone: string }) {
  const counts = run.counts;
  return (
    <Text as="p" tone="subdued">
      Last audit {formatAdminTime(run.finishedAt ?? run.startedAt, timeZone)}
      {counts
        ? ` · ${counts.new} new · ${counts.regressed} regressed · ${counts.fixed} fixed since the audit before`
        : ""}
    </Text>
  );
}

function CategoryScores({ categories }: { categories: ScoreView["categories"] }) {
  return (
    <InlineGrid columns={{ xs: 1, sm: 2, lg: 4 }} gap="400">
      {categories.map((c) => (
        <BlockStack gap="150" key={c.category}>
          <InlineStack align="space-between">
            <Text as="h3" variant="headingSm">
              {c.label}
            </Text>
            <Text as="span" variant="headingSm">
              {whole(c.score)}
            </Text>
          </InlineStack>
          {c.score === null ? null : (
            <ProgressBar progress={c.score} size="small" tone={scoreTone(c.score)} />
          )}
          <Text as="p" variant="bodySm" tone="subdued">
            {c.explanation}
            {c.suppressedFindings > 0 ? ` ${c.suppressedFindings} suppressed not counted.` : ""}
          </Text>
        </BlockStack>
      ))}
    </InlineGrid>
  );
}
