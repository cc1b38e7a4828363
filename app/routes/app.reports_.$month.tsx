/**
 * /app/reports/YYYY-MM: one month's report. A draft is rebuilt from the stored runs each time it
 * is opened; the manager writes commentary and priorities, then issues it (frozen). An issued
 * report can be shared by link (expiring, revocable) or reissued as a new version.
 * `?version=N` shows an earlier version as stored, `?lang=en|da` the report's language.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import { Badge, Card, Layout, Page } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { formatMonthName, formatter } from "~/format";
import { REPORT_LANGUAGES } from "~/report";
import {
  loadReportPage,
  monthParam,
  reportPageAction,
  type ReportActionResult,
} from "~/report/index.server";
import {
  usePdfDownload,
  ReportBanners,
  ReportSidebar,
  ReportView,
  useReportWords,
  type SidebarActions,
} from "~/report/ui";

export type { ReportActionResult };

export const meta: MetaFunction = ({ params }) => [
  { title: `Report ${params.month ?? ""} · Tovholder` },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  return loadReportPage(shop, monthParam(params.month), new URL(request.url).searchParams);
};

export const action = async ({ request, params }: ActionFunctionArgs) =>
  reportPageAction(await requireAdmin(request), request, monthParam(params.month));

const LANGUAGE_NAMES = { en: "English", da: "Dansk" } as const;

/** This page for another version or language (the newest version needs no `version`). */
function reportHref(
  pathname: string,
  page: { report: { version: number }; newest: number; language: string; isNewest: boolean },
  params: { version?: number; lang?: string },
): string {
  const q = new URLSearchParams();
  const v = params.version ?? (page.isNewest ? undefined : page.report.version);
  if (v !== undefined && v !== page.newest) q.set("version", String(v));
  q.set("lang", params.lang ?? page.language);
  return `${pathname}?${q.toString()}`;
}

export default function ReportPage() {
  const page = useLoaderData<typeof loader>();
  const { month, language, data, branding, report, newest } = page;
  const fetcher = useFetcher<typeof action>();
  const { pathname } = useLocation();
  const words = useReportWords(report);
  const busy = fetcher.state !== "idle";
  const actions: SidebarActions = {
    submit: (fields) => fetcher.submit(fields, { method: "post" }),
    busy,
    running: busy ? String(fetcher.formData?.get("intent") ?? "") : null,
  };
  const isDraft = report.status === "draft";
  const isNewest = report.version === newest;
  const href = (params: { version?: number; lang?: string }) =>
    reportHref(pathname, { ...page, isNewest }, params);
  const pdf = usePdfDownload(() => href({}).replace("?", "/pdf?"));
  return (
    <Page
      fullWidth
      title={`Report: ${formatMonthName(formatter("en", data.shop, data.period.timeZone), month)}`}
      titleMetadata={
        <Badge tone={isDraft ? "attention" : "success"}>
          {`${isDraft ? "Draft" : "Issued"} · version ${report.version}`}
        </Badge>
      }
      backAction={{ content: "Reports", url: "/app/reports" }}
      primaryAction={
        isDraft
          ? {
              content: "Issue report",
              loading: actions.running === "issue",
              disabled: busy || words.dirty,
              helpText: words.dirty ? "Save the commentary first." : undefined,
              onAction: () => actions.submit({ intent: "issue" }),
            }
          : isNewest
            ? {
                content: "Reissue as new version",
                disabled: busy,
                onAction: () => actions.submit({ intent: "reissue" }),
              }
            : undefined
      }
      secondaryActions={[
        { content: "Download PDF", loading: pdf.busy, disabled: pdf.busy, onAction: pdf.start },
        ...REPORT_LANGUAGES.map((l) => ({
          content: LANGUAGE_NAMES[l],
          url: href({ lang: l }),
          disabled: l === language,
          accessibilityLabel: `Show the report in ${LANGUAGE_NAMES[l]}`,
        })),
      ]}
    >
      <Layout>
        <ReportBanners
          result={fetcher.data}
          pdfError={pdf.error}
          onDismissPdf={pdf.dismiss}
          isDraft={isDraft}
        />
        <Layout.Section>
          <Card>
            <ReportView
              data={data}
              language={language}
              status={report.status}
              version={report.version}
              issuedAt={report.issuedAt}
              branding={branding}
            />
          </Card>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <ReportSidebar page={page} words={words} actions={actions} href={href} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
