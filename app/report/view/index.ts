/**
 * The report's view model, built once for both renderers (HTML: ReportView, PDF: pdf.server).
 *
 * Adding a section: write `app/report/view/<name>.ts` exporting `(c: ViewContext) => ReportSection`
 * and add it to SECTIONS below, in reading order. Built from the existing block kinds (types.ts),
 * both renderers draw it unchanged; only a new block kind needs a renderer each
 * (app/report/ui/blocks.tsx and app/report/server/pdf-blocks.tsx).
 */
import { fill } from "~/report/domain/delivery-strings";
import { appendixSection } from "./appendix";
import { checkoutSection } from "./checkout";
import { viewContext, type ReportViewInput, type ViewContext } from "./context";
import { buildHeader } from "./header";
import { kpiSection } from "./kpis";
import { performanceSection } from "./performance";
import { productQaSection } from "./product-qa";
import { summarySection } from "./summary";
import { commentarySection, prioritiesSection } from "./texts";
import type { ReportSection, ReportView } from "./types";

export const SECTIONS: ((c: ViewContext) => ReportSection)[] = [
  summarySection,
  productQaSection,
  checkoutSection,
  performanceSection,
  kpiSection,
  commentarySection,
  prioritiesSection,
  appendixSection,
];

export function buildReportView(input: ReportViewInput): ReportView {
  const c = viewContext(input);
  return {
    language: input.language,
    header: buildHeader(c),
    sections: SECTIONS.map((section) => section(c)),
    pageLabel: (page, pages) => fill(c.d.page, { page: c.n(page), pages: c.n(pages) }),
    notAvailable: c.t.notAvailable,
  };
}

export type { ReportViewInput } from "./context";
export { reportTextSummary } from "./text-summary";
export type * from "./types";
