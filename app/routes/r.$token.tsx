/**
 * The merchant's read-only view of an issued report through a share link: no login, no admin
 * frame, never indexed (meta robots and X-Robots-Tag), never cached, and no referrer sent on,
 * so the token does not leak through the fix links. An unknown, expired or revoked token is a
 * plain 404 that says nothing about which of these it was.
 *
 * Plain HTML without scripts (handle.hydrate = false), under a Content-Security-Policy that
 * allows no script, nothing from another origin and no framing (SHARE_HEADERS).
 */
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  data as withHeaders,
  isRouteErrorResponse,
  Link,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import { ReportView } from "~/report/ui";
import { toReportLanguage } from "~/report";
import { REPORT_LANGUAGES } from "~/report";
import { brandingOf } from "~/report";
import { reportOptions } from "~/db/shop-settings.server";
import { requireSharedReport, SHARE_HEADERS } from "~/report/index.server";

export const meta: MetaFunction = () => [
  { title: "Monthly report" },
  { name: "robots", content: "noindex, nofollow, noarchive" },
  { name: "referrer", content: "no-referrer" },
];

// Also for the 404: this route has its own ErrorBoundary, so its headers are the ones sent.
export const headers: HeadersFunction = () => SHARE_HEADERS;

export const handle = { hydrate: false };

export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <main style={{ padding: "48px 16px", fontFamily: "sans-serif", textAlign: "center" }}>
      <h1 style={{ fontSize: 20 }}>This report link does not open a report</h1>
      <p>
        {isRouteErrorResponse(error) && error.status === 404
          ? "It is unknown, has expired or was revoked. Ask your agency for a new link."
          : "Something went wrong. Try again later."}
      </p>
    </main>
  );
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const opened = await requireSharedReport(params.token);
  const lang = new URL(request.url).searchParams.get("lang");
  const { report, data } = opened;
  return withHeaders(
    {
      data,
      branding: brandingOf(await reportOptions(report.shop)),
      language: toReportLanguage(lang ?? report.locale),
      version: report.version,
      issuedAt: report.issuedAt?.toISOString() ?? null,
    },
    { headers: SHARE_HEADERS },
  );
};

export default function SharedReport() {
  const { data, branding, language, version, issuedAt } = useLoaderData<typeof loader>();
  const { pathname } = useLocation();
  return (
    <main style={{ padding: "24px 16px", background: "#fff" }}>
      <nav style={{ maxWidth: 960, margin: "0 auto 8px", textAlign: "right", fontSize: 13 }}>
        <a href={`${pathname}/pdf?lang=${language}`} rel="nofollow" download>
          {language === "da" ? "Hent som PDF" : "Download PDF"}
        </a>
        {REPORT_LANGUAGES.map((l) => (
          <Link
            key={l}
            to={`${pathname}?lang=${l}`}
            style={{ marginLeft: 12, fontWeight: l === language ? 700 : 400 }}
            rel="nofollow"
          >
            {l === "da" ? "Dansk" : "English"}
          </Link>
        ))}
      </nav>
      <ReportView
        data={data}
        language={language}
        status="issued"
        version={version}
        issuedAt={issuedAt}
        branding={branding}
      />
    </main>
  );
}
