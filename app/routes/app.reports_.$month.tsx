/**
 * /app/reports/YYYY-MM: one month's report. A draft is rebuilt from the stored runs each time it
 * is opened; the manager writes commentary and priorities, then issues it (frozen). An issued
 * report can be shared by link (expiring, revocable) or reissued as a new version.
 * `?version=N` shows an earlier version as stored, `?lang=en|da` the report's language.
 */
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  InlineStack,
  Layout,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { env } from "~/env.server";
import { ReportView } from "~/report/ui";
import { formatMonthName, reportFormat } from "~/report";
import { toReportLanguage } from "~/report";
import { monthParam, openRequestedReport } from "~/report/index.server";
import { REPORT_LANGUAGES } from "~/report";
import { brandingOf } from "~/report";
import { mailConfigured } from "~/lib/mail.server";
import { listReportEmails, listShareLinks } from "~/report/index.server";
import { reportOptions } from "~/db/shop-settings.server";
import { emailReport } from "~/report/index.server";
import { actorOf } from "~/product-qa/index.server";
import {
  issueMonthReport,
  reissueMonthReport,
  ReportStateError,
  saveReportTexts,
} from "~/report/index.server";
import { revokeReportShare, sharePath, shareReport } from "~/report/index.server";

export const meta: MetaFunction = ({ params }) => [
  { title: `Report ${params.month ?? ""} · Tovholder` },
];

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const month = monthParam(params.month);
  const search = new URL(request.url).searchParams;
  const opened = await openRequestedReport(shop, month, search);
  const { report, data, versions } = opened;
  const now = Date.now();
  const links = (
    await listShareLinks(
      shop,
      versions.map((v) => v.id),
    )
  ).map((l) => ({
    id: l.id,
    version: versions.find((v) => v.id === l.reportId)?.version ?? null,
    expiresAt: l.expiresAt.toISOString(),
    state: l.revokedAt ? "revoked" : l.expiresAt.getTime() <= now ? "expired" : "active",
  }));
  const language = toReportLanguage(search.get("lang") ?? report.locale);
  const options = await reportOptions(shop);
  const emails = (await listReportEmails(shop, [report.id])).map((e) => ({
    id: e.id,
    recipients: e.recipients,
    sentAt: e.sentAt.toISOString(),
  }));
  return {
    month,
    language,
    data,
    branding: brandingOf(options),
    email: {
      recipients: options.recipients,
      configured: mailConfigured(),
      sent: emails,
    },
    report: {
      id: report.id,
      version: report.version,
      status: report.status,
      commentary: report.commentary,
      priorities: report.priorities,
      issuedAt: report.issuedAt?.toISOString() ?? null,
      issuedBy: report.issuedBy,
      locale: toReportLanguage(report.locale),
    },
    newest: versions[0]?.version ?? report.version,
    versions: versions.map((v) => ({ version: v.version, status: v.status })),
    links,
  };
};

export type ReportActionResult =
  { ok: true; message: string; shareUrl?: string } | { ok: false; message: string };

export const action = async ({
  request,
  params,
}: ActionFunctionArgs): Promise<ReportActionResult> => {
  const context = await requireAdmin(request);
  const { shop } = context;
  const month = monthParam(params.month);
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? "");
  try {
    switch (field("intent")) {
      case "save": {
        await saveReportTexts(shop, field("reportId"), {
          commentary: field("commentary"),
          priorities: field("priorities"),
        });
        return { ok: true, message: "Commentary and priorities saved." };
      }
      case "issue":
        await issueMonthReport(shop, month, actorOf(context, request));
        return { ok: true, message: "Report issued. It will not change any more." };
      case "reissue": {
        const draft = await reissueMonthReport(shop, month);
        return { ok: true, message: `Version ${draft.version} drafted from the latest runs.` };
      }
      case "share": {
        const days = Number(field("days") || "30");
        const { token } = await shareReport(shop, field("reportId"), { days });
        const base = context.embedded ? env().appUrl : new URL(request.url).origin;
        return {
          ok: true,
          message: `Share link created; it expires in ${days} days. Copy it now: it is not shown again.`,
          shareUrl: `${base}${sharePath(token)}`,
        };
      }
      case "email": {
        const { sent, rejected } = await emailReport(shop, field("reportId"));
        return rejected.length === 0
          ? { ok: true, message: `Report emailed with its PDF to ${sent.join(", ")}.` }
          : {
              ok: true,
              message: `Report emailed to ${sent.join(", ")}; refused by the mail server: ${rejected.join(", ")}.`,
            };
      }
      case "revoke":
        return (await revokeReportShare(shop, field("linkId")))
          ? { ok: true, message: "Share link revoked: it no longer opens the report." }
          : { ok: false, message: "That link does not exist or was already revoked." };
      default:
        return { ok: false, message: "Unknown action." };
    }
  } catch (error) {
    if (error instanceof ReportStateError) return { ok: false, message: error.message };
    throw error;
  }
};

