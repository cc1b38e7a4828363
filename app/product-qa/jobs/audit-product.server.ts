/** `audit.product`: re-check one product after products/update, or forget it after products/delete. */
import type { JobContext } from "~/jobs/define";

export interface AuditProductPayload {
  shop: string;
  productId: string;
  action: "update" | "delete";
  webhookId: string;
}

export default async function auditProduct(payload: AuditProductPayload, ctx: JobContext) {
  const { forgetProduct, reauditProduct } =
    await import("~/product-qa/server/reaudit-product.server");
  ctx.signal.throwIfAborted();
  if (payload.action === "delete")
    return forgetProduct({ shop: payload.shop, productId: payload.productId });
  return reauditProduct({
    shop: payload.shop,
    productId: payload.productId,
    trigger: "webhook",
    jobRunId: ctx.jobRunId,
  });
}
