/**
 * Stored snapshots (decision 006): each audit run keeps the StoreSnapshot it read, as
 * Brotli-compressed JSON, with its summary and sizes in plain columns.
 *
 * Saving streams the JSON a batch of products at a time through the asynchronous compressor,
 * so a 100,000-product snapshot neither builds one giant string (V8 caps strings at ~512 MB)
 * nor holds the event loop while it is compressed. Loading decompresses off the main thread
 * too, and checks the content hash and the format version before handing the snapshot out.
 */
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import { brotliDecompress, constants, createBrotliCompress } from "node:zlib";
import type { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";
import { summariseSnapshot } from "~/snapshot/domain/summary";
import {
  SNAPSHOT_VERSION,
  type SnapshotSource,
  type SnapshotSummary,
  type StoreSnapshot,
} from "~/snapshot/domain/types";

/** Brotli quality 5: a quarter smaller than gzip on snapshot JSON at about the same speed. */
const BROTLI_QUALITY = 5;
/** Products serialised per chunk handed to the compressor. */
const PRODUCTS_PER_CHUNK = 200;

export class SnapshotVersionError extends Error {
  override readonly name = "SnapshotVersionError";
  constructor(
    readonly snapshotId: string,
    readonly version: number,
  ) {
    super(
      `snapshot ${snapshotId} is in format version ${version}, but this Tovholder reads version ${SNAPSHOT_VERSION} only; collect the shop again`,
    );
  }
}

export class SnapshotIntegrityError extends Error {
  override readonly name = "SnapshotIntegrityError";
}

/** A stored snapshot without its data. */
export interface SnapshotRecord {
  id: string;
  shop: string;
  version: number;
  createdAt: Date;
  rawBytes: number;
  compressedBytes: number;
  sha256: string;
  summary: SnapshotSummary;
}

const RECORD_COLUMNS = {
  id: true,
  shop: true,
  version: true,
  sourceKind: true,
  sourceName: true,
  strategy: true,
  csvFormat: true,
  collectedAt: true,
  createdAt: true,
  products: true,
  variants: true,
  media: true,
  collections: true,
  locations: true,
  inventoryLevels: true,
  markets: true,
  deliveryProfiles: true,
  policies: true,
  discounts: true,
  themeFiles: true,
  orderMonths: true,
  rawBytes: true,
  compressedBytes: true,
  sha256: true,
} as const;

type RecordRow = Prisma.SnapshotGetPayload<{ select: typeof RECORD_COLUMNS }>;

/** Rows are written by saveSnapshot from typed values, so the string columns hold the unions. */
function toRecord(row: RecordRow): SnapshotRecord {
  const source: SnapshotSource = {
    kind: row.sourceKind as SnapshotSource["kind"],
    name: row.sourceName,
    collectedAt: row.collectedAt.toISOString(),
    strategy: row.strategy as SnapshotSource["strategy"],
    ...(row.csvFormat ? { csvFormat: row.csvFormat as SnapshotSource["csvFormat"] } : {}),
  };
  return {
    id: row.id,
    shop: row.shop,
    version: row.version,
    createdAt: row.createdAt,
    rawBytes: row.rawBytes,
    compressedBytes: row.compressedBytes,
    sha256: row.sha256,
    summary: {
      source,
      shop: row.shop,
      products: row.products,
      variants: row.variants,
      media: row.media,
      collections: row.collections,
      locations: row.locations,
      inventoryLevels: row.inventoryLevels,
      markets: row.markets,
      deliveryProfiles: row.deliveryProfiles,
      policies: row.policies,
      discounts: row.discounts,
      themeFiles: row.themeFiles,
      orderMonths: row.orderMonths,
    },
  };
}

/**
 * The snapshot's JSON in pieces: exactly the text of JSON.stringify(snapshot) (so the hash is
 * the plain content hash), with the products serialised a batch at a time.
 */
function* snapshotJson(snapshot: StoreSnapshot): Generator<string> {
  let open = "{";
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === undefined) continue;
    const prefix = `${open}${JSON.stringify(key)}:`;
    open = ",";
    if (key !== "products") {
      yield prefix + JSON.stringify(value);
      continue;
    }
    const { products } = snapshot;
    yield `${prefix}[`;
    for (let i = 0; i < products.length; i += PRODUCTS_PER_CHUNK) {
      const batch = products.slice(i, i + PRODUCTS_PER_CHUNK).map((p) => JSON.stringify(p));
      yield (i === 0 ? "" : ",") + batch.join(",");
    }
    yield "]";
  }
  yield open === "{" ? "{}" : "}";
}

