/**
 * The acceptance test of the product QA audit: on the demo store, read through the app's own
 * collection code from the offline Shopify stand-in, every rule finds exactly the defects the
 * manifest planted for it (precision and recall 100 % per rule), and no clean product has any
 * finding at all.
 *
 * Granularity: the manifest names the resource a finding is about, the way the rules do —
 * product rules the product, variant rules the variant, `image.missing-alt` the image (media
 * GID) — so manifest ids and finding resource ids compare directly. Clean products are checked
 * through `resource.productId`, which every product-level finding carries, so variant and image
 * findings on a clean product count against it too.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProductQa, type ProductQaResult } from "~/product-qa/domain/run";
import { PRODUCT_QA_RULE_IDS } from "~/product-qa/domain/rule-ids";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { collectSnapshot } from "~/shopify/collect.server";
import { generateDemoStore } from "../../../standin/seed/demo-store";
import { PRODUCT_RULE_IDS } from "../../../standin/seed/manifest";
import { startShop, type ShopHarness } from "../../shopify/helpers";

const NOW = new Date("2025-11-20T12:00:00Z");
const { store, manifest } = generateDemoStore({ seed: 42, now: NOW });

let h: ShopHarness;
const results = new Map<"paged" | "bulk", { snapshot: StoreSnapshot; result: ProductQaResult }>();

beforeAll(async () => {
  h = await startShop(store, {}, NOW.getTime());
  for (const strategy of ["paged", "bulk"] as const) {
    const snapshot = await collectSnapshot(h.client(), { strategy, now: NOW });
    results.set(strategy, { snapshot, result: runProductQa(snapshot) });
  }
}, 180_000);
afterAll(() => h.close());

it("the app's rule ids are the ones the demo store plants", () => {
  expect([...PRODUCT_QA_RULE_IDS]).toEqual([...PRODUCT_RULE_IDS]);
});

describe.each(["paged", "bulk"] as const)("the demo store, collected %s", (strategy) => {
  const run = () => {
    const entry = results.get(strategy);
    if (!entry) throw new Error(`no ${strategy} collection`);
    return entry;
  };

  it("runs every product rule: nothing the rules need is missing from a live shop", () => {
    expect(run().result.skipped).toEqual([]);
    expect(run().result.ran).toEqual([...PRODUCT_QA_RULE_IDS]);
  });

  it.each([...PRODUCT_QA_RULE_IDS])("%s finds exactly the planted defects", (ruleId) => {
    const found = run()
      .result.findings.filter((f) => f.ruleId === ruleId)
      .map((f) => f.resource.id)
      .sort();
    const planted = manifest.defects
      .filter((d) => d.ruleId === ruleId)
      .map((d) => d.resourceId)
      .sort();
    expect(planted.length, "the manifest plants this rule").toBeGreaterThan(0);
    expect(found).toEqual(planted);
  });

  it("flags nothing on the clean products", () => {
    const clean = new Set(manifest.cleanProductIds);
    const onClean = run().result.findings.filter(
      (f) => "productId" in f.resource && clean.has(f.resource.productId),
    );
    expect(onClean.map((f) => f.key)).toEqual([]);
    expect(clean.size).toBeGreaterThanOrEqual(50);
  });

  it("checks every product but the archived ones, and links each finding into admin", () => {
    const { snapshot, result } = run();
    const archived = snapshot.products.filter((p) => p.status === "ARCHIVED");
    expect(archived.length).toBeGreaterThan(0);
    expect(result.stats.productsChecked).toBe(snapshot.products.length - archived.length);
    for (const f of result.findings)
      expect(f.fixUrl).toMatch(
        /^https:\/\/admin\.shopify\.com\/store\/nordvej-outdoor\/products\/\d+/,
      );
  });
});
