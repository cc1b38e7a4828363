/**
 * Shopify's theme-check over theme files in memory (no disk, no network), and its offences as
 * performance findings linked to file and line.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { recommended } from "@shopify/theme-check-common";
import { describe, expect, it } from "vitest";
import { AppAttributor, DEFAULT_APP_HOSTS } from "~/performance/domain/app-hosts";
import { analysePage } from "~/performance/domain/analysis";
import { buildFootprint } from "~/performance/domain/footprint";
import { PERF_RULES, perfFindings } from "~/performance/domain/findings";
import { readThemeCode } from "~/performance/domain/theme-code";
import type { CrawledPage } from "~/performance/domain/types";
import {
  NOT_RUN,
  bundledThemeDocs,
  runThemeCheck,
  themeCheckChecks,
} from "~/performance/server/theme-check.server";
import { dawnShapedFiles } from "./dawn-shaped-theme";

const SHOP = "acme.myshopify.com";
const THEME = "gid://shopify/OnlineStoreTheme/9";

/** The Dawn-shaped fixture plus the problems theme-check should report. */
const files = [
  ...dawnShapedFiles().map((f) =>
    f.filename === "layout/theme.liquid"
      ? {
          ...f,
          body: f.body.replace(
            "    {{ content_for_header }}",
            [
              "    <script src=\"{{ 'carousel.js' | asset_url }}\"></script>",
              '    <link rel="stylesheet" href="https://cdn.fonts.example/inter.css">',
              "    {% include 'legacy-meta' %}",
              "    {{ content_for_header }}",
            ].join("\n"),
          ),
        }
      : f,
  ),
  {
    filename: "snippets/legacy-meta.liquid",
    body: '<meta name="x" content="{{ product.featured_image | img_url: \'600x\' }}">\n',
  },
  {
    filename: "sections/footer-links.liquid",
    body: '<div>\n  {% render \'removed-app-badge\' %}\n\n{% schema %}\n{ "name": "Links", "settings": [] }\n{% endschema %}\n',
  },
];
const assets = [
  { filename: "assets/constants.js", size: 900 },
  { filename: "assets/global.js", size: 42 * 1024 },
  { filename: "assets/base.css", size: 38 * 1024 },
  { filename: "assets/carousel.js", size: 180 * 1024 },
];
const line = (file: string, text: string) =>
  (files
    .find((f) => f.filename === file)
    ?.body.split("\n")
    .findIndex((l) => l.includes(text)) ?? -2) + 1;

describe("runThemeCheck", async () => {
  const result = await runThemeCheck(files, assets);
  if (result.status !== "ran") throw new Error(result.reason);
  const found = result.offences.map((o) => `${o.check} ${o.file}:${o.line}`);

  it("runs the recommended checks in memory, minus those that need files the audit does not read, plus asset sizes", () => {
    const codes = themeCheckChecks().map((c) => c.meta.code);
    const expected = recommended
      .map((c) => c.meta.code)
      .filter((c) => !(c in NOT_RUN))
      .concat("AssetSizeJavaScript", "AssetSizeCSS");
    expect(new Set(codes)).toEqual(new Set(expected));
    expect(result.checks).toEqual(codes);
    expect(result.errors).toEqual([]);
  });

  it("uses theme-check's bundled Liquid docs, offline", async () => {
    const dir = path.join(
      path.dirname(
        createRequire(import.meta.url).resolve("@shopify/theme-check-docs-updater/package.json"),
      ),
      "data",
    );
    const latest = JSON.parse(readFileSync(path.join(dir, "latest.json"), "utf8")) as {
      revision: string;
    };
    expect(result.docsRevision).toBe(latest.revision);
    expect((await bundledThemeDocs().filters()).some((f) => f.name === "img_url")).toBe(true);
    // DeprecatedFilter only knows img_url is deprecated from the docs.
    expect(found).toContain(`DeprecatedFilter snippets/legacy-meta.liquid:1`);
  });

  it("reports parser-blocking scripts, remote assets, asset sizes, missing snippets, deprecated tags and syntax errors with file and line", () => {
    const layout = "layout/theme.liquid";
    expect(found).toEqual(
      expect.arrayContaining([
        `ParserBlockingScript ${layout}:${line(layout, "carousel.js")}`,
        `AssetSizeJavaScript ${layout}:${line(layout, "carousel.js")}`,
        `RemoteAsset ${layout}:${line(layout, "inter.css")}`,
        `DeprecatedTag ${layout}:${line(layout, "include 'legacy-meta'")}`,
        `LiquidHTMLSyntaxError sections/footer-links.liquid:1`,
      ]),
    );
    // global.js (42 KB) is under the 100 KB the audit calls large.
    expect(found.filter((f) => f.startsWith("AssetSizeJavaScript"))).toHaveLength(1);
  });

  it("measures only the theme's own assets: remote files are not fetched for their size", async () => {
    const remote = await runThemeCheck(
      [
        {
          filename: "layout/theme.liquid",
          body: '<html><head>{{ content_for_header }}<script src="https://cdn.big.example/huge.js" defer></script></head><body>{{ content_for_layout }}</body></html>',
        },
      ],
      [],
    );
    if (remote.status !== "ran") throw new Error(remote.reason);
    expect(remote.offences.map((o) => o.check)).not.toContain("AssetSizeJavaScript");
  });

  it("reports a missing snippet when the file parses", async () => {
    const missing = await runThemeCheck(
      [
        {
          filename: "sections/footer-links.liquid",
          body: "<div>\n  {% render 'removed-app-badge' %}\n</div>\n",
        },
      ],
      [],
    );
    if (missing.status !== "ran") throw new Error(missing.reason);
    expect(missing.offences.map((o) => `${o.check}:${o.line}`)).toContain("MissingTemplate:2");
  });

  it("gives up after its time limit and says why, instead of failing", async () => {
    const slow = await runThemeCheck(files, assets, { timeoutMs: 1 });
    expect(slow).toMatchObject({ status: "failed", reason: expect.stringMatching(/longer than/) });
  });
});

