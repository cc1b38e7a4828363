/**
 * Which apps a storefront carries and what they cost: app embeds and blocks read from the theme's
 * files, script tags and web pixels from the Admin API, and the crawled scripts and styles
 * attributed through the app-host list. Also the leftovers: theme files that still reference an
 * app's host when that app has no embed, block, script tag or pixel any more.
 */
import type { AppAttributor } from "./app-hosts";
import type {
  AppFootprint,
  CrawledPage,
  Footprint,
  Leftover,
  PageType,
  ThemeAppReference,
  UnknownHost,
} from "./types";

export interface ThemeFile {
  filename: string;
  body: string;
}

export interface FootprintInput {
  themeFiles: ThemeFile[];
  /** `src` of the script tags the Admin API shows. */
  scriptTags: string[];
  /** App names of web pixels known to be installed (the app sees only its own). */
  webPixels: string[];
  pages: CrawledPage[];
}

const APP_TYPE = /^shopify:\/\/apps\/([^/]+)\/blocks\/([^/]+)\//;

/** Theme JSON files may start with a comment (settings_data.json does). */
export function parseThemeJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\s*\/\*[\s\S]*?\*\//, ""));
  } catch {
    return null;
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** App embeds in config/settings_data.json and app blocks in templates/*.json and sections/*.json. */
export function themeAppReferences(
  files: ThemeFile[],
  attributor: AppAttributor,
): ThemeAppReference[] {
  const refs: ThemeAppReference[] = [];
  const push = (kind: "embed" | "block", file: string, block: unknown, enabledAbove: boolean) => {
    if (!isObject(block) || typeof block.type !== "string") return;
    const m = APP_TYPE.exec(block.type);
    if (!m) return;
    const handle = m[1] ?? "";
    refs.push({
      kind,
      handle,
      block: m[2] ?? "",
      app: attributor.appOfHandle(handle),
      file,
      enabled: enabledAbove && block.disabled !== true,
    });
  };
  for (const f of files) {
    if (!f.filename.endsWith(".json")) continue;
    const data = parseThemeJson(f.body);
    if (!isObject(data)) continue;
    if (f.filename === "config/settings_data.json") {
      const current = isObject(data.current) ? data.current : {};
      for (const block of Object.values(isObject(current.blocks) ? current.blocks : {}))
        push("embed", f.filename, block, true);
    } else if (/^(templates|sections)\//.test(f.filename)) {
      for (const section of Object.values(isObject(data.sections) ? data.sections : {})) {
        if (!isObject(section)) continue;
        push("block", f.filename, section, section.disabled !== true); // an app section
        for (const block of Object.values(isObject(section.blocks) ? section.blocks : {}))
          push("block", f.filename, block, section.disabled !== true);
      }
    }
  }
  return refs;
}

const URL_IN_MARKUP = /(?:src|href)\s*=\s*["']((?:https?:)?\/\/[^"'\s{}]+)/gi;

/** Absolute script/style URLs written into theme files, with file and line. */
export function themeUrlReferences(
  files: ThemeFile[],
): { file: string; line: number; url: string }[] {
  const refs: { file: string; line: number; url: string }[] = [];
  for (const f of files) {
    if (!/\.(liquid|json)$/.test(f.filename)) continue;
    f.body.split("\n").forEach((text, i) => {
      for (const m of text.matchAll(URL_IN_MARKUP)) {
        const raw = m[1] ?? "";
        refs.push({
          file: f.filename,
          line: i + 1,
          url: raw.startsWith("//") ? `https:${raw}` : raw,
        });
      }
    });
  }
  return refs;
}

function urlWithoutQuery(url: string): string {
  return url.split(/[?#]/)[0] ?? url;
}

export function buildFootprint(input: FootprintInput, attributor: AppAttributor): Footprint {
  const apps = new Map<string, AppFootprint>();
  const appOf = (name: string): AppFootprint => {
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
  };
  for (const ref of themeAppReferences(input.themeFiles, attributor))
    appOf(ref.app).theme.push(ref);
  for (const src of input.scriptTags) {
    const who = attributor.attribute(src);
    appOf(who.app ?? `Script tag on ${who.host}`).scriptTags.push(src);
  }
  for (const name of input.webPixels) appOf(name).webPixel = true;

  // Crawled resources: each distinct URL counted once (what a visitor downloads over the pages).
  const unknown = new Map<string, UnknownHost>();
  const seen = new Set<string>();
  for (const page of input.pages) {
    for (const r of page.resources) {
      const who = attributor.attribute(r.url);
      if (who.party === "first-party") continue;
      const addPage = (pages: PageType[]) => {
        if (!pages.includes(page.type)) pages.push(page.type);
      };
      const first = !seen.has(r.url);
      seen.add(r.url);
      if (who.app !== null) {
        const a = appOf(who.app);
        addPage(a.pages);
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
        addPage(u.pages);
        if (!first) continue;
        u.requests += 1;
        u.bytes += r.bytes;
        if (u.urls.length < 5) u.urls.push(r.url);
      }
    }
  }

  // Leftovers: a known app's host referenced in theme files while the app has no live trace.
  const statusOf = new Map<string, number | null>();
  for (const page of input.pages)
    for (const r of page.resources) statusOf.set(urlWithoutQuery(r.url), r.status);
  const leftovers: Leftover[] = [];
  for (const ref of themeUrlReferences(input.themeFiles)) {
    const who = attributor.attribute(ref.url);
    if (who.app === null) continue;
    const a = apps.get(who.app);
    const live =
      a !== undefined && (a.theme.some((t) => t.enabled) || a.scriptTags.length > 0 || a.webPixel);
    if (live) continue;
    leftovers.push({
      ...ref,
      host: who.host,
      app: who.app,
      status: statusOf.get(urlWithoutQuery(ref.url)) ?? null,
    });
  }

  return {
    apps: [...apps.values()].sort((x, y) => y.bytes - x.bytes || x.app.localeCompare(y.app)),
    unknownHosts: [...unknown.values()].sort(
      (x, y) => y.bytes - x.bytes || x.host.localeCompare(y.host),
    ),
    leftovers,
  };
}
