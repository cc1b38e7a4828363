import { Link as RemixLink } from "@remix-run/react";
import { BlockStack, Box, Card, InlineStack, Text } from "@shopify/polaris";
import type { RuleGroup } from "~/product-qa/server/products-page.server";
import { SEVERITIES } from "~/findings/severity";
import { SeverityBadge } from "./badges";
import { count } from "~/format";

/**
 * Findings per rule, most severe rules first, under the current filters (the rule filter
 * aside). A rule opens as a filter; the selected rules are marked and can be closed again.
 */
export function RuleGroups({
  groups,
  selected,
  hrefFor,
}: {
  groups: RuleGroup[];
  selected: readonly string[];
  /** The page's URL with the rule filter set to these rules. */
  hrefFor: (rules: string[]) => string;
}) {
  return (
    <Card padding="0">
      <Box padding="400" paddingBlockEnd="200">
        <InlineStack align="space-between">
          <Text as="h2" variant="headingMd">
            Problems by rule
          </Text>
          {selected.length > 0 ? (
            <RemixLink to={hrefFor([])} preventScrollReset>
              Show all rules
            </RemixLink>
          ) : null}
        </InlineStack>
      </Box>
      <ul style={{ listStyle: "none", margin: 0, padding: 0 }} aria-label="Problems by rule">
        {groups.map((g) => {
          const isSelected = selected.includes(g.ruleId);
          return (
            <li key={g.ruleId}>
              <RemixLink
                to={hrefFor(isSelected ? selected.filter((r) => r !== g.ruleId) : [g.ruleId])}
                preventScrollReset
                aria-current={isSelected ? "true" : undefined}
                style={{ textDecoration: "none", color: "inherit", display: "block" }}
              >
                <Box
                  paddingInline="400"
                  paddingBlock="200"
                  background={isSelected ? "bg-surface-selected" : undefined}
                  borderBlockStartWidth="025"
                  borderColor="border-secondary"
                >
                  <InlineStack align="space-between" blockAlign="center" wrap={false} gap="300">
                    <BlockStack gap="050">
                      <Text as="span" fontWeight={isSelected ? "bold" : "medium"}>
                        {g.title}
                      </Text>
                      <Text as="span" variant="bodySm" tone="subdued">
                        {g.ruleId}
                      </Text>
                    </BlockStack>
                    <InlineStack gap="100" wrap={false}>
                      {SEVERITIES.filter((s) => g.bySeverity[s] > 0).map((s) => (
                        <SeverityBadge key={s} severity={s} count={g.bySeverity[s]} />
                      ))}
                      <Text as="span" variant="headingSm" alignment="end">
                        {count(g.total)}
                      </Text>
                    </InlineStack>
                  </InlineStack>
                </Box>
              </RemixLink>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
