/**
 * The health score is explainable: every number in it can be recomputed from the inputs it
 * returns, and the text explanation says those numbers.
 */
import { describe, expect, it } from "vitest";
import { classifyFindings } from "~/product-qa/domain/history";
import {
  SEVERITY_WEIGHTS,
  categoryScore,
  computeHealthScore,
  explainCategoryScore,
  type CategoryScore,
} from "~/product-qa/domain/score";
import { suppress, suppressionsInForce } from "~/product-qa/domain/suppressions";
import { PRODUCT_QA_CATEGORIES } from "~/product-qa/domain/categories";
import { runProductQa } from "~/product-qa/domain/run";
import { media, product, snapshot, variant } from "./builders";

function scoreOf(products: ReturnType<typeof product>[], suppressed: string[] = []) {
  const result = runProductQa(snapshot(products));
  const at = "2026-03-01T00:00:00Z";
  const { findings } = classifyFindings({
    current: result.findings,
    history: [],
    ran: result.ran,
    suppressions: suppressionsInForce(
      suppressed.map((key) => suppress({ key, reason: "known", by: "anna", at })),
      at,
    ),
  });
  return computeHealthScore({
    categories: PRODUCT_QA_CATEGORIES,
    coverage: result.coverage,
    findings,
  });
}

const category = (score: ReturnType<typeof scoreOf>, id: string): CategoryScore => {
  const found = score.categories.find((c) => c.category === id);
  if (!found) throw new Error(id);
  return found;
};

describe("the health score", () => {
  // 10 products: 1 without images (critical), 2 with two images (warning), 1 with an image
  // without alt text (info) and also two images: its worst is the warning.
  const products = [
    product({ media: [] }),
    product({ media: [media(), media()] }),
    product({ media: [media({ alt: null }), media()] }),
    product({ media: [media({ alt: null }), media(), media()] }),
    ...Array.from({ length: 6 }, () => product()),
  ];

  it("counts each product once in a category, by its worst open finding there", () => {
    const images = category(scoreOf(products), "images");
    expect(images).toMatchObject({
      checked: 10,
      clean: 6,
      worst: { critical: 1, warning: 2, info: 1 },
      suppressedFindings: 0,
      unit: "product",
    });
    // 6 / (6 + 3×1 + 2×2 + 1×1) = 6/14
    expect(images.score).toBeCloseTo((100 * 6) / 14, 10);
  });

  it("sums up: every category's score follows from the numbers it returns", () => {
    const score = scoreOf(products);
    for (const c of score.categories) {
      expect(c.clean + c.worst.critical + c.worst.warning + c.worst.info).toBe(c.checked);
      expect(c.score).toBeCloseTo(categoryScore(c.clean, c.worst), 10);
      const penalty =
        SEVERITY_WEIGHTS.critical * c.worst.critical +
        SEVERITY_WEIGHTS.warning * c.worst.warning +
        SEVERITY_WEIGHTS.info * c.worst.info;
      expect(c.score).toBeCloseTo((100 * c.clean) / (c.clean + penalty), 10);
    }
    const weights = score.categories.reduce((n, c) => n + c.weight, 0);
    const weighted = score.categories.reduce((n, c) => n + c.weight * (c.score ?? 0), 0);
    expect(score.overall).toBeCloseTo(weighted / weights, 10);
  });

  it("is 100 for a clean catalog and 0 when every product has a critical problem", () => {
    expect(scoreOf([product(), product()]).overall).toBe(100);
    const zero = scoreOf([product({ media: [] }), product({ media: [] })]);
    expect(category(zero, "images").score).toBe(0);
  });

  it("leaves suppressed findings out, and says how many", () => {
    const p = product({ variants: [variant({ price: "0.00" })] });
    const key = `variant.zero-price:${p.variants[0]?.id}`;
    expect(category(scoreOf([p, product()]), "pricing").score).toBeCloseTo(100 / 4, 10);
    const pricing = category(scoreOf([p, product()], [key]), "pricing");
    expect(pricing).toMatchObject({ score: 100, clean: 2, suppressedFindings: 1 });
  });

  it("has no score for a category nothing was checked in, and leaves it out of the overall", () => {
    const score = computeHealthScore({
      categories: [
        { id: "a", label: "A", weight: 1 },
        { id: "b", label: "B", weight: 3 },
      ],
      coverage: [{ category: "a", unit: "product", checked: 4 }],
      findings: [],
    });
    expect(score.categories.map((c) => c.score)).toEqual([100, null]);
    expect(score.overall).toBe(100);
    expect(explainCategoryScore(score.categories[1] as CategoryScore)).toBe(
      "B: not checked (no resources were checked by its rules).",
    );
    expect(computeHealthScore({ categories: [], coverage: [], findings: [] }).overall).toBeNull();
  });

  it("explains itself with the numbers the UI shows", () => {
    expect(explainCategoryScore(category(scoreOf(products), "images"))).toBe(
      "6 of 10 products have no open problem in Images. By their worst problem: 1 critical (×3), 2 warning (×2), 1 info (×1). Score: 6 / (6 + 3 + 4 + 1) × 100 = 42.9.",
    );
  });
});
