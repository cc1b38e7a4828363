/**
 * Per-shop audit settings: defaults (the thresholds docs/demo-store.md documents), readable
 * refusals of bad values, thresholds that move the rules' lines, and rules switched off.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_AUDIT_SETTINGS,
  parseAuditSettings,
  type AuditSettings,
} from "~/product-qa/domain/settings";
import { runProductQa } from "~/product-qa/domain/run";
import { THRESHOLDS } from "../../../standin/seed/manifest";
import { media, product, snapshot } from "./builders";

const settings = (json: unknown): AuditSettings => {
  const parsed = parseAuditSettings(json);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
};

const errors = (json: unknown) => {
  const parsed = parseAuditSettings(json);
  return parsed.ok ? [] : parsed.errors;
};

describe("parseAuditSettings", () => {
  it("fills every default from {}: the thresholds the demo store was built against", () => {
    expect(settings({})).toEqual(DEFAULT_AUDIT_SETTINGS);
    expect(DEFAULT_AUDIT_SETTINGS).toEqual({
      productQa: {
        minImages: THRESHOLDS.minImages,
        minDescriptionWords: THRESHOLDS.minDescriptionWords,
        maxSeoTitleLength: THRESHOLDS.maxSeoTitleLength,
        maxSeoDescriptionLength: THRESHOLDS.maxSeoDescriptionLength,
      },
      disabledRules: [],
    });
  });

  it("reads stored JSON text, keeping defaults for what it leaves out", () => {
    expect(settings('{"productQa":{"minImages":5},"disabledRules":["image.missing-alt"]}')).toEqual(
      {
        productQa: { ...DEFAULT_AUDIT_SETTINGS.productQa, minImages: 5 },
        disabledRules: ["image.missing-alt"],
      },
    );
  });

  it("refuses bad values with messages that name the setting", () => {
    expect(errors("{not json")).toEqual([{ path: "", message: "is not valid JSON" }]);
    expect(errors([])).toEqual([{ path: "", message: "must be an object" }]);
    expect(errors({ productQa: "many" })).toEqual([
      { path: "productQa", message: "must be an object" },
    ]);
    expect(
      errors({
        productQa: { minImages: 0, minDescriptionWords: 2.5, maxSeoTitleLength: "70", colour: 1 },
      }),
    ).toEqual([
      { path: "productQa.minImages", message: "must be a whole number from 2 to 20" },
      { path: "productQa.minDescriptionWords", message: "must be a whole number from 1 to 1000" },
      { path: "productQa.maxSeoTitleLength", message: "must be a whole number from 10 to 255" },
      { path: "productQa.colour", message: "is not a setting" },
    ]);
    expect(
      errors({ disabledRules: ["image.missing-alt", "seo.typo", "image.missing-alt"] }),
    ).toEqual([
      { path: "disabledRules[1]", message: '"seo.typo" is not a rule id' },
      { path: "disabledRules[2]", message: '"image.missing-alt" is listed twice' },
    ]);
    expect(errors({ disabledRules: "all" })).toEqual([
      { path: "disabledRules", message: "must be a list of rule ids" },
    ]);
    expect(errors({ extra: true })).toEqual([{ path: "extra", message: "is not a setting" }]);
  });
});

describe("thresholds", () => {
  const withImages = (n: number) => product({ media: Array.from({ length: n }, () => media()) });

  it("move the few-images line", () => {
    const four = withImages(4);
    const ids = (s: AuditSettings) =>
      runProductQa(snapshot([four]), s).findings.map((f) => f.ruleId);
    expect(ids(DEFAULT_AUDIT_SETTINGS)).toEqual([]);
    expect(ids(settings({ productQa: { minImages: 5 } }))).toEqual(["product.few-images"]);
  });

  it("move the short-description line, and the message says the shop's number", () => {
    const twelve = product({ descriptionHtml: `<p>${"ord ".repeat(12)}</p>` });
    const run = (s: AuditSettings) => runProductQa(snapshot([twelve]), s).findings;
    expect(run(settings({ productQa: { minDescriptionWords: 12 } }))).toEqual([]);
    const [f] = run(settings({ productQa: { minDescriptionWords: 13 } }));
    expect(f?.message).toBe("The description has 12 words; at least 13 are recommended.");
  });

  it("move the SEO length lines", () => {
    const p = product({ seo: { title: "x".repeat(60), description: "y".repeat(100) } });
    const s = settings({ productQa: { maxSeoTitleLength: 50, maxSeoDescriptionLength: 80 } });
    expect(runProductQa(snapshot([p]), s).findings.map((f) => f.ruleId)).toEqual([
      "seo.title-length",
      "seo.description-length",
    ]);
  });
});

describe("disabled rules", () => {
  it("do not run, and the result says so", () => {
    const p = product({ media: [], vendor: "" });
    const result = runProductQa(
      snapshot([p]),
      settings({ disabledRules: ["product.missing-image"] }),
    );
    expect(result.findings.map((f) => f.ruleId)).toEqual(["product.missing-vendor"]);
    expect(result.skipped).toEqual([
      { ruleId: "product.missing-image", reason: "Disabled in this shop's audit settings." },
    ]);
    expect(result.ran).not.toContain("product.missing-image");
    expect(result.stats.rulesRun).toBe(25);
  });
});
