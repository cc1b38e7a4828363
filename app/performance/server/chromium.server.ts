/**
 * Chromium for Lighthouse lab runs (decision 010): found through configuration, started headless
 * with a fresh profile for each audit, stopped (killed) when the audit ends or is aborted.
 *
 * Confined (decision 016): it loads merchant-controlled pages, so
 * - all its traffic goes through the run's filtering proxy (app/lib/egress/proxy.server.ts),
 *   loopback included (`--proxy-bypass-list=<-loopback>`), its own DNS resolves nothing
 *   (`--host-resolver-rules=MAP * ~NOTFOUND`), and WebRTC may not send UDP around the proxy;
 * - its sandbox stays on. When the app runs as root (containers), Chromium is started as an
 *   unprivileged user instead (its sandbox refuses root), `TOVHOLDER_CHROMIUM_USER`, default
 *   65534:65534 (nobody), with its own profile directory as HOME;
 * - it gets no environment of the app's (no secrets): PATH, locale, time zone and HOME only.
 *
 * Configuration, read when an audit starts (so a test or the demo can set it late):
 * - `TOVHOLDER_CHROMIUM` (or `CHROME_PATH`, Lighthouse's own variable): the executable;
 *   default `/usr/bin/chromium` (Debian's package).
 * - `TOVHOLDER_CHROMIUM_ARGS`: extra flags, a JSON array of strings (flags may contain spaces
 *   and commas); never flags that would undo the confinement (proxy, DNS, sandbox). The demo
 *   and the tests accept the stand-in's self-signed certificate here; the stand-in's host names
 *   reach the proxy through TOVHOLDER_EGRESS_HOST_MAP, so the app's code never knows whether it
 *   measures Shopify or the stand-in.
 * - `TOVHOLDER_CHROMIUM_SANDBOX=off`: only where a sandbox cannot start at all (no user
 *   namespaces, no setuid helper): runs without it. Documented in docs/security.md.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { accessSync, chownSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { variable } from "~/env.server";

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

/** Flags every run gets: headless, and no traffic of Chromium's own. */
const BASE_ARGS = [
  "--headless=new",
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
  return variable("TOVHOLDER_CHROMIUM") || variable("CHROME_PATH") || DEFAULT_CHROMIUM_PATH;
}

/** Flags that confine Chromium's network to the run's proxy (decision 016); they come last. */
export function confinementArgs(proxyUrl: string): string[] {
  return [
    `--proxy-server=${proxyUrl}`,
    // Without this, Chromium sends localhost and 127.0.0.0/8 around any proxy.
    "--proxy-bypass-list=<-loopback>",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
  ];
}

/** Flags TOVHOLDER_CHROMIUM_ARGS may not set: they would undo the confinement. */
const CONFINEMENT_FLAGS = [
  "--proxy-server",
  "--proxy-bypass-list",
  "--proxy-pac-url",
  "--no-proxy-server",
  "--proxy-auto-detect",
  "--host-resolver-rules",
  "--host-rules",
  "--force-webrtc-ip-handling-policy",
  "--webrtc-ip-handling-policy",
  "--no-sandbox",
  "--disable-setuid-sandbox",
  "--no-zygote",
  "--single-process",
  "--remote-debugging-address",
];

/**
 * The extra flags from TOVHOLDER_CHROMIUM_ARGS; throws on a value that is not a JSON string
 * array, and on a flag that would undo the confinement.
 */
export function extraChromiumArgs(): string[] {
  const raw = variable("TOVHOLDER_CHROMIUM_ARGS")?.trim();
  if (!raw) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new Error('TOVHOLDER_CHROMIUM_ARGS must be a JSON array of strings, e.g. ["--flag"]');
  }
  if (!Array.isArray(value) || !value.every((v): v is string => typeof v === "string"))
    throw new Error('TOVHOLDER_CHROMIUM_ARGS must be a JSON array of strings, e.g. ["--flag"]');
  for (const arg of value) {
    const flag = arg.split("=")[0]?.trim().toLowerCase() ?? "";
    if (CONFINEMENT_FLAGS.includes(flag))
      throw new Error(
        `TOVHOLDER_CHROMIUM_ARGS may not set ${flag}: Tovholder confines Chromium's network and keeps its sandbox itself (docs/security.md; TOVHOLDER_CHROMIUM_SANDBOX=off where no sandbox can start)`,
      );
  }
  return value;
}

/** Whether Chromium keeps its sandbox: TOVHOLDER_CHROMIUM_SANDBOX, "on" (default) or "off". */
export function chromiumSandbox(): boolean {
  const value = (variable("TOVHOLDER_CHROMIUM_SANDBOX") ?? "").trim().toLowerCase();
  if (value === "" || value === "on") return true;
  if (value === "off") return false;
  throw new Error('TOVHOLDER_CHROMIUM_SANDBOX must be "on" or "off"');
}

