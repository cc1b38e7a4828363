/**
 * Every rule id — product QA, checkout, performance and the theme-check checks it reports, as
 * docs/rules.md and the rule models list them — has one definition with a title, why and fix;
 * performance rules also in Danish. A rule added anywhere without its texts fails here.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { CHECKOUT_READINESS_RULES } from "~/checkout/domain/catalog";
import { funnelDropRule } from "~/checkout/domain/funnel-detector";
import { CHECKOUT_RULE_IDS } from "~/checkout/domain/rule-ids";
import type { RuleDefinition } from "~/findings/types";
import { PERF_RULE_LIST, THEME_CHECK_RULES } from "~/performance/domain/findings";
import { PERF_RULE_TEXTS_DA } from "~/performance/domain/rules-da";
import { PRODUCT_QA_RULES } from "~/product-qa/domain/catalog";
import { PRODUCT_QA_RULE_IDS } from "~/product-qa/domain/rule-ids";

const doc = readFileSync(new URL("../../../docs/rules.md", import.meta.url), "utf8");
const documented = [...doc.matchAll(/^#### `([a-z]+\.[a-z.-]+)`/gm)].map((m) => m[1] ?? "");

const definitions = new Map<string, RuleDefinition>(
  [
    ...PRODUCT_QA_RULES,
    ...CHECKOUT_READINESS_RULES,
    funnelDropRule,
    ...PERF_RULE_LIST,
    ...Object.values(THEME_CHECK_RULES),
  ].map((r) => [r.id, r]),
);
const ids = [
  ...new Set([
    ...documented,
    ...PRODUCT_QA_RULE_IDS,
    ...CHECKOUT_RULE_IDS,
    ...PERF_RULE_LIST.map((r) => r.id),
    ...Object.values(THEME_CHECK_RULES).map((r) => r.id),
  ]),
];

it("docs/rules.md lists the product QA and performance rules", () => {
  expect(documented.length).toBeGreaterThan(PRODUCT_QA_RULE_IDS.length);
  expect(documented).toEqual(expect.arrayContaining(PERF_RULE_LIST.map((r) => r.id)));
});

it.each(ids)("rule %s has a title, why and fix", (id) => {
  const rule = definitions.get(id);
  expect(rule, `${id} has no rule definition`).toBeDefined();
  expect(rule?.title.trim()).toBeTruthy();
  expect(rule?.why.trim()).toBeTruthy();
  expect(rule?.fix.trim()).toBeTruthy();
  if (id.startsWith("perf.")) {
    const da = PERF_RULE_TEXTS_DA[id];
    expect(da?.title.trim(), `${id} has no Danish title`).toBeTruthy();
    expect(da?.why.trim()).toBeTruthy();
    expect(da?.fix.trim()).toBeTruthy();
  }
});
