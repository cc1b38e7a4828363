import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { datasetPath } from "../helpers/datasets";
import { describe, expect, it } from "vitest";
import { parseProductCsv, readProductCsv } from "~/snapshot/domain/csv/product-csv";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { type CsvStoreOptions, storeFromProductCsv } from "../../standin/seed/from-csv";
import { loadStoreFromCsvFile } from "../../standin/seed/from-csv-file";
import type { StandinProduct, StandinStore } from "../../standin/store/types";
import { writeProductCsv } from "../unit/csv/support/product-csv-writer";
import { toCsvProduct } from "./support/to-csv-product";

const NOW = new Date("2025-03-01T09:00:00Z");
const OPTS = { shopDomain: "client-shop.myshopify.com", now: NOW };

const LEGACY = [
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Taxable,Variant Barcode,Image Src,Image Alt Text,Variant Image,Variant Weight Unit",
  'bell,Brass Bell,"<p>Ding.</p>",Kattegat,Bell,"bell, brass",TRUE,Colour,Gold,B-GOLD,90,shopify,5,deny,99.00,129.00,TRUE,TRUE,\'5712345000017,https://cdn.example/bell-1.jpg,Bell on a handlebar,https://cdn.example/bell-2.jpg,g',
  "bell,,,,,,,,Silver,B-SILVER,2268,,0,continue,99.00,,FALSE,FALSE,,,,,lb",
  "hidden-lamp,Hidden Lamp,Bright,Lysvej,Light,,FALSE,Title,Default Title,L-1,150,shopify,-3,deny,199.00,,TRUE,TRUE,,,,,kg",
  "no-variant-rows,Poster,Nice,,,,,,,,,,,,,,,,,https://cdn.example/poster.jpg,,,",
].join("\n");

async function load(text: string, opts: CsvStoreOptions = OPTS): Promise<StandinStore> {
  return storeFromProductCsv(readProductCsv([text]), opts);
}

function product(store: StandinStore, handle: string): StandinProduct {
  const p = store.products.find((x) => x.handle === handle);
  if (!p) throw new Error(`no product ${handle}`);
  return p;
}

