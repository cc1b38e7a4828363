/**
 * docs/rules.md is the rule catalog merchants' managers read: it must say what the code does.
 * Each rule's section states the code's severity, category, why, fix and exemptions.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PRODUCT_QA_RULES } from "~/product-qa/domain/catalog";
import { PRODUCT_QA_RULE_IDS } from "~/product-qa/domain/rule-ids";

const doc = readFileSync(new URL("../../../docs/rules.md", import.meta.url), "utf8");

function section(ruleId: string): string {
  const start = doc.indexOf(`#### \`${ruleId}\`\n`);
  if (start === -1) return "";
  const next = doc.indexOf("\n#", start + 1);
  return doc.slice(start, next === -1 ? undefined : next);
}

const EXEMPTION_NAMES = {
  archived: "archived products",
  giftCard: "gift cards",
  unlisted: "unlisted products",
};

it("the catalog holds every rule id once, in the documented order", () => {
  expect(PRODUCT_QA_RULES.map((r) => r.id)).toEqual([...PRODUCT_QA_RULE_IDS]);
  const documented = [...doc.matchAll(/^#### `([a-z.-]+)`$/gm)].map((m) => m[1]);
  expect(documented).toEqual([...PRODUCT_QA_RULE_IDS]);
});

describe.each(PRODUCT_QA_RULES.map((r) => [r.id, r] as const))(
  "docs/rules.md on %s",
  (id, rule) => {
    it("states the rule's severity, category, why, fix and exemptions", () => {
      const text = section(id);
      expect(text).toContain(
        `**${rule.severity}** · ${rule.category} · one finding per ${rule.target}`,
      );
      expect(text).toContain(`- **Why:** ${rule.why}\n`);
      expect(text).toContain(`- **Fix:** ${rule.fix}\n`);
      const exempt = Object.entries(rule.exempt)
        .map(([kind, reason]) =>
          kind === "archived"
            ? EXEMPTION_NAMES.archived
            : `${EXEMPTION_NAMES[kind as keyof typeof EXEMPTION_NAMES]}: ${reason}`,
        )
        .join("; ");
      expect(text).toContain(`- **Exempt:** ${exempt}\n`);
    });
  },
);
