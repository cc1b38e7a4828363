import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { handleDeliveryOnce } from "~/db/webhook-deliveries.server";
import { redactCustomer } from "~/db/compliance.server";

const Payload = z.object({ customer: z.object({ id: z.union([z.number(), z.string()]) }) });

/** customers/redact: erase everything held about the customer. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticateWebhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return new Response("Malformed customers/redact payload", { status: 400 });
  await handleDeliveryOnce({ id: webhookId, shop, topic }, async (tx) => {
    await redactCustomer(tx, { shop, webhookId, customerId: String(parsed.data.customer.id) });
  });
  return new Response();
};
