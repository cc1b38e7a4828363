/**
 * The HTTP performance run against the demo store's storefront on the stand-in, through the
 * app's real crawler and service: every planted app script is attributed, the leftover is found
 * with its file and line, and the figures equal the bytes the stand-in actually served.
 */
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import perfCommand from "~/cli/commands/perf";
import type { PerfHttpResults } from "~/performance/domain/types";
import { listPerfRuns } from "~/performance/models/performance-runs.server";
import { writeShopSecret } from "~/db/shop-secrets.server";
import { recordInstall } from "~/db/shops.server";
import { runPerfHttp } from "~/performance/server/run.server";
import { sessionStorage } from "~/shopify.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import {
  FOOTER_LEFTOVER_URL,
  LEFTOVER_SCRIPT_URL,
  REMOTE_FONT_URL,
  SNIPPET_LEFTOVER_URL,
  lineOf,
} from "../../standin/seed/demo-theme";
import { REMOTE_FONT, STANDIN_APPS, UNKNOWN_SCRIPT } from "../../standin/storefront/theme-assets";
import type { DemoManifest } from "../../standin/store/types";
import type { StandinStore } from "../../standin/store/types";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2025-11-20T12:00:00Z");
let h: ShopHarness;
let store: StandinStore;
let manifest: DemoManifest;
let results: PerfHttpResults;

const app = (handle: string) => {
  const found = STANDIN_APPS.find((a) => a.handle === handle);
  if (!found) throw new Error(handle);
  return found;
};

/** What the stand-in serves at a URL, fetched independently of the crawler (with the login cookie). */
async function served(url: string, cookie: string): Promise<number> {
  const response = await fetch(url, { headers: { cookie } });
  return (await response.arrayBuffer()).byteLength;
}

