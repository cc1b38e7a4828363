/**
 * Findings that read like an expert wrote them: one finding per problem (not one per page
 * type), a size equal to its limit is not over it, and the first measurement says so.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { AppAttributor, DEFAULT_APP_HOSTS } from "~/performance/domain/app-hosts";
import { analysePage } from "~/performance/domain/analysis";
import { changeHeadline } from "~/performance/domain/changes";
import {
  HEAVY_IMAGE_BYTES,
  HEAVY_PAGE_BYTES,
  HEAVY_THIRD_PARTY_JS_BYTES,
  PERF_RULE_LIST,
  perfFindings,
} from "~/performance/domain/findings";
import { PERF_RULE_TEXTS_DA } from "~/performance/domain/rules-da";
import {
  PAGE_TYPES,
  type CrawledPage,
  type FetchedResource,
  type PageType,
} from "~/performance/domain/types";

const SHOP = "acme.myshopify.com";
const attributor = new AppAttributor(DEFAULT_APP_HOSTS, [SHOP]);
const KB = 1024;

const script = (url: string, bytes: number): FetchedResource => ({
  url,
  type: "script",
  inHead: false,
  renderBlocking: false,
  status: 200,
  bytes,
});
const image = (name: string, bytes: number): FetchedResource => ({
  url: `https://${SHOP}/cdn/shop/files/${name}.jpg`,
  type: "image",
  inHead: false,
  renderBlocking: false,
  status: 200,
  bytes,
});
const page = (type: PageType, resources: FetchedResource[], htmlBytes = 20 * KB): CrawledPage => ({
  type,
  url: `https://${SHOP}/${type}`,
  status: 200,
  htmlBytes,
  resources,
});
const findingsOf = (pages: CrawledPage[]) =>
  perfFindings({
    shop: SHOP,
    themeId: null,
    pages: pages.map((p) => analysePage(p, attributor)),
    footprint: { apps: [], unknownHosts: [], leftovers: [] },
  });

describe("one finding per problem", () => {
  // The same two apps on every page type; the product page also loads a reviews widget.
  const pages = PAGE_TYPES.map((type) =>
    page(type, [
      script("https://static.klaviyo.com/onsite/js/klaviyo.js", 220 * KB),
      script("https://code.tidio.co/widget.js", 120 * KB),
      ...(type === "product" ? [script("https://cdn.judge.me/widget.js", 60 * KB)] : []),
    ]),
  );
  const js = findingsOf(pages).filter((f) => f.ruleId === "perf.heavy-third-party-js");

  it("says “much JavaScript from apps” once, listing every page type with its size", () => {
    expect(js).toHaveLength(1);
    const finding = js[0];
    expect(finding?.resource).toMatchObject({ type: "shop", title: "5 page types" });
    // Recomputed here: 220 + 120 KB everywhere, 400 KB on the product page.
    const listed = finding?.details.pages as { type: string; bytes: number }[];
    expect(listed.map((p) => [p.type, p.bytes])).toEqual([
      ["product", 400 * KB],
      ["home", 340 * KB],
      ["collection", 340 * KB],
      ["cart", 340 * KB],
      ["search", 340 * KB],
    ]);
    expect(finding?.message).toContain("product page 400 KB (100 KB over)");
    expect(finding?.message).toContain("Most of it: Klaviyo 220 KB, Tidio 120 KB, Judge.me");
  });

  it("keeps the finding's key when the set of pages over the limit changes", () => {
    const fewer = findingsOf(pages.slice(0, 2)).filter(
      (f) => f.ruleId === "perf.heavy-third-party-js",
    );
    expect(fewer.map((f) => f.key)).toEqual(js.map((f) => f.key));
  });

  it("groups heavy pages and image weight the same way", () => {
    const heavy = findingsOf(
      PAGE_TYPES.map((type) => page(type, [image(`${type}-hero`, HEAVY_PAGE_BYTES)])),
    );
    expect(heavy.filter((f) => f.ruleId === "perf.heavy-page")).toHaveLength(1);
    expect(heavy.filter((f) => f.ruleId === "perf.heavy-images")).toHaveLength(1);
  });
});

describe("a size equal to its limit is not over it", () => {
  it("2.5 MB of 2.5 MB is not a heavy page; one byte more is, and says by how much", () => {
    const exactly = page("home", [image("a", HEAVY_PAGE_BYTES - 20 * KB)]);
    expect(findingsOf([exactly]).map((f) => f.ruleId)).not.toContain("perf.heavy-page");
    const over = page("home", [image("a", HEAVY_PAGE_BYTES - 20 * KB + 1)]);
    const heavy = findingsOf([over]).find((f) => f.ruleId === "perf.heavy-page");
    expect(heavy?.message).toMatch(
      /^Home page weighs more than 2\.5 MB: home page 2\.5 MB \(1 B over\)/,
    );
  });

  it("holds for app JavaScript and images too", () => {
    const at = findingsOf([
      page("product", [
        script("https://static.klaviyo.com/a.js", HEAVY_THIRD_PARTY_JS_BYTES),
        image("b", HEAVY_IMAGE_BYTES),
      ]),
    ]);
    expect(at).toEqual([]);
  });
});

describe("the change headline", () => {
  it("says “first measurement” when there is nothing to compare with", () => {
    expect(changeHeadline({ changes: [], comparedWith: null })).toBe(
      "First measurement: nothing to compare with yet.",
    );
  });
  it("says there were no changes only when there was a previous measurement", () => {
    expect(changeHeadline({ changes: [], comparedWith: "2026-11-01T06:00:00.000Z" })).toBe(
      "No changes since the previous measurement.",
    );
    expect(
      changeHeadline({
        changes: [{ kind: "embed-added", message: "1 new app embed (Tidio)" }],
        comparedWith: "2026-11-01T06:00:00.000Z",
      }),
    ).toBe("Since last run: 1 new app embed (Tidio)");
  });
});

describe("rule texts", () => {
  it("every performance rule has its title, why and fix in English and Danish", () => {
    for (const rule of PERF_RULE_LIST) {
      const da = PERF_RULE_TEXTS_DA[rule.id];
      expect(da, rule.id).toBeDefined();
      for (const text of [rule.title, rule.why, rule.fix, da?.title, da?.why, da?.fix])
        expect(text?.trim().length ?? 0, rule.id).toBeGreaterThan(3);
    }
    expect(Object.keys(PERF_RULE_TEXTS_DA).sort()).toEqual(PERF_RULE_LIST.map((r) => r.id).sort());
  });
});

describe("docs/rules.md", () => {
  const doc = readFileSync(new URL("../../../docs/rules.md", import.meta.url), "utf8");
  it.each(PERF_RULE_LIST.map((r) => [r.id, r] as const))(
    "states %s's severity and texts in English and Danish, as the code has them",
    (id, rule) => {
      const start = doc.indexOf(`#### \`${id}\` — `);
      expect(start, id).toBeGreaterThan(-1);
      const next = doc.indexOf("\n#", start + 1);
      const text = doc.slice(start, next === -1 ? undefined : next);
      const da = PERF_RULE_TEXTS_DA[id];
      expect(text).toContain(`**${rule.severity}** · ${rule.category}`);
      expect(text).toContain(`- **Why:** ${rule.why}\n  - *${da?.why}*`);
      expect(text).toContain(`- **Fix:** ${rule.fix}\n  - *${da?.fix}*`);
      expect(doc).toMatch(
        new RegExp(`^\\| \`${id.replace(/\./g, "\\.")}\` \\| ${rule.severity} \\|`, "m"),
      );
    },
  );
});
