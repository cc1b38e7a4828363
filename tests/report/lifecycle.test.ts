/**
 * The report lifecycle end to end on the stand-in: real audit runs (moved into October), a
 * draft rebuilt from them, issued and frozen, reissued as a new version; share links with
 * expiry and revocation; and no way from one shop to another shop's report.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { runShopAudit } from "~/product-qa/server/run-shop-audit.server";
import {
  issueMonthReport,
  openReport,
  readReport,
  reissueMonthReport,
  saveReportTexts,
  ReportStateError,
} from "~/report/server/reports.server";
import {
  hashShareToken,
  openSharedReport,
  revokeReportShare,
  shareReport,
} from "~/report/server/share.server";
import { renderReportHtml } from "~/report/server/html.server";
import { createShareLink, getReport, readReportData } from "~/report/models/reports.server";
import { loader as shareLoader, meta as shareMeta } from "~/routes/r.$token";
import { startAuditStandin, type AuditStandin } from "../jobs/audit-shop";

const A = "report-a.myshopify.com";
const B = "report-b.myshopify.com";
const MONTH = "2026-10";
const HOSTILE = `<script>alert(1)</script> Trail "Tent" & <b>co</b>`;
let env: AuditStandin;

const productId = (n: number) => `gid://shopify/Product/${1000 + n}`;

/** A real audit of the shop, dated as if it had run at `at`. */
async function auditAt(shop: string, at: string) {
  const result = await runShopAudit({ shop, trigger: "manual" });
  await prisma.auditRun.update({
    where: { id: result.auditRunId },
    data: { startedAt: new Date(at), finishedAt: new Date(Date.parse(at) + 60_000) },
  });
  return result;
}

beforeAll(async () => {
  env = await startAuditStandin();
  await env.addShop(A, 12);
  await env.addShop(B, 6);
  const p5 = env.standin.store(A).products.find((p) => p.id === productId(5))!;
  p5.title = HOSTILE;
  p5.media = [];
});
afterAll(async () => {
  await env.close();
});

async function shareLoad(token: string, lang?: string) {
  const url = `http://localhost/r/${token}${lang ? `?lang=${lang}` : ""}`;
  return shareLoader({ request: new Request(url), params: { token }, context: {} });
}

