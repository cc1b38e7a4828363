/**
 * The Performance page: the latest HTTP measurement of the storefront (figures per page type,
 * each app's footprint, findings with fix hints, what changed since the previous run), trends
 * over the stored runs, Lighthouse lab runs (scores, LCP, TBT, CLS, store score and their trend,
 * followed live while one runs), and the storefront password the crawl logs in with. "Measure
 * storefront" and "Run Lighthouse" run the `perf.http` and `perf.lighthouse` jobs in the
 * background, never inside this request.
 */
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Button, Card, Layout, Page } from "@shopify/polaris";
import vizStyles from "@shopify/polaris-viz/build/esm/styles.css?url";
import { requireAdmin } from "~/auth.server";
import { EmptyCard } from "~/ui/EmptyCard";
import { TrendCharts } from "~/performance/ui";
import {
  StorefrontPasswordCard,
  isPasswordResult,
  type PasswordFormResult,
} from "~/performance/ui";
import { demoPasswordHint } from "~/performance";
import { env } from "~/env.server";
import type { RunActionResult } from "~/jobs/run-actions.server";
import { LighthouseSection } from "~/performance/ui";
import {
  FootprintCard,
  LatestMeasurementCard,
  PagesCard,
  PerfFindingsCard,
} from "~/performance/ui";
import { PerformanceBanners } from "~/performance/ui";
import { perfPageData } from "~/performance/index.server";
import { performanceAction, requestLanguage } from "~/performance/index.server";
import { useShopSettings } from "~/ui/shop-settings";

export const meta: MetaFunction = () => [{ title: "Performance · Tovholder" }];
export const links: LinksFunction = () => [{ rel: "stylesheet", href: vizStyles }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, embedded } = await requireAdmin(request);
  const data = await perfPageData(shop);
  const demoPassword = env().demoStorefrontPassword;
  return {
    ...data,
    embedded,
    demoPasswordHint: demoPassword
      ? demoPasswordHint(demoPassword, requestLanguage(request))
      : null,
  };
};

export const action = async ({
  request,
}: ActionFunctionArgs): Promise<RunActionResult | PasswordFormResult> => {
  const { shop } = await requireAdmin(request);
  return performanceAction(shop, request);
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** The HTTP measurement's cards around the Lighthouse card, or the empty state. */
function Measurement({
  data,
  timeZone,
  lighthouse,
}: {
  data: Data;
  timeZone: string;
  lighthouse: React.ReactNode;
}) {
  const latest = data.latest;
  const results = latest?.results ?? null;
  if (results === null || latest === null)
    return (
      <>
        <Layout.Section>
          <Card>
            <EmptyCard heading="App and performance audits have not run yet">
              Measure the storefront to see what each page weighs, which apps load scripts on it,
              which files block rendering and which theme code is left over from removed apps.
            </EmptyCard>
          </Card>
        </Layout.Section>
        {lighthouse}
      </>
    );
  return (
    <>
      <Layout.Section>
        <LatestMeasurementCard
          results={results}
          startedAt={String(latest.startedAt)}
          stored={data.trend.length}
        />
      </Layout.Section>
      <Layout.Section>
        <PagesCard pages={results.pages} />
      </Layout.Section>
      <Layout.Section>
        <TrendCharts trend={data.trend} timeZone={timeZone} />
      </Layout.Section>
      {lighthouse}
      <Layout.Section>
        <FootprintCard footprint={results.footprint} />
      </Layout.Section>
      <Layout.Section>
        <PerfFindingsCard findings={results.findings} rules={data.rules} embedded={data.embedded} />
      </Layout.Section>
    </>
  );
}

export default function PerformancePage() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { timeZone } = useShopSettings();
  const lighthouse = (
    <Layout.Section>
      <LighthouseSection lighthouse={data.lighthouse} timeZone={timeZone} />
    </Layout.Section>
  );
  return (
    <Page
      title="Performance"
      subtitle="What each app adds to the storefront, measured by plain HTTP and by Lighthouse"
      primaryAction={
        <Form method="post">
          <input type="hidden" name="intent" value="run" />
          <input type="hidden" name="job" value="perf.http" />
          <Button
            submit
            variant="primary"
            loading={navigation.formData?.get("intent") === "run"}
            disabled={data.running}
          >
            Measure storefront
          </Button>
        </Form>
      }
    >
      <Layout>
        <PerformanceBanners
          result={result && !isPasswordResult(result) ? result : null}
          data={data}
        />
        <Measurement data={data} timeZone={timeZone} lighthouse={lighthouse} />
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
