/**
 * The subresources a storefront page's HTML references, found by a small tag scanner (no DOM):
 * `<script src>`, `<link rel=stylesheet|preload|modulepreload|icon>` and `<img src>`. Comments
 * and the contents of `<script>`, `<style>`, `<template>` and `<noscript>` are skipped, so code
 * that builds tags in strings is not mistaken for markup.
 *
 * Render-blocking, as browsers treat it: in `<head>`, a classic `<script src>` without `async`
 * or `defer`, or a stylesheet whose `media` applies to screens (absent, `all`, `screen`).
 */
import type { PageResource, ResourceType } from "./types";

export interface ScannedTag {
  name: string;
  attrs: Map<string, string>;
  /** Offset of `<` in the HTML. */
  index: number;
  inHead: boolean;
}

const RAW_TEXT = new Set(["script", "style", "template", "noscript", "textarea"]);
const ATTR = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttrs(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of text.matchAll(ATTR)) {
    const name = (m[1] ?? "").toLowerCase();
    if (!attrs.has(name)) attrs.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ""));
  }
  return attrs;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, "&")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCharCode(parseInt(n, 16)));
}

/** Every start tag, in document order, with whether it is inside <head>. */
export function scanTags(html: string): ScannedTag[] {
  const tags: ScannedTag[] = [];
  let inHead = false;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt < 0) break;
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    const m = /^<(\/?)([a-zA-Z][\w:-]*)/.exec(html.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    const gt = findTagEnd(html, lt);
    const closing = m[1] === "/";
    const name = (m[2] ?? "").toLowerCase();
    if (closing) {
      if (name === "head") inHead = false;
      i = gt + 1;
      continue;
    }
    if (name === "head") inHead = true;
    if (name === "body") inHead = false;
    tags.push({ name, attrs: parseAttrs(html.slice(lt + 1 + name.length, gt)), index: lt, inHead });
    i = gt + 1;
    if (RAW_TEXT.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      i = close < 0 ? html.length : close;
    }
  }
  return tags;
}

function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let j = from + 1; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return j;
  }
  return html.length;
}

function resolve(url: string, base: string): string | null {
  const trimmed = url.trim();
  if (trimmed === "" || /^(data|javascript|blob|about):/i.test(trimmed)) return null;
  try {
    const resolved = new URL(trimmed, base);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : null;
  } catch {
    return null;
  }
}

function mediaApplies(media: string | undefined): boolean {
  if (media === undefined) return true;
  const m = media.trim().toLowerCase();
  return m === "" || m === "all" || m === "screen" || m.startsWith("screen ");
}

const PRELOAD_TYPES: Record<string, ResourceType> = {
  script: "script",
  style: "stylesheet",
  image: "image",
  font: "font",
};

/** The page's subresources, each URL once (the first reference decides head/blocking). */
export function pageResources(html: string, pageUrl: string): PageResource[] {
  const found = new Map<string, PageResource>();
  const add = (raw: string | undefined, type: ResourceType, inHead: boolean, blocking: boolean) => {
    const url = raw === undefined ? null : resolve(raw, pageUrl);
    if (url === null) return;
    const seen = found.get(url);
    if (seen) {
      if (blocking && !seen.renderBlocking) seen.renderBlocking = true;
      return;
    }
    found.set(url, { url, type, inHead, renderBlocking: blocking });
  };
  for (const tag of scanTags(html)) {
    const a = tag.attrs;
    if (tag.name === "script" && a.has("src")) {
      const type = (a.get("type") ?? "").toLowerCase();
      if (type !== "" && type !== "module" && !/javascript|ecmascript/.test(type)) continue;
      const blocking = tag.inHead && !a.has("async") && !a.has("defer") && type !== "module";
      add(a.get("src"), "script", tag.inHead, blocking);
    } else if (tag.name === "link" && a.has("href")) {
      const rel = (a.get("rel") ?? "").toLowerCase().split(/\s+/);
      if (rel.includes("stylesheet")) {
        const blocking = tag.inHead && mediaApplies(a.get("media")) && !a.has("disabled");
        add(a.get("href"), "stylesheet", tag.inHead, blocking);
      } else if (rel.includes("preload") || rel.includes("modulepreload")) {
        const as = rel.includes("modulepreload") ? "script" : (a.get("as") ?? "").toLowerCase();
        add(a.get("href"), PRELOAD_TYPES[as] ?? "other", tag.inHead, false);
      } else if (rel.includes("icon")) {
        add(a.get("href"), "image", tag.inHead, false);
      }
    } else if (tag.name === "img") {
      add(a.get("src"), "image", tag.inHead, false);
    }
  }
  return [...found.values()];
}

/** Same-site links (`/collections/x`, `/products/y`) in document order, for discovering pages. */
export function pageLinks(html: string, pageUrl: string): string[] {
  const links: string[] = [];
  const origin = new URL(pageUrl).origin;
  for (const tag of scanTags(html)) {
    if (tag.name !== "a") continue;
    const url = resolve(tag.attrs.get("href") ?? "", pageUrl);
    if (url !== null && new URL(url).origin === origin && !links.includes(url)) links.push(url);
  }
  return links;
}
