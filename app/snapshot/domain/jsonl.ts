/**
 * Reassembles Shopify bulk-operation JSONL (Tovholder's BulkProducts and BulkInventory queries,
 * app/shopify/documents/bulk.graphql) into snapshot products, incrementally and without I/O.
 *
 * Shopify writes one object per line; a node of a nested connection is its own line with
 * `__parentId`, after its parent but — with `groupObjects: false` — not next to it. What a line
 * is comes from its GID type: Product and Location roots; ProductVariant, media, Collection
 * children of products; InventoryLevel children of locations.
 *
 * Anything else fails with a JsonlError naming the line: a line that is not JSON or not the
 * shape its type requires, a child whose parent has not appeared before it, an object type the
 * queries do not produce, two variants sharing one inventory item, fewer objects than the
 * operation reported (a truncated file), and — from `splitJsonlLines` — a line longer than
 * `JSONL_MAX_LINE_CHARS` or binary data. Memory holds the snapshot being built, never the lines.
 */
import { CatalogBuilder, CatalogError } from "./catalog-builder";
import {
  ShapeError,
  asInventoryLevel,
  asLocation,
  asMedia,
  asProduct,
  asVariant,
  isObj,
  type Obj,
} from "./jsonl-shapes";
import { unknownShop } from "./normalise";
import {
  SNAPSHOT_VERSION,
  type SnapshotShop,
  type SnapshotSource,
  type StoreSnapshot,
} from "./types";

export type JsonlErrorKind =
  "malformed" | "orphan" | "unexpected" | "truncated" | "too-long" | "binary";

