/**
 * The report pages act only on the session's shop: the month and version come from the URL and
 * the ids in forms from the browser, so a session of one shop must never read, edit, issue,
 * share or revoke another shop's report through them. Runs as shop B (demo mode's session);
 * shop A's reports are stored directly.
 */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  // Demo mode is refused with Shopify credentials: drop the test helpers' ones (demo defaults apply).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  process.env.DEMO_SHOP = "routes-b.myshopify.com";
});

const { Session } = await import("@shopify/shopify-api");
const { sessionStorage } = await import("~/shopify.server");
const { buildReport } = await import("~/report/domain/build");
const { issueReport, saveDraft, getReport, listShareLinks } =
  await import("~/report/models/reports.server");
const { shareReport, openSharedReport } = await import("~/report/server/share.server");
const month = await import("~/routes/app.reports_.$month");

const A = "routes-a.myshopify.com";
const B = "routes-b.myshopify.com";
const MONTH = "2026-10";

await sessionStorage.storeSession(
  new Session({ id: `offline_${B}`, shop: B, state: "", isOnline: false, accessToken: "shpat_b" }),
);

function data(shop: string, commentary: string) {
  return buildReport({
    shop,
    month: MONTH,
    timeZone: "UTC",
    now: "2026-11-05T00:00:00Z",
    shopInfo: { name: `Shop ${shop}`, currencyCode: "DKK", countryCode: "DK", primaryLocale: "en" },
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

const request = (path: string, form?: Record<string, string>) =>
  new Request(`http://localhost:3000${path}`, {
    method: form ? "POST" : "GET",
    ...(form && { body: new URLSearchParams(form) }),
  });

async function load(path: string) {
  return month.loader({ request: request(path), params: { month: MONTH }, context: {} });
}
async function act(form: Record<string, string>) {
  return month.action({
    request: request(`/app/reports/${MONTH}`, form),
    params: { month: MONTH },
    context: {},
  });
}

describe("report pages between shops", () => {
  it("never show, edit, issue, share or revoke another shop's report", async () => {
    // Shop A: version 1 issued (shared), version 2 a draft.
    const v1 = await saveDraft({ shop: A, month: MONTH, locale: "en", data: data(A, "A secret") });
    await issueReport({ shop: A, id: v1.id, by: "anna", data: data(A, "A secret") });
    const { token, link } = await shareReport(A, v1.id);
    const v2 = await saveDraft({ shop: A, month: MONTH, locale: "en", data: data(A, "A draft") });

    // B opens the same month and version in its own session: its own (new) report, never A's.
    const page = await load(`/app/reports/${MONTH}`);
    expect(page.data.shop.domain).toBe(B);
    expect(page.report.id).not.toBe(v1.id);
    expect(page.report.id).not.toBe(v2.id);
    expect(page.links).toEqual([]);
    await expect(load(`/app/reports/${MONTH}?version=2`)).rejects.toMatchObject({ status: 404 });

    // Forms carrying A's ids do nothing to A.
    expect(
      await act({ intent: "save", reportId: v2.id, commentary: "B was here", priorities: "" }),
    ).toMatchObject({ ok: false });
    expect((await getReport(A, v2.id))?.commentary).toBe("");
    expect(await act({ intent: "share", reportId: v1.id, days: "30" })).toMatchObject({
      ok: false,
    });
    expect(await listShareLinks(A, [v1.id])).toHaveLength(1);
    expect(await act({ intent: "revoke", linkId: link.id })).toMatchObject({ ok: false });
    expect((await openSharedReport(token))?.report.id).toBe(v1.id);

    // B's own lifecycle works through the same action.
    expect(await act({ intent: "issue" })).toMatchObject({ ok: true });
    expect((await getReport(A, v2.id))?.status).toBe("draft");
    const shared = await act({ intent: "share", reportId: page.report.id, days: "7" });
    expect(shared).toMatchObject({ ok: true, shareUrl: expect.stringMatching(/\/r\/[\w-]{43}$/) });
  });
});
