/**
 * Shopify product CSV reader: tokenizer records → `CsvProduct`s.
 *
 * Shopify's rules: rows with the same Handle form one product and must be adjacent; the first
 * row carries the product fields (later rows' product fields are ignored, as Shopify does); a
 * row with Option1 Value, Variant SKU or Variant Price is a variant row; a row with Image Src is
 * (also) an image row. Products stream out as soon as the next handle starts, so a file of any
 * size is read with one product in memory (plus the set of handles already seen, to reject a
 * product whose rows are split).
 */
import { CsvError } from "./csv-error";
import { type ColumnKey, type ColumnMap, mapColumns } from "./product-csv-columns";
import type {
  CsvImage,
  CsvInventoryPolicy,
  CsvMarketPrice,
  CsvProduct,
  CsvProductStatus,
  CsvVariant,
  CsvWeightUnit,
  ProductCsvFormat,
} from "./product-csv-types";
import { type CsvLimits, type CsvRecord, CsvTokenizer } from "./tokenizer";

const OPTION_KEYS = [
  { name: "option1Name", value: "option1Value" },
  { name: "option2Name", value: "option2Value" },
  { name: "option3Name", value: "option3Value" },
] as const satisfies readonly { name: ColumnKey; value: ColumnKey }[];

/** Cells that only make sense on a variant row: a value here on another row would be lost. */
const VARIANT_ONLY: readonly ColumnKey[] = [
  "option2Value",
  "option3Value",
  "compareAtPrice",
  "barcode",
  "inventoryQty",
  "costPerItem",
  "variantImage",
];

const DECIMAL = /^-?\d+(?:\.\d+)?$/;
const INTEGER = /^[-+]?\d+$/;
const STATUSES: readonly CsvProductStatus[] = ["active", "draft", "archived", "unlisted"];
const WEIGHT_UNITS: readonly CsvWeightUnit[] = ["g", "kg", "lb", "oz"];

/** Quotes a cell for a message: one line, at most 40 characters. */
function show(value: string): string {
  const flat = value.replace(/\s+/g, " ");
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
}

