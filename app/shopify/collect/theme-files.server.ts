/**
 * The published theme's code for the app and performance audit: every file that can carry app
 * code or third-party scripts, within a fixed budget of files and bytes.
 *
 * Two passes through `OnlineStoreTheme.files` (Admin API 2026-10):
 * 1. the file list, names and sizes only (`filenames` patterns, `first` up to 250 a page);
 * 2. the bodies of the files chosen from it, 50 names a request (the schema allows at most 50
 *    `filenames`; `first` defaults to 50), following `pageInfo` because Shopify may return fewer
 *    files than asked "to stay within the payload size limit".
 * The list decides what is read before any body is downloaded: files over the per-file limit
 * and files past the total budget are listed as skipped with the reason, in the order of what
 * matters most (settings_data.json, layouts, section groups, templates, sections, snippets,
 * blocks). `assets/*` are listed (for theme-check's missing-asset and asset-size checks) but
 * never read.
 */
import { themeFileText } from "~/snapshot/domain/sections";
import type { ThemeReadSummary } from "~/performance";
import type { ThemeFile } from "~/performance";
import {
  MainThemeFileListDocument,
  ThemeFileBodiesDocument,
  ThemeFileListPageDocument,
  type MainThemeFileListQuery,
} from "../generated/admin";
import type { CollectContext } from "./context";
import { paginate } from "./paginate";

/**
 * Where themes keep code. `*` is documented as "zero or more characters" without saying whether
 * it crosses `/`, so `templates/customers/*` is named as well; duplicates are dropped.
 */
export const THEME_CODE_PATTERNS = [
  "config/settings_data.json",
  "layout/*.liquid",
  "sections/*.json",
  "templates/*.json",
  "templates/*.liquid",
  "templates/customers/*.json",
  "templates/customers/*.liquid",
  "sections/*.liquid",
  "snippets/*.liquid",
  "blocks/*.liquid",
];
export const THEME_ASSET_PATTERNS = ["assets/*"];

/** Shopify's limit on `filenames` per request (schema 2026-10: "At most 50 filenames"). */
export const MAX_FILENAMES_PER_REQUEST = 50;
const LIST_PAGE_SIZE = 250;

export interface ThemeReadLimits {
  /** Code files read at most. */
  maxFiles: number;
  /** Bytes of code read at most, summed over the files. */
  maxBytes: number;
  /** A single file larger than this is not read. */
  maxFileBytes: number;
  /** Files listed at most (code and assets); the listing stops there. */
  maxListed: number;
}

export const DEFAULT_THEME_READ_LIMITS: ThemeReadLimits = {
  maxFiles: 1000,
  maxBytes: 16 * 1024 * 1024,
  maxFileBytes: 1024 * 1024,
  maxListed: 5000,
};

/** Reading order: what holds app code most often first. */
const PRIORITY = [
  /^config\/settings_data\.json$/,
  /^layout\//,
  /^sections\/[^/]+\.json$/,
  /^templates\//,
  /^sections\//,
  /^snippets\//,
  /^blocks\//,
];

function priority(filename: string): number {
  const i = PRIORITY.findIndex((p) => p.test(filename));
  return i < 0 ? PRIORITY.length : i;
}

const isCode = (filename: string) => !filename.startsWith("assets/");

export interface ThemeForAudit {
  id: string;
  name: string;
  files: ThemeFile[];
  assets: { filename: string; size: number }[];
  summary: ThemeReadSummary;
}

type MainTheme = NonNullable<MainThemeFileListQuery["themes"]>["nodes"][number];
type Skipped = ThemeReadSummary["skipped"];

/** Pass 1: the theme's file names and sizes, up to `maxListed` (a skip says when it stopped). */
async function listThemeFiles(
  ctx: CollectContext,
  theme: MainTheme,
  filenames: string[],
  maxListed: number,
): Promise<{ listed: Map<string, number>; skipped: Skipped }> {
  const skipped: Skipped = [];
  const listed = new Map<string, number>();
  const pages = paginate(
    async (after) =>
      (
        await ctx.client.request(ThemeFileListPageDocument, {
          id: theme.id,
          filenames,
          first: LIST_PAGE_SIZE,
          after,
        })
      ).theme?.files ?? null,
    theme.files ?? undefined,
  );
  for await (const file of pages) {
    if (listed.size >= maxListed) {
      skipped.push({
        filename: "…",
        reason: `the theme lists more than ${maxListed} files; the rest was not looked at`,
      });
      break;
    }
    listed.set(file.filename, Number(file.size));
    ctx.progress("theme", listed.size, null);
  }
  return { listed, skipped };
}

