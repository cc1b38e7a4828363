/**
 * The acceptance test of the checkout readiness rules: on the demo store, read through the app's
 * own collection code from the offline stand-in, every rule finds exactly the checkout defects
 * the manifest planted for it, and nothing on a correctly configured market or product.
 *
 * The manifest names policies by type, markets, products and discounts by GID, and the shop by
 * its GID; shop findings are about the shop's domain (the snapshot keeps no shop GID), so the
 * shop's planted defect is compared by resource type.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHECKOUT_READINESS_RULE_IDS } from "~/checkout/domain/rule-ids";
import { runCheckoutReadiness, type CheckoutReadinessResult } from "~/checkout/domain/run";
import { readinessCells } from "~/checkout/domain/matrix";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { collectSnapshot } from "~/shopify/collect.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { CHECKOUT_RULE_IDS as PLANTED_CHECKOUT_RULE_IDS } from "../../standin/seed/manifest";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2025-11-20T12:00:00Z");
const { store, manifest } = generateDemoStore({ seed: 42, now: NOW });
const PAYMENTS = {
  acceptedCardBrands: ["VISA", "MASTERCARD"],
  supportedDigitalWallets: ["SHOPIFY_PAY"],
  shopifyPaymentsAccountId: "acct_1",
};

let h: ShopHarness;
let snapshot: StoreSnapshot;
let result: CheckoutReadinessResult;

beforeAll(async () => {
  h = await startShop(store, {}, NOW.getTime());
  snapshot = await collectSnapshot(h.client(), { now: NOW });
  result = runCheckoutReadiness({ snapshot, payments: PAYMENTS });
}, 120_000);
afterAll(() => h.close());

const planted = (ruleId: string) =>
  manifest.defects
    .filter((d) => d.ruleId === ruleId)
    .map((d) => d.resourceId)
    .sort();
const found = (ruleId: string) =>
  result.findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => f.resource.id)
    .sort();

describe("checkout readiness on the demo store", () => {
  it("runs every readiness rule: nothing they need is missing from a live shop", () => {
    expect(result.skipped).toEqual([]);
    expect(result.ran).toEqual([...CHECKOUT_READINESS_RULE_IDS]);
  });

  it.each(
    PLANTED_CHECKOUT_RULE_IDS.filter((id) => id !== "checkout.storefront-password").map((id) => [
      id,
    ]),
  )("%s finds exactly the planted defects", (ruleId) => {
    expect(planted(ruleId).length, "the manifest plants this rule").toBeGreaterThan(0);
    expect(found(ruleId)).toEqual(planted(ruleId));
  });

  it("checkout.storefront-password finds the password-protected shop, once", () => {
    expect(planted("checkout.storefront-password")).toHaveLength(1);
    const findings = result.findings.filter((f) => f.ruleId === "checkout.storefront-password");
    expect(findings.map((f) => [f.resource.type, f.resource.id])).toEqual([
      ["shop", store.shop.myshopifyDomain],
    ]);
    expect(findings[0]?.message).toMatch(/development store/);
  });

  it("finds nothing the manifest did not plant (no purchasable-products or payments finding)", () => {
    const rules = new Set(result.findings.map((f) => f.ruleId));
    expect(rules.has("checkout.no-purchasable-products")).toBe(false);
    expect(rules.has("checkout.payments-not-ready")).toBe(false);
  });

  it("flags no correctly configured market, and no clean product but the two in Bulky goods", () => {
    const cells = readinessCells(snapshot, result);
    const broken = new Set(planted("checkout.market-without-shipping"));
    const good = (snapshot.markets ?? []).filter((m) => !broken.has(m.id));
    expect(good.map((m) => m.handle).sort()).toEqual(["dk", "eu", "no", "se", "uk"]);
    for (const market of good) {
      expect(result.findings.filter((f) => f.resource.id === market.id)).toEqual([]);
      expect(cells.get(market.id)?.shipping.status).toBe("pass");
      expect(cells.get(market.id)?.purchasable.status).toBe("pass");
    }
    const ch = [...broken][0] ?? "";
    expect(cells.get(ch)).toMatchObject({
      shipping: { status: "fail" },
      purchasable: { status: "fail" },
    });
    const bulky = new Set(planted("checkout.product-not-shippable"));
    const onClean = result.findings.filter(
      (f) => f.resource.type === "product" && !bulky.has(f.resource.id),
    );
    expect(onClean).toEqual([]);
  });

  it("says why and where: the cargo bikes miss Norway, the EU and the UK, not Switzerland", () => {
    const finding = result.findings.find((f) => f.ruleId === "checkout.product-not-shippable");
    expect([...((finding?.details.countries as string[] | undefined) ?? [])].sort()).toEqual([
      "AT",
      "BE",
      "DE",
      "FI",
      "FR",
      "GB",
      "IE",
      "NL",
      "NO",
    ]);
    expect(finding?.message).toMatch(/"Bulky goods" has no rate there/);
    expect(finding?.fixUrl).toMatch(
      /^https:\/\/admin\.shopify\.com\/store\/nordvej-outdoor\/settings\/shipping\/profiles\/\d+$/,
    );
    const policy = result.findings.find((f) => f.ruleId === "checkout.policy-missing");
    expect(policy?.fixUrl).toBe("https://admin.shopify.com/store/nordvej-outdoor/settings/legal");
    const discounts = result.findings.filter(
      (f) => f.ruleId === "checkout.discount-expired-active",
    );
    expect(
      discounts
        .map((d) => ("title" in d.resource ? d.resource.title : d.resource.productTitle))
        .sort(),
    ).toEqual(["BLACKFRIDAY", "CYKELKLUB50"]);
  });
});
