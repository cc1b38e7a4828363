/**
 * Pixel ingestion under load, on loopback: a real HTTP server mounting the app's
 * /api/pixel-events action (app/routes/api.pixel-events.tsx, unchanged), and a sender that keeps
 * a fixed event rate for a fixed time, in batches of 5 as the pixel sends them, with some events
 * sent twice. Three shops: two within their rate limit and one far above it, so the run shows
 * both the write path at full speed and the limiter at work.
 *
 * Afterwards the database is compared with what the server answered: every event a 200 answer
 * covered is stored exactly once, the stored count per shop equals the sum of `accepted`, and
 * nothing else is stored. Figures: events/s sent, accepted, duplicates, rejected by the rate
 * limit, other refusals, p50/p99 latency.
 *
 * `npm run bench -- pixel-ingest` runs 30 s at 800 events/s (500/s is the target) on a fresh
 * SQLite database in a temp directory; tests/checkout/ingest-load.test.ts runs the same check for
 * 3 s on the test database.
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bench } from "./bench";
import { benchDatabase } from "./database";

export interface LoadShop {
  shop: string;
  /** Events per second sent for this shop. */
  rate: number;
}

export interface LoadOptions {
  seconds: number;
  shops: LoadShop[];
  /** Share of batches that resend an earlier event. */
  resendShare?: number;
}

export interface LoadReport {
  seconds: number;
  sentEvents: number;
  sentPerSecond: number;
  requests: number;
  accepted: number;
  duplicates: number;
  rateLimitedEvents: number;
  otherRefusedEvents: number;
  /** Requests that got no answer at all (connection refused, reset or timed out). */
  unansweredRequests: number;
  p50Ms: number;
  p99Ms: number;
  /** Problems with the accounting; empty when every accepted event is stored exactly once. */
  mismatches: string[];
}

