import { createReadStream, existsSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseProductCsv, readProductCsv } from "~/snapshot/domain/csv/product-csv";
import { snapshotFromCsv } from "~/snapshot/domain/from-csv";
import { summariseSnapshot } from "~/snapshot/domain/summary";
import type { SnapshotSource, StoreSnapshot } from "~/snapshot/domain/types";
import { datasetPath } from "../../helpers/datasets";
import { productSet } from "../csv/support/arbitraries";
import { writeProductCsv } from "../csv/support/product-csv-writer";

const source = (name = "acme-export.csv"): SnapshotSource => ({
  kind: "csv",
  name,
  collectedAt: "2026-11-01T10:00:00.000Z",
  strategy: null,
  csvFormat: "legacy",
});

function fromText(text: string, name?: string, shopDomain?: string): Promise<StoreSnapshot> {
  return snapshotFromCsv(
    parseProductCsv(text).products,
    source(name),
    shopDomain ? { shopDomain } : {},
  );
}

// The legacy 44-column export, trimmed to the columns these rows use (the reader finds columns
// by name). Line 2–4: a bike in two colours with three images; line 5–6: an unpublished lock.
const LEGACY = [
  "Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Price,Variant Compare At Price,Variant Requires Shipping,Variant Barcode,Image Src,Image Alt Text,Variant Image,Variant Weight Unit",
  "city-bike,City Bike,<p>Fast</p>,Pure Fix,Bikes,\"city, steel\",true,Color,Black,'0042,12000,shopify,3,deny,499.00,549.00,true,'0012345678905,https://cdn.example/bike-1.jpg,Black bike,https://cdn.example/bike-1.jpg,kg",
  "city-bike,,,,,,,,Red,CB-RED,11500,shopify,0,continue,499.00,,true,,https://cdn.example/bike-2.jpg,,https://cdn.example/bike-red.jpg,lb",
  "city-bike,,,,,,,,,,,,,,,,,,https://cdn.example/bike-1.jpg,duplicate row,,",
  "u-lock,U-Lock,,Abus,Locks,,false,Title,Default Title,,,,,,39.90,,false,,,,,",
].join("\n");

describe("snapshotFromCsv: a legacy export", () => {
  it("maps products, variants and media with stable synthetic ids and the lines they came from", async () => {
    const snapshot = await fromText(LEGACY);
    const [bike, lock] = snapshot.products;
    expect(snapshot.products).toHaveLength(2);
    expect(bike).toMatchObject({
      id: "csv://product/city-bike",
      handle: "city-bike",
      title: "City Bike",
      descriptionHtml: "<p>Fast</p>",
      vendor: "Pure Fix",
      productType: "Bikes",
      tags: ["city", "steel"],
      options: [{ name: "Color", values: ["Black", "Red"] }],
      lines: { first: 2, last: 4 },
    });
    expect(bike!.variants.map((v) => [v.id, v.title, v.position, v.line])).toEqual([
      ["csv://variant/city-bike/1", "Black", 1, 2],
      ["csv://variant/city-bike/2", "Red", 2, 3],
    ]);
    // One media per distinct URL, in file order; a Variant Image not among the images is added.
    expect(bike!.media).toEqual([
      {
        id: "csv://media/city-bike/1",
        alt: "Black bike",
        line: 2,
      },
      { id: "csv://media/city-bike/2", alt: null, line: 3 },
      {
        id: "csv://media/city-bike/3",
        alt: null,
        line: 3,
      },
    ]);
    expect(bike!.featuredImageUrl).toBe("https://cdn.example/bike-1.jpg");
    expect(lock!.variants[0]).toMatchObject({
      id: "csv://variant/u-lock/1",
      title: "Default Title",
      selectedOptions: [{ name: "Title", value: "Default Title" }],
      requiresShipping: false,
    });
    expect(await fromText(LEGACY)).toEqual(snapshot);
  });

  it("keeps an unpublished legacy product ACTIVE but off the Online Store", async () => {
    const { products } = await fromText(LEGACY);
    expect(products.map((p) => [p.handle, p.status, p.publishedOnlineStore])).toEqual([
      ["city-bike", "ACTIVE", true],
      ["u-lock", "ACTIVE", false],
    ]);
  });

  it("reads variant money, stock, weight and apostrophe-guarded codes as Shopify holds them", async () => {
    const [black, red] = (await fromText(LEGACY)).products[0]!.variants;
    expect(black).toMatchObject({
      sku: "0042",
      barcode: "0012345678905",
      price: "499.00",
      compareAtPrice: "549.00",
      tracked: true,
      inventoryQuantity: 3,
      inventoryLevels: null,
      inventoryPolicy: "DENY",
      weight: { value: 12, unit: "KILOGRAMS" },
      selectedOptions: [{ name: "Color", value: "Black" }],
    });
    expect(red).toMatchObject({
      sku: "CB-RED",
      barcode: null,
      compareAtPrice: null,
      inventoryQuantity: 0,
      inventoryPolicy: "CONTINUE",
      weight: { value: 25.353, unit: "POUNDS" },
    });
  });

  it("leaves every section a CSV cannot provide uncollected (null), and names the shop after the file", async () => {
    const snapshot = await fromText(LEGACY, "exports/acme.myshopify.com.csv");
    expect(snapshot).toMatchObject({
      version: 1,
      source: source("exports/acme.myshopify.com.csv"),
      collections: null,
      locations: null,
      markets: null,
      deliveryProfiles: null,
      policies: null,
      discounts: null,
      theme: null,
      orderKpis: null,
    });
    expect(snapshot.shop.domain).toBe("acme.myshopify.com");
    expect(snapshot.shop.currencyCode).toBeNull();
    expect(snapshot.products.every((p) => p.collectionIds === null)).toBe(true);
    expect((await fromText(LEGACY, "x.csv", "nordvej.myshopify.com")).shop.domain).toBe(
      "nordvej.myshopify.com",
    );
  });
});

