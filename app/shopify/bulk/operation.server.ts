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
 */
import type { AdminClient } from "../admin-client.server";
import { ShopifyApiError, isShopifyApiError, type BulkOperationReport } from "../errors";
import {
  BulkOperationStatusDocument,
  CancelBulkOperationDocument,
  RunBulkQueryDocument,
  type BulkOperationStatusQuery,
} from "../generated/admin";

export interface BulkOptions {
  /**
   * Between status polls (clock ms), at most. Default 2 s. The status is read at once, then after
   * `firstPollMs`, and the wait doubles from there up to this: a small shop's operation is done
   * in a moment, a large one's polls settle at this interval (each poll costs 1 point).
   */
  pollIntervalMs?: number;
  /** Before the second status poll (clock ms). Default 250 ms (capped at `pollIntervalMs`). */
  firstPollMs?: number;
  /** Longest an operation may run before we cancel it (clock ms). Default 6 h. */
  maxRunMs?: number;
  /** Longest wait for a free bulk slot (clock ms). Default 15 min. */
  slotWaitMs?: number;
  /** Download stall timeout (real ms). Default 60 s. */
  idleTimeoutMs?: number;
  onStatus?: (status: { status: string; objectCount: number; rootObjectCount: number }) => void;
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
  maxRunMs: 6 * 3_600_000,
  slotWaitMs: 15 * 60_000,
};
const BUSY = new Set(["LIMIT_REACHED", "OPERATION_IN_PROGRESS"]);

async function* noLines(): AsyncGenerator<string> {}

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
      settings.onStatus?.({
        status: op.status,
        objectCount: Number(op.objectCount),
        rootObjectCount: Number(op.rootObjectCount),
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
          if (client.clock.now() - since >= settings.maxRunMs) {
            await client.request(CancelBulkOperationDocument, { id }).catch(() => undefined);
            throw new ShopifyApiError(
              `Bulk operation ${id} did not finish within ${Math.round(settings.maxRunMs / 60_000)} minutes and was canceled`,
              "BULK",
              { bulkOperation: report(op) },
            );
          }
          await client.clock.sleep(wait);
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
