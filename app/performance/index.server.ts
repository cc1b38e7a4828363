/**
 * performance — public server surface: services and models other code may use (server-only).
 * Code outside app/performance/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { listPerfRuns, type PerfRunView } from "./models/performance-runs.server";
export { runPerfLighthouse } from "./server/lighthouse.server";
export { perfPageData } from "./server/page.server";
export { runPerfHttp } from "./server/run.server";
export {
  passwordAction,
  passwordIntents,
  requestLanguage,
} from "./server/storefront-password.server";
export { type LighthousePageData } from "./server/page.server";
export { performanceAction } from "./server/page-actions.server";
