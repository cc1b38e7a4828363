/**
 * Manifest self-check: small predicates written here, independently of the generator, decide
 * which resources exhibit each rule's problem. The demo store must show exactly the planted
 * defects (no more, no less), and the clean products none at all.
 *
 * Thresholds (docs/demo-store.md): fewer than 3 images, fewer than 50 words of description,
 * SEO title over 70 and SEO description over 160 characters. Archived products are out of scope;
 * exemptions in the manifest name the rules a product is excused from.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_APP_HOSTS } from "~/performance/domain/app-hosts";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinProduct, StandinStore, StandinVariant } from "../../standin/store/types";

const NOW = new Date("2025-11-20T12:00:00Z");

const REQUIRED_RULES = [
  "product.missing-image",
  "product.few-images",
  "image.missing-alt",
  "product.missing-description",
  "product.short-description",
  "product.placeholder-copy",
  "product.duplicate-title",
  "product.missing-vendor",
  "product.missing-type",
  "product.missing-category",
  "product.not-in-collection",
  "product.unpublished-online-store",
  "seo.missing-title",
  "seo.missing-description",
  "seo.title-length",
  "seo.description-length",
  "variant.zero-price",
  "variant.compare-at-below-price",
  "variant.missing-sku",
  "variant.duplicate-sku",
  "variant.missing-barcode",
  "variant.invalid-barcode",
  "variant.duplicate-barcode",
  "variant.zero-weight",
  "variant.out-of-stock-active",
  "variant.negative-inventory",
  "checkout.policy-missing",
  "checkout.market-without-shipping",
  "checkout.product-not-shippable",
  "checkout.discount-expired-active",
  "checkout.storefront-password",
  "perf.app-leftover",
  "perf.theme-parser-blocking-script",
  "perf.theme-asset-size",
  "perf.theme-deprecated-code",
  "perf.theme-missing-file",
  "perf.theme-syntax-error",
];

// --- independent predicates ------------------------------------------------------------------

function visibleWords(html: string): number {
  const text = html.replace(/<[^>]+>/g, " ").replace(/&nbsp;|&amp;|&[a-z]+;/g, " ");
  return text.split(/\s+/).filter((w) => /[a-zA-Z0-9æøåÆØÅ]/.test(w)).length;
}

function validGtin(code: string): boolean {
  if (!/^(\d{8}|\d{12}|\d{13}|\d{14})$/.test(code)) return false;
  const digits = [...code].map(Number);
  const check = digits.pop() ?? -1;
  const sum = digits.reverse().reduce((acc, d, i) => acc + d * (i % 2 === 0 ? 3 : 1), 0);
  return (10 - (sum % 10)) % 10 === check;
}

const blank = (s: string | null) => s === null || s.trim() === "";
const counts = (values: string[]) =>
  values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

interface Scope {
  titles: Map<string, number>;
  skus: Map<string, number>;
  barcodes: Map<string, number>;
}

type ProductRule = (p: StandinProduct, scope: Scope) => string[];
const onProduct =
  (test: (p: StandinProduct, scope: Scope) => boolean): ProductRule =>
  (p, scope) =>
    test(p, scope) ? [p.id] : [];
const onVariants =
  (test: (v: StandinVariant, p: StandinProduct, scope: Scope) => boolean): ProductRule =>
  (p, scope) =>
    p.variants.filter((v) => test(v, p, scope)).map((v) => v.id);

const PRODUCT_RULES: Record<string, ProductRule> = {
  "product.missing-image": onProduct((p) => p.media.length === 0),
  "product.few-images": onProduct((p) => p.media.length > 0 && p.media.length < 3),
  "image.missing-alt": (p) => p.media.filter((m) => blank(m.alt)).map((m) => m.id),
  "product.missing-description": onProduct((p) => visibleWords(p.descriptionHtml) === 0),
  "product.short-description": onProduct(
    (p) => visibleWords(p.descriptionHtml) > 0 && visibleWords(p.descriptionHtml) < 50,
  ),
  "product.placeholder-copy": onProduct((p) =>
    /lorem ipsum|this is a demonstration store/i.test(p.descriptionHtml),
  ),
  "product.duplicate-title": onProduct(
    (p, s) => (s.titles.get(p.title.trim().toLowerCase()) ?? 0) > 1,
  ),
  "product.missing-vendor": onProduct((p) => blank(p.vendor)),
  "product.missing-type": onProduct((p) => blank(p.productType)),
  "product.missing-category": onProduct((p) => p.category === null),
  "product.not-in-collection": onProduct((p) => p.collectionIds.length === 0),
  "product.unpublished-online-store": onProduct(
    (p) => p.status === "ACTIVE" && p.onlineStorePublishedAt === null,
  ),
  "seo.missing-title": onProduct((p) => blank(p.seo.title)),
  "seo.missing-description": onProduct((p) => blank(p.seo.description)),
  "seo.title-length": onProduct((p) => (p.seo.title ?? "").length > 70),
  "seo.description-length": onProduct((p) => (p.seo.description ?? "").length > 160),
  "variant.zero-price": onVariants((v) => Number(v.price) === 0),
  "variant.compare-at-below-price": onVariants(
    (v) => v.compareAtPrice !== null && Number(v.compareAtPrice) < Number(v.price),
  ),
  "variant.missing-sku": onVariants((v) => blank(v.sku)),
  "variant.duplicate-sku": onVariants(
    (v, _, s) => !blank(v.sku) && (s.skus.get(v.sku ?? "") ?? 0) > 1,
  ),
  "variant.missing-barcode": onVariants((v) => blank(v.barcode)),
  "variant.invalid-barcode": onVariants((v) => !blank(v.barcode) && !validGtin(v.barcode ?? "")),
  "variant.duplicate-barcode": onVariants(
    (v, _, s) => !blank(v.barcode) && (s.barcodes.get(v.barcode ?? "") ?? 0) > 1,
  ),
  "variant.zero-weight": onVariants(
    (v) => v.inventoryItem.requiresShipping && v.inventoryItem.weight.value === 0,
  ),
  "variant.out-of-stock-active": onVariants(
    (v, p) =>
      p.status === "ACTIVE" &&
      v.inventoryItem.tracked &&
      v.inventoryPolicy === "DENY" &&
      v.inventoryItem.levels.reduce((n, l) => n + l.available, 0) <= 0,
  ),
  "variant.negative-inventory": onVariants((v) =>
    v.inventoryItem.levels.some((l) => l.available < 0),
  ),
};

function audited(store: StandinStore): StandinProduct[] {
  return store.products.filter((p) => p.status !== "ARCHIVED");
}

function scopeOf(products: StandinProduct[]): Scope {
  const variants = products.flatMap((p) => p.variants);
  return {
    titles: counts(products.map((p) => p.title.trim().toLowerCase())),
    skus: counts(variants.flatMap((v) => (blank(v.sku) ? [] : [v.sku ?? ""]))),
    barcodes: counts(variants.flatMap((v) => (blank(v.barcode) ? [] : [v.barcode ?? ""]))),
  };
}

/** "ruleId resourceId" for every product-rule finding, honouring the manifest's exemptions. */
function productFindings(store: StandinStore, exempt: Map<string, Set<string>>): Set<string> {
  const products = audited(store);
  const scope = scopeOf(products);
  const found = new Set<string>();
  for (const p of products) {
    for (const [rule, test] of Object.entries(PRODUCT_RULES)) {
      if (exempt.get(p.id)?.has(rule)) continue;
      for (const id of test(p, scope)) found.add(`${rule} ${id}`);
    }
  }
  return found;
}

