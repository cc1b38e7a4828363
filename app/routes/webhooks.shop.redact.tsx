import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { redactShop } from "~/db/shop-data.server";
import { discardShopJobs } from "~/jobs/client.server";
import { afterShopDeletion } from "~/db/shop-deletion.server";

/**
 * shop/redact (48 hours after uninstall): delete everything held for the shop — its JobRun rows
 * with the rest — and, under BullMQ, its queued messages in Redis; then forget it in memory and
 * have the database files compacted (services/shop-deletion.server.ts).
 * Not recorded as a delivery — that record would itself be a row of the shop. Deleting
 * everything is idempotent on its own: a redelivery finds nothing left to delete.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticateWebhook(request);
  await redactShop(shop);
  await discardShopJobs(shop);
  await afterShopDeletion(shop, "shop/redact");
  return new Response();
};
