/**
 * The reader on Shopify's public demo exports, when they are present (they have no license, so
 * they are never copied into the repository). Counts come from the datasets' README.
 */
import { createReadStream, existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datasetPath } from "../../helpers/datasets";
import { parseProductCsv, readProductCsv } from "~/snapshot/domain/csv/product-csv";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";

const BICYCLES = datasetPath("shopify-demo-bicycles.csv");
const FASHION = datasetPath("shopify-demo-fashion.csv");

async function stream(path: string, highWaterMark: number): Promise<CsvProduct[]> {
  const products: CsvProduct[] = [];
  for await (const p of readProductCsv(
    createReadStream(path, { highWaterMark }) as AsyncIterable<Uint8Array>,
  ))
    products.push(p);
  return products;
}

const count = (products: CsvProduct[]) => ({
  products: products.length,
  variants: products.reduce((n, p) => n + p.variants.length, 0),
  images: products.reduce((n, p) => n + p.images.length, 0),
});

describe.skipIf(!existsSync(BICYCLES))("shopify-demo-bicycles.csv", () => {
  it("reads 284 products, 1,121 variants and 1,034 images in the legacy format", () => {
    const { format, products } = parseProductCsv(readFileSync(BICYCLES, "utf8"));
    expect(format).toBe("legacy");
    expect(count(products)).toEqual({ products: 284, variants: 1121, images: 1034 });
    expect(products.filter((p) => p.published === false)).toHaveLength(58);
  });

  it("reads the same from a byte stream cut into small chunks", async () => {
    const whole = parseProductCsv(readFileSync(BICYCLES, "utf8")).products;
    expect(await stream(BICYCLES, 997)).toEqual(whole);
  });
});

describe.skipIf(!existsSync(FASHION))("shopify-demo-fashion.csv", () => {
  it("reads 997 products, 3,684 variants and 4,742 images, with barcodes unguarded", async () => {
    const products = await stream(FASHION, 64 * 1024);
    expect(count(products)).toEqual({ products: 997, variants: 3684, images: 4742 });
    const barcodes = products.flatMap((p) => p.variants.map((v) => v.barcode));
    expect(barcodes.some((b) => b?.startsWith("'"))).toBe(false);
    expect(barcodes).toContain("9999999999");
  });
});