export class JsonlError extends Error {
  override name = "JsonlError";
  constructor(
    readonly line: number,
    readonly kind: JsonlErrorKind,
    detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

/**
 * The longest line read: 16 MiB of characters. A bulk-operation line is one object (a product
 * with its description, a variant, an inventory level), far below it; a longer line is not
 * Shopify's, and reading on would only fill the memory.
 */
export const JSONL_MAX_LINE_CHARS = 16 * 1024 * 1024;

const NUMBER = new Intl.NumberFormat("en-US");

/**
 * Chunks of a file or a download → lines without their LF or CRLF, numbered from 1 like
 * JsonlReader counts them. A line is rejected as soon as it passes `maxLineChars`, before the
 * rest of it is read, so a file without line breaks costs bounded memory; a NUL (binary data,
 * /dev/zero: JSON never holds a raw one) is rejected where it occurs.
 *
 * Chunks may be text or bytes (UTF-8). Bytes are split on the byte 0x0A and each line decoded
 * once, on its own: no decoded copy of the whole chunk is made, and a line is one flat string
 * rather than a slice of a chunk's (a file of hundreds of megabytes otherwise leaves a trail of
 * large chunk strings for the garbage collector). For bytes the limit counts bytes, which are
 * never fewer than the characters they encode.
 */
export async function* splitJsonlLines(
  chunks: AsyncIterable<string | Uint8Array>,
  maxLineChars: number = JSONL_MAX_LINE_CHARS,
): AsyncGenerator<string, void, undefined> {
  let pending = "";
  /** The start of a line split across byte chunks (at most maxLineChars bytes). */
  let pendingBytes: Buffer[] = [];
  let pendingByteLength = 0;
  let line = 1;
  const tooLong = () =>
    new JsonlError(
      line,
      "too-long",
      `the line is longer than ${NUMBER.format(maxLineChars)} characters; a bulk-operation line is one object and far shorter (is this a JSONL file?)`,
    );
  const binary = () =>
    new JsonlError(
      line,
      "binary",
      "the file holds a NUL character: it is binary data, not JSONL text",
    );
  const decoder = new TextDecoder("utf-8");
  const withoutCr = (text: string) => (text.endsWith("\r") ? text.slice(0, -1) : text);
  for await (const chunk of chunks) {
    if (typeof chunk !== "string") {
      const bytes = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const nul = bytes.indexOf(0);
      const end = nul === -1 ? bytes.length : nul;
      let start = 0;
      for (
        let at = bytes.indexOf(10, start);
        at !== -1 && at < end;
        at = bytes.indexOf(10, start)
      ) {
        if (pendingByteLength + at - start > maxLineChars) throw tooLong();
        let text: string;
        if (pendingByteLength === 0) text = bytes.toString("utf8", start, at);
        else {
          pendingBytes.push(bytes.subarray(start, at));
          text = decoder.decode(Buffer.concat(pendingBytes));
          pendingBytes = [];
          pendingByteLength = 0;
        }
        yield withoutCr(text);
        line++;
        start = at + 1;
      }
      if (pendingByteLength + end - start > maxLineChars) throw tooLong();
      if (end > start) {
        // Copied: the reader may reuse the chunk's memory.
        pendingBytes.push(Buffer.from(bytes.subarray(start, end)));
        pendingByteLength += end - start;
      }
      if (nul !== -1) throw binary();
      continue;
    }
    const nul = chunk.indexOf("\u0000");
    const text = nul === -1 ? chunk : chunk.slice(0, nul);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      if (pending.length + end - start > maxLineChars) throw tooLong();
      const whole = pending + text.slice(start, end);
      pending = "";
      yield withoutCr(whole);
      line++;
      start = end + 1;
    }
    if (pending.length + text.length - start > maxLineChars) throw tooLong();
    pending += text.slice(start);
    if (nul !== -1) throw binary();
  }
  if (pendingByteLength > 0) pending += decoder.decode(Buffer.concat(pendingBytes));
  if (pending !== "") yield withoutCr(pending);
}

const GID_PREFIX = "gid://shopify/";
const MEDIA_TYPES = new Set(["MediaImage", "Video", "ExternalVideo", "Model3d"]);

/** `gid://shopify/ProductVariant/1?x=y` → "ProductVariant"; undefined if not a Shopify GID. */
function gidType(id: unknown): string | undefined {
  if (typeof id !== "string" || !id.startsWith(GID_PREFIX)) return undefined;
  const end = id.indexOf("/", GID_PREFIX.length);
  return end === -1 ? undefined : id.slice(GID_PREFIX.length, end);
}

/** Feeds JSONL lines of one file into a CatalogBuilder; line numbers are 1-based per file. */
export class JsonlReader {
  private lineNumber = 0;
  private objectCount = 0;
  private variantCount = 0;

  constructor(private readonly builder: CatalogBuilder) {}

  get lines(): number {
    return this.lineNumber;
  }

  get objects(): number {
    return this.objectCount;
  }

  push(text: string): void {
    const line = ++this.lineNumber;
    // Only an empty last line is expected (the file's final newline); tolerate blank lines anywhere.
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new JsonlError(line, "malformed", `not valid JSON (${(error as Error).message})`);
    }
    if (!isObj(value)) throw new JsonlError(line, "malformed", "not a JSON object");
    this.objectCount++;
    try {
      this.add(value, line);
    } catch (error) {
      if (error instanceof ShapeError || error instanceof CatalogError)
        throw new JsonlError(line, "malformed", error.message);
      throw error;
    }
  }

  /**
   * Fails when two variants share an inventory item, or when the file held fewer (or more)
   * objects than the bulk operation reported.
   */
  end(expectedObjects?: number): void {
    if (this.variantCount > 0) {
      const shared = this.builder.sharedInventoryItem();
      if (shared !== null) {
        const [a, b] = shared.variants;
        const [lineA, lineB] = shared.lines;
        const at = (line: number | undefined) => (line === undefined ? "" : ` (line ${line})`);
        throw new JsonlError(
          lineB ?? this.lineNumber,
          "malformed",
          `variants ${a.id}${at(lineA)} and ${b.id}${at(lineB)} share inventory item ${shared.itemId}; every Shopify variant has its own, so the file is corrupt`,
        );
      }
    }
    if (expectedObjects !== undefined && expectedObjects !== this.objectCount) {
      throw new JsonlError(
        this.lineNumber,
        "truncated",
        `the file ended with ${this.objectCount} objects; the bulk operation reported ${expectedObjects}`,
      );
    }
  }

