/** The collection's overall percent while its phases run concurrently. */
import { describe, expect, it } from "vitest";
import { CollectionPercent } from "~/product-qa/server/progress";

const PHASES = [
  "shop",
  "products",
  "inventory",
  "collections",
  "markets",
  "deliveryProfiles",
  "policies",
  "discounts",
  "theme",
  "orders",
];

describe("CollectionPercent", () => {
  it("adds up the phases' done parts, never goes back, and ends at 80", () => {
    const percent = new CollectionPercent();
    const seen: number[] = [];
    // Interleaved, as concurrent phases report: orders half done before products start.
    seen.push(percent.update({ phase: "shop", done: 1, total: 1 })); // 2
    seen.push(percent.update({ phase: "orders", done: 50, total: 100 })); // + 0.5
    seen.push(percent.update({ phase: "products", done: 180, total: 360 })); // + 30
    // A phase restarting its count (a re-run bulk operation) does not take the bar back.
    seen.push(percent.update({ phase: "products", done: 0, total: 360 }));
    expect(seen).toEqual([2, 2, 32, 32]);
    for (const phase of PHASES) seen.push(percent.update({ phase, done: 1, total: 1 }));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(80);
  });

  it("phases without a total count as done once they report something", () => {
    const percent = new CollectionPercent();
    expect(percent.update({ phase: "theme", done: 0, total: null })).toBe(0);
    expect(percent.update({ phase: "theme", done: 3, total: null })).toBe(2);
  });

  it("a collection leaving phases out still ends at 80", () => {
    const percent = new CollectionPercent(["theme", "orders"]);
    let last = 0;
    for (const phase of PHASES) last = percent.update({ phase, done: 1, total: 1 });
    expect(last).toBe(80);
  });
});
