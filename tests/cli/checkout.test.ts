/**
 * `tovholder checkout --shop` end to end: the demo store on the stand-in, installed through token
 * exchange; the spawned CLI runs readiness and a synthetic cart per market, prints them, stores
 * the run, and exits 1 because the demo storefront is password-protected.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiVersion, LogSeverity, RequestedTokenType, shopifyApi } from "@shopify/shopify-api";
import { API_KEY, API_SECRET_KEY } from "@shopify/shopify-api/test-helpers";
import { sessionStorage } from "~/shopify.server";
import { listCheckoutRuns } from "~/models/checkout-runs.server";
import { startStandin, type Standin } from "../../standin/server";
import { mintSessionToken } from "../../scripts/lib/session-token";
import { ROOT } from "../helpers/databases";
import { generateDemoStore } from "../../standin/seed/demo-store";

const SHOP = "nordvej-outdoor.myshopify.com";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandin({
    stores: [generateDemoStore({ seed: 42, now: new Date() }).store],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
  standin.setBucket(SHOP, { maximumAvailable: 1_000_000, restoreRate: 100_000 });
  const api = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: API_SECRET_KEY,
    apiVersion: ApiVersion.October26,
    hostName: "localhost:3000",
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error },
    future: {},
  });
  const { session } = await api.auth.tokenExchange({
    shop: SHOP,
    sessionToken: await mintSessionToken({
      shop: SHOP,
      apiKey: API_KEY,
      apiSecret: API_SECRET_KEY,
    }),
    requestedTokenType: RequestedTokenType.OfflineAccessToken,
    expiring: true,
  });
  await sessionStorage.storeSession(session);
});

afterAll(async () => {
  await standin.close();
});

async function cli(args: string[]) {
  return promisify(execFile)(
    join(ROOT, "node_modules/.bin/tsx"),
    [join(ROOT, "bin/tovholder.ts"), ...args],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_OPTIONS: `--import ${join(ROOT, "standin/install-routing.ts")}`,
      },
    },
  );
}

type Failed = { code: number; stdout: string; stderr: string };
const fails = (args: string[]) =>
  cli(args).then(
    () => {
      throw new Error("expected a non-zero exit");
    },
    (error: Failed) => error,
  );

describe("tovholder checkout", () => {
  it("--help explains the command", async () => {
    const { stdout } = await cli(["checkout", "--help"]);
    expect(stdout).toMatch(/Usage: tovholder checkout --shop DOMAIN \[--format table\|json\]/);
    expect(stdout).toMatch(/never places an order/);
  });

  it("refuses wrong arguments with one line and exit code 2", async () => {
    const missing = await fails(["checkout"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split("\n")[0]).toMatch(/--shop DOMAIN/);
    const format = await fails(["checkout", "--shop", SHOP, "--format", "xml"]);
    expect(format.code).toBe(2);
  });

  it("fails with one line for a shop the app is not installed on", async () => {
    const failed = await fails(["checkout", "--shop", "nobody.myshopify.com"]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/no offline session for nobody\.myshopify\.com/);
  });

  it("runs the checks: per market JSON results and findings, stored, exit 1 on the protected demo", async () => {
    const failed = await fails(["checkout", "--shop", SHOP, "--format", "json"]);
    expect(failed.code).toBe(1);
    const result = JSON.parse(failed.stdout) as {
      status: string;
      markets: { market: string; status: string; reason: string }[];
      findings: { ruleId: string; key: string; severity: string; resource: { type: string } }[];
    };
    expect(result.status).toBe("fail");
    expect(result.markets.map((m) => m.market).sort()).toEqual([
      "ch",
      "dk",
      "eu",
      "no",
      "se",
      "uk",
    ]);
    expect(result.markets.every((m) => /password page/.test(m.reason))).toBe(true);
    expect(result.findings.map((f) => f.ruleId)).toContain("checkout.storefront-password");
    expect(result.findings[0]).toMatchObject({
      key: expect.any(String),
      resource: expect.any(Object),
    });
    expect(failed.stderr).toMatch(
      /checkout checks failed on nordvej-outdoor\.myshopify\.com: 6 of 6 markets failed/,
    );
    expect(await listCheckoutRuns(SHOP)).toHaveLength(1);
  }, 120_000);

  it("prints a table per market when the storefront is open; CH still fails", async () => {
    standin.setPasswordProtection(SHOP, false);
    const failed = await fails(["checkout", "--shop", SHOP]);
    expect(failed.stdout).toMatch(/^dk\s+DK\s+pass\s*$/m);
    expect(failed.stdout).toMatch(/^ch\s+CH\s+fail\s+Shopify cannot ship/m);
    expect(failed.stdout).toMatch(/readiness findings/);
    expect(failed.stderr).toMatch(/1 of 6 markets failed/);
  }, 120_000);
});
