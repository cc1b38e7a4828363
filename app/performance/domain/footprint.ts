/**
 * Which apps a storefront carries and what they cost: app embeds and blocks read from the theme's
 * files, script tags and web pixels from the Admin API, and the crawled scripts and styles
 * attributed through the app-host list. Also the leftovers: theme files that still reference an
 * app's host when that app has no embed, block, script tag or pixel any more.
 */
import type { AppAttributor } from "./app-hosts";
import {
  otherTemplatesOfFile,
  pagesOfFile,
  readThemeCode,
  renderChain,
  type ThemeCode,
  type ThemeFile,
  type ThemeUrlRef,
} from "./theme-code";
import type {
  AppFootprint,
  Attribution,
  CrawledPage,
  Footprint,
  Leftover,
  PageType,
  ThemeAppReference,
  UnknownHost,
} from "./types";

export type { ThemeFile };

export interface FootprintInput {
  themeFiles: ThemeFile[];
  /** The files read once (readThemeCode); computed from themeFiles when absent. */
  themeCode?: ThemeCode;
  /** `src` of the script tags the Admin API shows. */
  scriptTags: string[];
  /** App names of web pixels known to be installed (the app sees only its own). */
  webPixels: string[];
  pages: CrawledPage[];
}

/** App embeds in config/settings_data.json and app blocks in templates and section groups. */
export function themeAppReferences(
  files: ThemeFile[],
  attributor: AppAttributor,
  code: ThemeCode = readThemeCode(files),
): ThemeAppReference[] {
  return code.apps.map((a) => ({
    kind: a.kind,
    handle: a.handle,
    block: a.block,
    app: attributor.appOfHandle(a.handle),
    file: a.file,
    line: a.line,
    enabled: a.enabled,
  }));
}

