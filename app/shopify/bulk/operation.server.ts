/**
 * One bulk query operation: start it, poll `bulkOperation(id)` until it finishes, stream its
 * JSONL result.
 *
 * - Shop at its limit of concurrent bulk queries (LIMIT_REACHED, or OPERATION_IN_PROGRESS
 *   where one is allowed): our own earlier run, or a run of another process of this app, still
 *   holds the slots. Those finish on their own, so we wait for a free slot, up to `slotWaitMs`,
 *   then fail clearly. We never cancel an operation we did not start.
 * - FAILED / CANCELED: a BULK error with Shopify's error code (ACCESS_DENIED becomes an
 *   ACCESS_DENIED error, so a section can turn into a gap). A partial result file is only
 *   counted, to say how far the operation got; it never feeds a snapshot.
 * - A result that cannot be read (URL expired — status EXPIRED or GCS's 400 ExpiredToken —,
 *   HTTP error, stalled download): the operation is run once more; a second failure is final.
 * - No result file (`url: null`): the query matched nothing; the reader gets no lines.
 * - Duration: Shopify lets a bulk query run up to 10 days
 *   (shopify.dev/docs/api/usage/bulk-operations/queries) and ends it itself after that. We wait
 *   as long, polling less often the longer it runs (a twentieth of the time so far, between
 *   `pollIntervalMs` and `maxPollIntervalMs`), and report each status with the time elapsed so
 *   the run's progress can say what it is waiting for. Only an operation still unfinished an
 *   hour after Shopify's limit is given up on (and cancelled).
 */
import type { AdminClient } from "../admin-client.server";
import { ShopifyApiError, isShopifyApiError, type BulkOperationReport } from "../errors";
import {
  BulkOperationStatusDocument,
  CancelBulkOperationDocument,
  RunBulkQueryDocument,
  type BulkOperationStatusQuery,
} from "../generated/admin";
import { SHOPIFY_BULK_QUERY_LIMIT_MS } from "./limits";

export { SHOPIFY_BULK_QUERY_LIMIT_MS };

export interface BulkStatus {
  status: string;
  objectCount: number;
  rootObjectCount: number;
  /** Clock ms since this operation was started (or, after a re-run, since the re-run). */
  elapsedMs: number;
}

export interface BulkOptions {
  /**
   * Status polls: the status is read at once, then after `firstPollMs`, and the wait doubles from
   * there up to `pollIntervalMs` (a small shop's operation is done in a moment); after that the
   * wait is a twentieth of the run so far, up to `maxPollIntervalMs` (each poll costs 1 point).
   */
  pollIntervalMs?: number;
  /** Before the second status poll (clock ms). Default 250 ms (capped at `pollIntervalMs`). */
  firstPollMs?: number;
  /** Longest interval between status polls, reached on long runs (clock ms). Default 5 min. */
  maxPollIntervalMs?: number;
  /**
   * Longest we wait for an operation before cancelling it (clock ms). Default: Shopify's
   * 10-day limit plus an hour for Shopify to report the end itself.
   */
  maxRunMs?: number;
  /** Longest wait for a free bulk slot (clock ms). Default 15 min. */
  slotWaitMs?: number;
  /** Download stall timeout (real ms). Default 60 s. */
  idleTimeoutMs?: number;
  onStatus?: (status: BulkStatus) => void;
}

type Operation = NonNullable<BulkOperationStatusQuery["bulkOperation"]>;

export interface CompletedOperation {
  id: string;
  objectCount: number;
  url: string | null;
}

const DEFAULTS = {
  pollIntervalMs: 2_000,
  firstPollMs: 250,
  maxPollIntervalMs: 5 * 60_000,
  maxRunMs: SHOPIFY_BULK_QUERY_LIMIT_MS + 3_600_000,
  slotWaitMs: 15 * 60_000,
};

/** The wait after the first quick polls: a twentieth of the run so far, within the bounds. */
export function pollDelay(
  elapsedMs: number,
  settings: Pick<typeof DEFAULTS, "pollIntervalMs" | "maxPollIntervalMs">,
): number {
  return Math.min(
    settings.maxPollIntervalMs,
    Math.max(settings.pollIntervalMs, Math.round(elapsedMs / 20)),
  );
}

const BUSY = new Set(["LIMIT_REACHED", "OPERATION_IN_PROGRESS"]);

async function* noLines(): AsyncGenerator<string> {}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return `${Math.max(0, Math.round(ms / 1000))} s`;
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

function report(op: Operation, partialObjectCount?: number): BulkOperationReport {
  return {
    id: op.id,
    status: op.status,
    errorCode: op.errorCode,
    objectCount: Number(op.objectCount),
    ...(partialObjectCount !== undefined && { partialObjectCount }),
  };
}

export class BulkQuery {
  private completion: Promise<CompletedOperation>;
  private readonly settings: typeof DEFAULTS & BulkOptions;
  private stopped = false;

  private constructor(
    private readonly client: AdminClient,
    private readonly query: string,
    options: BulkOptions,
    /** The current operation (a new one after a re-run). */
    public id: string,
  ) {
    this.settings = { ...DEFAULTS, ...options };
    this.completion = this.track(id);
  }

  /** Starts the operation (waiting for a free slot if the shop has none); polling begins at once. */
  static async start(
    client: AdminClient,
    query: string,
    options: BulkOptions = {},
  ): Promise<BulkQuery> {
    const id = await BulkQuery.submit(client, query, { ...DEFAULTS, ...options });
    return new BulkQuery(client, query, options, id);
  }

