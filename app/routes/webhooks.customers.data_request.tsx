import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { handleDeliveryOnce } from "~/db/webhook-deliveries.server";
import { answerDataRequest } from "~/db/compliance.server";

const Payload = z.object({
  customer: z.object({ id: z.union([z.number(), z.string()]) }),
  orders_requested: z.array(z.union([z.number(), z.string()])).default([]),
});

/**
 * customers/data_request: records what Tovholder holds about the customer (shown under
 * Settings → Privacy requests, for the merchant to pass on within 30 days).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload } = await authenticateWebhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success)
    return new Response("Malformed customers/data_request payload", { status: 400 });
  await handleDeliveryOnce({ id: webhookId, shop, topic }, async (tx) => {
    await answerDataRequest(tx, {
      shop,
      webhookId,
      customerId: String(parsed.data.customer.id),
      ordersRequested: parsed.data.orders_requested.map(String),
    });
  });
  return new Response();
};
