/**
 * The Performance page: the latest HTTP measurement of the storefront (figures per page type,
 * each app's footprint, findings with fix hints, what changed since the previous run), trends
 * over the stored runs, Lighthouse lab runs (scores, LCP, TBT, CLS, store score and their trend),
 * and the storefront password the crawl logs in with. "Measure storefront" and "Run Lighthouse"
 * run the `perf.http` and `perf.lighthouse` jobs in the background, never inside this request.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { requireAdmin } from "~/auth.server";
import { EmptyCard } from "~/ui/EmptyCard";
import { LighthouseCard } from "~/performance/ui";
import { getShopSettings } from "~/db/shop-settings.server";
import { TrendCharts } from "~/performance/ui";
import { FixLink } from "~/product-qa/ui";
import { formatBytes } from "~/performance";
import { changeHeadline } from "~/performance";
import { PAGE_LABELS } from "~/performance";
import { activeJobRuns, enqueueJob } from "~/jobs/client.server";
import { perfHttpJob, perfLighthouseJob } from "~/jobs/definitions";
import type { PerfHttpResults } from "~/performance";
import { perfPageData } from "~/performance/index.server";
import { passwordIntent, requestLanguage } from "~/performance/index.server";
import {
  StorefrontPasswordCard,
  isPasswordResult,
  type PasswordFormResult,
} from "~/performance/ui";
import { demoPasswordHint } from "~/performance";
import { env } from "~/env.server";

export const meta: MetaFunction = () => [{ title: "Performance · Tovholder" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, embedded } = await requireAdmin(request);
  const [data, settings] = await Promise.all([perfPageData(shop), getShopSettings(shop)]);
  const demoPassword = env().demoStorefrontPassword;
  return {
    ...data,
    embedded,
    timeZone: settings.timeZone,
    demoPasswordHint: demoPassword
      ? demoPasswordHint(demoPassword, requestLanguage(request))
      : null,
  };
};

type ActionResult = { ok: boolean; message: string } | PasswordFormResult;

export const action = async ({ request }: ActionFunctionArgs): Promise<ActionResult> => {
  const { shop } = await requireAdmin(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "run") {
    if ((await activeJobRuns(shop, perfHttpJob.id)).length > 0)
      return { ok: false, message: "A measurement is already queued or running for this shop." };
    await enqueueJob(perfHttpJob, { shop, trigger: "manual" });
    return {
      ok: true,
      message: "Measuring the storefront in the background. Reload the page in a minute.",
    };
  }
  if (intent === "lighthouse") {
    if ((await activeJobRuns(shop, perfLighthouseJob.id)).length > 0)
      return { ok: false, message: "Lighthouse is already queued or running for this shop." };
    await enqueueJob(perfLighthouseJob, { shop, trigger: "manual" });
    return {
      ok: true,
      message:
        "Running Lighthouse in the background (3 runs each of home, a collection and a product: a few minutes). Reload the page later.",
    };
  }
  const password = await passwordIntent(shop, request, form);
  if (password) return password;
  return { ok: false, message: "Unknown action." };
};

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
const SEVERITY_TONE = { critical: "critical", warning: "warning", info: "info" } as const;

export default function PerformancePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const latest = data.latest;
  const results = latest?.results ?? null;
  const measuring = navigation.formData?.get("intent") === "run";
  const lighthouse = data.lighthouse;
  const lighthouseResults = lighthouse.latest?.lighthouse ?? null;
  const lighthouseSection = (
    <Layout.Section>
      <LighthouseCard
        pages={lighthouseResults?.pages ?? null}
        storeScore={lighthouseResults?.storeScore ?? null}
        runsPerPage={lighthouseResults?.runsPerPage ?? null}
        measuredAt={lighthouse.latest ? String(lighthouse.latest.startedAt) : null}
        timeZone={data.timeZone}
        notes={lighthouseResults?.notes ?? []}
        trend={lighthouse.trend}
        chromiumUnavailable={lighthouse.chromiumUnavailable}
        action={
          <Form method="post">
            <input type="hidden" name="intent" value="lighthouse" />
            <Button
              submit
              loading={navigation.formData?.get("intent") === "lighthouse"}
              disabled={lighthouse.running || lighthouse.chromiumUnavailable !== null}
            >
              Run Lighthouse
            </Button>
          </Form>
        }
      />
    </Layout.Section>
  );
  return (
    <Page
      title="Performance"
      subtitle="What each app adds to the storefront, measured by plain HTTP and by Lighthouse"
      primaryAction={
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <Button submit variant="primary" loading={measuring} disabled={data.running}>
            Measure storefront
          </Button>
        </Form>
      }
    >
      <Layout>
        {result && !isPasswordResult(result) ? (
          <Layout.Section>
            <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
          </Layout.Section>
        ) : null}
        {data.running ? (
          <Layout.Section>
            <Banner tone="info">A measurement is running. Reload the page when it is done.</Banner>
          </Layout.Section>
        ) : null}
        {data.newestOther ? (
          <Layout.Section>
            <Banner
              tone={data.newestOther.status === "skipped" ? "warning" : "critical"}
              title={
                data.newestOther.status === "running"
                  ? "Measuring…"
                  : `The last measurement ${data.newestOther.status === "skipped" ? "could not measure the storefront" : "failed"}`
              }
            >
              {data.newestOther.reason ?? ""}
            </Banner>
          </Layout.Section>
        ) : null}
        {lighthouse.running ? (
          <Layout.Section>
            <Banner tone="info">Lighthouse is running. Reload the page when it is done.</Banner>
          </Layout.Section>
        ) : null}
        {lighthouse.newestOther && lighthouse.newestOther.status !== "running" ? (
          <Layout.Section>
            <Banner
              tone={lighthouse.newestOther.status === "skipped" ? "warning" : "critical"}
              title={`The last Lighthouse run ${lighthouse.newestOther.status === "skipped" ? "could not measure the storefront" : "failed"}`}
            >
              {lighthouse.newestOther.reason ?? ""}
            </Banner>
          </Layout.Section>
        ) : null}
        {results === null || latest === null ? (
          <>
            <Layout.Section>
              <Card>
                <EmptyCard heading="App and performance audits have not run yet">
                  Measure the storefront to see what each page weighs, which apps load scripts on
                  it, which files block rendering and which theme code is left over from removed
                  apps.
                </EmptyCard>
              </Card>
            </Layout.Section>
            {lighthouseSection}
          </>
        ) : (
          <>
            <Layout.Section>
              <Card>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    Latest measurement
                  </Text>
                  <Text as="p" tone="subdued">
                    {new Date(latest.startedAt).toUTCString()} · {results.pages.length} pages ·{" "}
                    {results.footprint.apps.length} apps · {results.findings.length} findings ·{" "}
                    {data.trend.length} {data.trend.length === 1 ? "measurement" : "measurements"}{" "}
                    stored
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
            </Layout.Section>
            <Layout.Section>
              <Card padding="0">
                <Box padding="400">
                  <Text as="h2" variant="headingMd">
                    Pages
                  </Text>
                </Box>
                <DataTable
                  columnContentTypes={[
                    "text",
                    "numeric",
                    "numeric",
                    "numeric",
                    "numeric",
                    "numeric",
                    "numeric",
                    "numeric",
                  ]}
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
                  rows={results.pages.map((p) => [
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
              </Card>
            </Layout.Section>
            <Layout.Section>
              <TrendCharts trend={data.trend} timeZone={data.timeZone} />
            </Layout.Section>
            {lighthouseSection}
            <Layout.Section>
              <Card padding="0">
                <Box padding="400">
                  <Text as="h2" variant="headingMd">
                    App footprint
                  </Text>
                </Box>
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "numeric", "numeric", "text"]}
                  headings={["App", "In the theme", "Requests", "Size", "JavaScript", "Hosts"]}
                  rows={[
                    ...results.footprint.apps.map((a) => [
                      a.app,
                      a.theme.length === 0
                        ? "—"
                        : a.theme
                            .map(
                              (t) =>
                                `${t.kind === "embed" ? "embed" : "block"}${t.enabled ? "" : " (off)"}`,
                            )
                            .join(", "),
                      a.requests,
                      kb(a.bytes),
                      kb(a.scriptBytes),
                      a.hosts.join(", ") || "—",
                    ]),
                    ...results.footprint.unknownHosts.map((u) => [
                      "Unknown",
                      "—",
                      u.requests,
                      kb(u.bytes),
                      "",
                      u.host,
                    ]),
                  ]}
                />
              </Card>
            </Layout.Section>
            <Layout.Section>
              <Card>
                <BlockStack gap="400">
                  <Text as="h2" variant="headingMd">
                    Findings
                  </Text>
                  {results.findings.length === 0 ? (
                    <Text as="p" tone="subdued">
                      No findings.
                    </Text>
                  ) : null}
                  {results.findings.map((f) => (
                    <BlockStack key={f.key} gap="100">
                      <InlineStack gap="200" blockAlign="center">
                        <Badge tone={SEVERITY_TONE[f.severity]}>{f.severity}</Badge>
                        <Text as="h3" variant="headingSm">
                          {data.rules[f.ruleId]?.title ?? f.ruleId}
                        </Text>
                        <Text as="span" tone="subdued" variant="bodySm">
                          {f.ruleId}
                        </Text>
                      </InlineStack>
                      <Text as="p">{f.message}</Text>
                      <Text as="p" tone="subdued" variant="bodySm">
                        How to fix: {data.rules[f.ruleId]?.fix ?? ""}
                      </Text>
                      <Box>
                        <FixLink fixUrl={f.fixUrl} embedded={data.embedded} />
                      </Box>
                    </BlockStack>
                  ))}
                </BlockStack>
              </Card>
            </Layout.Section>
          </>
        )}
        <Layout.Section>
          <StorefrontPasswordCard
            saved={data.passwordSaved}
            demoHint={data.demoPasswordHint}
            result={isPasswordResult(result) ? result : null}
          />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
