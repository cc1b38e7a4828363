/**
 * The app's one Admin GraphQL client, fed by a Shopify session: the online session inside admin,
 * or the offline session from `unauthenticated.admin(shop)` for background work. It only needs
 * `{ shop, accessToken }` and builds the real Shopify endpoint; what answers it is not its concern.
 *
 * - Typed: documents are codegen'd TypedDocumentNodes (app/shopify/generated/admin.ts).
 * - Cost-aware: every response's `extensions.cost` feeds a per-shop projection of the leaky
 *   bucket (cost-limiter.ts); a document waits until its expected cost is projected to be free.
 * - Resilient within bounds: THROTTLED (HTTP 200 or 429) waits for the refill and retries;
 *   5xx, 429 and network errors retry with jittered exponential backoff.
 * - Honest: GraphQL errors, HTTP errors and mutation userErrors become ShopifyApiErrors. Data
 *   that comes with errors is never returned.
 */
import { ClientError, GraphQLClient } from "graphql-request";
import { Kind, print, type DocumentNode, type OperationDefinitionNode } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { systemClock, type Clock } from "./clock";
import { sharedLimiter, type CostLimiter, type ThrottleStatus } from "./cost-limiter";
import { ShopifyApiError, type GraphQLErrorEntry, type UserErrorEntry } from "./errors";
import { DEFAULT_RETRY_POLICY, backoffDelay, retryAfterMs, type RetryPolicy } from "./retry";
import { readLines, type ReadLinesOptions } from "./read-lines.server";

export const ADMIN_API_VERSION = "2026-10";
/** Shopify's single-query cost ceiling, assumed for a document that was never sent. */
export const SINGLE_QUERY_MAX_COST = 1000;

export function adminEndpoint(shop: string): string {
  return `https://${shop}/admin/api/${ADMIN_API_VERSION}/graphql.json`;
}

/** What the client needs of a Shopify session (online or offline, the client does not care). */
export interface AdminSession {
  shop: string;
  accessToken?: string | undefined;
}

export interface AdminClientOptions {
  clock?: Clock;
  /** Called at most once per request after a 401/403, e.g. `() => unauthenticated.admin(shop).then((r) => r.session)`. */
  refreshSession?: () => Promise<AdminSession>;
  /** Default: the process-wide limiter of this shop on this clock. */
  limiter?: CostLimiter;
  retry?: Partial<RetryPolicy>;
  /** Jitter source (0 ≤ x < 1). */
  random?: () => number;
  /** Default: `globalThis.fetch`, looked up at every call. */
  fetch?: typeof fetch;
}

export interface ClientStats {
  requests: number;
  throttled: number;
  retries: number;
  /** Actual query cost spent. */
  points: number;
  /** Time spent waiting for the bucket or backing off (clock ms). */
  waitedMs: number;
}

/**
 * Variables are optional exactly when the document has no required variable (codegen types a
 * document without variables as `{ [key: string]: never }`).
 */
export type VariablesOf<V> = string extends keyof V
  ? [variables?: V]
  : Partial<V> extends V
    ? [variables?: V]
    : [variables: V];

interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

/** One HTTP exchange, whatever graphql-request made of it. */
interface Exchange {
  status: number;
  data: unknown;
  errors: GraphQLErrorEntry[];
  cost: CostExtension | null;
  retryAfter: string | null;
}

interface PreparedDocument {
  text: string;
  key: string;
  isMutation: boolean;
}

const prepared = new WeakMap<DocumentNode, PreparedDocument>();

function prepare(document: DocumentNode): PreparedDocument {
  let entry = prepared.get(document);
  if (!entry) {
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const text = print(document);
    entry = {
      text,
      key: operation?.name?.value ?? text,
      isMutation: operation?.operation === "mutation",
    };
    prepared.set(document, entry);
  }
  return entry;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function readCost(extensions: unknown): CostExtension | null {
  const cost = isRecord(extensions) ? extensions.cost : undefined;
  if (!isRecord(cost) || typeof cost.requestedQueryCost !== "number") return null;
  const status = cost.throttleStatus;
  if (
    !isRecord(status) ||
    typeof status.maximumAvailable !== "number" ||
    typeof status.currentlyAvailable !== "number" ||
    typeof status.restoreRate !== "number"
  )
    return null;
  return {
    requestedQueryCost: cost.requestedQueryCost,
    actualQueryCost: typeof cost.actualQueryCost === "number" ? cost.actualQueryCost : null,
    throttleStatus: {
      maximumAvailable: status.maximumAvailable,
      currentlyAvailable: status.currentlyAvailable,
      restoreRate: status.restoreRate,
    },
  };
}

/** `errors` as an array of entries, or Shopify's `{"errors": "[API] …"}` string on 401/403. */
function readErrors(errors: unknown): GraphQLErrorEntry[] {
  if (typeof errors === "string") return [{ message: errors }];
  if (isRecord(errors)) return [{ message: JSON.stringify(errors) }];
  if (!Array.isArray(errors)) return [];
  return errors.map((e) =>
    isRecord(e) && typeof e.message === "string"
      ? (e as unknown as GraphQLErrorEntry)
      : { message: JSON.stringify(e) },
  );
}

function parseBody(body: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(body);
    return isRecord(value) ? value : null;
  } catch {
    return null;
  }
}

