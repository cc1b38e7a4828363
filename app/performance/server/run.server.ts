/**
 * One HTTP performance run of a shop: read the published theme's code (Admin API, within a budget
 * of files and bytes; decision 015), parse it and run Shopify's theme-check over it (a failure
 * is noted, never fatal), crawl the storefront (logging in with the saved storefront password
 * when it is protected), analyse each page, build the app footprint and findings, compare with
 * the previous run, and store it all as a PerfRun. A protected storefront without a saved password is a "skipped" run whose reason
 * says it could not be measured.
 *
 * Script tags and web pixels: Shopify shows an app only its own, and Tovholder creates no script
 * tag, so they are not read (decision 010); other apps' script tags appear in the crawl.
 */
import {
  AppAttributor,
  DEFAULT_APP_HOSTS,
  mergeAppHosts,
  type AppHostList,
} from "~/performance/domain/app-hosts";
import { analysePage } from "~/performance/domain/analysis";
import { wasRequested } from "~/performance/domain/crawl-limits";
import { comparePerfRuns } from "~/performance/domain/changes";
import { buildFootprint } from "~/performance/domain/footprint";
import { perfFindings } from "~/performance/domain/findings";
import { readThemeCode, type ThemeFile } from "~/performance/domain/theme-code";
import type { PerfHttpResults, ThemeCheckSummary } from "~/performance/domain/types";
import {
  finishPerfRun,
  latestSucceededPerfRun,
  startPerfRun,
  type PerfRunView,
} from "~/performance/models/performance-runs.server";
import { readShopSecret } from "~/db/shop-secrets.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { CollectContext } from "~/shopify/collect/context";
import { readThemeForAudit } from "~/shopify/collect/theme-files.server";
import { crawlStorefront } from "~/shopify/storefront-crawl.server";
import { openShopClient, runErrorMessage } from "~/product-qa/index.server";
import { runThemeCheck, type ThemeCheckResult } from "./theme-check.server";

export interface PerfHttpOptions {
  /** Overrides the saved storefront password (undefined = use the saved one). */
  password?: string | null;
  /** The user's app-host entries, merged over the shipped list. */
  appHosts?: AppHostList;
  client?: AdminClient;
  fetch?: typeof fetch;
  jobRunId?: string | null;
  /** theme-check (injected in tests to make it fail). */
  themeCheck?: typeof runThemeCheck;
}

const NOT_VISIBLE =
  "Script tags and web pixels of other apps are not visible to Tovholder through the Admin API; their storefront scripts are counted by the crawl.";

type ThemeCheckOutcome = ThemeCheckResult | { status: "skipped"; reason: string; ms: number };

/** theme-check over the theme's files; its failure is its outcome ("failed"), never the run's. */
function checkTheme(
  check: typeof runThemeCheck,
  files: ThemeFile[],
  assets: { filename: string; size: number }[],
): Promise<ThemeCheckResult> {
  return check(files, assets).catch((error: unknown) => ({
    status: "failed" as const,
    reason: error instanceof Error ? error.message : String(error),
    ms: 0,
  }));
}

/** What the run stores of theme-check: its offences counted per check. */
function themeCheckSummary(checked: ThemeCheckOutcome): ThemeCheckSummary {
  if (checked.status !== "ran") return checked;
  return {
    status: "ran",
    checks: checked.checks,
    notRun: checked.notRun,
    offences: checked.offences.reduce<Record<string, number>>(
      (n, o) => ({ ...n, [o.check]: (n[o.check] ?? 0) + 1 }),
      {},
    ),
    docsRevision: checked.docsRevision,
    errors: checked.errors,
    ms: checked.ms,
  };
}

/** The run's note when theme-check did not run, or ran with checks that failed; else null. */
function themeCheckNote(checked: ThemeCheckOutcome): string | null {
  if (checked.status !== "ran")
    return `theme-check did not run (${checked.reason}): syntax errors, missing files, deprecated Liquid, parser-blocking scripts, remote assets and asset sizes in the theme's code were not checked in this run.`;
  if (checked.errors.length > 0)
    return `theme-check: ${checked.errors.length} check(s) failed and were skipped (${checked.errors.slice(0, 2).join("; ")}).`;
  return null;
}

export async function runPerfHttp(
  shop: string,
  options: PerfHttpOptions = {},
): Promise<PerfRunView> {
  const id = await startPerfRun({ shop, kind: "http", jobRunId: options.jobRunId });
  try {
    const client = options.client ?? (await openShopClient(shop));
    const ctx = new CollectContext(client, undefined);
    const theme = await ctx.section("theme", () => readThemeForAudit(ctx));
    const notes = [NOT_VISIBLE, ...ctx.gaps.map((g) => `Theme files: ${g.message}`)];
    const themeFiles = theme?.files ?? [];
    const themeCode = readThemeCode(themeFiles);
    if (theme) theme.summary.problems = themeCode.problems;
    for (const p of themeCode.problems)
      notes.push(`Theme files: ${p.file} was read only in part: ${p.message}.`);
    const checked: ThemeCheckOutcome = theme
      ? await checkTheme(options.themeCheck ?? runThemeCheck, themeFiles, theme.assets)
      : { status: "skipped", reason: "no theme files were read", ms: 0 };
    const themeCheck = themeCheckSummary(checked);
    const checkNote = themeCheckNote(checked);
    if (checkNote !== null) notes.push(checkNote);
    const password =
      options.password !== undefined
        ? options.password
        : await readShopSecret(shop, "storefront-password");
    const crawl = await crawlStorefront({ host: shop, password, fetch: options.fetch });
    if (crawl.status !== "ok")
      return await finishPerfRun(id, {
        status: crawl.status === "unreachable" ? "failed" : "skipped",
        reason: crawl.reason,
      });

    const list = options.appHosts
      ? mergeAppHosts(DEFAULT_APP_HOSTS, options.appHosts)
      : DEFAULT_APP_HOSTS;
    const attributor = new AppAttributor(list, [shop.toLowerCase()]);
    const pages = crawl.pages.map((p) => analysePage(p, attributor));
    // What was never requested (refused addresses, run budget spent) is no app's footprint.
    const requested = crawl.pages.map((p) => ({
      ...p,
      resources: p.resources.filter((r) => wasRequested(r)),
    }));
    const footprint = buildFootprint(
      { themeFiles, themeCode, scriptTags: [], webPixels: [], pages: requested },
      attributor,
    );
    const findings = perfFindings({
      shop,
      themeId: theme?.id ?? null,
      pages,
      footprint,
      themeCheck: checked.status === "ran" ? checked.offences : undefined,
      themeUrls: themeCode.urls,
      unmeasured: crawl.unmeasured,
      limits: crawl.limits,
    });
    const previous = await latestSucceededPerfRun(shop, "http");
    const changes = previous?.results
      ? comparePerfRuns(previous.results, { pages, footprint, findings })
      : [];
    const results: PerfHttpResults = {
      version: 1,
      pages,
      footprint,
      findings,
      changes,
      comparedWith: previous?.results ? previous.startedAt.toISOString() : null,
      theme: theme?.summary ?? null,
      themeCheck,
      notes,
    };
    return await finishPerfRun(id, { status: "succeeded", results });
  } catch (error) {
    return await finishPerfRun(id, { status: "failed", reason: runErrorMessage(error) });
  }
}
