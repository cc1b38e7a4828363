/**
 * PDFs are rendered off the event loop, and an issued report's PDF only once.
 *
 * - Rendering (@react-pdf/renderer, seconds of CPU per report) runs in worker threads: at most
 *   PDF_WORKERS at once, more requests wait in a queue of at most QUEUE_MAX (beyond it:
 *   PdfBusyError, answered 503). A render that takes longer than RENDER_TIMEOUT_MS ends its
 *   worker. The server keeps answering (/healthz, pages) while PDFs render.
 * - The worker loads the renderer from the source with tsx (tests, CLI, `npm run worker`) or,
 *   when running from the built app, from the server build (its entry module re-exports
 *   renderReportPdf; server.ts sets TOVHOLDER_BUILD to the build it serves).
 * - An issued version never changes: its PDF is kept in memory per report version, language and
 *   branding (an LRU of at most CACHE_MAX_BYTES, each entry at most CACHE_TTL_MS), and concurrent
 *   requests for the same one share a single render. Drafts are never cached. The cache forgets a
 *   shop when its data is deleted (lib/shop-memory.server.ts).
 */
import { createHash } from "node:crypto";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { registerShopMemory } from "~/lib/shop-memory.server";
import type { ReportPdfProps } from "./pdf.server";
import { variable } from "~/env.server";

export const PDF_WORKERS = Math.max(1, Math.min(2, availableParallelism() - 1));
export const QUEUE_MAX = 32;
export const RENDER_TIMEOUT_MS = 120_000;
export const CACHE_MAX_BYTES = 64 * 1024 * 1024;
export const CACHE_TTL_MS = 60 * 60_000;
/** A worker with nothing to do ends after this long (and never keeps the process alive). */
const IDLE_MS = 60_000;

export class PdfBusyError extends Error {
  override readonly name = "PdfBusyError";
}

/** The worker: loads the renderer once, then renders what it is sent. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const ready = (async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  let target = await import(workerData.module);
  for (const name of workerData.path) target = target[name];
  if (typeof target !== "function") throw new Error("no PDF renderer at " + workerData.path.join("."));
  return target;
})();
parentPort.on("message", async ({ id, props }) => {
  try {
    const bytes = await (await ready)(props);
    const view = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength).slice();
    parentPort.postMessage({ id, bytes: view }, [view.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.stack) || error) });
  }
});
`;

interface RendererLocation {
  module: string;
  path: string[];
  tsx?: string;
}

function rendererLocation(): RendererLocation {
  const here = import.meta.url;
  if (/\.tsx?$/.test(new URL(here).pathname))
    return {
      module: new URL("./pdf.server.tsx", here).href,
      path: ["renderReportPdf"],
      // From the source tree (app/report/server/): the repository's tsx.
      tsx: new URL("../../../node_modules/tsx/dist/esm/api/index.mjs", here).href,
    };
  return {
    module: pathToFileURL(resolve(variable("TOVHOLDER_BUILD") ?? "build/server/index.js")).href,
    path: ["entry", "module", "renderReportPdf"],
  };
}

interface Job {
  id: number;
  props: ReportPdfProps;
  resolve: (bytes: Buffer) => void;
  reject: (error: Error) => void;
}

class PdfWorker {
  readonly worker: Worker;
  job: Job | null = null;
  private timer: NodeJS.Timeout | undefined;
  private idle: NodeJS.Timeout | undefined;

  constructor(
    location: RendererLocation,
    private readonly onDone: (w: PdfWorker, failed: boolean) => void,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: location });
    this.worker.unref();
    this.worker.on("message", (message: { id: number; bytes?: Uint8Array; error?: string }) => {
      const job = this.job;
      if (!job || job.id !== message.id) return;
      this.finish();
      if (message.bytes) job.resolve(Buffer.from(message.bytes));
      else job.reject(new Error(`PDF rendering failed: ${message.error ?? "unknown error"}`));
      this.onDone(this, false);
    });
    const fail = (error: Error) => {
      const job = this.job;
      this.finish();
      job?.reject(error);
      this.onDone(this, true);
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the PDF worker exited (${code})`)));
  }

  run(job: Job): void {
    clearTimeout(this.idle);
    this.job = job;
    this.worker.ref();
    this.timer = setTimeout(() => {
      void this.worker.terminate();
    }, RENDER_TIMEOUT_MS);
    this.worker.postMessage({ id: job.id, props: job.props });
  }

  /** Ends the worker after a while without work. */
  rest(onEnd: () => void): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      onEnd();
      void this.worker.terminate();
    }, IDLE_MS);
    this.idle.unref();
  }

  private finish(): void {
    clearTimeout(this.timer);
    this.job = null;
    this.worker.unref();
  }
}

