/**
 * The app's HTTP layer in front of Remix: static files, /healthz, and what must happen before a
 * route reads anything a stranger sent (docs/security.md):
 *
 * - request bodies are capped per path before they are read: a declared Content-Length over the
 *   cap is refused at once, a streamed (chunked) body as soon as it passes the cap, and all bodies
 *   being read at one moment together stay under a budget. Refused with 413 (503 over the
 *   budget), and the connection is closed, so the rest of the body is never read;
 * - a cross-origin form post (Origin or Sec-Fetch-Site says so) is refused with 403 before Remix,
 *   which would otherwise throw and answer 500;
 * - unknown static files (/favicon.ico, /assets/…) are a plain 404, never a Remix error log.
 *
 * Plain TypeScript without path aliases: server.ts loads it with Node's type stripping.
 */
import type { IncomingMessage } from "node:http";
import compression from "compression";
import express, {
  type NextFunction,
  type Request as ExpressRequest,
  type Response as ExpressResponse,
} from "express";
import { writeReadableStreamToWritable } from "@remix-run/node";

/** Largest request body accepted, in bytes, per kind of path. */
export interface BodyLimits {
  /**
   * /webhooks/*: twice the largest payload Shopify documents: "payloads over 1,000,000 bytes keep
   * the existing fallback behavior: classic webhooks send {"id": ...}" (shopify.dev changelog
   * "Amazon EventBridge webhook payload size limit increased to 1 MB", 2026-11-17; stated for
   * EventBridge, and shopify.dev gives no other figure for HTTPS delivery).
   */
  webhooks: number;
  /** /api/pixel-events: the pixel's batch (MAX_BODY_BYTES in app/checkout/domain/pixel-events.ts). */
  pixel: number;
  /** Every other request with a body: admin form posts (the largest is a 200 KB logo as a data URL). */
  forms: number;
  /** All bodies being read at one moment, together. */
  inFlight: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = {
  webhooks: 2_000_000,
  pixel: 32 * 1024,
  forms: 1024 * 1024,
  inFlight: 64 * 1024 * 1024,
};

export const PIXEL_PATH = "/api/pixel-events";

/** Static-file extensions never served by a route: unknown ones are a plain 404. */
const STATIC_FILE =
  /\.(?:ico|png|jpe?g|gif|svg|webp|avif|css|js|mjs|cjs|map|woff2?|ttf|otf|eot|webmanifest)$/i;

export type RemixHandler = (request: Request) => Promise<Response>;

export interface HttpAppOptions {
  /** Remix's request handler (createRequestHandler(build, mode) of @remix-run/node). */
  handler: RemixHandler;
  /** The build's publicPath (e.g. "/assets/") and the client build directory. */
  publicPath: string;
  clientDir: string;
  limits?: Partial<BodyLimits>;
  log?: (line: string) => void;
}

export function bodyLimitFor(path: string, limits: BodyLimits): number {
  if (path.startsWith("/webhooks/")) return limits.webhooks;
  if (path === PIXEL_PATH) return limits.pixel;
  return limits.forms;
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Why an unsafe request is a cross-origin form post to refuse, or null. Webhooks (no browser,
 * HMAC-signed), the pixel endpoint (cross-origin by design, keyed) and requests that carry their
 * own credentials (`Authorization`, e.g. the admin block's ID token) are not form posts: no
 * ambient credential of the victim rides along. The comparison is Remix's own (Origin's host
 * against X-Forwarded-Host or Host), so whatever passes here also passes Remix's check.
 */
export function crossOriginRefusal(req: {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
}): string | null {
  if (!UNSAFE_METHODS.has(req.method)) return null;
  if (req.path.startsWith("/webhooks/") || req.path === PIXEL_PATH) return null;
  if (req.headers.authorization) return null;
  const origin = req.headers.origin;
  if (typeof origin === "string") {
    if (origin === "null") return "an opaque (null) origin";
    let originHost: string;
    try {
      originHost = new URL(origin).host;
    } catch {
      return "a malformed Origin";
    }
    const forwarded = String(req.headers["x-forwarded-host"] ?? "")
      .split(",")[0]
      ?.trim();
    const host = forwarded || req.headers.host;
    return originHost === host ? null : `origin ${origin}`;
  }
  return req.headers["sec-fetch-site"] === "cross-site" ? "a cross-site page" : null;
}

type BodyOutcome =
  { kind: "ok"; body: Buffer } | { kind: "too-large" } | { kind: "busy" } | { kind: "aborted" };

/** Reads a request body of at most `limit` bytes, within a budget shared by all requests. */
export class BodyReader {
  private inFlight = 0;
  private readonly budget: number;

  constructor(budget: number) {
    this.budget = budget;
  }

  /** Bytes held right now by bodies being read (for tests and diagnostics). */
  get bytesInFlight(): number {
    return this.inFlight;
  }

  read(req: IncomingMessage, limit: number): Promise<BodyOutcome> {
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit)
      return Promise.resolve({ kind: "too-large" });
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (outcome: BodyOutcome) => {
        if (settled) return;
        settled = true;
        this.inFlight -= size;
        req.off("data", onData);
        req.off("end", onEnd);
        req.off("error", onError);
        req.off("aborted", onAborted);
        if (outcome.kind !== "ok") {
          // Stop reading: the rest of the body stays in the kernel until the socket closes.
          req.pause();
          chunks.length = 0;
        }
        resolve(outcome);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        this.inFlight += chunk.length;
        if (size > limit) return finish({ kind: "too-large" });
        if (this.inFlight > this.budget) return finish({ kind: "busy" });
        chunks.push(chunk);
      };
      const onEnd = () => finish({ kind: "ok", body: Buffer.concat(chunks, size) });
      const onError = () => finish({ kind: "aborted" });
      const onAborted = () => finish({ kind: "aborted" });
      req.on("data", onData);
      req.on("end", onEnd);
      req.on("error", onError);
      req.on("aborted", onAborted);
    });
  }
}

