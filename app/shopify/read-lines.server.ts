/**
 * Streams a text file over HTTP as lines, holding one network chunk and one partial line at a
 * time (bulk-operation results reach hundreds of megabytes). Lines are split by the JSONL
 * reader's `splitJsonlLines`, so a line over its limit or binary data fails with a JsonlError
 * before the rest is downloaded.
 *
 * Failures are DOWNLOAD errors: an HTTP error status (Google Cloud Storage answers an expired
 * signed URL with `400 ExpiredToken`), a network error, or no bytes for `idleTimeoutMs`
 * (real time: a stalled socket does not advance any virtual clock).
 */
import { splitJsonlLines } from "~/snapshot/domain/jsonl";
import { ShopifyApiError } from "./errors";

export interface ReadLinesOptions {
  /** Give up when no bytes arrive for this long. Default 60 s. */
  idleTimeoutMs?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

function downloadError(
  url: string,
  message: string,
  details: { status?: number; cause?: unknown },
) {
  // The signed query string is a credential of sorts: keep it out of messages and logs.
  const where = new URL(url);
  return new ShopifyApiError(
    `Download of ${where.origin}${where.pathname} failed: ${message}`,
    "DOWNLOAD",
    details,
  );
}

/** Settles like `promise`, or rejects when it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(new Error(`no data for ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function* readLines(
  fetchImpl: typeof fetch,
  url: string,
  options: ReadLinesOptions = {},
): AsyncGenerator<string> {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const abort = new AbortController();
  const stop = () => abort.abort();
  let response: Response;
  try {
    response = await within(fetchImpl(url, { signal: abort.signal }), idleTimeoutMs, stop);
  } catch (error) {
    throw downloadError(url, (error as Error).message, { cause: error });
  }
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    throw downloadError(url, `HTTP ${response.status}${code ? ` ${code}` : ""}`, {
      status: response.status,
    });
  }
  const reader = response.body.getReader();
  // Bytes, split into lines before decoding (splitJsonlLines): no decoded copy of each chunk.
  async function* bytes(): AsyncGenerator<Uint8Array> {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await within(reader.read(), idleTimeoutMs, stop);
      } catch (error) {
        throw downloadError(url, (error as Error).message, { cause: error });
      }
      if (chunk.done) return;
      yield chunk.value;
    }
  }
  try {
    yield* splitJsonlLines(bytes());
  } finally {
    // A stalled or abandoned download (the consumer stopped early, a line over the limit) must
    // not keep its socket.
    stop();
    await reader.cancel().catch(() => undefined);
  }
}
