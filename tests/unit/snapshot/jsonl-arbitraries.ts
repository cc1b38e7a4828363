/**
 * fast-check arbitraries for Shopify bulk JSONL: random catalogs (products with variants, media
 * and collections; locations with inventory levels) with hostile strings, serialised the way
 * Shopify writes them — parents before children, children of different parents interleaved —
 * and the snapshot products they must reassemble into.
 */
import fc from "fast-check";
import type {
  ApiInventoryLevel,
  ApiLocation,
  ApiMedia,
  ApiProduct,
  ApiVariant,
} from "~/snapshot/domain/api-types";
import type { SnapshotLocation, SnapshotProduct } from "~/snapshot/domain/types";

const HOSTILE = [
  "<script>alert('x')</script>",
  '"><img src=x onerror=alert(1)>',
  "שלום עולם — مرحبا بالعالم",
  "\u202eevil\u202c",
  "👩‍👩‍👧‍👦🚲🇩🇰",
  "line\nbreak\r\ttab",
  '{"__parentId":"gid://shopify/Product/1"}',
  "\\u0000 \u0000 nul",
  "",
];

/** Any text, hostile more often than chance would make it. */
export const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 200 }) },
);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const money = fc.integer({ min: 0, max: 10_000_000 }).map((c) => (c / 100).toFixed(2));
const iso = fc
  .integer({ min: Date.parse("2015-01-01"), max: Date.parse("2030-01-01") })
  .map((ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z"));

export interface GeneratedCatalog {
  products: {
    product: ApiProduct;
    variants: ApiVariant[];
    media: ApiMedia[];
    collections: string[];
  }[];
  locations: { location: ApiLocation; levels: ApiInventoryLevel[] }[];
}

const productFields = fc.record({
  handle: text,
  title: text,
  descriptionHtml: text,
  vendor: text,
  productType: text,
  status: fc.constantFrom(
    "ACTIVE" as const,
    "DRAFT" as const,
    "ARCHIVED" as const,
    "UNLISTED" as const,
  ),
  tags: fc.array(text, { maxLength: 3 }),
  isGiftCard: fc.boolean(),
  category: nullable(fc.record({ id: text, fullName: text })),
  seo: fc.record({ title: nullable(text), description: nullable(text) }),
  onlineStoreUrl: nullable(text),
  publishedOnPublication: fc.option(fc.boolean(), { nil: undefined }),
  options: fc.array(fc.record({ name: text, values: fc.array(text, { maxLength: 3 }) }), {
    maxLength: 3,
  }),
  createdAt: iso,
  updatedAt: iso,
});

const variantFields = fc.record({
  title: text,
  sku: nullable(text),
  barcode: nullable(text),
  price: money,
  compareAtPrice: nullable(money),
  inventoryPolicy: fc.constantFrom("DENY" as const, "CONTINUE" as const),
  inventoryQuantity: nullable(fc.integer({ min: -50, max: 5000 })),
  selectedOptions: fc.array(fc.record({ name: text, value: text }), { maxLength: 3 }),
  tracked: fc.boolean(),
  requiresShipping: fc.boolean(),
  weight: nullable(
    fc.record({
      value: fc.double({ min: 0, max: 1000, noNaN: true }),
      unit: fc.constantFrom(
        "GRAMS" as const,
        "KILOGRAMS" as const,
        "OUNCES" as const,
        "POUNDS" as const,
      ),
    }),
  ),
});

const mediaFields = fc.record({
  alt: nullable(text),
  kind: fc.constantFrom("MediaImage", "Video", "ExternalVideo", "Model3d"),
  url: nullable(text),
});

/** A catalog of up to 6 products and 3 locations with unique ids. */
export const catalogs: fc.Arbitrary<GeneratedCatalog> = fc
  .record({
    products: fc.array(
      fc.record({
        fields: productFields,
        variants: fc.array(variantFields, { maxLength: 4 }),
        media: fc.array(mediaFields, { maxLength: 3 }),
        collections: fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 3 }),
      }),
      { maxLength: 6 },
    ),
    locations: fc.array(
      fc.record({
        name: text,
        isActive: fc.boolean(),
        countryCode: nullable(fc.constantFrom("DK", "DE", "US")),
      }),
      {
        maxLength: 3,
      },
    ),
    stock: fc.array(fc.integer({ min: -20, max: 500 }), { maxLength: 40 }),
  })
  .map(({ products, locations, stock }) => {
    let nextId = 1;
    const built = products.map(({ fields, variants, media, collections }) => {
      const productId = nextId++;
      return {
        product: {
          ...fields,
          id: `gid://shopify/Product/${productId}`,
          legacyResourceId: String(productId),
        },
        variants: variants.map((v, i): ApiVariant => {
          const id = nextId++;
          return {
            id: `gid://shopify/ProductVariant/${id}`,
            legacyResourceId: String(id),
            title: v.title,
            position: i + 1,
            sku: v.sku,
            barcode: v.barcode,
            price: v.price,
            compareAtPrice: v.compareAtPrice,
            inventoryPolicy: v.inventoryPolicy,
            inventoryQuantity: v.inventoryQuantity,
            selectedOptions: v.selectedOptions,
            inventoryItem: {
              id: `gid://shopify/InventoryItem/${id}`,
              tracked: v.tracked,
              requiresShipping: v.requiresShipping,
              measurement: { weight: v.weight },
            },
          };
        }),
        media: media.map((m): ApiMedia => {
          const image = m.url === null ? null : { url: m.url };
          return {
            id: `gid://shopify/${m.kind}/${nextId++}`,
            alt: m.alt,
            preview: { image },
            ...(m.kind === "MediaImage" && { image }),
          };
        }),
        collections: collections.map((c) => `gid://shopify/Collection/${c}`),
      };
    });
    const items = built.flatMap((p) => p.variants.map((v) => v.inventoryItem.id));
    let s = 0;
    const builtLocations = locations.map((l) => {
      const id = nextId++;
      return {
        location: {
          id: `gid://shopify/Location/${id}`,
          name: l.name,
          isActive: l.isActive,
          fulfillsOnlineOrders: !l.isActive,
          address: { countryCode: l.countryCode },
        },
        // Each location stocks every other item (some items are stocked nowhere).
        levels: items
          .filter((_, i) => (i + id) % 2 === 0)
          .map((item) => ({
            id: `gid://shopify/InventoryLevel/${id}?inventory_item_id=${item.split("/").pop()}`,
            item: { id: item },
            quantities: [
              { name: "available", quantity: stock[s++ % Math.max(1, stock.length)] ?? 0 },
            ],
          })),
      };
    });
    return { products: built, locations: builtLocations };
  });

