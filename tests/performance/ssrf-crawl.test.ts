/**
 * Server-side request forgery against the storefront crawl (issue 15 §1, decision 016).
 *
 * A storefront's HTML is the merchant's: here a hostile storefront on loopback (reached, like the
 * stand-in, through the test setup's routing of *.myshopify.com) points its pages at a loopback
 * trap in every spelling, at private, link-local and metadata addresses, redirects into loopback,
 * redirects forever, streams an endless file, never finishes one, and refers to more files than
 * a page may have. The trap counts TCP connections: "nothing is fetched" is zero connections.
 * Every crawl completes.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CRAWL_LIMITS } from "~/performance/domain/crawl-limits";
import type { CrawledPage, FetchedResource } from "~/performance/domain/types";
import { crawlStorefront, type CrawlResult } from "~/shopify/storefront-crawl.server";
import { PRIVATE_URLS, startTrap, type Trap } from "../helpers/trap";

const SHOP = "hostile-shop.myshopify.com";
const MB = 1024 * 1024;

interface Hostile {
  url: string;
  /** HTML of the home page; other pages are small and clean. */
  home: string;
  /** Requests per path. */
  hits: Map<string, number>;
  /** Bytes written for /huge.bin before the client went away. */
  hugeBytesSent: number;
  close(): Promise<void>;
}

const page = (body: string) =>
  `<!doctype html><html><head><title>Shop</title></head><body>${body}</body></html>`;

async function startHostile(trap: Trap): Promise<Hostile> {
  const state: Hostile = {
    url: "",
    home: page(""),
    hits: new Map(),
    hugeBytesSent: 0,
    close: async () => undefined,
  };
  const open = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    state.hits.set(path, (state.hits.get(path) ?? 0) + 1);
    open.add(res);
    res.on("close", () => open.delete(res));
    let m: RegExpExecArray | null;
    if (path === "/")
      return void res.writeHead(200, { "content-type": "text/html" }).end(state.home);
    // Redirects into loopback: one hop, two hops, and each trap spelling.
    if ((m = /^\/to-trap\/(\d+)$/.exec(path))) {
      const target = trap.urls(`/redirected-${m[1]}`)[Number(m[1])] ?? "";
      return void res.writeHead(302, { location: target }).end();
    }
    if (path === "/hop-1") return void res.writeHead(301, { location: "/hop-2" }).end();
    if (path === "/hop-2")
      return void res
        .writeHead(307, { location: `http://2130706433:${trap.port}/after-two-hops` })
        .end();
    if (path === "/collections/redirected")
      return void res
        .writeHead(302, { location: `http://127.0.0.1:${trap.port}/collections/all` })
        .end();
    if ((m = /^\/loop\/(\d+)$/.exec(path)))
      return void res.writeHead(302, { location: `/loop/${Number(m[1]) + 1}` }).end();
    if (path === "/huge.bin") {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(256 * 1024, 7);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) state.hugeBytesSent += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      return pump();
    }
    if (path === "/slow.js") {
      res.writeHead(200, { "content-type": "text/javascript" });
      return void res.write("/* and then nothing more */");
    }
    if ((m = /^\/(?:img|chunk)\/(\d+)\.\w+$/.exec(path)))
      return void res
        .writeHead(200, { "content-type": "application/octet-stream" })
        .end(Buffer.alloc(path.startsWith("/chunk") ? 64 * 1024 : 100, 1));
    res.writeHead(200, { "content-type": "text/html" }).end(page(`<p>${path}</p>`));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const res of open) res.destroy();
      server.close(() => resolve());
    });
  return state;
}

let trap: Trap;
let hostile: Hostile;
const savedStandin = process.env.SHOPIFY_STANDIN_URL;

