/**
 * Input that is not a product CSV, or not all of one: binary data, a file without line breaks,
 * a header cut off mid-name. Each fails with one CsvError naming a line, as soon as the problem
 * is seen, and reading a file without line breaks stops at the stated limit instead of
 * holding the whole file (CSV_LIMITS, docs/rules.md "Product CSV exports").
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError } from "~/snapshot/domain/csv/csv-error";
import { parseProductCsv, readProductCsv } from "~/snapshot/domain/csv/product-csv";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";
import { CSV_LIMITS, tokenizeCsv } from "~/snapshot/domain/csv/tokenizer";

function csvError(run: () => unknown): CsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof CsvError) return error;
    throw error;
  }
  throw new Error("expected a CsvError");
}

async function readAll(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
): Promise<CsvProduct[]> {
  const products: CsvProduct[] = [];
  for await (const p of readProductCsv(chunks)) products.push(p);
  return products;
}

async function asyncCsvError(promise: Promise<unknown>): Promise<CsvError> {
  const error = await promise.then(
    () => new Error("expected a CsvError"),
    (e: unknown) => e,
  );
  if (!(error instanceof CsvError)) throw error;
  return error;
}

/** An endless stream of `chunk`, counting how much of it the reader pulled. */
function endless(chunk: string): { chunks: Iterable<string>; pulled: () => number } {
  let count = 0;
  return {
    chunks: {
      *[Symbol.iterator]() {
        for (;;) {
          count++;
          yield chunk;
        }
      },
    },
    pulled: () => count * chunk.length,
  };
}

const MiB = 1024 * 1024;

