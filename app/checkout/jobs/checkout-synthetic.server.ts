/**
 * `checkout.synthetic`: the shop's checkout checks (readiness, a synthetic cart per market, the
 * funnel), then what is newly broken as alerts: a market whose cart fails now but did not in the
 * previous run, and a critical readiness finding the previous run did not have. Enqueued before
 * the run is marked succeeded; the delivery job's key (the checkout run id) keeps one delivery
 * per run, and a retried job reuses its stored run (services/checkout/run-shop.server.ts).
 */
import { ADMIN_PAGES, adminPageUrl } from "~/checkout/domain/links";
import type { JobContext } from "~/jobs/define";
import { enqueueAlerts } from "~/alerts/index.server";
import { checkoutAlerts } from "~/alerts";

export interface CheckoutSyntheticPayload {
  shop: string;
  trigger: "schedule" | "manual" | "cli";
  snapshotId?: string;
  auditRunId?: string;
}

/** Where a failed market is fixed in Shopify admin, by why its cart failed. */
function fixPage(failure: string | null): string {
  switch (failure) {
    case "password":
      return ADMIN_PAGES.onlineStorePreferences;
    case "not-shippable":
    case "no-delivery-option":
    case "delivery-pending":
      return ADMIN_PAGES.shipping;
    case "no-product":
    case "out-of-stock":
      return ADMIN_PAGES.activeProducts;
    default:
      return ADMIN_PAGES.checkout;
  }
}

export default async function checkoutSynthetic(
  payload: CheckoutSyntheticPayload,
  ctx: JobContext,
) {
  const { runShopCheckout, runForAlerts } = await import("~/checkout/server/run-shop.server");
  const { run, previous } = await runShopCheckout({
    shop: payload.shop,
    ...(payload.snapshotId !== undefined && { snapshotId: payload.snapshotId }),
    ...(payload.auditRunId !== undefined && { auditRunId: payload.auditRunId }),
    jobRunId: ctx.jobRunId,
    signal: ctx.signal,
    onProgress: (phase, percent) => void ctx.progress(phase, percent).catch(() => undefined),
  });
  const items = checkoutAlerts(
    runForAlerts(run),
    previous === null ? null : runForAlerts(previous),
    (market) => adminPageUrl(payload.shop, fixPage(market.failure)),
  );
  const alerts = await enqueueAlerts({ shop: payload.shop, runId: `checkout:${run.runId}`, items });
  return {
    checkoutRunId: run.runId,
    status: run.status,
    failedMarkets: run.markets.filter((m) => m.status === "fail").map((m) => m.marketHandle),
    alerts: items.length,
    alertsJobRunId: alerts?.id ?? null,
  };
}