interface Compressed {
  data: Uint8Array<ArrayBuffer>;
  rawBytes: number;
  sha256: string;
}

async function compress(snapshot: StoreSnapshot): Promise<Compressed> {
  const hash = createHash("sha256");
  let rawBytes = 0;
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(
      (function* () {
        for (const text of snapshotJson(snapshot)) {
          const bytes = Buffer.from(text, "utf8");
          hash.update(bytes);
          rawBytes += bytes.length;
          yield bytes;
        }
      })(),
    ),
    createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } }),
    async (compressed: AsyncIterable<Buffer>) => {
      for await (const chunk of compressed) out.push(chunk);
    },
  );
  // Copied into a plain ArrayBuffer: Prisma's Bytes input type does not take pooled Buffers.
  const data = new Uint8Array(out.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of out) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return { data, rawBytes, sha256: hash.digest("hex") };
}

/** Stores the snapshot for the shop; returns its record. */
export async function saveSnapshot(
  shop: string,
  snapshot: StoreSnapshot,
  db: Db = prisma,
): Promise<SnapshotRecord> {
  const summary = summariseSnapshot(snapshot);
  const { data, rawBytes, sha256 } = await compress(snapshot);
  const { source } = snapshot;
  const row = await db.snapshot.create({
    data: {
      shop,
      version: snapshot.version,
      sourceKind: source.kind,
      sourceName: source.name,
      strategy: source.strategy,
      csvFormat: source.csvFormat ?? null,
      collectedAt: new Date(source.collectedAt),
      products: summary.products,
      variants: summary.variants,
      media: summary.media,
      collections: summary.collections,
      locations: summary.locations,
      inventoryLevels: summary.inventoryLevels,
      markets: summary.markets,
      deliveryProfiles: summary.deliveryProfiles,
      policies: summary.policies,
      discounts: summary.discounts,
      themeFiles: summary.themeFiles,
      orderMonths: summary.orderMonths,
      rawBytes,
      compressedBytes: data.length,
      sha256,
      data,
    },
    select: RECORD_COLUMNS,
  });
  return toRecord(row);
}

/**
 * The shop's snapshot with that id, or null when the shop has none by that id.
 * Throws SnapshotVersionError for a format this code does not read, and SnapshotIntegrityError
 * when the stored bytes do not match their hash.
 */
export async function loadSnapshot(
  shop: string,
  id: string,
  db: Db = prisma,
): Promise<StoreSnapshot | null> {
  const row = await db.snapshot.findFirst({
    where: { id, shop },
    select: { version: true, sha256: true, data: true },
  });
  if (row === null) return null;
  if (row.version !== SNAPSHOT_VERSION) throw new SnapshotVersionError(id, row.version);
  const json = await promisify(brotliDecompress)(row.data);
  if (createHash("sha256").update(json).digest("hex") !== row.sha256)
    throw new SnapshotIntegrityError(`snapshot ${id} is damaged: its data does not match its hash`);
  return JSON.parse(json.toString("utf8")) as StoreSnapshot;
}

/** The shop's snapshots, newest first, without their data. */
export async function listSnapshots(
  shop: string,
  { take = 50 }: { take?: number } = {},
  db: Db = prisma,
): Promise<SnapshotRecord[]> {
  const rows = await db.snapshot.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: RECORD_COLUMNS,
  });
  return rows.map(toRecord);
}

/** Retention (maintenance job): deletes every shop's snapshots stored more than `days` ago. */
export async function deleteSnapshotsOlderThan(
  days: number,
  now: Date = new Date(),
  db: Db = prisma,
): Promise<number> {
  if (!(days >= 0)) throw new RangeError(`days must be 0 or more (got ${days})`);
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  return (await db.snapshot.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
}
