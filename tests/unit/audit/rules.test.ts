/**
 * Every product rule on small hand-built snapshots: a positive case (the rule finds exactly the
 * resources it is about, and no other rule fires, so the builder's products are clean apart
 * from the one change) and a negative case just on the other side of the rule's line.
 */
import { legacyIdOf } from "~/snapshot/domain/ids";
import { describe, expect, it } from "vitest";
import type { Finding } from "~/findings/types";
import { runProductQa } from "~/product-qa/domain/run";
import { PRODUCT_QA_RULE_IDS, type ProductQaRuleId } from "~/product-qa/domain/rule-ids";
import type { SnapshotProduct, StoreSnapshot } from "~/snapshot/domain/types";
import { LOCATION, WORDS_60, gtin13, media, product, snapshot, variant } from "./builders";

const words = (n: number) => Array.from({ length: n }, (_, i) => `ord${i}`).join(" ");
const chars = (n: number) => "x".repeat(n);

interface Case {
  /** Products with the problem, and the resource ids the rule must name. */
  positive: () => { products: SnapshotProduct[]; expected: string[] };
  /** Products just on the right side of the line: the rule must not fire. */
  negative: () => SnapshotProduct[];
}

const onProduct = (overrides: Partial<SnapshotProduct>) => () => {
  const p = product(overrides);
  return { products: [p], expected: [p.id] };
};

const onVariant = (overrides: Parameters<typeof variant>[0]) => () => {
  const v = variant(overrides);
  return { products: [product({ variants: [v] })], expected: [v.id] };
};

