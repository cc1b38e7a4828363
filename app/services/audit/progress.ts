/**
 * A run's progress as one percentage: collection is most of the time (0–80 %, by phase, the
 * products phase by products read), then storing the snapshot, the audits and saving findings.
 */
import type { CollectProgress } from "~/shopify/collect.server";

/** Where each collection phase starts and ends, in overall percent (collection order). */
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

/** Overall percent for a collection progress report. */
export function collectionPercent({ phase, done, total }: CollectProgress): number {
  const [from, to] = COLLECTION_SPANS[phase] ?? [0, 80];
  const share = total === null || total === 0 ? (done > 0 ? 1 : 0) : Math.min(1, done / total);
  return Math.floor(from + (to - from) * share);
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