const hasCode = (errors: GraphQLErrorEntry[], code: string) =>
  errors.some((e) => e.extensions?.code === code);

/** Mutation payloads carry `userErrors`; a non-empty list means the mutation did nothing. */
function userErrorsOf(data: unknown): UserErrorEntry[] {
  if (!isRecord(data)) return [];
  return Object.values(data).flatMap((payload) =>
    isRecord(payload) && Array.isArray(payload.userErrors)
      ? (payload.userErrors as UserErrorEntry[])
      : [],
  );
}

export class AdminClient {
  readonly clock: Clock;
  private session: AdminSession;
  private readonly limiter: CostLimiter;
  private readonly policy: RetryPolicy;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly counters: ClientStats = {
    requests: 0,
    throttled: 0,
    retries: 0,
    points: 0,
    waitedMs: 0,
  };

  constructor(
    session: AdminSession,
    private readonly options: AdminClientOptions = {},
  ) {
    if (!session.accessToken && !options.refreshSession)
      throw new ShopifyApiError(`No access token for ${session.shop}`, "UNAUTHORIZED", {
        status: 401,
      });
    this.session = session;
    this.clock = options.clock ?? systemClock;
    this.limiter = options.limiter ?? sharedLimiter(session.shop, this.clock);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.random = options.random ?? Math.random;
    const injected = options.fetch;
    // Looked up per call: test setups and the demo install their fetch after import.
    this.fetchImpl = (input, init) => (injected ?? globalThis.fetch)(input, init);
  }

  get shop(): string {
    return this.session.shop;
  }

  get stats(): ClientStats {
    return { ...this.counters };
  }

  /** Runs one document and returns its data, or throws a ShopifyApiError. */
  async request<R, V>(
    document: TypedDocumentNode<R, V>,
    ...[variables]: VariablesOf<V>
  ): Promise<R> {
    const doc = prepare(document);
    let retries = 0;
    let throttles = 0;
    let refreshed = false;
    for (;;) {
      const expected = this.limiter.expectedCost(doc.key) ?? SINGLE_QUERY_MAX_COST;
      const waitStart = this.clock.now();
      const reservation = await this.limiter.acquire(expected);
      this.counters.waitedMs += this.clock.now() - waitStart;
      let exchange: Exchange;
      try {
        this.counters.requests++;
        exchange = await this.send(doc.text, variables);
      } catch (error) {
        reservation.release();
        if (error instanceof ShopifyApiError) throw error;
        if (retries >= this.policy.maxRetries) {
          throw new ShopifyApiError(
            `Network error talking to ${this.shop}: ${(error as Error).message}`,
            "NETWORK",
            { cause: error },
          );
        }
        await this.backoff(retries++);
        continue;
      }
      reservation.release(exchange.cost?.throttleStatus);
      if (exchange.cost) {
        this.limiter.recordCost(doc.key, exchange.cost.requestedQueryCost);
        this.counters.points += exchange.cost.actualQueryCost ?? 0;
      }

      const { status, errors } = exchange;
      if (hasCode(errors, "THROTTLED") || status === 429) {
        this.counters.throttled++;
        if (throttles >= this.policy.maxThrottleRetries) {
          throw new ShopifyApiError(
            `Still throttled by ${this.shop} after ${throttles} waits`,
            "THROTTLED",
            {
              status,
              errors,
            },
          );
        }
        throttles++;
        // With cost data the limiter now knows the bucket and waits for the refill itself;
        // without it (a bare 429), wait as told or back off.
        if (!exchange.cost) await this.wait(this.throttleDelay(exchange.retryAfter, throttles));
        continue;
      }
      if (status >= 500) {
        if (retries >= this.policy.maxRetries)
          throw new ShopifyApiError(
            `Shopify answered HTTP ${status} (after ${retries} retries)`,
            "HTTP",
            {
              status,
              errors,
            },
          );
        await this.backoff(retries++);
        continue;
      }
      if (status === 401 || status === 403) {
        if (this.options.refreshSession && !refreshed) {
          refreshed = true;
          this.session = await this.options.refreshSession();
          continue;
        }
        throw new ShopifyApiError(
          errors[0]?.message ?? `Shopify refused the access token of ${this.shop}`,
          "UNAUTHORIZED",
          { status, errors },
        );
      }
      return this.result<R>(doc, exchange);
    }
  }

