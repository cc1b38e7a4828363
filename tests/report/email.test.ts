/**
 * Emailing an issued report: through SMTP (a local capture server) to the shop's report
 * recipients, with the branded PDF attached, the shop's texts escaped in the HTML body and kept
 * to one line in the subject, and recorded. The monthly job emails an auto-issued report.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../jobs/receivers";
import { demoLikeReport } from "./fixture";
import { decodeWords, parseMail } from "./mime";
import { isPdf, pdfText } from "./pdf-helpers";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  // Demo mode is refused with Shopify credentials: drop the test helpers' ones (demo defaults apply).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
  process.env.DEMO_SHOP = "mail-b.myshopify.com";
});
// The capture server must be up before the app reads SMTP_URL: app modules are imported after.
const smtp: SmtpCapture = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
process.env.ALERT_FROM = "Tovholder <reports@tovholder.test>";
process.env.JOBS_PROVIDER = "inprocess";

const { Session } = await import("@shopify/shopify-api");
const { sessionStorage } = await import("~/shopify.server");
const { prisma } = await import("~/db/db.server");
const { issueReport, saveDraft, listReportEmails } = await import("~/report/models/reports.server");
const { saveReportOptions, saveReportAutoIssue, reportOptions } =
  await import("~/db/shop-settings.server");
const { DEFAULT_REPORT_OPTIONS } = await import("~/report/domain/branding");
const { emailReport } = await import("~/report/server/delivery.server");
const { runMonthlyReport } = await import("~/report/server/monthly.server");
const { runShopAudit } = await import("~/product-qa/server/run-shop-audit.server");
const { startAuditStandin } = await import("../jobs/audit-shop");
const reportPage = await import("~/routes/app.reports_.$month");

const B = "mail-b.myshopify.com";
const A = "mail-a.myshopify.com";
const AUTO = "mail-auto.myshopify.com";
const MONTH = "2026-10";
const standin = await startAuditStandin();

await sessionStorage.storeSession(
  new Session({ id: `offline_${B}`, shop: B, state: "", isOnline: false, accessToken: "shpat_b" }),
);

beforeAll(async () => {
  await standin.addShop(AUTO, 6);
  await prisma.shop.update({
    where: { shop: AUTO },
    data: { installedAt: new Date("2025-12-01T00:00:00Z") },
  });
  const { auditRunId } = await runShopAudit({ shop: AUTO, trigger: "schedule" });
  await prisma.auditRun.update({
    where: { id: auditRunId },
    data: { startedAt: new Date("2026-01-19T05:00:00Z") },
  });
});
afterAll(async () => {
  await standin.close();
  await smtp.close();
});

const HOSTILE_NAME = 'Evil <b>Shop</b> & "Co"\r\nBcc: victim@evil.test';

async function issued(shop: string, name: string) {
  const data = { ...demoLikeReport({ shop }), shop: { ...demoLikeReport({ shop }).shop, name } };
  const draft = await saveDraft({ shop, month: MONTH, locale: "da", data });
  return issueReport({ shop, id: draft.id, by: "anna", data });
}

const act = (form: Record<string, string>) =>
  reportPage.action({
    request: new Request(`http://localhost:3000/app/reports/${MONTH}`, {
      method: "POST",
      body: new URLSearchParams(form),
    }),
    params: { month: MONTH },
    context: {},
  });

describe("emailing a report", () => {
  it("sends the issued report with its PDF to the recipients, escaped, and records it", async () => {
    const report = await issued(B, HOSTILE_NAME);
    await saveReportOptions(B, {
      ...DEFAULT_REPORT_OPTIONS,
      preparedBy: "Bureau <i>Ærø</i>",
      recipients: ["owner@merchant.test", "refused@merchant.test"],
    });
    const before = smtp.messages.length;
    const result = await act({ intent: "email", reportId: report.id });
    expect(result).toMatchObject({
      ok: true,
      message: expect.stringContaining("refused@merchant.test"),
    });
    const mails = smtp.messages.slice(before);
    expect(mails).toHaveLength(1);
    // Only the recipients: the shop name's line break did not add a Bcc.
    expect(mails[0]!.to).toEqual(["owner@merchant.test"]);
    const { headers, parts } = parseMail(mails[0]!.raw);
    expect(headers.bcc).toBeUndefined();
    const subject = decodeWords(headers.subject ?? "");
    expect(subject).toContain("Månedsrapport: oktober 2026");
    expect(subject).toContain('Evil <b>Shop</b> & "Co" Bcc: victim@evil.test');
    expect(subject).not.toMatch(/[\r\n]/);

    const html = parts.find((p) => p.headers["content-type"]?.startsWith("text/html"));
    const htmlText = html!.body.toString("utf8");
    expect(htmlText).toContain("Evil &lt;b&gt;Shop&lt;/b&gt; &amp; &quot;Co&quot;");
    expect(htmlText).not.toContain("<b>Shop</b>");
    expect(htmlText).toContain("Bureau &lt;i&gt;Ærø&lt;/i&gt;");
    expect(htmlText).toContain("Sundhedsscore");
    const plain = parts.find((p) => p.headers["content-type"]?.startsWith("text/plain"));
    expect(plain!.body.toString("utf8")).toContain("Hele rapporten er vedhæftet som PDF");

    const attachment = parts.find((p) => p.headers["content-type"]?.startsWith("application/pdf"));
    expect(attachment?.headers["content-disposition"]).toMatch(
      /attachment; filename="?report-mail-b-2026-10-v1\.pdf/,
    );
    expect(isPdf(attachment!.body)).toBe(true);
    const text = pdfText(attachment!.body);
    expect(text).toContain("Udarbejdet af Bureau <i>Ærø</i>");
    expect(text).toContain("Side 1 af");

    expect(await listReportEmails(B, [report.id])).toEqual([
      expect.objectContaining({ shop: B, recipients: "owner@merchant.test" }),
    ]);
    const page = await reportPage.loader({
      request: new Request(`http://localhost:3000/app/reports/${MONTH}`),
      params: { month: MONTH },
      context: {},
    });
    expect(page.email.sent).toEqual([
      expect.objectContaining({ recipients: "owner@merchant.test" }),
    ]);
  });

  it("sends nothing for a draft, without recipients, or for another shop's report", async () => {
    const before = smtp.messages.length;
    const a = await issued(A, "Shop A");
    await saveReportOptions(A, { ...DEFAULT_REPORT_OPTIONS, recipients: ["a@merchant.test"] });
    // B's session with A's report id.
    expect(await act({ intent: "email", reportId: a.id })).toMatchObject({ ok: false });
    expect(await listReportEmails(A, [a.id])).toEqual([]);

    const data = demoLikeReport({ shop: A });
    const draft = await saveDraft({ shop: A, month: "2026-09", locale: "da", data });
    await expect(emailReport(A, draft.id)).rejects.toThrow(/Issue the report/);
    await saveReportOptions(A, DEFAULT_REPORT_OPTIONS);
    await expect(emailReport(A, a.id)).rejects.toThrow(/No report recipients/);
    expect(smtp.messages.length).toBe(before);
  });

  it("emails the report with its PDF when the monthly job auto-issues it", async () => {
    await saveReportOptions(AUTO, {
      ...DEFAULT_REPORT_OPTIONS,
      recipients: ["merchant@auto.test"],
    });
    await saveReportAutoIssue(AUTO, true);
    // Auto-issue keeps the recipients stored next to it.
    expect(await reportOptions(AUTO)).toMatchObject({
      autoIssue: true,
      recipients: ["merchant@auto.test"],
    });
    const outcome = await runMonthlyReport(AUTO, "2026-01", new Date("2026-02-01T05:00:00Z"));
    expect(outcome).toMatchObject({ result: "issued", emailed: 1 });
    const mail = smtp.messages.find((m) => m.to.includes("merchant@auto.test"));
    const { parts } = parseMail(mail!.raw);
    const pdf = parts.find((p) => p.headers["content-type"]?.startsWith("application/pdf"));
    expect(isPdf(pdf!.body)).toBe(true);
    expect(pdfText(pdf!.body)).toMatch(/January 2026|januar 2026/);
  });
});
