import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { handleDeliveryOnce } from "~/db/webhook-deliveries.server";
import { deleteShopSessions } from "~/db/sessions.server";
import { markUninstalled } from "~/db/shops.server";
import { cancelShopRuns } from "~/jobs/models/job-runs.server";
import { afterShopDeletion } from "~/db/shop-deletion.server";

/**
 * app/uninstalled: drop the shop's sessions (tokens are revoked), mark it uninstalled and cancel
 * its jobs — waiting runs at once, running ones at their worker's next heartbeat. Database work
 * only, in the delivery's transaction, so it is fast and a redelivery changes nothing. Then the
 * shop is forgotten in memory and the dropped tokens' bytes compacted away (a job).
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId } = await authenticateWebhook(request);
  await handleDeliveryOnce({ id: webhookId, shop, topic }, async (tx) => {
    await deleteShopSessions(tx, shop);
    await markUninstalled(tx, shop);
    await cancelShopRuns(tx, shop, "Cancelled: the app was uninstalled.");
  });
  await afterShopDeletion(shop, "app/uninstalled");
  return new Response();
};
