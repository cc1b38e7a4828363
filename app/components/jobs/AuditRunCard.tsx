/**
 * The dashboard's audit card: the current run live (phase and progress, polled every 1.5 s while
 * a run is active), the last outcome, the next scheduled run, "Run now" and "Cancel".
 */
import { useEffect } from "react";
import { useFetcher } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  InlineStack,
  Link,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import type { AuditStatus } from "~/jobs/status.server";
import { OutcomeBadge, duration, phaseName, triggerName } from "./run-format";

const POLL_MS = 1500;

export interface RunActionResult {
  ok: boolean;
  message: string;
}

function useLiveStatus(initial: AuditStatus): AuditStatus {
  const live = useFetcher<AuditStatus>();
  const status = live.data && live.data.at > initial.at ? live.data : initial;
  const { load } = live;
  const active = status.current !== null;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void load("/app/runs/live"), POLL_MS);
    return () => clearInterval(timer);
  }, [active, load]);
  return status;
}

export function AuditRunCard({ initial }: { initial: AuditStatus }) {
  const status = useLiveStatus(initial);
  const action = useFetcher<RunActionResult>();
  const busy = action.state !== "idle";
  const { current, latest, schedule } = status;
  const feedback = action.state === "idle" ? action.data : undefined;

  return (
    <Card>
      <BlockStack gap="400">
        <InlineStack align="space-between" blockAlign="center" gap="200">
          <Text as="h2" variant="headingMd">
            Full audit
          </Text>
          <InlineStack gap="200">
            <action.Form method="post">
              <input type="hidden" name="intent" value="run" />
              <Button submit variant="primary" disabled={current !== null} loading={busy}>
                Run now
              </Button>
            </action.Form>
            <Button url="/app/runs">Run history</Button>
          </InlineStack>
        </InlineStack>

        {feedback ? (
          <Banner tone={feedback.ok ? "success" : "critical"}>
            <p>{feedback.message}</p>
          </Banner>
        ) : null}

        {current ? (
          <BlockStack gap="200">
            <InlineStack align="space-between" blockAlign="center">
              <InlineStack gap="200" blockAlign="center">
                <OutcomeBadge run={current} />
                <Text as="span" variant="bodyMd" fontWeight="semibold">
                  {current.status === "running"
                    ? phaseName(current.phase)
                    : current.status === "failed"
                      ? `Attempt ${current.attempts} failed; retrying ${current.runAt}`
                      : `Waiting to start (${current.runAt})`}
                </Text>
              </InlineStack>
              <Text as="span" variant="bodySm" tone="subdued">
                {current.progress}%
              </Text>
            </InlineStack>
            <ProgressBar
              progress={current.progress}
              tone={current.status === "failed" ? "critical" : "highlight"}
              size="small"
              ariaLabelledBy="audit-progress"
            />
            <InlineStack align="space-between" blockAlign="center">
              <Text as="p" variant="bodySm" tone="subdued" id="audit-progress">
                {triggerName(current.trigger)} ·{" "}
                {current.started ? `started ${current.started}` : `queued ${current.created}`}
                {current.maxAttempts > 1 && current.attempts > 1
                  ? ` · attempt ${current.attempts} of ${current.maxAttempts}`
                  : ""}
              </Text>
              <action.Form method="post">
                <input type="hidden" name="intent" value="cancel" />
                <input type="hidden" name="runId" value={current.id} />
                <Button
                  submit
                  tone="critical"
                  variant="plain"
                  disabled={current.cancelRequested || busy}
                >
                  {current.cancelRequested ? "Cancelling…" : "Cancel"}
                </Button>
              </action.Form>
            </InlineStack>
          </BlockStack>
        ) : latest ? (
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <OutcomeBadge run={latest} />
              <Text as="span" variant="bodyMd">
                Last run {latest.started ?? latest.created} · {triggerName(latest.trigger)} ·{" "}
                {duration(latest.durationSeconds)}
              </Text>
            </InlineStack>
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