export interface PdfPoolStats {
  rendered: number;
  workersStarted: number;
}

/** Worker threads rendering PDFs, a bounded queue in front of them. */
export class PdfPool {
  private readonly free: PdfWorker[] = [];
  private readonly busy = new Set<PdfWorker>();
  private readonly queue: Job[] = [];
  private nextId = 1;
  readonly stats: PdfPoolStats = { rendered: 0, workersStarted: 0 };

  constructor(
    private readonly size = PDF_WORKERS,
    private readonly location: () => RendererLocation = rendererLocation,
  ) {}

  /** Renders waiting or running. */
  get pending(): number {
    return this.queue.length + this.busy.size;
  }

  render(props: ReportPdfProps): Promise<Buffer> {
    if (this.queue.length >= QUEUE_MAX)
      return Promise.reject(new PdfBusyError("Too many PDFs are being made; try again shortly."));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, props, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.free.pop();
      if (!worker && this.busy.size < this.size) {
        worker = new PdfWorker(this.location(), (w, failed) => this.done(w, failed));
        this.stats.workersStarted++;
      }
      if (!worker) return;
      const job = this.queue.shift() as Job;
      this.busy.add(worker);
      worker.run(job);
    }
  }

  private done(worker: PdfWorker, failed: boolean): void {
    if (!this.busy.delete(worker) && !failed) return;
    if (failed) {
      const index = this.free.indexOf(worker);
      if (index >= 0) this.free.splice(index, 1);
    } else {
      this.stats.rendered++;
      this.free.push(worker);
      worker.rest(() => {
        const index = this.free.indexOf(worker);
        if (index >= 0) this.free.splice(index, 1);
      });
    }
    this.pump();
  }
}

interface CacheEntry {
  shop: string;
  bytes: Buffer;
  expires: number;
}

/** Issued PDFs by key, least recently used first out, bounded in bytes and age. */
export class PdfCache {
  private readonly entries = new Map<string, CacheEntry>();
  private readonly pending = new Map<string, { shop: string; promise: Promise<Buffer> }>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = CACHE_MAX_BYTES,
    private readonly ttlMs = CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached PDF, or the one being rendered for the key, or a new render. */
  async get(shop: string, key: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.bytes;
    }
    if (hit) this.remove(key);
    const inFlight = this.pending.get(key);
    if (inFlight) return inFlight.promise;
    const promise = render().finally(() => this.pending.delete(key));
    this.pending.set(key, { shop, promise });
    const bytes = await promise;
    if (bytes.length <= this.maxBytes / 4) {
      this.entries.set(key, { shop, bytes, expires: this.now() + this.ttlMs });
      this.bytes += bytes.length;
      for (const [oldest] of this.entries) {
        if (this.bytes <= this.maxBytes) break;
        this.remove(oldest);
      }
    }
    return bytes;
  }

  forgetShop(shop: string): void {
    for (const [key, entry] of this.entries) if (entry.shop === shop) this.remove(key);
    for (const [key, entry] of this.pending) if (entry.shop === shop) this.pending.delete(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.bytes -= entry.bytes.length;
    this.entries.delete(key);
  }
}

let pool: PdfPool | undefined;
export const pdfCache = new PdfCache();

registerShopMemory({
  name: "issued report PDFs (1 h)",
  forget: (shop) => pdfCache.forgetShop(shop),
});

export function pdfPool(): PdfPool {
  pool ??= new PdfPool();
  return pool;
}

/** A PDF rendered off the event loop; issued reports come from the cache when rendered before. */
export function renderPdf(
  shop: string,
  props: ReportPdfProps,
  cacheAs: { reportId: string } | null,
): Promise<Buffer> {
  if (cacheAs === null || props.status !== "issued") return pdfPool().render(props);
  const key = [
    cacheAs.reportId,
    props.version,
    props.language,
    createHash("sha256")
      .update(JSON.stringify(props.branding ?? null))
      .digest("base64url"),
  ].join(":");
  return pdfCache.get(shop, key, () => pdfPool().render(props));
}
