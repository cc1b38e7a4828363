/**
 * The performance audit's rules, as findings in the shared audit shape (app/findings/types).
 * Ids are stable; resource ids are URLs (without query), page types or theme file + host, so the
 * same problem has the same key in every run.
 */
import { storeHandle } from "~/findings/admin-links";
import { findingKey } from "~/findings/finding-key";
import type { Finding, RuleDefinition } from "~/findings/types";
import { legacyIdOf } from "~/snapshot/domain/ids";
import { formatBytes } from "./bytes";
import {
  PAGE_TYPES,
  type Footprint,
  type PageFigures,
  type PageType,
  type ThemeCheckOffence,
} from "./types";
import {
  CRAWL_LIMIT_RULES,
  crawlLimitFindings,
  type CrawlLimits,
  type UnmeasuredPage,
} from "./crawl-limits";

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
  themeParserBlocking: {
    id: "perf.theme-parser-blocking-script",
    category: CATEGORY,
    severity: "warning",
    title: "Theme script blocks the page while it loads",
    why: "A <script src> without defer or async stops the browser reading the rest of the page until the file has downloaded and run: on a phone the page stays blank meanwhile.",
    fix: "Online Store → Themes → ⋯ → Edit code: open the file at the line and add defer to the script tag (async if nothing on the page waits for it), then check the page still works.",
  },
  themeRemoteAsset: {
    id: "perf.theme-remote-asset",
    category: CATEGORY,
    severity: "info",
    title: "Theme loads a file from another server",
    why: "A file from outside Shopify's CDN needs its own connection, and Shopify neither compresses, resizes nor caches it for the shop.",
    fix: "Upload the file to the theme (Edit code → Assets) and load it with asset_url, or remove the line if the file is no longer needed.",
  },
  themeAssetSize: {
    id: "perf.theme-asset-size",
    category: CATEGORY,
    severity: "warning",
    title: "Large theme script or stylesheet",
    why: "The theme loads a JavaScript or CSS file of more than 100 KB: every visitor downloads and processes it before the page responds.",
    fix: "Ask the theme's developer to split the file and load the parts a page needs (scripts needed after a tap on interaction), or remove code that is no longer used.",
  },
  themeMissingFile: {
    id: "perf.theme-missing-file",
    category: CATEGORY,
    severity: "warning",
    title: "Theme refers to a file that does not exist",
    why: "Where a snippet, section or asset is missing, Shopify renders “Liquid error: Could not find asset …” into the page for shoppers to see, or leaves the part out; often an uninstalled app took the file with it.",
    fix: "Online Store → Themes → ⋯ → Edit code: remove the render/section tag at the line, or restore the file from a theme backup.",
  },
  themeDeprecated: {
    id: "perf.theme-deprecated-code",
    category: CATEGORY,
    severity: "info",
    title: "Deprecated Liquid in the theme",
    why: "Shopify keeps deprecated tags and filters working but no longer improves them: img_url gives no responsive sizes, include is slower than render and leaks variables between files.",
    fix: "Replace what theme-check names (render for include, image_url for img_url, …) in the file at the line; Shopify's Liquid reference shows the replacement.",
  },
  themeSyntaxError: {
    id: "perf.theme-syntax-error",
    category: CATEGORY,
    severity: "warning",
    title: "Syntax error in the theme's code",
    why: "Liquid or HTML that does not parse can break the page layout or stop a section from rendering; shoppers see whatever HTML results.",
    fix: "Open the file at the line in the code editor and close the tag or correct the Liquid, then preview the pages that use the file.",
  },
  ...CRAWL_LIMIT_RULES,
} as const satisfies Record<string, RuleDefinition>;