beforeAll(async () => {
  trap = await startTrap();
  hostile = await startHostile(trap);
  process.env.SHOPIFY_STANDIN_URL = hostile.url;
});
afterAll(async () => {
  if (savedStandin === undefined) delete process.env.SHOPIFY_STANDIN_URL;
  else process.env.SHOPIFY_STANDIN_URL = savedStandin;
  await hostile?.close();
  await trap?.close();
});
beforeEach(() => {
  hostile.hits.clear();
  trap.hits.length = 0;
});

function pages(result: CrawlResult): CrawledPage[] {
  if (result.status !== "ok") throw new Error(`crawl ${result.status}: ${result.reason}`);
  return result.pages;
}

function homeResources(result: CrawlResult): FetchedResource[] {
  const home = pages(result).find((p) => p.type === "home");
  if (!home) throw new Error("no home page");
  return home.resources;
}

const tags = (urls: string[]) =>
  urls
    .map((u, i) =>
      i % 3 === 0
        ? `<script src="${u}"></script>`
        : i % 3 === 1
          ? `<img src="${u}">`
          : `<link rel="stylesheet" href="${u}">`,
    )
    .join("\n");

describe("the crawl refuses internal addresses", () => {
  it("fetches nothing at loopback in any spelling, nor at private, link-local or metadata addresses, and completes", async () => {
    const internal = [...trap.urls(), ...PRIVATE_URLS];
    hostile.home = page(`<a href="/products/tent">Tent</a>${tags(internal)}<img src="/img/1.png">`);
    const result = await crawlStorefront({ host: SHOP, password: null });
    expect(trap.hits).toEqual([]);
    const resources = homeResources(result);
    for (const url of internal) {
      const r = resources.find((x) => x.url === new URL(url).href);
      expect(r, url).toMatchObject({ status: null, bytes: 0, limit: "internal-address" });
    }
    // The shop's own files are still measured.
    expect(resources.find((r) => r.url.endsWith("/img/1.png"))).toMatchObject({
      status: 200,
      bytes: 100,
    });
    expect(pages(result).map((p) => p.type)).toEqual(["home", "product", "cart", "search"]);
  });

  it("follows a redirect only to the hop that leads into loopback, and not into it", async () => {
    const spellings = trap.urls().length;
    const redirecting = Array.from({ length: spellings }, (_, i) => `https://${SHOP}/to-trap/${i}`);
    hostile.home = page(
      `${tags(redirecting)}<script src="https://${SHOP}/hop-1"></script><a href="/collections/redirected">All</a>`,
    );
    const result = await crawlStorefront({ host: SHOP, password: null });
    expect(trap.hits).toEqual([]);
    const resources = homeResources(result);
    for (const url of [...redirecting, `https://${SHOP}/hop-1`])
      expect(resources.find((r) => r.url === url)?.limit, url).toBe("internal-address");
    // The storefront's own hops were requested: the refusal is at the hop into loopback.
    expect(hostile.hits.get("/hop-1")).toBe(1);
    expect(hostile.hits.get("/hop-2")).toBe(1);
    expect(hostile.hits.get("/to-trap/0")).toBe(1);
    // A page whose link redirects into loopback is not measured, and says why; the run goes on.
    if (result.status !== "ok") throw new Error(result.status);
    expect(result.unmeasured).toEqual([
      expect.objectContaining({
        type: "collection",
        url: `https://${SHOP}/collections/redirected`,
        limit: "internal-address",
      }),
    ]);
    expect(pages(result).map((p) => p.type)).toEqual(["home", "cart", "search"]);
  });

  it("refuses a storefront whose own address leads into loopback: the run is unreachable, nothing fetched", async () => {
    hostile.home = "";
    const result = await crawlStorefront({ host: `127.0.0.1:${trap.port}`, password: null });
    expect(result.status).toBe("unreachable");
    expect(result.status !== "ok" && result.reason).toMatch(
      /127\.0\.0\.1 is a loopback address; Tovholder does not connect to it/,
    );
    expect(trap.hits).toEqual([]);
  });
});

