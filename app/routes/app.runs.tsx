/** /app/runs: the shop's job runs, newest first, with outcome, attempts and errors. */
import { useEffect } from "react";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useRevalidator } from "@remix-run/react";
import {
  BlockStack,
  Card,
  IndexTable,
  InlineStack,
  Layout,
  Page,
  ProgressBar,
  Text,
} from "@shopify/polaris";
import { requireAdmin } from "~/auth.server";
import { EmptyCard } from "~/ui/EmptyCard";
import { OutcomeBadge, duration, jobName, phaseName, triggerName } from "~/ui/run-format";
import { listJobRuns } from "~/jobs/client.server";
import { runJson, type RunJson } from "~/jobs/run-json.server";
import { getShopSettings } from "~/db/shop-settings.server";

export const meta: MetaFunction = () => [{ title: "Run history · Tovholder" }];

const SHOWN = 100;
const POLL_MS = 2000;

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireAdmin(request);
  const [settings, runs] = await Promise.all([
    getShopSettings(shop),
    listJobRuns(shop, { limit: SHOWN }),
  ]);
  return {
    shop,
    timeZone: settings.timeZone,
    runs: runs.map((r) => runJson(r, settings.timeZone)),
  };
};

function Details({ run }: { run: RunJson }) {
  if (run.status === "running")
    return (
      <BlockStack gap="100">
        <Text as="span" variant="bodySm">
          {phaseName(run.phase)} · {run.progress}%
        </Text>
        <div style={{ minWidth: "8rem" }}>
          <ProgressBar progress={run.progress} size="small" tone="highlight" />
        </div>
      </BlockStack>
    );
  if (run.status === "failed")
    return (
      <Text as="span" variant="bodySm" tone="caution">
        {run.error} — retrying {run.runAt}
      </Text>
    );
  if (run.error && run.status !== "succeeded")
    return (
      <Text as="span" variant="bodySm" tone={run.status === "dead" ? "critical" : "subdued"}>
        {run.error}
      </Text>
    );
  if (run.status === "queued")
    return (
      <Text as="span" variant="bodySm" tone="subdued">
        Due {run.runAt}
      </Text>
    );
  return null;
}

export default function RunsPage() {
  const { runs, timeZone } = useLoaderData<typeof loader>();
  const revalidator = useRevalidator();
  const active = runs.some((r) => r.active);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  return (
    <Page title="Run history" backAction={{ content: "Dashboard", url: "/app" }}>
      <Layout>
        <Layout.Section>
          <Card padding="0">
            {runs.length === 0 ? (
              <EmptyCard heading="No runs yet" image={null}>
                Audits, re-checks and alert deliveries of this shop will be listed here once they
                have run — weekly on schedule, or when you press “Run now” on the dashboard.
              </EmptyCard>
            ) : (
              <IndexTable
                itemCount={runs.length}
                selectable={false}
                headings={[
                  { title: "Run" },
                  { title: "Trigger" },
                  { title: "Started" },
                  { title: "Duration" },
                  { title: "Outcome" },
                  { title: "Attempts", alignment: "end" },
                  { title: "Details" },
                ]}
              >
                {runs.map((run, index) => (
                  <IndexTable.Row id={run.id} key={run.id} position={index}>
                    <IndexTable.Cell>
                      <Text as="span" fontWeight="semibold">
                        {jobName(run.jobId)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{triggerName(run.trigger)}</IndexTable.Cell>
                    <IndexTable.Cell>{run.started ?? "—"}</IndexTable.Cell>
                    <IndexTable.Cell>{duration(run.durationSeconds)}</IndexTable.Cell>
                    <IndexTable.Cell>
                      <OutcomeBadge run={run} />
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {run.attempts} / {run.maxAttempts}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <div style={{ whiteSpace: "normal", maxWidth: "28rem" }}>
                        <Details run={run} />
                      </div>
                    </IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
            )}
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineStack align="end">
            <Text as="p" variant="bodySm" tone="subdued">
              Times in {timeZone}. The last {SHOWN} runs are shown; finished runs are kept for the
              retention period set for this installation.
            </Text>
          </InlineStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
