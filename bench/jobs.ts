/**
 * The job system under load: a week of weekly audits for 1,000 shops (BENCH_JOBS_SHOPS), drained
 * by 1 and by 4 `tovholder worker` processes.
 *
 * Set-up, once: a fresh SQLite database (WAL) in a temp directory, the offline stand-in in this
 * process, and per round a new set of shops installed on it (offline session + Shop row), each a
 * small store of 5–20 products with its weekly slot spread over the week (weekday 1–7, hour
 * 0–23) in one of five time zones (UTC-8 … UTC+13). Every shop has its own stand-in rate-limit
 * bucket, Shopify's real Standard-plan one (2,000 points, 100/s): a crawl of 20 products costs a
 * few hundred points, so throttling is not what is measured.
 *
 * A round: N workers are started (`tovholder worker --no-scheduler`, JOBS_CONCURRENCY each,
 * default 2) and wait; the shops were installed eight days ago, so one scheduler tick finds every
 * shop's slot of the past week due and enqueues it (1,000 `audit.run-shop` runs — the week's
 * queue at once, the worst case: a week of downtime, or every shop on the same slot). The clock
 * runs from that tick until every run is finished. Each round uses new shops, so the slots are
 * new runs, not deduplicated ones. Afterwards: every run succeeded, every shop has exactly one
 * full audit run.
 *
 * Figures: tick time, drain time (from the tick to the last run finished, including each
 * worker's first-job warm-up: loading the audit code), runs/min over the whole drain and steady
 * (10–90 % finished), and the ratios 4 workers vs 1.
 * BENCH_JOBS_PROVIDERS = comma list of providers to measure (default: JOBS_PROVIDER if set, else
 * "bullmq" — the scale-out set-up this bench is about — when Redis answers at REDIS_URL, default
 * redis://127.0.0.1:6379, else "inprocess"; "bullmq,inprocess" measures both).
 * A round in which no run finishes for 5 minutes is stopped with the workers' last output: the
 * bench could not run (exit 3), it never hangs.
 * The database is a new one of the kind DATABASE_URL names (bench/database.ts): SQLite in WAL
 * mode on a fresh checkout, PostgreSQL (a new database on that server, dropped afterwards) when
 * DATABASE_URL points there — the scale-out set-up, where several processes do not wait on one
 * file's write lock. BENCH_JOBS_WORKERS = comma list of worker counts (default "1,4").
 *
 * Lists of 1,000 shops or runs are queried in batches (SQLite allows 999 bound parameters).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Bench } from "./bench";
import { benchDatabase } from "./database";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const API_KEY = "tovholder-bench-api-key";
const API_SECRET = "tovholder-bench-api-secret";
const TIME_ZONES = [
  "Europe/Copenhagen",
  "America/Los_Angeles",
  "Pacific/Auckland",
  "UTC",
  "Asia/Tokyo",
];
const DAY_MS = 86_400_000;
/** The week's queue must drain well within the week; an hour with one worker is the target. */
const TARGET_DRAIN_ONE_WORKER_MS = 3_600_000;

