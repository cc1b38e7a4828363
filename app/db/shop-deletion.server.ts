/**
 * After a shop's data was deleted (shop/redact) or its tokens dropped (app/uninstalled):
 *
 * - every in-memory cache of this process forgets the shop at once (the pixel's key cache would
 *   otherwise accept the shop's events for up to a minute; rate-limit buckets, PDF caches, …);
 * - the database files are compacted by a job (maintenance.compact), so the deleted rows' bytes
 *   do not stay in the file's free space.
 *
 * docs/security.md, "What deletion removes".
 */
import { maintenanceCompactJob } from "~/jobs/definitions";
import { enqueueJob } from "~/jobs/client.server";
import { forgetShopInMemory, registerShopMemory } from "~/lib/shop-memory.server";
import { forgetSharedLimiters } from "~/shopify/cost-limiter";

registerShopMemory({ name: "Admin API cost projections", forget: forgetSharedLimiters });

export async function afterShopDeletion(
  shop: string,
  reason: "shop/redact" | "app/uninstalled",
): Promise<void> {
  forgetShopInMemory(shop);
  await enqueueJob(maintenanceCompactJob, { reason }, { shop: "" });
}
