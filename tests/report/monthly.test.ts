/**
 * The monthly report job: the scheduler enqueues one run per shop on the 1st at the shop's
 * weekly hour (shop time) for the month before; the run drafts the report from that month's
 * real audits (or issues it, with auto-issue on), tells the manager by email, and never drafts
 * a month twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSmtpCapture, type SmtpCapture } from "../jobs/receivers";

// The capture server must be up before the app reads SMTP_URL: app modules are imported after.
const smtp: SmtpCapture = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
process.env.ALERT_FROM = "Tovholder <reports@tovholder.test>";
process.env.JOBS_PROVIDER = "inprocess";

const { prisma } = await import("~/db/db.server");
const { scheduleTick } = await import("~/jobs/scheduler.server");
const { jobsConfig } = await import("~/jobs/config.server");
const { saveAlertTargets, saveReportAutoIssue } = await import("~/db/shop-settings.server");
const { listReportVersions } = await import("~/report/models/reports.server");
const { runShopAudit } = await import("~/product-qa/server/run-shop-audit.server");
const { runMonthlyReport } = await import("~/report/server/monthly.server");
const { startAuditStandin } = await import("../jobs/audit-shop");

const DRAFTED = "monthly-draft.myshopify.com";
const AUTO = "monthly-auto.myshopify.com";
const IDLE = "monthly-idle.myshopify.com";
const env = await startAuditStandin();

async function januaryAudit(shop: string) {
  const { auditRunId } = await runShopAudit({ shop, trigger: "schedule" });
  await prisma.auditRun.update({
    where: { id: auditRunId },
    data: { startedAt: new Date("2026-01-19T05:00:00Z") },
  });
}

beforeAll(async () => {
  for (const shop of [DRAFTED, AUTO, IDLE]) {
    await env.addShop(shop, 6);
    await prisma.shop.update({
      where: { shop },
      data: { installedAt: new Date("2025-12-01T00:00:00Z") },
    });
    await saveAlertTargets(shop, { emails: [`manager@${shop.split(".")[0]}.test`] });
  }
  await januaryAudit(DRAFTED);
  await januaryAudit(AUTO);
  await saveReportAutoIssue(AUTO, true);
});
afterAll(async () => {
  await env.close();
  await smtp.close();
});

describe("report.monthly", () => {
  it("is enqueued once per shop on the 1st at the weekly hour in the shop's time zone, for the month before", async () => {
    // 05:30 UTC on 1 February = 06:30 in Copenhagen (the stand-in shops' zone), past the 06:00 slot.
    const first = await scheduleTick(jobsConfig(), new Date("2026-02-01T05:30:00Z"));
    expect(first.enqueued).toContain(`report.monthly:${DRAFTED}:2026-02-01T06`);
    const run = await prisma.jobRun.findUnique({
      where: { id: `report.monthly:${DRAFTED}:2026-02-01T06` },
    });
    expect(run).toMatchObject({ status: "queued", runAt: new Date("2026-02-01T05:00:00Z") });
    expect(JSON.parse(run!.payload)).toEqual({ shop: DRAFTED, month: "2026-01" });
    const again = await scheduleTick(jobsConfig(), new Date("2026-02-01T05:31:00Z"));
    expect(again.enqueued.filter((id) => id.startsWith("report.monthly"))).toEqual([]);
  });

  it("drafts the month's report from its audits and asks the manager to review it, once", async () => {
    const now = new Date("2026-02-01T05:00:00Z");
    expect(await runMonthlyReport(DRAFTED, "2026-01", now)).toEqual({
      shop: DRAFTED,
      month: "2026-01",
      result: "drafted",
      notified: 1,
    });
    const [report] = await listReportVersions(DRAFTED, "2026-01");
    expect(report).toMatchObject({ version: 1, status: "draft" });
    const mail = smtp.messages.find((m) => m.to.includes("manager@monthly-draft.test"));
    expect(mail?.raw).toMatch(/Subject: Ready to review: January 2026 report for Fixture Shop/);
    expect(mail?.raw).toContain("/app/reports/2026-01");

    expect(await runMonthlyReport(DRAFTED, "2026-01", now)).toMatchObject({
      result: "exists",
      notified: 0,
    });
    expect(await listReportVersions(DRAFTED, "2026-01")).toHaveLength(1);
    expect(smtp.messages.filter((m) => m.to.includes("manager@monthly-draft.test"))).toHaveLength(
      1,
    );
  });

  it("issues it at once when the shop has auto-issue on", async () => {
    const outcome = await runMonthlyReport(AUTO, "2026-01", new Date("2026-02-01T05:00:00Z"));
    expect(outcome).toMatchObject({ result: "issued", notified: 1 });
    const [report] = await listReportVersions(AUTO, "2026-01");
    expect(report).toMatchObject({ status: "issued", issuedBy: "Tovholder (auto-issue)" });
    const mail = smtp.messages.find((m) => m.to.includes("manager@monthly-auto.test"));
    expect(mail?.raw).toMatch(/Subject: Issued: January 2026 report/);
  });

  it("drafts no empty report for a month without any audit", async () => {
    const outcome = await runMonthlyReport(IDLE, "2026-01", new Date("2026-02-01T05:00:00Z"));
    expect(outcome).toMatchObject({ result: "nothing-measured", notified: 0 });
    expect(await listReportVersions(IDLE, "2026-01")).toEqual([]);
  });
});
