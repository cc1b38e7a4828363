/**
 * alerts — public server surface: services and models other code may use (server-only).
 * Code outside app/alerts/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { deleteAlertsOlderThan, listAlerts } from "./models/alerts.server";
export { enqueueAlerts } from "./server/enqueue.server";
