/**
 * Bulk query operations: validation, the per-shop concurrency limit, the CREATED → RUNNING →
 * COMPLETED life cycle on the injected clock, failure and cancellation, and the
 * `bulk_operations/finish` notification.
 *
 * The result is generated in the background, slice by slice, by executing the bulk query with
 * the normal Admin resolvers in "bulk mode" (no page limits; the top-level connection walks a
 * window over the full list), and streamed to a result file. Status follows virtual time: an
 * operation is RUNNING one `stepMs` after creation and finishes two steps after creation, or
 * later if the file is not written yet. Shopify ends a query still running 10 days after its
 * creation (shopify.dev/docs/api/usage/bulk-operations/queries): here it is FAILED with
 * `TIMEOUT` at that moment (without partial data: a simplification).
 */
import { executeSync, type GraphQLSchema } from "graphql";
import type { BulkService } from "../admin/context";
import type { BulkWindow } from "../graphql/connection";
import type { DocumentChecker } from "../graphql/pipeline";
import { strictFieldResolver, typenameResolver } from "../graphql/view";
import { collectFields } from "../graphql/walk";
import { pageToLines } from "./jsonl";
import type { ResultFile, ResultStore } from "./results";
import type { BulkErrorCode, BulkOperationRecord, BulkStatus, BulkUserError } from "./types";
import { validateBulkQuery, type ValidBulkQuery } from "./validate";

/** Shopify's limit on a bulk query's run time. */
export const BULK_QUERY_LIMIT_MS = 10 * 24 * 3_600_000;

/** Top-level objects executed per slice of a bulk run. */
export const SLICE_SIZE = 250;

const ACTIVE: ReadonlySet<BulkStatus> = new Set(["CREATED", "RUNNING", "CANCELING"]);

export interface PlannedFailure {
  errorCode: BulkErrorCode;
  partial?: boolean;
}

export interface BulkManagerOptions {
  schema: GraphQLSchema;
  checker: DocumentChecker;
  rootValue: unknown;
  results: ResultStore;
  maxConcurrent: number;
  stepMs: number;
  now: () => number;
  log: (line: string) => void;
  onFinish: (operation: BulkOperationRecord) => void;
}

interface OperationState {
  record: BulkOperationRecord;
  failure: PlannedFailure | null;
  cancelRequestedAt: number | null;
  generation: {
    done: boolean;
    finishedAt: number;
    error: Error | null;
    lines: number;
    roots: number;
    size: number;
    url: string | null;
  };
}

