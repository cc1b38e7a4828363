/**
 * report — public UI: React components other code (routes) may render.
 * Code outside app/report/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { ReportSettings } from "./ReportSettings";
export { ReportView } from "./ReportView";
export {
  usePdfDownload,
  ReportBanners,
  ReportSidebar,
  useReportWords,
  type SidebarActions,
} from "./ReportSidebar";