/** Absolute URLs written into theme files, with file and line (one per file, line and URL). */
export function themeUrlReferences(
  files: ThemeFile[],
  code: ThemeCode = readThemeCode(files),
): ThemeUrlRef[] {
  const seen = new Set<string>();
  return code.urls.filter((r) => {
    const key = `${r.file}\n${r.line}\n${r.url}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function urlWithoutQuery(url: string): string {
  return url.split(/[?#]/)[0] ?? url;
}

/** The app's footprint in `apps`, created empty on first use. */
function appIn(apps: Map<string, AppFootprint>, name: string): AppFootprint {
  let a = apps.get(name);
  if (!a)
    apps.set(
      name,
      (a = {
        app: name,
        theme: [],
        scriptTags: [],
        webPixel: false,
        hosts: [],
        requests: 0,
        bytes: 0,
        scriptBytes: 0,
        styleBytes: 0,
        pages: [],
      }),
    );
  return a;
}

/** The apps the shop's configuration shows: theme embeds and blocks, script tags, web pixels. */
function configuredApps(
  input: FootprintInput,
  attributor: AppAttributor,
  code: ThemeCode,
): Map<string, AppFootprint> {
  const apps = new Map<string, AppFootprint>();
  for (const ref of themeAppReferences(input.themeFiles, attributor, code))
    appIn(apps, ref.app).theme.push(ref);
  for (const src of input.scriptTags) {
    const who = attributor.attribute(src);
    appIn(apps, who.app ?? `Script tag on ${who.host}`).scriptTags.push(src);
  }
  for (const name of input.webPixels) appIn(apps, name).webPixel = true;
  return apps;
}

function addPage(pages: PageType[], type: PageType): void {
  if (!pages.includes(type)) pages.push(type);
}

/**
 * Counts the crawled third-party resources into their apps (in `apps`) or, with no app, into
 * the unknown hosts it returns: each distinct URL counted once (what a visitor downloads over
 * the pages), every page it is on noted.
 */
function countCrawledResources(
  pages: CrawledPage[],
  attributor: AppAttributor,
  apps: Map<string, AppFootprint>,
): Map<string, UnknownHost> {
  const unknown = new Map<string, UnknownHost>();
  const seen = new Set<string>();
  for (const page of pages) {
    for (const r of page.resources) {
      const who = attributor.attribute(r.url);
      if (who.party === "first-party") continue;
      const first = !seen.has(r.url);
      seen.add(r.url);
      if (who.app !== null) {
        const a = appIn(apps, who.app);
        addPage(a.pages, page.type);
        if (!a.hosts.includes(who.host)) a.hosts.push(who.host);
        if (!first) continue;
        a.requests += 1;
        a.bytes += r.bytes;
        if (r.type === "script") a.scriptBytes += r.bytes;
        if (r.type === "stylesheet") a.styleBytes += r.bytes;
      } else {
        const u = unknown.get(who.host) ?? {
          host: who.host,
          requests: 0,
          bytes: 0,
          urls: [],
          pages: [],
        };
        unknown.set(who.host, u);
        addPage(u.pages, page.type);
        if (!first) continue;
        u.requests += 1;
        u.bytes += r.bytes;
        if (u.urls.length < 5) u.urls.push(r.url);
      }
    }
  }
  return unknown;
}

/** A theme URL with the app (or host) it belongs to. */
interface AttributedRef {
  ref: ThemeUrlRef;
  who: Attribution;
}

/** Notes on each crawled unknown host where theme code writes its URLs. */
function noteThemeRefsOfUnknownHosts(
  refs: AttributedRef[],
  unknown: Map<string, UnknownHost>,
): void {
  for (const { ref, who } of refs) {
    if (who.app !== null || who.party !== "third-party") continue;
    const u = unknown.get(who.host);
    if (!u) continue;
    u.themeRefs ??= [];
    if (!u.themeRefs.some((t) => t.file === ref.file && t.line === ref.line))
      u.themeRefs.push({ file: ref.file, line: ref.line });
  }
}

/**
 * Leftovers: a known app's host referenced in theme files while the app has no live trace.
 * One per file and host (a file that loads two files of the app is one thing to delete).
 */
function findLeftovers(
  refs: AttributedRef[],
  apps: Map<string, AppFootprint>,
  attributor: AppAttributor,
  pages: CrawledPage[],
  code: ThemeCode,
): Leftover[] {
  const statusOf = new Map<string, number | null>();
  for (const page of pages)
    for (const r of page.resources) statusOf.set(urlWithoutQuery(r.url), r.status);
  const leftovers = new Map<string, Leftover>();
  for (const { ref, who } of refs) {
    if (who.app === null) continue;
    const a = apps.get(who.app);
    const live =
      a !== undefined && (a.theme.some((t) => t.enabled) || a.scriptTags.length > 0 || a.webPixel);
    if (live || !attributor.isShopifyApp(who.app)) continue;
    const key = `${ref.file}\n${who.host}`;
    const seen = leftovers.get(key);
    if (seen) {
      if (!seen.lines?.includes(ref.line)) seen.lines = [...(seen.lines ?? [seen.line]), ref.line];
      continue;
    }
    leftovers.set(key, {
      file: ref.file,
      line: ref.line,
      url: ref.url,
      host: who.host,
      app: who.app,
      status: statusOf.get(urlWithoutQuery(ref.url)) ?? null,
      lines: [ref.line],
      setting: ref.setting,
      pages: pagesOfFile(code, ref.file),
      templates: otherTemplatesOfFile(code, ref.file),
      via: renderChain(code, ref.file).slice(1),
    });
  }
  return [...leftovers.values()];
}

export function buildFootprint(input: FootprintInput, attributor: AppAttributor): Footprint {
  const code = input.themeCode ?? readThemeCode(input.themeFiles);
  const apps = configuredApps(input, attributor, code);
  const unknown = countCrawledResources(input.pages, attributor, apps);
  const refs = themeUrlReferences(input.themeFiles, code).map((ref) => ({
    ref,
    who: attributor.attribute(ref.url),
  }));
  noteThemeRefsOfUnknownHosts(refs, unknown);
  const leftovers = findLeftovers(refs, apps, attributor, input.pages, code);
  return {
    apps: [...apps.values()].sort((x, y) => y.bytes - x.bytes || x.app.localeCompare(y.app)),
    unknownHosts: [...unknown.values()].sort(
      (x, y) => y.bytes - x.bytes || x.host.localeCompare(y.host),
    ),
    leftovers,
  };
}
