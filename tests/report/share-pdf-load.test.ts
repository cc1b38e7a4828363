/**
 * A share link's holder cannot stall the server: PDFs render in worker threads, so a health
 * check answers within 200 ms while eight PDFs render at once; an issued version renders once
 * however often it is asked for; and each link gets a bounded number of PDFs per minute.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueReport, saveDraft } from "~/report/models/reports.server";
import { shareReport, SHARE_PDF_RATE } from "~/report/server/share.server";
import { pdfPool } from "~/report/server/pdf-render.server";
import { loader } from "~/routes/r.$token.pdf";
import { isPdf } from "./pdf-helpers";
import { demoLikeReport } from "./fixture";

const SHOP = "pdf-load.myshopify.com";
let health: Server;
let healthUrl = "";

async function issuedShareToken(month: string): Promise<string> {
  const data = { ...demoLikeReport({ shop: SHOP }), month };
  const draft = await saveDraft({ shop: SHOP, month, locale: "da", data });
  await issueReport({ shop: SHOP, id: draft.id, by: "test", data });
  return (await shareReport(SHOP, draft.id)).token;
}

async function sharedPdf(token: string, lang = "da"): Promise<Response> {
  try {
    return (await loader({
      request: new Request(`http://localhost:3000/r/${token}/pdf?lang=${lang}`),
      params: { token },
      context: {},
    })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

beforeAll(async () => {
  // The app server's /healthz, served by this process's event loop, as server/http.ts does.
  health = createServer((_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => health.listen(0, "127.0.0.1", resolve));
  healthUrl = `http://127.0.0.1:${(health.address() as { port: number }).port}/healthz`;
});
afterAll(async () => {
  await new Promise((resolve) => health.close(resolve));
});

describe("share-link PDFs under load", () => {
  it("/healthz answers within 200 ms while eight PDFs render concurrently", async () => {
    const tokens = await Promise.all(
      ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "2026-07", "2026-08"].map(
        issuedShareToken,
      ),
    );
    // The probe itself warmed up (the first fetch of a process loads its HTTP client).
    for (let i = 0; i < 3; i++) await fetch(healthUrl);
    const started = Date.now();
    let rendering = true;
    const renders = Promise.all(tokens.map((t) => sharedPdf(t))).finally(() => {
      rendering = false;
    });
    // Probe once the eight requests have reached the renderer (their database reads are done).
    while (rendering && pdfPool().pending < 2) await new Promise((r) => setTimeout(r, 5));
    const probe = async () => {
      const t0 = performance.now();
      expect((await fetch(healthUrl)).status).toBe(200);
      return performance.now() - t0;
    };
    const probes: number[] = [];
    while (rendering) {
      let took = await probe();
      // A loaded machine may not schedule this process for a moment; a render blocking the
      // event loop (a second or more per PDF) would also fail the probe sent right after.
      if (took >= 200) took = Math.min(took, await probe());
      probes.push(took);
      await new Promise((r) => setTimeout(r, 50));
    }
    const responses = await renders;
    for (const r of responses) {
      expect(r.status).toBe(200);
      expect(isPdf(new Uint8Array(await r.arrayBuffer()))).toBe(true);
    }
    // The renders took long enough for the probes to mean something…
    expect(Date.now() - started).toBeGreaterThan(500);
    expect(probes.length).toBeGreaterThanOrEqual(5);
    // …and none of them waited for a render.
    expect(Math.max(...probes), JSON.stringify(probes.map(Math.round))).toBeLessThan(200);
  });

  it("renders an issued version once, however many ask at the same time or later", async () => {
    const token = await issuedShareToken("2026-09");
    const before = pdfPool().stats.rendered;
    const concurrent = await Promise.all([1, 2, 3, 4].map(() => sharedPdf(token)));
    const later = await sharedPdf(token);
    const all = [...concurrent, later];
    const bodies = await Promise.all(all.map(async (r) => Buffer.from(await r.arrayBuffer())));
    for (const r of all) expect(r.status).toBe(200);
    for (const b of bodies) expect(b.equals(bodies[0]!)).toBe(true);
    expect(pdfPool().stats.rendered - before).toBe(1);
    // Another language is another document.
    expect((await sharedPdf(token, "en")).status).toBe(200);
    expect(pdfPool().stats.rendered - before).toBe(2);
  });

  it("limits the PDFs a single link can ask for, without touching other links", async () => {
    const token = await issuedShareToken("2026-10");
    const other = await issuedShareToken("2026-11");
    const statuses: number[] = [];
    for (let i = 0; i < SHARE_PDF_RATE.capacity; i++)
      statuses.push((await sharedPdf(token)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await sharedPdf(token);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("Cache-Control")).toContain("no-store");
    expect((await sharedPdf(other)).status).toBe(200);
    // An unknown token is a 404 whatever the limit.
    expect((await sharedPdf("A".repeat(43))).status).toBe(404);
  });
});
