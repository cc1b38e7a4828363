/**
 * Compliance webhooks (customers/data_request, customers/redact).
 *
 * What Tovholder can hold about a customer: audits read products, shop settings and aggregated
 * order figures; they store no customer names, emails, phones, addresses or orders. The only
 * customer-linked rows are the compliance requests themselves (the customer's Shopify id,
 * kept until a customers/redact for that customer arrives). CUSTOMER_DATA lists every place
 * that can hold customer data; a feature that adds one must add it here.
 */
import type { Tx } from "./webhook-deliveries.server";
import { prisma, type Db } from "~/db/db.server";

export interface CustomerRef {
  shop: string;
  customerId: string;
}

interface CustomerDataSource {
  name: string;
  description: string;
  count(tx: Tx, ref: CustomerRef): Promise<number>;
  erase(tx: Tx, ref: CustomerRef): Promise<number>;
}

const CUSTOMER_DATA: CustomerDataSource[] = [
  {
    name: "compliance requests",
    description:
      "Earlier data requests for this customer: the customer's Shopify id and the date received.",
    count: (tx, ref) =>
      tx.complianceRequest.count({ where: { shop: ref.shop, customerId: ref.customerId } }),
    erase: async (tx, ref) =>
      (
        await tx.complianceRequest.deleteMany({
          where: { shop: ref.shop, customerId: ref.customerId },
        })
      ).count,
  },
];

export const HOLDS_NO_CUSTOMER_DATA =
  "Tovholder stores no customer names, email addresses, phone numbers, addresses or orders. Audits keep product data, shop settings and aggregated order figures only.";

export interface DataRequestAnswer {
  customerId: string;
  ordersRequested: string[];
  held: { source: string; description: string; records: number }[];
  statement: string;
}

/** customers/data_request: records the request with the answer of what is held. */
export async function answerDataRequest(
  tx: Tx,
  input: CustomerRef & { webhookId: string; ordersRequested: string[] },
): Promise<DataRequestAnswer> {
  const held = [];
  for (const source of CUSTOMER_DATA) {
    const records = await source.count(tx, input);
    if (records > 0) held.push({ source: source.name, description: source.description, records });
  }
  const answer: DataRequestAnswer = {
    customerId: input.customerId,
    ordersRequested: input.ordersRequested,
    held,
    statement: HOLDS_NO_CUSTOMER_DATA,
  };
  await tx.complianceRequest.create({
    data: {
      shop: input.shop,
      topic: "customers/data_request",
      webhookId: input.webhookId,
      customerId: input.customerId,
      answer: JSON.stringify(answer),
      completedAt: new Date(),
    },
  });
  return answer;
}

/** customers/redact: erases everything held about the customer; the record kept names no customer. */
export async function redactCustomer(
  tx: Tx,
  input: CustomerRef & { webhookId: string },
): Promise<Record<string, number>> {
  const erased: Record<string, number> = {};
  for (const source of CUSTOMER_DATA) erased[source.name] = await source.erase(tx, input);
  await tx.complianceRequest.create({
    data: {
      shop: input.shop,
      topic: "customers/redact",
      webhookId: input.webhookId,
      customerId: null,
      answer: JSON.stringify({ erased }),
      completedAt: new Date(),
    },
  });
  return erased;
}

export async function listComplianceRequests(shop: string, db: Db = prisma) {
  return db.complianceRequest.findMany({
    where: { shop },
    orderBy: { receivedAt: "desc" },
    take: 50,
  });
}
