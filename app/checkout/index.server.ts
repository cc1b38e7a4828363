/**
 * checkout — public server surface: services and models other code may use (server-only).
 * Code outside app/checkout/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { deleteCheckoutEventsOlderThan } from "./models/checkout-events.server";
export { funnelDaysBetween } from "./models/checkout-funnel.server";
export { listCheckoutRuns } from "./models/checkout-runs.server";
export { pixelIngestion } from "./server/ingest/handler.server";
export { checkoutJobStatus, checkoutPageData, type CheckoutPageData } from "./server/page.server";
export { activateCheckoutPixel } from "./server/pixel-activation.server";
export { runCheckoutChecks } from "./server/run.server";
export { checkoutAction } from "./server/page-actions.server";
