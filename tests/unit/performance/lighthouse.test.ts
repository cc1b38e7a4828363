/** Median-of-N Lighthouse runs and Shopify's weighted store score. */
import { describe, expect, it } from "vitest";
import {
  lighthouseMetrics,
  lighthouseStoreScore,
  median,
  medianRun,
  storeScore,
  summarisePage,
} from "~/performance/domain/lighthouse";

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

describe("median", () => {
  it("is the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe("summarisePage", () => {
  it("shows the median of each figure over N runs and names the representative run", () => {
    const runs = [
      { score: 92, lcpMs: 1800, tbtMs: 90, cls: 0.01 },
      { score: 48, lcpMs: 5200, tbtMs: 900, cls: 0.2 },
      { score: 71, lcpMs: 3100, tbtMs: 420, cls: 0.05 },
    ];
    const page = summarisePage("product", "https://acme.myshopify.com/products/a", runs);
    expect(page.median).toEqual({ score: 71, lcpMs: 3100, tbtMs: 420, cls: 0.05 });
    expect(page.representativeRun).toBe(2);
    expect(page.runs).toBe(runs);
  });

  it("takes each figure's median on its own, so the figures may come from different runs", () => {
    const page = summarisePage("home", "https://acme.myshopify.com/", [
      { score: 90, lcpMs: 4000, tbtMs: 10, cls: 0 },
      { score: 60, lcpMs: 2000, tbtMs: 30, cls: 0.3 },
      { score: 80, lcpMs: 3000, tbtMs: 20, cls: 0.1 },
    ]);
    expect(page.median).toEqual({ score: 80, lcpMs: 3000, tbtMs: 20, cls: 0.1 });
  });
});

describe("lighthouseStoreScore", () => {
  it("weights the pages' median scores", () => {
    const page = (type: "home" | "collection" | "product", score: number) =>
      summarisePage(type, "u", [{ score, lcpMs: 1, tbtMs: 1, cls: 0 }]);
    expect(
      lighthouseStoreScore([page("home", 60), page("product", 50), page("collection", 40)]),
    ).toBe(storeScore({ home: 60, product: 50, collection: 40 }));
    expect(lighthouseStoreScore([page("home", 60)])).toBeNull();
  });
});

describe("lighthouseMetrics", () => {
  const report = {
    categories: { performance: { score: 0.764 } },
    audits: {
      "largest-contentful-paint": { numericValue: 4798.4 },
      "total-blocking-time": { numericValue: 3.6 },
      "cumulative-layout-shift": { numericValue: 0.04321 },
    },
  };

  it("reads the score (0–100) and LCP, TBT, CLS from a Lighthouse result", () => {
    expect(lighthouseMetrics(report)).toEqual({ score: 76, lcpMs: 4798, tbtMs: 4, cls: 0.043 });
  });

  it("refuses a run without a performance score, with Lighthouse's own error", () => {
    expect(() =>
      lighthouseMetrics({
        ...report,
        categories: { performance: { score: null } },
        runtimeError: { code: "NO_FCP", message: "The page did not paint any content." },
      }),
    ).toThrow(/no performance score: The page did not paint any content/);
  });
});
