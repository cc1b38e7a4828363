/**
 * products/update and products/delete between full runs: the webhook only enqueues an
 * `audit.product` job (re-check or forget that one product) and answers at once; the job does
 * the Admin API read and the audit, with retries. Idempotent per delivery: the job run's id is
 * derived from the webhook id, so Shopify's retry of a delivery finds the run already queued.
 */
import { enqueueJob } from "~/jobs/client.server";
import { auditProductJob } from "~/jobs/definitions";

export type ProductWebhookAction = "update" | "delete";

export type ProductWebhookOutcome =
  | { queued: true; jobRunId: string; deduplicated: boolean; productId: string }
  | { queued: false; reason: "no-product-id" | "not-installed" };

/** The product's GID from a webhook payload: `admin_graphql_api_id`, else the numeric `id`. */
export function productIdOfPayload(payload: unknown): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const { admin_graphql_api_id: gid, id } = payload as Record<string, unknown>;
  if (typeof gid === "string" && /^gid:\/\/shopify\/Product\/\d+$/.test(gid)) return gid;
  if (typeof id === "number" && Number.isSafeInteger(id) && id > 0)
    return `gid://shopify/Product/${id}`;
  if (typeof id === "string" && /^\d{1,20}$/.test(id)) return `gid://shopify/Product/${id}`;
  return null;
}

export async function queueProductWebhook(input: {
  shop: string;
  webhookId: string;
  action: ProductWebhookAction;
  payload: unknown;
  /** Whether the shop has an offline session: without one there is nothing to re-check with. */
  installed: boolean;
}): Promise<ProductWebhookOutcome> {
  const productId = productIdOfPayload(input.payload);
  if (productId === null) return { queued: false, reason: "no-product-id" };
  if (!input.installed) return { queued: false, reason: "not-installed" };
  const { id, deduplicated } = await enqueueJob(
    auditProductJob,
    { shop: input.shop, productId, action: input.action, webhookId: input.webhookId },
    { key: `audit.product:${input.shop}:${input.webhookId}` },
  );
  return { queued: true, jobRunId: id, deduplicated, productId };
}
