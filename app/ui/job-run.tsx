/**
 * The one UI for running a job from a page (the server half is ~/jobs/run-actions.server):
 * `useJobRun` follows the job live (polled every 1.5 s while a run is queued or running) and
 * reloads the page's data when the run ends; `CurrentRun` shows its phase and progress with
 * "Cancel"; `JobRunCard` is the whole card (dashboard audit, checkout checks); the Lighthouse
 * card places the same parts in its own header.
 */
import { useEffect, useRef } from "react";
import { useFetcher, useRevalidator, type FetcherWithComponents } from "@remix-run/react";
import { Banner, BlockStack, Button, InlineStack, ProgressBar, Text } from "@shopify/polaris";
import type { RunJson } from "~/jobs/run-json.server";
import type { JobRunStatus, RunActionResult } from "~/jobs/run-actions.server";
import { OutcomeBadge, duration, phaseName, triggerName } from "~/ui/run-format";

export type { JobRunStatus, RunActionResult } from "~/jobs/run-actions.server";

const POLL_MS = 1500;

/** The newest of the loader's status and the polled one; polls `url` while a run is current. */
export function useLiveStatus<S extends JobRunStatus>(initial: S, url: string): S {
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

export interface JobRun<S extends JobRunStatus> {
  status: S;
  /** Posts "run" / "cancel" to the page's action. */
  action: FetcherWithComponents<RunActionResult>;
  /** Which job the forms name (`job` field). */
  job: string;
}

/**
 * A job followed live from `liveUrl`, with the fetcher its forms post through. When
 * `reloadOnEnd`, the page's loaders run again once the followed run ends (its results appear).
 */
export function useJobRun<S extends JobRunStatus>(
  job: string,
  initial: S,
  liveUrl: string,
  reloadOnEnd = true,
): JobRun<S> {
  const status = useLiveStatus(initial, liveUrl);
  const action = useFetcher<RunActionResult>();
  const revalidator = useRevalidator();
  const active = status.current !== null;
  const wasActive = useRef(active);
  useEffect(() => {
    if (reloadOnEnd && wasActive.current && !active) revalidator.revalidate();
    wasActive.current = active;
  }, [active, reloadOnEnd, revalidator]);
  return { status, action, job };
}

/** The current run: outcome badge, phase, percentage, progress bar, when it started, "Cancel". */
export function CurrentRun({
  run,
  action,
  job,
  progressId,
}: {
  run: RunJson;
  action: FetcherWithComponents<RunActionResult>;
  job: string;
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
          <input type="hidden" name="job" value={job} />
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
  job,
  disabled,
  label,
  primary = true,
}: {
  action: FetcherWithComponents<RunActionResult>;
  job: string;
  disabled: boolean;
  label: string;
  primary?: boolean;
}) {
  return (
    <action.Form method="post">
      <input type="hidden" name="intent" value="run" />
      <input type="hidden" name="job" value={job} />
      <Button
        submit
        variant={primary ? "primary" : undefined}
        disabled={disabled}
        loading={action.state !== "idle"}
      >
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

export interface JobRunCardProps<S extends JobRunStatus> {
  run: JobRun<S>;
  title: string;
  /** A sentence under the title: what the job does. */
  description?: React.ReactNode;
  runLabel: string;
  /** Unique on the page (see CurrentRun). */
  progressId: string;
  /** Beside the run button ("Run history"). */
  actions?: React.ReactNode;
  /** Shown when the job has never run. */
  neverRun?: React.ReactNode;
  /** How the last run's error reads when it did not succeed. */
  lastError?: (error: string) => React.ReactNode;
  /** Under a rule at the bottom ("Next weekly audit …"). */
  footer?: React.ReactNode;
}

/** The card every page runs a job from: title, run button, live run or last outcome. */
export function JobRunCard<S extends JobRunStatus>(props: JobRunCardProps<S>) {
  const {
    run,
    lastError = (error) => (
      <Text as="p" tone="critical">
        {error}
      </Text>
    ),
  } = props;
  const { current, latest } = run.status;
  return (
    <BlockStack gap="400">
      <InlineStack align="space-between" blockAlign="center" gap="200">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {props.title}
          </Text>
          {props.description ? (
            <Text as="p" tone="subdued">
              {props.description}
            </Text>
          ) : null}
        </BlockStack>
        <InlineStack gap="200">
          <RunButton
            action={run.action}
            job={run.job}
            disabled={current !== null}
            label={props.runLabel}
          />
          {props.actions}
        </InlineStack>
      </InlineStack>
      <ActionFeedback action={run.action} />
      {current ? (
        <CurrentRun run={current} action={run.action} job={run.job} progressId={props.progressId} />
      ) : latest ? (
        <BlockStack gap="200">
          <LastRunLine run={latest} />
          {latest.error && latest.status !== "succeeded" ? lastError(latest.error) : null}
        </BlockStack>
      ) : (
        (props.neverRun ?? null)
      )}
      {props.footer}
    </BlockStack>
  );
}
