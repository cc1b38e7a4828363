/**
 * The Lighthouse card with its run: "Run Lighthouse" and "Cancel" through the shared job run UI
 * (~/ui/job-run), the phase and percent while it runs, and the new figures once it ends.
 */
import { LighthouseCard } from "~/performance/ui/LighthouseCard";
import type { LighthousePageData } from "~/performance/server/page.server";
import { ActionFeedback, CurrentRun, RunButton, useJobRun } from "~/ui/job-run";

export function LighthouseSection({
  lighthouse,
  timeZone,
}: {
  lighthouse: LighthousePageData;
  timeZone: string;
}) {
  const run = useJobRun("perf.lighthouse", lighthouse.status, "/app/jobs/live?job=perf.lighthouse");
  const { current } = run.status;
  const results = lighthouse.latest?.lighthouse ?? null;
  return (
    <LighthouseCard
      pages={results?.pages ?? null}
      storeScore={results?.storeScore ?? null}
      runsPerPage={results?.runsPerPage ?? null}
      measuredAt={lighthouse.latest ? String(lighthouse.latest.startedAt) : null}
      timeZone={timeZone}
      notes={results?.notes ?? []}
      trend={lighthouse.trend}
      chromiumUnavailable={lighthouse.chromiumUnavailable}
      action={
        <RunButton
          action={run.action}
          job={run.job}
          primary={false}
          disabled={current !== null || lighthouse.chromiumUnavailable !== null}
          label="Run Lighthouse"
        />
      }
      live={
        <>
          {/* "Progress shows below" lasts as long as the run: the figures replace both. */}
          {current || run.action.data?.ok === false ? <ActionFeedback action={run.action} /> : null}
          {current ? (
            <CurrentRun
              run={current}
              action={run.action}
              job={run.job}
              progressId="lighthouse-progress"
            />
          ) : null}
        </>
      }
    />
  );
}
