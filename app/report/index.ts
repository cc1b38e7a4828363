/**
 * report — public surface safe for client and server: types and pure functions.
 * Code outside app/report/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export {
  brandingOf,
  readReportOptions,
  type ReportOptions,
  validateReportOptions,
} from "./domain/branding";
export {
  changeText,
  PROTECTED_CUSTOMER_DATA_URL,
  reportStrings,
  toReportLanguage,
} from "./domain/i18n";
export {
  type AccessReason,
  accessReasonsIn,
  type AnalyticsAccess,
  type AnalyticsMonth,
  type Figure,
  type KpiMetric,
  REPORT_LANGUAGES,
  type UnavailableReason,
} from "./domain/types";
export { buildReportView, reportTextSummary, SECTIONS } from "./view";
