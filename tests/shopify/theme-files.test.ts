/**
 * Reading the published theme's code through `OnlineStoreTheme.files` on the stand-in: the
 * documented limits (at most 50 `filenames`, `first` default 50 and at most 2500, short pages
 * "to stay within the payload size limit"), wildcards, and the app's reader that pages through
 * them within its own budget of files and bytes and reports what it read and what it cost.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CollectContext } from "~/shopify/collect/context";
import {
  DEFAULT_THEME_READ_LIMITS,
  THEME_CODE_PATTERNS,
  readThemeForAudit,
} from "~/shopify/collect/theme-files.server";
import type { StandinThemeFile } from "../../standin/store/types";
import { makeStore } from "../standin/fixtures";
import { startShop, type ShopHarness } from "./helpers";

let h: ShopHarness;

/** 130 snippets of 30 KB: 3.9 MB of bodies; 50 of them are more than one payload-limited page. */
const SNIPPETS: StandinThemeFile[] = Array.from({ length: 130 }, (_, i) => ({
  filename: `snippets/s${String(i).padStart(3, "0")}.liquid`,
  body: `<div>${"x".repeat(30 * 1024 - 12)}</div>\n`,
}));
const OTHER: StandinThemeFile[] = [
  { filename: "config/settings_data.json", body: '{"current":{"blocks":{}}}' },
  { filename: "config/settings_schema.json", body: "[]" },
  {
    filename: "layout/theme.liquid",
    body: "<html>{{ content_for_header }}{{ content_for_layout }}</html>",
  },
  { filename: "templates/product.json", body: '{"sections":{},"order":[]}' },
  { filename: "templates/customers/login.json", body: '{"sections":{},"order":[]}' },
  { filename: "templates/gift_card.liquid", body: "{% layout none %}<h1>Gift card</h1>" },
  { filename: "sections/header-group.json", body: '{"type":"header","sections":{},"order":[]}' },
  { filename: "sections/header.liquid", body: "<header></header>" },
  { filename: "blocks/slide.liquid", body: "<div></div>" },
  { filename: "locales/en.default.json", body: "{}" },
  { filename: "assets/global.js", body: "/* js */".repeat(5000) },
  { filename: "snippets/huge.liquid", body: "<div>".padEnd(1_200_000, "y") },
];

beforeAll(async () => {
  const store = makeStore();
  const theme = store.themes[0];
  if (!theme) throw new Error("fixture without a theme");
  theme.files = [...OTHER, ...SNIPPETS];
  h = await startShop(store);
}, 60_000);
afterAll(() => h?.close());

async function files(
  args: string,
  withBody = true,
): Promise<{
  data?: {
    theme: {
      files: {
        nodes: { filename: string }[];
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
      };
    };
  };
  errors?: { message: string }[];
}> {
  const response = await fetch(`https://${h.shop}/admin/api/2026-10/graphql.json`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": h.token },
    body: JSON.stringify({
      query: `{ theme(id: "gid://shopify/OnlineStoreTheme/31") { files(${args}) { nodes { filename ${withBody ? "body { __typename }" : ""} } pageInfo { hasNextPage endCursor } } } }`,
    }),
  });
  return (await response.json()) as never;
}

describe("OnlineStoreTheme.files on the stand-in", () => {
  it("matches * wildcards (also across /), and defaults to 50 files a page", async () => {
    const r = await files(`filenames: ["templates/*"]`);
    expect(r.data?.theme.files.nodes.map((n) => n.filename)).toEqual([
      "templates/product.json",
      "templates/customers/login.json",
      "templates/gift_card.liquid",
    ]);
    // Within the single-query cost ceiling (1000), a page without bodies can hold 900 files.
    const all = await files(`filenames: ["snippets/*.liquid"], first: 900`, false);
    expect(all.errors).toBeUndefined();
    expect(all.data?.theme.files.nodes).toHaveLength(131);
    const defaulted = await files(`filenames: ["config/*", "layout/*"]`);
    expect(defaulted.data?.theme.files.nodes).toHaveLength(3);
  });

  it("ends a page early to stay within the payload size, and says there is more", async () => {
    const r = await files(`filenames: ["snippets/s*"], first: 100`);
    const page = r.data?.theme.files;
    expect(page?.nodes.length).toBeLessThan(100);
    expect(page?.nodes.length).toBeGreaterThan(0);
    expect(page?.pageInfo.hasNextPage).toBe(true);
  });

  it("refuses more than 50 filenames", async () => {
    const names = JSON.stringify(Array.from({ length: 51 }, (_, i) => `snippets/s${i}.liquid`));
    expect((await files(`filenames: ${names}`)).errors?.[0]?.message).toMatch(/at most 50/);
  });
});

describe("readThemeForAudit", () => {
  it("reads every code file the patterns name, pages through short pages, and skips what is over a limit", async () => {
    const client = h.client();
    const ctx = new CollectContext(client, undefined);
    const theme = await readThemeForAudit(ctx);
    expect(THEME_CODE_PATTERNS.length).toBeLessThanOrEqual(50);
    const names = theme?.files.map((f) => f.filename).sort();
    const expected = [...OTHER, ...SNIPPETS]
      .map((f) => f.filename)
      .filter(
        (n) =>
          !n.startsWith("assets/") &&
          !n.startsWith("locales/") &&
          n !== "config/settings_schema.json" &&
          n !== "snippets/huge.liquid",
      )
      .sort();
    expect(names).toEqual(expected);
    expect(theme?.assets).toEqual([{ filename: "assets/global.js", size: 40_000 }]);
    expect(theme?.summary.skipped).toEqual([
      {
        filename: "snippets/huge.liquid",
        reason: "1172 KB, over the 1024 KB a file is read up to",
      },
    ]);
    expect(theme?.summary.bytes).toBe(
      theme?.files.reduce((n, f) => n + Buffer.byteLength(f.body), 0),
    );
    // Recomputed from the client's own counters: every request of the theme, and its cost.
    expect(theme?.summary.requests).toBe(client.stats.requests);
    expect(theme?.summary.cost).toBe(client.stats.points);
    // 1 list request; bodies: 138 files in 3 batches of ≤ 50 names, the snippet batches split
    // by the payload limit (≈ 1 MiB of bodies a page).
    expect(theme?.summary.requests).toBeGreaterThanOrEqual(1 + 3 + 2);
    expect(ctx.gaps.map((g) => g.message)).toEqual([
      "1 theme file was not read: snippets/huge.liquid (1172 KB, over the 1024 KB a file is read up to)",
    ]);
  });

  it("stops at the byte budget, reading what matters most first", async () => {
    const ctx = new CollectContext(h.client(), undefined);
    const theme = await readThemeForAudit(ctx, {
      ...DEFAULT_THEME_READ_LIMITS,
      maxBytes: 500 * 1024,
    });
    const read = theme?.files.map((f) => f.filename) ?? [];
    for (const first of [
      "config/settings_data.json",
      "layout/theme.liquid",
      "sections/header-group.json",
      "templates/product.json",
    ])
      expect(read).toContain(first);
    expect(theme?.summary.bytes).toBeLessThanOrEqual(500 * 1024);
    expect(
      theme?.summary.skipped.filter((s) => s.reason.includes("MB read per theme")).length,
    ).toBeGreaterThan(100);
  });
});