interface Worker {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

function spawnWorker(env: Record<string, string>): Worker {
  let output = "";
  const child = spawn(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bin/tovholder.ts"), "worker", "--no-scheduler"],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const signal = (name: NodeJS.Signals) => {
        try {
          process.kill(-(child.pid ?? 0), name);
        } catch {
          // already gone
        }
      };
      signal("SIGTERM");
      // A worker gives running jobs 10 s; one still running after 30 s is stuck: killed, and said.
      const timer = setTimeout(() => {
        output += "\n[bench] worker did not stop within 30 s of SIGTERM: killed\n";
        signal("SIGKILL");
      }, 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function waitForStart(worker: Worker, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!/worker \S+ started/.test(worker.output())) {
    if (worker.child.exitCode !== null) throw new Error(`worker exited:\n${worker.output()}`);
    if (Date.now() > deadline) throw new Error(`worker did not start:\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Round {
  provider: "inprocess" | "bullmq";
  workers: number;
  tickMs: number;
  drainMs: number;
  /** Runs/min between 10 % and 90 % finished: workers warmed up, queue not yet draining out. */
  steadyPerMinute: number;
  runs: number;
  perMinute: number;
  problems: string[];
}

async function redisAnswers(url: string): Promise<boolean> {
  const { Redis } = await import("ioredis");
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    connectTimeout: 2000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** No run finished for this long: the round is stuck, not slow. */
const STALL_MS = 5 * 60_000;

/** Query parameters per statement: under SQLite's 999 bound-parameter limit. */
const BATCH = 500;

function batches<T>(list: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += BATCH) out.push(list.slice(i, i + BATCH));
  return out;
}

function fmtSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function jobsBench(): Bench {
  const shops = Number(process.env.BENCH_JOBS_SHOPS ?? 1000);
  return {
    name: "jobs",
    description: `a week of weekly audits for ${shops.toLocaleString("en")} small shops on the stand-in, drained by 1 and 4 worker processes`,
    async run(log) {
      if (!Number.isInteger(shops) || shops < 1)
        throw new Error("BENCH_JOBS_SHOPS must be a whole number above 0");
      const defaultProvider =
        process.env.JOBS_PROVIDER ||
        ((await redisAnswers(process.env.REDIS_URL || "redis://127.0.0.1:6379"))
          ? "bullmq"
          : "inprocess");
      const providers = (process.env.BENCH_JOBS_PROVIDERS ?? defaultProvider)
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean) as Round["provider"][];
      const isProvider = (p: string): p is Round["provider"] => p === "bullmq" || p === "inprocess";
      for (const p of providers)
        if (!isProvider(p)) throw new Error(`BENCH_JOBS_PROVIDERS: unknown provider "${p}"`);
      const workerCounts = (process.env.BENCH_JOBS_WORKERS ?? "1,4").split(",").map(Number);
      if (workerCounts.some((n) => !Number.isInteger(n) || n < 1))
        throw new Error("BENCH_JOBS_WORKERS must list whole numbers above 0");

      const dir = mkdtempSync(join(tmpdir(), "tovholder-bench-jobs-"));
      const db = await benchDatabase(`tovholder_bench_jobs_${process.pid}`, dir);
      const usePostgres = db.kind === "PostgreSQL";
      const redisPrefix = `tovholder-bench-${randomUUID().slice(0, 8)}`;
      const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
      const workers: Worker[] = [];
      let closeStandin: (() => Promise<void>) | undefined;
      // Workers run in their own process groups: Ctrl-C on the bench must stop them too.
      const interrupted = () => {
        for (const w of workers) if (w.child.pid) process.kill(-w.child.pid, "SIGTERM");
        process.exit(130);
      };
      process.once("SIGINT", interrupted);
      process.once("SIGTERM", interrupted);
      try {
        const databaseUrl = db.url;
        const concurrency = process.env.JOBS_CONCURRENCY || "2";
        log(
          `machine: ${cpus().length} cores, load average ${loadavg()
            .map((l) => l.toFixed(1))
            .join(" ")} (other processes share them: compare rounds of one run, not runs)`,
        );
        log(
          `database: ${db.label}${usePostgres ? "" : ", WAL"}; ${concurrency} jobs at a time per worker (JOBS_CONCURRENCY); providers: ${providers.join(", ")}`,
        );
        Object.assign(process.env, {
          DATABASE_URL: databaseUrl,
          SHOPIFY_API_KEY: API_KEY,
          SHOPIFY_API_SECRET: API_SECRET,
          SHOPIFY_APP_URL: "http://127.0.0.1",
          REDIS_URL: redisUrl,
          JOBS_REDIS_PREFIX: redisPrefix,
          // The app's env() is read once: the first provider's transport also carries the wake-ups
          // of later rounds' ticks (harmless: in-process workers poll, BullMQ's tick re-delivers).
          JOBS_PROVIDER: providers[0],
        });
        const migrated = spawnSync(
          join(ROOT, "node_modules/.bin/tsx"),
          ["scripts/db.ts", "migrate"],
          { cwd: ROOT, env: process.env, encoding: "utf8" },
        );
        if (migrated.status !== 0) throw new Error(`migration failed: ${migrated.stderr}`);

        const { startStandin } = await import("../standin/server");
        const { makeStore } = await import("../tests/standin/fixtures");
        const { Session } = await import("@shopify/shopify-api");
        const { sessionStorage } = await import("../app/shopify.server");
        const { recordInstall } = await import("../app/db/shops.server");
        const { saveShopTimeZone, saveWeeklySchedule } =
          await import("../app/db/shop-settings.server");
        const { prisma } = await import("../app/db/db.server");
        const { jobsConfig } = await import("../app/jobs/config.server");
        const { scheduleTick } = await import("../app/jobs/scheduler.server");
        const { closeTransport } = await import("../app/jobs/transport.server");
        // Several processes write this database at once.
        if (!usePostgres) await prisma.$queryRawUnsafe("PRAGMA journal_mode=WAL");

        const standin = await startStandin({ stores: [], apiKey: API_KEY, apiSecret: API_SECRET });
        closeStandin = () => standin.close();
        const workerEnv = {
          DATABASE_URL: databaseUrl,
          SHOPIFY_API_KEY: API_KEY,
          SHOPIFY_API_SECRET: API_SECRET,
          SHOPIFY_APP_URL: "http://127.0.0.1",
          JOBS_CONCURRENCY: concurrency,
          SHOPIFY_STANDIN_URL: standin.url,
          REDIS_URL: redisUrl,
          JOBS_REDIS_PREFIX: redisPrefix,
          NODE_OPTIONS:
            `${process.env.NODE_OPTIONS ?? ""} --import ${join(ROOT, "standin/install-routing.ts")}`.trim(),
        };

        const install = async (round: number): Promise<string[]> => {
          const started = performance.now();
          const names: string[] = [];
          const weekAgo = new Date(Date.now() - 8 * DAY_MS);
          for (let i = 0; i < shops; i++) {
            const shop = `bench-r${round}-${String(i).padStart(4, "0")}.myshopify.com`;
            names.push(shop);
            standin.addStore(
              makeStore({ shop, products: 5 + ((i * 7) % 16), passwordProtected: false }),
            );
            const granted = standin.grantOfflineToken(shop);
            await sessionStorage.storeSession(
              new Session({
                id: `offline_${shop}`,
                shop,
                state: "",
                isOnline: false,
                accessToken: granted.accessToken,
                scope: granted.scope,
              }),
            );
            await recordInstall({ shop, scopes: granted.scope });
            await saveShopTimeZone(shop, TIME_ZONES[i % TIME_ZONES.length] ?? "UTC");
            await saveWeeklySchedule(
              shop,
              { weekday: 1 + (i % 7), hour: (i * 5) % 24, enabled: true },
              weekAgo,
            );
          }
          // Installed eight days ago: each shop's slot of the past week is due, none is "before install".
          for (const batch of batches(names))
            await prisma.shop.updateMany({
              where: { shop: { in: batch } },
              data: { installedAt: weekAgo },
            });
          log(
            `round ${round}: ${shops} shops installed in ${fmtSeconds(performance.now() - started)}`,
          );
          return names;
        };

        const rounds: Round[] = [];
        let round = 0;
        for (const provider of providers) {
          for (const count of workerCounts) {
            round++;
            const names = await install(round);
            process.env.JOBS_PROVIDER = provider;
            const config = jobsConfig({ provider });
            const env = { ...workerEnv, JOBS_PROVIDER: provider };
            for (let w = 0; w < count; w++) workers.push(spawnWorker(env));
            await Promise.all(workers.map((w) => waitForStart(w)));

            const start = performance.now();
            const { enqueued } = await scheduleTick(config);
            const tickMs = performance.now() - start;
            const ids = enqueued.filter((id) => id.startsWith("audit.run-shop:"));
            const problems: string[] = [];
            if (ids.length !== shops)
              problems.push(`the tick enqueued ${ids.length} audits, not ${shops}`);
            let lastLog = start;
            let lastFinished = 0;
            let lastProgress = start;
            let t10: number | null = null;
            let t90: number | null = null;
            for (;;) {
              const counts = (
                await Promise.all(
                  batches(ids).map((batch) =>
                    prisma.jobRun.groupBy({
                      by: ["status"],
                      where: { id: { in: batch } },
                      _count: true,
                    }),
                  ),
                )
              ).flat();
              const of = (s: string) =>
                counts.filter((c) => c.status === s).reduce((sum, c) => sum + c._count, 0);
              const finished = of("succeeded") + of("dead") + of("cancelled");
              if (t10 === null && finished >= ids.length * 0.1) t10 = performance.now();
              if (t90 === null && finished >= ids.length * 0.9) t90 = performance.now();
              if (finished >= ids.length) break;
              if (finished > lastFinished) {
                lastFinished = finished;
                lastProgress = performance.now();
              } else if (performance.now() - lastProgress > STALL_MS)
                throw new Error(
                  `no run finished for ${STALL_MS / 60_000} min (${finished}/${ids.length} finished, ${of("running")} running); the workers' last output:\n${workers.map((w) => w.output().slice(-3000)).join("\n---\n")}`,
                );
              if (performance.now() - lastLog > 30_000) {
                lastLog = performance.now();
                log(
                  `  … ${fmtSeconds(lastLog - start)}: ${finished}/${ids.length} finished, ${of("running")} running`,
                );
              }
              await new Promise((r) => setTimeout(r, 250));
            }
            const drainMs = performance.now() - start;
            const stopping = workers.splice(0);
            await Promise.all(stopping.map((w) => w.stop()));
            const killed = stopping.filter((w) =>
              w.output().includes("[bench] worker did not stop"),
            );
            if (killed.length > 0)
              log(
                `  ${killed.length} worker(s) did not stop on SIGTERM within 30 s and were killed`,
              );

            const failed = (
              await Promise.all(
                batches(ids).map((batch) =>
                  prisma.jobRun.findMany({
                    where: { id: { in: batch }, status: { not: "succeeded" } },
                    select: { id: true, status: true, error: true },
                  }),
                ),
              )
            ).flat();
            const bad = failed.slice(0, 3);
            const notSucceeded = failed.length;
            if (notSucceeded > 0)
              problems.push(
                `${notSucceeded} runs did not succeed, e.g. ${bad.map((b) => `${b.id}: ${b.status} ${b.error ?? ""}`).join("; ")}`,
              );
            const audits = (
              await Promise.all(
                batches(names).map((batch) =>
                  prisma.auditRun.groupBy({
                    by: ["shop"],
                    where: { shop: { in: batch }, kind: "full" },
                    _count: true,
                  }),
                ),
              )
            ).flat();
            const twice = audits.filter((a) => a._count !== 1).length;
            if (audits.length !== shops || twice > 0)
              problems.push(
                `${audits.length} of ${shops} shops have an audit run, ${twice} more than one`,
              );
            // Out of the next round's way: its tick must see only its own shops.
            for (const batch of batches(names))
              await prisma.shop.updateMany({
                where: { shop: { in: batch } },
                data: { uninstalledAt: new Date() },
              });
            const result: Round = {
              provider,
              workers: count,
              tickMs,
              drainMs,
              runs: ids.length,
              perMinute: ids.length / (drainMs / 60_000),
              steadyPerMinute:
                t10 !== null && t90 !== null && t90 > t10
                  ? (ids.length * 0.8) / ((t90 - t10) / 60_000)
                  : ids.length / (drainMs / 60_000),
              problems,
            };
            rounds.push(result);
            log(
              `${provider.padEnd(9)} ${count} worker${count === 1 ? " " : "s"}  tick ${fmtSeconds(tickMs)}, drained ${result.runs} runs in ${fmtSeconds(drainMs)} = ${result.perMinute.toFixed(0)} runs/min (steady, 10–90 %: ${result.steadyPerMinute.toFixed(0)} runs/min)${problems.length ? `  PROBLEMS: ${problems.join("; ")}` : ""}`,
            );
          }
        }
        await closeTransport();

