/**
 * The performance audit's rules, as findings in the shared audit shape (app/domain/audit/types).
 * Ids are stable; resource ids are URLs (without query), page types or theme file + host, so the
 * same problem has the same key in every run.
 */
import { storeHandle } from "~/domain/audit/admin-links";
import { findingKey } from "~/domain/audit/finding-key";
import type { Finding, RuleDefinition, Severity } from "~/domain/audit/types";
import { legacyIdOf } from "~/domain/snapshot/ids";
import { formatBytes } from "./analysis";
import {
  CRAWL_LIMIT_RULES,
  crawlLimitFindings,
  type CrawlLimits,
  type UnmeasuredPage,
} from "./crawl-limits";
import type { Footprint, PageFigures, PageType } from "./types";

/** Thresholds (bytes, 1 KB = 1024). */
export const HEAVY_PAGE_BYTES = 2.5 * 1024 * 1024;
export const HEAVY_THIRD_PARTY_JS_BYTES = 300 * 1024;
export const HEAVY_IMAGE_BYTES = 1.5 * 1024 * 1024;

const CATEGORY = "performance";

export const PERF_RULES = {
  renderBlocking: {
    id: "perf.render-blocking-third-party",
    category: CATEGORY,
    severity: "warning",
    title: "Third-party script or style blocks rendering",
    why: "The browser shows nothing until this file from another company's server has loaded; a slow app server delays every page view.",
    fix: "Online Store → Themes → Customize → App embeds: turn the app off if unused, or ask the app to load it with async/defer. If it is written into theme.liquid, move it to the end of <body> or add defer.",
  },
  heavyPage: {
    id: "perf.heavy-page",
    category: CATEGORY,
    severity: "warning",
    title: "Heavy page",
    why: `Pages over ${formatBytes(HEAVY_PAGE_BYTES)} load slowly on mobile connections, and visitors leave before they see products.`,
    fix: "Compress and resize images (Shopify serves sized versions with image_url: width), show fewer products per page, and remove apps the page does not need.",
  },
  heavyThirdPartyJs: {
    id: "perf.heavy-third-party-js",
    category: CATEGORY,
    severity: "warning",
    title: "Much JavaScript from apps",
    why: `More than ${formatBytes(HEAVY_THIRD_PARTY_JS_BYTES)} of app JavaScript on one page keeps phones busy and makes the page slow to respond to taps.`,
    fix: "Check the app footprint: disable app embeds you do not use (Themes → Customize → App embeds) and uninstall apps you no longer need.",
  },
  heavyImages: {
    id: "perf.heavy-images",
    category: CATEGORY,
    severity: "info",
    title: "Many image bytes",
    why: "Images are most of a page's weight; oversized ones slow the first view of a page.",
    fix: "Upload images at most 2048 px wide and let the theme request sized versions; lazy-load images below the fold.",
  },
  appLeftover: {
    id: "perf.app-leftover",
    category: CATEGORY,
    severity: "warning",
    title: "Leftover code of a removed app",
    why: "The theme still loads code of an app that has no embed, block or pixel any more: every page pays a request for nothing, and a broken script can break the page.",
    fix: "Online Store → Themes → ⋯ → Edit code: open the file and delete the line (keep a theme backup first).",
  },
  unknownThirdParty: {
    id: "perf.unknown-third-party",
    category: CATEGORY,
    severity: "info",
    title: "Script from an unknown host",
    why: "This host is in no list of app hosts, so nobody can say which app or person added it or whether it is still needed.",
    fix: "Find where it comes from (theme code, an app's settings) and remove it if nobody needs it; add it to your app-host list to name it.",
  },
  ...CRAWL_LIMIT_RULES,
} as const satisfies Record<string, RuleDefinition>;

export const PERF_RULE_LIST: RuleDefinition[] = Object.values(PERF_RULES);

export const PAGE_LABELS: Record<PageType, string> = {
  home: "Home page",
  collection: "Collection page",
  product: "Product page",
  cart: "Cart page",
  search: "Search page",
};

export interface PerfFindingsInput {
  shop: string;
  themeId: string | null;
  pages: PageFigures[];
  footprint: Footprint;
  /** Pages the crawl could not load (crawl-limits.ts). */
  unmeasured?: UnmeasuredPage[];
  /** The crawl limits the run used, for the texts (default CRAWL_LIMITS). */
  limits?: CrawlLimits;
}

function themeEditorUrl(
  shop: string,
  themeId: string | null,
  suffix = "/editor?context=apps",
): string | null {
  const handle = storeHandle(shop);
  if (handle === null) return null;
  const id = themeId === null ? null : legacyIdOf(themeId);
  return id === null
    ? `https://admin.shopify.com/store/${handle}/themes`
    : `https://admin.shopify.com/store/${handle}/themes/${id}${suffix}`;
}

