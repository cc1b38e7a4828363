/** Online Store themes with their files, and the app's script tags. */
import { createHash } from "node:crypto";
import { GraphQLError, Kind, type GraphQLResolveInfo, type SelectionSetNode } from "graphql";
import { connection, encodeCursor, type PageArgs } from "../graphql/connection";
import type { FieldFn, View } from "../graphql/view";
import type { StandinScriptTag, StandinTheme, StandinThemeFile } from "../store/types";
import { legacyId, requireScope, search } from "./common";
import type { AdminContext } from "./context";

const CONTENT_TYPES: Record<string, string> = {
  liquid: "application/x-liquid",
  json: "application/json",
  css: "text/css",
  js: "application/javascript",
  svg: "image/svg+xml",
};

function fileView(file: StandinThemeFile, theme: StandinTheme): View {
  const ext = /\.(\w+)$/.exec(file.filename)?.[1] ?? "";
  return {
    filename: file.filename,
    body: { __typename: "OnlineStoreThemeFileBodyText", content: file.body },
    checksumMd5: createHash("md5").update(file.body).digest("hex"),
    contentType: CONTENT_TYPES[ext] ?? "text/plain",
    size: String(Buffer.byteLength(file.body)),
    createdAt: theme.createdAt,
    updatedAt: theme.updatedAt,
  };
}

/**
 * `filenames` patterns: "Use '*' to match zero or more characters" (schema 2026-10). Taken
 * literally, `*` also matches `/` (`templates/*.json` matches `templates/customers/login.json`);
 * the app names `templates/customers/*` itself and drops duplicates, so it works either way.
 */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
}

/** `OnlineStoreTheme.files(filenames:)`: "At most 50 filenames can be specified." */
export const MAX_THEME_FILENAMES = 50;
/** `first`: "Default: 50 … At most 2500 can be fetched at once." */
export const DEFAULT_THEME_FILES_PAGE = 50;
export const MAX_THEME_FILES_PAGE = 2500;
/**
 * "Fewer than n files may be returned to stay within the payload size limit": Shopify does not
 * say the limit; the stand-in ends a page once the bodies it returns pass 1 MiB (at least one
 * file a page), so clients must follow pageInfo rather than count files.
 */
export const THEME_FILES_PAYLOAD_BYTES = 1024 * 1024;

/** Whether a selection asks for `body` (through fragments too). */
function selectsBody(set: SelectionSetNode | undefined, info: GraphQLResolveInfo): boolean {
  if (!set) return false;
  return set.selections.some((sel) => {
    if (sel.kind === Kind.FIELD)
      return sel.name.value === "body" || selectsBody(sel.selectionSet, info);
    if (sel.kind === Kind.INLINE_FRAGMENT) return selectsBody(sel.selectionSet, info);
    return selectsBody(info.fragments[sel.name.value]?.selectionSet, info);
  });
}

function decodeIndex(cursor: string): number {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as {
      last_value?: unknown;
    };
    if (typeof parsed.last_value === "number") return parsed.last_value;
  } catch {
    // fall through
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.");
}

