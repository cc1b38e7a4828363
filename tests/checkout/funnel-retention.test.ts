/**
 * Raw pixel events are kept CHECKOUT_EVENT_RETENTION_DAYS (default 90) and deleted by the daily
 * maintenance.cleanup; the daily roll-ups stay, and rolling up again never wipes a day whose
 * events are gone. The roll-up reads a day's events in pages, never the whole window at once.
 * Counts are recomputed here independently (UTC days, plain sets).
 */
import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { prisma } from "~/db/db.server";
import { env } from "~/env.server";
import * as events from "~/checkout/models/checkout-events.server";
import { funnelDaysBetween } from "~/checkout/models/checkout-funnel.server";
import { rollUpFunnel } from "~/checkout/server/funnel.server";
import maintenanceCleanup from "~/jobs/handlers/maintenance-cleanup.server";
import type { JobContext } from "~/jobs/define";
import { FUNNEL_STEPS } from "~/checkout/domain/funnel";

const DAY = 86_400_000;
const ctx: JobContext = {
  jobRunId: "test",
  attempt: 1,
  signal: new AbortController().signal,
  progress: async () => undefined,
  log: () => undefined,
};

function fakeEvent(shop: string, at: Date, step: number, token: string, country = "DK") {
  return {
    shop,
    eventId: randomBytes(8).toString("hex"),
    name: FUNNEL_STEPS[step] ?? "checkout_started",
    occurredAt: at,
    checkoutTokenHash: token,
    countryCode: country,
    marketHandle: null,
  };
}

describe("raw event retention", () => {
  it("defaults to 90 days", () => {
    expect(env().retention.checkoutEventDays).toBe(90);
  });

  it("the daily cleanup deletes events past retention and keeps their roll-ups", async () => {
    const shop = "retention-shop.myshopify.com";
    const now = new Date();
    const token = () => randomBytes(32).toString("hex");
    const old = new Date(now.getTime() - 100 * DAY);
    const recent = new Date(now.getTime() - 10 * DAY);
    await prisma.checkoutEvent.createMany({
      data: [
        fakeEvent(shop, old, 0, token()),
        fakeEvent(shop, old, 0, token()),
        fakeEvent(shop, new Date(now.getTime() - 91 * DAY), 0, token()),
        fakeEvent(shop, recent, 0, token()),
      ],
    });
    const oldDay = old.toISOString().slice(0, 10);
    // Rolled up back when the old day was recent.
    await rollUpFunnel(shop, "UTC", oldDay, oldDay, { now: new Date(old.getTime() + DAY) });
    expect(await funnelDaysBetween(shop, oldDay, oldDay)).toEqual([
      { day: oldDay, countryCode: "DK", step: "checkout_started", count: 2 },
    ]);

    const result = (await maintenanceCleanup({}, ctx)) as { checkoutEvents: number };
    expect(result.checkoutEvents).toBe(3); // the two 100-day-old ones and the 91-day-old one
    const left = await prisma.checkoutEvent.findMany({ where: { shop } });
    expect(left.map((e) => e.occurredAt.getTime())).toEqual([recent.getTime()]);

    // Rolling up a range that reaches back past retention leaves the old day's counts alone.
    await rollUpFunnel(shop, "UTC", oldDay, now.toISOString().slice(0, 10), { now });
    expect(await funnelDaysBetween(shop, oldDay, oldDay)).toEqual([
      { day: oldDay, countryCode: "DK", step: "checkout_started", count: 2 },
    ]);
  });
});

describe("the roll-up in bounded batches", () => {
  it("reads pages of at most pageSize events and counts exactly as the whole window would", async () => {
    const shop = "batched-shop.myshopify.com";
    const now = new Date();
    const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 3 * DAY;
    const tokens = Array.from({ length: 23 }, () => randomBytes(32).toString("hex"));
    const rows = [];
    for (let i = 0; i < 180; i++) {
      const at = new Date(start + ((i * 37) % (3 * 24)) * 3_600_000 + i * 1000);
      rows.push(fakeEvent(shop, at, i % 3, tokens[i % tokens.length]!, i % 4 === 0 ? "SE" : "DK"));
    }
    await prisma.checkoutEvent.createMany({ data: rows });

    // Independent count: distinct tokens per UTC day, country and step.
    const expected = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.occurredAt.toISOString().slice(0, 10)}|${r.countryCode}|${r.name}`;
      expected.set(key, (expected.get(key) ?? new Set()).add(r.checkoutTokenHash));
    }

    const pages = vi.spyOn(events, "checkoutEventsPage");
    const from = new Date(start).toISOString().slice(0, 10);
    const to = new Date(start + 2 * DAY).toISOString().slice(0, 10);
    await rollUpFunnel(shop, "UTC", from, to, { now, pageSize: 7 });
    const sizes = await Promise.all(pages.mock.results.map((r) => r.value as Promise<unknown[]>));
    pages.mockRestore();
    expect(Math.max(...sizes.map((s) => s.length))).toBeLessThanOrEqual(7);
    expect(sizes.length).toBeGreaterThan(180 / 7);

    const stored = await funnelDaysBetween(shop, from, to);
    const got = new Map(stored.map((d) => [`${d.day}|${d.countryCode}|${d.step}`, d.count]));
    expect(got).toEqual(new Map([...expected].map(([k, set]) => [k, set.size])));
  });
});