describe("a shop's monthly report", () => {
  let issuedId = "";
  let issuedData: unknown;
  let token = "";

  it("is drafted from the month's runs, with the store's own texts escaped in HTML", async () => {
    await auditAt(A, "2026-10-06T08:00:00Z");
    const opened = await openReport(A, MONTH);
    expect(opened.report).toMatchObject({ shop: A, month: MONTH, version: 1, status: "draft" });
    expect(opened.data.period).toEqual({
      start: "2026-09-30T22:00:00.000Z",
      end: "2026-10-31T23:00:00.000Z",
      timeZone: "Europe/Copenhagen",
    });
    expect(opened.data.productQa.measured).toBe(true);
    expect(opened.data.summary.score).not.toBeNull();
    const top = opened.data.productQa.topFindings;
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThanOrEqual(10);
    expect(top.find((f) => f.subject === HOSTILE)).toMatchObject({ severity: "critical" });
    expect(opened.data.performance.measured).toBe(false);

    const html = renderReportHtml({
      data: opened.data,
      language: "en",
      status: "draft",
      version: 1,
      issuedAt: null,
    });
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt; Trail &quot;Tent&quot; &amp; &lt;b&gt;co&lt;/b&gt;",
    );
    expect(html).toContain("Not yet measured");
  });

  it("names the shop and its currency in a month without a run of its own (from the latest run)", async () => {
    // November has no audit yet: its sales figures still need the shop's currency.
    const { data } = await openReport(A, "2026-11", { now: new Date("2026-11-24T09:00:00Z") });
    expect(data.productQa.measured).toBe(false);
    expect(data.shop).toMatchObject({ name: "Fixture Shop", currencyCode: "DKK" });
  });

  it("cannot be shared while it is a draft", async () => {
    const { report } = await openReport(A, MONTH, { rebuild: false });
    await expect(shareReport(A, report.id)).rejects.toThrow(ReportStateError);
  });

  it("once issued shows exactly what was issued, after new runs and deleted products", async () => {
    const { report } = await openReport(A, MONTH, { rebuild: false });
    await saveReportTexts(A, report.id, {
      commentary: "A good month.",
      priorities: "Photos for tents",
    });
    const issued = await issueMonthReport(A, MONTH, "anna@agency.example");
    expect(issued).toMatchObject({ status: "issued", version: 1, issuedBy: "anna@agency.example" });
    issuedId = issued.id;
    const before = await openReport(A, MONTH);
    issuedData = before.data;
    expect(before.data.commentary).toBe("A good month.");

    // The store changes: product 5 is deleted, and a later October run sees it gone.
    const store = env.standin.store(A);
    store.products = store.products.filter((p) => p.id !== productId(5));
    await auditAt(A, "2026-10-20T08:00:00Z");

    const after = await openReport(A, MONTH);
    expect(after.report).toMatchObject({ id: issuedId, status: "issued", version: 1 });
    expect(after.data).toEqual(issuedData);
    expect(after.data.productQa.topFindings.some((f) => f.subject === HOSTILE)).toBe(true);
    expect(after.data.appendix.auditRuns).toHaveLength(1);
    await expect(
      saveReportTexts(A, issuedId, { commentary: "changed", priorities: "" }),
    ).rejects.toThrow(ReportStateError);
  });

  it("reissuing makes a new version from the current runs and keeps the issued one", async () => {
    const draft = await reissueMonthReport(A, MONTH);
    expect(draft).toMatchObject({ version: 2, status: "draft", commentary: "A good month." });
    const v2 = await openReport(A, MONTH);
    expect(v2.report.version).toBe(2);
    expect(v2.data.appendix.auditRuns).toHaveLength(2);
    expect(v2.data.productQa.topFindings.some((f) => f.subject === HOSTILE)).toBe(false);
    expect(v2.data.productQa.totals.fixed).toBeGreaterThan(0);
    await issueMonthReport(A, MONTH, "anna@agency.example");

    const v1 = await openReport(A, MONTH, { version: 1 });
    expect(v1.data).toEqual(issuedData);
    expect(v1.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "issued"],
      [1, "issued"],
    ]);
    await expect(reissueMonthReport(A, MONTH)).resolves.toMatchObject({ version: 3 });
  });

  it("opens by share link without login until it expires or is revoked, and is never indexed", async () => {
    const now = new Date();
    const shared = await shareReport(A, issuedId, { days: 7, now });
    token = shared.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await prisma.reportShareLink.findUnique({ where: { id: shared.link.id } });
    expect(stored?.tokenHash).toBe(hashShareToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    expect((await openSharedReport(token, now))?.data).toEqual(issuedData);
    expect(await openSharedReport(token, new Date(now.getTime() + 8 * 86_400_000))).toBeNull();
    expect(
      await openSharedReport(token.slice(0, -1) + (token.endsWith("A") ? "B" : "A"), now),
    ).toBeNull();

    const ok = (await shareLoad(token, "da")) as unknown as {
      data: { language: string; data: { shop: { domain: string } } };
      init: { headers: Record<string, string> };
    };
    expect(ok.data.language).toBe("da");
    expect(ok.data.data.shop.domain).toBe(A);
    expect(ok.init.headers["X-Robots-Tag"]).toContain("noindex");
    expect(shareMeta({} as never)).toContainEqual({
      name: "robots",
      content: "noindex, nofollow, noarchive",
    });

    expect(await revokeReportShare(A, shared.link.id)).toBe(true);
    expect(await openSharedReport(token)).toBeNull();
    const refused = await shareLoad(token).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(404);
    expect((refused as Response).headers.get("X-Robots-Tag")).toContain("noindex");
  });
});

describe("between shops", () => {
  it("a token of one shop never opens another shop's report; a shop never reads another's", async () => {
    await auditAt(B, "2026-10-07T08:00:00Z");
    const b = await openReport(B, MONTH);
    expect(b.report.shop).toBe(B);
    expect(b.data.shop.domain).toBe(B);
    await issueMonthReport(B, MONTH, "bo@agency.example");
    const bIssued = (await openReport(B, MONTH)).report;
    const { token: bToken } = await shareReport(B, bIssued.id);
    expect((await openSharedReport(bToken))?.report.shop).toBe(B);

    const aReport = (await openReport(A, MONTH, { version: 1 })).report;
    // B cannot share, read or edit A's report by its id.
    await expect(shareReport(B, aReport.id)).rejects.toThrow(ReportStateError);
    expect(await getReport(B, aReport.id)).toBeNull();
    expect(await readReportData(B, aReport.id)).toBeNull();
    expect(await readReport(B, aReport.id)).toBeNull();
    const aDraft = (await openReport(A, MONTH, { rebuild: false })).report;
    expect(aDraft.status).toBe("draft");
    await expect(
      saveReportTexts(B, aDraft.id, { commentary: "x", priorities: "" }),
    ).rejects.toThrow();

    // A link row of shop B pointing at A's report (as a bug or a tampered row would) opens nothing.
    const forged = "f".repeat(43);
    await createShareLink({
      shop: B,
      reportId: aReport.id,
      tokenHash: hashShareToken(forged),
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    expect(await openSharedReport(forged)).toBeNull();

    // B cannot revoke A's links.
    const { token: aToken, link: aLink } = await shareReport(A, aReport.id);
    expect(await revokeReportShare(B, aLink.id)).toBe(false);
    expect((await openSharedReport(aToken))?.report.shop).toBe(A);
  });
});
