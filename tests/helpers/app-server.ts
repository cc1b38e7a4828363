/**
 * Runs `node server.ts` (what `npm start` runs) in a child process with a chosen environment,
 * by default against tests/app/fixtures/fake-build.mjs, so start-up and the HTTP layer are tested
 * without building the app. The environment is built from scratch: nothing of the test run's
 * own variables leaks in unless passed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT } from "./databases";

export const FAKE_BUILD = join(ROOT, "tests/app/fixtures/fake-build.mjs");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * The local addresses a TCP port is listening on, from the kernel's socket tables (Linux): e.g.
 * ["127.0.0.1"] for a loopback-only server, ["0.0.0.0"] or ["::"] for every interface.
 */
export function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found: string[] = [];
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text: string;
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.trim().split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (state !== "0A" || !local?.endsWith(`:${hexPort}`)) continue; // 0A = LISTEN
      const hex = local.split(":")[0] ?? "";
      if (hex.length === 8) {
        // IPv4, little-endian bytes
        found.push(
          (hex.match(/../g) ?? [])
            .reverse()
            .map((b) => parseInt(b, 16))
            .join("."),
        );
      } else if (/^0+$/.test(hex)) found.push("::");
      else if (hex === "0000000000000000FFFF00000100007F") found.push("::ffff:127.0.0.1");
      else if (hex === "00000000000000000000000001000000") found.push("::1");
      else found.push(hex);
    }
  }
  return found;
}

export interface Exited {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  url: string;
  port: number;
  pid: number;
  stdout: () => string;
  stderr: () => string;
  /** Resident memory of the server process, in bytes (Linux /proc). */
  rss: () => number;
  stop: () => Promise<void>;
}

function spawnServer(env: Record<string, string>): ChildProcess {
  return spawn(join(ROOT, "node_modules/.bin/node"), ["server.ts"], {
    cwd: ROOT,
    // A fresh environment (NODE_ENV only when a test sets it).
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: process.env.HOME ?? "/tmp",
      TOVHOLDER_BUILD: FAKE_BUILD,
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Starts the server expecting it to refuse: its exit code and output. */
export async function startExpectingExit(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Exited> {
  const child = spawnServer({ PORT: String(await freePort()), ...env });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearTimeout(timer);
  return { code, stdout, stderr };
}

/** Starts the server and waits until it listens. */
export async function startServer(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Running> {
  const port = await freePort();
  const child = spawnServer({ PORT: String(port), ...env });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (!stdout.includes("[tovholder] listening")) {
    if (child.exitCode !== null) throw new Error(`server.ts exited early:\n${stdout}\n${stderr}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`server.ts did not listen within ${timeoutMs} ms:\n${stdout}\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pid = child.pid as number;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid,
    stdout: () => stdout,
    stderr: () => stderr,
    rss: () => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
      return kb * 1024;
    },
    stop,
  };
}