export class BulkManager {
  private readonly operations = new Map<string, OperationState>();
  private readonly plannedFailures = new Map<string, PlannedFailure>();
  private nextId = 1_000_001;
  private closed = false;
  private readonly timer: NodeJS.Timeout;
  /** Result generations in flight: close() waits for them before the files are removed. */
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: BulkManagerOptions) {
    // Real-time ticks notice virtual-time transitions (and send the finish webhook) even when
    // nobody polls; reads also advance the state, so polling never sees a stale status.
    this.timer = setInterval(() => this.tick(), Math.max(5, Math.min(options.stepMs, 50)));
    this.timer.unref();
  }

  failNext(shop: string, failure: PlannedFailure): void {
    this.plannedFailures.set(shop, failure);
  }

  expireResults(shop?: string): void {
    this.options.results.expire(shop);
    this.tick();
  }

  /** Stops the ticker and any result still being written (its file is discarded). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.allSettled([...this.running]);
  }

  tick(): void {
    for (const state of this.operations.values()) this.advance(state);
  }

  /** The Admin resolvers' view of one shop's bulk operations. */
  service(shop: string, contextFor: (window: BulkWindow) => unknown): BulkService {
    const ofShop = () => [...this.operations.values()].filter((s) => s.record.shop === shop);
    return {
      runQuery: (query, groupObjects) =>
        this.runQuery(shop, query, groupObjects, contextFor, ofShop),
      cancel: (id) => this.cancel(ofShop().find((s) => s.record.id === id)),
      get: (id) => {
        const state = ofShop().find((s) => s.record.id === id);
        if (state) this.advance(state);
        return state?.record;
      },
      list: () =>
        ofShop().map((s) => {
          this.advance(s);
          return s.record;
        }),
    };
  }

  private runQuery(
    shop: string,
    query: string,
    groupObjects: boolean,
    contextFor: (window: BulkWindow) => unknown,
    ofShop: () => OperationState[],
  ): { operation: BulkOperationRecord | null; userErrors: BulkUserError[] } {
    const valid = validateBulkQuery(this.options.checker, query);
    if ("errors" in valid) return { operation: null, userErrors: valid.errors };
    const running = ofShop().filter((s) => {
      this.advance(s);
      return ACTIVE.has(s.record.status);
    });
    if (running.length >= this.options.maxConcurrent)
      return { operation: null, userErrors: [this.limitError(running)] };

    // A dry run on one object surfaces resolver errors now: a field the stand-in does not
    // emulate is reported to the caller instead of failing the operation later.
    const dryRun = this.execute(valid, contextFor({ offset: 0, limit: 1 }));
    let failure = this.plannedFailures.get(shop) ?? null;
    this.plannedFailures.delete(shop);
    if (dryRun.errors?.length) {
      // Like Shopify, missing access scopes fail the operation (ACCESS_DENIED) rather than the request.
      if (!dryRun.errors.some((e) => e.extensions.code === "ACCESS_DENIED")) {
        return {
          operation: null,
          userErrors: [
            {
              field: ["query"],
              message: `Invalid bulk query: ${dryRun.errors.map((e) => e.message).join(", ")}`,
              code: "INVALID",
            },
          ],
        };
      }
      failure = { errorCode: "ACCESS_DENIED" };
    }

    const id = this.nextId++;
    const record: BulkOperationRecord = {
      id: `gid://shopify/BulkOperation/${id}`,
      shop,
      query,
      groupObjects,
      status: "CREATED",
      errorCode: null,
      createdAt: this.options.now(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
      partialDataUrl: null,
    };
    const state: OperationState = {
      record,
      failure,
      cancelRequestedAt: null,
      generation: {
        done: false,
        finishedAt: 0,
        error: null,
        lines: 0,
        roots: 0,
        size: 0,
        url: null,
      },
    };
    this.operations.set(record.id, state);
    setImmediate(() => {
      if (this.closed) return;
      const generation = this.generate(state, valid, contextFor).finally(() =>
        this.running.delete(generation),
      );
      this.running.add(generation);
    });
    return { operation: record, userErrors: [] };
  }

  private limitError(running: OperationState[]): BulkUserError {
    if (this.options.maxConcurrent === 1) {
      return {
        field: null,
        message: `A bulk query operation for this app and shop is already in progress: ${running[0]?.record.id}.`,
        code: "OPERATION_IN_PROGRESS",
      };
    }
    return {
      field: null,
      message: `A maximum of ${this.options.maxConcurrent} bulk query operations can run at the same time for this app and shop.`,
      code: "LIMIT_REACHED",
    };
  }

  private execute(valid: ValidBulkQuery, contextValue: unknown): ReturnType<typeof executeSync> {
    return executeSync({
      schema: this.options.schema,
      document: valid.document,
      rootValue: this.options.rootValue,
      contextValue,
      fieldResolver: strictFieldResolver,
      typeResolver: typenameResolver,
    });
  }

  private async generate(
    state: OperationState,
    valid: ValidBulkQuery,
    contextFor: (window: BulkWindow) => unknown,
  ): Promise<void> {
    const gen = state.generation;
    const queryType = this.options.schema.getQueryType();
    const [topField] = queryType
      ? collectFields(valid.scope, valid.operation.selectionSet, queryType)
      : [];
    const failure = state.failure;
    let file: ResultFile | null = null;
    try {
      if (!topField) throw new Error("bulk query without a top-level field");
      if (failure && !failure.partial) return;
      const legacy = Number(state.record.id.split("/").pop());
      const window: BulkWindow = { offset: 0, limit: SLICE_SIZE };
      let rootLimit = Infinity;
      do {
        if (state.cancelRequestedAt !== null || this.closed) return;
        const result = this.execute(valid, contextFor(window));
        if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
        if (failure?.partial && rootLimit === Infinity)
          rootLimit = Math.ceil((window.total ?? 0) / 2);
        const page = pageToLines(
          valid.scope,
          topField,
          result.data ?? {},
          state.record.groupObjects,
          rootLimit - gen.roots,
        );
        if (page.lines.length > 0) {
          file ??= this.options.results.create(
            state.record.shop,
            legacy,
            failure ? "partial" : "final",
          );
          await file.write(`${page.lines.join("\n")}\n`);
        }
        gen.lines += page.lines.length;
        gen.roots += page.roots;
        window.offset += SLICE_SIZE;
        await new Promise((resolve) => setImmediate(resolve));
      } while (window.offset < (window.total ?? 0) && gen.roots < rootLimit);
    } catch (error) {
      gen.error = error instanceof Error ? error : new Error(String(error));
      this.options.log(`bulk operation ${state.record.id} failed: ${gen.error.message}`);
    } finally {
      if (file) {
        gen.size = await file.close().catch(() => 0);
        gen.url = file.url;
      }
      gen.done = true;
      gen.finishedAt = this.options.now();
      this.advance(state);
    }
  }

  private cancel(state: OperationState | undefined): {
    operation: BulkOperationRecord | null;
    userErrors: { field: string[] | null; message: string }[];
  } {
    if (!state)
      return {
        operation: null,
        userErrors: [{ field: ["id"], message: "Bulk operation does not exist" }],
      };
    this.advance(state);
    const status = state.record.status;
    if (!ACTIVE.has(status)) {
      return {
        operation: state.record,
        userErrors: [
          {
            field: null,
            message: `A bulk operation cannot be canceled when it is ${status.toLowerCase()}`,
          },
        ],
      };
    }
    state.cancelRequestedAt ??= this.options.now();
    state.record.status = "CANCELING";
    return { operation: state.record, userErrors: [] };
  }

  private finish(state: OperationState, status: BulkStatus, at: number): void {
    state.record.status = status;
    state.record.completedAt = at;
    this.options.onFinish(state.record);
  }

  private advance(state: OperationState): void {
    const { record, generation } = state;
    const now = this.options.now();
    const step = this.options.stepMs;
    if (record.status === "COMPLETED" && record.url && this.options.results.isExpired(record.url))
      record.status = "EXPIRED";
    if (!ACTIVE.has(record.status)) return;
    if (state.cancelRequestedAt !== null) {
      if (now >= state.cancelRequestedAt + step)
        this.finish(state, "CANCELED", state.cancelRequestedAt + step);
      return;
    }
    if (record.status === "CREATED" && now >= record.createdAt + step) record.status = "RUNNING";
    if (record.status !== "RUNNING") return;
    record.objectCount = generation.lines;
    record.rootObjectCount = generation.roots;
    const limit = record.createdAt + BULK_QUERY_LIMIT_MS;
    if (now >= limit && record.createdAt + 2 * step > limit) {
      record.errorCode = "TIMEOUT";
      record.partialDataUrl = null; // simplified: Shopify may offer partial data here
      this.finish(state, "FAILED", limit);
      return;
    }
    if (!generation.done || now < record.createdAt + 2 * step) return;
    const at = Math.max(record.createdAt + 2 * step, Math.min(now, generation.finishedAt));
    if (generation.error) {
      record.errorCode = "INTERNAL_SERVER_ERROR";
      this.finish(state, "FAILED", at);
    } else if (state.failure) {
      record.errorCode = state.failure.errorCode;
      record.partialDataUrl =
        state.failure.partial && generation.url
          ? this.options.results.signFrom(generation.url, at)
          : null;
      this.finish(state, "FAILED", at);
    } else {
      record.fileSize = generation.lines > 0 ? generation.size : null;
      record.url =
        generation.lines > 0 && generation.url
          ? this.options.results.signFrom(generation.url, at)
          : null;
      this.finish(state, "COMPLETED", at);
    }
  }
}