/** theme-check's checks reported as findings, and the rule each becomes. */
export const THEME_CHECK_RULES: Record<string, RuleDefinition> = {
  ParserBlockingScript: PERF_RULES.themeParserBlocking,
  RemoteAsset: PERF_RULES.themeRemoteAsset,
  AssetSizeJavaScript: PERF_RULES.themeAssetSize,
  AssetSizeCSS: PERF_RULES.themeAssetSize,
  MissingTemplate: PERF_RULES.themeMissingFile,
  MissingAsset: PERF_RULES.themeMissingFile,
  JSONMissingSection: PERF_RULES.themeMissingFile,
  DeprecatedTag: PERF_RULES.themeDeprecated,
  DeprecatedFilter: PERF_RULES.themeDeprecated,
  DeprecateLazysizes: PERF_RULES.themeDeprecated,
  DeprecateBgsizes: PERF_RULES.themeDeprecated,
  LiquidHTMLSyntaxError: PERF_RULES.themeSyntaxError,
  LiquidSyntaxError: PERF_RULES.themeSyntaxError,
  JSONSyntaxError: PERF_RULES.themeSyntaxError,
};

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
  /** theme-check's offences over the theme (absent when it did not run). */
  themeCheck?: ThemeCheckOffence[];
  /** The URLs written into theme code, to tie an offence's line to a crawled file. */
  themeUrls?: { file: string; line: number; url: string; kind?: string }[];
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

