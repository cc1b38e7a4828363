/**
 * `GET /app/reports/YYYY-MM/pdf[?version=N&lang=en|da]`: the month's report as an A4 PDF with
 * the shop's branding — the same report the page shows (a draft rebuilt, an issued version as
 * stored). The shop comes from the session only: no id in the URL reaches another shop.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/auth.server";
import { toReportLanguage } from "~/report";
import { openRequestedReport } from "~/report/index.server";
import { pdfHeaders, reportPdf } from "~/report/index.server";
import { PdfBusyError } from "~/report/index.server";

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const search = new URL(request.url).searchParams;
  const opened = await openRequestedReport(shop, params.month, search);
  const language = toReportLanguage(search.get("lang") ?? opened.report.locale);
  const pdf = await reportPdf(shop, opened.report, opened.data, language).catch((error) => {
    if (error instanceof PdfBusyError)
      throw new Response("The server is busy making PDFs; try again shortly.", {
        status: 503,
        headers: { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" },
      });
    throw error;
  });
  return new Response(new Uint8Array(pdf.bytes), {
    headers: pdfHeaders(pdf.fileName, pdf.bytes.length),
  });
};
