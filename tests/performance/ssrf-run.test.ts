/**
 * A whole HTTP performance run of a storefront whose merchant-controlled content points inside
 * the server's network (issue 15 §1, decision 016): the demo store on the stand-in, with a
 * script tag, a line of layout/theme.liquid and every product description referring to a
 * loopback trap in several spellings and to the cloud metadata address, and a script on the shop's
 * own domain that a URL redirect sends into loopback. The run completes, the
 * trap sees no connection, and the stored run says which files were not fetched and why,
 * without any status or size from inside.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PerfHttpResults } from "~/performance/domain/types";
import { runPerfHttp } from "~/performance/server/run.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import type { StandinStore } from "../../standin/store/types";
import { startTrap, type Trap } from "../helpers/trap";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2025-11-20T12:00:00Z");
let h: ShopHarness;
let store: StandinStore;
let trap: Trap;

const METADATA = "http://169.254.169.254/latest/meta-data/iam/security-credentials/";

beforeAll(async () => {
  trap = await startTrap();
  store = generateDemoStore({ seed: 42, now: NOW }).store;
  const t = trap.port;
  // An app's script tag, a hard-coded line in the theme, and the products' descriptions.
  store.scriptTags.push({
    id: "gid://shopify/ScriptTag/990001",
    src: `https://127.0.0.1:${t}/script-tag.js`,
    displayScope: "ONLINE_STORE",
    createdAt: NOW.toISOString(),
  });
  // An app's script on the shop's own domain that a URL redirect (Navigation → URL redirects)
  // sends into loopback.
  const shop = store.shop.myshopifyDomain;
  store.scriptTags.push({
    id: "gid://shopify/ScriptTag/990002",
    src: `https://${shop}/apps/old-tracker.js`,
    displayScope: "ONLINE_STORE",
    createdAt: NOW.toISOString(),
  });
  store.urlRedirects = [
    { path: "/apps/old-tracker.js", target: `http://[::ffff:7f00:1]:${t}/tracker.js` },
  ];
  const theme = store.themes.find((x) => x.role === "MAIN");
  const liquid = theme?.files.find((f) => f.filename === "layout/theme.liquid");
  if (!liquid) throw new Error("no layout/theme.liquid");
  liquid.body = liquid.body.replace(
    "</head>",
    `  <script src="http://0x7f000001:${t}/theme.js"></script>\n</head>`,
  );
  for (const p of store.products)
    p.descriptionHtml += `<p><img src="http://2130706433:${t}/description.png"><img src="http://[::ffff:127.0.0.1]:${t}/v6.png"><img src="${METADATA}"></p>`;
  h = await startShop(store, {}, NOW.getTime());
  h.standin.setPasswordProtection(h.shop, false);
}, 120_000);
afterAll(async () => {
  await h?.close();
  await trap?.close();
});

describe("a storefront whose merchant content points inside the server's network", () => {
  let results: PerfHttpResults;

  it("is measured to the end, and nothing inside is fetched", async () => {
    const run = await runPerfHttp(h.shop, { client: h.client(), password: null });
    expect(run.reason).toBeNull();
    expect(run.status).toBe("succeeded");
    expect(trap.hits).toEqual([]);
    results = run.results as PerfHttpResults;
    expect(results.pages.map((p) => [p.type, p.status])).toEqual([
      ["home", 200],
      ["collection", 200],
      ["product", 200],
      ["cart", 200],
      ["search", 200],
    ]);
  });

  it("says which files point inside and on which pages, in English and Danish", () => {
    const t = trap.port;
    const inside = results.findings.filter((f) => f.ruleId === "perf.internal-address");
    expect(inside).toHaveLength(1);
    const [f] = inside;
    expect(f?.details.pages).toEqual(["home", "collection", "product", "cart", "search"]);
    expect(f?.details.urls).toEqual(
      expect.arrayContaining([
        `https://127.0.0.1:${t}/script-tag.js`,
        `http://127.0.0.1:${t}/theme.js`,
        // Refused at the redirect's hop: the file is named as the page refers to it.
        `https://${h.shop}/apps/old-tracker.js`,
        // The product descriptions.
        `http://127.0.0.1:${t}/description.png`,
        `http://[::ffff:7f00:1]:${t}/v6.png`,
        METADATA,
      ]),
    );
    expect(f?.details.urls).toHaveLength(6);
    expect(f?.message).toMatch(
      /^6 files on the home, collection, product, cart and search pages are at internal network addresses/,
    );
    expect(f?.details.messageDa).toMatch(
      /^6 filer på siderne forside, kollektion, produkt, kurv og søgning ligger på interne netværksadresser/,
    );
  });

  it("stores no status or size for them, and counts them in no figure", () => {
    for (const page of results.pages) {
      const hosts = page.bytesByHost.map((x) => x.host);
      expect(hosts.filter((x) => /127\.0\.0\.1|169\.254|::ffff/.test(x))).toEqual([]);
      expect(page.failed.filter((x) => /127\.0\.0\.1|169\.254|::ffff/.test(x.url))).toEqual([]);
      // Requests: the HTML plus the files measured, recounted from the host figures.
      expect(page.requests).toBe(page.bytesByHost.reduce((n, x) => n + x.requests, 0));
    }
    const unknown = results.footprint.unknownHosts.map((u) => u.host);
    expect(unknown.filter((x) => /127\.0\.0\.1|169\.254|::ffff/.test(x))).toEqual([]);
  });
});
