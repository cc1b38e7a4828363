/**
 * What a reached crawl limit does to a page's figures and findings (decision 016): refused and
 * skipped files are no requests and no bytes, and each limit reached is a finding in English
 * and Danish that names the limit's number and the files.
 */
import { describe, expect, it } from "vitest";
import { analysePage } from "~/domain/perf/analysis";
import { AppAttributor, DEFAULT_APP_HOSTS } from "~/domain/perf/app-hosts";
import { CRAWL_LIMITS, CRAWL_LIMIT_RULES, CRAWL_LIMIT_RULES_DA } from "~/domain/perf/crawl-limits";
import { PERF_RULE_LIST, perfFindings } from "~/domain/perf/findings";
import type { CrawledPage, FetchedResource } from "~/domain/perf/types";

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

  const findings = perfFindings({
    shop: SHOP,
    themeId: null,
    pages: [figures],
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

  it("warns about the internal addresses, naming them, in English and Danish", () => {
    const f = byKey["perf.internal-address:page:product:internal-address"];
    expect(f?.severity).toBe("warning");
    expect(f?.message).toBe(
      "Product page refers to 2 files at internal network addresses, which Tovholder did not fetch and visitors' browsers cannot load from your store: http://127.0.0.1:8080/admin.js, http://169.254.169.254/latest/meta-data/",
    );
    expect(f?.details.messageDa).toBe(
      "Produktsiden henviser til 2 filer på interne netværksadresser, som Tovholder ikke hentede, og som besøgendes browsere ikke kan hente fra butikken: http://127.0.0.1:8080/admin.js, http://169.254.169.254/latest/meta-data/",
    );
  });

  it("says which limit each file reached, with the limit's number", () => {
    const text = (kind: string) => byKey[`perf.crawl-limit:page:product:${kind}`];
    expect(text("resource-bytes")?.message).toMatch(
      /^Product page: 1 file larger than 16\.0 MB, counted only up to 16\.0 MB each, so the page weighs more than shown: https:\/\/acme\.myshopify\.com\/cdn\/shop\/files\/huge\.mp4$/,
    );
    expect(text("resource-bytes")?.details.messageDa).toMatch(
      /^Produktsiden: 1 fil større end 16,0 MB/,
    );
    expect(text("redirects")?.message).toMatch(/redirected more than 5 times/);
    expect(text("redirects")?.details.messageDa).toMatch(/viderestillede mere end 5 gange/);
    expect(text("timeout")?.message).toMatch(/did not answer in full within 15 s/);
    expect(text("timeout")?.details.messageDa).toMatch(/svarede ikke helt inden for 15 s/);
    expect(text("run-bytes")?.message).toMatch(/had reached 128\.0 MB, its limit per run/);
    expect(text("run-bytes")?.details.messageDa).toMatch(
      /havde nået 128,0 MB, grænsen pr\. måling/,
    );
    expect(text("resources-per-page")?.message).toBe(
      `Product page refers to ${crawled.resources.length + 12} files; only the first 250 were considered and 12 were not downloaded or counted`,
    );
    expect(text("resources-per-page")?.details.messageDa).toBe(
      `Produktsiden henviser til ${crawled.resources.length + 12} filer; kun de første 250 blev taget med, og 12 blev hverken hentet eller talt med`,
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

  it("says a page could not be measured and why", () => {
    const f = byKey["perf.internal-address:page:collection:unmeasured"];
    expect(f?.message).toBe(
      `Collection page (https://${SHOP}/collections/all) could not be measured: it leads to an internal network address, which Tovholder does not connect to`,
    );
    expect(f?.details.messageDa).toBe(
      `Kollektionssiden (https://${SHOP}/collections/all) kunne ikke måles: den fører til en intern netværksadresse, som Tovholder ikke forbinder til`,
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
