/**
 * Findings over time, pure. The database keeps one FindingHistoryRecord per finding identity
 * (key); after each run `advanceHistory` computes the next records from the classification.
 *
 * Each current finding is:
 * - `new`: its key was never seen;
 * - `persisting`: it was open after the previous run;
 * - `regressed`: it had been fixed and is back.
 * A previously open finding that is absent now is `fixed`, but only if its rule ran: a rule that
 * was skipped (input not collected) or disabled says nothing about its findings, which stay open.
 * A finding whose resource is gone or no longer checked (a deleted or archived product) is fixed:
 * the problem no longer stands in the way of a sale.
 */
import { ruleIdOfKey } from "~/findings/finding-key";
import type { Suppression } from "./suppressions";
import type { Finding, Severity } from "~/findings/types";
import { severityCounts } from "~/findings/severity";

export type FindingStatus = "open" | "fixed";

export interface FindingHistoryRecord {
  key: string;
  ruleId: string;
  status: FindingStatus;
  /** Run times (ISO 8601). */
  firstSeenAt: string;
  lastSeenAt: string;
  /** When it was last found fixed; null while open. */
  fixedAt: string | null;
  /** How often it came back after being fixed. */
  timesRegressed: number;
}

export type FindingChange = "new" | "persisting" | "regressed";

export interface ClassifiedFinding {
  finding: Finding;
  change: FindingChange;
  /** The suppression in force, or null: a suppressed finding is not an open problem. */
  suppression: Suppression | null;
}

/** What classification needs of a history record; the full record passes through to `fixed`. */
export type HistoryEntry = Pick<FindingHistoryRecord, "key" | "status">;

export interface Classification<H extends HistoryEntry = FindingHistoryRecord> {
  findings: ClassifiedFinding[];
  /** Previously open, absent now, and checked by a rule that ran. */
  fixed: H[];
}

export function classifyFindings<H extends HistoryEntry>(input: {
  current: readonly Finding[];
  history: readonly H[];
  /** Ids of the rules that ran in this run. */
  ran: Iterable<string>;
  /** In force now (suppressions.ts `suppressionsInForce`); none by default. */
  suppressions?: ReadonlyMap<string, Suppression>;
}): Classification<H> {
  const previous = new Map(input.history.map((h) => [h.key, h]));
  const suppressions = input.suppressions ?? new Map<string, Suppression>();
  const currentKeys = new Set<string>();
  const findings = input.current.map((finding): ClassifiedFinding => {
    currentKeys.add(finding.key);
    const before = previous.get(finding.key);
    return {
      finding,
      change: before === undefined ? "new" : before.status === "open" ? "persisting" : "regressed",
      suppression: suppressions.get(finding.key) ?? null,
    };
  });
  const ran = new Set(input.ran);
  const fixed = input.history.filter(
    (h) => h.status === "open" && !currentKeys.has(h.key) && ran.has(ruleIdOfKey(h.key)),
  );
  return { findings, fixed };
}

/** The history after a run at `at`: every record, updated, sorted by key. */
export function advanceHistory(input: {
  history: readonly FindingHistoryRecord[];
  classification: Classification<HistoryEntry>;
  at: string;
}): FindingHistoryRecord[] {
  const { at } = input;
  const next = new Map(input.history.map((h) => [h.key, h]));
  for (const { finding, change } of input.classification.findings) {
    const before = next.get(finding.key);
    if (before === undefined) {
      next.set(finding.key, {
        key: finding.key,
        ruleId: finding.ruleId,
        status: "open",
        firstSeenAt: at,
        lastSeenAt: at,
        fixedAt: null,
        timesRegressed: 0,
      });
    } else {
      next.set(finding.key, {
        ...before,
        status: "open",
        lastSeenAt: at,
        fixedAt: null,
        timesRegressed: before.timesRegressed + (change === "regressed" ? 1 : 0),
      });
    }
  }
  for (const { key } of input.classification.fixed) {
    const before = next.get(key);
    if (before) next.set(key, { ...before, status: "fixed", fixedAt: at });
  }
  return [...next.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface FindingCounts {
  /** Open, unsuppressed findings: the open problems. */
  open: number;
  openBySeverity: Record<Severity, number>;
  openByCategory: Record<string, number>;
  suppressed: number;
  /** Among the open problems. */
  new: number;
  regressed: number;
  fixed: number;
}

export function countFindings(classification: Classification<HistoryEntry>): FindingCounts {
  const counts: FindingCounts = {
    open: 0,
    openBySeverity: severityCounts(),
    openByCategory: {},
    suppressed: 0,
    new: 0,
    regressed: 0,
    fixed: classification.fixed.length,
  };
  for (const { finding, change, suppression } of classification.findings) {
    if (suppression !== null) {
      counts.suppressed++;
      continue;
    }
    counts.open++;
    counts.openBySeverity[finding.severity]++;
    counts.openByCategory[finding.category] = (counts.openByCategory[finding.category] ?? 0) + 1;
    if (change === "new") counts.new++;
    if (change === "regressed") counts.regressed++;
  }
  return counts;
}
