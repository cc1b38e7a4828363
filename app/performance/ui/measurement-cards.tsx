/**
 * The Performance page's HTTP measurement: the latest run's summary, its pages, each app's
 * footprint and the findings with their fix hints.
 */
import { Badge, BlockStack, Box, Card, DataTable, InlineStack, Text } from "@shopify/polaris";
import { FixLink } from "~/product-qa/ui";
import { formatBytes } from "~/performance/domain/bytes";
import { changeHeadline } from "~/performance/domain/changes";
import { PAGE_LABELS } from "~/performance/domain/findings";
import type { PerfHttpResults } from "~/performance/domain/types";
import { SEVERITY_TONE } from "~/findings/severity";

const kb = (bytes: number) => formatBytes(bytes);

/** "Theme Dawn: 38 code files (310 KB) read in 4 Admin API requests (cost 180); theme-check: …". */
function themeReadLine(
  theme: NonNullable<PerfHttpResults["theme"]>,
  check: PerfHttpResults["themeCheck"],
): string {
  const read = `Theme “${theme.name}”: ${theme.files} code files (${formatBytes(theme.bytes)}) read and ${theme.assets} assets listed in ${theme.requests} Admin API requests (query cost ${theme.cost})${theme.skipped.length > 0 ? `; ${theme.skipped.length} not read` : ""}.`;
  if (!check) return read;
  if (check.status !== "ran") return `${read} theme-check did not run: ${check.reason}.`;
  const offences = Object.values(check.offences).reduce((a, b) => a + b, 0);
  return `${read} Shopify's theme-check ran ${check.checks.length} checks: ${offences} offence${offences === 1 ? "" : "s"}, those that matter for speed and correctness are findings below.`;
}

export function LatestMeasurementCard({
  results,
  startedAt,
  stored,
}: {
  results: PerfHttpResults;
  startedAt: string;
  /** How many measurements are stored. */
  stored: number;
}) {
  return (
    <Card>
      <BlockStack gap="200">
        <Text as="h2" variant="headingMd">
          Latest measurement
        </Text>
        <Text as="p" tone="subdued">
          {new Date(startedAt).toUTCString()} · {results.pages.length} pages ·{" "}
          {results.footprint.apps.length} apps · {results.findings.length} findings · {stored}{" "}
          {stored === 1 ? "measurement" : "measurements"} stored
        </Text>
        <Text as="p" fontWeight="semibold">
          {changeHeadline(results)}
        </Text>
        {results.theme ? (
          <Text as="p" tone="subdued">
            {themeReadLine(results.theme, results.themeCheck)}
          </Text>
        ) : null}
        {results.notes.slice(1).map((note) => (
          <Text key={note} as="p" tone="subdued" variant="bodySm">
            {note}
          </Text>
        ))}
      </BlockStack>
    </Card>
  );
}

function TableCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card padding="0">
      <Box padding="400">
        <Text as="h2" variant="headingMd">
          {title}
        </Text>
      </Box>
      {children}
    </Card>
  );
}

export function PagesCard({ pages }: { pages: PerfHttpResults["pages"] }) {
  return (
    <TableCard title="Pages">
      <DataTable
        columnContentTypes={["text", ...Array<"numeric">(7).fill("numeric")]}
        headings={[
          "Page",
          "Requests",
          "Total",
          "JavaScript",
          "CSS",
          "Images",
          "Third-party",
          "Blocking",
        ]}
        rows={pages.map((p) => [
          PAGE_LABELS[p.type],
          p.requests,
          kb(p.totalBytes),
          kb(p.bytesByType.script),
          kb(p.bytesByType.stylesheet),
          kb(p.imageBytes),
          kb(p.thirdPartyBytes),
          p.renderBlocking.length,
        ])}
      />
    </TableCard>
  );
}

type AppFootprint = PerfHttpResults["footprint"]["apps"][number];

const inTheme = (a: AppFootprint) =>
  a.theme.length === 0
    ? "—"
    : a.theme
        .map((t) => `${t.kind === "embed" ? "embed" : "block"}${t.enabled ? "" : " (off)"}`)
        .join(", ");

export function FootprintCard({ footprint }: { footprint: PerfHttpResults["footprint"] }) {
  return (
    <TableCard title="App footprint">
      <DataTable
        columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text"]}
        headings={["App", "In the theme", "Requests", "Size", "JavaScript", "Hosts"]}
        rows={[
          ...footprint.apps.map((a) => [
            a.app,
            inTheme(a),
            a.requests,
            kb(a.bytes),
            kb(a.scriptBytes),
            a.hosts.join(", ") || "—",
          ]),
          ...footprint.unknownHosts.map((u) => [
            "Unknown",
            "—",
            u.requests,
            kb(u.bytes),
            "",
            u.host,
          ]),
        ]}
      />
    </TableCard>
  );
}

export function PerfFindingsCard({
  findings,
  rules,
  embedded,
}: {
  findings: PerfHttpResults["findings"];
  rules: Record<string, { title: string; fix: string }>;
  embedded: boolean;
}) {
  return (
    <Card>
      <BlockStack gap="400">
        <Text as="h2" variant="headingMd">
          Findings
        </Text>
        {findings.length === 0 ? (
          <Text as="p" tone="subdued">
            No findings.
          </Text>
        ) : null}
        {findings.map((f) => (
          <BlockStack key={f.key} gap="100">
            <InlineStack gap="200" blockAlign="center">
              <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge>
              <Text as="h3" variant="headingSm">
                {rules[f.ruleId]?.title ?? f.ruleId}
              </Text>
              <Text as="span" tone="subdued" variant="bodySm">
                {f.ruleId}
              </Text>
            </InlineStack>
            <Text as="p">{f.message}</Text>
            <Text as="p" tone="subdued" variant="bodySm">
              How to fix: {rules[f.ruleId]?.fix ?? ""}
            </Text>
            <Box>
              <FixLink fixUrl={f.fixUrl} embedded={embedded} />
            </Box>
          </BlockStack>
        ))}
      </BlockStack>
    </Card>
  );
}
