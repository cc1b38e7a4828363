/**
 * `tovholder snapshot --shop` end to end: the shop is installed through token exchange against
 * the offline stand-in, and the spawned CLI reaches the stand-in through the same routing
 * preload the demo server uses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSnapshots } from "~/snapshot/models/snapshots.server";
import type { Standin } from "../../standin/server";
import { cliThroughStandin, startStandinWithInstalledShop } from "../helpers/standin-cli";
import { makeStore } from "../standin/fixtures";

const SHOP = "cli-shop.myshopify.com";
let standin: Standin;

beforeAll(async () => {
  standin = await startStandinWithInstalledShop(makeStore({ shop: SHOP, products: 12 }));
});

afterAll(async () => {
  await standin.close();
});

const cli = cliThroughStandin;

describe("tovholder snapshot --shop", () => {
  it("collects the live shop with its offline session: JSON on stdout, progress on stderr, stored with --save", async () => {
    const { stdout, stderr } = await cli([
      "snapshot",
      "--shop",
      SHOP,
      "--format",
      "json",
      "--save",
    ]);
    const result = JSON.parse(stdout) as {
      source: { kind: string; strategy: string };
      products: number;
      locations: number | null;
      stored: { id: string };
    };
    expect(result).toMatchObject({
      source: { kind: "shop", name: SHOP, strategy: "paged" },
      shop: SHOP,
      products: 12,
    });
    expect(result.locations).toBeGreaterThan(0);
    expect(stderr).toMatch(new RegExp(`^${SHOP}: products 12/12$`, "m"));
    expect((await listSnapshots(SHOP)).map((r) => r.id)).toEqual([result.stored.id]);
  });
});