/** The code files to read, most important first, within the limits; the others with why not. */
function chooseCodeFiles(
  listed: Map<string, number>,
  limits: ThemeReadLimits,
): { chosen: string[]; skipped: Skipped } {
  const code = [...listed]
    .filter(([name]) => isCode(name))
    .sort(([a], [b]) => priority(a) - priority(b) || a.localeCompare(b));
  const chosen: string[] = [];
  const skipped: Skipped = [];
  let budget = limits.maxBytes;
  for (const [filename, size] of code) {
    if (size > limits.maxFileBytes)
      skipped.push({
        filename,
        reason: `${Math.round(size / 1024)} KB, over the ${Math.round(limits.maxFileBytes / 1024)} KB a file is read up to`,
      });
    else if (chosen.length >= limits.maxFiles)
      skipped.push({ filename, reason: `past the ${limits.maxFiles} files read per theme` });
    else if (size > budget)
      skipped.push({
        filename,
        reason: `past the ${Math.round(limits.maxBytes / 1024 / 1024)} MB read per theme`,
      });
    else {
      chosen.push(filename);
      budget -= size;
    }
  }
  return { chosen, skipped };
}

/** Pass 2: the chosen files' bodies, 50 names a request; a file not given as text is skipped. */
async function readFileBodies(
  ctx: CollectContext,
  themeId: string,
  chosen: string[],
): Promise<{ files: ThemeFile[]; bytes: number; skipped: Skipped }> {
  const files: ThemeFile[] = [];
  const skipped: Skipped = [];
  let bytes = 0;
  for (let i = 0; i < chosen.length; i += MAX_FILENAMES_PER_REQUEST) {
    const batch = chosen.slice(i, i + MAX_FILENAMES_PER_REQUEST);
    let errors: { code: string; filename: string }[] = [];
    const bodies = paginate(async (after) => {
      const files = (
        await ctx.client.request(ThemeFileBodiesDocument, { id: themeId, filenames: batch, after })
      ).theme?.files;
      errors = files?.userErrors ?? [];
      return files ?? null;
    });
    for await (const file of bodies) {
      const body = themeFileText(file.body);
      if (body === null)
        skipped.push({ filename: file.filename, reason: "served only as a URL, not read" });
      else {
        files.push({ filename: file.filename, body });
        bytes += Buffer.byteLength(body);
      }
      ctx.progress("theme", files.length, chosen.length);
    }
    for (const e of errors)
      skipped.push({ filename: e.filename, reason: `Shopify answered ${e.code} for it` });
  }
  return { files, bytes, skipped };
}

/** Notes the theme section as partial, naming the first few files not read. */
function notePartial(ctx: CollectContext, skipped: Skipped): void {
  if (skipped.length === 0) return;
  const named = skipped.slice(0, 3).map((s) => `${s.filename} (${s.reason})`);
  const more = skipped.length > 3 ? ` and ${skipped.length - 3} more` : "";
  ctx.partial(
    "theme",
    `${skipped.length} theme file${skipped.length === 1 ? " was" : "s were"} not read: ${named.join("; ")}${more}`,
  );
}

export async function readThemeForAudit(
  ctx: CollectContext,
  limits: ThemeReadLimits = DEFAULT_THEME_READ_LIMITS,
): Promise<ThemeForAudit | null> {
  const { client } = ctx;
  const before = client.stats;
  const filenames = [...THEME_CODE_PATTERNS, ...THEME_ASSET_PATTERNS];
  const data = await client.request(MainThemeFileListDocument, {
    filenames,
    first: LIST_PAGE_SIZE,
  });
  const theme = data.themes?.nodes[0];
  if (!theme) {
    ctx.unavailable("theme", "the shop has no published (MAIN) theme");
    return null;
  }
  const list = await listThemeFiles(ctx, theme, filenames, limits.maxListed);
  const choice = chooseCodeFiles(list.listed, limits);
  const read = await readFileBodies(ctx, theme.id, choice.chosen);
  const { files, bytes } = read;
  const skipped = [...list.skipped, ...choice.skipped, ...read.skipped];
  notePartial(ctx, skipped);

  const after = client.stats;
  const assets = [...list.listed]
    .filter(([name]) => !isCode(name))
    .map(([filename, size]) => ({ filename, size }));
  return {
    id: theme.id,
    name: theme.name,
    files,
    assets,
    summary: {
      id: theme.id,
      name: theme.name,
      files: files.length,
      bytes,
      assets: assets.length,
      requests: after.requests - before.requests,
      cost: after.points - before.points,
      skipped,
      problems: [],
    },
  };
}
