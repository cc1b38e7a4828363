/**
 * The ingestion write queue: requests hand in their events and wait; the queue writes them in
 * batches (one transaction per batch, at most `maxBatch` events, after at most `maxWaitMs`) and
 * answers each request only once its events are committed. So an accepted request is a stored
 * request, and a burst of small requests becomes a few large inserts. Batches are written one
 * at a time: the next batch collects while the current one commits.
 *
 * Bounded: with more than `maxPending` events waiting, `enqueue` refuses at once (QueueFullError,
 * the endpoint answers 503 with Retry-After) instead of growing without limit.
 */
export interface QueueResult {
  /** Events this request added. */
  inserted: number;
  /** Events already stored (or sent twice in the same batch). */
  duplicates: number;
}

/** Writes a batch; returns the indexes of the events it inserted (the rest were duplicates). */
export type BatchWriter<T> = (items: T[]) => Promise<Set<number>>;

export interface WriteQueueOptions {
  maxBatch?: number;
  maxWaitMs?: number;
  maxPending?: number;
}

export class QueueFullError extends Error {
  override readonly name = "QueueFullError";
}

interface Waiting<T> {
  items: T[];
  resolve(result: QueueResult): void;
  reject(error: unknown): void;
}

export class WriteQueue<T> {
  private waiting: Waiting<T>[] = [];
  private pending = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private readonly maxBatch: number;
  private readonly maxWaitMs: number;
  private readonly maxPending: number;

  constructor(
    private readonly write: BatchWriter<T>,
    options: WriteQueueOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.maxWaitMs = options.maxWaitMs ?? 15;
    this.maxPending = options.maxPending ?? 20_000;
  }

  /** Events waiting to be written. */
  get depth(): number {
    return this.pending;
  }

  enqueue(items: T[]): Promise<QueueResult> {
    if (this.pending + items.length > this.maxPending)
      return Promise.reject(new QueueFullError("too many events are waiting to be written"));
    return new Promise<QueueResult>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.pending += items.length;
      if (this.pending >= this.maxBatch) this.kick();
      else this.timer ??= setTimeout(() => this.kick(), this.maxWaitMs);
    });
  }

  /** Resolves when everything enqueued so far is written (shutdown, tests). */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.writing !== null) {
      this.kick();
      await this.writing;
    }
  }

  private kick(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing !== null || this.waiting.length === 0) return;
    this.writing = this.writeBatch().finally(() => {
      this.writing = null;
      if (this.waiting.length > 0) this.kick();
    });
  }

  /** Takes whole requests (never splits one) up to maxBatch events, at least one request. */
  private async writeBatch(): Promise<void> {
    const batch: Waiting<T>[] = [];
    let count = 0;
    while (this.waiting.length > 0) {
      const next = this.waiting[0] as Waiting<T>;
      if (batch.length > 0 && count + next.items.length > this.maxBatch) break;
      batch.push(next);
      this.waiting.shift();
      count += next.items.length;
    }
    this.pending -= count;
    const items = batch.flatMap((w) => w.items);
    let inserted: Set<number>;
    try {
      inserted = await this.write(items);
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    let offset = 0;
    for (const w of batch) {
      let mine = 0;
      for (let i = 0; i < w.items.length; i++) if (inserted.has(offset + i)) mine++;
      offset += w.items.length;
      w.resolve({ inserted: mine, duplicates: w.items.length - mine });
    }
  }
}