function coveredCountries(
  profile: StandinStore["deliveryProfiles"][number] | undefined,
): Set<string> {
  return new Set(
    profile?.locationGroups.flatMap((g) =>
      g.zones.filter((z) => z.rates.some((r) => r.active)).flatMap((z) => z.countries),
    ),
  );
}

function checkoutFindings(store: StandinStore, now: Date): Set<string> {
  const found = new Set<string>();
  const required = [
    "REFUND_POLICY",
    "PRIVACY_POLICY",
    "TERMS_OF_SERVICE",
    "SHIPPING_POLICY",
    "CONTACT_INFORMATION",
  ];
  for (const type of required)
    if (!store.policies.some((p) => p.type === type && p.body.trim() !== ""))
      found.add(`checkout.policy-missing ${type}`);

  const general = store.deliveryProfiles.find((d) => d.isDefault);
  const everywhere = new Set(store.deliveryProfiles.flatMap((d) => [...coveredCountries(d)]));
  for (const m of store.markets.filter((x) => x.status === "ACTIVE")) {
    if (m.countries.some((c) => !everywhere.has(c)))
      found.add(`checkout.market-without-shipping ${m.id}`);
  }
  const shippable = coveredCountries(general);
  const sold = store.markets
    .filter((m) => m.status === "ACTIVE")
    .flatMap((m) => m.countries.filter((c) => shippable.has(c)));
  for (const p of store.products.filter((x) => x.status === "ACTIVE" && !x.isGiftCard)) {
    const profile =
      store.deliveryProfiles.find((d) => p.variants.some((v) => d.variantIds.includes(v.id))) ??
      general;
    const covered = coveredCountries(profile);
    if (sold.some((c) => !covered.has(c))) found.add(`checkout.product-not-shippable ${p.id}`);
  }
  for (const d of store.discounts.filter((x) => x.status === "ACTIVE")) {
    const ended = d.endsAt !== null && Date.parse(d.endsAt) < now.getTime();
    const usedUp = d.usageLimit !== null && d.usageCount >= d.usageLimit;
    if (ended || usedUp) found.add(`checkout.discount-expired-active ${d.id}`);
  }
  if (store.shop.passwordProtected) found.add(`checkout.storefront-password ${store.shop.id}`);

  // Leftovers: a <script src> anywhere in the theme's code (JSON escapes undone) from a Shopify
  // app's host (the app-host list) while none of that app's handles is installed as an enabled
  // app embed or block in any JSON file.
  for (const theme of store.themes.filter((t) => t.role === "MAIN")) {
    const code = theme.files.filter((f) => /\.(liquid|json)$/.test(f.filename));
    const installed = new Set(
      code
        .filter((f) => f.filename.endsWith(".json"))
        .flatMap((f) => {
          const text = f.body.replace(/\\\//g, "/");
          return [
            ...text.matchAll(
              /"type": "shopify:\/\/apps\/([a-z0-9-]+)\/[^"]*"(,\s*"disabled": true)?/g,
            ),
          ]
            .filter((m) => m[2] === undefined)
            .map((m) => m[1] ?? "");
        }),
    );
    for (const f of code) {
      const text = f.body.replace(/\\\//g, "/").replace(/\\"/g, '"');
      for (const m of text.matchAll(/<script[^>]+src="https?:\/\/([^/"]+)\//g)) {
        const host = m[1] ?? "";
        const app = DEFAULT_APP_HOSTS.apps.find((a) =>
          a.patterns.some((p) => p === host || (p.startsWith("*.") && host.endsWith(p.slice(1)))),
        );
        if (!app || app.handles.length === 0 || app.handles.some((h) => installed.has(h))) continue;
        found.add(`perf.app-leftover ${theme.id}:${f.filename}:${host}`);
      }
    }
  }
  return found;
}

