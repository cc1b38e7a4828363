/**
 * What changed since the previous run: app embeds and blocks switched on or off, JavaScript by
 * host that grew or shrank by at least 10 KB, page weight by at least 10 %, new and resolved
 * findings. Messages read as a line of "since last run: …".
 */
import { formatBytes } from "./bytes";
import { PAGE_LABELS } from "./findings";
import type { PerfChange, PerfHttpResults } from "./types";

export const MIN_SCRIPT_DELTA = 10 * 1024;
export const MIN_PAGE_DELTA_RATIO = 0.1;

type Comparable = Pick<PerfHttpResults, "pages" | "footprint" | "findings">;

function enabledRefs(r: Comparable, kind: "embed" | "block"): Map<string, string> {
  const refs = new Map<string, string>();
  for (const app of r.footprint.apps)
    for (const t of app.theme)
      if (t.kind === kind && t.enabled) refs.set(`${t.handle}/${t.block}/${t.file}`, app.app);
  return refs;
}

/** Third-party script bytes per host: the largest over the page types (shared scripts count once). */
function scriptBytesByHost(r: Comparable): Map<string, { bytes: number; app: string | null }> {
  const out = new Map<string, { bytes: number; app: string | null }>();
  for (const page of r.pages)
    for (const h of page.bytesByHost) {
      if (h.party !== "third-party") continue;
      const prev = out.get(h.host);
      if (!prev || h.scriptBytes > prev.bytes)
        out.set(h.host, { bytes: h.scriptBytes, app: h.app });
    }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function comparePerfRuns(previous: Comparable, current: Comparable): PerfChange[] {
  const changes: PerfChange[] = [];
  for (const kind of ["embed", "block"] as const) {
    const before = enabledRefs(previous, kind);
    const after = enabledRefs(current, kind);
    const added = [...after].filter(([k]) => !before.has(k)).map(([, app]) => app);
    const removed = [...before].filter(([k]) => !after.has(k)).map(([, app]) => app);
    const noun = kind === "embed" ? "app embed" : "app block";
    if (added.length > 0)
      changes.push({
        kind: `${kind}-added`,
        message: `${added.length} new ${added.length === 1 ? noun : `${noun}s`} (${added.join(", ")})`,
      });
    if (removed.length > 0)
      changes.push({
        kind: `${kind}-removed`,
        message: `${plural(removed.length, noun)} removed (${removed.join(", ")})`,
      });
  }
  const beforeJs = scriptBytesByHost(previous);
  const afterJs = scriptBytesByHost(current);
  for (const host of new Set([...beforeJs.keys(), ...afterJs.keys()])) {
    const delta = (afterJs.get(host)?.bytes ?? 0) - (beforeJs.get(host)?.bytes ?? 0);
    if (Math.abs(delta) < MIN_SCRIPT_DELTA) continue;
    const app = afterJs.get(host)?.app ?? beforeJs.get(host)?.app ?? null;
    changes.push({
      kind: "script-bytes",
      delta,
      message: `${delta > 0 ? "+" : "−"}${formatBytes(Math.abs(delta))} of JavaScript from ${host}${app ? ` (${app})` : ""}`,
    });
  }
  for (const page of current.pages) {
    const old = previous.pages.find((p) => p.type === page.type);
    if (!old || old.totalBytes === 0) continue;
    const delta = page.totalBytes - old.totalBytes;
    if (Math.abs(delta) / old.totalBytes < MIN_PAGE_DELTA_RATIO) continue;
    changes.push({
      kind: "page-bytes",
      delta,
      message: `${PAGE_LABELS[page.type].toLowerCase()} weight ${delta > 0 ? "+" : "−"}${formatBytes(Math.abs(delta))}`,
    });
  }
  const oldKeys = new Set(previous.findings.map((f) => f.key));
  const newKeys = new Set(current.findings.map((f) => f.key));
  const fresh = current.findings.filter((f) => !oldKeys.has(f.key));
  const resolved = previous.findings.filter((f) => !newKeys.has(f.key));
  if (fresh.length > 0)
    changes.push({
      kind: "finding-new",
      message: `${plural(fresh.length, "new finding")} (${[...new Set(fresh.map((f) => f.ruleId))].join(", ")})`,
    });
  if (resolved.length > 0)
    changes.push({
      kind: "finding-resolved",
      message: `${plural(resolved.length, "finding")} resolved`,
    });
  return changes;
}

/**
 * The line a run's page and the CLI open with: the first measurement says so (there is nothing
 * to compare with), a later one lists its changes or says there were none.
 * `comparedWith` is null for a first measurement; runs stored before it was recorded lack it.
 */
export function changeHeadline(r: Pick<PerfHttpResults, "changes" | "comparedWith">): string {
  if (r.comparedWith === null) return "First measurement: nothing to compare with yet.";
  return changeSummary(r.changes) ?? "No changes since the previous measurement.";
}

/** "Since last run: 1 new app embed (X), +180 KB of JavaScript from Y" or null when nothing changed. */
export function changeSummary(changes: PerfChange[]): string | null {
  return changes.length === 0
    ? null
    : `Since last run: ${changes.map((c) => c.message).join(", ")}`;
}
