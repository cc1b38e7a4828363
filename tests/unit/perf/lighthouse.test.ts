/** Median-of-N Lighthouse runs and Shopify's weighted store score. */
import { describe, expect, it } from "vitest";
import { medianRun, storeScore } from "~/domain/perf/lighthouse";

const run = (id: string, score: number, lcpMs: number, tbtMs: number) => ({
  id,
  score,
  lcpMs,
  tbtMs,
  cls: 0.02,
});

describe("medianRun", () => {
  it("keeps the run closest to the median LCP and TBT, not the best or an average", () => {
    const runs = [
      run("fast", 92, 1800, 90),
      run("typical", 71, 3100, 420),
      run("slow", 48, 5200, 900),
    ];
    expect(medianRun(runs).id).toBe("typical");
  });

  it("is not fooled by one outlier metric: the run near both medians wins", () => {
    const runs = [
      run("a", 80, 2500, 300),
      run("b", 79, 2550, 2000), // LCP at the median, TBT far off
      run("c", 81, 2600, 320),
      run("d", 60, 4000, 310),
      run("e", 82, 2400, 330),
    ];
    // Medians: LCP 2550 ms, TBT 320 ms. "b" has the median LCP but a far-off TBT; "c" is near both.
    expect(medianRun(runs).id).toBe("c");
  });

  it("returns the single run of one, and refuses none", () => {
    expect(medianRun([run("only", 50, 1, 1)]).id).toBe("only");
    expect(() => medianRun([])).toThrow(/at least one run/);
  });
});

describe("storeScore", () => {
  it("weights home 17 %, product 40 %, collection 43 %", () => {
    expect(storeScore({ home: 100, product: 0, collection: 0 })).toBe(17);
    expect(storeScore({ home: 0, product: 100, collection: 0 })).toBe(40);
    expect(storeScore({ home: 60, product: 50, collection: 40 })).toBe(
      Math.round(10.2 + 20 + 17.2),
    );
  });

  it("is null unless all three page types were measured", () => {
    expect(storeScore({ home: 90, product: 80 })).toBeNull();
  });
});
