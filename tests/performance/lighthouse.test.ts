/**
 * Lighthouse lab runs against the demo store's storefront on the stand-in, for real: Debian's
 * Chromium reaches the stand-in through its TLS front (standin/storefront-tls.ts), configured
 * only through the environment (the egress host map and allow-list, TOVHOLDER_CHROMIUM_ARGS),
 * as the demo does. One page and one run keep it short.
 *
 * The store carries a script tag for every spelling of loopback and for private and metadata
 * addresses, and one on its own domain that a URL redirect sends into loopback (issue 15 §1,
 * decision 016): Chromium goes through the run's filtering proxy, and a loopback trap sees no
 * connection while the page is measured.
 */
import { Session } from "@shopify/shopify-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import perfCommand from "~/cli/commands/perf";
import { recordInstall } from "~/db/shops.server";
import { sessionStorage } from "~/shopify.server";
import { listPerfRuns } from "~/performance/models/performance-runs.server";
import { writeShopSecret } from "~/db/shop-secrets.server";
import { runPerfLighthouse } from "~/performance/server/lighthouse.server";
import { generateDemoStore } from "../../standin/seed/demo-store";
import { startStorefrontTls, type StorefrontTls } from "../../standin/storefront-tls";
import type { StandinStore } from "../../standin/store/types";
import { chromiumAvailable } from "../helpers/browser";
import { startTrap, type Trap } from "../helpers/trap";
import { startShop, type ShopHarness } from "../shopify/helpers";

const NOW = new Date("2025-11-20T12:00:00Z");
let h: ShopHarness;
let store: StandinStore;
let tls: StorefrontTls;
let trap: Trap;
const savedEnv = { ...process.env };

/** Script tags (an app's, as Shopify renders them) at internal addresses: https, so no mixed content. */
function internalScriptUrls(): string[] {
  return [
    ...trap.urls("/script.js").map((u) => u.replace(/^http:/, "https:")),
    "https://169.254.169.254/latest/meta-data/",
    "https://10.0.0.1/internal.js",
    "https://192.168.1.1/router.js",
  ].filter((u, i, all) => all.indexOf(u) === i);
}

beforeAll(async () => {
  trap = await startTrap();
  store = generateDemoStore({ seed: 42, now: NOW }).store;
  for (const [i, src] of internalScriptUrls().entries())
    store.scriptTags.push({
      id: `gid://shopify/ScriptTag/99${i}`,
      src,
      displayScope: "ONLINE_STORE",
      createdAt: NOW.toISOString(),
    });
  // A script on the shop's own domain that a URL redirect sends into loopback.
  store.scriptTags.push({
    id: "gid://shopify/ScriptTag/98",
    src: `https://${store.shop.myshopifyDomain}/apps/old-tracker.js`,
    displayScope: "ONLINE_STORE",
    createdAt: NOW.toISOString(),
  });
  store.urlRedirects = [
    { path: "/apps/old-tracker.js", target: `https://127.0.0.1:${trap.port}/redirected.js` },
  ];
  h = await startShop(store, {}, NOW.getTime());
  tls = await startStorefrontTls(h.standin.url);
  Object.assign(process.env, tls.env);
}, 120_000);
afterAll(async () => {
  process.env = savedEnv;
  await tls?.close();
  await h?.close();
});

describe("where Chromium is missing", () => {
  it("the run is skipped and says Chromium is not available", async () => {
    process.env.TOVHOLDER_CHROMIUM = "/nonexistent/chromium";
    try {
      const run = await runPerfLighthouse(h.shop, { runs: 1 });
      expect(run.status).toBe("skipped");
      expect(run.reason).toMatch(
        /Chromium is not available on this server.*\/nonexistent\/chromium/,
      );
      expect(run.lighthouse).toBeNull();
    } finally {
      delete process.env.TOVHOLDER_CHROMIUM;
    }
  });
});

