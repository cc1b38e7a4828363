import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { authenticateWebhook } from "~/shopify/webhooks.server";
import { handleDeliveryOnce } from "~/db/webhook-deliveries.server";
import { updateSessionScopes } from "~/db/sessions.server";
import { updateShopScopes } from "~/db/shops.server";

const Payload = z.object({ current: z.array(z.string()) });

/** app/scopes_update: keep the granted scopes on the offline session and the shop record. */
export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, topic, webhookId, payload, session } = await authenticateWebhook(request);
  const parsed = Payload.safeParse(payload);
  if (!parsed.success) return new Response("Malformed scopes_update payload", { status: 400 });
  const scopes = parsed.data.current.join(",");
  await handleDeliveryOnce({ id: webhookId, shop, topic }, async (tx) => {
    if (session) await updateSessionScopes(tx, session.id, scopes);
    await updateShopScopes(tx, shop, scopes);
  });
  return new Response();
};
