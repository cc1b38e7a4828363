/** The performance audit's pure parts: HTML scanning, attribution, footprint, leftovers, findings, changes. */
import { describe, expect, it } from "vitest";
import { analysePage } from "~/performance/domain/analysis";
import {
  AppAttributor,
  DEFAULT_APP_HOSTS,
  mergeAppHosts,
  validateAppHosts,
} from "~/performance/domain/app-hosts";
import { changeSummary, comparePerfRuns } from "~/performance/domain/changes";
import { buildFootprint, type ThemeFile } from "~/performance/domain/footprint";
import { HEAVY_PAGE_BYTES, perfFindings } from "~/performance/domain/findings";
import { pageLinks, pageResources } from "~/performance/domain/html";
import type { CrawledPage, FetchedResource, PageType } from "~/performance/domain/types";

const SHOP = "acme.myshopify.com";
const attributor = new AppAttributor(DEFAULT_APP_HOSTS, [SHOP]);

describe("pageResources", () => {
  const html = `<!doctype html><html><head>
<link rel="stylesheet" href="/cdn/shop/t/1/assets/base.css">
<link rel="stylesheet" href="/print.css" media="print" onload="this.media='all'">
<script src="https://static.klaviyo.com/onsite/js/klaviyo.js"></script>
<script src="/cdn/shop/t/1/assets/global.js" defer></script>
<script src="https://cdn.judge.me/widget.js" async></script>
<script type="module" src="/m.js"></script>
<script type="application/ld+json">{"x": "<script src='/not-a-tag.js'></script>"}</script>
<!-- <script src="https://commented.example/x.js"></script> -->
<link rel="preload" as="font" href="/f.woff2" crossorigin>
</head><body>
<img src="/cdn/shop/files/a.jpg?width=500" alt="">
<img src="/cdn/shop/files/a.jpg?width=500" alt="again">
<img src="data:image/gif;base64,R0lGOD">
<script src="https://widgets.example/late.js"></script>
<a href="/collections/bikes">Bikes</a><a href="https://elsewhere.example/">x</a><a href="/products/b?x=1">B</a>
</body></html>`;
  const resources = pageResources(html, `https://${SHOP}/`);
  const byUrl = Object.fromEntries(resources.map((r) => [r.url.replace(`https://${SHOP}`, ""), r]));

  it("finds scripts, stylesheets, preloads and images once each, skipping comments, JSON and data URLs", () => {
    expect(Object.keys(byUrl)).toEqual([
      "/cdn/shop/t/1/assets/base.css",
      "/print.css",
      "https://static.klaviyo.com/onsite/js/klaviyo.js",
      "/cdn/shop/t/1/assets/global.js",
      "https://cdn.judge.me/widget.js",
      "/m.js",
      "/f.woff2",
      "/cdn/shop/files/a.jpg?width=500",
      "https://widgets.example/late.js",
    ]);
    expect(byUrl["/f.woff2"]?.type).toBe("font");
  });

  it("marks only head scripts without async/defer/module and screen stylesheets as render-blocking", () => {
    const blocking = resources.filter((r) => r.renderBlocking).map((r) => r.url);
    expect(blocking).toEqual([
      `https://${SHOP}/cdn/shop/t/1/assets/base.css`,
      "https://static.klaviyo.com/onsite/js/klaviyo.js",
    ]);
    expect(byUrl["https://widgets.example/late.js"]).toMatchObject({
      inHead: false,
      renderBlocking: false,
    });
  });

  it("lists same-site links for page discovery", () => {
    expect(pageLinks(html, `https://${SHOP}/`)).toEqual([
      `https://${SHOP}/collections/bikes`,
      `https://${SHOP}/products/b?x=1`,
    ]);
  });
});

