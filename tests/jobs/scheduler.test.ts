/** The scheduler's enqueueing (no worker runs here): deterministic slot ids, catch-up once. */
import { describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.JOBS_PROVIDER = "inprocess";
});

const { prisma } = await import("~/db/db.server");
const { scheduleTick } = await import("~/jobs/scheduler.server");
const { jobsConfig } = await import("~/jobs/config.server");
const { recordInstall } = await import("~/db/shops.server");
const { saveWeeklySchedule, saveShopTimeZone } = await import("~/db/shop-settings.server");
const { uniqueShop } = await import("../helpers/webhooks");

const at = (iso: string) => new Date(iso);

async function shopInstalled(since: string, timeZone = "Europe/Copenhagen"): Promise<string> {
  const shop = uniqueShop("sched");
  await recordInstall({ shop, scopes: null });
  await prisma.shop.update({ where: { shop }, data: { installedAt: at(since) } });
  await saveShopTimeZone(shop, timeZone);
  return shop;
}

const audits = (shop: string) =>
  prisma.jobRun.findMany({ where: { shop, jobId: "audit.run-shop" }, orderBy: { runAt: "asc" } });

describe("scheduler", () => {
  const config = jobsConfig();

  it("enqueues each shop's weekly slot once, under its deterministic id, due at the slot", async () => {
    const shop = await shopInstalled("2025-12-01T00:00:00Z");
    const ny = await shopInstalled("2025-12-01T00:00:00Z", "America/New_York");
    const now = at("2026-01-05T05:00:30Z"); // Copenhagen Monday 06:00:30; New York still Sunday
    const first = await scheduleTick(config, now);
    expect(first.enqueued).toContain(`audit.run-shop:${shop}:2026-01-05T06`);
    expect(first.enqueued).toContain(`audit.run-shop:${ny}:2025-12-29T06`);
    const [run] = await audits(shop);
    expect(run).toMatchObject({
      id: `audit.run-shop:${shop}:2026-01-05T06`,
      status: "queued",
      runAt: at("2026-01-05T05:00:00Z"),
      concurrencyKey: `audit:${shop}`,
    });
    expect(JSON.parse(run!.payload)).toEqual({ shop, trigger: "schedule" });
    // Another tick, or another instance's scheduler, adds nothing.
    const again = await scheduleTick(config, at("2026-01-05T05:01:30Z"));
    expect(again.enqueued.filter((id) => id.includes(shop))).toEqual([]);
    expect(await audits(shop)).toHaveLength(1);
  });

  it("enqueues a slot once when two schedulers (two app instances) tick at the same moment", async () => {
    const shop = await shopInstalled("2025-12-01T00:00:00Z", "Pacific/Tongatapu");
    const now = at("2026-01-04T17:00:10Z"); // Tonga (UTC+13): Monday 06:00:10
    const [a, b] = await Promise.all([scheduleTick(config, now), scheduleTick(config, now)]);
    const id = `audit.run-shop:${shop}:2026-01-05T06`;
    expect([...a.enqueued, ...b.enqueued].filter((e) => e === id)).toHaveLength(1);
    expect((await audits(shop)).map((r) => r.id)).toEqual([id]);
  });

  it("runs a slot missed during downtime once, not once per missed week", async () => {
    const shop = await shopInstalled("2025-12-01T00:00:00Z");
    // Down from before the 2026-01-05 slot until 2026-01-28: three slots missed.
    await scheduleTick(config, at("2026-01-28T09:00:00Z"));
    await scheduleTick(config, at("2026-01-28T09:01:00Z"));
    expect((await audits(shop)).map((r) => r.id)).toEqual([`audit.run-shop:${shop}:2026-01-26T06`]);
  });

  it("catches up no slot from before the install, or before the schedule was changed", async () => {
    const installed = await shopInstalled("2026-01-06T10:00:00Z");
    const changed = await shopInstalled("2025-12-01T00:00:00Z");
    await saveWeeklySchedule(
      changed,
      { weekday: 3, hour: 6, enabled: true },
      at("2026-01-08T10:00:00Z"),
    );
    await scheduleTick(config, at("2026-01-08T12:00:00Z"));
    expect(await audits(installed)).toHaveLength(0);
    expect(await audits(changed)).toHaveLength(0); // Wednesday 06:00 had passed when it was chosen
    await scheduleTick(config, at("2026-01-12T05:00:00Z"));
    expect((await audits(installed)).map((r) => r.id)).toEqual([
      `audit.run-shop:${installed}:2026-01-12T06`,
    ]);
    await scheduleTick(config, at("2026-01-14T05:00:00Z"));
    expect((await audits(changed)).map((r) => r.id)).toEqual([
      `audit.run-shop:${changed}:2026-01-14T06`,
    ]);
  });

  it("skips shops whose schedule is off or that uninstalled the app", async () => {
    const off = await shopInstalled("2025-12-01T00:00:00Z");
    await saveWeeklySchedule(
      off,
      { weekday: 1, hour: 6, enabled: false },
      at("2025-12-02T00:00:00Z"),
    );
    const gone = await shopInstalled("2025-12-01T00:00:00Z");
    await prisma.shop.update({
      where: { shop: gone },
      data: { uninstalledAt: at("2025-12-20T00:00:00Z") },
    });
    await scheduleTick(config, at("2026-01-05T06:00:00Z"));
    expect(await audits(off)).toHaveLength(0);
    expect(await audits(gone)).toHaveLength(0);
  });

  it("enqueues the maintenance cleanup once a day", async () => {
    await scheduleTick(config, at("2026-02-01T01:00:00Z"));
    await scheduleTick(config, at("2026-02-01T23:00:00Z"));
    await scheduleTick(config, at("2026-02-02T00:30:00Z"));
    const runs = await prisma.jobRun.findMany({
      where: { jobId: "maintenance.cleanup", id: { startsWith: "maintenance.cleanup:2026-02" } },
      orderBy: { id: "asc" },
    });
    expect(runs.map((r) => [r.id, r.shop])).toEqual([
      ["maintenance.cleanup:2026-02-01", ""],
      ["maintenance.cleanup:2026-02-02", ""],
    ]);
  });
});
