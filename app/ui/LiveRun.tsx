/**
 * What every "run a job from this page" card shares: following the run live (polled every 1.5 s
 * while one is queued or running), its phase and progress with "Cancel", and the last outcome.
 * AuditRunCard (dashboard) and CheckoutRunCard (checkout page) build on it.
 */
import { useEffect } from "react";
import { useFetcher, type FetcherWithComponents } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { RunJson } from "~/jobs/run-json.server";
import { OutcomeBadge, duration, phaseName, triggerName } from "./run-format";

const POLL_MS = 1500;

export interface RunActionResult {
  ok: boolean;
  message: string;
}

/** The newest of the loader's status and the polled one; polls `url` while a run is current. */
export function useLiveStatus<S extends { at: number; current: RunJson | null }>(
  initial: S,
  url: string,
): S {
  const live = useFetcher<S>();
  const status = live.data && live.data.at > initial.at ? (live.data as S) : initial;
  const { load } = live;
  const active = status.current !== null;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void load(url), POLL_MS);
    return () => clearInterval(timer);
  }, [active, load, url]);
  return status;
}

/** The current run: outcome badge, phase, percentage, progress bar, when it started, "Cancel". */
export function CurrentRun({
  run,
  action,
  progressId,
}: {
  run: RunJson;
  action: FetcherWithComponents<RunActionResult>;
  /** Unique on the page: the progress bar is labelled by the line under it. */
  progressId: string;
}) {
  const busy = action.state !== "idle";
  return (
    <BlockStack gap="200">
      <InlineStack align="space-between" blockAlign="center">
        <InlineStack gap="200" blockAlign="center">
          <OutcomeBadge run={run} />
          <Text as="span" variant="bodyMd" fontWeight="semibold">
            {run.status === "running"
              ? phaseName(run.phase)
              : run.status === "failed"
                ? `Attempt ${run.attempts} failed; retrying ${run.runAt}`
                : `Waiting to start (${run.runAt})`}
          </Text>
        </InlineStack>
        <Text as="span" variant="bodySm" tone="subdued">
          {run.progress}%
        </Text>
      </InlineStack>
      <ProgressBar
        progress={run.progress}
        tone={run.status === "failed" ? "critical" : "highlight"}
        size="small"
        ariaLabelledBy={progressId}
      />
      <InlineStack align="space-between" blockAlign="center">
        <Text as="p" variant="bodySm" tone="subdued" id={progressId}>
          {triggerName(run.trigger)} ·{" "}
          {run.started ? `started ${run.started}` : `queued ${run.created}`}
          {run.maxAttempts > 1 && run.attempts > 1
            ? ` · attempt ${run.attempts} of ${run.maxAttempts}`
            : ""}
        </Text>
        <action.Form method="post">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="runId" value={run.id} />
          <Button submit tone="critical" variant="plain" disabled={run.cancelRequested || busy}>
            {run.cancelRequested ? "Cancelling…" : "Cancel"}
          </Button>
        </action.Form>
      </InlineStack>
      {run.error ? (
        <Text as="p" tone="critical">
          {run.error}
        </Text>
      ) : null}
    </BlockStack>
  );
}

/** The last run's outcome line: badge, when, why it started, how long it took. */
export function LastRunLine({ run }: { run: RunJson }) {
  return (
    <InlineStack gap="200" blockAlign="center">
      <OutcomeBadge run={run} />
      <Text as="span" variant="bodyMd">
        Last run {run.started ?? run.created} · {triggerName(run.trigger)} ·{" "}
        {duration(run.durationSeconds)}
      </Text>
    </InlineStack>
  );
}

/** "Run now" and its like: starts the job (intent "run"); disabled while a run is current. */
export function RunButton({
  action,
  disabled,
  label,
}: {
  action: FetcherWithComponents<RunActionResult>;
  disabled: boolean;
  label: string;
}) {
  return (
    <action.Form method="post">
      <input type="hidden" name="intent" value="run" />
      <Button submit variant="primary" disabled={disabled} loading={action.state !== "idle"}>
        {label}
      </Button>
    </action.Form>
  );
}

/** What the last "run" or "cancel" said, once it has answered. */
export function ActionFeedback({ action }: { action: FetcherWithComponents<RunActionResult> }) {
  const feedback = action.state === "idle" ? action.data : undefined;
  return feedback ? (
    <Banner tone={feedback.ok ? "success" : "critical"}>
      <p>{feedback.message}</p>
    </Banner>
  ) : null;
}
