/**
 * Checkout events from the web pixel (CheckoutEvent): written in batches, each event once.
 *
 * Duplicates (the same `eventId` for the same shop: a resent batch, a reloaded page) are found
 * before inserting: within the batch, and against the table. Two app instances inserting the
 * same event at the same moment can still collide on the unique index; that batch is then
 * written row by row, the loser of each collision being the duplicate.
 */
import { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";

export interface NewCheckoutEvent {
  shop: string;
  eventId: string;
  name: string;
  occurredAt: Date;
  checkoutTokenHash: string;
  countryCode: string | null;
  marketHandle: string | null;
}

const keyOf = (e: { shop: string; eventId: string }) => `${e.shop}\u0000${e.eventId}`;

function isUniqueViolation(error: unknown): boolean {
  return (
    (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") ||
    (error as { code?: unknown } | null)?.code === "P2002"
  );
}

/**
 * Inserts what is new; returns the index (in `events`) of every event this call inserted. An
 * event not in the result was a duplicate.
 */
export async function insertCheckoutEvents(
  events: readonly NewCheckoutEvent[],
  db: Db = prisma,
): Promise<Set<number>> {
  const firstIndex = new Map<string, number>();
  events.forEach((e, i) => {
    if (!firstIndex.has(keyOf(e))) firstIndex.set(keyOf(e), i);
  });
  const byShop = new Map<string, string[]>();
  for (const e of firstIndex.keys()) {
    const [shop = "", eventId = ""] = e.split("\u0000");
    byShop.set(shop, [...(byShop.get(shop) ?? []), eventId]);
  }
  const existing = await db.checkoutEvent.findMany({
    where: { OR: [...byShop].map(([shop, ids]) => ({ shop, eventId: { in: ids } })) },
    select: { shop: true, eventId: true },
  });
  for (const e of existing) firstIndex.delete(keyOf(e));
  const fresh = [...firstIndex.values()];
  if (fresh.length === 0) return new Set();
  try {
    await db.checkoutEvent.createMany({ data: fresh.map((i) => events[i] as NewCheckoutEvent) });
    return new Set(fresh);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const inserted = new Set<number>();
  for (const i of fresh) {
    try {
      await db.checkoutEvent.create({ data: events[i] as NewCheckoutEvent });
      inserted.add(i);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return inserted;
}

/**
 * One page of the shop's events that happened in [from, to), in id order after `afterId`, for
 * the funnel roll-up: it reads a window page by page instead of loading it whole.
 */
export async function checkoutEventsPage(
  shop: string,
  from: Date,
  to: Date,
  afterId: string | null,
  take: number,
  db: Db = prisma,
) {
  return db.checkoutEvent.findMany({
    where: {
      shop,
      occurredAt: { gte: from, lt: to },
      ...(afterId === null ? {} : { id: { gt: afterId } }),
    },
    orderBy: { id: "asc" },
    take,
    select: { id: true, name: true, occurredAt: true, checkoutTokenHash: true, countryCode: true },
  });
}

/**
 * Retention (CHECKOUT_EVENT_RETENTION_DAYS): deletes raw events that happened before the cutoff,
 * shop by shop (the [shop, occurredAt] index) and in batches, so no single statement holds the
 * database for long. The daily roll-ups (CheckoutFunnelDay) are kept. Returns the number deleted.
 */
export async function deleteCheckoutEventsOlderThan(
  days: number,
  now = new Date(),
  db: Db = prisma,
  batch = 5000,
): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  // groupBy is SQL GROUP BY (findMany's `distinct` would read every row into memory).
  const shops = await db.checkoutEvent.groupBy({ by: ["shop"], orderBy: { shop: "asc" } });
  let deleted = 0;
  for (const { shop } of shops) {
    for (;;) {
      const ids = await db.checkoutEvent.findMany({
        where: { shop, occurredAt: { lt: cutoff } },
        select: { id: true },
        take: batch,
      });
      if (ids.length === 0) break;
      const { count } = await db.checkoutEvent.deleteMany({
        where: { id: { in: ids.map((r) => r.id) } },
      });
      deleted += count;
      if (ids.length < batch) break;
    }
  }
  return deleted;
}

export async function countCheckoutEvents(shop: string, db: Db = prisma): Promise<number> {
  return db.checkoutEvent.count({ where: { shop } });
}

/** When the pixel last delivered an event for the shop, or null if it never did. */
export async function lastCheckoutEventAt(shop: string, db: Db = prisma): Promise<Date | null> {
  const row = await db.checkoutEvent.findFirst({
    where: { shop },
    orderBy: { receivedAt: "desc" },
    select: { receivedAt: true },
  });
  return row?.receivedAt ?? null;
}
