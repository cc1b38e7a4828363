import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError } from "~/snapshot/domain/csv/csv-error";
import { type CsvRecord, CsvTokenizer, tokenizeCsv } from "~/snapshot/domain/csv/tokenizer";
import { csvCell } from "./support/product-csv-writer";

function fields(records: CsvRecord[]): string[][] {
  return records.map((r) => r.fields);
}

/** Tokenizes `text` delivered in the given chunks. */
function tokenizeChunks(chunks: string[]): CsvRecord[] {
  const t = new CsvTokenizer();
  return [...chunks.flatMap((c) => t.push(c)), ...t.end()];
}

function errorOf(run: () => unknown): CsvError {
  try {
    run();
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error("expected a CsvError");
}

describe("CSV tokenizer", () => {
  it("splits fields and records, with or without a final line break", () => {
    expect(fields(tokenizeCsv("a,b,c\n1,2,3\n"))).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(fields(tokenizeCsv("a,b,c\n1,2,3"))).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
  });

  it("keeps empty fields, including a trailing one", () => {
    expect(fields(tokenizeCsv("a,b,c\n,,\n1,,"))).toEqual([
      ["a", "b", "c"],
      ["", "", ""],
      ["1", "", ""],
    ]);
  });

  it('unescapes "" and keeps commas and line breaks inside quotes', () => {
    const records = tokenizeCsv('name,body\n"Say ""hi""","x, y\r\nz"\n');
    expect(fields(records)).toEqual([
      ["name", "body"],
      ['Say "hi"', "x, y\r\nz"],
    ]);
  });

  it("accepts CRLF, LF and lone CR line breaks", () => {
    expect(fields(tokenizeCsv("a,b\r\n1,2\n3,4\r5,6"))).toEqual([
      ["a", "b"],
      ["1", "2"],
      ["3", "4"],
      ["5", "6"],
    ]);
  });

  it("drops a UTF-8 byte order mark at the start only", () => {
    expect(fields(tokenizeCsv("\uFEFFHandle,Title\nx,\uFEFFy"))).toEqual([
      ["Handle", "Title"],
      ["x", "\uFEFFy"],
    ]);
  });

  it("skips physically empty lines but not a quoted empty field", () => {
    expect(fields(tokenizeCsv("a,b\n\n1,2\r\n\r\n"))).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(errorOf(() => tokenizeCsv('a,b\n""\n')).code).toBe("column-count");
  });

  it("reports the physical line each record starts and ends on", () => {
    const records = tokenizeCsv('h1,h2\nx,"multi\nline\r\nbody"\ny,z\r\n"a\rb",c');
    expect(records.map((r) => [r.line, r.endLine])).toEqual([
      [1, 1],
      [2, 4],
      [5, 5],
      [6, 7],
    ]);
  });

  it("handles a quote pair, a CRLF and a BOM split across chunks", () => {
    const chunks = ["\uFEFF", "h1,h2\r", "\n", 'x,"a"', '"b"\r', "\ny,", "z"];
    const records = tokenizeChunks(chunks);
    expect(fields(records)).toEqual([
      ["h1", "h2"],
      ["x", 'a"b'],
      ["y", "z"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
  });

  it("returns records as soon as they are complete", () => {
    const t = new CsvTokenizer();
    expect(t.push("a,b\n1,")).toHaveLength(1);
    expect(t.push("2\n3,4")).toHaveLength(1);
    expect(t.end()).toHaveLength(1);
  });

  describe("malformed input", () => {
    it("names the line where an unterminated quoted field opened", () => {
      const e = errorOf(() => tokenizeCsv('a,b\n1,2\n3,"never\nclosed\n'));
      expect(e.code).toBe("unterminated-quote");
      expect(e.line).toBe(3);
      expect(e.message).toMatch(/^line 3: /);
    });

    it("rejects a quote inside an unquoted field", () => {
      const e = errorOf(() => tokenizeCsv('a,b\n1,2\n3,4 "inch"\n'));
      expect([e.code, e.line]).toEqual(["stray-quote", 3]);
    });

    it("rejects text after a closing quote", () => {
      const e = errorOf(() => tokenizeCsv('a,b\n"x"y,2\n'));
      expect([e.code, e.line]).toEqual(["stray-quote", 2]);
    });

    it("rejects a record with a different number of fields than the header", () => {
      const e = errorOf(() => tokenizeCsv('a,b,c\n1,2,3\n"multi\nline",5\n'));
      expect(e.code).toBe("column-count");
      expect(e.line).toBe(3);
      expect(e.message).toBe("line 3: expected 3 fields like the header, found 2");
    });
  });

  describe("properties", () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('"', ",", "\r\n", "\n", "\r", '""', " "),
    );
    const table = fc.integer({ min: 2, max: 5 }).chain((width) =>
      fc.array(fc.array(cell, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 8,
      }),
    );

    it("round-trips any table written as RFC 4180, however it is chunked", () => {
      fc.assert(
        fc.property(
          table,
          fc.constantFrom("\r\n", "\n"),
          fc.array(fc.nat(), { maxLength: 6 }),
          (rows, eol, cuts) => {
            const text = rows.map((r) => r.map(csvCell).join(",")).join(eol) + eol;
            const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort(
              (a, b) => a - b,
            );
            const chunks = [0, ...points].map((start, i) =>
              text.slice(start, [...points, text.length][i]),
            );
            expect(fields(tokenizeChunks(chunks))).toEqual(rows);
          },
        ),
      );
    });

    it("only ever fails with a CsvError that names an existing line", () => {
      fc.assert(
        fc.property(
          fc.string({ unit: fc.constantFrom("a", ",", '"', "\n", "\r", " "), maxLength: 40 }),
          (text) => {
            try {
              tokenizeCsv(text);
            } catch (e) {
              expect(e).toBeInstanceOf(CsvError);
              const lines = text.split(/\r\n|\r|\n/).length;
              expect((e as CsvError).line).toBeGreaterThanOrEqual(1);
              expect((e as CsvError).line).toBeLessThanOrEqual(lines);
            }
          },
        ),
      );
    });
  });
});
