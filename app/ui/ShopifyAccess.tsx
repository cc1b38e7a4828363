/**
 * Settings → Shopify access: what Tovholder may read in the shop and, where the monthly report
 * misses figures, which access is missing and who does what about it — the scope the shop has
 * not granted, or Shopify's approval of protected customer data (docs/decisions/013).
 */
import { Badge, BlockStack, Card, InlineStack, Link, Text } from "@shopify/polaris";
import { PROTECTED_CUSTOMER_DATA_URL, reportStrings } from "~/report";
import type { AnalyticsAccess } from "~/report";
import { formatInZone } from "~/format";

export interface ShopifyAccessView {
  /** read_orders granted (null: the granted scopes are not known). */
  orders: boolean | null;
  analytics: AnalyticsAccess | "unknown";
  /** When the analytics access was last seen (ISO); shown in the shop's time zone. */
  checkedAt: string | null;
}

const t = reportStrings("en");

function AnalyticsBadge({ status }: { status: ShopifyAccessView["analytics"] }) {
  switch (status) {
    case "available":
      return <Badge tone="success">Available</Badge>;
    case "read_reports_not_granted":
      return <Badge tone="warning">Scope not granted</Badge>;
    case "protected_data_not_approved":
      return <Badge tone="critical">Protected customer data not approved</Badge>;
    default:
      return <Badge>Not checked</Badge>;
  }
}

/** `timeZone`: the shop's, from the parent route (useShopSettings). */
export function ShopifyAccess({
  access,
  timeZone,
}: {
  access: ShopifyAccessView;
  timeZone: string;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              Shopify&apos;s analytics (ShopifyQL)
            </Text>
            <AnalyticsBadge status={access.analytics} />
          </InlineStack>
          <Text as="p" tone="subdued">
            The report&apos;s key figures for any month, sessions, conversion rate and returning
            customers. Shopify requires the read_reports scope and its approval of the app&apos;s
            access to protected customer data (level 2).
          </Text>
          {access.analytics === "read_reports_not_granted" ? (
            <Text as="p" data-testid="access-action">
              The shop has not granted read_reports. {t.accessActions.read_reports_not_granted}
            </Text>
          ) : null}
          {access.analytics === "protected_data_not_approved" ? (
            <Text as="p" data-testid="access-action">
              The shop granted read_reports, yet Shopify refused the analytics:{" "}
              {t.accessActions.protected_data_not_approved}{" "}
              <Link url={PROTECTED_CUSTOMER_DATA_URL} target="_blank">
                {t.accessLink}
              </Link>
            </Text>
          ) : null}
          {access.analytics === "unknown" ? (
            <Text as="p">
              Shopify could not be asked just now; the next report build checks again.
            </Text>
          ) : null}
          {access.checkedAt ? (
            <Text as="p" tone="subdued" variant="bodySm">
              Checked {formatInZone(access.checkedAt, timeZone)}
            </Text>
          ) : null}
        </BlockStack>
        <BlockStack gap="200">
          <InlineStack gap="200" blockAlign="center">
            <Text as="h3" variant="headingSm">
              Orders of the last 60 days (read_orders)
            </Text>
            {access.orders === null ? (
              <Badge>Not known</Badge>
            ) : access.orders ? (
              <Badge tone="success">Granted</Badge>
            ) : (
              <Badge tone="warning">Not granted</Badge>
            )}
          </InlineStack>
          <Text as="p" tone="subdued">
            Without Shopify&apos;s analytics, the report&apos;s order figures come from these
            orders, by the same definitions. No customer data is read.
          </Text>
        </BlockStack>
      </BlockStack>
    </Card>
  );
}
