/**
 * What a reached crawl limit does to a page's figures and findings (decision 016): refused and
 * skipped files are no requests and no bytes, and each limit reached is a finding in English
 * and Danish that names the limit's number and the files.
 */
import { describe, expect, it } from "vitest";
import { analysePage } from "~/performance/domain/analysis";
import { AppAttributor, DEFAULT_APP_HOSTS } from "~/performance/domain/app-hosts";
import {
  CRAWL_LIMITS,
  CRAWL_LIMIT_RULES,
  CRAWL_LIMIT_RULES_DA,
} from "~/performance/domain/crawl-limits";
import { PERF_RULE_LIST, perfFindings } from "~/performance/domain/findings";
import type { CrawledPage, FetchedResource } from "~/performance/domain/types";

const SHOP = "acme.myshopify.com";
const attributor = new AppAttributor(DEFAULT_APP_HOSTS, [SHOP]);

const res = (url: string, extra: Partial<FetchedResource>): FetchedResource => ({
  url,
  type: "image",
  inHead: false,
  renderBlocking: false,
  status: 200,
  bytes: 1000,
  ...extra,
});

const crawled: CrawledPage = {
  type: "product",
  url: `https://${SHOP}/products/tent`,
  status: 200,
  htmlBytes: 5000,
  omittedResources: 12,
  resources: [
    res(`https://${SHOP}/cdn/shop/files/a.jpg`, {}),
    res("http://127.0.0.1:8080/admin.js", { status: null, bytes: 0, limit: "internal-address" }),
    res("http://169.254.169.254/latest/meta-data/", {
      status: null,
      bytes: 0,
      limit: "internal-address",
    }),
    res(`https://${SHOP}/cdn/shop/files/huge.mp4`, {
      bytes: CRAWL_LIMITS.resourceBytes,
      limit: "resource-bytes",
    }),
    res(`https://${SHOP}/loop`, { status: null, bytes: 0, limit: "redirects" }),
    res(`https://${SHOP}/slow.js`, { bytes: 300, limit: "timeout" }),
    res(`https://${SHOP}/late.jpg`, { status: null, bytes: 0, limit: "run-bytes" }),
  ],
};

