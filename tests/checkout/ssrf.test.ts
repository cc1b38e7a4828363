/**
 * The checkout check opens a URL on the shop's primary domain (whose DNS the merchant controls)
 * and follows the storefront's redirects (issue 15 §1, decision 016). A checkout URL or a redirect
 * into loopback, private or metadata addresses is refused before any connection: a loopback trap
 * counts zero. Redirects stop after 5.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openCheckout } from "~/shopify/storefront/checkout-page.server";
import { PRIVATE_URLS, startTrap, type Trap } from "../helpers/trap";

const SHOP = "checkout-hostile.myshopify.com";
let trap: Trap;
let server: ReturnType<typeof createServer>;
const hits: string[] = [];
const saved = process.env.SHOPIFY_STANDIN_URL;

beforeAll(async () => {
  trap = await startTrap();
  // The storefront (reached through the test setup's routing of *.myshopify.com).
  server = createServer((req, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    hits.push(path);
    const m = /^\/(to-trap|loop)\/(\d+)$/.exec(path);
    if (m?.[1] === "to-trap") {
      const target = trap.urls(`/checkouts/cn/${m[2]}`)[Number(m[2])] ?? "";
      return void res.writeHead(302, { location: target }).end();
    }
    if (m?.[1] === "loop")
      return void res.writeHead(302, { location: `/loop/${Number(m[2]) + 1}` }).end();
    res.writeHead(200, { "content-type": "text/html" }).end("<h1>Checkout</h1>");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.SHOPIFY_STANDIN_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.SHOPIFY_STANDIN_URL;
  else process.env.SHOPIFY_STANDIN_URL = saved;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await trap.close();
});
beforeEach(() => {
  hits.length = 0;
  trap.hits.length = 0;
});

describe("the checkout check refuses internal addresses", () => {
  it("does not open a checkout URL at loopback (any spelling), private or metadata addresses", async () => {
    for (const url of [...trap.urls("/checkouts/cn/x"), ...PRIVATE_URLS]) {
      const opened = await openCheckout(url);
      expect(opened.kind, url).toBe("network");
      expect(opened.detail, url).toMatch(/address; Tovholder does not connect to it$/);
    }
    expect(trap.hits).toEqual([]);
  });

  it("follows the storefront's redirect only up to the hop into loopback", async () => {
    const spellings = trap.urls().length;
    for (let i = 0; i < spellings; i++) {
      const opened = await openCheckout(`https://${SHOP}/to-trap/${i}`);
      expect(opened.kind).toBe("network");
      expect(opened.redirects).toBe(1);
    }
    expect(hits).toHaveLength(spellings);
    expect(trap.hits).toEqual([]);
  });

  it("stops after 5 redirects", async () => {
    const opened = await openCheckout(`https://${SHOP}/loop/0`);
    expect(opened).toMatchObject({ kind: "error", detail: "too many redirects" });
    expect(hits).toEqual(["/loop/0", "/loop/1", "/loop/2", "/loop/3", "/loop/4", "/loop/5"]);
  });

  it("still opens the shop's own checkout", async () => {
    expect(await openCheckout(`https://${SHOP}/checkouts/cn/ok`)).toMatchObject({
      kind: "checkout",
      status: 200,
    });
  });
});
