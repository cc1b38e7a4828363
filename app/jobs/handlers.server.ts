/**
 * Where each job's handler lives, loaded when a run starts. Registered by the job service
 * (./service.server.ts) and kept out of ./definitions.ts, which code that enqueues jobs imports:
 * a handler enqueues jobs, so importing it from the definitions would be an import cycle.
 */
import { registerHandlers } from "./define";
import {
  alertsDeliverJob,
  auditProductJob,
  auditRunShopJob,
  checkoutSyntheticJob,
  maintenanceCleanupJob,
  maintenanceCompactJob,
  perfHttpJob,
  perfLighthouseJob,
  reportMonthlyJob,
} from "./definitions";

registerHandlers({
  [auditRunShopJob.id]: () => import("~/product-qa/jobs/audit-run-shop.server"),
  [auditProductJob.id]: () => import("~/product-qa/jobs/audit-product.server"),
  [maintenanceCleanupJob.id]: () => import("./handlers/maintenance-cleanup.server"),
  [maintenanceCompactJob.id]: () => import("./handlers/maintenance-compact.server"),
  [alertsDeliverJob.id]: () => import("~/alerts/jobs/alerts-deliver.server"),
  [checkoutSyntheticJob.id]: () => import("~/checkout/jobs/checkout-synthetic.server"),
  [perfHttpJob.id]: () => import("~/performance/jobs/performance-http.server"),
  [perfLighthouseJob.id]: () => import("~/performance/jobs/performance-lighthouse.server"),
  [reportMonthlyJob.id]: () => import("~/report/jobs/report-monthly.server"),
});