describe("the crawl's limits", () => {
  it(`follows at most ${CRAWL_LIMITS.redirects} redirects per request`, async () => {
    hostile.home = page(`<script src="https://${SHOP}/loop/0"></script>`);
    const result = await crawlStorefront({ host: SHOP, password: null });
    const loop = homeResources(result).find((r) => r.url.endsWith("/loop/0"));
    expect(loop).toMatchObject({ limit: "redirects", bytes: 0 });
    const requested = [...hostile.hits.keys()].filter((p) => p.startsWith("/loop/"));
    expect(requested).toHaveLength(1 + CRAWL_LIMITS.redirects);
  });

  it(`reads at most ${CRAWL_LIMITS.resourceBytes / MB} MB of one file and stops the download`, async () => {
    hostile.home = page(`<img src="https://${SHOP}/huge.bin"><img src="/img/2.png">`);
    const result = await crawlStorefront({ host: SHOP, password: null });
    const resources = homeResources(result);
    expect(resources.find((r) => r.url.endsWith("/huge.bin"))).toMatchObject({
      status: 200,
      bytes: CRAWL_LIMITS.resourceBytes,
      limit: "resource-bytes",
    });
    expect(resources.find((r) => r.url.endsWith("/img/2.png"))).toMatchObject({ bytes: 100 });
    // The server stopped being read: what it could push is the limit plus socket buffers.
    await expect.poll(() => hostile.hits.get("/huge.bin")).toBe(1);
    expect(hostile.hugeBytesSent).toBeLessThan(CRAWL_LIMITS.resourceBytes + 16 * MB);
  });

  it(`downloads at most ${CRAWL_LIMITS.resourcesPerPage} files of one page`, async () => {
    const count = CRAWL_LIMITS.resourcesPerPage + 60;
    hostile.home = page(
      Array.from({ length: count }, (_, i) => `<img src="/img/${i}.png">`).join(""),
    );
    const result = await crawlStorefront({ host: SHOP, password: null });
    const home = pages(result).find((p) => p.type === "home");
    expect(home?.resources).toHaveLength(CRAWL_LIMITS.resourcesPerPage);
    expect(home?.omittedResources).toBe(60);
    const downloaded = [...hostile.hits.keys()].filter((p) => p.startsWith("/img/"));
    expect(downloaded).toHaveLength(CRAWL_LIMITS.resourcesPerPage);
  });

  it("stops downloading when the run's byte budget is spent, and says which files it left out", async () => {
    const runBytes = 1 * MB;
    hostile.home = page(
      Array.from({ length: 40 }, (_, i) => `<img src="/chunk/${i}.bin">`).join(""),
    );
    const result = await crawlStorefront({
      host: SHOP,
      password: null,
      limits: { runBytes },
      concurrency: 1,
    });
    const home = homeResources(result);
    const counted = home.reduce((n, r) => n + r.bytes, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(runBytes);
    expect(home.filter((r) => r.limit === "run-bytes").length).toBeGreaterThan(20);
    // Once the budget was spent, nothing more was requested.
    const requested = [...hostile.hits.keys()].filter((p) => p.startsWith("/chunk/")).length;
    expect(requested).toBeLessThanOrEqual(Math.ceil(runBytes / (64 * 1024)) + 1);
    expect(requested).toBeLessThan(40);
  });

  it("gives up on a request that does not finish within its timeout; the crawl completes", async () => {
    hostile.home = page(
      `<script src="https://${SHOP}/slow.js" defer></script><img src="/img/3.png">`,
    );
    const result = await crawlStorefront({
      host: SHOP,
      password: null,
      limits: { requestTimeoutMs: 1_000 },
    });
    const resources = homeResources(result);
    expect(resources.find((r) => r.url.endsWith("/slow.js"))).toMatchObject({
      status: 200,
      limit: "timeout",
    });
    expect(resources.find((r) => r.url.endsWith("/img/3.png"))).toMatchObject({ bytes: 100 });
  });
});