  /**
   * Streams a file Shopify points to (bulk-operation results) line by line. Memory stays at one
   * network chunk plus one line, whatever the file size.
   */
  lines(url: string, options: ReadLinesOptions = {}): AsyncGenerator<string> {
    return readLines(this.fetchImpl, url, options);
  }

  private result<R>(doc: PreparedDocument, exchange: Exchange): R {
    const { status, errors, data } = exchange;
    if (status < 200 || status >= 300)
      throw new ShopifyApiError(errors[0]?.message ?? `Shopify answered HTTP ${status}`, "HTTP", {
        status,
        errors,
      });
    if (errors.length > 0) {
      const code = errors.every((e) => e.extensions?.code === "ACCESS_DENIED")
        ? "ACCESS_DENIED"
        : hasCode(errors, "MAX_COST_EXCEEDED")
          ? "MAX_COST_EXCEEDED"
          : "GRAPHQL";
      throw new ShopifyApiError(errors.map((e) => e.message).join("; "), code, { status, errors });
    }
    if (!isRecord(data))
      throw new ShopifyApiError(`Shopify answered without data (HTTP ${status})`, "BAD_RESPONSE", {
        status,
      });
    if (doc.isMutation) {
      const userErrors = userErrorsOf(data);
      if (userErrors.length > 0)
        throw new ShopifyApiError(userErrors.map((e) => e.message).join("; "), "USER_ERRORS", {
          status,
          userErrors,
        });
    }
    return data as R;
  }

  private async send(text: string, variables: unknown): Promise<Exchange> {
    const client = new GraphQLClient(adminEndpoint(this.session.shop), {
      headers: { "X-Shopify-Access-Token": this.session.accessToken ?? "" },
      fetch: this.fetchImpl,
      errorPolicy: "all",
    });
    try {
      const response = await client.rawRequest<unknown>(text, variables as Record<string, unknown>);
      return {
        status: response.status,
        data: response.data,
        errors: readErrors(response.errors),
        cost: readCost(response.extensions),
        retryAfter: response.headers.get("retry-after"),
      };
    } catch (error) {
      // A 2xx body that is not a GraphQL answer: graphql-request throws the parse error itself.
      if (
        error instanceof SyntaxError ||
        (error instanceof Error && /^Invalid execution result/.test(error.message))
      )
        throw new ShopifyApiError(
          `Shopify answered with a body that is not GraphQL: ${error.message}`,
          "BAD_RESPONSE",
          { cause: error },
        );
      if (!(error instanceof ClientError)) throw error;
      // Non-2xx: graphql-request parsed what it could; the raw body has the rest (e.g. the
      // string-valued `errors` of a 401, which graphql-request does not accept as GraphQL).
      const response = error.response;
      const body = typeof response.body === "string" ? parseBody(response.body) : null;
      return {
        status: response.status,
        data: body?.data ?? response.data ?? null,
        errors: readErrors(body?.errors ?? response.errors),
        cost: readCost(body?.extensions ?? response.extensions),
        retryAfter: response.headers?.get("retry-after") ?? null,
      };
    }
  }

  private throttleDelay(retryAfter: string | null, attempt: number): number {
    return (
      retryAfterMs(retryAfter, this.clock.now()) ?? backoffDelay(attempt, this.policy, this.random)
    );
  }

  private async backoff(attempt: number): Promise<void> {
    this.counters.retries++;
    await this.wait(backoffDelay(attempt, this.policy, this.random));
  }

  private async wait(ms: number): Promise<void> {
    this.counters.waitedMs += ms;
    await this.clock.sleep(ms);
  }
}
