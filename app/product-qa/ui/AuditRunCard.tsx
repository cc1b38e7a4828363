/**
 * The dashboard's audit card: the shared job run card (~/ui/job-run) for the full audit, with
 * "Run history" and the next scheduled run.
 */
import { jobLabel } from "~/jobs/labels";
import { Box, Button, Card, Link, Text } from "@shopify/polaris";
import type { AuditStatus } from "~/jobs/status.server";
import { JobRunCard, useJobRun } from "~/ui/job-run";

export function AuditRunCard({ initial }: { initial: AuditStatus }) {
  const run = useJobRun("audit.run-shop", initial, "/app/runs/live", false);
  const { schedule } = run.status;
  return (
    <Card>
      <JobRunCard
        run={run}
        title={jobLabel("audit.run-shop")}
        runLabel="Run now"
        progressId="audit-progress"
        actions={<Button url="/app/runs">Run history</Button>}
        neverRun={
          <Text as="p" tone="subdued">
            No audit has run for this shop yet. Run one now, or wait for the weekly schedule.
          </Text>
        }
        footer={
          <Box borderBlockStartWidth="025" borderColor="border" paddingBlockStart="300">
            <Text as="p" variant="bodySm" tone="subdued">
              {schedule.enabled && schedule.next
                ? `Next weekly audit: ${schedule.next} (${schedule.timeZone}).`
                : "Weekly audits are off for this shop."}{" "}
              <Link url="/app/settings">Change the schedule</Link>
            </Text>
          </Box>
        }
      />
    </Card>
  );
}
