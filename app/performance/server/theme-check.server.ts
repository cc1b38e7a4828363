/**
 * Shopify's theme-check over the live theme's files, in memory.
 *
 * `check(theme, config, dependencies)` of `@shopify/theme-check-common` is the documented
 * runtime-agnostic API (the package README's "browser" usage; theme-check-node wraps the same
 * call around files on disk). Config: the `recommended` checks (what `configs/recommended.yml` of
 * theme-check-node enables), minus the checks that need files the audit does not read, plus the
 * two asset-size checks (see THEME_CHECK_CONFIG below).
 *
 * Offline: theme-check's docs of Liquid tags, filters and objects and its JSON schemas come from
 * `@shopify/theme-check-docs-updater`, whose ThemeLiquidDocsManager downloads the latest copy
 * from GitHub on first use and falls back to the copy bundled in the package (`data/`). This
 * module reads the bundled copy directly and never downloads; its revision is reported.
 *
 * The asset-size checks would send a HEAD request to every remote script or stylesheet URL
 * written in the theme; here they only measure the theme's own assets (sizes from the Admin
 * API's file list): remote files are measured by the storefront crawl instead.
 *
 * A failure or a time-out never fails the audit: the result says what was not checked and why.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import {
  FileType,
  check,
  recommended,
  toSourceCode,
  type AbstractFileSystem,
  type CheckDefinition,
  type ChecksSettings,
  type FileTuple,
  type JsonValidationSet,
  type Offense,
  type SourceCodeType,
  type ThemeDocset,
} from "@shopify/theme-check-common";
import { allChecks } from "@shopify/theme-check-common";
import type { ThemeFile } from "~/performance/domain/theme-code";
import type { ThemeCheckOffence } from "~/performance/domain/types";

const ROOT = "file:///theme";

/** Checks of the recommended set that need theme files the audit does not read. */
export const NOT_RUN: Record<string, string> = {
  TranslationKeyExists: "needs locales/*.json, which the audit does not read",
  MatchingTranslations: "needs locales/*.json, which the audit does not read",
  ValidSchemaTranslations: "needs locales/*.json, which the audit does not read",
  ValidHTMLTranslation: "needs locales/*.json, which the audit does not read",
  OrphanedSnippet:
    "needs the theme's reference graph, which theme-check-node builds from files on disk",
  ValidScopedCSSClass: "needs the CSS of assets/*.css, which the audit does not read",
};

/**
 * Sizes of the theme's own JavaScript and CSS files above which theme-check's asset-size checks
 * report. theme-check's default (10,000 bytes, meant compressed) is under Dawn's own global.js;
 * 100 KB of file size is where one theme file is unusually large.
 */
export const ASSET_SIZE_LIMIT_BYTES = 100 * 1024;

export const THEME_CHECK_SETTINGS: ChecksSettings = {
  AssetSizeJavaScript: { enabled: true, thresholdInBytes: ASSET_SIZE_LIMIT_BYTES },
  AssetSizeCSS: { enabled: true, thresholdInBytes: ASSET_SIZE_LIMIT_BYTES },
};

type AnyCheck = CheckDefinition<SourceCodeType>;

function isRemoteText(value: unknown): boolean {
  const parts = value as { type: string; value?: unknown }[] | undefined;
  return (
    Array.isArray(parts) &&
    parts.length === 1 &&
    parts[0]?.type === "TextNode" &&
    /(https?:)?\/\//.test(String(parts[0].value))
  );
}