/** How long a refused request's connection stays open so the client can read the answer. */
const LINGER_MS = 2000;

/**
 * A refusal that also closes the connection without reading the rest of the body. The answer is
 * written whole at once (Content-Length), but ended only after LINGER_MS or when the client goes:
 * closing at once, with the client's unread upload still arriving, would make the kernel reset
 * the connection and the client could lose the answer. Meanwhile the request stays paused: the
 * unread body waits in the kernel's buffers (bounded by TCP flow control), never in ours.
 */
function refuse(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  message: string,
  extra: Record<string, string> = {},
) {
  if (res.headersSent) return;
  const pixel = req.path === PIXEL_PATH;
  const body = pixel
    ? JSON.stringify({
        error: status === 413 ? "too_large" : status === 403 ? "forbidden" : "busy",
        message,
      })
    : `${message}\n`;
  req.pause();
  res.status(status);
  res.set({
    "Content-Type": pixel ? "application/json" : "text/plain; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(body)),
    "Cache-Control": "no-store, no-transform",
    Connection: "close",
    ...(pixel
      ? {
          "Access-Control-Allow-Origin": "*",
          "Access-Control-Allow-Methods": "POST, OPTIONS",
          "Access-Control-Allow-Headers": "Content-Type",
        }
      : {}),
    ...extra,
  });
  res.write(body);
  const end = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(end, LINGER_MS);
  timer.unref();
  res.once("close", () => clearTimeout(timer));
}

function webHeaders(incoming: IncomingMessage["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

/** As @remix-run/express sends a Remix response. */
async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.headers.get("Content-Type")?.match(/text\/event-stream/i)) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

/** The Web Request Remix gets: as @remix-run/express builds it, with the body already read. */
function remixRequest(req: ExpressRequest, res: ExpressResponse, body: Buffer | undefined) {
  const [, forwardedPort] = req.get("X-Forwarded-Host")?.split(":") ?? [];
  const [, hostPort] = req.get("host")?.split(":") ?? [];
  const port = [forwardedPort, hostPort]
    .map((p) => Number.parseInt(p ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  const url = new URL(
    `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`,
  );
  let controller: AbortController | null = new AbortController();
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, {
    method: req.method,
    headers: webHeaders(req.headers),
    signal: controller.signal,
    ...(body === undefined ? {} : { body: new Uint8Array(body) }),
  });
}

export interface HttpApp {
  app: express.Express;
  bodies: BodyReader;
}

export function createHttpApp(options: HttpAppOptions): HttpApp {
  const limits = { ...DEFAULT_BODY_LIMITS, ...options.limits };
  const log = options.log ?? ((line: string) => console.error(line));
  const bodies = new BodyReader(limits.inFlight);
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());

  app.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  // As @remix-run/express apps serve a Vite build: fingerprinted files under the public path
  // (Vite's base, "/") cached for good, the rest of the client build for an hour.
  const publicDir = options.publicPath.replace(/^\/+|\/+$/g, "");
  app.use(
    options.publicPath,
    express.static(publicDir ? `${options.clientDir}/${publicDir}` : options.clientDir, {
      immutable: true,
      maxAge: "1y",
    }),
  );
  app.use(express.static(options.clientDir, { maxAge: "1h" }));
  // Nothing else lives under the build's assets directory, and no route serves a static file
  // type: a plain 404, without bothering Remix (which would log a "no route matches" error).
  const assetsPrefix = `${options.publicPath.replace(/\/?$/, "/")}assets/`;
  app.use((req, res, next) => {
    if (
      (req.method === "GET" || req.method === "HEAD") &&
      (req.path.startsWith(assetsPrefix) || STATIC_FILE.test(req.path))
    ) {
      res.status(404).type("text/plain").send("Not found\n");
      return;
    }
    next();
  });

  app.use((req, res, next) => {
    const refusal = crossOriginRefusal(req);
    if (refusal === null) return next();
    log(`[http] refused a cross-origin ${req.method} ${req.path} from ${refusal}`);
    refuse(req, res, 403, "Cross-origin form submissions are refused.");
  });

  app.all("*", async (req, res, next) => {
    try {
      let body: Buffer | undefined;
      if (req.method !== "GET" && req.method !== "HEAD") {
        const limit = bodyLimitFor(req.path, limits);
        const outcome = await bodies.read(req, limit);
        if (outcome.kind === "aborted") return;
        if (outcome.kind === "too-large")
          return refuse(req, res, 413, `The body is larger than ${limit} bytes.`);
        if (outcome.kind === "busy")
          return refuse(req, res, 503, "Too many request bodies at once; try again.", {
            "Retry-After": "1",
          });
        body = outcome.body;
      }
      const response = await options.handler(remixRequest(req, res, body));
      await sendResponse(res, response);
    } catch (error) {
      next(error);
    }
  });

  // Errors Remix did not turn into a response: one line, no stack or detail to the client.
  app.use((error: unknown, _req: ExpressRequest, res: ExpressResponse, _next: NextFunction) => {
    log(`[http] ${error instanceof Error ? error.message : String(error)}`);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.status(500).type("text/plain").send("Internal Server Error\n");
  });
  return { app, bodies };
}
