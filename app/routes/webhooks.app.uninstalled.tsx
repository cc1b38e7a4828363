import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { handleDeliveryOnce } from "~/models/webhook-deliveries.server";
import { deleteShopSessions } from "~/models/sessions.server";
import { markUninstalled } from "~/models/shops.server";

/** app/uninstalled: drop the shop's sessions (tokens are revoked) and mark it uninstalled. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId } = await authenticate.webhook(request);
  await handleDeliveryOnce({ id: webhookId, shop, topic }, async (tx) => {
    await deleteShopSessions(tx, shop);
    await markUninstalled(tx, shop);
  });
  return new Response();
};
