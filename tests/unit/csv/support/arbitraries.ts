/** fast-check generators of valid product sets, including hostile text. */
import fc from "fast-check";
import type {
  CsvImage,
  CsvInventoryPolicy,
  CsvProduct,
  CsvProductStatus,
  CsvVariant,
  CsvWeightUnit,
} from "~/snapshot/domain/csv/product-csv-types";
import { type HeaderStyle, STYLE_SUPPORTS } from "./product-csv-writer";

/** Text a merchant (or an attacker) might paste: markup, emoji, RTL, CSV metacharacters. */
const HOSTILE = [
  "<script>alert('x')</script>",
  "Cykel 🚲 til børn",
  "דגם חדש",
  "نموذج جديد",
  "\u202Eevil\u202C",
  'Say "hello", then leave',
  "line one\nline two",
  "crlf\r\ninside",
  "lone\rcarriage",
  ",,,",
  '""',
  "'0123",
  "\t tabbed \t",
  "Ærø — 10% off",
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
);

const longBody = fc
  .array(fc.oneof(text, fc.constant("<p>"), fc.constant("</p>\n")), { maxLength: 60 })
  .map((parts) => parts.join(" "));

/** Trimmed, non-empty: for fields the reader trims (option values, tags, SKUs, …). */
const trimmed = text.map((s) => s.trim()).filter((s) => s !== "");
const nonBlank = text.filter((s) => s.trim() !== "");
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });
const decimal = fc
  .tuple(fc.nat({ max: 99_999 }), fc.option(fc.nat({ max: 99 }), { nil: null }))
  .map(([a, b]) => (b === null ? String(a) : `${a}.${String(b).padStart(2, "0")}`));
const url = fc.webUrl().filter((u) => !/[",\s]/.test(u));
const tag = trimmed.filter((t) => !t.includes(","));
const handle = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}$/);

function variant(
  style: HeaderStyle,
  optionValues: string[],
): fc.Arbitrary<Omit<CsvVariant, "line">> {
  return fc.record({
    optionValues: fc.constant(optionValues),
    sku: nullable(trimmed),
    barcode: nullable(fc.oneof(fc.stringMatching(/^\d{8,14}$/), trimmed)),
    price: decimal,
    compareAtPrice: nullable(decimal),
    costPerItem: STYLE_SUPPORTS[style].cost ? nullable(decimal) : fc.constant(null),
    grams: nullable(fc.nat({ max: 200_000 })),
    weightUnit: nullable(fc.constantFrom<CsvWeightUnit>("g", "kg", "lb", "oz")),
    inventoryTracker: nullable(fc.constant("shopify")),
    inventoryQty: nullable(fc.integer({ min: -50, max: 5000 })),
    inventoryPolicy: nullable(fc.constantFrom<CsvInventoryPolicy>("deny", "continue")),
    fulfillmentService: nullable(fc.constant("manual")),
    requiresShipping: nullable(fc.boolean()),
    taxable: nullable(fc.boolean()),
    imageSrc: nullable(url),
    marketPrices: fc.constant([]),
  });
}

function product(
  style: HeaderStyle,
): fc.Arbitrary<Omit<CsvProduct, "handle" | "firstLine" | "lastLine">> {
  const supports = STYLE_SUPPORTS[style];
  return fc
    .uniqueArray(trimmed, { maxLength: 3, selector: (n) => n })
    .chain((optionNames) => {
      // Distinct option-value combinations; a product without options has exactly one variant.
      const combo = fc.tuple(...optionNames.map(() => trimmed));
      const combos =
        optionNames.length === 0
          ? fc.constant([[] as string[]])
          : fc.uniqueArray(combo, {
              minLength: 1,
              maxLength: 6,
              selector: (c) => c.join("\u0000"),
            });
      return fc.record({
        optionNames: fc.constant(optionNames),
        variants: combos.chain((cs) => fc.tuple(...cs.map((c) => variant(style, c)))),
        images: fc.array(
          fc.record({
            src: url,
            position: supports.imagePosition
              ? nullable(fc.integer({ min: 1, max: 20 }))
              : fc.constant(null),
            alt: nullable(nonBlank),
          }),
          { maxLength: 4 },
        ),
        title: nonBlank,
        bodyHtml: fc.oneof(text, longBody),
        vendor: text,
        productType: text,
        category: supports.category ? nullable(trimmed) : fc.constant(null),
        tags: fc.array(tag, { maxLength: 4 }),
        published: nullable(fc.boolean()),
        status: supports.status
          ? nullable(fc.constantFrom<CsvProductStatus>("active", "draft", "archived", "unlisted"))
          : fc.constant(null),
        giftCard: fc.boolean(),
        seo: fc.record({ title: nullable(nonBlank), description: nullable(nonBlank) }),
        collection: supports.collection ? nullable(trimmed) : fc.constant(null),
      });
    })
    .map(({ optionNames, variants, images, ...rest }) => ({
      ...rest,
      options: optionNames.map((name, i) => ({
        name,
        values: [...new Set(variants.map((v) => v.optionValues[i] ?? ""))],
      })),
      variants: variants.map((v) => ({ ...v, line: 0 })),
      images: images.map((img): CsvImage => ({ ...img, line: 0 })),
    }));
}

/** A list of products with distinct handles, as the reader should return them (lines zeroed). */
export function productSet(style: HeaderStyle): fc.Arbitrary<CsvProduct[]> {
  return fc
    .uniqueArray(handle, { maxLength: 6 })
    .chain((handles) =>
      fc.tuple(
        ...handles.map((h) =>
          product(style).map((p): CsvProduct => ({ ...p, handle: h, firstLine: 0, lastLine: 0 })),
        ),
      ),
    );
}

/** The reader's output with line numbers zeroed, for comparing with generated products. */
export function withoutLines(products: CsvProduct[]): CsvProduct[] {
  return products.map((p) => ({
    ...p,
    firstLine: 0,
    lastLine: 0,
    variants: p.variants.map((v) => ({ ...v, line: 0 })),
    images: p.images.map((i) => ({ ...i, line: 0 })),
  }));
}
