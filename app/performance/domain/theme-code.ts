/**
 * What a theme's own files load and where: every external script, stylesheet, image and
 * connection hint written into the theme's code, each with file and line; the app blocks and
 * app embeds the theme holds; and which storefront templates render each file, so code in a
 * snippet is attributed to the pages that render it.
 *
 * Liquid is parsed with Shopify's own parser (`@shopify/liquid-html-parser`, what theme-check and
 * the Liquid prettier plugin use): `<script src>`, `<link href>`, `<img src>`, `<iframe src>`,
 * Liquid outputs such as `{{ 'https://…' | script_tag }}`, and the tags that pull other files in
 * (`{% render %}`, `{% include %}`, `{% section %}`, `{% sections %}`, `{% content_for 'block' %}`,
 * `{% layout %}`). `{% schema %}` blocks are read as JSON for the section's name and its
 * presets. JSON files (templates, section groups, settings_data.json) are parsed as JSON after
 * Shopify's comment header is blanked out, so `\/` escapes are undone before any URL is looked
 * for; string settings that hold markup (Custom Liquid, Custom HTML) are parsed as Liquid in turn.
 *
 * Inline `<script>` bodies are JavaScript, not markup: there absolute URLs in string literals
 * (an app's loader snippet) are taken as references too. A Liquid file whose HTML does not
 * balance (Shopify accepts that) is re-read with the Liquid-only parser and its markup text
 * scanned with the audit's HTML tag scanner, and the file is named in `problems`.
 *
 * Pure: no I/O.
 */
import {
  NodeTypes,
  toLiquidAST,
  toLiquidHtmlAST,
  walk,
  type DocumentNode,
  type LiquidHtmlNode,
} from "@shopify/liquid-html-parser";
import { toJSONAST, type JSONNode } from "@shopify/theme-check-common";
import { scanTags } from "./html";
import type { PageType } from "./types";

export interface ThemeFile {
  filename: string;
  body: string;
}

export type ThemeRefKind = "script" | "stylesheet" | "image" | "preload" | "connection" | "frame";

/** An absolute URL written into theme code. */
export interface ThemeUrlRef {
  file: string;
  /** 1-based. */
  line: number;
  /** Absolute `https:` URL with Liquid outputs left out (`…/sdk.js?shop=`). */
  url: string;
  kind: ThemeRefKind;
  /** `markup` = an HTML tag; `liquid` = a Liquid filter such as script_tag; `inline-script` = a string in inline JavaScript. */
  via: "markup" | "liquid" | "inline-script";
  /** For code inside a JSON setting: `sections.<id>.settings.<setting>` (the Custom Liquid field). */
  setting: string | null;
}

/** An app block (templates, section groups) or app embed (settings_data.json). */
export interface ThemeAppRef {
  kind: "embed" | "block";
  handle: string;
  block: string;
  file: string;
  /** 1-based line of the block's `type`. */
  line: number;
  enabled: boolean;
}

/** A `{% render %}`-like edge: `from` pulls in `to` (a theme file path). */
export interface ThemeEdge {
  from: string;
  to: string;
  line: number;
  tag: string;
}

export interface ThemeCode {
  urls: ThemeUrlRef[];
  apps: ThemeAppRef[];
  edges: ThemeEdge[];
  /** Per file, the templates that render it (`product`, `customers/account`, …); absent = none. */
  renderedBy: Map<string, Set<string>>;
  /** Section file → its schema name (`Custom Liquid`), where the schema names one plainly. */
  sectionNames: Map<string, string>;
  /** Files read only in part, and why. */
  problems: { file: string; message: string }[];
}

/** Templates every page type of the crawl is rendered from (`product.alternate` counts as product). */
const TEMPLATE_PAGE: Record<string, PageType> = {
  index: "home",
  collection: "collection",
  product: "product",
  cart: "cart",
  search: "search",
};

/** The crawled page type a template renders, or null for the other templates. */
export function pageTypeOfTemplate(template: string): PageType | null {
  return TEMPLATE_PAGE[template.split(".")[0] ?? ""] ?? null;
}