describe("AppAttributor", () => {
  it("names known app hosts, treats the shop and Shopify as first-party, and never guesses unknown hosts", () => {
    expect(attributor.attribute("https://static.klaviyo.com/onsite/js/klaviyo.js")).toEqual({
      host: "static.klaviyo.com",
      party: "third-party",
      app: "Klaviyo",
    });
    expect(attributor.attribute("https://a.klaviyo.com/x.js").app).toBe("Klaviyo");
    expect(attributor.attribute(`https://${SHOP}/cdn/shop/t/1/assets/x.js`).party).toBe(
      "first-party",
    );
    expect(attributor.attribute("https://cdn.shopify.com/s/files/x.js").party).toBe("first-party");
    expect(attributor.attribute("https://tracker.unknown-vendor.io/t.js")).toEqual({
      host: "tracker.unknown-vendor.io",
      party: "third-party",
      app: null,
    });
  });

  it("matches host/path patterns, and a user's entries override the shipped ones", () => {
    expect(attributor.attribute("https://www.googletagmanager.com/gtm.js?id=GTM-1").app).toBe(
      "Google Tag Manager",
    );
    expect(attributor.attribute("https://www.googletagmanager.com/other.js").app).toBeNull();
    const { list, errors } = validateAppHosts({
      apps: [
        { name: "Our Klaviyo fork", patterns: ["static.klaviyo.com"] },
        { name: "Vendor X", patterns: ["*.unknown-vendor.io"], handles: ["vendor-x"] },
      ],
    });
    expect(errors).toEqual([]);
    const merged = new AppAttributor(mergeAppHosts(DEFAULT_APP_HOSTS, list ?? DEFAULT_APP_HOSTS), [
      SHOP,
    ]);
    expect(merged.attribute("https://static.klaviyo.com/a.js").app).toBe("Our Klaviyo fork");
    expect(merged.attribute("https://tracker.unknown-vendor.io/t.js").app).toBe("Vendor X");
    expect(merged.appOfHandle("vendor-x")).toBe("Vendor X");
  });

  it("rejects a malformed user file with the problems named", () => {
    expect(validateAppHosts({ apps: [{ patterns: "x" }] }).errors).toEqual([
      "apps[0].name: missing",
      "apps[0].patterns: must be a list of patterns",
    ]);
  });
});

const res = (
  url: string,
  bytes: number,
  extra: Partial<FetchedResource> = {},
): FetchedResource => ({
  url,
  type: url.endsWith(".css") ? "stylesheet" : url.includes(".jpg") ? "image" : "script",
  inHead: false,
  renderBlocking: false,
  status: 200,
  bytes,
  ...extra,
});

const page = (type: PageType, resources: FetchedResource[], htmlBytes = 10_000): CrawledPage => ({
  type,
  url: `https://${SHOP}/${type === "home" ? "" : type}`,
  status: 200,
  htmlBytes,
  resources,
});

const SETTINGS = `/* auto-generated */
{"current":{"blocks":{
  "1":{"type":"shopify://apps/klaviyo-email-marketing/blocks/klaviyo-onsite-embed/abc","disabled":false},
  "2":{"type":"shopify://apps/tidio-chat/blocks/chat/def","disabled":true}}}}`;
const PRODUCT = JSON.stringify({
  sections: {
    main: {
      type: "main-product",
      blocks: { r: { type: "shopify://apps/judgeme/blocks/stars/1" } },
    },
  },
});
const LAYOUT = [
  "<head>",
  '  <script src="https://static.klaviyo.com/onsite/js/klaviyo.js" async></script>',
  '  <script src="https://cdn.sweettooth.io/v1/sdk.js?shop={{ shop.permanent_domain }}"></script>',
  '  <script src="https://unknown.example/x.js"></script>',
  "</head>",
].join("\n");
const FILES: ThemeFile[] = [
  { filename: "config/settings_data.json", body: SETTINGS },
  { filename: "templates/product.json", body: PRODUCT },
  { filename: "layout/theme.liquid", body: LAYOUT },
];

