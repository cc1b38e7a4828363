/**
 * A run's progress as one percentage: collection is most of the time (0–80 %, by phase, the
 * products phase by products read), then storing the snapshot, the audits and saving findings.
 * The collection's phases run concurrently, so its percentage is the sum of what each phase has
 * done of its share (CollectionPercent), which only ever grows.
 */
import type { CollectProgress } from "~/shopify/collect.server";

/** Each collection phase's share of the overall percent, as [from, to] (widths add up to 80). */
const COLLECTION_SPANS: Record<string, [number, number]> = {
  shop: [0, 2],
  products: [2, 62],
  inventory: [62, 70],
  collections: [70, 72],
  markets: [72, 73],
  deliveryProfiles: [73, 75],
  policies: [75, 76],
  discounts: [76, 77],
  theme: [77, 79],
  orders: [79, 80],
};

/** After collection, in order. */
export const RUN_PHASES = {
  saving: { phase: "saving snapshot", percent: 82 },
  auditing: { phase: "auditing", percent: 85 },
  persisting: { phase: "saving findings", percent: 92 },
  done: { phase: "done", percent: 100 },
} as const;

/** The phase text of a collection progress report: "collecting products — Shopify is …". */
export function collectionPhase({ phase, detail }: CollectProgress): string {
  return detail ? `collecting ${phase} — ${detail}` : `collecting ${phase}`;
}

function share({ done, total }: CollectProgress): number {
  return total === null || total === 0 ? (done > 0 ? 1 : 0) : Math.min(1, done / total);
}

/**
 * Overall percent of a collection whose phases run concurrently: each report updates its phase's
 * share (a phase never goes back), and the percent is the sum of the phases' done parts.
 */
export class CollectionPercent {
  private readonly shares = new Map<string, number>();
  private readonly width: number;

  /** `omitted`: phases this collection leaves out (the others then fill the 80 %). */
  constructor(private readonly omitted: readonly string[] = []) {
    this.width = Object.entries(COLLECTION_SPANS)
      .filter(([phase]) => !omitted.includes(phase))
      .reduce((sum, [, [from, to]]) => sum + (to - from), 0);
  }

  update(progress: CollectProgress): number {
    const { phase } = progress;
    if (COLLECTION_SPANS[phase] !== undefined && !this.omitted.includes(phase))
      this.shares.set(phase, Math.max(this.shares.get(phase) ?? 0, share(progress)));
    let done = 0;
    for (const [phase, part] of this.shares) {
      const [from, to] = COLLECTION_SPANS[phase] ?? [0, 0];
      done += (to - from) * part;
    }
    return Math.min(80, Math.floor((80 * done) / this.width + 1e-9));
  }
}

export type ProgressSink = (phase: string, percent: number) => void | Promise<void>;

/**
 * Forwards progress without flooding: a report goes out when the phase or the whole percent
 * changes, one write at a time (the latest wins while one is in flight). `report` is
 * synchronous (collection calls it from inside its loops); `flush` waits for the writes and
 * rethrows the first error a sink raised, so a failing sink fails the run at the next step.
 */
export class ProgressReporter {
  private last = "";
  private pending: { phase: string; percent: number } | null = null;
  private writing: Promise<void> | null = null;
  private error: unknown = null;

  constructor(private readonly sinks: readonly ProgressSink[]) {}

  report(phase: string, percent: number): void {
    const key = `${phase}:${Math.floor(percent)}`;
    if (key === this.last) return;
    this.last = key;
    this.pending = { phase, percent: Math.floor(percent) };
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    while (this.pending !== null) {
      const { phase, percent } = this.pending;
      this.pending = null;
      for (const sink of this.sinks) {
        try {
          await sink(phase, percent);
        } catch (error) {
          this.error ??= error;
        }
      }
    }
    this.writing = null;
  }

  async flush(): Promise<void> {
    while (this.writing !== null) await this.writing;
    if (this.error !== null) throw this.error;
  }
}
