import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError } from "~/snapshot/domain/csv/csv-error";
import { parseProductCsv, ProductCsvReader } from "~/snapshot/domain/csv/product-csv";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";
import { productSet, withoutLines } from "./support/arbitraries";
import { type HeaderStyle, writeProductCsv } from "./support/product-csv-writer";

const STYLES: HeaderStyle[] = ["legacy", "current", "template2025"];

function readInChunks(text: string, cuts: number[]): CsvProduct[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const reader = new ProductCsvReader();
  const out: CsvProduct[] = [];
  const emit = (p: CsvProduct) => void out.push(p);
  let start = 0;
  for (const p of points) {
    reader.push(text.slice(start, p), emit);
    start = p;
  }
  reader.push(text.slice(start), emit);
  reader.end(emit);
  return out;
}

/** What any successful read must satisfy, whatever the input. */
function assertWellFormed(products: CsvProduct[]): void {
  const handles = new Set<string>();
  let previousLast = 1;
  for (const p of products) {
    expect(p.handle.trim()).not.toBe("");
    expect(handles.has(p.handle)).toBe(false);
    handles.add(p.handle);
    expect(p.title.trim()).not.toBe("");
    expect(p.firstLine).toBeGreaterThan(previousLast);
    expect(p.lastLine).toBeGreaterThanOrEqual(p.firstLine);
    previousLast = p.lastLine;
    const combos = new Set<string>();
    for (const v of p.variants) {
      expect(v.optionValues).toHaveLength(p.options.length);
      combos.add(v.optionValues.join("\u0000"));
      expect(v.line).toBeGreaterThanOrEqual(p.firstLine);
      expect(v.line).toBeLessThanOrEqual(p.lastLine);
      if (v.price !== null) expect(v.price).toMatch(/^\d+(\.\d+)?$/);
    }
    expect(combos.size).toBe(p.variants.length);
    p.options.forEach((o, i) =>
      expect(o.values).toEqual([...new Set(p.variants.map((v) => v.optionValues[i]))]),
    );
  }
}

/** Either a well-formed result or a CsvError naming a line of the input; nothing else. */
function assertParsesOrFailsCleanly(text: string): void {
  let products: CsvProduct[];
  try {
    products = parseProductCsv(text).products;
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    const error = e as CsvError;
    const lines = text.split(/\r\n|\r|\n/).length;
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines);
    expect(error.message.startsWith(`line ${error.line}: `)).toBe(true);
    expect(error.message).not.toContain("\n");
    return;
  }
  assertWellFormed(products);
}

describe.each(STYLES)("product CSV properties (%s headers)", (style) => {
  it("round-trips any valid product set exactly, including hostile text", () => {
    fc.assert(
      fc.property(productSet(style), fc.constantFrom("\n", "\r\n"), (products, eol) => {
        const { products: read } = parseProductCsv(writeProductCsv(products, style, eol));
        expect(withoutLines(read)).toEqual(products);
        assertWellFormed(read);
      }),
      { numRuns: 150 },
    );
  });

  it("gives the same products however the file is cut into chunks", () => {
    fc.assert(
      fc.property(productSet(style), fc.array(fc.nat(), { maxLength: 8 }), (products, cuts) => {
        const text = `\uFEFF${writeProductCsv(products, style, "\r\n")}`;
        expect(readInChunks(text, cuts)).toEqual(parseProductCsv(text).products);
      }),
      { numRuns: 100 },
    );
  });
});

describe("damaged product CSVs", () => {
  const valid = productSet("current")
    .filter((ps) => ps.length > 0)
    .map((ps) => writeProductCsv(ps, "current"));

  it("truncated anywhere: parses or fails with a CsvError naming a line", () => {
    fc.assert(
      fc.property(valid, fc.nat(), (text, cut) =>
        assertParsesOrFailsCleanly(text.slice(0, cut % (text.length + 1))),
      ),
      { numRuns: 200 },
    );
  });

  it("rows reordered: parses or fails with a CsvError naming a line", () => {
    fc.assert(
      fc.property(valid, fc.integer(), (text, seed) => {
        const [header = "", ...rows] = text.split("\n");
        const shuffled = rows
          .map((row, i) => ({ row, key: Math.sin(seed + i) }))
          .sort((a, b) => a.key - b.key)
          .map((r) => r.row);
        assertParsesOrFailsCleanly([header, ...shuffled].join("\n"));
      }),
      { numRuns: 200 },
    );
  });

  it("characters inserted, deleted or replaced: parses or fails with a CsvError naming a line", () => {
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 6 }),
      insert: fc.string({
        unit: fc.constantFrom('"', ",", "\n", "\r", "'", "x", "-", "1", " "),
        maxLength: 4,
      }),
    });
    fc.assert(
      fc.property(valid, fc.array(edit, { minLength: 1, maxLength: 4 }), (text, edits) => {
        let mutated = text;
        for (const { at, remove, insert } of edits) {
          const i = at % (mutated.length + 1);
          mutated = mutated.slice(0, i) + insert + mutated.slice(i + remove);
        }
        assertParsesOrFailsCleanly(mutated);
      }),
      { numRuns: 300 },
    );
  });
});
