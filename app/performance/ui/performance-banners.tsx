/** The Performance page's banners: what an action answered, and runs that are on or went wrong. */
import { Banner, Layout } from "@shopify/polaris";
import type { PerfPageData } from "~/performance/server/page.server";

type Newest = PerfPageData["newestOther"];

function RunProblem({ newest, what }: { newest: NonNullable<Newest>; what: string }) {
  return (
    <Layout.Section>
      <Banner
        tone={newest.status === "skipped" ? "warning" : "critical"}
        title={`The last ${what} ${newest.status === "skipped" ? "could not measure the storefront" : "failed"}`}
      >
        {newest.reason ?? ""}
      </Banner>
    </Layout.Section>
  );
}

export function PerformanceBanners({
  result,
  data,
}: {
  result: { ok: boolean; message: string } | null;
  data: Pick<PerfPageData, "running" | "newestOther" | "lighthouse">;
}) {
  const { newestOther, lighthouse } = data;
  return (
    <>
      {result ? (
        <Layout.Section>
          <Banner tone={result.ok ? "success" : "critical"}>{result.message}</Banner>
        </Layout.Section>
      ) : null}
      {data.running ? (
        <Layout.Section>
          <Banner tone="info">A measurement is running. Reload the page when it is done.</Banner>
        </Layout.Section>
      ) : null}
      {newestOther?.status === "running" ? (
        <Layout.Section>
          <Banner tone="critical" title="Measuring…">
            {newestOther.reason ?? ""}
          </Banner>
        </Layout.Section>
      ) : newestOther ? (
        <RunProblem newest={newestOther} what="measurement" />
      ) : null}
      {lighthouse.newestOther && lighthouse.newestOther.status !== "running" ? (
        <RunProblem newest={lighthouse.newestOther} what="Lighthouse run" />
      ) : null}
    </>
  );
}
