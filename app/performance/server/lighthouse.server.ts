/**
 * One Lighthouse lab run of a shop's storefront (decision 010): home, the first collection the
 * home page links to and its first product, each measured N times (default 3) with Lighthouse's
 * default mobile settings in a headless Chromium; the median of each figure per page and the
 * weighted store score are stored as a PerfRun of kind "lighthouse".
 *
 * Background work only (the `perf.lighthouse` job, the CLI): a run takes tens of seconds per
 * page. Where Chromium is missing the run is "skipped" with a plain reason; a password-protected
 * storefront is entered with the saved password (the `storefront_digest` cookie goes into the
 * browser's cookie jar for the shop's origin only) and, without one, skipped as "could not be
 * measured" like the HTTP run.
 *
 * Confined (decision 016): only the storefront's own pages are measured (home as reached, and
 * the collection and product on its origin); Chromium's every request goes through a filtering
 * proxy that refuses loopback, private, link-local and other non-public addresses after DNS, and
 * the run stops once Chromium has moved LIGHTHOUSE_MAX_BYTES.
 */
import {
  DEFAULT_LIGHTHOUSE_RUNS,
  LIGHTHOUSE_PAGES,
  lighthouseMetrics,
  lighthouseStoreScore,
  summarisePage,
  type LighthousePageResult,
  type LighthouseReport,
  type LighthouseResult,
  type PerfLighthouseResults,
  type WeightedPage,
} from "~/performance/domain/lighthouse";
import { formatBytes } from "~/performance/domain/bytes";
import {
  finishPerfRun,
  startPerfRun,
  type PerfRunView,
} from "~/performance/models/performance-runs.server";
import { readShopSecret } from "~/db/shop-secrets.server";
import { enterStorefrontPages } from "~/shopify/storefront-crawl.server";
import {
  readRealUserWebVitals,
  unstableWebVitalsEnabled,
} from "~/shopify/unstable/web-vitals.server";
import { runErrorMessage } from "~/product-qa/index.server";
import { startEgressProxy, type EgressProxy } from "~/lib/egress/proxy.server";
import {
  chromiumUnavailable,
  launchChromium,
  setBrowserCookies,
  type RunningChromium,
} from "./chromium.server";
import { variable } from "~/env.server";

export const MAX_LIGHTHOUSE_RUNS = 9;

/** Bytes Chromium may move through its proxy in one run (all pages and runs together). */
export const LIGHTHOUSE_MAX_BYTES = 512 * 1024 * 1024;

const byteLimitReason = (bytes: number) =>
  `Stopped: the storefront made Chromium download more than ${formatBytes(bytes)}, the limit for one Lighthouse run.`;

/**
 * The pages to measure: only those on the storefront's own origin (where its home page was
 * reached), never a URL a redirect took elsewhere; the others are named for the run's notes.
 */
export function storefrontTargets(
  urls: Partial<Record<WeightedPage, string>>,
  wanted: readonly WeightedPage[],
): {
  targets: { type: WeightedPage; url: string }[];
  offSite: { type: WeightedPage; url: string }[];
} {
  const home = urls.home ? new URL(urls.home) : null;
  const targets: { type: WeightedPage; url: string }[] = [];
  const offSite: { type: WeightedPage; url: string }[] = [];
  for (const type of wanted) {
    const url = urls[type];
    if (!url) continue;
    const parsed = new URL(url);
    const own =
      home !== null &&
      (parsed.protocol === "https:" || parsed.protocol === "http:") &&
      parsed.origin === home.origin;
    (own ? targets : offSite).push({ type, url });
  }
  return { targets, offSite };
}

/** Runs per page when the caller names none: TOVHOLDER_LIGHTHOUSE_RUNS, else 3. */
export function defaultLighthouseRuns(): number {
  const configured = Number(variable("TOVHOLDER_LIGHTHOUSE_RUNS"));
  return Number.isInteger(configured) && configured >= 1 ? configured : DEFAULT_LIGHTHOUSE_RUNS;
}

