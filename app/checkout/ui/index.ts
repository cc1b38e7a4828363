/**
 * checkout — public UI: React components other code (routes) may render.
 * Code outside app/checkout/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { CheckoutRunCard } from "./CheckoutRunCard";
export { FunnelCard } from "./FunnelCard";
export { HistoryCard } from "./HistoryCard";
export { MarketsCard } from "./MarketsCard";
export { PixelCard } from "./PixelCard";
export { ReadinessCard } from "./ReadinessCard";
