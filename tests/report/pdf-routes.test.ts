/**
 * PDF downloads and the report settings, through the routes: the admin PDF is always the
 * session shop's report (shop B here, demo mode's session), a share link's PDF is the report of
 * the link's shop with that shop's branding, and the settings form refuses invalid branding.
 */
import { describe, expect, it, vi } from "vitest";
import { isPdf, pdfText } from "./pdf-helpers";
import { TINY_PNG } from "./fixture";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  // Demo mode is refused with Shopify credentials: drop the test helpers' ones (demo defaults apply).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  process.env.DEMO_SHOP = "pdf-b.myshopify.com";
});

const { Session } = await import("@shopify/shopify-api");
const { sessionStorage } = await import("~/shopify.server");
const { buildReport } = await import("~/report/domain/build");
const { issueReport, saveDraft } = await import("~/report/models/reports.server");
const { reportOptions, saveReportOptions } = await import("~/db/shop-settings.server");
const { DEFAULT_REPORT_OPTIONS } = await import("~/report/domain/branding");
const { shareReport, revokeReportShare } = await import("~/report/server/share.server");
const adminPdf = await import("~/routes/app.reports_.$month.pdf");
const sharedPdf = await import("~/routes/r.$token.pdf");
const settings = await import("~/routes/app.settings");

const A = "pdf-a.myshopify.com";
const B = "pdf-b.myshopify.com";
const MONTH = "2026-10";

await sessionStorage.storeSession(
  new Session({ id: `offline_${B}`, shop: B, state: "", isOnline: false, accessToken: "shpat_b" }),
);

function data(shop: string, name: string, commentary: string) {
  return buildReport({
    shop,
    month: MONTH,
    timeZone: "UTC",
    now: "2026-11-05T00:00:00Z",
    shopInfo: { name, currencyCode: "DKK", countryCode: "DK", primaryLocale: "da" },
    runs: [],
    lastRunFindings: null,
    ruleTitles: {},
    suppressions: [],
    orderKpis: [],
    scopes: null,
    checkoutRuns: [],
    funnel: [],
    alerts: [],
    perfRuns: [],
    commentary,
    priorities: "",
  });
}

const get = (path: string) => new Request(`http://localhost:3000${path}`);
const bytes = async (r: Response) => new Uint8Array(await r.arrayBuffer());
const thrown = async (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as Response,
  );

describe("report PDF routes", () => {
  it("give a session only its own shop's report, and a share link only its shop's", async () => {
    const a = data(A, "Shop A Ærø", "A's secret commentary");
    const v1 = await saveDraft({ shop: A, month: MONTH, locale: "da", data: a });
    await issueReport({ shop: A, id: v1.id, by: "anna", data: a });
    await saveReportOptions(A, { ...DEFAULT_REPORT_OPTIONS, preparedBy: "Agency of A" });
    const { token, link } = await shareReport(A, v1.id);

    // B asks for the same month (and A's version number): B's own report, never A's.
    const response = (await adminPdf.loader({
      request: get(`/app/reports/${MONTH}/pdf`),
      params: { month: MONTH },
      context: {},
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="report-pdf-b-2026-10-v1\.pdf"$/,
    );
    const pdf = await bytes(response);
    expect(isPdf(pdf)).toBe(true);
    const text = pdfText(pdf);
    expect(text).toContain("pdf-b.myshopify.com");
    expect(text).not.toContain("Shop A");
    expect(text).not.toContain("A's secret");
    expect(text).not.toContain("Agency of A");
    const missing = await thrown(
      adminPdf.loader({
        request: get(`/app/reports/${MONTH}/pdf?version=7`),
        params: { month: MONTH },
        context: {},
      }),
    );
    expect(missing).toMatchObject({ status: 404 });
    expect(
      await thrown(
        adminPdf.loader({
          request: get(`/app/reports/x/pdf`),
          params: { month: "x" },
          context: {},
        }),
      ),
    ).toMatchObject({ status: 404 });

    // The share link opens A's issued report with A's branding, inline, never cached or indexed.
    const shared = (await sharedPdf.loader({
      request: get(`/r/${token}/pdf`),
      params: { token },
      context: {},
    })) as Response;
    expect(shared.status).toBe(200);
    expect(shared.headers.get("Content-Type")).toBe("application/pdf");
    expect(shared.headers.get("Content-Disposition")).toMatch(/^inline; filename="report-pdf-a-/);
    expect(shared.headers.get("X-Robots-Tag")).toContain("noindex");
    expect(shared.headers.get("Cache-Control")).toContain("no-store");
    const sharedText = pdfText(await bytes(shared));
    expect(sharedText).toContain("Udarbejdet til Shop A Ærø");
    expect(sharedText).toContain("Udarbejdet af Agency of A");
    expect(sharedText).toContain("A's secret commentary");

    // Unknown, malformed and revoked tokens: the same 404.
    const other = token.replace(/^./, (c) => (c === "A" ? "B" : "A"));
    for (const t of [other, "short", `${token}x`]) {
      const r = await thrown(
        sharedPdf.loader({ request: get(`/r/${t}/pdf`), params: { token: t }, context: {} }),
      );
      expect(r, t).toMatchObject({ status: 404 });
    }
    await revokeReportShare(A, link.id);
    expect(
      await thrown(
        sharedPdf.loader({ request: get(`/r/${token}/pdf`), params: { token }, context: {} }),
      ),
    ).toMatchObject({ status: 404 });
  });
});

describe("report settings form", () => {
  const post = (fields: Record<string, string>) =>
    settings.action({
      request: new Request("http://localhost:3000/app/settings", {
        method: "POST",
        body: new URLSearchParams({ intent: "report", ...fields }),
      }),
      params: {},
      context: {},
    });
  const valid = {
    primaryColor: "#0b3d91",
    accentColor: "#f5a623",
    preparedBy: "Bureau B",
    recipients: "owner@shop-b.test",
    autoIssue: "on",
    logo: TINY_PNG,
  };

  it("saves valid branding for the session's shop only, and refuses invalid values", async () => {
    expect(await post(valid)).toMatchObject({ form: "report", ok: true });
    expect(await reportOptions(B)).toMatchObject({
      logo: TINY_PNG,
      primaryColor: "#0b3d91",
      recipients: ["owner@shop-b.test"],
      autoIssue: true,
    });
    const big = `data:image/png;base64,${Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(300 * 1024),
    ]).toString("base64")}`;
    const svg = `data:image/svg+xml;base64,${Buffer.from("<svg/>").toString("base64")}`;
    for (const [field, value] of [
      ["primaryColor", "blue"],
      ["accentColor", "#12"],
      ["recipients", "owner@shop-b.test, nope"],
      ["logo", big],
      ["logo", svg],
    ] as const) {
      const r = await post({ ...valid, [field]: value });
      expect(r, `${field}=${value.slice(0, 30)}`).toMatchObject({
        form: "report",
        ok: false,
        errors: { [field]: expect.any(String) },
      });
    }
    // Nothing invalid was stored; turning auto-issue off keeps the rest.
    await post({ ...valid, autoIssue: "", logo: "" });
    expect(await reportOptions(B)).toMatchObject({ logo: TINY_PNG, autoIssue: false });
    const page = await settings.loader({ request: get("/app/settings"), params: {}, context: {} });
    expect(page.report).toMatchObject({ preparedBy: "Bureau B", recipients: "owner@shop-b.test" });
  });
});