export interface PerfLighthouseOptions {
  /** Runs per page, 1–9 (default: defaultLighthouseRuns()). */
  runs?: number;
  /** The page types to measure (default home, collection, product: what the store score weighs). */
  pages?: readonly WeightedPage[];
  /** Overrides the saved storefront password (undefined = use the saved one). */
  password?: string | null;
  jobRunId?: string | null;
  /** Cancels the run: Chromium is killed and the run is stored as failed ("cancelled"). */
  signal?: AbortSignal;
  /** Called before each page run: what is being measured and how far along the whole run is. */
  onProgress?: (phase: string, percent: number) => void | Promise<void>;
  fetch?: typeof fetch;
  /** Overrides LIGHTHOUSE_MAX_BYTES (tests). */
  maxBytes?: number;
}

type LighthouseFn = (
  url: string,
  flags: Record<string, unknown>,
) => Promise<{ lhr: LighthouseReport } | undefined>;

/** Lighthouse is large and ESM-only: loaded when a run starts, never by the web server's routes. */
async function loadLighthouse(): Promise<LighthouseFn> {
  const module = (await import("lighthouse")) as unknown as { default: LighthouseFn };
  return module.default;
}

/** Decision 012: only with TOVHOLDER_UNSTABLE_WEB_VITALS=1; a failure is kept, never fatal. */
async function realUserVitals(shop: string): Promise<PerfLighthouseResults["realUser"]> {
  if (!unstableWebVitalsEnabled()) return undefined;
  try {
    const { unauthenticated } = await import("~/shopify.server");
    const { session } = await unauthenticated.admin(shop);
    return (await readRealUserWebVitals(session)) ?? undefined;
  } catch (error) {
    return { error: runErrorMessage(error) };
  }
}

/** What one run measures with: Lighthouse, the confined Chromium and its proxy. */
interface LabSession {
  lighthouse: LighthouseFn;
  chromium: RunningChromium;
  proxy: EgressProxy;
  /** The proxy's byte limit, for the reason when it is reached. */
  maxBytes: number;
  signal?: AbortSignal;
}

/**
 * One Lighthouse run of a page: its report, or an error when the run hit the byte limit,
 * returned nothing, or was shown the storefront's password page.
 */
async function measureOnce(session: LabSession, url: string): Promise<LighthouseReport> {
  const { proxy, maxBytes, signal } = session;
  const result = await session.lighthouse(url, {
    port: session.chromium.port,
    output: "json",
    logLevel: "error",
    onlyCategories: ["performance"],
    maxWaitForLoad: 45_000,
  });
  signal?.throwIfAborted();
  if (proxy.limitReached) throw new Error(byteLimitReason(maxBytes));
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  if (
    result.lhr.finalDisplayedUrl &&
    new URL(result.lhr.finalDisplayedUrl).pathname === "/password"
  )
    throw new Error(
      "Chromium was shown the storefront's password page, so the storefront could not be measured.",
    );
  return result.lhr;
}

/** Every target measured `runsPerPage` times, summarised per page, with the progress reported. */
async function measurePages(
  session: LabSession,
  targets: { type: WeightedPage; url: string }[],
  runsPerPage: number,
  onProgress: PerfLighthouseOptions["onProgress"],
): Promise<{ pages: LighthousePageResult[]; lighthouseVersion: string | null }> {
  const pages: LighthousePageResult[] = [];
  let lighthouseVersion: string | null = null;
  const total = targets.length * runsPerPage;
  for (const [p, target] of targets.entries()) {
    const runs: LighthouseResult[] = [];
    for (let r = 0; r < runsPerPage; r++) {
      session.signal?.throwIfAborted();
      await onProgress?.(
        `Lighthouse: ${target.type} page, run ${r + 1} of ${runsPerPage}`,
        Math.round(((p * runsPerPage + r) / total) * 100),
      );
      const lhr = await measureOnce(session, target.url);
      lighthouseVersion ??= lhr.lighthouseVersion ?? null;
      runs.push(lighthouseMetrics(lhr));
    }
    pages.push(summarisePage(target.type, target.url, runs));
  }
  return { pages, lighthouseVersion };
}