/** The lines of each parent's subtree, children in their own order. */
function sequences(catalog: GeneratedCatalog): {
  roots: string[];
  children: { parent: number; lines: string[] }[];
} {
  const roots: string[] = [];
  const children: { parent: number; lines: string[] }[] = [];
  const line = (o: object, parent?: string) =>
    JSON.stringify(parent === undefined ? o : { ...o, __parentId: parent });
  for (const p of catalog.products) {
    roots.push(line(p.product));
    const parent = p.product.id;
    children.push({
      parent: roots.length - 1,
      lines: [
        ...p.variants.map((v) => line(v, parent)),
        ...p.media.map((m) => line(m, parent)),
        ...p.collections.map((c) => line({ id: c }, parent)),
      ],
    });
  }
  for (const l of catalog.locations) {
    roots.push(line(l.location));
    children.push({
      parent: roots.length - 1,
      lines: l.levels.map((level) => line(level, l.location.id)),
    });
  }
  return { roots, children };
}

/**
 * Shopify's JSONL for a catalog, interleaved by `picks`: roots in order, every child after its
 * parent, children of one parent in their order, children of different parents mixed freely.
 */
export function toJsonl(catalog: GeneratedCatalog, picks: number[]): string[] {
  const { roots, children } = sequences(catalog);
  const out: string[] = [];
  const cursor = children.map(() => 0);
  let emittedRoots = 0;
  let pick = 0;
  for (;;) {
    const ready = children
      .map((c, i) => i)
      .filter((i) => {
        const c = children[i];
        return c !== undefined && c.parent < emittedRoots && (cursor[i] ?? 0) < c.lines.length;
      });
    const choices = (emittedRoots < roots.length ? 1 : 0) + ready.length;
    if (choices === 0) return out;
    const choice = (picks[pick++ % Math.max(1, picks.length)] ?? 0) % choices;
    if (emittedRoots < roots.length && choice === 0) {
      out.push(roots[emittedRoots++] ?? "");
    } else {
      const i = ready[choice - (emittedRoots < roots.length ? 1 : 0)] ?? 0;
      const c = children[i];
      out.push(c?.lines[cursor[i] ?? 0] ?? "");
      cursor[i] = (cursor[i] ?? 0) + 1;
    }
  }
}

/** What the catalog must reassemble into, written out independently of the app's normalisers. */
export function expectedCatalog(catalog: GeneratedCatalog): {
  products: SnapshotProduct[];
  locations: SnapshotLocation[] | null;
} {
  const inventory = catalog.locations.length > 0;
  const levels = new Map<string, { locationId: string; available: number }[]>();
  for (const { location, levels: ls } of catalog.locations)
    for (const l of ls)
      levels.set(l.item.id, [
        ...(levels.get(l.item.id) ?? []),
        { locationId: location.id, available: l.quantities[0]?.quantity ?? 0 },
      ]);
  return {
    products: catalog.products.map(({ product: p, variants, media, collections }) => ({
      id: p.id,
      handle: p.handle,
      title: p.title,
      descriptionHtml: p.descriptionHtml,
      vendor: p.vendor,
      productType: p.productType,
      status: p.status,
      tags: p.tags,
      isGiftCard: p.isGiftCard,
      category: p.category,
      seo: p.seo,
      publishedOnlineStore: p.publishedOnPublication ?? null,
      onlineStoreUrl: p.onlineStoreUrl,
      options: p.options,
      media: media.map((m) => ({ id: m.id, alt: m.alt })),
      featuredImageUrl: media[0]
        ? (media[0].image?.url ?? media[0].preview?.image?.url ?? null)
        : null,
      variants: variants.map((v) => ({
        id: v.id,
        title: v.title,
        position: v.position,
        sku: v.sku,
        barcode: v.barcode,
        price: v.price,
        compareAtPrice: v.compareAtPrice,
        inventoryPolicy: v.inventoryPolicy,
        tracked: v.inventoryItem.tracked,
        requiresShipping: v.inventoryItem.requiresShipping,
        weight: v.inventoryItem.measurement.weight,
        inventoryQuantity: v.inventoryQuantity,
        inventoryLevels: inventory ? (levels.get(v.inventoryItem.id) ?? []) : null,
        selectedOptions: v.selectedOptions,
      })),
      collectionIds: collections,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    })),
    locations: inventory
      ? catalog.locations.map(({ location: l }) => ({
          id: l.id,
          name: l.name,
          isActive: l.isActive,
          fulfillsOnlineOrders: l.fulfillsOnlineOrders,
          countryCode: l.address.countryCode,
        }))
      : null,
  };
}

export async function* linesOf(lines: readonly string[]): AsyncGenerator<string> {
  yield* lines;
}
