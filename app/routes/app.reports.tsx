/** /app/reports: the shop's months, each with its report's state; a month opens its report. */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Badge, Button, Card, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { formatAdminDate, formatMonthName, formatter } from "~/format";
import { listReportMonths } from "~/report/index.server";
import { shopTimeZone } from "~/report/index.server";

export const meta: MetaFunction = () => [{ title: "Reports · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const timeZone = await shopTimeZone(shop);
  const f = formatter("en", { currencyCode: null, countryCode: null }, timeZone);
  const months = await listReportMonths(shop);
  const date = (d: Date | null) => (d === null ? null : formatAdminDate(d, timeZone));
  return {
    timeZone,
    months: months.map((m) => ({
      month: m.month,
      name: formatMonthName(f, m.month),
      status: m.newest?.status ?? null,
      version: m.newest?.version ?? null,
      issuedVersion: m.issued?.version ?? null,
      issuedAt: date(m.issued?.issuedAt ?? null),
      updatedAt: date(m.newest?.updatedAt ?? null),
    })),
  };
};

export default function ReportsPage() {
  const { months, timeZone } = useLoaderData<typeof loader>();
  return (
    <Page
      title="Reports"
      subtitle="One report per calendar month: drafted from the month's audits, issued when you have reviewed it."
    >
      <Layout>
        <Layout.Section>
          <Card padding="0">
            <IndexTable
              itemCount={months.length}
              selectable={false}
              headings={[
                { title: "Month" },
                { title: "Status" },
                { title: "Issued" },
                { title: "" },
              ]}
            >
              {months.map((m, i) => (
                <IndexTable.Row id={m.month} key={m.month} position={i}>
                  <IndexTable.Cell>
                    <Text as="span" fontWeight="semibold">
                      {m.name}
                    </Text>
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {m.status === null ? (
                      <Badge>Not drafted yet</Badge>
                    ) : m.status === "issued" ? (
                      <Badge tone="success">{`Issued · version ${m.version}`}</Badge>
                    ) : (
                      <Badge tone="attention">{`Draft · version ${m.version}`}</Badge>
                    )}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    {m.issuedAt === null ? "—" : `${m.issuedAt} (version ${m.issuedVersion})`}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Button url={`/app/reports/${m.month}`} accessibilityLabel={`Open ${m.name}`}>
                      {m.status === null ? "Draft report" : "Open"}
                    </Button>
                  </IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Text as="p" variant="bodySm" tone="subdued">
            Months are calendar months in the shop&apos;s time zone ({timeZone}). A draft is rebuilt
            each time it is opened; an issued report never changes — reissue it to make a new
            version.
          </Text>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