/** The run's notes: pages the store score lacks, pages off the storefront, refused addresses. */
function runNotes(
  missing: WeightedPage[],
  offSite: { type: WeightedPage; url: string }[],
  refusedHosts: string[],
): string[] {
  return [
    ...(missing.length > 0
      ? [
          `The home page links to no ${missing.join(" or ")} page, so the store score could not be weighted.`,
        ]
      : []),
    ...offSite.map(
      (o) =>
        `The ${o.type} page led off the storefront (${o.url}); Tovholder measures only the shop's own pages.`,
    ),
    ...(refusedHosts.length > 0
      ? [
          `Chromium was not let through to ${refusedHosts.length} internal network address${refusedHosts.length === 1 ? "" : "es"} the pages refer to (${refusedHosts.slice(0, 5).join(", ")}); nothing there was loaded.`,
        ]
      : []),
  ];
}

export async function runPerfLighthouse(
  shop: string,
  options: PerfLighthouseOptions = {},
): Promise<PerfRunView> {
  const runsPerPage = Math.min(
    MAX_LIGHTHOUSE_RUNS,
    Math.max(1, Math.floor(options.runs ?? defaultLighthouseRuns())),
  );
  const id = await startPerfRun({ shop, kind: "lighthouse", jobRunId: options.jobRunId });
  const unavailable = chromiumUnavailable();
  if (unavailable) return finishPerfRun(id, { status: "skipped", reason: unavailable });

  let chromium: RunningChromium | null = null;
  let proxy: EgressProxy | null = null;
  const maxBytes = options.maxBytes ?? LIGHTHOUSE_MAX_BYTES;
  try {
    const password =
      options.password !== undefined
        ? options.password
        : await readShopSecret(shop, "storefront-password");
    const entry = await enterStorefrontPages({ host: shop, password, fetch: options.fetch });
    if (entry.status !== "ok")
      return await finishPerfRun(id, {
        status: entry.status === "unreachable" ? "failed" : "skipped",
        reason: entry.reason,
      });
    const wanted = options.pages ?? LIGHTHOUSE_PAGES;
    const { targets, offSite } = storefrontTargets(entry.urls, wanted);

    const lighthouse = await loadLighthouse();
    options.signal?.throwIfAborted();
    proxy = await startEgressProxy({ maxBytes });
    chromium = await launchChromium({ proxyUrl: proxy.url, signal: options.signal });
    const host = new URL(`https://${shop}`).hostname;
    await setBrowserCookies(
      chromium.webSocketUrl,
      entry.cookies.map((c) => ({ ...c, domain: host })),
    );

    const { pages, lighthouseVersion } = await measurePages(
      { lighthouse, chromium, proxy, maxBytes, signal: options.signal },
      targets,
      runsPerPage,
      options.onProgress,
    );

    const missing = wanted.filter((t) => !entry.urls[t]);
    const refusedHosts = [...new Set(proxy.refused.map((r) => r.host))];
    const realUser = await realUserVitals(shop);
    const results: PerfLighthouseResults = {
      version: 1,
      kind: "lighthouse",
      formFactor: "mobile",
      runsPerPage,
      lighthouseVersion,
      pages,
      storeScore: lighthouseStoreScore(pages),
      notes: runNotes(missing, offSite, refusedHosts),
      ...(realUser && { realUser }),
    };
    return await finishPerfRun(id, { status: "succeeded", results });
  } catch (error) {
    // Chromium's failure after the proxy cut it off is the limit's doing: say so.
    const reason = options.signal?.aborted
      ? "Cancelled: Chromium was stopped."
      : proxy?.limitReached
        ? byteLimitReason(maxBytes)
        : runErrorMessage(error);
    return await finishPerfRun(id, { status: "failed", reason });
  } finally {
    await chromium?.close();
    await proxy?.close();
  }
}