const BATCH = 5;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Node's http server in front of the Remix action, as the app's Express server would be. */
async function serve(action: (request: Request) => Promise<Response>) {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
      });
      action(request)
        .then(async (response) => {
          res.writeHead(response.status, Object.fromEntries(response.headers));
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/pixel-events`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs the load against the database of DATABASE_URL (app modules are loaded here, not before). */
export async function runIngestLoad(options: LoadOptions): Promise<LoadReport> {
  const { action } = await import("../app/routes/api.pixel-events");
  const { pixelIngestion } = await import("../app/checkout/server/ingest/handler.server");
  const { ensurePixelCredentials } =
    await import("../app/checkout/server/pixel-credentials.server");
  const { recordInstall } = await import("../app/db/shops.server");
  const { prisma } = await import("../app/db/db.server");

  const keys = new Map<string, string>();
  for (const { shop } of options.shops) {
    await recordInstall({ shop, scopes: null });
    keys.set(shop, (await ensurePixelCredentials(shop)).key);
  }
  const server = await serve((request) => action({ request, params: {}, context: {} }));
  const resendShare = options.resendShare ?? 0.05;
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const report = {
    requests: 0,
    accepted: 0,
    duplicates: 0,
    rateLimitedEvents: 0,
    otherRefusedEvents: 0,
    unansweredRequests: 0,
  };
  const acceptedIds = new Map<string, Set<string>>();
  const acceptedCount = new Map<string, number>();
  /** Sent in requests that got no answer: the server may or may not have stored them. */
  const unansweredIds = new Map<string, Set<string>>();
  const sentIds = new Map<string, string[]>();
  let sentEvents = 0;
  let serial = 0;

  const send = (shop: string) => {
    const sent = sentIds.get(shop) ?? [];
    sentIds.set(shop, sent);
    const events = Array.from({ length: BATCH }, () => {
      const id = `${shop}:${serial++}`;
      sent.push(id);
      return id;
    });
    if (Math.random() < resendShare && sent.length > BATCH * 2)
      events[0] = sent[Math.floor(Math.random() * (sent.length - BATCH))] ?? events[0] ?? "";
    const body = JSON.stringify({
      v: 1,
      shop,
      key: keys.get(shop),
      events: events.map((id) => ({
        id,
        name: "checkout_started",
        timestamp: new Date().toISOString(),
        checkoutTokenHash: randomBytes(32).toString("hex"),
        countryCode: "DK",
        marketHandle: "dk",
      })),
    });
    sentEvents += events.length;
    report.requests++;
    const started = performance.now();
    const request = fetch(server.url, {
      method: "POST",
      body,
      headers: { "Content-Type": "text/plain" },
    })
      .then(async (response) => {
        const answer = (await response.json()) as { accepted?: number; duplicates?: number };
        latencies.push(performance.now() - started);
        if (response.status === 200) {
          report.accepted += answer.accepted ?? 0;
          report.duplicates += answer.duplicates ?? 0;
          acceptedCount.set(shop, (acceptedCount.get(shop) ?? 0) + (answer.accepted ?? 0));
          const ids = acceptedIds.get(shop) ?? new Set<string>();
          events.forEach((id) => ids.add(id));
          acceptedIds.set(shop, ids);
        } else if (response.status === 429) report.rateLimitedEvents += events.length;
        else report.otherRefusedEvents += events.length;
      })
      // The pixel would send these again; here they count against the run (see the target).
      .catch(() => {
        report.unansweredRequests++;
        const ids = unansweredIds.get(shop) ?? new Set<string>();
        events.forEach((id) => ids.add(id));
        unansweredIds.set(shop, ids);
      })
      .finally(() => inFlight.delete(request));
    inFlight.add(request);
  };

  const start = performance.now();
  const sentPerShop = new Map(options.shops.map((s) => [s.shop, 0]));
  for (;;) {
    const elapsed = (performance.now() - start) / 1000;
    if (elapsed >= options.seconds) break;
    for (const { shop, rate } of options.shops) {
      const due = Math.floor(elapsed * rate);
      while ((sentPerShop.get(shop) ?? 0) + BATCH <= due) {
        send(shop);
        sentPerShop.set(shop, (sentPerShop.get(shop) ?? 0) + BATCH);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const sendSeconds = (performance.now() - start) / 1000;
  await Promise.all([...inFlight]);
  await pixelIngestion().drain();
  await server.close();

  const mismatches: string[] = [];
  for (const { shop } of options.shops) {
    const rows = await prisma.checkoutEvent.findMany({
      where: { shop },
      select: { eventId: true },
    });
    const stored = new Set(rows.map((r) => r.eventId));
    if (stored.size !== rows.length) mismatches.push(`${shop}: an event is stored twice`);
    const accepted = acceptedIds.get(shop) ?? new Set<string>();
    const unanswered = unansweredIds.get(shop) ?? new Set<string>();
    const storedUnanswered = rows.filter((r) => unanswered.has(r.eventId)).length;
    if (rows.length - storedUnanswered !== (acceptedCount.get(shop) ?? 0))
      mismatches.push(
        `${shop}: ${rows.length} stored, but the answers accepted ${acceptedCount.get(shop) ?? 0}`,
      );
    const missing = [...accepted].filter((id) => !stored.has(id));
    if (missing.length > 0)
      mismatches.push(`${shop}: ${missing.length} acknowledged events are not stored`);
    const extra = [...stored].filter((id) => !accepted.has(id) && !unanswered.has(id));
    if (extra.length > 0)
      mismatches.push(`${shop}: ${extra.length} stored events were never acknowledged`);
  }
  latencies.sort((a, b) => a - b);
  return {
    seconds: sendSeconds,
    sentEvents,
    sentPerSecond: sentEvents / sendSeconds,
    ...report,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    mismatches,
  };
}

export function formatLoadReport(r: LoadReport): string[] {
  return [
    `sent        ${r.sentEvents} events in ${r.requests} requests over ${r.seconds.toFixed(1)} s = ${r.sentPerSecond.toFixed(0)} events/s`,
    `accepted    ${r.accepted} (stored), ${r.duplicates} duplicates counted once`,
    `refused     ${r.rateLimitedEvents} by the rate limit (429), ${r.otherRefusedEvents} otherwise; ${r.unansweredRequests} requests unanswered`,
    `latency     p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms`,
    `accounting  ${r.mismatches.length === 0 ? "every accepted event stored exactly once" : r.mismatches.join("; ")}`,
  ];
}

/** The bench's load: 800 events/s in all, one shop above its 250/s limit. */
export const BENCH_SHOPS: LoadShop[] = [
  { shop: "bench-a.myshopify.com", rate: 200 },
  { shop: "bench-b.myshopify.com", rate: 200 },
  { shop: "bench-noisy.myshopify.com", rate: 400 },
];

const TARGET_RATE = 500;
const TARGET_P99_MS = 250;
const ROOT = fileURLToPath(new URL("..", import.meta.url));

export function pixelIngestBench(): Bench {
  return {
    name: "pixel-ingest",
    description: "checkout pixel events over loopback HTTP: 30 s at 800 events/s, three shops",
    async run(log) {
      const dir = mkdtempSync(join(tmpdir(), "tovholder-bench-ingest-"));
      const db = await benchDatabase(`tovholder_bench_ingest_${process.pid}`, dir);
      try {
        log(`database: ${db.label}`);
        process.env.DATABASE_URL = db.url;
        // The app's environment check wants credentials; the endpoint itself uses none of them.
        process.env.SHOPIFY_API_KEY ??= "bench";
        process.env.SHOPIFY_API_SECRET ??= "bench";
        process.env.SHOPIFY_APP_URL ??= "http://127.0.0.1";
        const migrated = spawnSync(
          join(ROOT, "node_modules/.bin/tsx"),
          ["scripts/db.ts", "migrate"],
          {
            cwd: ROOT,
            env: process.env,
            encoding: "utf8",
          },
        );
        if (migrated.status !== 0) throw new Error(`migration failed: ${migrated.stderr}`);
        const report = await runIngestLoad({ seconds: 30, shops: BENCH_SHOPS });
        for (const line of formatLoadReport(report)) log(line);
        const met =
          report.mismatches.length === 0 &&
          report.unansweredRequests === 0 &&
          report.sentPerSecond >= TARGET_RATE &&
          report.p99Ms <= TARGET_P99_MS;
        log(
          `target      ≥ ${TARGET_RATE} events/s sent, p99 ≤ ${TARGET_P99_MS} ms, exact accounting: ${met ? "met" : "MISSED"}`,
        );
        return met;
      } finally {
        const { prisma } = await import("../app/db/db.server");
        await prisma.$disconnect();
        await db.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
