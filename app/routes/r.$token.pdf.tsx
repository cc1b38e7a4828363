/**
 * `GET /r/<token>/pdf[?lang=en|da]`: the shared report as a PDF, with the branding of the shop
 * that created the link. Same rules as the page (r.$token.tsx): issued reports only, the link's
 * own shop, never indexed or cached, and an unknown, expired or revoked token is a plain 404.
 *
 * A link's holder cannot stall the server: the PDF renders in a worker thread and once per issued
 * version (then from memory), and each link may ask for SHARE_PDF_RATE PDFs (429 beyond, with
 * Retry-After); a full render queue answers 503.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toReportLanguage } from "~/report";
import { pdfHeaders, reportPdf } from "~/report/index.server";
import { PdfBusyError } from "~/report/index.server";
import { sharePdfAllowed } from "~/report/index.server";
import { requireSharedReport, SHARE_HEADERS } from "~/report/index.server";

const plain = (status: number, text: string, headers: Record<string, string> = {}) =>
  new Response(text, {
    status,
    headers: { ...SHARE_HEADERS, "Content-Type": "text/plain; charset=utf-8", ...headers },
  });

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const opened = await requireSharedReport(params.token);
  const allowed = sharePdfAllowed(params.token ?? "");
  if (!allowed.ok)
    return plain(429, "Too many PDF downloads through this link; try again in a minute.", {
      "Retry-After": String(allowed.retryAfterSeconds),
    });
  const { report, data } = opened;
  const lang = new URL(request.url).searchParams.get("lang");
  try {
    const pdf = await reportPdf(report.shop, report, data, toReportLanguage(lang ?? report.locale));
    return new Response(new Uint8Array(pdf.bytes), {
      headers: { ...pdfHeaders(pdf.fileName, pdf.bytes.length, true), ...SHARE_HEADERS },
    });
  } catch (error) {
    if (error instanceof PdfBusyError)
      return plain(503, "The server is busy making PDFs; try again shortly.", {
        "Retry-After": "5",
      });
    throw error;
  }
};
