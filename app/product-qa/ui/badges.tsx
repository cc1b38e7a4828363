import { Badge } from "@shopify/polaris";
import type { FindingChange } from "~/product-qa/domain/history";
import type { Severity } from "~/findings/types";

import { SEVERITY_TONE } from "~/findings/severity";
const SEVERITY_LABEL: Record<Severity, string> = {
  critical: "Critical",
  warning: "Warning",
  info: "Info",
};

export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }) {
  return (
    <Badge tone={SEVERITY_TONE[severity]}>
      {count === undefined ? SEVERITY_LABEL[severity] : `${count} ${severity}`}
    </Badge>
  );
}

const CHANGE_LABEL: Record<FindingChange, string> = {
  new: "New",
  persisting: "Persisting",
  regressed: "Regressed",
};

/** "New" and "Regressed" stand out; a persisting finding is the normal case and stays quiet. */
export function ChangeBadge({ change }: { change: FindingChange }) {
  if (change === "persisting") return <Badge>{CHANGE_LABEL[change]}</Badge>;
  return <Badge tone={change === "new" ? "attention" : "critical"}>{CHANGE_LABEL[change]}</Badge>;
}

export function SuppressedBadge() {
  return <Badge tone="read-only">Suppressed</Badge>;
}
