import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BlockStack, Card, IndexTable, Layout, Page, Text } from "@shopify/polaris";
import { EmptyCard } from "~/components/EmptyCard";
import { requireAdmin } from "~/auth.server";
import { listComplianceRequests } from "~/models/compliance.server";

export const meta: MetaFunction = () => [{ title: "Settings · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const requests = await listComplianceRequests(shop);
  return {
    requests: requests.map((r) => ({
      id: r.id,
      topic: r.topic,
      receivedAt: r.receivedAt.toISOString(),
      answer: r.answer,
    })),
  };
};

function summarise(topic: string, answer: string): string {
  try {
    const parsed = JSON.parse(answer) as {
      held?: { source: string; records: number }[];
      erased?: Record<string, number>;
    };
    if (topic.toLowerCase().includes("data_request")) {
      const held = parsed.held ?? [];
      return held.length === 0
        ? "No customer data held."
        : held.map((h) => `${h.records} ${h.source}`).join(", ");
    }
    const erased = Object.entries(parsed.erased ?? {}).filter(([, n]) => n > 0);
    return erased.length === 0
      ? "Nothing held; nothing to erase."
      : `Erased ${erased.map(([k, n]) => `${n} ${k}`).join(", ")}.`;
  } catch {
    return "Unreadable record.";
  }
}

export default function SettingsPage() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <Page title="Settings">
      <Layout>
        <Layout.AnnotatedSection
          title="Privacy requests"
          description="Customer data requests and erasures Shopify sent for this shop, and what Tovholder answered."
        >
          <Card padding="0">
            {requests.length === 0 ? (
              <EmptyCard heading="No privacy requests received" image={null}>
                Tovholder stores no customer names, emails, addresses or orders.
              </EmptyCard>
            ) : (
              <IndexTable
                itemCount={requests.length}
                selectable={false}
                headings={[{ title: "Received" }, { title: "Request" }, { title: "Answer" }]}
              >
                {requests.map((r, index) => (
                  <IndexTable.Row id={r.id} key={r.id} position={index}>
                    <IndexTable.Cell>
                      {new Date(r.receivedAt).toLocaleString("en-GB")}
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      {r.topic.toLowerCase().includes("redact")
                        ? "Erase customer data"
                        : "Customer data request"}
                    </IndexTable.Cell>
                    <IndexTable.Cell>{summarise(r.topic, r.answer)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.AnnotatedSection>
        <Layout.AnnotatedSection
          title="Audit settings"
          description="Weekly schedule, thresholds, alerts and report branding."
        >
          <Card>
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                These settings become available with the audits and the monthly report.
              </Text>
            </BlockStack>
          </Card>
        </Layout.AnnotatedSection>
      </Layout>
    </Page>
  );
}
