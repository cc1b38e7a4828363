/**
 * Where a command's StoreSnapshot comes from: `--shop DOMAIN` (the live shop, through its
 * offline session), `--csv FILE` (a product CSV export) or `--jsonl FILE` (bulk-operation
 * JSONL). Shared by every command that reads a store, so they all take the same options.
 */
import type { ReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { basename } from "node:path";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";
import { ProductCsvReader } from "~/snapshot/domain/csv/product-csv";
import { snapshotFromCsv } from "~/snapshot/domain/from-csv";
import { snapshotFromJsonl, splitJsonlLines } from "~/snapshot/domain/jsonl";
import type { SnapshotSource, StoreSnapshot } from "~/snapshot/domain/types";
import { type CliContext, CliFailure, UsageError } from "./command";

export const SOURCE_OPTIONS = {
  shop: { type: "string" },
  csv: { type: "string" },
  jsonl: { type: "string" },
} as const;

export const SOURCE_HELP = `  --shop DOMAIN   read the live shop (e.g. acme.myshopify.com) through its offline session;
                  the app must be installed on it (or the demo shop set up by npm run demo)
  --csv FILE      read a Shopify product CSV export of any generation (columns found by name)
  --jsonl FILE    read a bulk-operation JSONL file (Tovholder's product and inventory queries)`;

export type SourceValues = { shop?: string; csv?: string; jsonl?: string };

/** Opens the file first, so a missing or unreadable file fails before anything is read. */
async function openFile(path: string, encoding: "utf8" | null): Promise<ReadStream> {
  const handle = await open(path, "r");
  // Linux opens a directory for reading; only the first read would fail.
  if ((await handle.stat()).isDirectory()) {
    await handle.close();
    throw new CliFailure(`cannot read ${path}: is a directory`);
  }
  return handle.createReadStream({ encoding: encoding ?? undefined, highWaterMark: 256 * 1024 });
}

/** "shops/acme.myshopify.com.csv" → "acme.myshopify.com": what the file is named after. */
const stem = (name: string) => name.replace(/\.[^.]*$/, "");

/** ProductCsvReader over a stream, so the header's format is known once reading has begun. */
async function* csvProducts(
  chunks: AsyncIterable<string>,
  reader: ProductCsvReader,
): AsyncGenerator<CsvProduct> {
  const ready: CsvProduct[] = [];
  const emit = (p: CsvProduct): void => void ready.push(p);
  for await (const chunk of chunks) {
    reader.push(chunk, emit);
    yield* ready.splice(0);
  }
  reader.end(emit);
  yield* ready.splice(0);
}

async function fromCsv(path: string, collectedAt: string): Promise<StoreSnapshot> {
  const reader = new ProductCsvReader();
  const name = basename(path);
  const chunks = (await openFile(path, "utf8")) as AsyncIterable<string>; // utf8: strings
  // The whole file has been read when the columns are asked for: the format and what the file
  // lacks (per column) go into the source.
  return snapshotFromCsv(
    csvProducts(chunks, reader),
    { kind: "csv", name, collectedAt, strategy: null },
    { columns: () => reader.columns },
  );
}

/**
 * A JSONL file's lines (without line ends); fails on a missing or unreadable file at once, and
 * on a line over the JSONL limit or binary data as soon as it is read (JsonlError).
 */
export async function fileLines(path: string): Promise<AsyncIterable<string>> {
  // Bytes, split on line ends before decoding (see splitJsonlLines).
  return splitJsonlLines((await openFile(path, null)) as AsyncIterable<Buffer>);
}

async function fromJsonl(path: string, collectedAt: string): Promise<StoreSnapshot> {
  const name = basename(path);
  const lines = await fileLines(path);
  const source: SnapshotSource = { kind: "jsonl", name, collectedAt, strategy: "bulk" };
  return snapshotFromJsonl(lines, source, { shop: { domain: stem(name) } });
}

async function fromShop(shop: string, ctx: CliContext): Promise<StoreSnapshot> {
  // Loaded only here: the Shopify configuration needs the app's environment and a database.
  const { InvalidShopError } = await import("@shopify/shopify-api");
  const { SessionNotFoundError } = await import("@shopify/shopify-app-remix/server");
  const { unauthenticated } = await import("~/shopify.server");
  const { AdminClient } = await import("~/shopify/admin-client.server");
  const { collectSnapshot } = await import("~/shopify/collect.server");
  const session = await unauthenticated.admin(shop).then(
    (context) => context.session,
    (error: unknown) => {
      if (error instanceof InvalidShopError)
        throw new UsageError(`--shop "${shop}" is not a shop domain like acme.myshopify.com`);
      if (!(error instanceof SessionNotFoundError)) throw error;
      throw new CliFailure(
        `no offline session for ${shop}: install the app on the shop first (for the demo shop, run npm run demo once)`,
      );
    },
  );
  const client = new AdminClient(session, {
    // unauthenticated.admin refreshes an expiring offline token.
    refreshSession: () => unauthenticated.admin(shop).then((context) => context.session),
  });
  const reported = new Set<string>();
  return collectSnapshot(client, {
    onProgress: ({ phase, done, total }) => {
      // One line when a phase starts and one when it completes: readable in logs, not a flood.
      const key = done === total ? `${phase}:done` : phase;
      if (reported.has(key)) return;
      reported.add(key);
      ctx.stderr(`${shop}: ${phase} ${done}${total === null ? "" : `/${total}`}\n`);
    },
  });
}

/** Reads the snapshot the options name; exactly one source is required. */
export async function readSnapshot(values: SourceValues, ctx: CliContext): Promise<StoreSnapshot> {
  const given = (["shop", "csv", "jsonl"] as const).filter((k) => values[k] !== undefined);
  if (given.length !== 1)
    throw new UsageError(
      given.length === 0
        ? "say what to read: --shop DOMAIN, --csv FILE or --jsonl FILE"
        : `give one source, not ${given.map((k) => `--${k}`).join(" and ")}`,
    );
  const collectedAt = new Date().toISOString();
  if (values.csv !== undefined) return fromCsv(ctx.resolvePath(values.csv), collectedAt);
  if (values.jsonl !== undefined) return fromJsonl(ctx.resolvePath(values.jsonl), collectedAt);
  return fromShop(values.shop ?? "", ctx);
}