describe("the stated limits", () => {
  it("are 8 MiB a field, 16 MiB a row and 10,000 fields a row", () => {
    expect(CSV_LIMITS).toEqual({
      maxFieldChars: 8 * MiB,
      maxRecordChars: 16 * MiB,
      maxFields: 10_000,
    });
  });

  it("stop a file without line breaks after the first 8 MiB, not at its end", async () => {
    const stream = endless("a".repeat(MiB));
    const error = await asyncCsvError(readAll(stream.chunks));
    expect(error).toMatchObject({ line: 1, code: "too-long" });
    expect(error.message).toBe(
      "line 1: field 1 is longer than 8 MiB (8,388,608 characters); a product CSV has no such field (is this a CSV file?)",
    );
    expect(stream.pulled()).toBeLessThanOrEqual(9 * MiB);
  });

  it("stop a row at 16 MiB, a row of short fields at 10,000 fields, and a data row's field at 8 MiB", async () => {
    const wide = endless(`${"w".repeat(6 * MiB)},`);
    const row = await asyncCsvError(readAll(wide.chunks));
    expect(row.message).toBe(
      "line 1: the row is longer than 16 MiB (16,777,216 characters); a product CSV has no such row (is this a CSV file?)",
    );
    expect(wide.pulled()).toBeLessThanOrEqual(18 * MiB + 3);
    const fields = endless(`${"b".repeat(99)},`.repeat(1024));
    const many = await asyncCsvError(readAll(fields.chunks));
    expect(many.message).toBe(
      "line 1: more than 10,000 fields in one row; a product CSV has far fewer columns (is this a CSV file?)",
    );
    const data = endless("x".repeat(4 * MiB));
    const longField = await asyncCsvError(
      readAll(
        (function* () {
          yield "Handle,Title\n";
          yield* data.chunks;
        })(),
      ),
    );
    expect(longField).toMatchObject({ line: 2, code: "too-long" });
    expect(data.pulled()).toBeLessThanOrEqual(12 * MiB);
  });

  it("name the line a never-closed quote opened on", () => {
    const error = csvError(() =>
      tokenizeCsv('a,b\n1,"open\n'.padEnd(200, "x"), { maxFieldChars: 100 }),
    );
    expect(error).toMatchObject({ line: 2, code: "too-long" });
    expect(error.detail).toBe(
      "the quoted field 2 is longer than 100 characters: is its closing quote missing?",
    );
  });

  it("reject a row with more fields than the header as soon as it has one more", () => {
    const error = csvError(() => tokenizeCsv(`a,b\n${",".repeat(50)}`, { maxFields: 10 }));
    expect(error).toMatchObject({ line: 2, code: "column-count" });
    expect(error.detail).toBe("expected 2 fields like the header, found more");
  });

  it("hold for any input: short enough records parse, longer ones fail with a CsvError at the limit", () => {
    const limits = { maxFieldChars: 40, maxRecordChars: 100, maxFields: 12 };
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", "é"), maxLength: 300 }),
        ),
        (parts) => {
          const text = parts.join("");
          try {
            const records = tokenizeCsv(text, limits);
            for (const r of records) {
              expect(r.fields.length).toBeLessThanOrEqual(limits.maxFields);
              for (const f of r.fields) expect(f.length).toBeLessThanOrEqual(limits.maxFieldChars);
              expect(r.fields.join("").length).toBeLessThanOrEqual(limits.maxRecordChars);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(CsvError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("binary data", () => {
  it("/dev/zero (NUL without end) fails on line 1 at once", async () => {
    const zeros = endless("\u0000".repeat(64 * 1024));
    const error = await asyncCsvError(readAll(zeros.chunks));
    expect(error).toMatchObject({ line: 1, code: "binary" });
    expect(zeros.pulled()).toBe(64 * 1024);
  });

  it("UTF-16 text (a NUL after every ASCII character) is named as such", () => {
    const utf16 = Buffer.from("\uFEFFHandle,Title\nbike,Bike\n", "utf16le").toString("latin1");
    expect(csvError(() => parseProductCsv(utf16)).detail).toBe(
      "the file holds a NUL character: it is binary data or UTF-16 text, not a CSV export (Shopify writes UTF-8 text)",
    );
  });

  it("any bytes: products, or one CsvError naming a line; never another error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          // Junk after a real header: the rows are judged like any other.
          fc
            .uint8Array({ maxLength: 2000 })
            .map((bytes) => Buffer.concat([Buffer.from("Handle,Title,Variant Price\n"), bytes])),
        ),
        fc.integer({ min: 1, max: 512 }),
        async (bytes, size) => {
          const chunks: Uint8Array[] = [];
          for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
          try {
            await readAll(chunks);
          } catch (error) {
            expect(error).toBeInstanceOf(CsvError);
            expect((error as CsvError).message).toMatch(/^line \d+: [^\n]+$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a NUL in a row after a real header is text, kept as the file has it", () => {
    const [product] = parseProductCsv("Handle,Title\nbike,Bi\u0000ke\n").products;
    expect(product?.title).toBe("Bi\u0000ke");
  });
});

describe("a header cut off", () => {
  it("mid-name fails naming the column it was cut in, instead of reading 0 products", () => {
    const error = csvError(() => parseProductCsv("Handle,Title,Body (HT"));
    expect(error).toMatchObject({ line: 1, code: "truncated-header" });
    expect(error.message).toBe(
      'line 1: the file ends inside the header row, after "Body (HT" (the start of "Body (HTML)"?), without a product row: it was cut off (a Shopify export ends every row with a line break)',
    );
  });

  it("anywhere in any generation's header fails, however the file is chunked", async () => {
    const FIXTURES = new URL("../../fixtures/product-csv/", import.meta.url);
    const headers = [
      "2020-export.csv",
      "2021-export.csv",
      "2022-standardized-type.csv",
      "2023-export.csv",
      "2024-template.csv",
    ].map((name) => readFileSync(new URL(name, FIXTURES), "utf8").split("\n")[0] ?? "");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...headers),
        fc.nat(),
        fc.integer({ min: 1, max: 64 }),
        async (header, at, size) => {
          const cut = header.slice(0, 1 + (at % header.length));
          const chunks: string[] = [];
          for (let i = 0; i < cut.length; i += size) chunks.push(cut.slice(i, i + size));
          const error = await asyncCsvError(readAll(chunks));
          expect(error.line).toBe(1);
          expect(["truncated-header", "missing-column"]).toContain(error.code);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("a complete header-only export still reads as no products", () => {
    expect(parseProductCsv("Handle,Title,Status\n").products).toEqual([]);
  });
});