  private add(o: Obj, line: number): void {
    const type = gidType(o.id);
    if (type === undefined) throw new JsonlError(line, "malformed", "no Shopify GID in `id`");
    const parentId = o.__parentId;
    if (parentId === undefined) {
      if (type === "Product") this.builder.addProduct(asProduct(o));
      else if (type === "Location") this.builder.addLocation(asLocation(o));
      else throw new JsonlError(line, "unexpected", `a ${type} without __parentId`);
      return;
    }
    if (typeof parentId !== "string")
      throw new JsonlError(line, "malformed", "__parentId must be a string");
    const parentType = gidType(parentId);
    if (parentType === "Product") {
      const product = this.builder.product(parentId);
      if (!product) throw this.orphan(line, o, parentId);
      if (type === "ProductVariant") {
        this.builder.addVariant(product, asVariant(o), line);
        this.variantCount++;
      } else if (MEDIA_TYPES.has(type)) this.builder.addMedia(product, asMedia(o));
      else if (type === "Collection") this.builder.addCollection(product, o.id as string);
      else throw new JsonlError(line, "unexpected", `a ${type} under a product`);
    } else if (parentType === "Location") {
      if (!this.builder.hasLocation(parentId)) throw this.orphan(line, o, parentId);
      if (type !== "InventoryLevel")
        throw new JsonlError(line, "unexpected", `a ${type} under a location`);
      this.builder.addInventoryLevel(parentId, asInventoryLevel(o));
    } else {
      throw new JsonlError(line, "unexpected", `a child of ${String(parentType ?? parentId)}`);
    }
  }

  private orphan(line: number, o: Obj, parentId: string): JsonlError {
    return new JsonlError(
      line,
      "orphan",
      `${String(o.id)} names parent ${parentId}, which did not appear on an earlier line`,
    );
  }
}

/** Reads a whole file of lines into the builder. */
export async function readJsonl(
  lines: AsyncIterable<string>,
  builder: CatalogBuilder,
  options: { expectedObjects?: number } = {},
): Promise<JsonlReader> {
  const reader = new JsonlReader(builder);
  for await (const line of lines) reader.push(line);
  reader.end(options.expectedObjects);
  return reader;
}

export interface JsonlSnapshotOptions {
  /** What is known about the shop besides its products (default: only the domain, `source.name`). */
  shop?: Partial<SnapshotShop>;
  /** The bulk operation's `objectCount`, to detect a file cut at a line boundary. */
  expectedObjects?: number;
}

/**
 * A snapshot from bulk JSONL (the CLI's `--jsonl FILE`): products, and locations with
 * per-location inventory when the lines include BulkInventory's. Everything else is null.
 */
export async function snapshotFromJsonl(
  lines: AsyncIterable<string>,
  source: SnapshotSource,
  options: JsonlSnapshotOptions = {},
): Promise<StoreSnapshot> {
  const builder = new CatalogBuilder();
  await readJsonl(lines, builder, { expectedObjects: options.expectedObjects });
  const catalog = builder.finish();
  return {
    version: SNAPSHOT_VERSION,
    source,
    shop: { ...unknownShop(source.name), ...options.shop },
    products: catalog.products,
    collections: null,
    locations: catalog.locations,
    markets: null,
    deliveryProfiles: null,
    policies: null,
    discounts: null,
    theme: null,
    orderKpis: null,
    ...(catalog.unmatchedInventoryItems > 0 && {
      gaps: [
        {
          section: "products.variants.inventoryLevels",
          reason: "PARTIAL" as const,
          message: `inventory levels of ${catalog.unmatchedInventoryItems} inventory items whose variants are not in the file were left out`,
        },
      ],
    }),
  };
}
