import type { ActionFunctionArgs } from "@remix-run/node";
import { authenticate } from "~/shopify.server";
import { redactShop } from "~/models/shop-data.server";

/**
 * shop/redact (48 hours after uninstall): delete everything held for the shop.
 * Not recorded as a delivery — that record would itself be a row of the shop. Deleting
 * everything is idempotent on its own: a redelivery finds nothing left to delete.
 */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop } = await authenticate.webhook(request);
  await redactShop(shop);
  return new Response();
};
