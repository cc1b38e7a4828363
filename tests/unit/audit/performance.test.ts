/**
 * A sanity bound, not the benchmark (that is `npm run bench`, bench/product-qa.ts): product QA
 * on 100,000 products × 4 variants finishes in seconds. Anything quadratic would take hours:
 * the catalog has a title shared by 1,000 products and a barcode shared by 5,000 variants.
 */
import { expect, it } from "vitest";
import { runProductQa } from "~/product-qa/domain/run";
import { benchSnapshot } from "../../../bench/product-qa";

it(
  "audits 100,000 products with 4 variants each within tens of seconds",
  { timeout: 120_000 },
  () => {
    const snapshot = benchSnapshot(100_000);
    const started = performance.now();
    const result = runProductQa(snapshot);
    const ms = performance.now() - started;
    expect(result.stats).toEqual({
      productsChecked: 100_000,
      variantsChecked: 400_000,
      rulesRun: 26,
    });
    // The bench catalog plants 1,000 of each product defect and 5,000 of each variant defect.
    expect(result.findings).toHaveLength(30_000);
    expect(ms).toBeLessThan(30_000);
  },
);
