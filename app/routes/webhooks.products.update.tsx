import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { queueProductWebhook } from "~/product-qa/index.server";

/**
 * products/update: re-check just this product between full runs. HMAC-verified by
 * authenticateWebhook; fast (it only enqueues the `audit.product` job) and idempotent (the
 * job's id comes from the delivery id, so a redelivery queues nothing new).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, webhookId, payload, session } = await authenticateWebhook(request);
  const outcome = await queueProductWebhook({
    shop,
    webhookId,
    action: "update",
    payload,
    installed: session !== undefined,
  });
  if (!outcome.queued && outcome.reason === "no-product-id")
    console.warn(`[webhooks] products/update from ${shop} without a product id; ignored`);
  return new Response();
};