describe("buildFootprint", () => {
  const pages = [
    page("home", [
      res("https://static.klaviyo.com/onsite/js/klaviyo.js", 100_000, {
        inHead: true,
        renderBlocking: true,
      }),
      res("https://cdn.sweettooth.io/v1/sdk.js?shop=acme", 9, { status: 404 }),
      res("https://unknown.example/x.js", 5_000),
      res(`https://${SHOP}/cdn/shop/files/a.jpg`, 50_000),
    ]),
    page("product", [
      res("https://static.klaviyo.com/onsite/js/klaviyo.js", 100_000),
      res("https://cdn.judge.me/widget.js", 30_000),
    ]),
  ];
  const fp = buildFootprint(
    { themeFiles: FILES, scriptTags: [], webPixels: [], pages },
    attributor,
  );

  it("reads embeds (with their on/off state) and blocks, and counts each app URL once over the pages", () => {
    const klaviyo = fp.apps.find((a) => a.app === "Klaviyo");
    expect(klaviyo).toMatchObject({
      requests: 1,
      bytes: 100_000,
      scriptBytes: 100_000,
      pages: ["home", "product"],
    });
    expect(klaviyo?.theme).toEqual([
      expect.objectContaining({ kind: "embed", block: "klaviyo-onsite-embed", enabled: true }),
    ]);
    expect(fp.apps.find((a) => a.app === "Tidio")?.theme[0]?.enabled).toBe(false);
    expect(fp.apps.find((a) => a.app === "Judge.me Product Reviews")?.theme[0]).toMatchObject({
      kind: "block",
      file: "templates/product.json",
    });
    expect(fp.unknownHosts).toEqual([
      {
        host: "unknown.example",
        requests: 1,
        bytes: 5_000,
        urls: ["https://unknown.example/x.js"],
        pages: ["home"],
        themeRefs: [{ file: "layout/theme.liquid", line: 4 }],
      },
    ]);
  });

  it("reports a known app's host in theme code without any embed/block as a leftover, with file and line", () => {
    expect(fp.leftovers).toEqual([
      {
        file: "layout/theme.liquid",
        line: 3,
        url: "https://cdn.sweettooth.io/v1/sdk.js?shop=",
        host: "cdn.sweettooth.io",
        app: "Smile: Loyalty & Rewards",
        status: 404,
        lines: [3],
        setting: null,
        // The only template in FILES is the product page's, and it renders the layout.
        pages: ["product"],
        templates: [],
        via: [],
      },
    ]);
  });

  it("does not call an app's code a leftover while the app has a script tag", () => {
    const withTag = buildFootprint(
      { themeFiles: FILES, scriptTags: ["https://js.smile.io/v1/smile.js"], webPixels: [], pages },
      attributor,
    );
    expect(withTag.leftovers).toEqual([]);
  });

  it("feeds findings with stable keys", () => {
    const figures = pages.map((p) => analysePage(p, attributor));
    const findings = perfFindings({
      shop: SHOP,
      themeId: "gid://shopify/OnlineStoreTheme/7",
      pages: figures,
      footprint: fp,
    });
    expect(findings.map((f) => f.key)).toEqual([
      "perf.render-blocking-third-party:https://static.klaviyo.com/onsite/js/klaviyo.js",
      "perf.app-leftover:gid://shopify/OnlineStoreTheme/7:layout/theme.liquid:cdn.sweettooth.io",
      "perf.unknown-third-party:host:unknown.example",
    ]);
    expect(findings[1]?.fixUrl).toBe("https://admin.shopify.com/store/acme/themes/7");
    expect(findings[0]?.message).toContain(
      "(Klaviyo) blocks rendering in <head> on 1 page type (home)",
    );
  });
});

describe("analysePage", () => {
  it("splits bytes by type, host and party, and flags a heavy page over the limit only", () => {
    const p = page("collection", [
      res("https://static.klaviyo.com/a.js", 200_000),
      res(`https://${SHOP}/cdn/shop/files/big.jpg`, HEAVY_PAGE_BYTES - 200_000 - 10_000),
    ]);
    const figures = analysePage(p, attributor);
    expect(figures).toMatchObject({
      requests: 3,
      totalBytes: HEAVY_PAGE_BYTES,
      firstPartyBytes: HEAVY_PAGE_BYTES - 200_000,
      thirdPartyBytes: 200_000,
      thirdPartyScriptBytes: 200_000,
      imageBytes: HEAVY_PAGE_BYTES - 210_000,
    });
    expect(figures.bytesByHost.map((h) => [h.host, h.app, h.requests])).toEqual([
      [SHOP, null, 2],
      ["static.klaviyo.com", "Klaviyo", 1],
    ]);
    const fp = { apps: [], unknownHosts: [], leftovers: [] };
    const at = (bytes: number) =>
      perfFindings({
        shop: SHOP,
        themeId: null,
        pages: [analysePage({ ...p, htmlBytes: 10_000 + bytes }, attributor)],
        footprint: fp,
      }).map((f) => f.ruleId);
    expect(at(0)).not.toContain("perf.heavy-page");
    expect(at(1)).toContain("perf.heavy-page");
  });
});

describe("comparePerfRuns", () => {
  const base = [page("home", [res("https://static.klaviyo.com/a.js", 20_000)])];
  const after = [
    page("home", [
      res("https://static.klaviyo.com/a.js", 20_000),
      res("https://code.tidio.co/x.js", 180 * 1024),
    ]),
  ];
  const run = (pages: CrawledPage[], files: ThemeFile[]) => {
    const footprint = buildFootprint(
      { themeFiles: files, scriptTags: [], webPixels: [], pages },
      attributor,
    );
    const figures = pages.map((p) => analysePage(p, attributor));
    return {
      pages: figures,
      footprint,
      findings: perfFindings({ shop: SHOP, themeId: null, pages: figures, footprint }),
    };
  };
  it("says what changed: new embeds, JavaScript by host, page weight, findings", () => {
    const enabled = FILES.map((f) =>
      f.filename === "config/settings_data.json"
        ? { ...f, body: f.body.replace('"disabled":true', '"disabled":false') }
        : f,
    );
    const changes = comparePerfRuns(run(base, FILES), run(after, enabled));
    expect(changeSummary(changes)).toBe(
      "Since last run: 1 new app embed (Tidio), +180 KB of JavaScript from code.tidio.co (Tidio), home page weight +180 KB",
    );
  });
  it("says nothing when nothing changed", () => {
    expect(changeSummary(comparePerfRuns(run(base, FILES), run(base, FILES)))).toBeNull();
  });
});
