/**
 * Daily funnel counts (CheckoutFunnelDay), replaced day by day: a re-roll deletes the days it
 * covers and writes them again in one transaction, so rolling up twice never double counts.
 */
import { prisma, type Db } from "~/db/db.server";
import type { FunnelDayCount, FunnelStep } from "~/checkout/domain/funnel";
import { isFunnelStep } from "~/checkout/domain/funnel";

/** Replaces the shop's counts for the days from `from` to `to` (YYYY-MM-DD, inclusive). */
export async function replaceFunnelDays(
  shop: string,
  from: string,
  to: string,
  counts: readonly FunnelDayCount[],
  db: Db = prisma,
): Promise<void> {
  await db.$transaction([
    db.checkoutFunnelDay.deleteMany({ where: { shop, day: { gte: from, lte: to } } }),
    db.checkoutFunnelDay.createMany({
      data: counts
        .filter((c) => c.day >= from && c.day <= to)
        .map((c) => ({
          shop,
          day: c.day,
          countryCode: c.countryCode,
          step: c.step,
          count: c.count,
        })),
    }),
  ]);
}

export async function funnelDaysBetween(
  shop: string,
  from: string,
  to: string,
  db: Db = prisma,
): Promise<FunnelDayCount[]> {
  const rows = await db.checkoutFunnelDay.findMany({
    where: { shop, day: { gte: from, lte: to } },
    orderBy: [{ day: "asc" }, { countryCode: "asc" }],
  });
  return rows.flatMap((r) =>
    isFunnelStep(r.step)
      ? [{ day: r.day, countryCode: r.countryCode, step: r.step as FunnelStep, count: r.count }]
      : [],
  );
}
