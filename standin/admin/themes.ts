/** Online Store themes with their files, and the app's script tags. */
import { createHash } from "node:crypto";
import type { GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
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

/** Shopify accepts `*` wildcards in `filenames` (e.g. `templates/*.json`). */
function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`);
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
    files: (args: Record<string, unknown>, ctx: AdminContext, info: GraphQLResolveInfo) => {
      const wanted = args.filenames as string[] | null | undefined;
      const patterns = wanted?.map(globToRegExp);
      const files = patterns
        ? theme.files.filter((f) => patterns.some((p) => p.test(f.filename)))
        : theme.files;
      const missing = (wanted ?? []).filter(
        (name) => !name.includes("*") && !theme.files.some((f) => f.filename === name),
      );
      const page = connection(
        files,
        { id: (f) => theme.files.indexOf(f) + 1, node: (f) => fileView(f, theme) },
        args as PageArgs,
        ctx,
        info,
      );
      return { ...page, userErrors: missing.map((filename) => ({ code: "NOT_FOUND", filename })) };
    },
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