/** The asset-size checks without their remote branch (it would fetch third-party URLs). */
function localOnly(def: AnyCheck): AnyCheck {
  return {
    ...def,
    create(context: unknown) {
      const visitors = (def.create as (c: unknown) => Record<string, unknown>)(context);
      const guarded: Record<string, unknown> = {};
      for (const [name, fn] of Object.entries(visitors)) {
        if (typeof fn !== "function") {
          guarded[name] = fn;
          continue;
        }
        guarded[name] = (node: Record<string, unknown>, ancestors: Record<string, unknown>[]) => {
          if (name === "HtmlRawNode" || name === "HtmlVoidElement") {
            const attrs =
              (node.attributes as { name?: { value?: string }[]; value?: unknown }[]) ?? [];
            const url = attrs.find((a) => ["src", "href"].includes(a.name?.[0]?.value ?? ""));
            if (url && isRemoteText(url.value)) return undefined;
          }
          if (name === "LiquidFilter") {
            const parent = ancestors.at(-1) as { expression?: { type: string; value?: unknown } };
            const expr = parent?.expression;
            if (expr?.type === "String" && /(https?:)?\/\//.test(String(expr.value)))
              return undefined;
          }
          return (fn as (n: unknown, a: unknown) => unknown)(node, ancestors);
        };
      }
      return guarded;
    },
  } as unknown as AnyCheck;
}

export function themeCheckChecks(): AnyCheck[] {
  const chosen = (recommended as AnyCheck[]).filter((c) => !(c.meta.code in NOT_RUN));
  const extra = (allChecks as AnyCheck[])
    .filter((c) => c.meta.code === "AssetSizeJavaScript" || c.meta.code === "AssetSizeCSS")
    .map(localOnly);
  const seen = new Set<string>();
  return [...chosen, ...extra].filter((c) => {
    if (seen.has(c.meta.code)) return false;
    seen.add(c.meta.code);
    return true;
  });
}

const require = createRequire(import.meta.url);

function docsDataDir(): string {
  return path.join(
    path.dirname(require.resolve("@shopify/theme-check-docs-updater/package.json")),
    "data",
  );
}

/** theme-check's docset and JSON schemas from the copy bundled in theme-check-docs-updater. */
export function bundledThemeDocs(
  dir = docsDataDir(),
): ThemeDocset & JsonValidationSet & { revision: () => Promise<string | null> } {
  const cache = new Map<string, Promise<unknown>>();
  const load = <T>(name: string, fallback: T): Promise<T> => {
    let p = cache.get(name);
    if (!p) {
      p = readFile(path.join(dir, name), "utf8")
        .then((text) => JSON.parse(text) as unknown)
        .catch(() => fallback);
      cache.set(name, p);
    }
    return p as Promise<T>;
  };
  return {
    filters: () => load("filters.json", []),
    objects: () => load("objects.json", []),
    liquidDrops: () => load("objects.json", []),
    tags: () => load("tags.json", []),
    systemTranslations: () => load("shopify_system_translations.json", {}),
    schemas: async (mode) => {
      const manifest = await load<{ schemas: { uri: string; fileMatch?: string[] }[] }>(
        mode === "app" ? "manifest_theme_app_extension.json" : "manifest_theme.json",
        { schemas: [] },
      );
      return Promise.all(
        manifest.schemas.map(async (s) => ({
          uri: `https://raw.githubusercontent.com/Shopify/theme-liquid-docs/main/schemas/${s.uri}`,
          fileMatch: s.fileMatch,
          schema: await readFile(path.join(dir, path.basename(s.uri)), "utf8").catch(() => ""),
        })),
      );
    },
    revision: async () => (await load<{ revision?: string }>("latest.json", {})).revision ?? null,
  };
}

/** A read-only file system over the theme's files and its assets' sizes. */
export function memoryFileSystem(
  files: ThemeFile[],
  assets: { filename: string; size: number }[],
): AbstractFileSystem {
  const bodies = new Map(files.map((f) => [f.filename, f.body]));
  const sizes = new Map<string, number>([
    ...assets.map((a) => [a.filename, a.size] as [string, number]),
    ...files.map((f) => [f.filename, Buffer.byteLength(f.body)] as [string, number]),
  ]);
  const rel = (uri: string) => decodeURIComponent(uri.slice(ROOT.length + 1));
  const enoent = (uri: string) => Object.assign(new Error(`ENOENT: ${uri}`), { code: "ENOENT" });
  return {
    async readFile(uri) {
      const body = bodies.get(rel(uri));
      if (body === undefined) throw enoent(uri);
      return body;
    },
    async readDirectory(uri) {
      const dir = uri === ROOT ? "" : `${rel(uri)}/`;
      const entries = new Map<string, FileType>();
      for (const name of sizes.keys()) {
        if (!name.startsWith(dir)) continue;
        const rest = name.slice(dir.length);
        const slash = rest.indexOf("/");
        entries.set(
          `${ROOT}/${dir}${slash < 0 ? rest : rest.slice(0, slash)}`,
          slash < 0 ? FileType.File : FileType.Directory,
        );
      }
      return [...entries] as FileTuple[];
    },
    async stat(uri) {
      const name = rel(uri);
      const size = sizes.get(name);
      if (size !== undefined) return { type: FileType.File, size };
      if ([...sizes.keys()].some((n) => n.startsWith(`${name}/`)))
        return { type: FileType.Directory, size: 0 };
      throw enoent(uri);
    },
  };
}

export type ThemeCheckResult =
  | {
      status: "ran";
      offences: ThemeCheckOffence[];
      checks: string[];
      notRun: Record<string, string>;
      docsRevision: string | null;
      /** Errors theme-check reported for single checks (each check that threw is named). */
      errors: string[];
      ms: number;
    }
  | { status: "failed"; reason: string; ms: number };

export const THEME_CHECK_TIMEOUT_MS = 120_000;

export async function runThemeCheck(
  files: ThemeFile[],
  assets: { filename: string; size: number }[],
  options: { timeoutMs?: number; docs?: ReturnType<typeof bundledThemeDocs> } = {},
): Promise<ThemeCheckResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? THEME_CHECK_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  try {
    const docs = options.docs ?? bundledThemeDocs();
    const checks = themeCheckChecks();
    const errors: string[] = [];
    const sources = files
      .filter((f) => /\.(liquid|json)$/.test(f.filename))
      .map((f) => toSourceCode(`${ROOT}/${f.filename}`, f.body));
    const run = check(
      sources,
      {
        context: "theme",
        settings: THEME_CHECK_SETTINGS,
        checks,
        rootUri: ROOT,
        onError: (error) => errors.push(error.message.split("\n")[0] ?? String(error)),
      },
      { fs: memoryFileSystem(files, assets), themeDocset: docs, jsonValidationSet: docs },
    );
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`it took longer than ${Math.round(timeoutMs / 1000)} s`)),
        timeoutMs,
      );
    });
    const offenses: Offense[] = await Promise.race([run, timeout]);
    const byName = new Map(files.map((f) => [f.filename, f.body]));
    return {
      status: "ran",
      offences: offenses.map((o) => {
        const file = decodeURIComponent(o.uri.slice(ROOT.length + 1));
        const body = byName.get(file) ?? "";
        return {
          check: o.check,
          severity: o.severity,
          message: o.message,
          file,
          line: o.start.line + 1,
          source: body.slice(o.start.index, o.end.index).replace(/\s+/g, " ").trim().slice(0, 160),
        };
      }),
      checks: checks.map((c) => c.meta.code),
      notRun: NOT_RUN,
      docsRevision: await docs.revision(),
      errors,
      ms: Date.now() - started,
    };
  } catch (error) {
    return {
      status: "failed",
      reason: error instanceof Error ? error.message : String(error),
      ms: Date.now() - started,
    };
  } finally {
    clearTimeout(timer);
  }
}