/** Shopify and Excel prefix number-like text with an apostrophe so it is not turned into a number. */
function unguard(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

class Row {
  constructor(
    private readonly record: CsvRecord,
    private readonly columns: ColumnMap,
  ) {}

  get line(): number {
    return this.record.line;
  }

  get endLine(): number {
    return this.record.endLine;
  }

  /** The cell exactly as written ("" when the column is absent). */
  raw(key: ColumnKey): string {
    const index = this.columns.index(key);
    return index === undefined ? "" : (this.record.fields[index] ?? "");
  }

  /** The first of `keys` whose cell is not empty, trimmed; null when all are empty or absent. */
  firstText(...keys: ColumnKey[]): string | null {
    for (const key of keys) {
      const value = this.text(key);
      if (value !== null) return value;
    }
    return null;
  }

  /** A money cell of a column found by position (market columns have no key). */
  decimalAt(index: number | undefined, header: () => string): string | null {
    if (index === undefined) return null;
    const value = (this.record.fields[index] ?? "").trim();
    if (value === "") return null;
    if (!DECIMAL.test(value) || value.startsWith("-"))
      throw new CsvError(
        this.line,
        "invalid-value",
        `${header()} ${show(value)} is not a price (a number, not negative)`,
      );
    return value;
  }

  /** Trimmed cell, or null when empty. */
  text(key: ColumnKey): string | null {
    const value = this.raw(key).trim();
    return value === "" ? null : value;
  }

  /** Free text kept verbatim; an empty cell is null. */
  verbatim(key: ColumnKey): string | null {
    const value = this.raw(key);
    return value === "" ? null : value;
  }

  fail(
    key: ColumnKey,
    problem: string,
    code: "invalid-value" | "missing-value" = "invalid-value",
  ): never {
    throw new CsvError(this.line, code, `${this.columns.header(key)} ${problem}`);
  }

  decimal(key: ColumnKey): string | null {
    const value = this.text(key);
    if (value === null) return null;
    if (!DECIMAL.test(value)) this.fail(key, `${show(value)} is not a number`);
    if (value.startsWith("-")) this.fail(key, `${show(value)} must not be negative`);
    return value;
  }

  grams(key: ColumnKey): number | null {
    const value = this.decimal(key);
    return value === null ? null : Number(value);
  }

  integer(key: ColumnKey): number | null {
    const value = this.text(key);
    if (value === null) return null;
    if (!INTEGER.test(value)) this.fail(key, `${show(value)} is not a whole number`);
    return Number(value);
  }

  boolean(key: ColumnKey): boolean | null {
    const value = this.text(key)?.toLowerCase() ?? null;
    if (value === null) return null;
    if (value === "true") return true;
    if (value === "false") return false;
    return this.fail(key, `${show(this.raw(key))} must be TRUE or FALSE`);
  }

  oneOf<T extends string>(key: ColumnKey, allowed: readonly T[]): T | null {
    const value = this.text(key)?.toLowerCase() ?? null;
    if (value === null) return null;
    const match = allowed.find((a) => a === value);
    if (match === undefined)
      this.fail(key, `${show(this.raw(key))} must be one of ${allowed.join(", ")}`);
    return match;
  }

  guarded(key: ColumnKey): string | null {
    const value = this.text(key);
    if (value === null) return null;
    const unguarded = unguard(value).trim();
    return unguarded === "" ? null : unguarded;
  }
}

interface ProductDraft {
  product: CsvProduct;
  /** Option-value combination → line, to reject a repeated variant like Shopify's importer. */
  combinations: Map<string, number>;
}

function startProduct(row: Row, handle: string): ProductDraft {
  const title = row.raw("title");
  if (title.trim() === "")
    row.fail("title", "is empty; the first row of a product must carry its title", "missing-value");
  const names: string[] = [];
  OPTION_KEYS.forEach(({ name }, i) => {
    const value = row.text(name);
    if (value === null) return;
    if (names.length !== i)
      row.fail(name, `${show(value)} is set but an earlier option name is empty`);
    names.push(value);
  });
  const product: CsvProduct = {
    handle,
    title,
    bodyHtml: row.raw("bodyHtml"),
    vendor: row.raw("vendor"),
    // 2021–2022 exports split the type into Standardized and Custom Product Type; Shopify made
    // the custom type the product type and the standardized one the category (October 2022).
    productType: row.raw("productType") || row.raw("customType"),
    category: row.firstText("category", "standardizedType"),
    tags: row
      .raw("tags")
      .split(",")
      .map((t) => t.trim())
      .filter((t) => t !== ""),
    published: row.boolean("published"),
    status: row.oneOf("status", STATUSES),
    giftCard: row.boolean("giftCard") ?? false,
    seo: { title: row.verbatim("seoTitle"), description: row.verbatim("seoDescription") },
    collection: row.text("collection"),
    options: names.map((name) => ({ name, values: [] })),
    variants: [],
    images: [],
    firstLine: row.line,
    lastLine: row.endLine,
  };
  return { product, combinations: new Map() };
}

function isVariantRow(row: Row): boolean {
  return (
    row.text("option1Value") !== null || row.text("sku") !== null || row.text("price") !== null
  );
}

function inventoryPolicy(row: Row): CsvInventoryPolicy | null {
  const policy = row.oneOf("inventoryPolicy", ["deny", "continue"] as const);
  if (policy !== null) return policy;
  // The 2024+ template's "Continue selling when out of stock": TRUE/FALSE, or the policy
  // itself (DENY/CONTINUE) as Shopify's template examples write it.
  const value = row.text("continueSelling")?.toLowerCase() ?? null;
  if (value === "deny" || value === "continue") return value;
  const continueSelling = row.boolean("continueSelling");
  return continueSelling === null ? null : continueSelling ? "continue" : "deny";
}

function marketPrices(row: Row, columns: ColumnMap): CsvMarketPrice[] {
  const prices: CsvMarketPrice[] = [];
  for (const { market, price, compareAtPrice } of columns.markets) {
    const entry = {
      market,
      price: row.decimalAt(price, () => `Price / ${market}`),
      compareAtPrice: row.decimalAt(compareAtPrice, () => `Compare-at price / ${market}`),
    };
    if (entry.price !== null || entry.compareAtPrice !== null) prices.push(entry);
  }
  return prices;
}

function addVariant(draft: ProductDraft, row: Row, columns: ColumnMap): void {
  const { product } = draft;
  const optionValues: string[] = [];
  OPTION_KEYS.forEach(({ value: key }, i) => {
    const value = row.text(key);
    const option = product.options[i];
    if (option === undefined) {
      if (value !== null)
        row.fail(key, `${show(value)} has no option name on the product's first row`);
      return;
    }
    if (value === null)
      row.fail(key, `is empty but the product has an option "${option.name}"`, "missing-value");
    optionValues.push(value);
    if (!option.values.includes(value)) option.values.push(value);
  });
  const key = optionValues.join("\u0000");
  const firstLine = draft.combinations.get(key);
  if (firstLine !== undefined) {
    const label = optionValues.length > 0 ? optionValues.join(" / ") : "Default Title";
    throw new CsvError(
      row.line,
      "duplicate-variant",
      `variant "${label}" of "${product.handle}" repeats the variant on line ${firstLine}`,
    );
  }
  draft.combinations.set(key, row.line);
  const variant: CsvVariant = {
    line: row.line,
    optionValues,
    sku: row.guarded("sku"),
    barcode: row.guarded("barcode"),
    price: row.decimal("price"),
    compareAtPrice: row.decimal("compareAtPrice"),
    costPerItem: row.decimal("costPerItem"),
    grams: row.grams("grams"),
    weightUnit: row.oneOf("weightUnit", WEIGHT_UNITS),
    inventoryTracker: row.text("inventoryTracker"),
    inventoryQty: row.integer("inventoryQty"),
    inventoryPolicy: inventoryPolicy(row),
    fulfillmentService: row.text("fulfillmentService"),
    requiresShipping: row.boolean("requiresShipping"),
    taxable: row.boolean("taxable"),
    imageSrc: row.text("variantImage"),
    marketPrices: marketPrices(row, columns),
  };
  product.variants.push(variant);
}

function addImage(product: CsvProduct, row: Row, src: string): void {
  const position = row.integer("imagePosition");
  if (position !== null && position < 1)
    row.fail("imagePosition", `${show(row.raw("imagePosition"))} must be 1 or more`);
  const image: CsvImage = { line: row.line, src, position, alt: row.verbatim("imageAlt") };
  product.images.push(image);
}

/**
 * Push-style reader: feed chunks; each completed product is handed to `emit` as soon as the
 * next handle starts. Throws `CsvError` on the first problem, after emitting every product
 * completed before the bad row; the reader is unusable afterwards.
 */
export class ProductCsvReader {
  private readonly tokenizer: CsvTokenizer;
  private columnMap: ColumnMap | null = null;
  private current: ProductDraft | null = null;
  private readonly finished = new Map<string, number>();

  constructor(limits: Partial<CsvLimits> = {}) {
    // The header is judged as soon as it is complete: a file that is not a product CSV (or
    // binary junk) fails on its header, not on whatever its second line happens to be.
    this.tokenizer = new CsvTokenizer(limits, (header, endedByLineBreak) => {
      this.columnMap = mapColumns(header.fields, header.line, endedByLineBreak);
    });
  }

  /** Header format, known once the header row has been read. */
  get format(): ProductCsvFormat | null {
    return this.columnMap?.format ?? null;
  }

  /** The header's columns, known once the header row has been read. */
  get columns(): ColumnMap | null {
    return this.columnMap;
  }

  push(chunk: string, emit: (product: CsvProduct) => void): void {
    this.accept(this.tokenizer.push(chunk), emit);
  }

  end(emit: (product: CsvProduct) => void): void {
    this.accept(this.tokenizer.end(), emit);
    if (this.columnMap === null)
      throw new CsvError(
        1,
        "missing-header",
        "the file is empty; expected a header row starting with Handle",
      );
    if (this.current !== null) emit(this.current.product);
    this.current = null;
  }

  private accept(records: CsvRecord[], emit: (product: CsvProduct) => void): void {
    for (const record of records) {
      // The tokenizer hands the header to mapColumns before any row.
      if (this.columnMap === null) throw new Error("a row before the header");
      if (record.fields.every((f) => f.trim() === "")) continue; // a spreadsheet's blank row
      const row = new Row(record, this.columnMap);
      const completed = this.enter(row);
      if (completed !== null) emit(completed);
      this.add(row, this.columnMap);
    }
  }

  /** Ends the current product when the row starts another handle, and returns it. */
  private enter(row: Row): CsvProduct | null {
    const handle = row.text("handle");
    if (handle === null)
      row.fail("handle", "is empty; every row needs the handle of its product", "missing-value");
    if (this.current !== null && this.current.product.handle === handle) return null;
    const firstLine = this.finished.get(handle);
    if (firstLine !== undefined) {
      throw new CsvError(
        row.line,
        "handle-not-contiguous",
        `rows of "${handle}" must be adjacent, but its product already ended (it started on line ${firstLine})`,
      );
    }
    const completed = this.current?.product ?? null;
    if (completed !== null) this.finished.set(completed.handle, completed.firstLine);
    this.current = null;
    return completed;
  }

  /** Adds the row to the current product, starting it from this row if needed. */
  private add(row: Row, columns: ColumnMap): void {
    // enter() has checked the handle and ended the previous product.
    const draft = this.current ?? startProduct(row, row.text("handle") ?? "");
    this.current = draft;
    const variantRow = isVariantRow(row);
    if (variantRow) {
      addVariant(draft, row, columns);
    } else {
      const stray = VARIANT_ONLY.find((key) => row.text(key) !== null);
      if (stray !== undefined)
        row.fail(
          stray,
          "is set on a row without Option1 Value, Variant SKU or Variant Price, so it belongs to no variant",
        );
    }
    const src = row.text("imageSrc");
    if (src !== null) {
      addImage(draft.product, row, src);
    } else if (columns.has("imageSrc")) {
      // Without an Image Src column at all, alt text and position describe no image of this
      // file: the columns are ignored, not every row rejected.
      const orphan = (["imageAlt", "imagePosition"] as const).find((key) => row.text(key) !== null);
      if (orphan !== undefined)
        row.fail(orphan, "is set on a row without Image Src, so it belongs to no image");
    }
    draft.product.lastLine = row.endLine;
  }
}

type Chunk = string | Uint8Array;

/**
 * Streams products out of chunks (strings, or UTF-8 bytes as from a file or an upload stream).
 * Only the product being assembled is held in memory. On a `CsvError` the products before the
 * bad row are yielded first, then the error is thrown.
 */
export async function* readProductCsv(
  chunks: AsyncIterable<Chunk> | Iterable<Chunk>,
  /** Pass one to learn the header's columns (`reader.columns`) once reading has begun. */
  reader: ProductCsvReader = new ProductCsvReader(),
): AsyncGenerator<CsvProduct, void, undefined> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  const ready: CsvProduct[] = [];
  const emit = (p: CsvProduct): void => void ready.push(p);
  // Runs one step of the reader, then hands out what it completed, even when the step failed.
  function* step(run: () => void): Generator<CsvProduct> {
    let failed = false;
    let failure: unknown;
    try {
      run();
    } catch (error) {
      [failed, failure] = [true, error];
    }
    yield* ready.splice(0);
    if (failed) throw failure;
  }
  for await (const chunk of chunks) {
    yield* step(() =>
      reader.push(
        typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }),
        emit,
      ),
    );
  }
  yield* step(() => {
    reader.push(decoder.decode(), emit);
    reader.end(emit);
  });
}

/** Reads a whole CSV held in memory. */
export function parseProductCsv(
  text: string,
  limits: Partial<CsvLimits> = {},
): {
  format: ProductCsvFormat;
  columns: ColumnMap;
  products: CsvProduct[];
} {
  const reader = new ProductCsvReader(limits);
  const products: CsvProduct[] = [];
  const emit = (p: CsvProduct): void => void products.push(p);
  reader.push(text, emit);
  reader.end(emit);
  // end() throws when there is no header, so the columns are known here.
  const columns = reader.columns as ColumnMap;
  return { format: columns.format, columns, products };
}
