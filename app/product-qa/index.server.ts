/**
 * product-qa — public server surface: services and models other code may use (server-only).
 * Code outside app/product-qa/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export {
  type AuditRunRecord,
  latestAuditRun,
  productRecheckedAfter,
  listAuditRuns,
  readAuditRunFindings,
} from "./models/audit-runs.server";
export { readAuditSettings } from "./models/audit-settings.server";
export { type FindingView, listProductFindings, streamFindings } from "./models/findings.server";
export { listSuppressions } from "./models/suppressions.server";
export { actorOf } from "./server/actor.server";
export { queueProductWebhook } from "./server/product-webhook.server";
export {
  productsAction,
  productsForm,
  type ProductsActionResult,
} from "./server/products-actions.server";
export { findingFilter, loadProductsPage } from "./server/products-page.server";
export { reauditProduct } from "./server/reaudit-product.server";
export { auditSettingsOf, openShopClient, runErrorMessage } from "./server/shop-client.server";
export { dashboardAction } from "./server/dashboard-actions.server";
