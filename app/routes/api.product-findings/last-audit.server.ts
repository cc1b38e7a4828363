/**
 * When an audit last covered a product, so the block can tell "no open problems" from "not
 * audited yet".
 */
import { latestAuditRun, productRecheckedAfter } from "~/product-qa/index.server";

/**
 * The later of the shop's last succeeded full run and this product's last succeeded re-check
 * after it; null while no full run has succeeded: a re-check compares the product with the
 * full run's catalog and checks nothing without one (reaudit-product.server.ts).
 */
export async function lastAuditedAt(shop: string, productId: string): Promise<Date | null> {
  const full = await latestAuditRun(shop, { kind: "full", status: "succeeded" });
  if (!full?.finishedAt) return null;
  const recheck = await productRecheckedAfter(shop, productId, full.finishedAt);
  return recheck ?? full.finishedAt;
}
