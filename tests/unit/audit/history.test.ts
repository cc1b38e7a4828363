/**
 * Findings over several runs: new, persisting, fixed, regressed; the history records that
 * carry it from run to run; and suppressions that carry over until they are lifted.
 */
import { describe, expect, it } from "vitest";
import {
  advanceHistory,
  classifyFindings,
  countFindings,
  type FindingHistoryRecord,
} from "~/product-qa/domain/history";
import {
  liftSuppression,
  suppress,
  suppressionsInForce,
  type Suppression,
} from "~/product-qa/domain/suppressions";
import { runProductQa } from "~/product-qa/domain/run";
import { DEFAULT_AUDIT_SETTINGS } from "~/product-qa/domain/settings";
import type { SnapshotProduct } from "~/snapshot/domain/types";
import { product, snapshot, variant } from "./builders";

const T = (day: number) => `2026-03-${String(day).padStart(2, "0")}T06:00:00.000Z`;

/** One weekly run as the app will do it: audit, classify, advance the history. */
function week(
  products: SnapshotProduct[],
  history: FindingHistoryRecord[],
  at: string,
  options: { suppressions?: Suppression[]; disabledRules?: string[] } = {},
) {
  const result = runProductQa(snapshot(products), {
    ...DEFAULT_AUDIT_SETTINGS,
    disabledRules: options.disabledRules ?? [],
  });
  const classification = classifyFindings({
    current: result.findings,
    history,
    ran: result.ran,
    suppressions: suppressionsInForce(options.suppressions ?? [], at),
  });
  const change = (key: string) =>
    classification.findings.find((f) => f.finding.key === key)?.change;
  return {
    classification,
    change,
    fixed: classification.fixed.map((h) => h.key),
    counts: countFindings(classification),
    history: advanceHistory({ history, classification, at }),
  };
}

describe("findings over time", () => {
  const tent = product({ vendor: "" });
  const lamp = product({ media: [] });
  const vendorKey = `product.missing-vendor:${tent.id}`;
  const imageKey = `product.missing-image:${lamp.id}`;
  const withVendor = { ...tent, vendor: "Fjordløber" };
  const withImage = { ...lamp, media: tent.media };

  it("are new, then persisting, fixed, regressed and fixed again", () => {
    const w1 = week([tent, lamp], [], T(1));
    expect(w1.change(vendorKey)).toBe("new");
    expect(w1.change(imageKey)).toBe("new");
    expect(w1.history).toEqual([
      {
        key: imageKey,
        ruleId: "product.missing-image",
        status: "open",
        firstSeenAt: T(1),
        lastSeenAt: T(1),
        fixedAt: null,
        timesRegressed: 0,
      },
      {
        key: vendorKey,
        ruleId: "product.missing-vendor",
        status: "open",
        firstSeenAt: T(1),
        lastSeenAt: T(1),
        fixedAt: null,
        timesRegressed: 0,
      },
    ]);

    const w2 = week([withVendor, lamp], w1.history, T(8));
    expect(w2.change(imageKey)).toBe("persisting");
    expect(w2.fixed).toEqual([vendorKey]);
    expect(w2.history.find((h) => h.key === vendorKey)).toMatchObject({
      status: "fixed",
      fixedAt: T(8),
      lastSeenAt: T(1),
    });

    const w3 = week([tent, lamp], w2.history, T(15));
    expect(w3.change(vendorKey)).toBe("regressed");
    expect(w3.counts).toMatchObject({ open: 2, new: 0, regressed: 1, fixed: 0 });
    expect(w3.history.find((h) => h.key === vendorKey)).toEqual({
      key: vendorKey,
      ruleId: "product.missing-vendor",
      status: "open",
      firstSeenAt: T(1),
      lastSeenAt: T(15),
      fixedAt: null,
      timesRegressed: 1,
    });

    const w4 = week([withVendor, withImage], w3.history, T(22));
    expect(w4.fixed.sort()).toEqual([imageKey, vendorKey].sort());
    expect(w4.counts).toMatchObject({ open: 0, fixed: 2 });

    // Fixed stays fixed while absent; a fixed finding is not "fixed" again.
    const w5 = week([withVendor, withImage], w4.history, T(29));
    expect(w5.fixed).toEqual([]);
    expect(w5.history).toEqual(w4.history);
  });

  it("stay open while their rule does not run: a skipped rule proves nothing fixed", () => {
    const w1 = week([tent], [], T(1));
    const w2 = week([withVendor], w1.history, T(8), { disabledRules: ["product.missing-vendor"] });
    expect(w2.fixed).toEqual([]);
    expect(w2.history).toEqual(w1.history);
  });

  it("are fixed when their product is archived or deleted: nothing stands in a sale's way", () => {
    const w1 = week([tent], [], T(1));
    expect(week([{ ...tent, status: "ARCHIVED" }], w1.history, T(8)).fixed).toEqual([vendorKey]);
    expect(week([], w1.history, T(8)).fixed).toEqual([vendorKey]);
  });

  it("classify against a minimal { key, status } history too", () => {
    const finding = runProductQa(snapshot([tent])).findings;
    const result = classifyFindings({
      current: finding,
      history: [
        { key: vendorKey, status: "fixed" },
        { key: "variant.missing-sku:gid://shopify/ProductVariant/999", status: "open" },
      ],
      ran: ["product.missing-vendor", "variant.missing-sku"],
    });
    expect(result.findings.map((f) => f.change)).toEqual(["regressed"]);
    expect(result.fixed).toEqual([
      { key: "variant.missing-sku:gid://shopify/ProductVariant/999", status: "open" },
    ]);
  });
});

describe("suppressions", () => {
  const sku = variant({ sku: null });
  const p = product({ variants: [sku] });
  const key = `variant.missing-sku:${sku.id}`;

  it("keep a finding classified but out of the open problems, run after run, until lifted", () => {
    const s = suppress({
      key,
      reason: "Made to order, no SKU",
      by: "anna@agency.example",
      at: T(2),
    });

    const w1 = week([p], [], T(1), { suppressions: [s] }); // before it was made
    expect(w1.counts).toMatchObject({ open: 1, suppressed: 0 });

    const w2 = week([p], w1.history, T(8), { suppressions: [s] });
    expect(w2.classification.findings[0]).toMatchObject({ change: "persisting", suppression: s });
    expect(w2.counts).toMatchObject({ open: 0, suppressed: 1, openBySeverity: { warning: 0 } });

    // Next month: still suppressed, still tracked in the history.
    const w3 = week([p], w2.history, T(30), { suppressions: [s] });
    expect(w3.counts).toMatchObject({ open: 0, suppressed: 1 });
    expect(w3.history[0]).toMatchObject({ key, status: "open", lastSeenAt: T(30) });

    const lifted = liftSuppression(s, T(31));
    const w4 = week([p], w3.history, `2026-04-06T06:00:00.000Z`, { suppressions: [lifted] });
    expect(w4.counts).toMatchObject({ open: 1, suppressed: 0, openByCategory: { identifiers: 1 } });

    // A report rebuilt for an earlier date still shows it suppressed.
    expect(suppressionsInForce([lifted], T(15)).get(key)).toEqual(lifted);
  });

  it("need a reason, and lifting twice keeps the first time", () => {
    expect(() => suppress({ key, reason: " ", by: "anna", at: T(1) })).toThrow("needs a reason");
    const once = liftSuppression(suppress({ key, reason: "ok", by: "anna", at: T(1) }), T(2));
    expect(liftSuppression(once, T(3)).liftedAt).toBe(T(2));
  });
});