const stripQuery = (url: string) => url.split(/[?#]/)[0] ?? url;

export function perfFindings(input: PerfFindingsInput): Finding[] {
  const findings: Finding[] = [];
  const emit = (
    rule: RuleDefinition,
    resource: Finding["resource"],
    message: string,
    details: Finding["details"],
    fixUrl: string | null,
    severity: Severity = rule.severity,
  ) =>
    findings.push({
      key: findingKey(rule.id, resource.id),
      ruleId: rule.id,
      severity,
      category: rule.category,
      resource,
      message,
      details,
      fixUrl,
    });
  const editor = themeEditorUrl(input.shop, input.themeId);

  // Render-blocking third-party files: once per file, naming the pages.
  const blocking = new Map<
    string,
    { pages: PageType[]; who: PageFigures["renderBlocking"][number] }
  >();
  for (const page of input.pages)
    for (const r of page.renderBlocking) {
      if (r.party !== "third-party") continue;
      const id = stripQuery(r.url);
      const entry = blocking.get(id) ?? { pages: [], who: r };
      if (!entry.pages.includes(page.type)) entry.pages.push(page.type);
      blocking.set(id, entry);
    }
  const sizeOf = (url: string) => {
    for (const p of input.pages) {
      const h = p.bytesByHost.find((x) => url.includes(`//${x.host}/`));
      if (h) return h;
    }
    return null;
  };
  for (const [id, { pages, who }] of blocking) {
    const what = who.type === "stylesheet" ? "Stylesheet" : "Script";
    const owner = who.app ?? "an unknown app";
    emit(
      PERF_RULES.renderBlocking,
      { type: "shop", id, title: who.app ?? who.host },
      `${what} ${id} (${owner}) blocks rendering in <head> on ${pages.length} page type${pages.length === 1 ? "" : "s"} (${pages.join(", ")})`,
      {
        url: who.url,
        host: who.host,
        app: who.app,
        type: who.type,
        pages,
        hostBytes: sizeOf(who.url)?.bytes ?? null,
      },
      editor,
    );
  }

  for (const page of input.pages) {
    const label = PAGE_LABELS[page.type];
    if (page.totalBytes > HEAVY_PAGE_BYTES)
      emit(
        PERF_RULES.heavyPage,
        { type: "shop", id: `page:${page.type}`, title: label },
        `${label} weighs ${formatBytes(page.totalBytes)} in ${page.requests} requests (limit ${formatBytes(HEAVY_PAGE_BYTES)}); images ${formatBytes(page.imageBytes)}, scripts ${formatBytes(page.bytesByType.script)}`,
        {
          url: page.url,
          totalBytes: page.totalBytes,
          requests: page.requests,
          limit: HEAVY_PAGE_BYTES,
        },
        null,
      );
    if (page.thirdPartyScriptBytes > HEAVY_THIRD_PARTY_JS_BYTES) {
      const byOwner = new Map<string, number>();
      for (const h of page.bytesByHost)
        if (h.party === "third-party" && h.scriptBytes > 0)
          byOwner.set(h.app ?? h.host, (byOwner.get(h.app ?? h.host) ?? 0) + h.scriptBytes);
      const top = [...byOwner]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([owner, bytes]) => `${owner} ${formatBytes(bytes)}`);
      emit(
        PERF_RULES.heavyThirdPartyJs,
        { type: "shop", id: `page:${page.type}:third-party-js`, title: label },
        `${label} loads ${formatBytes(page.thirdPartyScriptBytes)} of JavaScript from apps and other third parties (limit ${formatBytes(HEAVY_THIRD_PARTY_JS_BYTES)}): ${top.join(", ")}`,
        {
          url: page.url,
          bytes: page.thirdPartyScriptBytes,
          limit: HEAVY_THIRD_PARTY_JS_BYTES,
          top,
        },
        editor,
      );
    }
    if (page.imageBytes > HEAVY_IMAGE_BYTES)
      emit(
        PERF_RULES.heavyImages,
        { type: "shop", id: `page:${page.type}:images`, title: label },
        `${label} loads ${formatBytes(page.imageBytes)} of images (limit ${formatBytes(HEAVY_IMAGE_BYTES)})`,
        { url: page.url, bytes: page.imageBytes, limit: HEAVY_IMAGE_BYTES },
        null,
      );
  }

  for (const l of input.footprint.leftovers) {
    const answered =
      l.status === null
        ? ""
        : l.status >= 400
          ? `; the host answers ${l.status}`
          : "; it is still downloaded on every page";
    emit(
      PERF_RULES.appLeftover,
      {
        type: "theme",
        id: `${input.themeId ?? "theme"}:${l.file}:${l.host}`,
        title: `${l.file}, line ${l.line}`,
      },
      `${l.file} line ${l.line} loads ${stripQuery(l.url)} from ${l.app ?? l.host}, which has no app embed, block, script tag or pixel any more${answered}`,
      { file: l.file, line: l.line, url: l.url, host: l.host, app: l.app, status: l.status },
      themeEditorUrl(input.shop, input.themeId, ""),
    );
  }

  for (const u of input.footprint.unknownHosts)
    emit(
      PERF_RULES.unknownThirdParty,
      { type: "shop", id: `host:${u.host}`, title: u.host },
      `${u.requests} file${u.requests === 1 ? "" : "s"} (${formatBytes(u.bytes)}) from ${u.host}, a host in no app list, on ${u.pages.join(", ")}`,
      { host: u.host, bytes: u.bytes, urls: u.urls, pages: u.pages },
      null,
    );

  findings.push(
    ...crawlLimitFindings({
      pages: input.pages,
      unmeasured: input.unmeasured,
      limits: input.limits,
    }),
  );
  return findings;
}
