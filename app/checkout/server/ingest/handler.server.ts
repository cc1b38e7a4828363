/**
 * POST /api/pixel-events: the checkout-funnel pixel's events, checked and stored.
 *
 * In order, each with a JSON answer a developer can act on:
 * 1. size: above MAX_BODY_BYTES → 413 (read as a stream, so a huge body is never buffered);
 * 2. JSON → 400 `malformed`; schema (strict: unknown keys are refused) → 400 `invalid` with
 *    the issues; event times outside [now − 3 days, now + 1 day] → 400 `invalid`;
 * 3. shop and ingestion key → 401 `unauthorized` (the same answer for an unknown shop and a
 *    wrong key, so the endpoint does not tell which shops use the app);
 * 4. per-shop token bucket, counted in events → 429 `rate_limited` with Retry-After. After the
 *    key check, so strangers cannot use up a shop's budget;
 * 5. the write queue: 200 `{ accepted, duplicates }` only once the events are committed;
 *    503 with Retry-After when the queue is full or the database failed (nothing acknowledged
 *    was lost: a refused request can be sent again, and duplicates are counted once).
 *
 * CORS: the pixel runs in Shopify's sandbox on the shop's domain and posts text/plain JSON, a
 * simple request; every answer allows any origin, and OPTIONS is answered for clients that
 * preflight anyway.
 */
import type { z } from "zod";
import {
  MAX_BODY_BYTES,
  eventsOutOfRange,
  pixelBodySchema,
  type PixelBody,
} from "~/checkout/domain/pixel-events";
import {
  insertCheckoutEvents,
  type NewCheckoutEvent,
} from "~/checkout/models/checkout-events.server";
import { registerShopMemory } from "~/lib/shop-memory.server";
import { type IngestKeyVerifier, ingestKeys } from "../pixel-credentials.server";
import { TokenBuckets, type TokenBucketOptions } from "./token-bucket";
import {
  QueueFullError,
  WriteQueue,
  type BatchWriter,
  type WriteQueueOptions,
} from "./write-queue";

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
  "Access-Control-Max-Age": "86400",
};

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      ...CORS,
      ...headers,
    },
  });
}

/** The body as text, or null when it is larger than `max` bytes. */
async function readLimited(request: Request, max: number): Promise<string | null> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) return null;
  if (request.body === null) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 10).map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/**
 * The request's events, checked in order (size, JSON, schema, event times against `now()` once
 * the body is read), or the 413 or 400 answer for the first check that fails.
 */
async function readPixelBody(request: Request, now: () => number): Promise<PixelBody | Response> {
  const text = await readLimited(request, MAX_BODY_BYTES);
  if (text === null)
    return json(413, {
      error: "too_large",
      message: `The body is larger than ${MAX_BODY_BYTES} bytes.`,
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return json(400, { error: "malformed", message: "The body is not JSON." });
  }
  const parsed = pixelBodySchema.safeParse(value);
  if (!parsed.success)
    return json(400, {
      error: "invalid",
      message: "The body does not match the event schema.",
      issues: issuesOf(parsed.error),
    });
  const late = eventsOutOfRange(parsed.data.events, now());
  if (late.length > 0)
    return json(400, {
      error: "invalid",
      message: "Event times must lie between 3 days ago and 1 day ahead.",
      issues: late.map((i) => ({ path: `events.${i}.timestamp`, message: "out of range" })),
    });
  return parsed.data;
}

export interface IngestionStats {
  requests: number;
  acceptedEvents: number;
  duplicateEvents: number;
  rateLimitedRequests: number;
}

export interface PixelIngestionOptions {
  /** Per shop, in events: default 1,000 at once and 250 a second sustained. */
  rateLimit?: Omit<TokenBucketOptions, "now">;
  queue?: WriteQueueOptions;
  verifier?: IngestKeyVerifier;
  write?: BatchWriter<NewCheckoutEvent>;
  now?: () => number;
}

export const DEFAULT_RATE_LIMIT = { capacity: 1000, refillPerSecond: 250 };

export class PixelIngestion {
  private readonly buckets: TokenBuckets;
  private readonly queue: WriteQueue<NewCheckoutEvent>;
  private readonly verifier: IngestKeyVerifier;
  private readonly now: () => number;
  readonly stats: IngestionStats = {
    requests: 0,
    acceptedEvents: 0,
    duplicateEvents: 0,
    rateLimitedRequests: 0,
  };

  constructor(options: PixelIngestionOptions = {}) {
    this.now = options.now ?? Date.now;
    this.buckets = new TokenBuckets({
      ...(options.rateLimit ?? DEFAULT_RATE_LIMIT),
      now: this.now,
    });
    this.queue = new WriteQueue(
      options.write ?? ((items) => insertCheckoutEvents(items)),
      options.queue,
    );
    this.verifier = options.verifier ?? ingestKeys;
  }

  async handle(request: Request): Promise<Response> {
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: CORS });
    if (request.method !== "POST")
      return json(
        405,
        { error: "method_not_allowed", message: "POST checkout events here." },
        { Allow: "POST, OPTIONS" },
      );
    this.stats.requests++;

    const body = await readPixelBody(request, this.now);
    if (body instanceof Response) return body;

    if (!(await this.verifier.verify(body.shop, body.key)))
      return json(401, {
        error: "unauthorized",
        message: "Unknown shop, or the ingestion key is wrong.",
      });

    const taken = this.buckets.take(body.shop, body.events.length);
    if (!taken.ok) {
      this.stats.rateLimitedRequests++;
      return json(
        429,
        {
          error: "rate_limited",
          message: "Too many events for this shop; send them again later.",
          retryAfterSeconds: taken.retryAfterSeconds,
        },
        { "Retry-After": String(taken.retryAfterSeconds) },
      );
    }

    return this.store(body);
  }

  /** Queues the events and answers once they are committed (or the queue refused them). */
  private async store(body: PixelBody): Promise<Response> {
    try {
      const result = await this.queue.enqueue(
        body.events.map((e) => ({
          shop: body.shop,
          eventId: e.id,
          name: e.name,
          occurredAt: new Date(e.timestamp),
          checkoutTokenHash: e.checkoutTokenHash,
          countryCode: e.countryCode,
          marketHandle: e.marketHandle,
        })),
      );
      this.stats.acceptedEvents += result.inserted;
      this.stats.duplicateEvents += result.duplicates;
      return json(200, { accepted: result.inserted, duplicates: result.duplicates });
    } catch (error) {
      const busy = error instanceof QueueFullError;
      if (!busy)
        console.error(`[pixel-events] could not store events: ${(error as Error).message}`);
      return json(
        503,
        {
          error: busy ? "busy" : "unavailable",
          message: "The events could not be stored; send them again shortly.",
        },
        { "Retry-After": busy ? "1" : "5" },
      );
    }
  }

  /** Forgets the shop's rate-limit bucket (the shop was deleted). */
  forget(shop: string): void {
    this.buckets.forget(shop);
  }

  /** Waits until every accepted event is written. */
  drain(): Promise<void> {
    return this.queue.drain();
  }
}

let shared: PixelIngestion | undefined;

/** The process-wide ingestion the route uses: one queue and one set of buckets per process. */
export function pixelIngestion(): PixelIngestion {
  shared ??= new PixelIngestion();
  return shared;
}

registerShopMemory({
  name: "pixel rate limits (until refilled)",
  forget: (shop) => shared?.forget(shop),
});
