/**
 * Theme code read with Shopify's Liquid parser over a Dawn-shaped theme as a live store holds it
 * (section groups, snippets, JSON templates with Shopify's escaping, Custom Liquid sections, an
 * app block only in the header group): which apps are installed, what is left over, on which
 * pages, at which line.
 */
import { describe, expect, it } from "vitest";
import { AppAttributor, DEFAULT_APP_HOSTS } from "~/performance/domain/app-hosts";
import { buildFootprint } from "~/performance/domain/footprint";
import {
  blankCommentHeader,
  pagesOfFile,
  readThemeCode,
  renderChain,
} from "~/performance/domain/theme-code";
import type { CrawledPage } from "~/performance/domain/types";
import { DAWN_SHAPED, dawnShapedFiles, fixtureLine } from "./dawn-shaped-theme";

const SHOP = "acme.myshopify.com";
const attributor = new AppAttributor(DEFAULT_APP_HOSTS, [SHOP]);
const files = dawnShapedFiles();
const code = readThemeCode(files);

/** Independent of the parser: every `https:\/\/host` in the raw text, unescaped by hand. */
function hostsInRawText(): Set<string> {
  const hosts = new Set<string>();
  for (const body of Object.values(DAWN_SHAPED))
    for (const m of body.replace(/\\\//g, "/").matchAll(/https:\/\/([a-z0-9.-]+)/g))
      hosts.add(m[1] ?? "");
  return hosts;
}

describe("readThemeCode", () => {
  it("finds every external host the theme's code writes, in Liquid, JSON settings and inline scripts", () => {
    const found = new Set(code.urls.map((u) => new URL(u.url).host));
    expect([...found].sort()).toEqual([...hostsInRawText()].sort());
  });

  it("unescapes JSON before looking for URLs, and names the Custom Liquid setting and its line", () => {
    const smile = code.urls.find((u) => u.url.includes("sweettooth"));
    expect(smile).toEqual({
      file: "sections/footer-group.json",
      line: fixtureLine("sections/footer-group.json", '"custom_liquid"'),
      url: "https://cdn.sweettooth.io/assets/storefront.js",
      kind: "script",
      via: "markup",
      setting: "sections.custom_liquid_iKRdyb.settings.custom_liquid",
    });
  });

  it("reads script_tag filters and inline loader scripts, and leaves asset_url to the theme", () => {
    expect(code.urls.find((u) => u.url.includes("fbevents"))).toMatchObject({
      file: "snippets/meta-tags.liquid",
      line: 2,
      via: "liquid",
      kind: "script",
    });
    expect(code.urls.find((u) => u.url.includes("omnisnippet1"))).toMatchObject({
      file: "blocks/newsletter-popup.liquid",
      line: fixtureLine("blocks/newsletter-popup.liquid", "omnisnippet1"),
      via: "inline-script",
    });
    expect(code.urls.some((u) => u.url.includes("constants.js"))).toBe(false);
  });

  it("reads app embeds from settings_data.json and app blocks from templates and section groups, with lines", () => {
    expect(code.apps.map((a) => [a.kind, a.handle, a.file, a.line, a.enabled])).toEqual([
      [
        "embed",
        "klaviyo-email-marketing",
        "config/settings_data.json",
        fixtureLine("config/settings_data.json", "klaviyo-email-marketing"),
        true,
      ],
      [
        "embed",
        "tidio-chat",
        "config/settings_data.json",
        fixtureLine("config/settings_data.json", "tidio-chat"),
        false,
      ],
      [
        "block",
        "judgeme",
        "sections/header-group.json",
        fixtureLine("sections/header-group.json", "apps\\/judgeme"),
        true,
      ],
    ]);
  });

  it("attributes a snippet's code to the pages whose templates render it", () => {
    expect(pagesOfFile(code, "snippets/reviews-legacy.liquid")).toEqual(["product"]);
    expect(renderChain(code, "snippets/reviews-legacy.liquid")).toEqual([
      "snippets/reviews-legacy.liquid",
      "sections/main-product.liquid",
      "templates/product.json",
    ]);
    // The layout renders meta-tags and the section groups on every template that uses it.
    expect(pagesOfFile(code, "snippets/meta-tags.liquid")).toEqual(["home", "product"]);
    expect([...(code.renderedBy.get("sections/footer-group.json") ?? [])].sort()).toEqual([
      "customers/account",
      "index",
      "page",
      "product",
    ]);
    // gift_card.liquid says {% layout none %}: the layout is not rendered for it.
    expect(code.renderedBy.get("layout/theme.liquid")?.has("gift_card")).toBe(false);
    // A theme block used on the home page.
    expect(pagesOfFile(code, "blocks/newsletter-popup.liquid")).toEqual(["home"]);
    // Rendered by nothing.
    expect(code.renderedBy.get("snippets/chat-old.liquid")).toBeUndefined();
  });

  it("reads {% schema %} names, and says which files it could read only in part", () => {
    expect(code.sectionNames.get("sections/custom-liquid.liquid")).toBe("Custom Liquid");
    expect(code.problems).toEqual([]);
    const broken = readThemeCode([
      {
        filename: "snippets/broken.liquid",
        body: '<div class="x">\n{% if a %}</div>{% endif %}\n<script src="https://cdn.judge.me/w.js"></script>\n',
      },
      { filename: "templates/x.json", body: `${"/* c */"}\n{"sections": ` },
    ]);
    expect(broken.urls).toEqual([
      expect.objectContaining({
        file: "snippets/broken.liquid",
        line: 3,
        url: "https://cdn.judge.me/w.js",
      }),
    ]);
    expect(broken.problems.map((p) => p.file)).toEqual([
      "snippets/broken.liquid",
      "templates/x.json",
    ]);
    expect(broken.problems[0]?.message).toMatch(/does not balance/);
    expect(broken.problems[1]?.message).toMatch(/not valid JSON/);
  });

  it("blanks the comment header without moving any line", () => {
    const text = DAWN_SHAPED["sections/header-group.json"] ?? "";
    const blanked = blankCommentHeader(text);
    expect(blanked.split("\n")).toHaveLength(text.split("\n").length);
    expect(() => JSON.parse(blanked) as unknown).not.toThrow();
  });
});

describe("buildFootprint over the Dawn-shaped theme", () => {
  const page = (type: CrawledPage["type"]): CrawledPage => ({
    type,
    url: `https://${SHOP}/`,
    status: 200,
    htmlBytes: 1000,
    resources: [],
  });
  const fp = buildFootprint(
    {
      themeFiles: files,
      themeCode: code,
      scriptTags: [],
      webPixels: [],
      pages: [page("home"), page("product")],
    },
    attributor,
  );
  const byApp = Object.fromEntries(fp.leftovers.map((l) => [l.app ?? l.host, l]));

  it("counts an app installed only as a block in the header group as installed, not as a leftover", () => {
    expect(fp.apps.find((a) => a.app === "Judge.me Product Reviews")?.theme).toEqual([
      expect.objectContaining({ kind: "block", file: "sections/header-group.json", enabled: true }),
    ]);
    expect(byApp["Judge.me Product Reviews"]).toBeUndefined();
    expect(byApp.Klaviyo).toBeUndefined();
  });

  it("reports each leftover once with file, line, the pages that load it and how", () => {
    expect(Object.keys(byApp).sort()).toEqual([
      "Hotjar",
      "Meta Pixel",
      "Omnisend",
      "Smile: Loyalty & Rewards",
      "Tidio",
      "Yotpo",
    ]);
    expect(byApp["Smile: Loyalty & Rewards"]).toMatchObject({
      file: "sections/footer-group.json",
      line: fixtureLine("sections/footer-group.json", '"custom_liquid"'),
      setting: "sections.custom_liquid_iKRdyb.settings.custom_liquid",
      pages: ["home", "product"],
    });
    expect(byApp.Yotpo).toMatchObject({
      file: "snippets/reviews-legacy.liquid",
      line: 2,
      pages: ["product"],
      via: ["sections/main-product.liquid", "templates/product.json"],
    });
    expect(byApp.Hotjar).toMatchObject({
      file: "templates/page.json",
      pages: [],
      templates: ["page"],
    });
    // A disabled embed does not make its code live; a snippet nothing renders is dead code.
    expect(byApp.Tidio).toMatchObject({
      file: "snippets/chat-old.liquid",
      pages: [],
      templates: [],
    });
    // Google Tag Manager is a service pasted by hand, not a Shopify app.
    expect(fp.leftovers.some((l) => l.host === "www.googletagmanager.com")).toBe(false);
  });
});