  /**
   * Waits for the operation and passes its result lines to `consume`. If the result cannot be
   * downloaded, the operation runs once more and `consume` is called again from the start, so
   * it must not keep state from an earlier call.
   */
  async read<T>(
    consume: (lines: AsyncIterable<string>, operation: CompletedOperation) => Promise<T>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const operation = await this.completion;
        const lines = operation.url
          ? this.client.lines(operation.url, { idleTimeoutMs: this.settings.idleTimeoutMs })
          : noLines();
        return await consume(lines, operation);
      } catch (error) {
        if (!isShopifyApiError(error, "DOWNLOAD")) throw error;
        if (attempt >= 2)
          throw new ShopifyApiError(
            `The bulk operation's result could not be read, also after running it again: ${error.message}`,
            "BULK",
            { cause: error },
          );
        this.id = await BulkQuery.submit(this.client, this.query, this.settings);
        this.completion = this.track(this.id);
      }
    }
  }

  /** Stops polling (the run no longer needs the result); the operation itself finishes on Shopify. */
  stop(): void {
    this.stopped = true;
  }

  private static async submit(
    client: AdminClient,
    query: string,
    settings: typeof DEFAULTS,
  ): Promise<string> {
    const since = client.clock.now();
    for (;;) {
      try {
        const data = await client.request(RunBulkQueryDocument, { query });
        const id = data.bulkOperationRunQuery?.bulkOperation?.id;
        if (!id)
          throw new ShopifyApiError("bulkOperationRunQuery returned no operation", "BAD_RESPONSE");
        return id;
      } catch (error) {
        if (!isShopifyApiError(error, "USER_ERRORS")) throw error;
        const busy = (error.details.userErrors ?? []).some((e) => BUSY.has(e.code ?? ""));
        if (!busy)
          throw new ShopifyApiError(`Shopify refused the bulk query: ${error.message}`, "BULK", {
            userErrors: error.details.userErrors,
          });
        if (client.clock.now() - since >= settings.slotWaitMs)
          throw new ShopifyApiError(
            `${client.shop} is running as many bulk operations as Shopify allows for this app, and none finished within ${Math.round(settings.slotWaitMs / 60_000)} minutes: ${error.message}`,
            "BULK",
            { userErrors: error.details.userErrors },
          );
        await client.clock.sleep(settings.pollIntervalMs);
      }
    }
  }

  /** Polls until the operation is COMPLETED; every other ending is an error. */
  private track(id: string): Promise<CompletedOperation> {
    const done = this.poll(id);
    // Read later (or never, when another part of the run failed first): no unhandled rejection.
    done.catch(() => undefined);
    return done;
  }

  private async poll(id: string): Promise<CompletedOperation> {
    const { client, settings } = this;
    const since = client.clock.now();
    let wait = Math.max(1, Math.min(settings.firstPollMs, settings.pollIntervalMs));
    for (;;) {
      if (this.stopped)
        throw new ShopifyApiError(`Stopped waiting for bulk operation ${id}`, "BULK");
      const op = (await client.request(BulkOperationStatusDocument, { id })).bulkOperation;
      if (!op) throw new ShopifyApiError(`Bulk operation ${id} does not exist`, "BULK");
      const elapsedMs = client.clock.now() - since;
      settings.onStatus?.({
        status: op.status,
        objectCount: Number(op.objectCount),
        rootObjectCount: Number(op.rootObjectCount),
        elapsedMs,
      });
      switch (op.status) {
        case "COMPLETED":
          return { id, objectCount: Number(op.objectCount), url: op.url };
        case "EXPIRED":
          throw new ShopifyApiError(`The result of bulk operation ${id} has expired`, "DOWNLOAD", {
            bulkOperation: report(op),
          });
        case "FAILED":
          throw await this.failure(op);
        case "CANCELED":
        case "CANCELING":
          throw new ShopifyApiError(`Bulk operation ${id} was canceled`, "BULK", {
            bulkOperation: report(op),
          });
        default:
          if (elapsedMs >= settings.maxRunMs) {
            await client.request(CancelBulkOperationDocument, { id }).catch(() => undefined);
            throw new ShopifyApiError(
              `Bulk operation ${id} did not finish within ${formatDuration(settings.maxRunMs)}, longer than Shopify lets one run, and was canceled`,
              "BULK",
              { bulkOperation: report(op) },
            );
          }
          await client.clock.sleep(
            wait < settings.pollIntervalMs ? wait : pollDelay(elapsedMs, settings),
          );
          wait = Math.min(wait * 2, settings.pollIntervalMs);
      }
    }
  }

  private async failure(op: Operation): Promise<ShopifyApiError> {
    const partial = op.partialDataUrl ? await this.countObjects(op.partialDataUrl) : undefined;
    const progress =
      partial !== undefined
        ? `; its partial result holds ${partial} objects (not used: a snapshot is never built from part of a shop)`
        : ` after ${op.objectCount} objects`;
    const message = `Bulk operation ${op.id} failed (${op.errorCode ?? "no error code"})${progress}`;
    return new ShopifyApiError(
      message,
      op.errorCode === "ACCESS_DENIED" ? "ACCESS_DENIED" : "BULK",
      {
        bulkOperation: report(op, partial),
      },
    );
  }

  /** Lines of a partial result, or undefined when that file cannot be read either. */
  private async countObjects(url: string): Promise<number | undefined> {
    let count = 0;
    try {
      for await (const line of this.client.lines(url, {
        idleTimeoutMs: this.settings.idleTimeoutMs,
      }))
        if (line !== "") count++;
      return count;
    } catch {
      return undefined;
    }
  }
}
