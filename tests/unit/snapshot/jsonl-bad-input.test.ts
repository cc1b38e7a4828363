/**
 * Bulk JSONL that is not Shopify's: a line without end, binary data, two variants that share
 * one inventory item. Each fails with one JsonlError naming a line, as soon as it is seen; a
 * line is never read past JSONL_MAX_LINE_CHARS, whether from a file or a download.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  JSONL_MAX_LINE_CHARS,
  JsonlError,
  snapshotFromJsonl,
  splitJsonlLines,
} from "~/snapshot/domain/jsonl";
import type { SnapshotSource } from "~/snapshot/domain/types";
import { readLines } from "~/shopify/read-lines.server";
import { bulkProductLines } from "../../../bench/bulk-jsonl";

const SOURCE: SnapshotSource = {
  kind: "jsonl",
  name: "bulk.jsonl",
  collectedAt: "2026-03-01T00:00:00Z",
  strategy: "bulk",
};
const MiB = 1024 * 1024;

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

async function jsonlError(promise: Promise<unknown>): Promise<JsonlError> {
  const error = await promise.then(
    () => new Error("expected a JsonlError"),
    (e: unknown) => e,
  );
  if (!(error instanceof JsonlError)) throw error;
  return error;
}

/** What a line reader gives: the text split at line breaks; an empty end is no line. */
function linesOf(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** The text in chunks of `size` characters, or of `size` bytes of its UTF-8 (as a file is read). */
async function* chunked(
  text: string,
  size: number,
  bytes = false,
): AsyncGenerator<string | Uint8Array> {
  if (!bytes) {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
    return;
  }
  const utf8 = Buffer.from(text, "utf8");
  for (let i = 0; i < utf8.length; i += size) yield utf8.subarray(i, i + size);
}

/** An endless stream of `chunk`, counting how much of it was pulled. */
function endless(chunk: string) {
  let count = 0;
  return {
    chunks: (async function* () {
      for (;;) {
        count++;
        yield chunk;
      }
    })(),
    pulled: () => count * chunk.length,
  };
}

describe("splitJsonlLines", () => {
  it("gives the lines of LF or CRLF text however it is chunked, as text or bytes, like a line reader", async () => {
    const line = fc.string({
      unit: fc.constantFrom("a", "{", '"', "é", "🚲", "\r", " "),
      maxLength: 30,
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          line.filter((l) => !l.endsWith("\r")),
          { maxLength: 20 },
        ),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        fc.integer({ min: 1, max: 17 }),
        fc.boolean(),
        async (lines, eol, finalBreak, size, bytes) => {
          const text = lines.join(eol) + (finalBreak && lines.length > 0 ? eol : "");
          expect(await collect(splitJsonlLines(chunked(text, size, bytes)))).toEqual(linesOf(text));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("stops a line without end at 16 MiB, on its line, having read no more than that", async () => {
    expect(JSONL_MAX_LINE_CHARS).toBe(16 * MiB);
    const stream = endless("x".repeat(MiB));
    const lines = (async function* () {
      yield '{"id":"gid://shopify/Product/1"}\n';
      yield* stream.chunks;
    })();
    const error = await jsonlError(collect(splitJsonlLines(lines)));
    expect(error).toMatchObject({ line: 2, kind: "too-long" });
    expect(error.message).toBe(
      "line 2: the line is longer than 16,777,216 characters; a bulk-operation line is one object and far shorter (is this a JSONL file?)",
    );
    expect(stream.pulled()).toBeLessThanOrEqual(17 * MiB);
  });

  it("any line over the limit fails on its own line number; shorter ones pass", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat({ max: 40 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (lengths, size, bytes) => {
          const text = lengths.map((n) => "y".repeat(n)).join("\n");
          const tooLong = lengths.findIndex((n) => n > 20);
          const read = collect(splitJsonlLines(chunked(text, size, bytes), 20));
          if (tooLong === -1) expect(await read).toEqual(linesOf(text));
          else
            expect(await jsonlError(read)).toMatchObject({ line: tooLong + 1, kind: "too-long" });
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects /dev/zero and binary data at the line of the first NUL", async () => {
    const zeros = endless("\u0000".repeat(64 * 1024));
    expect(await jsonlError(collect(splitJsonlLines(zeros.chunks)))).toMatchObject({
      line: 1,
      kind: "binary",
    });
    expect(zeros.pulled()).toBe(64 * 1024);
    const junk = '{"a":1}\n{"b":2}\n\u0089PNG\r\n\u001a\n\u0000\u0000';
    const error = await jsonlError(collect(splitJsonlLines(chunked(junk, 3))));
    expect(error).toMatchObject({ line: 5, kind: "binary" });
    const fromBytes = await jsonlError(collect(splitJsonlLines(chunked(junk, 3, true))));
    expect(fromBytes).toMatchObject({ line: 5, kind: "binary" });
    expect(error.message).toBe(
      "line 5: the file holds a NUL character: it is binary data, not JSONL text",
    );
  });
});

describe("snapshotFromJsonl on bad input", () => {
  it("two variants that share one inventory item: one error naming both variants and their lines", async () => {
    const lines = [...bulkProductLines(2)];
    const variantLines = lines
      .map((line, i) => ({ line, number: i + 1 }))
      .filter(({ line }) => line.includes('"gid://shopify/ProductVariant/'));
    const first = variantLines[1];
    const second = variantLines[6];
    if (first === undefined || second === undefined) throw new Error("fixture changed");
    const item = (JSON.parse(first.line) as { inventoryItem: { id: string } }).inventoryItem.id;
    const changed = JSON.parse(second.line) as { id: string; inventoryItem: { id: string } };
    changed.inventoryItem.id = item;
    lines[second.number - 1] = JSON.stringify(changed);
    const firstId = (JSON.parse(first.line) as { id: string }).id;
    async function* source() {
      yield* lines;
    }
    const error = await jsonlError(snapshotFromJsonl(source(), SOURCE));
    expect(error).toMatchObject({ line: second.number, kind: "malformed" });
    expect(error.message).toBe(
      `line ${second.number}: variants ${firstId} (line ${first.number}) and ${changed.id} (line ${second.number}) share inventory item ${item}; every Shopify variant has its own, so the file is corrupt`,
    );
  });

  it("any bytes: a snapshot, or one JsonlError naming a line; never another error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const text = Buffer.from(bytes).toString("utf8");
        try {
          await snapshotFromJsonl(splitJsonlLines(chunked(text, 97)), SOURCE);
        } catch (error) {
          expect(error).toBeInstanceOf(JsonlError);
          expect((error as JsonlError).message).toMatch(/^line \d+: [^\n]+$/);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("readLines (a bulk result download)", () => {
  it("stops a line without end at the limit and cancels the download", async () => {
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += MiB;
        controller.enqueue(new Uint8Array(MiB).fill(0x7b));
      },
      cancel() {
        cancelled = true;
      },
    });
    const fetchImpl = (async () => new Response(body, { status: 200 })) as typeof fetch;
    const error = await jsonlError(
      collect(readLines(fetchImpl, "https://storage.googleapis.com/bulk/result.jsonl?sig=x")),
    );
    expect(error).toMatchObject({ line: 1, kind: "too-long" });
    expect(cancelled).toBe(true);
    expect(pulled).toBeLessThanOrEqual(20 * MiB);
  });
});