function themeFiles(
  theme: StandinTheme,
  args: Record<string, unknown>,
  info: GraphQLResolveInfo,
): View {
  const wanted = args.filenames as string[] | null | undefined;
  if (wanted && wanted.length > MAX_THEME_FILENAMES)
    throw new GraphQLError(
      `The filenames argument accepts at most ${MAX_THEME_FILENAMES} filenames (got ${wanted.length}).`,
    );
  const first = typeof args.first === "number" ? args.first : DEFAULT_THEME_FILES_PAGE;
  if (first < 0 || first > MAX_THEME_FILES_PAGE)
    throw new GraphQLError(
      `The first argument must be between 0 and ${MAX_THEME_FILES_PAGE} (got ${first}).`,
    );
  const patterns = wanted?.map(globToRegExp);
  const files = theme.files
    .map((file, index) => ({ file, index }))
    .filter(({ file }) => !patterns || patterns.some((p) => p.test(file.filename)));
  const after = typeof args.after === "string" ? decodeIndex(args.after) : -1;
  const rest = files.filter((f) => f.index > after);
  const withBodies = info.fieldNodes.some((n) => selectsBody(n.selectionSet, info));
  const page: typeof rest = [];
  let bytes = 0;
  for (const f of rest) {
    if (page.length >= first) break;
    const size = withBodies ? Buffer.byteLength(f.file.body) : 0;
    if (page.length > 0 && bytes + size > THEME_FILES_PAYLOAD_BYTES) break;
    page.push(f);
    bytes += size;
  }
  const missing = (wanted ?? []).filter(
    (name) => !name.includes("*") && !theme.files.some((f) => f.filename === name),
  );
  const cursors = page.map((f) => encodeCursor(f.index + 1, f.index));
  const nodes = page.map((f) => fileView(f.file, theme));
  return {
    nodes,
    edges: nodes.map((node, i) => ({ cursor: cursors[i], node })),
    pageInfo: {
      hasNextPage: page.length < rest.length,
      hasPreviousPage: after >= 0,
      startCursor: cursors[0] ?? null,
      endCursor: cursors.at(-1) ?? null,
    },
    userErrors: missing.map((filename) => ({ code: "NOT_FOUND", filename })),
  };
}

export function themeView(theme: StandinTheme): View {
  return {
    __typename: "OnlineStoreTheme",
    id: theme.id,
    name: theme.name,
    role: theme.role,
    themeStoreId: theme.themeStoreId,
    processing: false,
    processingFailed: false,
    prefix: `/t/${legacyId(theme.id)}`,
    createdAt: theme.createdAt,
    updatedAt: theme.updatedAt,
    files: (args: Record<string, unknown>, _ctx: AdminContext, info: GraphQLResolveInfo) =>
      themeFiles(theme, args, info),
  };
}

function scriptTagView(tag: StandinScriptTag): View {
  return {
    __typename: "ScriptTag",
    id: tag.id,
    legacyResourceId: String(legacyId(tag.id)),
    src: tag.src,
    displayScope: tag.displayScope,
    cache: false,
    createdAt: tag.createdAt,
    updatedAt: tag.createdAt,
  };
}

export const themeRoot: Record<string, FieldFn<AdminContext>> = {
  themes: (args, ctx, info) => {
    requireScope(ctx, info, "read_themes");
    const roles = args.roles as string[] | null | undefined;
    const names = args.names as string[] | null | undefined;
    const themes = ctx.store.themes.filter(
      (t) => (!roles || roles.includes(t.role)) && (!names || names.includes(t.name)),
    );
    return connection(
      themes,
      { id: (t) => legacyId(t.id), node: themeView },
      args as PageArgs,
      ctx,
      info,
    );
  },
  theme: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_themes");
    const theme = ctx.store.themes.find((t) => t.id === id);
    return theme ? themeView(theme) : null;
  },
  scriptTags: (args, ctx, info) => {
    requireScope(ctx, info, "read_script_tags");
    const bySrc = ctx.store.scriptTags.filter(
      (t) => typeof args.src !== "string" || t.src === args.src,
    );
    const tags = search(
      bySrc,
      args.query,
      {
        fields: {
          src: { type: "string", get: (t) => t.src },
          created_at: { type: "date", get: (t) => t.createdAt },
        },
        text: (t) => [t.src],
      },
      ctx,
      info,
    );
    return connection(
      tags,
      { id: (t) => legacyId(t.id), node: scriptTagView },
      args as PageArgs,
      ctx,
      info,
    );
  },
  scriptTag: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_script_tags");
    const tag = ctx.store.scriptTags.find((t) => t.id === id);
    return tag ? scriptTagView(tag) : null;
  },
};