describe("a password-protected storefront", () => {
  it("without a saved password, the run is skipped: the storefront could not be measured", async () => {
    const run = await runPerfLighthouse(h.shop, { runs: 1 });
    expect(run.status).toBe("skipped");
    expect(run.reason).toMatch(/password-protected.*could not be measured/);
  });

  it.runIf(chromiumAvailable())(
    "with the saved password, Lighthouse measures the page in Chromium, offline",
    async () => {
      await writeShopSecret(h.shop, "storefront-password", store.shop.storefrontPassword ?? "");
      const progress: string[] = [];
      const started = Date.now();
      const run = await runPerfLighthouse(h.shop, {
        runs: 1,
        pages: ["home"],
        onProgress: (phase) => void progress.push(phase),
      });
      console.log(`Lighthouse: 1 run of the home page in ${Date.now() - started} ms`);
      expect(run.reason).toBeNull();
      expect(run.status).toBe("succeeded");
      const page = run.lighthouse?.pages[0];
      expect(page?.type).toBe("home");
      expect(page?.url).toBe(`https://${h.shop}/`);
      expect(page?.runs).toHaveLength(1);
      expect(page?.median.score).toBeGreaterThan(0);
      expect(page?.median.score).toBeLessThanOrEqual(100);
      expect(page?.median.lcpMs).toBeGreaterThan(0);
      expect(progress).toEqual(["Lighthouse: home page, run 1 of 1"]);
      // The page's script tags at internal addresses: refused by the proxy, never connected.
      expect(trap.hits).toEqual([]);
      expect(run.lighthouse?.notes).toContainEqual(
        expect.stringMatching(
          /^Chromium was not let through to \d+ internal network addresses the pages refer to \(.*127\.0\.0\.1.*\); nothing there was loaded\.$/,
        ),
      );
      expect((await listPerfRuns(h.shop, "lighthouse")).map((r) => r.status)).toEqual([
        "succeeded",
        "skipped",
        "skipped",
      ]);
    },
    90_000,
  );
});

describe("the bytes one run may move", () => {
  it.runIf(chromiumAvailable())(
    "a storefront heavier than the run's limit stops the run, which says so",
    async () => {
      const run = await runPerfLighthouse(h.shop, {
        runs: 1,
        pages: ["home"],
        maxBytes: 200 * 1024,
      });
      expect(run.status).toBe("failed");
      expect(run.reason).toBe(
        "Stopped: the storefront made Chromium download more than 200 KB, the limit for one Lighthouse run.",
      );
      expect(trap.hits).toEqual([]);
    },
    90_000,
  );
});

describe("tovholder perf --lighthouse", () => {
  const cli = async (args: string[]) => {
    let stdout = "";
    let stderr = "";
    const code = await perfCommand.execute(args, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      resolvePath: (p) => p,
    });
    return { code, stdout, stderr };
  };

  it("runs the HTTP analysis and says plainly that Lighthouse was skipped where Chromium is missing", async () => {
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
    process.env.TOVHOLDER_CHROMIUM = "/nonexistent/chromium";
    try {
      const { code, stdout } = await cli([
        "--shop",
        h.shop,
        "--lighthouse",
        "--runs",
        "1",
        "--format",
        "json",
      ]);
      expect(code).toBe(1);
      const printed = JSON.parse(stdout) as {
        status: string;
        lighthouse: { status: string; reason: string; results: unknown };
      };
      expect(printed.status).toBe("succeeded");
      expect(printed.lighthouse.status).toBe("skipped");
      expect(printed.lighthouse.reason).toMatch(/Chromium is not available on this server/);
      expect(printed.lighthouse.results).toBeNull();

      let stdoutTable = "";
      await expect(
        perfCommand.execute(["--shop", h.shop, "--lighthouse"], {
          stdout: (t) => void (stdoutTable += t),
          stderr: () => undefined,
          resolvePath: (p) => p,
        }),
      ).rejects.toThrow(/Lighthouse: Chromium is not available on this server/);
      expect(stdoutTable).toMatch(/^page\s+requests\s+total/m);
    } finally {
      delete process.env.TOVHOLDER_CHROMIUM;
    }
  });

  it("refuses --runs outside 1–9 and --runs without --lighthouse", async () => {
    await expect(cli(["--shop", h.shop, "--lighthouse", "--runs", "0"])).rejects.toThrow(
      /--runs must be a whole number from 1 to 9/,
    );
    await expect(cli(["--shop", h.shop, "--runs", "2"])).rejects.toThrow(
      /--runs goes with --lighthouse/,
    );
  });
});
