/**
 * `tovholder checkout --shop` end to end: the demo store on the stand-in, installed through token
 * exchange; the spawned CLI runs readiness and a synthetic cart per market, prints them, stores
 * the run, and exits 1 because the demo storefront is password-protected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCheckoutRuns } from "~/checkout/models/checkout-runs.server";
import type { Standin } from "../../standin/server";
import { cliThroughStandin, startStandinWithInstalledShop } from "../helpers/standin-cli";
import { generateDemoStore } from "../../standin/seed/demo-store";

const SHOP = "nordvej-outdoor.myshopify.com";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandinWithInstalledShop(
    generateDemoStore({ seed: 42, now: new Date() }).store,
  );
  standin.setBucket(SHOP, { maximumAvailable: 1_000_000, restoreRate: 100_000 });
});

afterAll(async () => {
  await standin.close();
});

const cli = cliThroughStandin;

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
