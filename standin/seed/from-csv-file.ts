/**
 * Loads a stand-in store from a product CSV file on disk: the only file-reading part of the
 * seeders. The file is streamed, so its size does not matter (only the store is kept).
 */
import { createReadStream } from "node:fs";
import { readProductCsv } from "../../app/snapshot/domain/csv/product-csv";
import type { StandinStore } from "../store/types";
import { type CsvStoreOptions, storeFromProductCsv } from "./from-csv";

export async function loadStoreFromCsvFile(
  path: string,
  opts: CsvStoreOptions,
): Promise<StandinStore> {
  const stream = createReadStream(path, { encoding: "utf8", highWaterMark: 64 * 1024 });
  try {
    return await storeFromProductCsv(readProductCsv(stream as AsyncIterable<string>), opts);
  } finally {
    stream.destroy();
  }
}
