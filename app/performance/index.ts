/**
 * performance — public surface safe for client and server: types and pure functions.
 * Code outside app/performance/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { formatBytes } from "./domain/bytes";
export { type AppHostList, validateAppHosts } from "./domain/app-hosts";
export { changeHeadline } from "./domain/changes";
export {
  CRAWL_LIMITS,
  type CrawlLimit,
  type CrawlLimits,
  type UnmeasuredPage,
} from "./domain/crawl-limits";
export { PAGE_LABELS } from "./domain/findings";
export { pageLinks, pageResources } from "./domain/html";
export { type PerfLighthouseResults } from "./domain/lighthouse";
export { demoPasswordHint } from "./domain/password-messages";
export { type ThemeFile } from "./domain/theme-code";
export {
  type CrawledPage,
  type FetchedResource,
  type PageType,
  type PerfHttpResults,
  type ThemeReadSummary,
} from "./domain/types";