        let met = rounds.every((r) => r.problems.length === 0);
        for (const provider of providers) {
          const one = rounds.find((r) => r.provider === provider && r.workers === 1);
          const others = rounds.filter((r) => r.provider === provider && r.workers > 1);
          for (const other of others)
            if (one)
              log(
                `${provider.padEnd(9)} ${other.workers} vs 1 worker: drain ${(one.drainMs / other.drainMs).toFixed(2)}× as fast, steady throughput ${(other.steadyPerMinute / one.steadyPerMinute).toFixed(2)}×`,
              );
          if (one) met &&= one.drainMs <= (TARGET_DRAIN_ONE_WORKER_MS * shops) / 1000;
        }
        log(
          `target    every run succeeded, one audit per shop; 1,000 shops' week drained by one worker in ≤ 1 h: ${met ? "met" : "MISSED"}`,
        );
        return met;
      } finally {
        process.off("SIGINT", interrupted);
        process.off("SIGTERM", interrupted);
        await Promise.all(workers.map((w) => w.stop()));
        await closeStandin?.();
        if (process.env.BENCH_JOBS_KEEP !== "1") {
          rmSync(dir, { recursive: true, force: true });
          const { prisma } = await import("../app/db/db.server");
          await prisma.$disconnect();
          await db.drop().catch(() => undefined);
        }
        try {
          const { Redis } = await import("ioredis");
          const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
          await redis.connect();
          let cursor = "0";
          do {
            const [next, keys] = await redis.scan(
              cursor,
              "MATCH",
              `${redisPrefix}:*`,
              "COUNT",
              1000,
            );
            cursor = next;
            if (keys.length > 0) await redis.del(...keys);
          } while (cursor !== "0");
          redis.disconnect();
        } catch {
          // no Redis: nothing was written there
        }
      }
    },
  };
}