describe("theme-check offences as findings", async () => {
  const attributor = new AppAttributor(DEFAULT_APP_HOSTS, [SHOP]);
  const result = await runThemeCheck(files, assets);
  if (result.status !== "ran") throw new Error(result.reason);
  const code = readThemeCode(files);
  const crawled: CrawledPage = {
    type: "home",
    url: `https://${SHOP}/`,
    status: 200,
    htmlBytes: 10_000,
    resources: [
      {
        url: "https://cdn.fonts.example/inter.css",
        type: "stylesheet",
        inHead: true,
        renderBlocking: true,
        status: 200,
        bytes: 3000,
      },
    ],
  };
  const footprint = buildFootprint(
    { themeFiles: files, themeCode: code, scriptTags: [], webPixels: [], pages: [crawled] },
    attributor,
  );
  const findings = perfFindings({
    shop: SHOP,
    themeId: THEME,
    pages: [analysePage(crawled, attributor)],
    footprint,
    themeCheck: result.offences,
    themeUrls: code.urls,
  });
  const byRule = (id: string) => findings.filter((f) => f.ruleId === id);

  it("gives each kind of problem its own rule, with file and line in the message", () => {
    const layout = "layout/theme.liquid";
    expect(byRule(PERF_RULES.themeParserBlocking.id).map((f) => f.details.line)).toEqual([
      line(layout, "carousel.js"),
    ]);
    expect(byRule(PERF_RULES.themeAssetSize.id)[0]?.message).toContain(
      `${layout} line ${line(layout, "carousel.js")}`,
    );
    expect(
      byRule(PERF_RULES.themeDeprecated.id)
        .map((f) => f.details.check)
        .sort(),
    ).toEqual(["DeprecatedFilter", "DeprecatedTag"]);
    expect(byRule(PERF_RULES.themeSyntaxError.id)[0]).toMatchObject({
      resource: { type: "theme", title: "sections/footer-links.liquid, line 1" },
      fixUrl: "https://admin.shopify.com/store/acme/themes/9",
    });
  });

  it("adds theme-check's line to the crawl's render-blocking finding instead of a second finding", () => {
    const blocking = byRule(PERF_RULES.renderBlocking.id);
    expect(blocking).toHaveLength(1);
    expect(blocking[0]?.message).toContain(
      `written in layout/theme.liquid line ${line("layout/theme.liquid", "inter.css")}`,
    );
    expect(byRule(PERF_RULES.themeRemoteAsset.id).map((f) => f.details.line)).not.toContain(
      line("layout/theme.liquid", "inter.css"),
    );
  });

  it("reports a leftover's line once, as the leftover, and a preconnect hint not at all", () => {
    const leftoverLines = footprint.leftovers.map((l) => `${l.file}:${l.line}`);
    const remote = byRule(PERF_RULES.themeRemoteAsset.id).map(
      (f) => `${String(f.details.file)}:${String(f.details.line)}`,
    );
    expect(remote.filter((r) => leftoverLines.includes(r))).toEqual([]);
    expect(remote).not.toContain(
      `layout/theme.liquid:${line("layout/theme.liquid", "cdn.judge.me")}`,
    );
  });

  it("keys findings by file, check and source text, so they stay the same when lines move", () => {
    const moved = files.map((f) =>
      f.filename === "layout/theme.liquid" ? { ...f, body: `\n\n${f.body}` } : f,
    );
    return runThemeCheck(moved, assets).then((again) => {
      if (again.status !== "ran") throw new Error(again.reason);
      const keys = (offences: typeof result.offences) =>
        perfFindings({ shop: SHOP, themeId: THEME, pages: [], footprint, themeCheck: offences })
          .filter((f) => f.ruleId.startsWith("perf.theme-"))
          .map((f) => f.key)
          .sort();
      expect(keys(again.offences)).toEqual(keys(result.offences));
    });
  });
});
