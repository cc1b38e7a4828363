/**
 * Products that are not held to every rule: archived products (to none), gift cards and
 * unlisted products (to the rules that make no sense for them), and drafts (to every rule, one
 * severity lower). The exemptions are data on the rules; these tests pin the decisions that
 * docs/rules.md documents.
 */
import { describe, expect, it } from "vitest";
import { PRODUCT_QA_RULES } from "~/product-qa/domain/catalog";
import { runProductQa } from "~/product-qa/domain/run";
import type { SnapshotProduct } from "~/snapshot/domain/types";
import { media, product, snapshot, variant } from "./builders";

/** A product with every problem a product rule can find. */
function broken(overrides: Partial<SnapshotProduct>): SnapshotProduct {
  return product({
    title: "Lorem ipsum",
    descriptionHtml: "<p>Kort.</p>",
    vendor: "",
    productType: "",
    category: null,
    collectionIds: [],
    publishedOnlineStore: false,
    seo: { title: "x".repeat(100), description: null },
    media: [media({ alt: null })],
    variants: [
      variant({
        sku: null,
        barcode: "123",
        price: "0.00",
        compareAtPrice: null,
        weight: { value: 0, unit: "GRAMS" },
        inventoryQuantity: -1,
        inventoryLevels: [{ locationId: "gid://shopify/Location/1", available: -1 }],
      }),
    ],
    ...overrides,
  });
}

const rulesOf = (p: SnapshotProduct, others: SnapshotProduct[] = []) =>
  new Set(
    runProductQa(snapshot([p, ...others]))
      .findings.filter((f) => "productId" in f.resource && f.resource.productId === p.id)
      .map((f) => f.ruleId),
  );

describe("archived products", () => {
  it("are exempt from every rule", () => {
    expect(rulesOf(broken({ status: "ARCHIVED" }))).toEqual(new Set());
    for (const rule of PRODUCT_QA_RULES) expect(rule.exempt.archived, rule.id).toBeTruthy();
  });

  it("do not count as the other half of a duplicate", () => {
    const sku = "OLD-1";
    const archived = product({ status: "ARCHIVED", title: "Telt", variants: [variant({ sku })] });
    const active = product({ title: "Telt", variants: [variant({ sku })] });
    expect(runProductQa(snapshot([archived, active])).findings).toEqual([]);
  });

  it("are not counted as checked", () => {
    const result = runProductQa(snapshot([product({ status: "ARCHIVED" }), product()]));
    expect(result.stats).toMatchObject({ productsChecked: 1, variantsChecked: 1 });
  });
});

describe("gift cards", () => {
  const giftCard = () =>
    product({
      isGiftCard: true,
      descriptionHtml: "<p>Et digitalt gavekort, sendt på e-mail.</p>",
      media: [media()],
      variants: [
        variant({
          sku: null,
          barcode: null,
          tracked: false,
          requiresShipping: false,
          weight: { value: 0, unit: "GRAMS" },
          inventoryQuantity: 0,
          inventoryLevels: [{ locationId: "gid://shopify/Location/1", available: 0 }],
        }),
      ],
    });

  it("are not held to image count, SKU, barcode, weight, stock or description length", () => {
    expect(rulesOf(giftCard())).toEqual(new Set());
  });

  it("are exempt from exactly the rules docs/rules.md lists for them", () => {
    expect(
      PRODUCT_QA_RULES.filter((r) => r.exempt.giftCard !== undefined).map((r) => r.id),
    ).toEqual([
      "product.few-images",
      "product.short-description",
      "variant.missing-sku",
      "variant.missing-barcode",
      "variant.invalid-barcode",
      "variant.duplicate-barcode",
      "variant.zero-weight",
      "variant.out-of-stock-active",
      "variant.negative-inventory",
    ]);
  });

  it("are still held to the rules that matter for them", () => {
    const free = giftCard();
    free.variants = free.variants.map((v) => ({ ...v, price: "0.00" }));
    free.media = [];
    expect(rulesOf(free)).toEqual(new Set(["product.missing-image", "variant.zero-price"]));
  });
});

describe("unlisted products", () => {
  it("are exempt from collection and search-listing rules, and held to the rest", () => {
    const unlisted = broken({ status: "UNLISTED" });
    const rules = rulesOf(unlisted);
    for (const id of [
      "product.not-in-collection",
      "seo.missing-title",
      "seo.missing-description",
      "seo.title-length",
      "seo.description-length",
    ])
      expect(rules.has(id), id).toBe(false);
    expect(rules.has("product.missing-vendor")).toBe(true);
    expect(rules.has("variant.zero-price")).toBe(true);
  });
});

describe("draft products", () => {
  it("are checked by every rule that applies to them, one severity lower", () => {
    const draft = product({ status: "DRAFT", media: [], vendor: "" });
    const active = product({ media: [], vendor: "" });
    const findings = runProductQa(snapshot([draft, active])).findings;
    const of = (p: SnapshotProduct, ruleId: string) =>
      findings.find((f) => f.ruleId === ruleId && f.resource.id === p.id);
    expect(of(active, "product.missing-image")?.severity).toBe("critical");
    expect(of(draft, "product.missing-image")).toMatchObject({
      severity: "warning",
      details: { images: 0, draft: true },
    });
    expect(of(active, "product.missing-vendor")?.severity).toBe("warning");
    expect(of(draft, "product.missing-vendor")?.severity).toBe("info");
  });

  it("are not reported as unpublished or sold out: they are not for sale yet", () => {
    const draft = product({
      status: "DRAFT",
      publishedOnlineStore: false,
      variants: [variant({ inventoryQuantity: 0, inventoryLevels: [] })],
    });
    expect(rulesOf(draft)).toEqual(new Set());
  });
});
