/**
 * The dashboard's audit card: the current run live (phase and progress, polled every 1.5 s while
 * a run is active), the last outcome, the next scheduled run, "Run now" and "Cancel".
 */
import { useFetcher } from "@remix-run/react";
import { BlockStack, Box, Button, Card, InlineStack, Link, Text } from "@shopify/polaris";
import type { AuditStatus } from "~/jobs/status.server";
import {
  ActionFeedback,
  CurrentRun,
  LastRunLine,
  RunButton,
  useLiveStatus,
  type RunActionResult,
} from "~/ui/LiveRun";

export type { RunActionResult } from "~/ui/LiveRun";

export function AuditRunCard({ initial }: { initial: AuditStatus }) {
  const status = useLiveStatus(initial, "/app/runs/live");
  const action = useFetcher<RunActionResult>();
  const { current, latest, schedule } = status;

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Full audit
          </Text>
          <InlineStack gap="200">
            <RunButton action={action} disabled={current !== null} label="Run now" />
            <Button url="/app/runs">Run history</Button>
          </InlineStack>
        </InlineStack>

        <ActionFeedback action={action} />

        {current ? (
          <CurrentRun run={current} action={action} progressId="audit-progress" />
        ) : latest ? (
          <BlockStack gap="200">
            <LastRunLine run={latest} />
            {latest.error && latest.status !== "succeeded" ? (
              <Text as="p" tone="critical">
                {latest.error}
              </Text>
            ) : null}
          </BlockStack>
        ) : (
          <Text as="p" tone="subdued">
            No audit has run for this shop yet. Run one now, or wait for the weekly schedule.
          </Text>
        )}

        <Box borderBlockStartWidth="025" borderColor="border" paddingBlockStart="300">
          <Text as="p" variant="bodySm" tone="subdued">
            {schedule.enabled && schedule.next
              ? `Next weekly audit: ${schedule.next} (${schedule.timeZone}).`
              : "Weekly audits are off for this shop."}{" "}
            <Link url="/app/settings">Change the schedule</Link>
          </Text>
        </Box>
      </BlockStack>
    </Card>
  );
}
