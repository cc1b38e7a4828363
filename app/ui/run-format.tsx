/** How job runs read in the UI: names, outcome badges, durations. */
import { Badge } from "@shopify/polaris";
import { jobLabel } from "~/jobs/labels";
import type { RunJson } from "~/jobs/run-json.server";

/** The job's English label (~/jobs/labels, the one list of job names). */
export function jobName(jobId: string): string {
  return jobLabel(jobId, "en");
}

const TRIGGERS: Record<string, string> = {
  schedule: "Weekly schedule",
  manual: "Run now",
  install: "Install",
  cli: "Command line",
  webhook: "Product change",
};

export function triggerName(trigger: string | null): string {
  return trigger === null ? "—" : (TRIGGERS[trigger] ?? trigger);
}

export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * Phases arrive as identifiers ("collecting deliveryProfiles", …), some with a sentence after a
 * dash ("collecting products — Shopify is exporting …"): the identifier is shown as words, the
 * sentence as written.
 */
export function phaseName(phase: string | null): string {
  if (!phase) return "Starting";
  const [head = "", ...rest] = phase.split(" — ");
  const words = head
    .replace(/[._-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return [words.charAt(0).toUpperCase() + words.slice(1), ...rest].join(" — ");
}

export function OutcomeBadge({ run }: { run: Pick<RunJson, "status" | "cancelRequested"> }) {
  switch (run.status) {
    case "queued":
      return <Badge tone="info">Queued</Badge>;
    case "running":
      return run.cancelRequested ? (
        <Badge tone="attention">Cancelling</Badge>
      ) : (
        <Badge tone="info" progress="partiallyComplete">
          Running
        </Badge>
      );
    case "failed":
      return <Badge tone="warning">Retrying</Badge>;
    case "succeeded":
      return (
        <Badge tone="success" progress="complete">
          Succeeded
        </Badge>
      );
    case "dead":
      return <Badge tone="critical">Failed</Badge>;
    case "cancelled":
      return <Badge>Cancelled</Badge>;
  }
}
