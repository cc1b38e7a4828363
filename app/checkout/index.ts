/**
 * checkout — public surface safe for client and server: types and pure functions.
 * Code outside app/checkout/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { type CheckoutPage } from "./domain/synthetic";
export { type Take, TokenBuckets } from "./server/ingest/token-bucket";
