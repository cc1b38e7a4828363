/**
 * The Products page: product-data QA findings, most important first, with filters, the score,
 * rule groups, bulk suppress / lift, the product drawer and the rule settings. Its parts are in
 * ~/product-qa/ui/products-page.
 */
import { useState } from "react";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation, useNavigate } from "@remix-run/react";
import { Layout, Page } from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { readForm } from "~/lib/actions.server";
import { ProductDrawer } from "~/product-qa/ui";
import { RuleGroups } from "~/product-qa/ui";
import { RuleSettingsModal } from "~/product-qa/ui";
import { ScoreCard } from "~/product-qa/ui";
import type { Selection } from "~/product-qa/ui";
import { SuppressModal } from "~/product-qa/ui";
import {
  ActionBanner,
  FindingsCard,
  NeverRunCard,
  NothingToFixCard,
  RunBanners,
  downloadCsv,
  useSelectionActions,
  withParams,
} from "~/product-qa/ui";
import { actorOf } from "~/product-qa/index.server";
import { productsAction, productsForm, type ProductsActionResult } from "~/product-qa/index.server";
import { loadProductsPage } from "~/product-qa/index.server";
import { parseProductsQuery } from "~/product-qa";
import { useShopSettings } from "~/ui/shop-settings";

export const meta: MetaFunction = () => [{ title: "Products · Tovholder" }];

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop, embedded } = await requireAdmin(request);
  const query = parseProductsQuery(new URL(request.url).searchParams);
  return { ...(await loadProductsPage(shop, query)), query, embedded };
};

export const action = async ({ request }: ActionFunctionArgs): Promise<ProductsActionResult> => {
  const context = await requireAdmin(request);
  const form = await readForm(request, productsForm);
  return productsAction(context.shop, actorOf(context, request), form);
};

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

/** Score, findings and rule groups, once an audit has run. */
function Findings(props: {
  data: Data;
  search: string;
  timeZone: string;
  succeeded: Data["lastSucceeded"];
  onOpenSettings: () => void;
  onSuppress: (selection: Selection) => void;
  onLift: (selection: Selection) => void;
}) {
  const { data, search } = props;
  return (
    <>
      {data.score ? (
        <Layout.Section>
          <ScoreCard
            score={data.score}
            lastRun={props.succeeded}
            timeZone={props.timeZone}
            onOpenSettings={props.onOpenSettings}
          />
        </Layout.Section>
      ) : null}
      {data.totalFindings === 0 ? (
        <NothingToFixCard />
      ) : (
        <>
          <Layout.Section>
            <FindingsCard
              data={data}
              search={search}
              onSuppress={props.onSuppress}
              onLift={props.onLift}
            />
          </Layout.Section>
          <Layout.Section variant="oneThird">
            <RuleGroups
              groups={data.groups}
              selected={data.query.rule}
              hrefFor={(rules) => withParams(search, { rule: rules })}
            />
          </Layout.Section>
        </>
      )}
    </>
  );
}

export default function ProductsPage() {
  const data = useLoaderData<typeof loader>();
  const { search } = useLocation();
  const navigate = useNavigate();
  const { timeZone } = useShopSettings();
  const { fetcher, result, suppressing, setSuppressing, submit } = useSelectionActions(search);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const ruleTitle = new Map(data.choices.rules.map((r) => [r.id, r.title]));
  const succeeded = data.lastRun?.status === "succeeded" ? data.lastRun : data.lastSucceeded;
  const neverRun = succeeded === null && data.totalFindings === 0;
  const exportCsv = () => {
    setExportError(null);
    downloadCsv(search).catch((e: Error) => setExportError(e.message));
  };
  return (
    <Page
      title="Products"
      subtitle="Product-data QA: what is wrong with the catalog, most important first"
      secondaryActions={
        neverRun
          ? []
          : [
              { content: "Export CSV", onAction: exportCsv },
              { content: "Rule settings", onAction: () => setSettingsOpen(true) },
            ]
      }
    >
      <Layout>
        <RunBanners data={data} timeZone={timeZone} />
        <ActionBanner result={result} state={fetcher.state} exportError={exportError} />
        {neverRun ? (
          <NeverRunCard />
        ) : (
          <Findings
            data={data}
            search={search}
            timeZone={timeZone}
            succeeded={succeeded}
            onOpenSettings={() => setSettingsOpen(true)}
            onSuppress={setSuppressing}
            onLift={(selection) => submit("lift", selection)}
          />
        )}
      </Layout>
      <SuppressModal
        key={suppressing ? "open" : "closed"}
        open={suppressing !== null}
        findings={suppressing?.all ? data.matching : (suppressing?.ids.length ?? 0)}
        submitting={fetcher.state !== "idle"}
        error={result?.intent === "suppress" && !result.ok ? result.error : null}
        onSubmit={(reason) => suppressing && submit("suppress", suppressing, reason)}
        onClose={() => setSuppressing(null)}
      />
      {data.drawer ? (
        <ProductDrawer
          productId={data.drawer.productId}
          findings={data.drawer.findings}
          embedded={data.embedded}
          timeZone={timeZone}
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