describe("a page with limits reached", () => {
  const figures = analysePage(crawled, attributor);

  it("counts only what was requested: refused addresses and skipped files are no requests, no bytes, no host", () => {
    // HTML + a.jpg + huge.mp4 + loop + slow.js (requested); the two refused and late.jpg were not.
    expect(figures.requests).toBe(5);
    expect(figures.totalBytes).toBe(5000 + 1000 + CRAWL_LIMITS.resourceBytes + 300);
    expect(figures.bytesByHost.map((h) => h.host)).toEqual([SHOP]);
    expect(figures.failed.map((f) => f.url)).toEqual([`https://${SHOP}/loop`]);
    expect(figures.limits).toEqual({
      resources: crawled.resources
        .filter((r) => r.limit)
        .map((r) => ({ url: r.url, limit: r.limit })),
      omitted: 12,
      referenced: crawled.resources.length + 12,
      htmlTruncated: false,
    });
  });

  it("a page without limits reached has no `limits`", () => {
    const clean = analysePage(
      { ...crawled, omittedResources: 0, resources: [crawled.resources[0] as FetchedResource] },
      attributor,
    );
    expect(clean.limits).toBeUndefined();
  });

  const cart = analysePage(
    {
      type: "cart",
      url: `https://${SHOP}/cart`,
      status: 200,
      htmlBytes: 3000,
      resources: [
        res("http://127.0.0.1:8080/admin.js", {
          status: null,
          bytes: 0,
          limit: "internal-address",
        }),
        res(`https://${SHOP}/cart-huge.js`, {
          bytes: CRAWL_LIMITS.resourceBytes,
          limit: "resource-bytes",
        }),
      ],
    },
    attributor,
  );
  const findings = perfFindings({
    shop: SHOP,
    themeId: null,
    pages: [figures, cart],
    footprint: { apps: [], unknownHosts: [], leftovers: [] },
    unmeasured: [
      {
        type: "collection",
        url: `https://${SHOP}/collections/all`,
        limit: "internal-address",
        detail: "127.0.0.1 is a loopback address; Tovholder does not connect to it",
      },
    ],
  });
  const byKey = Object.fromEntries(findings.map((f) => [f.key, f]));

  it("one finding per problem over all page types: the internal addresses, named, in English and Danish", () => {
    const f = byKey["perf.internal-address:internal-address"];
    expect(f?.severity).toBe("warning");
    expect(f?.message).toBe(
      "2 files on the product and cart pages are at internal network addresses, which Tovholder did not fetch and visitors' browsers cannot load from your store: http://127.0.0.1:8080/admin.js, http://169.254.169.254/latest/meta-data/",
    );
    expect(f?.details.messageDa).toBe(
      "2 filer på siderne produkt og kurv ligger på interne netværksadresser, som Tovholder ikke hentede, og som besøgendes browsere ikke kan hente fra butikken: http://127.0.0.1:8080/admin.js, http://169.254.169.254/latest/meta-data/",
    );
    expect(findings.filter((x) => x.ruleId === "perf.internal-address")).toHaveLength(1);
  });

  it("says which limit the files reached, with the limit's number and the page types", () => {
    const text = (kind: string) => byKey[`perf.crawl-limit:limit:${kind}`];
    expect(text("resource-bytes")?.message).toBe(
      `2 files on the product and cart pages larger than 16.0 MB, counted only up to 16.0 MB each, so the pages weigh more than shown: https://${SHOP}/cdn/shop/files/huge.mp4, https://${SHOP}/cart-huge.js`,
    );
    expect(text("resource-bytes")?.details.messageDa).toMatch(
      /^2 filer på siderne produkt og kurv større end 16,0 MB, kun talt med op til 16,0 MB hver/,
    );
    expect(text("redirects")?.message).toBe(
      `1 file on the product page redirected more than 5 times; Tovholder stopped following and did not count it: https://${SHOP}/loop`,
    );
    expect(text("redirects")?.details.messageDa).toMatch(
      /^1 fil på siden produkt viderestillede mere end 5 gange/,
    );
    expect(text("timeout")?.message).toMatch(/did not answer in full within 15 s/);
    expect(text("timeout")?.details.messageDa).toMatch(/svarede ikke helt inden for 15 s/);
    expect(text("run-bytes")?.message).toMatch(/had reached 128\.0 MB, its limit per run/);
    expect(text("run-bytes")?.details.messageDa).toMatch(
      /havde nået 128,0 MB, grænsen pr\. måling/,
    );
    expect(text("resources-per-page")?.message).toBe(
      `Pages refer to more files than the 250 measured per page (product ${crawled.resources.length + 12}); the rest were not downloaded or counted`,
    );
    expect(text("resources-per-page")?.details.messageDa).toBe(
      `Siderne henviser til flere filer end de 250, der måles pr. side (produkt ${crawled.resources.length + 12}); resten blev hverken hentet eller talt med`,
    );
    for (const kind of [
      "resource-bytes",
      "redirects",
      "timeout",
      "run-bytes",
      "resources-per-page",
    ])
      expect(text(kind)?.severity).toBe("info");
  });

  it("says which pages could not be measured and why", () => {
    const f = byKey["perf.crawl-limit:limit:unmeasured"];
    expect(f?.message).toBe(
      `A page could not be measured. Collection page (https://${SHOP}/collections/all): it leads to an internal network address, which Tovholder does not connect to`,
    );
    expect(f?.details.messageDa).toBe(
      `En side kunne ikke måles. Kollektionssiden (https://${SHOP}/collections/all): den fører til en intern netværksadresse, som Tovholder ikke forbinder til`,
    );
  });

  it("both rules are listed with the performance rules and have Danish texts", () => {
    for (const rule of Object.values(CRAWL_LIMIT_RULES)) {
      expect(PERF_RULE_LIST.map((r) => r.id)).toContain(rule.id);
      const da = CRAWL_LIMIT_RULES_DA[rule.id];
      expect(da?.title).toBeTruthy();
      expect(da?.why).toBeTruthy();
      expect(da?.fix).toBeTruthy();
    }
  });
});
