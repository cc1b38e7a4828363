/**
 * report — public server surface: services and models other code may use (server-only).
 * Code outside app/report/ imports this capability only through index.ts, index.server.ts and
 * ui/index.ts (docs/decisions/018-capability-layout.md).
 */
export { listReportEmails, listShareLinks } from "./models/reports.server";
export { emailReport, pdfHeaders, reportPdf } from "./server/delivery.server";
export { renderReportHtml } from "./server/html.server";
export { shopTimeZone } from "./server/input.server";
export { PdfBusyError } from "./server/pdf-render.server";
export { renderReportPdf } from "./server/pdf.server";
export {
  monthParam,
  openRequestedReport,
  requireSharedReport,
  SHARE_HEADERS,
} from "./server/report-route.server";
export {
  issueMonthReport,
  listReportMonths,
  openReport,
  reissueMonthReport,
  ReportStateError,
  saveReportTexts,
} from "./server/reports.server";
export { revokeReportShare, sharePath, sharePdfAllowed, shareReport } from "./server/share.server";
export { loadReportPage, reportPageAction, type ReportActionResult } from "./server/page.server";
