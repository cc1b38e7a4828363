/**
 * Synthetic bulk-operation JSONL, as Shopify writes the result of Tovholder's `BulkProducts`
 * query (app/shopify/documents/bulk.graphql): exactly the fields it selects, one object per
 * line, each product followed by its variants, media and collections, which carry `__parentId`.
 * Every product has 4 variants (two options), 3 images and 1 collection. Values look like a
 * real catalogue (HTML descriptions of a few hundred characters, GTINs, prices, weights);
 * deterministic, so runs compare.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export const VARIANTS_PER_PRODUCT = 4;
export const MEDIA_PER_PRODUCT = 3;
export const COLLECTIONS_PER_PRODUCT = 1;
export const LINES_PER_PRODUCT =
  1 + VARIANTS_PER_PRODUCT + MEDIA_PER_PRODUCT + COLLECTIONS_PER_PRODUCT;

const VENDORS = [
  "Pure Fix",
  "Nordvej Outdoor",
  "Cykelfabrikken",
  "Abus",
  "Ortlieb",
  "Brooks England",
];
const CYCLING = "Sporting Goods > Outdoor Recreation > Cycling";
/** [product type, product noun, taxonomy category (code, path below Cycling) or none]. */
const KINDS = [
  ["Bikes", "City Bike", ["sg-4-4-3-2", "Bicycles > City Bikes"]],
  ["Bikes", "Road Bike", ["sg-4-4-3-11", "Bicycles > Road Bikes"]],
  ["Locks", "U-Lock", ["sg-4-4-1-13-8", "Bicycle Accessories > Bicycle Locks > Bicycle U-Locks"]],
  [
    "Bags",
    "Pannier",
    ["sg-4-4-1-1-2", "Bicycle Accessories > Bicycle Bags & Panniers > Bicycle Panniers"],
  ],
  ["Helmets", "Helmet", ["sg-4-4-4-5", "Cycling Apparel & Accessories > Bicycle Helmets"]],
  [
    "Tools",
    "Multi-Tool",
    ["sg-4-4-1-22-2", "Bicycle Accessories > Bicycle Tools > Bicycle Multi-Tools"],
  ],
  ["Tyres", "Tyre", ["sg-4-4-2-21", "Bicycle Parts > Bicycle Tires"]],
  ["Parts", "Saddle", null],
] as const;
const ADJECTIVES = [
  "Classic",
  "Urban",
  "Trail",
  "Ærø",
  "Lightweight",
  "Weatherproof",
  "Pro",
  "Café",
];
const SIZES = ["S", "M"];
const COLOURS = ["Black", "Forest Green"];
const SENTENCES = [
  "Built for daily commutes and weekend rides alike, with a frame that shrugs off Nordic winters.",
  "Every part is chosen for a long life and easy repair: standard bolts, replaceable pads, no glue.",
  "Tested by our workshop team over 2,000 km of cobblestones, gravel paths and wet bike lanes.",
  "Ships fully assembled and tuned; you only fit the pedals and set the saddle height.",
  "Reflective details keep you visible after dark, and the finish resists road salt & grime.",
];

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gtin13(n: number): string {
  const body = String(570_000_000_000 + n);
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** The JSONL lines of products 0 … count-1. */
export function* bulkProductLines(count: number, seed = 1): Generator<string> {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const created = Date.parse("2024-03-01T09:00:00Z");
  for (let i = 0; i < count; i++) {
    const productId = `gid://shopify/Product/${8_000_000_000_000 + i}`;
    const [productType, noun, category] = pick(KINDS);
    const title = `${pick(ADJECTIVES)} ${noun} ${i}`;
    const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const paragraphs = Array.from(
      { length: 2 + Math.floor(next() * 4) },
      () => `<p>${pick(SENTENCES)}</p>`,
    );
    const createdAt = new Date(created + i * 60_000).toISOString();
    const basePrice = 20 + Math.floor(next() * 1500);
    yield JSON.stringify({
      id: productId,
      legacyResourceId: productId.slice(productId.lastIndexOf("/") + 1),
      handle,
      title,
      descriptionHtml: `<h2>${title}</h2>${paragraphs.join("")}<ul><li>Weight: ${(basePrice / 50).toFixed(1)} kg</li></ul>`,
      vendor: pick(VENDORS),
      productType,
      status: next() < 0.9 ? "ACTIVE" : "DRAFT",
      tags: ["cycling", productType.toLowerCase(), `season-${2024 + (i % 3)}`],
      isGiftCard: false,
      category: category && {
        id: `gid://shopify/TaxonomyCategory/${category[0]}`,
        fullName: `${CYCLING} > ${category[1]}`,
      },
      seo: { title: next() < 0.3 ? `${title} | Nordvej` : null, description: null },
      onlineStoreUrl: `https://nordvej.example/products/${handle}`,
      publishedOnPublication: next() < 0.85,
      options: [
        { name: "Size", values: SIZES },
        { name: "Color", values: COLOURS },
      ],
      createdAt,
      updatedAt: createdAt,
    });
    for (let v = 0; v < VARIANTS_PER_PRODUCT; v++) {
      const n = i * VARIANTS_PER_PRODUCT + v;
      const size = SIZES[v % 2] as string;
      const colour = COLOURS[Math.floor(v / 2)] as string;
      const price = (basePrice + v * 5).toFixed(2);
      yield JSON.stringify({
        id: `gid://shopify/ProductVariant/${9_000_000_000_000 + n}`,
        legacyResourceId: String(9_000_000_000_000 + n),
        title: `${size} / ${colour}`,
        position: v + 1,
        sku: `NV-${i}-${size}-${colour.slice(0, 3).toUpperCase()}`,
        barcode: next() < 0.9 ? gtin13(n) : null,
        price,
        compareAtPrice: next() < 0.2 ? (basePrice * 1.2).toFixed(2) : null,
        inventoryPolicy: next() < 0.95 ? "DENY" : "CONTINUE",
        inventoryQuantity: Math.floor(next() * 40) - 2,
        selectedOptions: [
          { name: "Size", value: size },
          { name: "Color", value: colour },
        ],
        inventoryItem: {
          id: `gid://shopify/InventoryItem/${7_000_000_000_000 + n}`,
          tracked: true,
          requiresShipping: true,
          measurement: { weight: { value: Math.round(basePrice * 20) / 1000, unit: "KILOGRAMS" } },
        },
        __parentId: productId,
      });
    }
    for (let m = 0; m < MEDIA_PER_PRODUCT; m++) {
      const url = `https://cdn.shopify.com/s/files/1/0601/2345/6789/files/${handle}-${m + 1}.jpg?v=1709283600`;
      yield JSON.stringify({
        id: `gid://shopify/MediaImage/${6_000_000_000_000 + i * MEDIA_PER_PRODUCT + m}`,
        alt: next() < 0.6 ? `${title}, view ${m + 1}` : null,
        preview: { image: { url } },
        image: { url },
        __parentId: productId,
      });
    }
    yield JSON.stringify({
      id: `gid://shopify/Collection/${5_000_000 + (i % 40)}`,
      __parentId: productId,
    });
  }
}

/** Writes `count` products' lines to `path` (newline-terminated, as Shopify's files are). */
export async function writeBulkJsonl(path: string, count: number): Promise<number> {
  const out = createWriteStream(path, { encoding: "utf8" });
  let lines = 0;
  let batch = "";
  for (const line of bulkProductLines(count)) {
    batch += `${line}\n`;
    lines++;
    if (batch.length > 1 << 20) {
      if (!out.write(batch)) await once(out, "drain");
      batch = "";
    }
  }
  out.end(batch);
  await once(out, "finish");
  return lines;
}
