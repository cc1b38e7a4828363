/**
 * The Products page's parts: the run and action banners, the never-run card, the findings card
 * (filters, then the table or why nothing matches), and the suppress / lift submission.
 */
import { useState } from "react";
import { useFetcher } from "@remix-run/react";
import { Banner, BlockStack, Button, Card, Layout, Text } from "@shopify/polaris";
import { EmptyCard } from "~/ui/EmptyCard";
import { FindingsFilters } from "~/product-qa/ui/findings-filters";
import { FindingsTable, type Selection } from "~/product-qa/ui/findings-table";
import { count, counted, formatAdminTime } from "~/format";
import type { ProductsActionResult } from "~/product-qa/server/products-actions.server";
import type { ProductsPageData } from "~/product-qa/server/products-page.server";
import { hasFilters, type ProductsQuery } from "~/product-qa/server/products-query";

export /** The page's URL with some parameters changed (null removes one), back to page 1 unless set. */
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
export async function downloadCsv(search: string): Promise<void> {
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

/**
 * Suppress and lift through one fetcher: the rows or "all matching", the reason; a suppression
 * that went through closes its modal.
 */
export function useSelectionActions(search: string) {
  const fetcher = useFetcher<ProductsActionResult>();
  const [suppressing, setSuppressing] = useState<Selection | null>(null);
  const result = fetcher.data;
  // State adjusted while rendering, when the fetcher's result changes, rather than in an effect.
  const [seenResult, setSeenResult] = useState(result);
  if (result !== seenResult) {
    setSeenResult(result);
    if (result?.intent === "suppress" && result.ok) setSuppressing(null);
  }
  const submit = (intent: "suppress" | "lift", selection: Selection, reason = "") => {
    const form = new FormData();
    form.set("intent", intent);
    if (reason) form.set("reason", reason);
    if (selection.all) {
      form.set("all", "1");
      form.set("query", search);
    } else for (const id of selection.ids) form.append("id", id);
    fetcher.submit(form, { method: "post" });
  };
  return { fetcher, result, suppressing, setSuppressing, submit };
}

export function NeverRunCard() {
  return (
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
  );
}

export function NothingToFixCard() {
  return (
    <Layout.Section>
      <Card>
        <EmptyCard heading="Nothing to fix">
          The last audit found no problem in the catalog. The next one runs on schedule; products
          changed before then are checked again as they change.
        </EmptyCard>
      </Card>
    </Layout.Section>
  );
}

export function NoMatch({ query, total }: { query: ProductsQuery; total: number }) {
  return (
    <EmptyCard heading="No findings match these filters" image={null}>
      <BlockStack gap="200" inlineAlign="center">
        <Text as="p" tone="subdued" alignment="center">
          {count(total)} findings in all; none has everything the filters ask for.
        </Text>
        <Button url={hasFilters(query) ? "?" : "?suppressed=show"}>
          {hasFilters(query) ? "Clear the filters" : "Show suppressed findings"}
        </Button>
      </BlockStack>
    </EmptyCard>
  );
}

export function FindingsCard({
  data,
  search,
  onSuppress,
  onLift,
}: {
  data: Pick<
    ProductsPageData,
    "findings" | "matching" | "page" | "pageCount" | "totalFindings" | "choices"
  > & { query: ProductsQuery; embedded: boolean };
  search: string;
  onSuppress: (selection: Selection) => void;
  onLift: (selection: Selection) => void;
}) {
  return (
    <Card padding="0">
      <FindingsFilters query={data.query} choices={data.choices} />
      {data.matching === 0 ? (
        <NoMatch query={data.query} total={data.totalFindings} />
      ) : (
        <FindingsTable
          key={search}
          findings={data.findings}
          matching={data.matching}
          page={data.page}
          pageCount={data.pageCount}
          embedded={data.embedded}
          productHref={(id) => withParams(search, { product: id, page: String(data.page) })}
          pageHref={(page) => withParams(search, { page: String(page) })}
          onSuppress={onSuppress}
          onLift={onLift}
        />
      )}
    </Card>
  );
}

/** The latest run when it is not a plain success: running, failed or cancelled. */
export function RunBanners({
  data,
  timeZone,
}: {
  data: Pick<ProductsPageData, "lastRun" | "lastSucceeded">;
  timeZone: string;
}) {
  const run = data.lastRun;
  if (run === null || run.status === "succeeded") return null;
  const previous = data.lastSucceeded
    ? ` The findings below are from the audit of ${formatAdminTime(data.lastSucceeded.finishedAt ?? data.lastSucceeded.startedAt, timeZone)}.`
    : "";
  return (
    <Layout.Section>
      {run.status === "running" ? (
        <Banner tone="info" title="An audit is running">
          <p>
            Started {formatAdminTime(run.startedAt, timeZone)}. Reload the page when it is done.
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

export function ActionBanner({
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