const CASES: Record<ProductQaRuleId, Case> = {
  "product.missing-image": {
    positive: onProduct({ media: [] }),
    negative: () => [product({ media: [media()] })],
  },
  "product.few-images": {
    positive: () => {
      const one = product({ media: [media()] });
      const two = product({ media: [media(), media()] });
      return { products: [one, two], expected: [one.id, two.id] };
    },
    negative: () => [product({ media: [media(), media(), media()] }), product({ media: [] })],
  },
  "image.missing-alt": {
    positive: () => {
      const none = media({ alt: null });
      const blank = media({ alt: "  " });
      return {
        products: [product({ media: [none, media(), blank] })],
        expected: [none.id, blank.id],
      };
    },
    negative: () => [product({ media: [media({ alt: "Telt" }), media(), media()] })],
  },
  "product.missing-description": {
    positive: onProduct({ descriptionHtml: "<p>&nbsp;</p><br><!-- noget tekst --><p> — </p>" }),
    negative: () => [product({ descriptionHtml: `<p>${words(60)}</p>` })],
  },
  "product.short-description": {
    positive: () => {
      const eight = product({ descriptionHtml: "<p>Et godt telt til to personer i alt vejr</p>" });
      const fortyNine = product({ descriptionHtml: `<p>${words(49)}</p>` });
      return { products: [eight, fortyNine], expected: [eight.id, fortyNine.id] };
    },
    negative: () => [
      product({ descriptionHtml: `<p>${words(50)}</p>` }),
      product({ descriptionHtml: "" }), // that is product.missing-description
    ],
  },
  "product.placeholder-copy": {
    positive: () => {
      const lorem = product({
        descriptionHtml: `<p>Lorem <b>IPSUM</b> dolor sit amet.</p><p>${WORDS_60}</p>`,
      });
      const demo = product({
        descriptionHtml: `<p>This&nbsp;is a\\ndemonstration store.</p><p>${WORDS_60}</p>`.replace(
          "\\n",
          "\n",
        ),
      });
      const title = product({ title: "Lorem ipsum telt" });
      const danish = product({ descriptionHtml: `<p>Dette er en demobutik. ${WORDS_60}</p>` });
      return {
        products: [lorem, demo, title, danish],
        expected: [lorem.id, demo.id, title.id, danish.id],
      };
    },
    negative: () => [
      // Not visible to shoppers: scripts, comments and attribute values.
      product({
        descriptionHtml: `<script>var t = "lorem ipsum";</script><!-- this is a demo store --><img alt="lorem ipsum"><p>${WORDS_60}</p>`,
      }),
      product({ descriptionHtml: `<p>Vores demo-cykler og vores butik i Aarhus. ${WORDS_60}</p>` }),
    ],
  },
  "product.duplicate-title": {
    positive: () => {
      const a = product({ title: "Fjordløber Telt 2" });
      const b = product({ title: "  fjordløber   TELT 2 " });
      return { products: [a, b, product()], expected: [a.id, b.id] };
    },
    negative: () => [
      product({ title: "Fjordløber Telt 2" }),
      product({ title: "Fjordløber Telt 3" }),
    ],
  },
  "product.missing-vendor": {
    positive: onProduct({ vendor: " " }),
    negative: () => [product({ vendor: "Fjordløber" })],
  },
  "product.missing-type": {
    positive: onProduct({ productType: "" }),
    negative: () => [product({ productType: "Telt" })],
  },
  "product.missing-category": {
    positive: onProduct({ category: null }),
    negative: () => [
      product({ category: { id: null, fullName: "Sporting Goods > Camping > Tents" } }),
    ],
  },
  "product.not-in-collection": {
    positive: onProduct({ collectionIds: [] }),
    // A product whose membership is unknown is not reported, while others' is known.
    negative: () => [product({ collectionIds: null }), product()],
  },
  "product.unpublished-online-store": {
    positive: onProduct({ publishedOnlineStore: false }),
    negative: () => [
      product({ publishedOnlineStore: false, status: "DRAFT" }),
      product({ publishedOnlineStore: null }),
      product(),
    ],
  },
  "seo.missing-title": {
    positive: () => {
      const none = product({ seo: { title: null, description: "Kort og godt." } });
      const blank = product({ seo: { title: " ", description: "Kort og godt." } });
      return { products: [none, blank], expected: [none.id, blank.id] };
    },
    negative: () => [product({ seo: { title: "Telt | Shop", description: "Kort og godt." } })],
  },
  "seo.missing-description": {
    positive: onProduct({ seo: { title: "Telt | Shop", description: null } }),
    negative: () => [product({ seo: { title: "Telt | Shop", description: "Kort og godt." } })],
  },
  "seo.title-length": {
    positive: onProduct({ seo: { title: chars(71), description: "Kort og godt." } }),
    negative: () => [
      product({ seo: { title: chars(70), description: "Kort og godt." } }),
      // 70 emoji are 140 UTF-16 units but 70 characters.
      product({ seo: { title: "🚲".repeat(70), description: "Kort og godt." } }),
    ],
  },
  "seo.description-length": {
    positive: onProduct({ seo: { title: "Telt | Shop", description: chars(161) } }),
    negative: () => [product({ seo: { title: "Telt | Shop", description: chars(160) } })],
  },
  "variant.zero-price": {
    positive: onVariant({ price: "0.00" }),
    negative: () => [product({ variants: [variant({ price: "0.01" })] })],
  },
  "variant.compare-at-below-price": {
    positive: onVariant({ price: "199.00", compareAtPrice: "149.00" }),
    negative: () => [
      product({ variants: [variant({ price: "199.00", compareAtPrice: "249.00" })] }),
      product({ variants: [variant({ price: "199.00", compareAtPrice: "199.00" })] }),
      // "0.00" is how older imports say "no compare-at price".
      product({ variants: [variant({ price: "199.00", compareAtPrice: "0.00" })] }),
    ],
  },
  "variant.missing-sku": {
    positive: () => {
      const none = variant({ sku: null });
      const blank = variant({ sku: "  " });
      return { products: [product({ variants: [none, blank] })], expected: [none.id, blank.id] };
    },
    negative: () => [product({ variants: [variant({ sku: "A-1" })] })],
  },
  "variant.duplicate-sku": {
    positive: () => {
      const a = variant({ sku: "VH-CYK-0001" });
      const b = variant({ sku: " vh-cyk-0001" });
      return {
        products: [product({ variants: [a] }), product({ variants: [variant(), b] })],
        expected: [a.id, b.id],
      };
    },
    negative: () => [
      product({ variants: [variant({ sku: "VH-CYK-0001" })] }),
      product({ variants: [variant({ sku: "VH-CYK-0002" })] }),
    ],
  },
  "variant.missing-barcode": {
    positive: onVariant({ barcode: null }),
    // Nothing shipped, nothing to scan: services and digital goods need no GTIN.
    negative: () => [
      product({ variants: [variant({ barcode: null, requiresShipping: false, weight: null })] }),
    ],
  },
  "variant.invalid-barcode": {
    positive: () => {
      const checkDigit = variant({ barcode: "5701234567891" });
      const eleven = variant({ barcode: "57012345678" });
      const letters = variant({ barcode: "57-0123-4567" });
      return {
        products: [product({ variants: [checkDigit, eleven, letters] })],
        expected: [checkDigit.id, eleven.id, letters.id],
      };
    },
    negative: () => [
      product({
        variants: [
          variant({ barcode: "5701234567899" }), // GTIN-13
          variant({ barcode: "96385074" }), // GTIN-8
          variant({ barcode: "036000291452" }), // GTIN-12 (UPC-A)
          variant({ barcode: "10012345678902" }), // GTIN-14
          variant({ barcode: "04252614" }), // UPC-E of 042100005264 (not a valid GTIN-8)
        ],
      }),
    ],
  },
  "variant.duplicate-barcode": {
    positive: () => {
      const code = gtin13();
      const a = variant({ barcode: code });
      const b = variant({ barcode: `0${code}` }); // the same GTIN written as GTIN-14
      return {
        products: [product({ variants: [a] }), product({ variants: [b] })],
        expected: [a.id, b.id],
      };
    },
    negative: () => [product(), product()],
  },
  "variant.zero-weight": {
    positive: onVariant({ weight: { value: 0, unit: "GRAMS" } }),
    negative: () => [
      product({
        variants: [
          variant({ weight: { value: 0, unit: "GRAMS" }, requiresShipping: false, barcode: null }),
        ],
      }),
      product({ variants: [variant({ weight: null })] }),
    ],
  },
  "variant.out-of-stock-active": {
    positive: onVariant({
      inventoryQuantity: 0,
      inventoryLevels: [{ locationId: LOCATION, available: 0 }],
    }),
    negative: () => {
      const soldOut = {
        inventoryQuantity: 0,
        inventoryLevels: [{ locationId: LOCATION, available: 0 }],
      };
      return [
        product({ variants: [variant({ ...soldOut, inventoryPolicy: "CONTINUE" })] }),
        product({ variants: [variant({ ...soldOut, tracked: false })] }),
        product({ status: "DRAFT", variants: [variant(soldOut)] }),
        product({ variants: [variant({ inventoryQuantity: 1 })] }),
      ];
    },
  },
  "variant.negative-inventory": {
    positive: () => {
      const level = variant({
        inventoryPolicy: "CONTINUE",
        inventoryQuantity: 3,
        inventoryLevels: [
          { locationId: LOCATION, available: -2 },
          { locationId: "gid://shopify/Location/2", available: 5 },
        ],
      });
      // Without per-location data, a negative total still proves a negative location.
      const total = variant({
        inventoryPolicy: "CONTINUE",
        inventoryQuantity: -1,
        inventoryLevels: null,
      });
      return { products: [product({ variants: [level, total] })], expected: [level.id, total.id] };
    },
    negative: () => [
      product({
        variants: [
          variant({
            tracked: false,
            inventoryPolicy: "CONTINUE",
            inventoryQuantity: -2,
            inventoryLevels: [{ locationId: LOCATION, available: -2 }],
          }),
        ],
      }),
    ],
  },
};

