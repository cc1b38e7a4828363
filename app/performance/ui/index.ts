/**
 * performance — public UI: React components other code (routes) may render.
 * Code outside app/performance/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { LighthouseCard } from "./LighthouseCard";
export {
  isPasswordResult,
  type PasswordFormResult,
  StorefrontPasswordCard,
} from "./StorefrontPasswordCard";
export { TrendCharts } from "./TrendCharts";
export { LighthouseSection } from "./lighthouse-section";
export {
  FootprintCard,
  LatestMeasurementCard,
  PagesCard,
  PerfFindingsCard,
} from "./measurement-cards";
export { PerformanceBanners } from "./performance-banners";