describe("snapshotFromCsv: the current export", () => {
  const CURRENT = [
    "Handle,Title,Product Category,Published,Status,Option1 Name,Option1 Value,Variant Price,Image Src,Image Position,Collection",
    "tent,Dome Tent,Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents,true,draft,,,,https://cdn.example/t2.jpg,2,Camping",
    "tent,,,,,,,,https://cdn.example/t1.jpg,1,",
    "bag,Sleeping Bag,gid://shopify/TaxonomyCategory/sg-4-2-14,false,archived,Size,M,,,,Camping",
    "bag,,,,,,L,59.00,,,",
    "stove,Stove,,,unlisted,,,12.50,,,Kitchen & Cooking",
    "mug,Mug,,true,,,,5.00,,,",
  ].join("\n");

  it("maps Status, Product Category and Published as written", async () => {
    const { products } = await fromText(CURRENT);
    expect(products.map((p) => [p.handle, p.status, p.publishedOnlineStore, p.category])).toEqual([
      [
        "tent",
        "DRAFT",
        true,
        { id: null, fullName: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents" },
      ],
      [
        "bag",
        "ARCHIVED",
        false,
        {
          id: "gid://shopify/TaxonomyCategory/sg-4-2-14",
          fullName: "gid://shopify/TaxonomyCategory/sg-4-2-14",
        },
      ],
      ["stove", "UNLISTED", null, null],
      // An empty Status cell imports as active.
      ["mug", "ACTIVE", true, null],
    ]);
  });

  it("orders media by Image Position", async () => {
    const tent = (await fromText(CURRENT)).products[0]!;
    expect(tent.media.map((m) => [m.id, m.line])).toEqual([
      ["csv://media/tent/1", 3],
      ["csv://media/tent/2", 2],
    ]);
    expect(tent.featuredImageUrl).toBe("https://cdn.example/t1.jpg");
  });

  it("gives a product without variant rows Shopify's Default Title variant at 0.00, and an empty price 0.00", async () => {
    const [tent, bag] = (await fromText(CURRENT)).products;
    expect(tent!.variants).toEqual([
      expect.objectContaining({
        id: "csv://variant/tent/1",
        title: "Default Title",
        price: "0.00",
        sku: null,
        weight: null,
        inventoryQuantity: null,
        tracked: false,
        requiresShipping: true,
        line: 2,
      }),
    ]);
    expect(bag!.variants.map((v) => [v.title, v.price])).toEqual([
      ["M", "0.00"],
      ["L", "59.00"],
    ]);
  });

  it("builds custom collections from the Collection column; a product without one is in none", async () => {
    const snapshot = await fromText(CURRENT);
    expect(snapshot.collections).toEqual([
      {
        id: "csv://collection/Camping",
        handle: "camping",
        title: "Camping",
        smart: false,
        publishedOnlineStore: null,
      },
      {
        id: "csv://collection/Kitchen%20%26%20Cooking",
        handle: "kitchen-cooking",
        title: "Kitchen & Cooking",
        smart: false,
        publishedOnlineStore: null,
      },
    ]);
    expect(snapshot.products.map((p) => p.collectionIds)).toEqual([
      ["csv://collection/Camping"],
      ["csv://collection/Camping"],
      ["csv://collection/Kitchen%20%26%20Cooking"],
      [],
    ]);
    expect(summariseSnapshot(snapshot).collections).toBe(2);
  });
});

describe("snapshotFromCsv: hostile text", () => {
  it("passes markup, a 1 MB description, emoji and RTL text through unaltered", async () => {
    const title = `<script>alert("x")</script> 🚲 דגם חדש \u202Eevil\u202C`;
    const body = `<p onclick="steal()">${"ø🚲".repeat(350_000)}</p>`;
    const text = [
      "Handle,Title,Body (HTML),Vendor,Tags,Variant Price,Image Src,Image Alt Text",
      `cykel-børn,"${title.replace(/"/g, '""')}","${body.replace(/"/g, '""')}",نموذج,"<b>tag</b>, 🚲",1.00,https://cdn.example/a.jpg,"<img src=x onerror=alert(1)>"`,
    ].join("\r\n");
    expect(body.length).toBeGreaterThan(1_000_000);
    const [product] = (await fromText(text)).products;
    expect(product).toMatchObject({
      id: "csv://product/cykel-b%C3%B8rn",
      handle: "cykel-børn",
      title,
      vendor: "نموذج",
      tags: ["<b>tag</b>", "🚲"],
    });
    expect(product!.descriptionHtml).toBe(body);
    expect(product!.media[0]!.alt).toBe("<img src=x onerror=alert(1)>");
  });

  it("keeps any generated text, gives every record a distinct id and every variant and image a place", async () => {
    await fc.assert(
      fc.asyncProperty(productSet("current"), async (generated) => {
        const csv = writeProductCsv(generated, "current");
        const { products } = await fromText(csv);
        expect(products.map((p) => [p.handle, p.title, p.descriptionHtml, p.vendor])).toEqual(
          generated.map((p) => [p.handle, p.title, p.bodyHtml, p.vendor]),
        );
        const ids = products.flatMap((p) => [
          p.id,
          ...p.variants.map((v) => v.id),
          ...p.media.map((m) => m.id),
        ]);
        expect(new Set(ids).size).toBe(ids.length);
        products.forEach((p, i) => {
          const g = generated[i]!;
          expect(p.variants).toHaveLength(Math.max(1, g.variants.length));
          const urls = [...g.images.map((img) => img.src), ...g.variants.map((v) => v.imageSrc)];
          const distinct = [...new Set(urls.filter((u): u is string => u !== null))];
          expect(p.media).toHaveLength(distinct.length);
          if (distinct.length === 0) expect(p.featuredImageUrl).toBeNull();
          else expect(distinct).toContain(p.featuredImageUrl);
        });
      }),
      { numRuns: 60 },
    );
  });
});

const BICYCLES = datasetPath("shopify-demo-bicycles.csv");

describe.skipIf(!existsSync(BICYCLES))("snapshotFromCsv on shopify-demo-bicycles.csv", () => {
  it("holds 284 products and 1,121 variants; the 58 unpublished products stay ACTIVE", async () => {
    const stream = createReadStream(BICYCLES) as AsyncIterable<Uint8Array>;
    const snapshot = await snapshotFromCsv(
      readProductCsv(stream),
      source("shopify-demo-bicycles.csv"),
    );
    const summary = summariseSnapshot(snapshot);
    expect([summary.products, summary.variants]).toEqual([284, 1121]);
    expect(snapshot.products.every((p) => p.status === "ACTIVE")).toBe(true);
    expect(snapshot.products.filter((p) => p.publishedOnlineStore === false)).toHaveLength(58);
    expect(snapshot.products.filter((p) => p.media.length === 0)).toHaveLength(8);
    expect(snapshot.products[0]).toMatchObject({
      id: "csv://product/15mm-combo-wrench",
      title: "15mm Combo Wrench",
      vendor: "IceToolz",
      lines: { first: 2 },
    });
  });
});
