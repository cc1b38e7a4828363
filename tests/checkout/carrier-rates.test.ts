/**
 * Shops that ship by carrier-calculated rates (a delivery profile whose rates come from a
 * carrier service): the synthetic cart asks for the rates as the 2026-10 Storefront schema
 * documents (`withCarrierRates: true` under `@defer`, multipart answer), so such a shop is not
 * reported as having "no delivery option". Both outcomes — the carrier quotes rates, or none —
 * and the pending state (PENDING_DELIVERY_GROUPS) are covered. The stand-in's "Europe" zone
 * (DE, SE, FR) has only the carrier's rates; Denmark keeps its flat rates.
 */
import { afterEach, describe, expect, it } from "vitest";
import { listCheckoutRuns } from "~/checkout/models/checkout-runs.server";
import { runCheckoutChecks } from "~/checkout/server/run.server";
import { collectSnapshot } from "~/shopify/collect.server";
import type { StandinOptions } from "../../standin/server";
import { makeStore, withCarrierShipping } from "../standin/fixtures";
import { startShop, type ShopHarness } from "../shopify/helpers";

let h: ShopHarness;
afterEach(() => h?.close());

async function checkEurope(
  carrier: Parameters<typeof withCarrierShipping>[1],
  options: Partial<StandinOptions> = {},
  pendingRetryDelaysMs?: number[],
) {
  const store = withCarrierShipping(makeStore({ products: 4, passwordProtected: false }), carrier);
  h = await startShop(store, options, Date.now());
  const snapshot = await collectSnapshot(h.client());
  const result = await runCheckoutChecks(
    { shop: h.shop, snapshot },
    { admin: h.client(), ...(pendingRetryDelaysMs && { pendingRetryDelaysMs }) },
  );
  const eu = result.synthetic.find((s) => s.market === "eu");
  const dk = result.synthetic.find((s) => s.market === "dk");
  const [stored] = await listCheckoutRuns(h.shop);
  expect(stored?.runId).toBe(result.runId);
  return { eu, dk, stored: stored?.markets.find((m) => m.marketHandle === "eu") };
}

describe("carrier-calculated rates in the synthetic cart", () => {
  it("the carrier's rates are found: the market passes and its options are the carrier's", async () => {
    const { eu, dk, stored } = await checkEurope({ responseMs: 100 });
    expect(dk).toMatchObject({ status: "pass" });
    expect(eu).toMatchObject({ status: "pass", reason: null, country: "DE" });
    expect(stored?.details.cart?.deliveryOptions).toEqual([
      { title: "Nordic Freight Economy", amount: "79.00", currencyCode: "DKK" },
      { title: "Nordic Freight Express", amount: "149.50", currencyCode: "DKK" },
    ]);
    expect(stored?.details.cart?.warnings).toEqual([]);
  });

  it("the carrier quotes nothing for the address: no delivery option, said as such", async () => {
    const { eu } = await checkEurope({
      rates: [{ serviceName: "Sweden only", serviceCode: "SE", price: "10", countries: ["SE"] }],
    });
    expect(eu).toMatchObject({
      status: "fail",
      reason: expect.stringMatching(
        /^No shipping rate for Germany: Shopify offered no delivery option/,
      ),
    });
  });

  it("rates still pending at first are asked for again and then found", async () => {
    const { eu } = await checkEurope(
      { responseMs: 400 },
      { carrier: { timeoutMs: 10_000, holdMs: 20 } },
      [300, 300, 300],
    );
    expect(eu).toMatchObject({ status: "pass", reason: null });
  });

  it("rates that stay pending are their own verdict, not 'no delivery option'", async () => {
    const { eu, stored } = await checkEurope(
      { responseMs: 8_000 },
      { carrier: { timeoutMs: 10_000, holdMs: 20 } },
      [50, 50],
    );
    expect(eu).toMatchObject({
      status: "fail",
      reason: expect.stringMatching(/^Shopify was still calculating carrier rates for Germany/),
    });
    expect(stored?.details.failure).toBe("delivery-pending");
  });
});
