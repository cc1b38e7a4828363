/**
 * The search strings the app sends (`query:` arguments) do not depend on the stand-in's
 * simplifications of Shopify's search syntax: dates are full UTC timestamps (the stand-in reads a
 * bare date as midnight UTC where Shopify uses the shop's time zone), and Shopify reported no
 * unknown search field. Checked on the requests themselves, as they leave the app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "~/shopify/collect.server";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;
const sent: { query: string; variables: Record<string, unknown> }[] = [];
const warnings: unknown[] = [];

beforeAll(async () => {
  h = await startShop(makeStore({ products: 5 }), {}, Date.parse("2026-03-31T22:30:00Z"));
  const recording = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const body = JSON.parse(String(init?.body ?? "{}")) as (typeof sent)[number];
    sent.push(body);
    const response = await fetch(input, init);
    const json = (await response.clone().json()) as { extensions?: { search?: unknown } };
    if (json.extensions?.search) warnings.push(json.extensions.search);
    return response;
  }) as typeof fetch;
  await collectSnapshot(h.client({ fetch: recording }), {
    now: new Date("2026-03-31T22:30:00Z"),
  });
});
afterAll(() => h.close());

describe("search strings the app sends", () => {
  it("date filters are complete UTC timestamps, never bare dates", () => {
    const searches = sent
      .map((b) => b.variables?.query)
      .filter((q): q is string => typeof q === "string");
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches) {
      const dates = [...search.matchAll(/_at:[<>]=?'?([^' )]+)/g)].map((m) => m[1]);
      for (const date of dates)
        expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it("Shopify reported no unknown search field", () => {
    expect(warnings).toEqual([]);
  });
});
