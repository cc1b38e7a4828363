/**
 * The admin report page's side column: the manager's words (draft), sharing and email (issued),
 * the share links and the versions. Each card is its own component; the page passes how to
 * submit an intent and which one is running.
 */
import { useState } from "react";
import {
  Banner,
  Layout,
  BlockStack,
  Button,
  ButtonGroup,
  Card,
  InlineStack,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";

export interface SidebarActions {
  submit: (fields: Record<string, string>) => void;
  busy: boolean;
  /** The intent being submitted, if any. */
  running: string | null;
}

function CardTitle({ children }: { children: string }) {
  return (
    <Text as="h2" variant="headingMd">
      {children}
    </Text>
  );
}

export function WordsCard({
  reportId,
  words,
  dirty,
  actions,
}: {
  reportId: string;
  words: { commentary: [string, (v: string) => void]; priorities: [string, (v: string) => void] };
  dirty: boolean;
  actions: SidebarActions;
}) {
  const [commentary, setCommentary] = words.commentary;
  const [priorities, setPriorities] = words.priorities;
  return (
    <Card>
      <BlockStack gap="300">
        <CardTitle>Your words</CardTitle>
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
            disabled={!dirty || actions.busy}
            loading={actions.busy && actions.running === "save"}
            onClick={() => actions.submit({ intent: "save", reportId, commentary, priorities })}
          >
            Save
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export function ShareCard({ reportId, actions }: { reportId: string; actions: SidebarActions }) {
  const [days, setDays] = useState("30");
  return (
    <Card>
      <BlockStack gap="300">
        <CardTitle>Share with the merchant</CardTitle>
        <Text as="p" tone="subdued">
          A read-only link, no login needed. Anyone with the link can read this version until it
          expires or you revoke it.
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
            disabled={actions.busy}
            onClick={() => actions.submit({ intent: "share", reportId, days })}
          >
            Create share link
          </Button>
        </InlineStack>
      </BlockStack>
    </Card>
  );
}

export interface EmailState {
  recipients: string[];
  configured: boolean;
  /** Sent emails, `sent` formatted in the shop's time zone. */
  sent: { id: string; recipients: string; sent: string }[];
}

export function EmailCard({
  reportId,
  email,
  actions,
}: {
  reportId: string;
  email: EmailState;
  actions: SidebarActions;
}) {
  return (
    <Card>
      <BlockStack gap="300">
        <CardTitle>Email the report</CardTitle>
        <Text as="p" tone="subdued">
          {email.recipients.length === 0
            ? "No report recipients yet: add them under Settings → Report branding."
            : !email.configured
              ? "Email is not configured on this server (SMTP_URL)."
              : `To ${email.recipients.join(", ")}, with the PDF attached.`}
        </Text>
        <InlineStack align="end">
          <Button
            disabled={actions.busy || email.recipients.length === 0 || !email.configured}
            loading={actions.busy && actions.running === "email"}
            onClick={() => actions.submit({ intent: "email", reportId })}
          >
            Email report
          </Button>
        </InlineStack>
        {email.sent.map((e) => (
          <Text key={e.id} as="p" variant="bodySm" tone="subdued">
            Sent {e.sent} to {e.recipients}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

export interface ShareLinkRow {
  id: string;
  version: number | null;
  state: string;
  /** The expiry date, formatted in the shop's time zone. */
  expires: string;
}

export function ShareLinksCard({
  links,
  actions,
}: {
  links: ShareLinkRow[];
  actions: SidebarActions;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <CardTitle>Share links</CardTitle>
        {links.map((l) => (
          <InlineStack key={l.id} align="space-between" blockAlign="center" gap="200">
            <Text as="span" variant="bodySm">
              Version {l.version} · {l.state === "active" ? "expires" : l.state}{" "}
              {l.state === "active" ? l.expires : ""}
            </Text>
            {l.state === "active" ? (
              <Button
                size="slim"
                tone="critical"
                variant="plain"
                disabled={actions.busy}
                onClick={() => actions.submit({ intent: "revoke", linkId: l.id })}
              >
                Revoke
              </Button>
            ) : null}
          </InlineStack>
        ))}
      </BlockStack>
    </Card>
  );
}

export function VersionsCard({
  versions,
  current,
  href,
}: {
  versions: { version: number; status: string }[];
  current: number;
  href: (version: number) => string;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <CardTitle>Versions</CardTitle>
        <ButtonGroup>
          {versions.map((v) => (
            <Button
              key={v.version}
              url={href(v.version)}
              pressed={v.version === current}
              size="slim"
            >
              {`v${v.version} ${v.status === "issued" ? "issued" : "draft"}`}
            </Button>
          ))}
        </ButtonGroup>
      </BlockStack>
    </Card>
  );
}

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

/** What the side column shows of the page's data. */
export interface SidebarPage {
  report: { id: string; status: string; version: number };
  email: EmailState;
  links: ShareLinkRow[];
  versions: { version: number; status: string }[];
}

/** The manager's texts; a new version or saved texts from the server reset them. */
export function useReportWords(report: { id: string; commentary: string; priorities: string }) {
  const commentary = useState(report.commentary);
  const priorities = useState(report.priorities);
  // State adjusted in render when the server's texts change.
  const serverTexts = `${report.id}\u0000${report.commentary}\u0000${report.priorities}`;
  const [shownTexts, setShownTexts] = useState(serverTexts);
  if (shownTexts !== serverTexts) {
    setShownTexts(serverTexts);
    commentary[1](report.commentary);
    priorities[1](report.priorities);
  }
  const dirty = commentary[0] !== report.commentary || priorities[0] !== report.priorities;
  return { words: { commentary, priorities }, dirty };
}

export function ReportBanners({
  result,
  pdfError,
  onDismissPdf,
  isDraft,
}: {
  result: { ok: boolean; message: string; shareUrl?: string } | undefined;
  pdfError: string | null;
  onDismissPdf: () => void;
  isDraft: boolean;
}) {
  return (
    <>
      {result ? (
        <Layout.Section>
          <Banner tone={result.ok ? "success" : "critical"}>
            <BlockStack gap="200">
              <p>{result.message}</p>
              {result.shareUrl ? (
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
          <Banner tone="critical" onDismiss={onDismissPdf}>
            {pdfError}
          </Banner>
        </Layout.Section>
      ) : null}
      {isDraft ? (
        <Layout.Section>
          <Banner tone="info">
            This draft is rebuilt from the latest audits each time it is opened. Issue it to freeze
            it: readers will then see exactly this, and it can be shared.
          </Banner>
        </Layout.Section>
      ) : null}
    </>
  );
}

export function ReportSidebar({
  page,
  words,
  actions,
  href,
}: {
  page: SidebarPage;
  words: ReturnType<typeof useReportWords>;
  actions: SidebarActions;
  href: (params: { version?: number }) => string;
}) {
  const { report, email, links, versions } = page;
  const isDraft = report.status === "draft";
  return (
    <BlockStack gap="400">
      {isDraft ? (
        <WordsCard reportId={report.id} words={words.words} dirty={words.dirty} actions={actions} />
      ) : (
        <ShareCard reportId={report.id} actions={actions} />
      )}
      {!isDraft ? <EmailCard reportId={report.id} email={email} actions={actions} /> : null}
      {links.length > 0 ? <ShareLinksCard links={links} actions={actions} /> : null}
      {versions.length > 1 ? (
        <VersionsCard
          versions={versions}
          current={report.version}
          href={(version) => href({ version })}
        />
      ) : null}
    </BlockStack>
  );
}

/** The "Download PDF" button's state: busy while it downloads, the error if it failed. */
export function usePdfDownload(path: () => string) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = () => {
    setBusy(true);
    setError(null);
    downloadPdf(path())
      .catch((e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };
  return { error, busy, start, dismiss: () => setError(null) };
}
