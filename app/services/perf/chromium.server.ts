/**
 * Chromium for Lighthouse lab runs (decision 010): found through configuration, started headless
 * with a fresh profile for each audit, stopped (killed) when the audit ends or is aborted.
 *
 * Configuration, read when an audit starts (so a test or the demo can set it late):
 * - `TOVHOLDER_CHROMIUM` (or `CHROME_PATH`, Lighthouse's own variable): the executable;
 *   default `/usr/bin/chromium` (Debian's package).
 * - `TOVHOLDER_CHROMIUM_ARGS`: extra flags, a JSON array of strings (flags may contain spaces
 *   and commas). The demo and the tests put the stand-in's host mapping here; the app's code
 *   never knows whether it measures Shopify or the stand-in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags every run gets: headless, no sandbox (containers), and no traffic of Chromium's own. */
const BASE_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--disable-default-apps",
  "--mute-audio",
];

export function chromiumPath(): string {
  return process.env.TOVHOLDER_CHROMIUM || process.env.CHROME_PATH || DEFAULT_CHROMIUM_PATH;
}

/** The extra flags from TOVHOLDER_CHROMIUM_ARGS; throws on a value that is not a JSON string array. */
export function extraChromiumArgs(): string[] {
  const raw = process.env.TOVHOLDER_CHROMIUM_ARGS?.trim();
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('TOVHOLDER_CHROMIUM_ARGS must be a JSON array of strings, e.g. ["--flag"]');
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string"))
    throw new Error('TOVHOLDER_CHROMIUM_ARGS must be a JSON array of strings, e.g. ["--flag"]');
  return value;
}

/** Why Chromium cannot run here, or null when the configured executable exists and may run. */
export function chromiumUnavailable(): string | null {
  const path = chromiumPath();
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return `Chromium is not available on this server (no executable at ${path}; set TOVHOLDER_CHROMIUM to its path), so Lighthouse could not run.`;
  }
}

export interface RunningChromium {
  /** The DevTools port Lighthouse connects to. */
  port: number;
  /** The browser's DevTools WebSocket URL. */
  webSocketUrl: string;
  /** Kills Chromium and removes its profile; safe to call twice. */
  close(): Promise<void>;
}

/** Starts Chromium with a fresh --user-data-dir; rejects when it does not come up in time. */
export async function launchChromium(
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<RunningChromium> {
  const profile = mkdtempSync(join(tmpdir(), "tovholder-chromium-"));
  const child: ChildProcess = spawn(
    chromiumPath(),
    [
      ...BASE_ARGS,
      ...extraChromiumArgs(),
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    // Its own process group: killing the group also ends Chromium's renderer and GPU processes.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= new Promise<void>((resolve) => {
      const done = () => {
        try {
          rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
        } catch {
          // A straggling Chromium helper still writing: the temporary profile stays behind.
        }
        resolve();
      };
      const killGroup = () => {
        try {
          if (child.pid) process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
      };
      if (child.exitCode !== null || child.signalCode !== null) {
        killGroup();
        return done();
      }
      child.once("exit", done);
      killGroup();
    }));
  options.signal?.addEventListener("abort", () => void close(), { once: true });
  // Detached, Chromium would outlive a worker that exits without closing it.
  const onExit = () => {
    try {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  };
  process.once("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));

  try {
    const webSocketUrl = await new Promise<string>((resolve, reject) => {
      let stderr = "";
      const timer = setTimeout(
        () => reject(new Error(`Chromium did not start within ${options.timeoutMs ?? 30_000} ms`)),
        options.timeoutMs ?? 30_000,
      );
      const fail = (message: string) => {
        clearTimeout(timer);
        reject(new Error(message));
      };
      child.once("error", (error) => fail(`Chromium could not be started: ${error.message}`));
      child.once("exit", (code) =>
        fail(`Chromium exited (code ${code}) before it was ready: ${stderr.trim().slice(-500)}`),
      );
      if (options.signal?.aborted) fail("aborted");
      options.signal?.addEventListener("abort", () => fail("aborted"), { once: true });
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => {
        stderr += chunk;
        const match = /DevTools listening on (ws:\/\/\S+)/.exec(stderr);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    });
    // Keep draining stderr so Chromium never blocks on a full pipe.
    child.stderr?.removeAllListeners("data");
    child.stderr?.resume();
    return { port: Number(new URL(webSocketUrl).port), webSocketUrl, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Sets cookies in the browser's jar over the DevTools protocol (Node's WebSocket), so that a
 * storefront's login cookie goes to the shop's origin only — never to third-party hosts, as an
 * extra request header would.
 */
export async function setBrowserCookies(
  webSocketUrl: string,
  cookies: { name: string; value: string; domain: string }[],
): Promise<void> {
  if (cookies.length === 0) return;
  const socket = new WebSocket(webSocketUrl);
  try {
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error("DevTools connection failed")), {
        once: true,
      });
    });
    const answer = new Promise<void>((resolve, reject) => {
      socket.addEventListener("message", (event) => {
        const message = JSON.parse(String(event.data)) as {
          id?: number;
          error?: { message: string };
        };
        if (message.id !== 1) return;
        if (message.error) reject(new Error(`Storage.setCookies: ${message.error.message}`));
        else resolve();
      });
    });
    socket.send(
      JSON.stringify({
        id: 1,
        method: "Storage.setCookies",
        params: {
          cookies: cookies.map((c) => ({
            ...c,
            path: "/",
            secure: true,
            httpOnly: true,
            sameSite: "Lax",
          })),
        },
      }),
    );
    await answer;
  } finally {
    socket.close();
  }
}