/** "Home page", "Home and product pages", "Every page type" (all five). */
export function pageList(pages: PageType[]): string {
  if (pages.length === PAGE_TYPES.length) return "Every page type";
  if (pages.length === 1) return PAGE_LABELS[pages[0] ?? "home"];
  const names = pages.map((p) => PAGE_LABELS[p].replace(/ page$/, "").toLowerCase());
  const text = `${names.slice(0, -1).join(", ")} and ${names.at(-1) ?? ""} pages`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A size over a limit, written so that it never reads as the limit itself: "2.6 MB" for a page
 * of 2.54 MB against 2.5 MB would hide that it is only just over, and "2.5 MB" would read as
 * equal, so the excess is spelled out ("2.5 MB, 40 KB over").
 */
export function formatOverLimit(bytes: number, limit: number): string {
  const over = bytes - limit;
  return `${formatBytes(bytes)} (${formatBytes(over)} over)`;
}

/** A finding of `rule` at its own severity. */
function perfFinding(
  rule: RuleDefinition,
  resource: Finding["resource"],
  message: string,
  details: Finding["details"],
  fixUrl: string | null,
): Finding {
  return {
    key: findingKey(rule.id, resource.id),
    ruleId: rule.id,
    severity: rule.severity,
    category: rule.category,
    resource,
    message,
    details,
    fixUrl,
  };
}

/** The crawled page's figures for the host a URL is on (the first page that has it). */
function hostFigures(pages: PageFigures[], url: string): PageFigures["bytesByHost"][number] | null {
  for (const p of pages) {
    const h = p.bytesByHost.find((x) => url.includes(`//${x.host}/`));
    if (h) return h;
  }
  return null;
}

/** Render-blocking third-party files: once per file, naming the pages. */
function renderBlockingFindings(pages: PageFigures[], editor: string | null): Finding[] {
  const blocking = new Map<
    string,
    { pages: PageType[]; who: PageFigures["renderBlocking"][number] }
  >();
  for (const page of pages)
    for (const r of page.renderBlocking) {
      if (r.party !== "third-party") continue;
      const id = stripQuery(r.url);
      const entry = blocking.get(id) ?? { pages: [], who: r };
      if (!entry.pages.includes(page.type)) entry.pages.push(page.type);
      blocking.set(id, entry);
    }
  return [...blocking].map(([id, { pages: on, who }]) => {
    const what = who.type === "stylesheet" ? "Stylesheet" : "Script";
    const owner = who.app ?? "an unknown app";
    return perfFinding(
      PERF_RULES.renderBlocking,
      { type: "shop", id, title: who.app ?? who.host },
      `${what} ${id} (${owner}) blocks rendering in <head> on ${on.length} page type${on.length === 1 ? "" : "s"} (${on.join(", ")})`,
      {
        url: who.url,
        host: who.host,
        app: who.app,
        type: who.type,
        pages: on,
        hostBytes: hostFigures(pages, who.url)?.bytes ?? null,
      },
      editor,
    );
  });
}

/** A page weight rule: a figure of each page and the limit it may not exceed. */
interface WeightRule {
  rule: RuleDefinition;
  id: string;
  value: (p: PageFigures) => number;
  limit: number;
  /** The sentence's start, given the list of page types ("Home page weighs more than …"). */
  what: (pages: string) => string;
  /** What follows a page's size in the list. */
  extra: (p: PageFigures) => string;
}

/** One finding for a page weight rule, listing the page types over it and their sizes. */
function overLimitFinding(pages: PageFigures[], weight: WeightRule): Finding | null {
  const { rule, id, value, limit, what, extra } = weight;
  const over = pages.filter((p) => value(p) > limit);
  if (over.length === 0) return null;
  const worst = [...over].sort((a, b) => value(b) - value(a));
  const list = worst
    .map(
      (p) => `${PAGE_LABELS[p.type].toLowerCase()} ${formatOverLimit(value(p), limit)}${extra(p)}`,
    )
    .join("; ");
  return perfFinding(
    rule,
    {
      type: "shop",
      id,
      title: over.length === 1 ? PAGE_LABELS[over[0]?.type ?? "home"] : `${over.length} page types`,
    },
    `${what(pageList(worst.map((p) => p.type)))}: ${list}`,
    {
      limit,
      pages: worst.map((p) => ({ type: p.type, url: p.url, bytes: value(p) })),
    },
    null,
  );
}

const HEAVY_PAGE: WeightRule = {
  rule: PERF_RULES.heavyPage,
  id: "pages:weight",
  value: (p) => p.totalBytes,
  limit: HEAVY_PAGE_BYTES,
  what: (pages) =>
    `${pages} ${pages.endsWith("pages") ? "weigh" : "weighs"} more than ${formatBytes(HEAVY_PAGE_BYTES)}`,
  extra: (p) =>
    ` in ${p.requests} requests (images ${formatBytes(p.imageBytes)}, scripts ${formatBytes(p.bytesByType.script)})`,
};

const HEAVY_IMAGES: WeightRule = {
  rule: PERF_RULES.heavyImages,
  id: "pages:images",
  value: (p) => p.imageBytes,
  limit: HEAVY_IMAGE_BYTES,
  what: (pages) =>
    `${pages} ${pages.endsWith("pages") ? "load" : "loads"} more than ${formatBytes(HEAVY_IMAGE_BYTES)} of images`,
  extra: () => "",
};

/** A page's third-party script bytes by app (or host), largest first. */
function scriptBytesByOwner(page: PageFigures): [string, number][] {
  const byOwner = new Map<string, number>();
  for (const h of page.bytesByHost)
    if (h.party === "third-party" && h.scriptBytes > 0)
      byOwner.set(h.app ?? h.host, (byOwner.get(h.app ?? h.host) ?? 0) + h.scriptBytes);
  return [...byOwner].sort((a, b) => b[1] - a[1]);
}

/** Pages over the third-party JavaScript limit, with the apps behind most of it. */
function heavyThirdPartyJsFinding(pages: PageFigures[], editor: string | null): Finding | null {
  const jsPages = pages.filter((p) => p.thirdPartyScriptBytes > HEAVY_THIRD_PARTY_JS_BYTES);
  if (jsPages.length === 0) return null;
  // The apps behind it, over the pages: the largest share on any page.
  const owners = new Map<string, number>();
  for (const p of jsPages)
    for (const [owner, bytes] of scriptBytesByOwner(p))
      owners.set(owner, Math.max(owners.get(owner) ?? 0, bytes));
  const top = [...owners].sort((a, b) => b[1] - a[1]).slice(0, 3);
  const worst = [...jsPages].sort((a, b) => b.thirdPartyScriptBytes - a.thirdPartyScriptBytes);
  return perfFinding(
    PERF_RULES.heavyThirdPartyJs,
    {
      type: "shop",
      id: "pages:third-party-js",
      title:
        jsPages.length === 1
          ? PAGE_LABELS[jsPages[0]?.type ?? "home"]
          : `${jsPages.length} page types`,
    },
    `${pageList(worst.map((p) => p.type))} ${pageList(worst.map((p) => p.type)).endsWith("pages") ? "load" : "loads"} more than ${formatBytes(HEAVY_THIRD_PARTY_JS_BYTES)} of JavaScript from apps and other third parties: ${worst
      .map(
        (p) =>
          `${PAGE_LABELS[p.type].toLowerCase()} ${formatOverLimit(p.thirdPartyScriptBytes, HEAVY_THIRD_PARTY_JS_BYTES)}`,
      )
      .join(
        "; ",
      )}. Most of it: ${top.map(([owner, bytes]) => `${owner} ${formatBytes(bytes)}`).join(", ")}`,
    {
      limit: HEAVY_THIRD_PARTY_JS_BYTES,
      pages: worst.map((p) => ({ type: p.type, url: p.url, bytes: p.thirdPartyScriptBytes })),
      top: top.map(([owner, bytes]) => `${owner} ${formatBytes(bytes)}`),
    },
    editor,
  );
}

/** Where a leftover loads: every page, some page types, only unrendered templates, or nowhere. */
function leftoverReach(l: Footprint["leftovers"][number]): string {
  const pages = l.pages ?? null;
  if (pages === null) return "";
  if (pages.length === 5) return "; it loads on every page";
  if (pages.length > 0)
    return `; it loads on ${pages.length === 1 ? "the " : ""}${pageList(pages).toLowerCase()}${l.via && l.via.length > 0 && !l.file.startsWith("templates/") ? ` (through ${l.via.join(" ← ")})` : ""}`;
  return (l.templates ?? []).length > 0
    ? `; it loads on ${(l.templates ?? []).join(", ")} pages`
    : "; no template renders the file, so it is dead code";
}

/** A theme file that still loads a removed app's file. */
function leftoverFinding(
  l: Footprint["leftovers"][number],
  themeId: string | null,
  editor: string | null,
): Finding {
  const answered =
    l.status === null
      ? ""
      : l.status >= 400
        ? `; the host answers ${l.status}`
        : "; it is still downloaded";
  const lines = l.lines && l.lines.length > 1 ? `lines ${l.lines.join(", ")}` : `line ${l.line}`;
  const where = l.setting ? ` (in the setting ${l.setting})` : "";
  return perfFinding(
    PERF_RULES.appLeftover,
    {
      type: "theme",
      id: `${themeId ?? "theme"}:${l.file}:${l.host}`,
      title: `${l.file}, ${lines}`,
    },
    `${l.file} ${lines}${where} loads ${stripQuery(l.url)} from ${l.app ?? l.host}, which has no app embed, block, script tag or pixel any more${answered}${leftoverReach(l)}`,
    {
      file: l.file,
      line: l.line,
      lines: l.lines ?? [l.line],
      url: l.url,
      host: l.host,
      app: l.app,
      status: l.status,
      setting: l.setting ?? null,
      pages: l.pages ?? null,
      via: l.via ?? [],
    },
    editor,
  );
}

/** Files from a host in no app list. */
function unknownHostFinding(u: Footprint["unknownHosts"][number]): Finding {
  const written =
    u.themeRefs && u.themeRefs.length > 0
      ? `; written into the theme at ${u.themeRefs.map((t) => `${t.file} line ${t.line}`).join(", ")}`
      : "";
  return perfFinding(
    PERF_RULES.unknownThirdParty,
    { type: "shop", id: `host:${u.host}`, title: u.host },
    `${u.requests} file${u.requests === 1 ? "" : "s"} (${formatBytes(u.bytes)}) from ${u.host}, a host in no app list, on ${u.pages.join(", ")}${written}`,
    { host: u.host, bytes: u.bytes, urls: u.urls, pages: u.pages, themeRefs: u.themeRefs ?? [] },
    null,
  );
}

const isFinding = (f: Finding | null): f is Finding => f !== null;

export function perfFindings(input: PerfFindingsInput): Finding[] {
  const editor = themeEditorUrl(input.shop, input.themeId);
  const themeFileEditor = themeEditorUrl(input.shop, input.themeId, "");
  const findings: Finding[] = [
    ...renderBlockingFindings(input.pages, editor),
    ...[
      overLimitFinding(input.pages, HEAVY_PAGE),
      heavyThirdPartyJsFinding(input.pages, editor),
      overLimitFinding(input.pages, HEAVY_IMAGES),
    ].filter(isFinding),
    ...input.footprint.leftovers.map((l) => leftoverFinding(l, input.themeId, themeFileEditor)),
    ...input.footprint.unknownHosts.map(unknownHostFinding),
  ];
  findings.push(...themeCheckFindings(input, findings));
  findings.push(
    ...crawlLimitFindings({
      pages: input.pages,
      unmeasured: input.unmeasured,
      limits: input.limits,
    }),
  );
  return findings;
}

/** FNV-1a of a string, as 8 hex digits: a stable id part for an offence's source text. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/**
 * theme-check's offences that matter for speed and correctness, one finding each (identical
 * ones in a file are one finding listing the lines). A parser-blocking or remote script that the
 * crawl already reports as render-blocking adds its file and line to that finding instead, and
 * a line that is a leftover of a removed app is reported once, as the leftover.
 */
function themeCheckFindings(input: PerfFindingsInput, findings: Finding[]): Finding[] {
  const offences = input.themeCheck ?? [];
  if (offences.length === 0) return [];
  const leftoverLines = new Set(
    input.footprint.leftovers.flatMap((l) => (l.lines ?? [l.line]).map((n) => `${l.file}:${n}`)),
  );
  const blocking = new Map(
    findings
      .filter((f) => f.ruleId === PERF_RULES.renderBlocking.id)
      .map((f) => [f.resource.id, f] as const),
  );
  const grouped = new Map<string, { o: ThemeCheckOffence; lines: number[] }>();
  for (const o of offences) {
    const rule = THEME_CHECK_RULES[o.check];
    if (!rule) continue;
    const lineKey = `${o.file}:${o.line}`;
    if (o.check === "ParserBlockingScript" || o.check === "RemoteAsset") {
      if (leftoverLines.has(lineKey)) continue;
      const urls = (input.themeUrls ?? []).filter((u) => u.file === o.file && u.line === o.line);
      // A preconnect or dns-prefetch hint downloads nothing: not a remote asset.
      if (
        o.check === "RemoteAsset" &&
        urls.length > 0 &&
        urls.every((u) => u.kind === "connection")
      )
        continue;
      const crawled = urls.map((u) => blocking.get(stripQuery(u.url))).find((f) => f !== undefined);
      if (crawled) {
        const refs = (crawled.details.themeRefs as string[] | undefined) ?? [];
        const where = `${o.file} line ${o.line}`;
        if (!refs.includes(where)) {
          crawled.details.themeRefs = [...refs, where];
          crawled.message += refs.length === 0 ? `; written in ${where}` : `, ${where}`;
        }
        continue;
      }
    }
    const id = `${input.themeId ?? "theme"}:${o.file}:${o.check}:${shortHash(o.source || o.message)}`;
    const seen = grouped.get(id);
    if (seen) {
      if (!seen.lines.includes(o.line)) seen.lines.push(o.line);
    } else grouped.set(id, { o, lines: [o.line] });
  }
  return [...grouped].map(([id, { o, lines }]) => {
    const rule = THEME_CHECK_RULES[o.check] as RuleDefinition;
    const at = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(", ")}`;
    return perfFinding(
      rule,
      { type: "theme", id, title: `${o.file}, ${at}` },
      `${o.file} ${at}${o.source ? `: ${o.source}` : ""} — ${o.message} (theme-check ${o.check})`,
      {
        file: o.file,
        line: o.line,
        lines,
        check: o.check,
        checkMessage: o.message,
        source: o.source,
        themeCheckSeverity: o.severity,
      },
      themeEditorUrl(input.shop, input.themeId, ""),
    );
  });
}