function findingsOf(products: SnapshotProduct[], s: Partial<StoreSnapshot> = {}): Finding[] {
  return runProductQa(snapshot(products, s)).findings;
}

it("a built product is clean: no rule fires on it", () => {
  expect(findingsOf([product(), product(), product()])).toEqual([]);
});

describe.each(PRODUCT_QA_RULE_IDS.map((id) => [id, CASES[id]] as const))("%s", (ruleId, c) => {
  it("finds the problem, and nothing else fires", () => {
    const { products, expected } = c.positive();
    const findings = findingsOf(products);
    expect(findings.map((f) => f.resource.id).sort()).toEqual([...expected].sort());
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set([ruleId]));
  });

  it("does not fire on the other side of its line", () => {
    const findings = findingsOf(c.negative()).filter((f) => f.ruleId === ruleId);
    expect(findings).toEqual([]);
  });
});

describe("findings", () => {
  it("say what is wrong with the values they found", () => {
    const v = variant({ price: "199.00", compareAtPrice: "149.00" });
    const p = product({ handle: "telt", title: "Telt", variants: [v] });
    const [f] = findingsOf([p]);
    expect(f).toEqual({
      key: `variant.compare-at-below-price:${v.id}`,
      ruleId: "variant.compare-at-below-price",
      severity: "warning",
      category: "pricing",
      resource: {
        type: "variant",
        id: v.id,
        productId: p.id,
        productHandle: "telt",
        productTitle: "Telt",
        variantId: v.id,
        variantSku: v.sku,
        variantTitle: "Default Title",
      },
      message: "Compare-at price 149.00 DKK is below the price 199.00 DKK.",
      details: { price: "199.00", compareAtPrice: "149.00" },
      fixUrl: `https://admin.shopify.com/store/builder-shop/products/${legacyIdOf(p.id)}/variants/${legacyIdOf(v.id)}`,
    });
  });

  it("name a media resource by its position and link to its product", () => {
    const m = media({ alt: null });
    const p = product({ media: [media(), m, media()] });
    const [f] = findingsOf([p]);
    expect(f?.resource).toMatchObject({ type: "media", id: m.id, productId: p.id, position: 2 });
    expect(f?.message).toBe("Image 2 has no alt text.");
    expect(f?.fixUrl).toBe(
      `https://admin.shopify.com/store/builder-shop/products/${legacyIdOf(p.id)}`,
    );
  });

  it("list duplicates with the others named, at most five", () => {
    const sku = "SAME";
    const products = Array.from({ length: 8 }, () => product({ variants: [variant({ sku })] }));
    const findings = findingsOf(products);
    expect(findings).toHaveLength(8);
    const first = findings[0];
    expect(first?.details).toMatchObject({ sku, variants: 8 });
    expect(first?.details.others).toHaveLength(5);
    expect(first?.message).toMatch(
      /^SKU SAME is also used by 7 other variants: product-\d+, .*, …\.$/,
    );
  });

  it("come in a deterministic order: rule catalog order, then snapshot order", () => {
    const products = [
      product({ vendor: "", media: [] }),
      product({ media: [], variants: [variant({ sku: null }), variant({ sku: null })] }),
    ];
    const keys = findingsOf(products).map((f) => f.key);
    expect(keys).toEqual([
      `product.missing-image:${products[0]?.id}`,
      `product.missing-image:${products[1]?.id}`,
      `product.missing-vendor:${products[0]?.id}`,
      `variant.missing-sku:${products[1]?.variants[0]?.id}`,
      `variant.missing-sku:${products[1]?.variants[1]?.id}`,
    ]);
    expect(findingsOf(products).map((f) => f.key)).toEqual(keys);
  });
});