// --- the checks --------------------------------------------------------------------------------

describe.each([42, 7, 2024])("manifest of planted defects (seed %i)", (seed) => {
  const { store, manifest } = generateDemoStore({ seed, now: NOW });
  const exempt = new Map((manifest.exemptions ?? []).map((e) => [e.productId, new Set(e.ruleIds)]));
  const productRuleIds = new Set(Object.keys(PRODUCT_RULES));
  const planted = (filter: (rule: string) => boolean) =>
    new Set(
      manifest.defects.filter((d) => filter(d.ruleId)).map((d) => `${d.ruleId} ${d.resourceId}`),
    );

  it("plants every rule at least once", () => {
    const rules = new Set(manifest.defects.map((d) => d.ruleId));
    for (const rule of REQUIRED_RULES) expect(rules, rule).toContain(rule);
  });

  it("lists exactly the product-data problems the store has: every planted defect is real, and nothing else is wrong", () => {
    const found = productFindings(store, exempt);
    const expected = planted((r) => productRuleIds.has(r));
    expect(
      [...found].filter((f) => !expected.has(f)),
      "unplanted findings",
    ).toEqual([]);
    expect(
      [...expected].filter((f) => !found.has(f)),
      "planted but not exhibited",
    ).toEqual([]);
  });

  it("lists exactly the checkout and theme problems the store has", () => {
    const found = checkoutFindings(store, NOW);
    // theme-check's findings are checked against theme-check itself (tests/performance/storefront.test.ts).
    const expected = planted((r) => !productRuleIds.has(r) && !r.startsWith("perf.theme-"));
    expect([...found].sort()).toEqual([...expected].sort());
  });

  it("plants theme-check's problems in files the theme has, with their line", () => {
    const theme = store.themes.find((t) => t.role === "MAIN");
    for (const d of manifest.defects.filter((x) => x.ruleId.startsWith("perf.theme-"))) {
      const file = d.resourceId.slice((theme?.id.length ?? 0) + 1);
      expect(
        theme?.files.some((f) => f.filename === file),
        d.resourceId,
      ).toBe(true);
      expect(d.note).toMatch(new RegExp(`^${file.replace(/[.]/g, "\\.")}( line \\d+)?:`));
    }
  });

  it("isolates product defects: a planted product carries one rule", () => {
    const productOf = new Map(
      store.products.flatMap(
        (p) =>
          [
            [p.id, p.id],
            ...p.variants.map((v) => [v.id, p.id]),
            ...p.media.map((m) => [m.id, p.id]),
          ] as [string, string][],
      ),
    );
    const rulesPerProduct = new Map<string, Set<string>>();
    for (const d of manifest.defects.filter((x) => productRuleIds.has(x.ruleId))) {
      const product = productOf.get(d.resourceId);
      expect(product, d.resourceId).toBeDefined();
      const set = rulesPerProduct.get(product ?? "") ?? new Set();
      rulesPerProduct.set(product ?? "", set.add(d.ruleId));
      expect(store.products.find((p) => p.id === product)?.handle).toBe(d.handle);
    }
    for (const [product, rules] of rulesPerProduct) expect([...rules], product).toHaveLength(1);
  });

  it("names at least 50 clean ACTIVE products that no product rule flags", () => {
    expect(manifest.cleanProductIds.length).toBeGreaterThanOrEqual(50);
    const found = productFindings(store, new Map());
    const flagged = new Set([...found].map((f) => f.split(" ")[1]));
    const products = new Map(store.products.map((p) => [p.id, p]));
    for (const id of manifest.cleanProductIds) {
      const p = products.get(id);
      expect(p?.status).toBe("ACTIVE");
      expect(flagged.has(id), p?.handle).toBe(false);
      for (const v of p?.variants ?? []) expect(flagged.has(v.id), v.id).toBe(false);
      for (const m of p?.media ?? []) expect(flagged.has(m.id), m.id).toBe(false);
      // The positive side of "clean", beyond the absence of findings.
      expect(p?.media.length).toBeGreaterThanOrEqual(3);
      for (const v of p?.variants ?? []) {
        expect(validGtin(v.barcode ?? "")).toBe(true);
        expect(Number(v.price)).toBeGreaterThan(0);
        expect(v.inventoryItem.levels.reduce((n, l) => n + l.available, 0)).toBeGreaterThan(0);
      }
    }
  });

  it("exempts only the gift card and archived products, and the exemptions are needed", () => {
    const products = new Map(store.products.map((p) => [p.id, p]));
    const raw = productFindings(store, new Map());
    for (const e of manifest.exemptions ?? []) {
      const p = products.get(e.productId);
      expect(p?.isGiftCard || p?.status === "ARCHIVED", e.handle).toBe(true);
    }
    const giftCard = store.products.find((p) => p.isGiftCard);
    expect(giftCard && exempt.has(giftCard.id)).toBe(true);
    // Without its exemptions the gift card would be flagged: the exemption list is not decoration.
    expect(
      [...raw].some((f) => f.startsWith("product.few-images") && f.endsWith(giftCard?.id ?? "?")),
    ).toBe(true);
    // Archived products keep stale data that product rules would flag if they did not skip them.
    const archived = store.products.filter((p) => p.status === "ARCHIVED");
    const staleFindings = archived.flatMap((p) =>
      Object.values(PRODUCT_RULES).flatMap((rule) => rule(p, scopeOf(store.products))),
    );
    expect(archived.length).toBeGreaterThan(0);
    expect(staleFindings.length).toBeGreaterThan(0);
  });
});
