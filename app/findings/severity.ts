/**
 * Severity, defined once: its values in order (worst first), and everything derived from that
 * order — the rank used to sort findings, zeroed counts per severity, the badge tone. Every page,
 * model, report and CLI table takes them from here (docs/decisions/020-actions-and-single-sources.md).
 */

/** Worst first. */
export const SEVERITIES = ["critical", "warning", "info"] as const;

export type Severity = (typeof SEVERITIES)[number];

/** 0 for the worst: sorts worst first. Unknown values (old rows) sort last. */
export function severityRank(severity: string): number {
  const rank = (SEVERITIES as readonly string[]).indexOf(severity);
  return rank === -1 ? SEVERITIES.length : rank;
}

/** Worst first, for Array.prototype.sort. */
export function bySeverity(a: { severity: string }, b: { severity: string }): number {
  return severityRank(a.severity) - severityRank(b.severity);
}

/** Zero per severity (the type makes a new severity fail to compile here). */
export function severityCounts(): Record<Severity, number> {
  return { critical: 0, warning: 0, info: 0 };
}

/** The Polaris badge tone of each severity. */
export const SEVERITY_TONE = {
  critical: "critical",
  warning: "warning",
  info: "info",
} as const satisfies Record<Severity, string>;
