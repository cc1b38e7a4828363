/** Starts `npm run demo` (scripts/demo.ts) on free ports with its own database, for browser tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./databases";

export interface DemoServer {
  url: string;
  /** The demo's own SQLite database (removed by stop()). */
  databaseUrl: string;
  output: () => string;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/** The test run's environment minus the app settings the test setup added, as on a fresh shell. */
function demoEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const key of [
    "SHOPIFY_API_KEY",
    "SHOPIFY_API_SECRET",
    "SHOPIFY_APP_URL",
    "SHOPIFY_STANDIN_URL",
    "TOVHOLDER_DEMO",
    "VITEST",
    "VITEST_POOL_ID",
    "VITEST_WORKER_ID",
  ]) {
    delete env[key];
  }
  return env;
}

export async function startDemoServer(
  // Generous: on a clean checkout the first demo builds the app, and the others wait for it.
  timeoutMs = 240_000,
  /** Extra environment for the demo (e.g. TOVHOLDER_LIGHTHOUSE_RUNS). */
  env: Record<string, string> = {},
  /** Also append the demo's output to this file (the shared demo's log, read by test workers). */
  logFile?: string,
): Promise<DemoServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "tovholder-demo-"));
  const databaseUrl = `file:${join(dir, "demo.db")}`;
  let output = "";
  const child: ChildProcess = spawn(join(ROOT, "node_modules/.bin/tsx"), ["scripts/demo.ts"], {
    cwd: ROOT,
    env: demoEnv({
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      NODE_ENV: "development",
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const collect = (c: Buffer) => {
    output += c.toString();
    if (logFile) appendFileSync(logFile, c);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.pid && child.exitCode === null) {
      process.kill(-child.pid, "SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm run demo exited early:\n${output}`);
    if (output.includes("Tovholder demo is ready")) {
      try {
        const res = await fetch(`${url}/app`);
        if (res.ok) return { url, databaseUrl, output: () => output, stop };
      } catch {
        // not listening yet
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`npm run demo did not serve ${url}/app within ${timeoutMs} ms:\n${output}`);
}

/** What the browser project's global setup shares with its test files (tests/setup/browser-demo.ts). */
export interface SharedDemo {
  url: string;
  databaseUrl: string;
  logFile: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    sharedDemo: SharedDemo;
  }
}

/**
 * The browser project's one `npm run demo` (started once by its global setup), for test files
 * that need no demo of their own: its output is read from its log file; stop() leaves it running
 * for the next file (the global setup stops it).
 */
export async function sharedDemoServer(): Promise<DemoServer> {
  const { inject } = await import("vitest");
  const shared = inject("sharedDemo");
  return {
    url: shared.url,
    databaseUrl: shared.databaseUrl,
    output: () => readFileSync(shared.logFile, "utf8"),
    stop: async () => {},
  };
}