const LANGUAGE_NAMES = { en: "English", da: "Dansk" } as const;

/** Downloads the PDF through fetch, which App Bridge signs with a session token. */
async function downloadPdf(path: string): Promise<void> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`The PDF could not be made (${response.status}).`);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
    "report.pdf";
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

export default function ReportPage() {
  const { month, language, data, branding, email, report, newest, versions, links } =
    useLoaderData<typeof loader>();
  const [pdfError, setPdfError] = useState<string | null>(null);
  const [pdfBusy, setPdfBusy] = useState(false);
  const fetcher = useFetcher<ReportActionResult>();
  const { pathname } = useLocation();
  const [commentary, setCommentary] = useState(report.commentary);
  const [priorities, setPriorities] = useState(report.priorities);
  const [days, setDays] = useState("30");
  // A new version or saved texts from the server reset the fields (state adjusted in render).
  const serverTexts = `${report.id}\u0000${report.commentary}\u0000${report.priorities}`;
  const [shownTexts, setShownTexts] = useState(serverTexts);
  if (shownTexts !== serverTexts) {
    setShownTexts(serverTexts);
    setCommentary(report.commentary);
    setPriorities(report.priorities);
  }
  const busy = fetcher.state !== "idle";
  const submit = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const isDraft = report.status === "draft";
  const isNewest = report.version === newest;
  const f = reportFormat("en", data.shop, data.period.timeZone);
  const result = fetcher.data;
  const href = (params: { version?: number; lang?: string }) => {
    const q = new URLSearchParams();
    const v = params.version ?? (isNewest ? undefined : report.version);
    if (v !== undefined && v !== newest) q.set("version", String(v));
    q.set("lang", params.lang ?? language);
    return `${pathname}?${q.toString()}`;
  };
  const dirty = commentary !== report.commentary || priorities !== report.priorities;

  return (
    <Page
      fullWidth
      title={`Report: ${formatMonthName(f, month)}`}
      titleMetadata={
        isDraft ? (
          <Badge tone="attention">{`Draft · version ${report.version}`}</Badge>
        ) : (
          <Badge tone="success">{`Issued · version ${report.version}`}</Badge>
        )
      }
      backAction={{ content: "Reports", url: "/app/reports" }}
      primaryAction={
        isDraft
          ? {
              content: "Issue report",
              loading: busy && fetcher.formData?.get("intent") === "issue",
              disabled: busy || dirty,
              helpText: dirty ? "Save the commentary first." : undefined,
              onAction: () => submit({ intent: "issue" }),
            }
          : isNewest
            ? {
                content: "Reissue as new version",
                disabled: busy,
                onAction: () => submit({ intent: "reissue" }),
              }
            : undefined
      }
      secondaryActions={[
        {
          content: "Download PDF",
          loading: pdfBusy,
          disabled: pdfBusy,
          onAction: () => {
            setPdfBusy(true);
            setPdfError(null);
            downloadPdf(href({}).replace("?", "/pdf?"))
              .catch((e: Error) => setPdfError(e.message))
              .finally(() => setPdfBusy(false));
          },
        },
        ...REPORT_LANGUAGES.map((l) => ({
          content: LANGUAGE_NAMES[l],
          url: href({ lang: l }),
          disabled: l === language,
          accessibilityLabel: `Show the report in ${LANGUAGE_NAMES[l]}`,
        })),
      ]}
    >
      <Layout>
        {result ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>
              <BlockStack gap="200">
                <p>{result.message}</p>
                {result.ok && result.shareUrl ? (
                  <TextField
                    label="Share link"
                    value={result.shareUrl}
                    readOnly
                    autoComplete="off"
                    selectTextOnFocus
                  />
                ) : null}
              </BlockStack>
            </Banner>
          </Layout.Section>
        ) : null}
        {pdfError ? (
          <Layout.Section>
            <Banner tone="critical" onDismiss={() => setPdfError(null)}>
              {pdfError}
            </Banner>
          </Layout.Section>
        ) : null}
        {isDraft ? (
          <Layout.Section>
            <Banner tone="info">
              This draft is rebuilt from the latest audits each time it is opened. Issue it to
              freeze it: readers will then see exactly this, and it can be shared.
            </Banner>
          </Layout.Section>
        ) : null}
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
          <BlockStack gap="400">
            {isDraft ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Your words
                  </Text>
                  <TextField
                    label="Commentary"
                    value={commentary}
                    onChange={setCommentary}
                    multiline={5}
                    autoComplete="off"
                    maxLength={20000}
                  />
                  <TextField
                    label="Priorities for next month"
                    value={priorities}
                    onChange={setPriorities}
                    multiline={4}
                    autoComplete="off"
                    maxLength={20000}
                  />
                  <InlineStack align="end">
                    <Button
                      disabled={!dirty || busy}
                      loading={busy && fetcher.formData?.get("intent") === "save"}
                      onClick={() =>
                        submit({ intent: "save", reportId: report.id, commentary, priorities })
                      }
                    >
                      Save
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            ) : (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Share with the merchant
                  </Text>
                  <Text as="p" tone="subdued">
                    A read-only link, no login needed. Anyone with the link can read this version
                    until it expires or you revoke it.
                  </Text>
                  <InlineStack gap="200" blockAlign="end">
                    <Select
                      label="Expires after"
                      options={["7", "30", "90"].map((d) => ({ label: `${d} days`, value: d }))}
                      value={days}
                      onChange={setDays}
                    />
                    <Button
                      variant="primary"
                      disabled={busy}
                      onClick={() => submit({ intent: "share", reportId: report.id, days })}
                    >
                      Create share link
                    </Button>
                  </InlineStack>
                </BlockStack>
              </Card>
            )}
            {!isDraft ? (
              <Card>
                <BlockStack gap="300">
                  <Text as="h2" variant="headingMd">
                    Email the report
                  </Text>
                  <Text as="p" tone="subdued">
                    {email.recipients.length === 0
                      ? "No report recipients yet: add them under Settings → Report branding."
                      : !email.configured
                        ? "Email is not configured on this server (SMTP_URL)."
                        : `To ${email.recipients.join(", ")}, with the PDF attached.`}
                  </Text>
                  <InlineStack align="end">
                    <Button
                      disabled={busy || email.recipients.length === 0 || !email.configured}
                      loading={busy && fetcher.formData?.get("intent") === "email"}
                      onClick={() => submit({ intent: "email", reportId: report.id })}
                    >
                      Email report
                    </Button>
                  </InlineStack>
                  {email.sent.map((e) => (
                    <Text key={e.id} as="p" variant="bodySm" tone="subdued">
                      Sent{" "}
                      {new Intl.DateTimeFormat("en-GB", {
                        dateStyle: "medium",
                        timeStyle: "short",
                      }).format(new Date(e.sentAt))}{" "}
                      to {e.recipients}
                    </Text>
                  ))}
                </BlockStack>
              </Card>
            ) : null}
            {links.length > 0 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Share links
                  </Text>
                  {links.map((l) => (
                    <InlineStack key={l.id} align="space-between" blockAlign="center" gap="200">
                      <Text as="span" variant="bodySm">
                        Version {l.version} · {l.state === "active" ? "expires" : l.state}{" "}
                        {l.state === "active"
                          ? new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" }).format(
                              new Date(l.expiresAt),
                            )
                          : ""}
                      </Text>
                      {l.state === "active" ? (
                        <Button
                          size="slim"
                          tone="critical"
                          variant="plain"
                          disabled={busy}
                          onClick={() => submit({ intent: "revoke", linkId: l.id })}
                        >
                          Revoke
                        </Button>
                      ) : null}
                    </InlineStack>
                  ))}
                </BlockStack>
              </Card>
            ) : null}
            {versions.length > 1 ? (
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Versions
                  </Text>
                  <ButtonGroup>
                    {versions.map((v) => (
                      <Button
                        key={v.version}
                        url={href({ version: v.version })}
                        pressed={v.version === report.version}
                        size="slim"
                      >
                        {`v${v.version} ${v.status === "issued" ? "issued" : "draft"}`}
                      </Button>
                    ))}
                  </ButtonGroup>
                </BlockStack>
              </Card>
            ) : null}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
