/**
 * What the admin report routes (the page and its PDF) share: the month from the URL and the
 * report version it asks for, opened for the session's shop. Bad input is a 404 response.
 */
import { isMonth } from "~/time";
import { openReport, ReportStateError, type OpenedReport } from "~/report/server/reports.server";
import { openSharedReport } from "~/report/server/share.server";

export function monthParam(value: string | undefined): string {
  if (value === undefined || !isMonth(value)) throw new Response("No such month", { status: 404 });
  return value;
}

/** The month's report (`?version=N` an earlier one) of `shop`; never another shop's. */
export async function openRequestedReport(
  shop: string,
  month: string | undefined,
  search: URLSearchParams,
): Promise<OpenedReport> {
  const checkedMonth = monthParam(month);
  const versionParam = search.get("version");
  const version = versionParam === null ? undefined : Number(versionParam);
  if (version !== undefined && !Number.isInteger(version))
    throw new Response("No such version", { status: 404 });
  try {
    return await openReport(shop, checkedMonth, version === undefined ? {} : { version });
  } catch (error) {
    if (error instanceof ReportStateError) throw new Response(error.message, { status: 404 });
    throw error;
  }
}

/**
 * What a share page may load: its own stylesheet and images (the logo is a data: URL), inline
 * style attributes; no script, no request to another origin, no form, never in a frame.
 */
export const SHARE_CSP = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * A share link's page and PDF: never indexed, cached, framed or leaking the token in a
 * referrer, and nothing loaded from elsewhere.
 */
export const SHARE_HEADERS = {
  "X-Robots-Tag": "noindex, nofollow, noarchive",
  "Cache-Control": "private, no-store",
  "Referrer-Policy": "no-referrer",
  "Content-Security-Policy": SHARE_CSP,
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
} as const;

/** The issued report behind a share token (the page and its PDF); otherwise a plain 404. */
export async function requireSharedReport(token: string | undefined) {
  const opened = await openSharedReport(token ?? "");
  if (opened === null)
    throw new Response("This link does not open a report: it is unknown, expired or revoked.", {
      status: 404,
      headers: { ...SHARE_HEADERS, "Content-Type": "text/plain; charset=utf-8" },
    });
  return opened;
}