/** Shopify's comment header on JSON files, blanked with spaces and newlines kept (offsets stay). */
export function blankCommentHeader(text: string): string {
  const m = /^\s*\/\*[\s\S]*?\*\//.exec(text);
  return m ? m[0].replace(/[^\n]/g, " ") + text.slice(m[0].length) : text;
}

/** Theme JSON parsed after its comment header is stripped; null when it is not JSON. */
export function parseThemeJson(text: string): unknown {
  try {
    return JSON.parse(blankCommentHeader(text));
  } catch {
    return null;
  }
}

const APP_TYPE = /^shopify:\/\/apps\/([^/]+)\/blocks\/([^/]+)\//;

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return starts;
}

function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

function absolute(raw: string): string | null {
  const url = raw.trim();
  const m =
    /^(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[/?#:]|$)/i.exec(url);
  if (!m) return null;
  return url.startsWith("//") ? `https:${url}` : url.replace(/^http:/i, "https:");
}

const LINK_KINDS: Record<string, ThemeRefKind> = {
  stylesheet: "stylesheet",
  preload: "preload",
  modulepreload: "preload",
  preconnect: "connection",
  "dns-prefetch": "connection",
  icon: "image",
};

type Node = LiquidHtmlNode & Record<string, unknown>;
type AttrValue = { type: string; value?: unknown; markup?: unknown };

/** The text of an attribute whose value starts with literal text; Liquid outputs are left out. */
function attrText(values: AttrValue[]): { text: string; liquid: AttrValue | null } {
  const first = values[0];
  if (values.length === 1 && first && first.type === NodeTypes.LiquidVariableOutput)
    return { text: "", liquid: first };
  let text = "";
  for (const v of values) if (v.type === NodeTypes.TextNode) text += String(v.value ?? "");
  return { text, liquid: null };
}

interface Markup {
  expression?: { type: string; value?: unknown };
  filters?: { name: string }[];
}

/** `{{ 'https://…' | script_tag }}` and friends: the string and the filters applied to it. */
function liquidString(output: AttrValue): { value: string; filters: string[] } | null {
  const markup = output.markup as Markup | string | undefined;
  if (!markup || typeof markup === "string") return null;
  const expr = markup.expression;
  if (!expr || expr.type !== NodeTypes.String || typeof expr.value !== "string") return null;
  return { value: expr.value, filters: (markup.filters ?? []).map((f) => f.name) };
}

const STRING_URL = /["'`]((?:https?:)?\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+[^"'`\s\\]*)["'`]/gi;

interface Sink {
  url(ref: Omit<ThemeUrlRef, "file" | "setting">): void;
  edge(to: string, line: number, tag: string): void;
  schema(json: string, line: number): void;
}

function attrsOf(node: Node): Map<string, AttrValue[]> {
  const out = new Map<string, AttrValue[]>();
  for (const attr of (node.attributes as Node[] | undefined) ?? []) {
    const nameParts = attr.name as { type: string; value?: string }[] | undefined;
    if (!Array.isArray(nameParts) || nameParts.some((p) => p.type !== NodeTypes.TextNode)) continue;
    const name = nameParts
      .map((p) => p.value ?? "")
      .join("")
      .toLowerCase();
    if (!out.has(name)) out.set(name, (attr.value as AttrValue[] | undefined) ?? []);
  }
  return out;
}

function tagRef(name: string, attrs: Map<string, AttrValue[]>, line: number, sink: Sink): void {
  const text = (key: string) => attrText(attrs.get(key) ?? []);
  let key: string | null = null;
  let kind: ThemeRefKind = "script";
  if (name === "script") key = "src";
  else if (name === "img") [key, kind] = ["src", "image"];
  else if (name === "iframe") [key, kind] = ["src", "frame"];
  else if (name === "link") {
    const rel = text("rel").text.toLowerCase().split(/\s+/);
    const found = rel.map((r) => LINK_KINDS[r]).find((k) => k !== undefined);
    if (found) [key, kind] = ["href", found];
  }
  if (key === null || !attrs.has(key)) return;
  const { text: raw, liquid } = text(key);
  if (liquid) {
    const s = liquidString(liquid);
    // `{{ 'https://…' }}` written as a string output; `asset_url` and friends are the theme's own.
    const url = s && s.filters.length === 0 ? absolute(s.value) : null;
    if (url) sink.url({ line, url, kind, via: "liquid" });
    return;
  }
  const url = absolute(raw);
  if (url) sink.url({ line, url, kind, via: "markup" });
}

function inlineScript(body: string, offset: number, starts: number[], sink: Sink): void {
  for (const m of body.matchAll(STRING_URL)) {
    const url = absolute(m[1] ?? "");
    if (url)
      sink.url({
        line: lineAt(starts, offset + (m.index ?? 0)),
        url,
        kind: "script",
        via: "inline-script",
      });
  }
}

function stringArg(markup: unknown): string | null {
  const m = markup as { type?: string; value?: unknown } | null;
  return m && m.type === NodeTypes.String && typeof m.value === "string" ? m.value : null;
}

function visitLiquid(ast: DocumentNode, source: string, sink: Sink): void {
  const starts = lineStarts(source);
  walk(ast, (raw) => {
    const node = raw as Node;
    const pos = (node.position as { start: number; end: number } | undefined) ?? {
      start: 0,
      end: 0,
    };
    const line = lineAt(starts, pos.start);
    switch (node.type) {
      case NodeTypes.HtmlRawNode:
      case NodeTypes.HtmlVoidElement:
      case NodeTypes.HtmlSelfClosingElement:
      case NodeTypes.HtmlElement: {
        const name = typeof node.name === "string" ? node.name.toLowerCase() : "";
        const attrs = attrsOf(node);
        tagRef(name, attrs, line, sink);
        if (name === "script" && !attrs.has("src")) {
          const body = node.body as { value?: string; position?: { start: number } } | undefined;
          if (body?.value)
            inlineScript(body.value, body.position?.start ?? pos.start, starts, sink);
        }
        break;
      }
      case NodeTypes.LiquidVariableOutput: {
        const s = liquidString(node as unknown as AttrValue);
        if (!s) break;
        const kind = s.filters.includes("script_tag")
          ? "script"
          : s.filters.includes("stylesheet_tag")
            ? "stylesheet"
            : null;
        const url = kind && s.filters[0] !== "asset_url" ? absolute(s.value) : null;
        if (kind && url) sink.url({ line, url, kind, via: "liquid" });
        break;
      }
      case NodeTypes.LiquidTag: {
        const name = String(node.name);
        const markup = node.markup as Record<string, unknown> | string;
        if (typeof markup === "string") break;
        if (name === "render" || name === "include") {
          const snippet = stringArg(markup.snippet);
          if (snippet) sink.edge(`snippets/${snippet}.liquid`, line, name);
        } else if (name === "section") {
          const section = stringArg(markup.name);
          if (section) sink.edge(`sections/${section}.liquid`, line, name);
        } else if (name === "sections") {
          const group = stringArg(markup);
          if (group) sink.edge(`sections/${group}.json`, line, name);
        } else if (name === "layout") {
          const layout = stringArg(markup);
          sink.edge(layout ? `layout/${layout}.liquid` : "layout:none", line, name);
        } else if (name === "content_for") {
          const args = (markup.args as { name: string; value: unknown }[] | undefined) ?? [];
          const type = stringArg(args.find((a) => a.name === "type")?.value);
          if (stringArg(markup.contentForType) === "block" && type)
            sink.edge(`blocks/${type}.liquid`, line, name);
        }
        break;
      }
      case NodeTypes.LiquidRawTag: {
        const body = node.body as { value?: string; position?: { start: number } } | undefined;
        if (node.name === "schema" && body?.value !== undefined)
          sink.schema(body.value, lineAt(starts, body.position?.start ?? pos.start));
        else if (node.name === "javascript" && body?.value)
          inlineScript(body.value, body.position?.start ?? pos.start, starts, sink);
        break;
      }
      default:
        break;
    }
  });
}

/**
 * Parses Liquid (a file, or a Custom Liquid setting) into the sink. Returns a problem sentence
 * when the HTML does not balance and the fallback reading was used, null otherwise.
 */
function readLiquid(source: string, sink: Sink): string | null {
  try {
    visitLiquid(
      toLiquidHtmlAST(source, { mode: "tolerant", allowUnclosedDocumentNode: false }),
      source,
      sink,
    );
    return null;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    try {
      const ast = toLiquidAST(source, { mode: "tolerant", allowUnclosedDocumentNode: true });
      visitLiquid(ast, source, sink);
      // Markup between Liquid tags is text in this reading: find its tags with the tag scanner.
      const starts = lineStarts(source);
      walk(ast, (node) => {
        if (node.type !== NodeTypes.TextNode) return;
        for (const tag of scanTags(node.value))
          tagRef(
            tag.name,
            new Map([...tag.attrs].map(([k, v]) => [k, [{ type: NodeTypes.TextNode, value: v }]])),
            lineAt(starts, node.position.start + tag.index),
            sink,
          );
      });
      return `its HTML does not balance (${reason}); its tags were read without the HTML parser`;
    } catch (inner) {
      const why = inner instanceof Error ? inner.message.split("\n")[0] : String(inner);
      return `it is not valid Liquid (${why}); its code was not checked`;
    }
  }
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Offsets of the JSON AST's string literals and keys, by JSON path (`sections.x.type`). */
function jsonOffsets(text: string): Map<string, number> | null {
  const ast = toJSONAST(text);
  if (ast instanceof Error) return null;
  const out = new Map<string, number>();
  const visit = (node: JSONNode, path: string) => {
    if (node.type === "Object")
      for (const p of node.children) {
        const key = path ? `${path}.${p.key.value}` : p.key.value;
        out.set(key, p.value.loc.start.offset);
        visit(p.value, key);
      }
    else if (node.type === "Array")
      node.children.forEach((c, i) => {
        out.set(`${path}.${i}`, c.loc.start.offset);
        visit(c, `${path}.${i}`);
      });
  };
  visit(ast, "");
  return out;
}

const LOOKS_LIKE_CODE = /<(?:script|link|img|iframe)\b|\{%-?\s*(?:render|include|section)\b|\{\{/i;

/** Section and block entries of a JSON template or section group, nested blocks included. */
function* jsonBlocks(
  container: Json,
  path: string,
  enabled: boolean,
): Generator<{ node: Json; path: string; enabled: boolean; level: "section" | "block" }> {
  for (const [id, block] of Object.entries(isObject(container.blocks) ? container.blocks : {})) {
    if (!isObject(block)) continue;
    const p = `${path}.blocks.${id}`;
    const on = enabled && block.disabled !== true;
    yield { node: block, path: p, enabled: on, level: "block" };
    yield* jsonBlocks(block, p, on);
  }
}

/** What readThemeCode gathers while it reads: the result, and each template's layout. */
interface Reading {
  code: ThemeCode;
  /** Template or layout file → the layout it names (null: none); absent = theme.liquid. */
  layoutOf: Map<string, string | null>;
}

/** The sink for code in `file` (in a JSON `setting` at `baseLine`, or the file itself). */
function sinkFor(
  reading: Reading,
  file: string,
  setting: string | null,
  baseLine: number | null,
): Sink {
  const { code, layoutOf } = reading;
  return {
    url: (ref) => code.urls.push({ ...ref, file, setting, line: baseLine ?? ref.line }),
    edge: (to, line, tag) => {
      if (tag === "layout") layoutOf.set(file, to === "layout:none" ? null : to);
      else code.edges.push({ from: file, to, line: baseLine ?? line, tag });
    },
    schema: (json, line) => {
      let schema: unknown;
      try {
        schema = JSON.parse(json);
      } catch {
        code.problems.push({ file, message: `its {% schema %} (line ${line}) is not valid JSON` });
        return;
      }
      if (isObject(schema) && typeof schema.name === "string" && !schema.name.startsWith("t:"))
        code.sectionNames.set(file, schema.name);
    },
  };
}

/** A JSON theme file being read: where its findings go, and the line of a JSON path in it. */
interface JsonFile {
  reading: Reading;
  file: string;
  lineOf: (path: string) => number;
}

/** Notes the app block or embed at `path`, when its type is an app's. */
function jsonApp(
  json: JsonFile,
  kind: "embed" | "block",
  node: Json,
  path: string,
  enabled: boolean,
): void {
  const m = typeof node.type === "string" ? APP_TYPE.exec(node.type) : null;
  if (m)
    json.reading.code.apps.push({
      kind,
      handle: m[1] ?? "",
      block: m[2] ?? "",
      file: json.file,
      line: json.lineOf(`${path}.type`),
      enabled,
    });
}

/** Reads the string settings of the node at `path` that hold markup (Custom Liquid) as Liquid. */
function jsonSettingsCode(json: JsonFile, node: Json, path: string): void {
  const { reading, file } = json;
  for (const [key, value] of Object.entries(isObject(node.settings) ? node.settings : {})) {
    if (typeof value !== "string" || !LOOKS_LIKE_CODE.test(value)) continue;
    const p = `${path}.settings.${key}`;
    const problem = readLiquid(value, sinkFor(reading, file, p, json.lineOf(p)));
    if (problem) reading.code.problems.push({ file, message: `setting ${p}: ${problem}` });
  }
}

/** config/settings_data.json: the app embeds. */
function readSettingsData(json: JsonFile, data: unknown): void {
  const current = isObject(data) && isObject(data.current) ? data.current : {};
  for (const [id, block] of Object.entries(isObject(current.blocks) ? current.blocks : {}))
    if (isObject(block))
      jsonApp(json, "embed", block, `current.blocks.${id}`, block.disabled !== true);
}

/** One section of a JSON template or section group: its app blocks, code settings and files. */
function readJsonSection(json: JsonFile, id: string, section: Json): void {
  const { code } = json.reading;
  const path = `sections.${id}`;
  const on = section.disabled !== true;
  jsonApp(json, "block", section, path, on);
  if (typeof section.type === "string" && !section.type.startsWith("shopify://"))
    code.edges.push({
      from: json.file,
      to: `sections/${section.type}.liquid`,
      line: json.lineOf(`${path}.type`),
      tag: "json-section",
    });
  jsonSettingsCode(json, section, path);
  for (const b of jsonBlocks(section, path, on)) {
    jsonApp(json, "block", b.node, b.path, b.enabled);
    jsonSettingsCode(json, b.node, b.path);
    // Theme blocks (blocks/*.liquid) are named by their type; section-defined ones are not files.
    if (typeof b.node.type === "string" && /^[\w-]+$/.test(b.node.type))
      code.edges.push({
        from: json.file,
        to: `blocks/${b.node.type}.liquid`,
        line: json.lineOf(`${b.path}.type`),
        tag: "json-block",
      });
  }
}

/** A JSON template or section group: its layout and its sections. */
function readJsonTemplate(json: JsonFile, data: Json): void {
  if (typeof data.layout === "string" || data.layout === false || data.layout === null)
    json.reading.layoutOf.set(
      json.file,
      typeof data.layout === "string" ? `layout/${data.layout}.liquid` : null,
    );
  for (const [id, section] of Object.entries(isObject(data.sections) ? data.sections : {}))
    if (isObject(section)) readJsonSection(json, id, section);
}

/** A JSON theme file: settings_data.json's embeds, or a template's or section group's sections. */
function readJsonFile(reading: Reading, f: ThemeFile): void {
  const text = blankCommentHeader(f.body);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    reading.code.problems.push({
      file: f.filename,
      message: `it is not valid JSON (${(error as Error).message}); its app blocks and settings were not read`,
    });
    return;
  }
  const offsets = jsonOffsets(text) ?? new Map<string, number>();
  const starts = lineStarts(text);
  const json: JsonFile = {
    reading,
    file: f.filename,
    lineOf: (path) => lineAt(starts, offsets.get(path) ?? 0),
  };
  if (f.filename === "config/settings_data.json") readSettingsData(json, data);
  else if (/^(templates|sections)\//.test(f.filename) && isObject(data))
    readJsonTemplate(json, data);
}

export function readThemeCode(files: ThemeFile[]): ThemeCode {
  const reading: Reading = {
    code: {
      urls: [],
      apps: [],
      edges: [],
      renderedBy: new Map(),
      sectionNames: new Map(),
      problems: [],
    },
    layoutOf: new Map(),
  };
  const { code } = reading;
  for (const f of files) {
    if (f.filename.endsWith(".liquid")) {
      const problem = readLiquid(f.body, sinkFor(reading, f.filename, null, null));
      if (problem) code.problems.push({ file: f.filename, message: problem });
    } else if (f.filename.endsWith(".json")) readJsonFile(reading, f);
  }
  code.renderedBy = renderedBy(files, code.edges, reading.layoutOf);
  return code;
}

/**
 * For every file, the templates that render it: each template with its layout (theme.liquid
 * unless the template names another or none), the layout's section groups, and everything
 * pulled in from there. Edges to files the theme does not have are ignored here (theme-check
 * reports them as missing).
 */
function renderedBy(
  files: ThemeFile[],
  edges: ThemeEdge[],
  layoutOf: Map<string, string | null>,
): Map<string, Set<string>> {
  const exists = new Set(files.map((f) => f.filename));
  const out = new Map<string, Set<string>>();
  const next = new Map<string, string[]>();
  for (const e of edges) {
    if (!exists.has(e.to)) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  }
  for (const f of files) {
    const m = /^templates\/(.+)\.(json|liquid)$/.exec(f.filename);
    if (!m) continue;
    const template = m[1] ?? "";
    const layout = layoutOf.has(f.filename) ? layoutOf.get(f.filename) : "layout/theme.liquid";
    const seen = new Set<string>();
    const stack = [f.filename, ...(layout && exists.has(layout) ? [layout] : [])];
    while (stack.length > 0) {
      const file = stack.pop() as string;
      if (seen.has(file)) continue;
      seen.add(file);
      const set = out.get(file) ?? new Set<string>();
      set.add(template);
      out.set(file, set);
      stack.push(...(next.get(file) ?? []));
    }
  }
  return out;
}

/** The crawled page types a file's code loads on (by the templates that render it). */
export function pagesOfFile(code: ThemeCode, file: string): PageType[] {
  if (file === "config/settings_data.json")
    return ["home", "collection", "product", "cart", "search"];
  const pages = new Set<PageType>();
  for (const t of code.renderedBy.get(file) ?? []) {
    const page = pageTypeOfTemplate(t);
    if (page) pages.add(page);
  }
  return (["home", "collection", "product", "cart", "search"] as const).filter((p) => pages.has(p));
}

/** Templates other than the crawled page types that render a file (`page`, `customers/account`). */
export function otherTemplatesOfFile(code: ThemeCode, file: string): string[] {
  return [...(code.renderedBy.get(file) ?? [])]
    .filter((t) => pageTypeOfTemplate(t) === null)
    .sort();
}

/** How a file is reached: `snippets/x.liquid ← sections/main-product.liquid ← templates/product.json`. */
export function renderChain(code: ThemeCode, file: string): string[] {
  const chain = [file];
  const seen = new Set(chain);
  let current = file;
  for (;;) {
    const edge = code.edges.find((e) => e.to === current && !seen.has(e.from));
    if (!edge) return chain;
    chain.push(edge.from);
    seen.add(edge.from);
    current = edge.from;
  }
}
