import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Layout, Page, Text } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { EmptyCard } from "~/ui/EmptyCard";
import { FindingsFilters } from "~/product-qa/ui";
import { FindingsTable, type Selection } from "~/product-qa/ui";
import { count, counted, formatAdminTime } from "~/format";
import { ProductDrawer } from "~/product-qa/ui";
import { RuleGroups } from "~/product-qa/ui";
import { RuleSettingsModal } from "~/product-qa/ui";
import { ScoreCard } from "~/product-qa/ui";
import { SuppressModal } from "~/product-qa/ui";
import { getShopSettings } from "~/db/shop-settings.server";
import { actorOf } from "~/product-qa/index.server";
import { productsAction, type ProductsActionResult } from "~/product-qa/index.server";
import { loadProductsPage } from "~/product-qa/index.server";
import { hasFilters, parseProductsQuery } from "~/product-qa";

export const meta: MetaFunction = () => [{ title: "Products · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, embedded } = await requireAdmin(request);
  const query = parseProductsQuery(new URL(request.url).searchParams);
  const [data, settings] = await Promise.all([
    loadProductsPage(shop, query),
    getShopSettings(shop),
  ]);
  return { ...data, query, embedded, timeZone: settings.timeZone };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<ProductsActionResult> => {
  const context = await requireAdmin(request);
  return productsAction(context.shop, actorOf(context, request), await request.formData());
};

/** The page's URL with some parameters changed (null removes one), back to page 1 unless set. */
function withParams(search: string, changes: Record<string, string | string[] | null>): string {
  const params = new URLSearchParams(search);
  if (!("page" in changes)) params.delete("page");
  for (const [name, value] of Object.entries(changes)) {
    params.delete(name);
    for (const v of value === null ? [] : Array.isArray(value) ? value : [value])
      params.append(name, v);
  }
  const text = params.toString();
  return text ? `?${text}` : "?";
}

/** Downloads the CSV export through fetch, which App Bridge signs with a session token. */
async function downloadCsv(search: string): Promise<void> {
  const response = await fetch(`/app/products/export${search}`);
  if (!response.ok) throw new Error(`Export failed (${response.status})`);
  const name =
    /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "")?.[1] ??
    "findings.csv";
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement("a"), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

export default function ProductsPage() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const navigate = useNavigate();
  const fetcher = useFetcher<ProductsActionResult>();
  const [suppressing, setSuppressing] = useState<Selection | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const result = fetcher.data;

  // A suppression that went through closes its modal (state adjusted while rendering, when
  // the fetcher's result changes, rather than in an effect).
  const [seenResult, setSeenResult] = useState(result);
  if (result !== seenResult) {
    setSeenResult(result);
    if (result?.intent === "suppress" && result.ok) setSuppressing(null);
  }

  const submitSelection = (intent: "suppress" | "lift", selection: Selection, reason = "") => {
    const form = new FormData();
    form.set("intent", intent);
    if (reason) form.set("reason", reason);
    if (selection.all) {
      form.set("all", "1");
      form.set("query", search);
    } else for (const id of selection.ids) form.append("id", id);
    fetcher.submit(form, { method: "post" });
  };

  const { query, lastRun } = data;
  const ruleTitle = new Map(data.choices.rules.map((r) => [r.id, r.title]));
  const succeeded = lastRun?.status === "succeeded" ? lastRun : data.lastSucceeded;
  const neverRun = succeeded === null && data.totalFindings === 0;

  return (
    <Page
      title="Products"
      subtitle="Product-data QA: what is wrong with the catalog, most important first"
      secondaryActions={
        neverRun
          ? []
          : [
              {
                content: "Export CSV",
                onAction: () => {
                  setExportError(null);
                  downloadCsv(search).catch((e: Error) => setExportError(e.message));
                },
              },
              { content: "Rule settings", onAction: () => setSettingsOpen(true) },
            ]
      }
    >
      <Layout>
        <RunBanners data={data} />
        <ActionBanner result={result} state={fetcher.state} exportError={exportError} />
        {neverRun ? (
          <Layout.Section>
            <Card>
              <EmptyCard heading="Product-data QA has not run yet">
                <BlockStack gap="300" inlineAlign="center">
                  <Text as="p" alignment="center" tone="subdued">
                    The first audit reads the whole catalog and lists what is wrong with it, most
                    important first, with a link to fix each problem in Shopify. Start it from the
                    dashboard with Run now.
                  </Text>
                  <Button variant="primary" url="/app">
                    Run the first audit
                  </Button>
                </BlockStack>
              </EmptyCard>
            </Card>
          </Layout.Section>
        ) : (
          <>
            {data.score ? (
              <Layout.Section>
                <ScoreCard
                  score={data.score}
                  lastRun={succeeded}
                  timeZone={data.timeZone}
                  onOpenSettings={() => setSettingsOpen(true)}
                />
              </Layout.Section>
            ) : null}
            {data.totalFindings === 0 ? (
              <Layout.Section>
                <Card>
                  <EmptyCard heading="Nothing to fix">
                    The last audit found no problem in the catalog. The next one runs on schedule;
                    products changed before then are checked again as they change.
                  </EmptyCard>
                </Card>
              </Layout.Section>
            ) : (
              <>
                <Layout.Section>
                  <Card padding="0">
                    <FindingsFilters query={query} choices={data.choices} />
                    {data.matching === 0 ? (
                      <EmptyCard heading="No findings match these filters" image={null}>
                        <BlockStack gap="200" inlineAlign="center">
                          <Text as="p" tone="subdued" alignment="center">
                            {count(data.totalFindings)} findings in all; none has everything the
                            filters ask for.
                          </Text>
                          <Button url={hasFilters(query) ? "?" : "?suppressed=show"}>
                            {hasFilters(query) ? "Clear the filters" : "Show suppressed findings"}
                          </Button>
                        </BlockStack>
                      </EmptyCard>
                    ) : (
                      <FindingsTable
                        key={search}
                        findings={data.findings}
                        matching={data.matching}
                        page={data.page}
                        pageCount={data.pageCount}
                        embedded={data.embedded}
                        productHref={(id) =>
                          withParams(search, { product: id, page: String(data.page) })
                        }
                        pageHref={(page) => withParams(search, { page: String(page) })}
                        onSuppress={setSuppressing}
                        onLift={(selection) => submitSelection("lift", selection)}
                      />
                    )}
                  </Card>
                </Layout.Section>
                <Layout.Section variant="oneThird">
                  <RuleGroups
                    groups={data.groups}
                    selected={query.rule}
                    hrefFor={(rules) => withParams(search, { rule: rules })}
                  />
                </Layout.Section>
              </>
            )}
          </>
        )}
      </Layout>
      <SuppressModal
        key={suppressing ? "open" : "closed"}
        open={suppressing !== null}
        findings={suppressing?.all ? data.matching : (suppressing?.ids.length ?? 0)}
        submitting={fetcher.state !== "idle"}
        error={result?.intent === "suppress" && !result.ok ? result.error : null}
        onSubmit={(reason) => suppressing && submitSelection("suppress", suppressing, reason)}
        onClose={() => setSuppressing(null)}
      />
      {data.drawer ? (
        <ProductDrawer
          productId={data.drawer.productId}
          findings={data.drawer.findings}
          embedded={data.embedded}
          timeZone={data.timeZone}
          ruleTitle={(id) => ruleTitle.get(id) ?? id}
          onClose={() =>
            navigate(withParams(search, { product: null, page: String(data.page) }), {
              preventScrollReset: true,
            })
          }
        />
      ) : null}
      {settingsOpen ? (
        <RuleSettingsModal
          settings={data.settings}
          storedErrors={data.settingsErrors}
          rules={data.choices.rules}
          onClose={() => setSettingsOpen(false)}
        />
      ) : null}
    </Page>
  );
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The latest run when it is not a plain success: running, failed or cancelled. */
function RunBanners({ data }: { data: Data }) {
  const run = data.lastRun;
  if (run === null || run.status === "succeeded") return null;
  const previous = data.lastSucceeded
    ? ` The findings below are from the audit of ${formatAdminTime(data.lastSucceeded.finishedAt ?? data.lastSucceeded.startedAt, data.timeZone)}.`
    : "";
  return (
    <Layout.Section>
      {run.status === "running" ? (
        <Banner tone="info" title="An audit is running">
          <p>
            Started {formatAdminTime(run.startedAt, data.timeZone)}. Reload the page when it is
            done.
            {previous}
          </p>
        </Banner>
      ) : (
        <Banner
          tone={run.status === "failed" ? "critical" : "warning"}
          title={run.status === "failed" ? "The last audit failed" : "The last audit was cancelled"}
        >
          <p>
            {run.error ?? "No reason was recorded."}
            {previous}
          </p>
        </Banner>
      )}
    </Layout.Section>
  );
}

function ActionBanner({
  result,
  state,
  exportError,
}: {
  result: ProductsActionResult | undefined;
  state: string;
  exportError: string | null;
}) {
  let banner: { tone: "success" | "critical"; text: string } | null = null;
  if (exportError) banner = { tone: "critical", text: `The export failed: ${exportError}` };
  else if (state === "idle" && result !== undefined && result.intent !== "settings") {
    if (!result.ok) banner = { tone: "critical", text: result.error };
    else if (result.intent === "lift")
      banner = {
        tone: "success",
        text: `Lifted the suppression of ${counted(result.lifted, "finding")}.`,
      };
    else
      banner = {
        tone: "success",
        text:
          result.suppressed === result.selected
            ? `Suppressed ${counted(result.selected, "finding")}.`
            : `Suppressed ${count(result.suppressed)} of ${counted(result.selected, "selected finding")} (the others already were).`,
      };
  }
  if (banner === null) return null;
  return (
    <Layout.Section>
      <Banner tone={banner.tone}>
        <p>{banner.text}</p>
      </Banner>
    </Layout.Section>
  );
}
