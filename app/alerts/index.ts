/**
 * alerts — public surface safe for client and server: types and pure functions.
 * Code outside app/alerts/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { checkoutAlerts, type CheckoutRunForAlerts, findingAlerts } from "./domain/sources";
