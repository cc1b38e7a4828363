/**
 * The synthetic carts against the demo store on the stand-in, through the app's real Storefront
 * and checkout-URL code: they pass on correct markets and fail with the right reason on the
 * uncovered market and on a password-protected storefront; the Storefront token is created once,
 * reused, and replaced when revoked; every run is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCheckoutRuns } from "~/checkout/models/checkout-runs.server";
import { runCheckoutChecks, type CheckoutChecksResult } from "~/checkout/server/run.server";
import { openCheckout } from "~/shopify/storefront/checkout-page.server";
import { startDemoShop, type DemoShop } from "./helpers";

let demo: DemoShop;
const runs: Record<string, CheckoutChecksResult> = {};

const GOOD = ["dk", "eu", "no", "se", "uk"];

async function storefrontTokens(): Promise<string[]> {
  const { data } = await demo.admin(
    "{ shop { storefrontAccessTokens(first: 10) { nodes { id } } } }",
  );
  const shop = data?.shop as { storefrontAccessTokens: { nodes: { id: string }[] } };
  return shop.storefrontAccessTokens.nodes.map((n) => n.id);
}

const run = (shop = demo.h.shop) =>
  runCheckoutChecks({ shop, snapshot: demo.snapshot }, { admin: demo.h.client() });

beforeAll(async () => {
  demo = await startDemoShop();
}, 120_000);
afterAll(() => demo.h.close());

describe("a password-protected storefront (the demo shop as seeded)", () => {
  it("fails every market with the password reason, and CH also for shipping", async () => {
    runs.protected = await run();
    const byMarket = Object.fromEntries(runs.protected.synthetic.map((s) => [s.market, s]));
    expect(Object.keys(byMarket).sort()).toEqual([...GOOD, "ch"].sort());
    for (const s of runs.protected.synthetic) {
      expect(s.status).toBe("fail");
      expect(s.reason).toMatch(/password page/);
    }
    expect(byMarket.ch?.reason).toMatch(/Switzerland/);
    expect(byMarket.eu?.country).toBe("DE");
    expect(runs.protected.findings.map((f) => f.ruleId)).toContain("checkout.storefront-password");
    expect(await storefrontTokens()).toHaveLength(1);
  });
});

describe("an open storefront", () => {
  it("passes every correct market and fails CH because Shopify cannot ship there", async () => {
    demo.h.standin.setPasswordProtection(demo.h.shop, false);
    runs.open = await run();
    for (const s of runs.open.synthetic) {
      if (GOOD.includes(s.market))
        expect(s, s.market).toMatchObject({ status: "pass", reason: null });
      else expect(s).toMatchObject({ market: "ch", country: "CH", status: "fail" });
    }
    const picked = await firstPickTitle();
    expect(picked).not.toBe("?");
    expect(runs.open.synthetic.find((s) => s.market === "ch")?.reason).toBe(
      `Shopify cannot ship "${picked}" to Switzerland: customers there are stopped at the shipping step.`,
    );
    // The stored token was reused.
    expect(await storefrontTokens()).toHaveLength(1);
  });

  it("stores the run: per market its cart, delivery options, checkout answer, timings and matrix cells", async () => {
    const [latest] = await listCheckoutRuns(demo.h.shop);
    expect(latest?.runId).toBe(runs.open?.runId);
    const dk = latest?.markets.find((m) => m.marketHandle === "dk");
    expect(dk?.details.cart?.deliveryOptions.map((o) => o.title)).toEqual([
      "PostNord pakkeshop",
      "GLS hjemmelevering",
    ]);
    expect(dk?.details.checkout).toMatchObject({ status: 200, page: "checkout" });
    expect(dk?.details.timings.cartMs).toBeGreaterThan(0);
    expect(dk?.details.timings.checkoutMs).toBeGreaterThan(0);
    expect(dk?.details.cells).toMatchObject({
      shipping: { status: "pass" },
      purchasable: { status: "pass" },
      cart: { status: "pass" },
      checkout: { status: "pass" },
    });
    const ch = latest?.markets.find((m) => m.marketHandle === "ch");
    expect(ch?.details.failure).toBe("not-shippable");
    expect(ch?.details.cells).toMatchObject({
      shipping: { status: "fail" },
      cart: { status: "fail" },
      checkout: { status: "pass" },
    });
    // The readiness findings come from the snapshot, collected while the password was on.
    expect(latest?.summary.findings.map((f) => f.ruleId)).toContain("checkout.storefront-password");
  });

  it("replaces a revoked Storefront token once and goes on", async () => {
    const [old] = await storefrontTokens();
    const deleted = await demo.admin(
      "mutation ($id: ID!) { storefrontAccessTokenDelete(input: { id: $id }) { deletedStorefrontAccessTokenId } }",
      { id: old },
    );
    expect(deleted.data).toBeDefined();
    const again = await run();
    expect(again.syntheticSkipped).toBeNull();
    expect(again.synthetic.filter((s) => s.status === "pass")).toHaveLength(GOOD.length);
    const now = await storefrontTokens();
    expect(now).toHaveLength(1);
    expect(now[0]).not.toBe(old);
  });

  it("keeps every run, newest first", async () => {
    const stored = await listCheckoutRuns(demo.h.shop);
    expect(stored.map((r) => r.runId).slice(0, 2)).toEqual([expect.any(String), runs.open?.runId]);
    expect(stored).toHaveLength(3);
    expect(stored.every((r) => r.markets.length === 6)).toBe(true);
  });
});

describe("the checkout URL of an unknown cart", () => {
  it("answers not found on an open shop, and the password page on a protected one", async () => {
    const url = `https://${demo.h.shop}/cart/c/unknown-token?key=nope`;
    expect(await openCheckout(url)).toMatchObject({ kind: "not-found", status: 404 });
    demo.h.standin.setPasswordProtection(demo.h.shop, true);
    expect(await openCheckout(url)).toMatchObject({
      kind: "password",
      status: 302,
      detail: "redirected to /password",
    });
  });
});

/** The product the CH cart holds: the first purchasable variant's product (the pick is deterministic). */
async function firstPickTitle(): Promise<string> {
  const [latest] = await listCheckoutRuns(demo.h.shop);
  return latest?.markets.find((m) => m.marketHandle === "ch")?.details.pick?.productTitle ?? "?";
}