async function login(): Promise<string> {
  const response = await fetch(`https://${h.shop}/password`, {
    method: "POST",
    body: new URLSearchParams({ password: store.shop.storefrontPassword ?? "" }),
    redirect: "manual",
  });
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

beforeAll(async () => {
  ({ store, manifest } = generateDemoStore({ seed: 42, now: NOW }));
  h = await startShop(store, {}, NOW.getTime());
}, 120_000);
afterAll(() => h.close());

describe("a password-protected storefront", () => {
  it("without a saved password, the run is skipped and says the storefront could not be measured", async () => {
    const run = await runPerfHttp(h.shop, { client: h.client() });
    expect(run.status).toBe("skipped");
    expect(run.reason).toMatch(/password-protected.*could not be measured/);
    expect(run.results).toBeNull();
  });

  it("with a wrong password, the run is skipped and says the password was not accepted", async () => {
    const run = await runPerfHttp(h.shop, { client: h.client(), password: "wrong" });
    expect(run.status).toBe("skipped");
    expect(run.reason).toMatch(/not accepted/);
  });

  it("with the password saved (encrypted) in the shop's secrets, the storefront is crawled", async () => {
    await writeShopSecret(h.shop, "storefront-password", store.shop.storefrontPassword ?? "");
    const run = await runPerfHttp(h.shop, { client: h.client() });
    expect(run.reason).toBeNull();
    expect(run.status).toBe("succeeded");
    results = run.results as PerfHttpResults;
    expect(results.pages.map((p) => [p.type, p.status])).toEqual([
      ["home", 200],
      ["collection", 200],
      ["product", 200],
      ["cart", 200],
      ["search", 200],
    ]);
  });
});

describe("the app footprint of the demo store", () => {
  it("attributes every planted app script and style to its app, with the bytes served", () => {
    const byApp = Object.fromEntries(results.footprint.apps.map((a) => [a.app, a]));
    const reviews = app("nordic-reviews");
    const planted = [...reviews.embed, ...(reviews.blocks["star-rating"] ?? [])];
    expect(byApp["Nordic Reviews (demo store)"]).toMatchObject({
      requests: planted.length,
      bytes: planted.reduce((s, a) => s + a.bytes, 0),
      hosts: ["cdn.nordic-reviews.example"],
    });
    const klik = app("klikmail-email-marketing").embed;
    expect(byApp["Klikmail Email Marketing (demo store)"]).toMatchObject({
      requests: klik.length,
      bytes: klik.reduce((s, a) => s + a.bytes, 0),
      scriptBytes: klik.reduce((s, a) => s + a.bytes, 0),
    });
    // Every planted URL in every page is attributed to the app that planted it.
    const unknown = [UNKNOWN_SCRIPT.url, REMOTE_FONT.url].map((u) => new URL(u).host);
    for (const page of results.pages)
      for (const host of page.bytesByHost.filter((x) => x.host.endsWith(".example"))) {
        if (unknown.includes(host.host)) expect(host.app).toBeNull();
        else expect(host.app).not.toBeNull();
      }
  });

  it("lists the theme's embeds and blocks, the disabled chat embed as off and loading nothing", () => {
    const chat = results.footprint.apps.find((a) => a.app === "Chatly Live Chat (demo store)");
    expect(chat?.theme).toEqual([expect.objectContaining({ kind: "embed", enabled: false })]);
    expect(chat?.bytes).toBe(0);
    const reviews = results.footprint.apps.find((a) => a.app === "Nordic Reviews (demo store)");
    expect(reviews?.theme.map((t) => `${t.kind}:${t.block}:${t.file}`).sort()).toEqual([
      "block:star-rating:templates/product.json",
      "embed:reviews-embed:config/settings_data.json",
    ]);
    expect(reviews?.pages).toEqual(["home", "collection", "product", "cart", "search"]);
  });

  it("counts the currency app installed only as a block in the header group, on every page, and not as a leftover", () => {
    const valuta = results.footprint.apps.find((a) => a.app === "Valuta Converter (demo store)");
    expect(valuta?.theme).toEqual([
      expect.objectContaining({ kind: "block", file: "sections/header-group.json", enabled: true }),
    ]);
    expect(valuta?.pages).toEqual(["home", "collection", "product", "cart", "search"]);
    expect(results.footprint.leftovers.map((l) => l.host)).not.toContain("cdn.valuta.example");
  });

  it("lists the hand-pasted trust badge's host as unknown, not as an app, with where the theme writes it", () => {
    expect(results.footprint.unknownHosts).toEqual([
      expect.objectContaining({
        host: "widgets.trustbadge.example",
        bytes: UNKNOWN_SCRIPT.bytes,
        pages: ["home"],
        themeRefs: [
          {
            file: "templates/index.json",
            line: lineOf(store.themes[0] as never, "templates/index.json", "trustbadge"),
          },
        ],
      }),
      expect.objectContaining({
        host: "fonts.fontpark.example",
        bytes: REMOTE_FONT.bytes,
        pages: ["home", "collection", "product", "cart", "search"],
      }),
    ]);
    expect(results.findings.map((f) => f.key)).toContain(
      "perf.unknown-third-party:host:widgets.trustbadge.example",
    );
  });

  it("finds the leftovers of the three uninstalled apps with file, line and the pages that load them", () => {
    const theme = store.themes[0] as never;
    const leftovers = results.findings.filter((f) => f.ruleId === "perf.app-leftover");
    expect(
      leftovers.map((f) => [f.details.file, f.details.line, f.details.status, f.details.pages]),
    ).toEqual([
      [
        "layout/theme.liquid",
        lineOf(theme, "layout/theme.liquid", LEFTOVER_SCRIPT_URL),
        404,
        ["home", "collection", "product", "cart", "search"],
      ],
      [
        "sections/footer-group.json",
        lineOf(theme, "sections/footer-group.json", "pushly.js"),
        404,
        ["home", "collection", "product", "cart", "search"],
      ],
      [
        "snippets/size-guide.liquid",
        lineOf(theme, "snippets/size-guide.liquid", SNIPPET_LEFTOVER_URL),
        404,
        ["product"],
      ],
    ]);
    const line = lineOf(theme, "layout/theme.liquid", LEFTOVER_SCRIPT_URL);
    expect(leftovers[0]?.message).toContain(`layout/theme.liquid line ${line}`);
    expect(leftovers[1]?.message).toContain(FOOTER_LEFTOVER_URL);
    expect(leftovers[1]?.message).toContain("custom_liquid");
    expect(leftovers[2]?.message).toContain("through sections/main-product.liquid");
    expect(leftovers.every((f) => f.resource.type === "theme")).toBe(true);
  });

  it("finds exactly the planted app leftovers and theme-check problems of the manifest", () => {
    const perfRules = new Set(
      manifest.defects.filter((d) => d.ruleId.startsWith("perf.")).map((d) => d.ruleId),
    );
    const found = results.findings
      .filter((f) => perfRules.has(f.ruleId))
      .map((f) => {
        const planted = manifest.defects.find(
          (d) =>
            d.ruleId === f.ruleId &&
            (f.resource.id === d.resourceId || f.resource.id.startsWith(`${d.resourceId}:`)),
        );
        return `${f.ruleId} ${planted?.resourceId ?? f.resource.id}`;
      })
      .sort();
    const expected = manifest.defects
      .filter((d) => d.ruleId.startsWith("perf."))
      .map((d) => `${d.ruleId} ${d.resourceId}`)
      .sort();
    expect(found).toEqual(expected);
  });

  it("flags the render-blocking third-party scripts and stylesheets in <head>, once each, with the theme line that writes them", () => {
    const blocking = results.findings.filter(
      (f) => f.ruleId === "perf.render-blocking-third-party",
    );
    expect(blocking.map((f) => f.resource.id).sort()).toEqual([
      "https://cdn.nordic-reviews.example/v2/reviews.css",
      REMOTE_FONT_URL,
      "https://static.klikmail.example/onsite/klikmail.js",
    ]);
    const font = blocking.find((f) => f.resource.id === REMOTE_FONT_URL);
    expect(font?.message).toContain(
      `written in layout/theme.liquid line ${lineOf(store.themes[0] as never, "layout/theme.liquid", REMOTE_FONT_URL)}`,
    );
  });

  it("says what it read of the theme and what that cost, and that theme-check ran", () => {
    const theme = store.themes[0];
    const code = theme?.files.filter((f) => !f.filename.startsWith("assets/")) ?? [];
    expect(results.theme).toMatchObject({
      name: "Dawn",
      files: code.length,
      bytes: code.reduce((n, f) => n + Buffer.byteLength(f.body), 0),
      assets: (theme?.files.length ?? 0) - code.length,
      skipped: [],
    });
    // One file-list page and one page of bodies (at most 50 names a request).
    expect(results.theme?.requests).toBe(1 + Math.ceil(code.length / 50));
    expect(results.theme?.cost).toBeGreaterThan(0);
    expect(results.theme?.problems.map((p) => p.file)).toEqual(["sections/newsletter.liquid"]);
    expect(results.themeCheck).toMatchObject({ status: "ran", errors: [] });
    expect(results.comparedWith).toBeNull();
  });
});

describe("the page figures", () => {
  it("equal the bytes the stand-in served for each page and each subresource", async () => {
    const cookie = await login();
    for (const page of results.pages) {
      expect(page.htmlBytes).toBe(await served(page.url, cookie));
      const html = await (await fetch(page.url, { headers: { cookie } })).text();
      // Every tag that downloads a file (a preconnect hint downloads nothing).
      const urls = [...html.matchAll(/<(?:script|link|img)\b[^>]*>/g)]
        .filter((m) => !/rel="preconnect"/.test(m[0]))
        .map((m) => /(?:src|href)="([^"]+)"/.exec(m[0])?.[1])
        .filter((u): u is string => u !== undefined)
        .map((u) => new URL(u.replace(/&#38;/g, "&"), page.url).href)
        .filter((u, i, all) => all.indexOf(u) === i && !u.endsWith(`${h.shop}/`));
      let total = page.htmlBytes;
      for (const url of urls) total += await served(url, cookie);
      expect(page.requests).toBe(1 + urls.length);
      expect(page.totalBytes).toBe(total);
      expect(page.firstPartyBytes + page.thirdPartyBytes).toBe(total);
    }
  });

  it("count third-party JavaScript and images per page", () => {
    const home = results.pages.find((p) => p.type === "home");
    const klik = app("klikmail-email-marketing").embed;
    const reviewsJs = app("nordic-reviews").embed.filter((a) => a.kind === "script");
    const valuta = app("valuta-converter").blocks["currency-switcher"] ?? [];
    expect(home?.thirdPartyScriptBytes).toBe(
      [...klik, ...reviewsJs, ...valuta, UNKNOWN_SCRIPT].reduce((s, a) => s + a.bytes, 0) +
        // The leftovers' 404 bodies count too (layout and footer group): the visitor downloads them.
        2 * "Not Found".length,
    );
    expect(home?.imageBytes).toBeGreaterThan(260 * 1024);
  });
});

describe("change tracking", () => {
  it("reports a newly enabled app embed and its JavaScript in the next run", async () => {
    const settings = store.themes[0]?.files.find((f) => f.filename === "config/settings_data.json");
    if (!settings) throw new Error("no settings_data.json");
    settings.body = settings.body.replace('"disabled": true', '"disabled": false');
    const run = await runPerfHttp(h.shop, { client: h.client() });
    expect(run.results?.comparedWith).toBe(
      results && (await listPerfRuns(h.shop, "http"))[1]?.startedAt.toISOString(),
    );
    const messages = run.results?.changes.map((c) => c.message) ?? [];
    expect(messages).toContain("1 new app embed (Chatly Live Chat (demo store))");
    expect(messages).toContain(
      "+45 KB of JavaScript from widget.chatly.example (Chatly Live Chat (demo store))",
    );
    const runs = await listPerfRuns(h.shop, "http");
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "skipped", "skipped"]);
  });
});

describe("tovholder perf --shop", () => {
  it("prints the run as JSON and stores it, through the shop's offline session", async () => {
    const granted = h.standin.grantOfflineToken(h.shop);
    await sessionStorage.storeSession(
      new Session({
        id: `offline_${h.shop}`,
        shop: h.shop,
        state: "",
        isOnline: false,
        accessToken: granted.accessToken,
        scope: granted.scope,
      }),
    );
    await recordInstall({ shop: h.shop, scopes: granted.scope });
    let stdout = "";
    const code = await perfCommand.execute(["--shop", h.shop, "--format", "json"], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      resolvePath: (p) => p,
    });
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { status: string; results: PerfHttpResults };
    expect(printed.status).toBe("succeeded");
    expect(printed.results.findings.map((f) => f.ruleId)).toContain("perf.app-leftover");
    expect((await listPerfRuns(h.shop, "http"))[0]?.id).toBeDefined();
  });

  it("prints a table of pages, apps and findings", async () => {
    let stdout = "";
    await perfCommand.execute(["--shop", h.shop], {
      stdout: (t) => void (stdout += t),
      stderr: () => undefined,
      resolvePath: (p) => p,
    });
    expect(stdout).toMatch(/^page\s+requests\s+total/m);
    expect(stdout).toMatch(/^Klikmail Email Marketing \(demo store\)\s+embed\s+2\s+244 KB/m);
    expect(stdout).toMatch(/^unknown .*widgets\.trustbadge\.example$/m);
    expect(stdout).toMatch(
      /^theme "Dawn": \d+ code files \(\d+ KB\) read, \d+ assets listed, 2 Admin API requests, query cost \d+$/m,
    );
    expect(stdout).toMatch(
      /^theme-check: \d+ checks in \d+ ms, \d+ offences; not run: TranslationKeyExists/m,
    );
    expect(stdout).toMatch(
      /^warning {2}perf\.theme-parser-blocking-script {2}layout\/theme\.liquid line \d+/m,
    );
  });

  it("rejects a missing --shop with a usage error", async () => {
    await expect(
      perfCommand.execute([], {
        stdout: () => undefined,
        stderr: () => undefined,
        resolvePath: (p) => p,
      }),
    ).rejects.toThrow(/--shop DOMAIN/);
  });
});

describe("a theme-check that fails", () => {
  it("never stops the audit: the run succeeds, says what was not checked, and has no theme-check findings", async () => {
    const run = await runPerfHttp(h.shop, {
      client: h.client(),
      themeCheck: () => Promise.reject(new Error("docs unreadable")),
    });
    expect(run.status).toBe("succeeded");
    expect(run.results?.themeCheck).toMatchObject({ status: "failed", reason: "docs unreadable" });
    expect(run.results?.notes.join("\n")).toMatch(
      /theme-check did not run \(docs unreadable\): syntax errors, missing files/,
    );
    const rules = run.results?.findings.map((f) => f.ruleId) ?? [];
    expect(rules.filter((r) => r.startsWith("perf.theme-"))).toEqual([]);
    expect(rules).toContain("perf.app-leftover");
  });
});

describe("an open storefront", () => {
  it("is measured without any password", async () => {
    h.standin.setPasswordProtection(h.shop, false);
    const run = await runPerfHttp(h.shop, { client: h.client(), password: null });
    expect(run.status).toBe("succeeded");
    expect(run.results?.pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200]);
  });
});
