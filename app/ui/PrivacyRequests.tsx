/** The privacy requests Shopify sent for this shop, and what Tovholder answered. */
import { Card, IndexTable } from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";

export interface PrivacyRequestView {
  id: string;
  topic: string;
  receivedAt: string;
  /** When it arrived, formatted in the shop's time zone (app/format). */
  received: string;
  answer: string;
}

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

export function PrivacyRequests({ requests }: { requests: PrivacyRequestView[] }) {
  return (
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
              <IndexTable.Cell>{r.received}</IndexTable.Cell>
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
  );
}
