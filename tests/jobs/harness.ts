/**
 * Shared set-up of the job-system tests: the provider chosen per test file (environment set in
 * `vi.hoisted`, before the app's env is read), workers on short leases, Redis key prefixes
 * unique per test file and removed afterwards.
 */
import { randomUUID } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { prisma } from "~/db/db.server";
import type { JobRegistry } from "~/jobs/define";
import type { JobsConfig } from "~/jobs/config.server";
import { startJobService, type JobService } from "~/jobs/service.server";
import type { JobRunRow } from "~/jobs/models/job-runs.server";

export const REDIS_URL = process.env.TOVHOLDER_TEST_REDIS ?? "redis://127.0.0.1:6379";

/** Sets the provider's environment; call from `vi.hoisted` so it precedes the app's env(). */
export function jobsEnvironment(provider: "inprocess" | "bullmq"): string {
  const prefix = `tovholder-test-${process.pid}-${randomUUID().slice(0, 8)}`;
  process.env.JOBS_PROVIDER = provider;
  process.env.REDIS_URL = REDIS_URL;
  process.env.JOBS_REDIS_PREFIX = prefix;
  return prefix;
}

export async function redisReachable(url = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Deletes every Redis key under the prefix; returns how many. */
export async function removeRedisPrefix(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  let removed = 0;
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) removed += await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
  return removed;
}

export const FAST: Partial<JobsConfig> = {
  pollMs: 50,
  leaseMs: 1500,
  shutdownGraceMs: 300,
  schedulerMs: 3_600_000,
};

export async function startWorker(
  registry: JobRegistry,
  config: Partial<JobsConfig> = {},
): Promise<JobService> {
  const service = await startJobService({
    role: "worker",
    registry,
    scheduler: false,
    log: () => undefined,
    config: { ...FAST, ...config },
  });
  if (!service) throw new Error("no worker started");
  return service;
}

const FINAL = new Set(["succeeded", "dead", "cancelled"]);

/** Polls the run until `until` holds (default: finished). */
export async function waitForRun(
  id: string,
  until: (run: JobRunRow) => boolean = (run) => FINAL.has(run.status),
  timeoutMs = 20_000,
): Promise<JobRunRow> {
  const deadline = Date.now() + timeoutMs;
  let last: JobRunRow | null = null;
  while (Date.now() < deadline) {
    try {
      last = await prisma.jobRun.findUnique({ where: { id } });
    } catch (e) {
      const err = e as { code?: string; meta?: unknown; message: string };
      throw new Error(`DBG ${err.code} ${JSON.stringify(err.meta)} ${err.message.slice(-300)}`);
    }
    if (last && until(last)) return last;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`run ${id} did not get there in ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}
