/**
 * The generic engine on rules that are not product rules: it runs any catalog of (data + pure
 * function) rules, which is what the checkout and performance audits will plug into.
 */
import { describe, expect, it } from "vitest";
import { DISABLED_REASON, runRules } from "~/findings/engine";
import { findingKey } from "~/findings/finding-key";
import type { Finding, Rule } from "~/findings/types";

interface Shop {
  policies: string[] | null;
  markets: string[];
}

function finding(ruleId: string, id: string): Finding {
  return {
    key: findingKey(ruleId, id),
    ruleId,
    severity: "critical",
    category: "checkout",
    resource: { type: "market", id, title: id },
    message: `${id} is wrong`,
    details: {},
    fixUrl: null,
  };
}

function rule(id: string, overrides: Partial<Rule<Shop>> = {}): Rule<Shop> {
  return {
    id,
    category: "checkout",
    severity: "critical",
    title: id,
    why: "why",
    fix: "fix",
    unavailable: () => null,
    evaluate: () => undefined,
    ...overrides,
  };
}

const shop: Shop = { policies: null, markets: ["CH", "DK"] };

describe("runRules", () => {
  it("runs rules in catalog order and keeps each rule's order of findings", () => {
    const result = runRules(
      [
        rule("b.markets", {
          evaluate: (s, emit) => s.markets.forEach((m) => emit(finding("b.markets", m))),
        }),
        rule("a.shop", { evaluate: (_, emit) => emit(finding("a.shop", "shop")) }),
      ],
      shop,
    );
    expect(result.findings.map((f) => f.key)).toEqual([
      "b.markets:CH",
      "b.markets:DK",
      "a.shop:shop",
    ]);
    expect(result.ran).toEqual(["b.markets", "a.shop"]);
    expect(result.skipped).toEqual([]);
  });

  it("skips disabled rules and rules whose input was not collected, with the reason", () => {
    let evaluated = 0;
    const count = () => void evaluated++;
    const result = runRules(
      [
        rule("x.off", { evaluate: count }),
        rule("x.policies", {
          unavailable: (s) => (s.policies === null ? "Policies were not collected." : null),
          evaluate: count,
        }),
        rule("x.on", { evaluate: count }),
      ],
      shop,
      { disabledRules: new Set(["x.off"]) },
    );
    expect(result.skipped).toEqual([
      { ruleId: "x.off", reason: DISABLED_REASON },
      { ruleId: "x.policies", reason: "Policies were not collected." },
    ]);
    expect(result.ran).toEqual(["x.on"]);
    expect(evaluated).toBe(1);
  });

  it("refuses a rule that reports one problem twice, or another rule's problem", () => {
    const twice = rule("x.twice", {
      evaluate: (_, emit) => {
        emit(finding("x.twice", "DK"));
        emit(finding("x.twice", "DK"));
      },
    });
    expect(() => runRules([twice], shop)).toThrow("Rule x.twice emitted x.twice:DK twice");
    const alien = rule("x.alien", { evaluate: (_, emit) => emit(finding("x.other", "DK")) });
    expect(() => runRules([alien], shop)).toThrow("emitted a finding of rule x.other");
  });

  it("refuses a catalog that lists a rule twice", () => {
    expect(() => runRules([rule("x.same"), rule("x.same")], shop)).toThrow("appears twice");
  });
});