/**
 * The user Chromium runs as when the app runs as root (Chromium's sandbox refuses root):
 * TOVHOLDER_CHROMIUM_USER as "uid:gid", default 65534:65534 (nobody). Null when not root.
 */
export function chromiumUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const raw = (variable("TOVHOLDER_CHROMIUM_USER") ?? "").trim() || "65534:65534";
  const m = /^(\d+):(\d+)$/.exec(raw);
  if (!m || Number(m[1]) === 0)
    throw new Error(
      'TOVHOLDER_CHROMIUM_USER must be "uid:gid" of an unprivileged user (not root), e.g. 65534:65534',
    );
  return { uid: Number(m[1]), gid: Number(m[2]) };
}

/** Chromium's environment: nothing of the app's (no secrets), its profile as HOME. */
function chromiumEnv(profile: string): Record<string, string> {
  const keep = ["PATH", "LANG", "LC_ALL", "TZ"] as const;
  return {
    ...Object.fromEntries(keep.flatMap((k) => (variable(k) ? [[k, variable(k) ?? ""]] : []))),
    HOME: profile,
    XDG_CONFIG_HOME: join(profile, ".config"),
    XDG_CACHE_HOME: join(profile, ".cache"),
  };
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

export interface LaunchOptions {
  /** The run's filtering proxy (app/lib/egress/proxy.server.ts): every request goes through it. */
  proxyUrl: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Kills Chromium's process group (its renderer and GPU processes too), if it is still there. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Kills Chromium and removes its profile once it has exited; the same promise on every call. */
function closerOf(child: ChildProcess, profile: string): () => Promise<void> {
  let closed: Promise<void> | null = null;
  return () =>
    (closed ??= new Promise<void>((resolve) => {
      const done = () => {
        try {
          rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
        } catch {
          // A straggling Chromium helper still writing: the temporary profile stays behind.
        }
        resolve();
      };
      if (child.exitCode !== null || child.signalCode !== null) {
        killGroup(child);
        return done();
      }
      child.once("exit", done);
      killGroup(child);
    }));
}

/**
 * The DevTools WebSocket URL Chromium prints once it is ready; rejects when it fails to start,
 * exits first (naming a sandbox that cannot start), times out or is aborted.
 */
function devToolsUrl(
  child: ChildProcess,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(
      () => reject(new Error(`Chromium did not start within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const fail = (message: string) => {
      clearTimeout(timer);
      reject(new Error(message));
    };
    child.once("error", (error) => fail(`Chromium could not be started: ${error.message}`));
    child.once("exit", (code) =>
      fail(
        /No usable sandbox/i.test(stderr)
          ? `Chromium's sandbox cannot start on this server (${stderr.trim().slice(-300)}). Allow unprivileged user namespaces, or set TOVHOLDER_CHROMIUM_SANDBOX=off to run Lighthouse without it (see docs/security.md).`
          : `Chromium exited (code ${code}) before it was ready: ${stderr.trim().slice(-500)}`,
      ),
    );
    if (signal?.aborted) fail("aborted");
    signal?.addEventListener("abort", () => fail("aborted"), { once: true });
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
}

/** Starts Chromium with a fresh --user-data-dir; rejects when it does not come up in time. */
export async function launchChromium(options: LaunchOptions): Promise<RunningChromium> {
  const extra = extraChromiumArgs();
  const sandbox = chromiumSandbox();
  const user = chromiumUser();
  const profile = mkdtempSync(join(tmpdir(), "tovholder-chromium-"));
  if (user) chownSync(profile, user.uid, user.gid);
  const child: ChildProcess = spawn(
    chromiumPath(),
    [
      ...BASE_ARGS,
      ...(sandbox ? [] : ["--no-sandbox"]),
      ...extra,
      ...confinementArgs(options.proxyUrl),
      `--user-data-dir=${profile}`,
      "--remote-debugging-port=0",
      "about:blank",
    ],
    // Its own process group: killing the group also ends Chromium's renderer and GPU processes.
    {
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
      env: chromiumEnv(profile) as NodeJS.ProcessEnv,
      ...(user && { uid: user.uid, gid: user.gid }),
    },
  );
  const close = closerOf(child, profile);
  options.signal?.addEventListener("abort", () => void close(), { once: true });
  // Detached, Chromium would outlive a worker that exits without closing it.
  const onExit = () => killGroup(child);
  process.once("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));

  try {
    const webSocketUrl = await devToolsUrl(child, options.timeoutMs ?? 30_000, options.signal);
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