describe("stand-in store from a product CSV", () => {
  it("maps legacy products: published ones are ACTIVE on the Online Store, unpublished ones ACTIVE but hidden", async () => {
    const store = await load(LEGACY);
    expect(product(store, "bell")).toMatchObject({
      status: "ACTIVE",
      onlineStorePublishedAt: NOW.toISOString(),
      tags: ["bell", "brass"],
      vendor: "Kattegat",
    });
    expect(product(store, "hidden-lamp")).toMatchObject({
      status: "ACTIVE",
      onlineStorePublishedAt: null,
    });
  });

  it("maps variants: prices, SKU, barcode, policy, weight in the display unit, tracking and quantity at the one location", async () => {
    const store = await load(LEGACY);
    expect(store.locations.map((l) => l.name)).toEqual(["Shop location"]);
    const location = store.locations[0]?.id;
    const [gold, silver] = product(store, "bell").variants;
    expect(gold).toMatchObject({
      title: "Gold",
      sku: "B-GOLD",
      barcode: "5712345000017",
      price: "99.00",
      compareAtPrice: "129.00",
      inventoryPolicy: "DENY",
      taxable: true,
    });
    expect(gold?.inventoryItem).toMatchObject({
      tracked: true,
      requiresShipping: true,
      weight: { value: 90, unit: "GRAMS" },
      levels: [{ locationId: location, available: 5, onHand: 5, committed: 0 }],
    });
    expect(silver).toMatchObject({
      inventoryPolicy: "CONTINUE",
      taxable: false,
      selectedOptions: [{ name: "Colour", value: "Silver" }],
    });
    expect(silver?.inventoryItem).toMatchObject({
      tracked: false,
      requiresShipping: false,
      weight: { value: 5, unit: "POUNDS" },
    });
    expect(product(store, "hidden-lamp").variants[0]?.inventoryItem.levels[0]?.available).toBe(-3);
  });

  it("adds a variant image that is not among the product images, and links variants to media", async () => {
    const bell = product(await load(LEGACY), "bell");
    expect(bell.media.map((m) => [m.url, m.alt])).toEqual([
      ["https://cdn.example/bell-1.jpg", "Bell on a handlebar"],
      ["https://cdn.example/bell-2.jpg", null],
    ]);
    expect(bell.variants[0]?.imageMediaId).toBe(bell.media[1]?.id);
  });

  it("gives a product without variant rows one Default Title variant", async () => {
    const poster = product(await load(LEGACY), "no-variant-rows");
    expect(poster.options).toEqual([{ name: "Title", values: ["Default Title"] }]);
    expect(poster.variants.map((v) => [v.title, v.price])).toEqual([["Default Title", "0.00"]]);
    expect(poster.media).toHaveLength(1);
  });

  it("uses Status, Product Category and a Collection column from the current format", async () => {
    const text = [
      "Handle,Title,Product Category,Published,Variant Price,Image Src,Image Position,Collection,Status",
      "tent,Tent,Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents > Domes,TRUE,1999.00,https://cdn.example/t2.jpg,2,Camping,draft",
      "tent,,,,,https://cdn.example/t1.jpg,1,,",
      "mug,Mug,Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs,TRUE,49.00,,,Camping,active",
      "old,Old,,TRUE,10.00,,,,archived",
    ].join("\n");
    const store = await load(text);
    const tent = product(store, "tent");
    expect(tent).toMatchObject({
      status: "DRAFT",
      onlineStorePublishedAt: null,
      category: { id: "gid://shopify/TaxonomyCategory/sg-4-2-17-2", name: "Domes" },
    });
    expect(tent.media.map((m) => m.url)).toEqual([
      "https://cdn.example/t1.jpg",
      "https://cdn.example/t2.jpg",
    ]);
    expect(product(store, "mug")).toMatchObject({
      status: "ACTIVE",
      category: {
        name: "Mugs",
        fullName: "Home & Garden > Kitchen & Dining > Tableware > Drinkware > Mugs",
      },
    });
    expect(product(store, "old").status).toBe("ARCHIVED");
    expect(store.collections.map((c) => [c.title, c.handle, c.smart])).toEqual([
      ["Camping", "camping", false],
    ]);
    expect(tent.collectionIds).toEqual(product(store, "mug").collectionIds);
  });

  it("creates a minimal but complete shop around the products", async () => {
    const store = await load(LEGACY, {
      ...OPTS,
      shopName: "Client",
      currencyCode: "DKK",
      countryCode: "DK",
    });
    expect(store.shop).toMatchObject({
      name: "Client",
      myshopifyDomain: "client-shop.myshopify.com",
      currencyCode: "DKK",
      countryCode: "DK",
      passwordProtected: false,
    });
    expect(store.markets).toMatchObject([
      { primary: true, countries: ["DK"], currencyCode: "DKK", name: "Denmark" },
    ]);
    const zoneCountries = store.deliveryProfiles.flatMap((d) =>
      d.locationGroups.flatMap((g) => g.zones.flatMap((z) => z.countries)),
    );
    expect(zoneCountries).toEqual(["DK"]);
    expect(store.themes.filter((t) => t.role === "MAIN")).toHaveLength(1);
    expect([store.policies, store.orders, store.customers, store.discounts]).toEqual([
      [],
      [],
      [],
      [],
    ]);
    const ids = [
      store.shop.id,
      ...store.products.flatMap((p) => [
        p.id,
        ...p.variants.map((v) => v.id),
        ...p.media.map((m) => m.id),
      ]),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(JSON.stringify(await load(LEGACY))).toBe(JSON.stringify(await load(LEGACY)));
  });

  it("reloads the demo store's catalogue from its own CSV export with the same product data", async () => {
    const { store: demo } = generateDemoStore({ now: NOW });
    const text = writeProductCsv(demo.products.map(toCsvProduct), "current");
    expect(parseProductCsv(text).products).toHaveLength(demo.products.length);
    const loaded = await load(text);
    expect(loaded.products).toHaveLength(demo.products.length);
    const summary = (p: StandinProduct) => ({
      handle: p.handle,
      title: p.title,
      descriptionHtml: p.descriptionHtml,
      vendor: p.vendor,
      productType: p.productType,
      status: p.status,
      published: p.onlineStorePublishedAt !== null,
      category: p.category?.id ?? null,
      seo: p.seo,
      options: p.options,
      media: p.media.map((m) => [m.url, m.alt || null]),
      variants: p.variants.map((v) => ({
        title: v.title,
        sku: v.sku,
        barcode: v.barcode,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        policy: v.inventoryPolicy,
        tracked: v.inventoryItem.tracked,
        weight: v.inventoryItem.weight,
        available: v.inventoryItem.levels.reduce((n, l) => n + l.available, 0),
        image: p.media.find((m) => m.id === v.imageMediaId)?.url ?? null,
      })),
    });
    expect(loaded.products.map(summary)).toEqual(demo.products.map(summary));
  });

  it("loads a CSV file from disk", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tovholder-csv-"));
    const path = join(dir, "products.csv");
    writeFileSync(path, `\uFEFF${LEGACY.replace(/\n/g, "\r\n")}`);
    const store = await loadStoreFromCsvFile(path, OPTS);
    expect(store.products.map((p) => p.handle)).toEqual(["bell", "hidden-lamp", "no-variant-rows"]);
  });

  it("fails with the CSV's line number on a bad file", async () => {
    const header = LEGACY.split("\n")[0]?.split(",") ?? [];
    const row = header.map(
      (h) => ({ Handle: "broken", Title: "Broken", "Variant Price": "abc" })[h] ?? "",
    );
    const bad = `${LEGACY}\n${row.join(",")}`;
    await expect(load(bad)).rejects.toThrow(/^line 6: Variant Price "abc" is not a number$/);
  });
});

const BICYCLES = datasetPath("shopify-demo-bicycles.csv");

describe.skipIf(!existsSync(BICYCLES))("stand-in store from shopify-demo-bicycles.csv", () => {
  it("has 284 ACTIVE products with 1,121 variants, 58 of them not on the Online Store", async () => {
    const store = await loadStoreFromCsvFile(BICYCLES, {
      shopDomain: "demo-bikes.myshopify.com",
      now: NOW,
    });
    const variants = store.products.flatMap((p) => p.variants);
    expect(store.products).toHaveLength(284);
    expect(variants).toHaveLength(1121);
    expect(store.products.every((p) => p.status === "ACTIVE")).toBe(true);
    expect(store.products.filter((p) => p.onlineStorePublishedAt === null)).toHaveLength(58);
    // Facts the dataset's README lists, seen through the loaded store.
    expect(store.products.filter((p) => p.media.length === 0)).toHaveLength(8);
    expect(variants.filter((v) => Number(v.price) === 0)).toHaveLength(2);
    expect(
      variants.filter(
        (v) => v.compareAtPrice !== null && Number(v.compareAtPrice) < Number(v.price),
      ),
    ).toHaveLength(9);
    expect(store.products.flatMap((p) => p.media).filter((m) => m.alt === null)).toHaveLength(722);
    expect(store.shop.weightUnit).toBe("POUNDS");
  });
});
