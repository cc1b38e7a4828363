/**
 * Snapshot storage, run against whichever database DATABASE_URL points at
 * (snapshots.test.ts: SQLite; snapshots.postgres.test.ts: PostgreSQL).
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "~/db/db.server";
import { parseProductCsv } from "~/snapshot/domain/csv/product-csv";
import { snapshotFromCsv } from "~/snapshot/domain/from-csv";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import {
  SnapshotIntegrityError,
  SnapshotVersionError,
  deleteSnapshotsOlderThan,
  listSnapshots,
  loadSnapshot,
  saveSnapshot,
} from "~/snapshot/models/snapshots.server";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { uniqueShop, webhookRequest } from "../helpers/webhooks";

const HOSTILE_TITLE = `<script>alert("x")</script> 🚲 دراجة \u202Eevil\u202C \ud800`;

function csv(products: number): string {
  const rows = [
    "Handle,Title,Body (HTML),Status,Option1 Name,Option1 Value,Variant Price,Image Src",
  ];
  for (let i = 0; i < products; i++) {
    const title = i === 0 ? HOSTILE_TITLE : `Product ${i}`;
    rows.push(
      `p-${i},"${title.replace(/"/g, '""')}","<p>${"Lorem ipsum dolor sit amet. ".repeat(i % 40)}</p>",active,Size,S,${i}.00,https://cdn.example/${i}.jpg`,
      `p-${i},,,,,M,${i}.50,`,
    );
  }
  return rows.join("\n");
}

async function sampleSnapshot(shop: string, products = 3): Promise<StoreSnapshot> {
  const snapshot = await snapshotFromCsv(
    parseProductCsv(csv(products)).products,
    {
      kind: "csv",
      name: "export.csv",
      collectedAt: "2026-11-01T10:00:00.000Z",
      strategy: null,
      csvFormat: "current",
    },
    { shopDomain: shop },
  );
  // Sections a live shop provides, so every column of the summary is exercised.
  return {
    ...snapshot,
    locations: [
      {
        id: "gid://shopify/Location/1",
        name: "Lager",
        isActive: true,
        fulfillsOnlineOrders: true,
        countryCode: "DK",
      },
    ],
    markets: [],
    policies: [{ type: "REFUND_POLICY", title: "Refund", bodyLength: 1200, url: null }],
  };
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

export function snapshotSuite(database: string) {
  describe(`snapshot storage on ${database}`, () => {
    it("round-trips a snapshot exactly, and records its summary, sizes and hash", async () => {
      const shop = uniqueShop();
      const snapshot = await sampleSnapshot(shop, 50);
      const record = await saveSnapshot(shop, snapshot);

      expect(await loadSnapshot(shop, record.id)).toEqual(snapshot);
      expect(record.summary).toEqual({
        source: snapshot.source,
        shop,
        products: 50,
        variants: 100,
        media: 50,
        collections: null,
        locations: 1,
        inventoryLevels: null,
        markets: 0,
        deliveryProfiles: null,
        policies: 1,
        discounts: null,
        themeFiles: null,
        orderMonths: null,
      });
      const json = Buffer.from(JSON.stringify(snapshot), "utf8");
      expect(record.rawBytes).toBe(json.length);
      expect(record.sha256).toBe(createHash("sha256").update(json).digest("hex"));
      expect(record.compressedBytes).toBeLessThan(record.rawBytes / 5);
      const stored = await prisma.snapshot.findUniqueOrThrow({ where: { id: record.id } });
      expect(stored.data.length).toBe(record.compressedBytes);
    });

    it("keeps the event loop free while a large snapshot is compressed", async () => {
      const shop = uniqueShop();
      const snapshot = await sampleSnapshot(shop, 20_000);
      let longestGap = 0;
      let last = performance.now();
      const timer = setInterval(() => {
        const now = performance.now();
        longestGap = Math.max(longestGap, now - last);
        last = now;
      }, 5);
      const started = performance.now();
      const record = await saveSnapshot(shop, snapshot);
      const took = performance.now() - started;
      clearInterval(timer);
      expect(record.summary.products).toBe(20_000);
      // Timers keep running through the save instead of waiting for it to finish.
      expect(longestGap).toBeLessThan(Math.max(250, took / 4));
      expect((await loadSnapshot(shop, record.id))?.products[19_999]?.handle).toBe("p-19999");
    });

    it("refuses a snapshot in a format version it does not know, with a message that says so", async () => {
      const shop = uniqueShop();
      const { id } = await saveSnapshot(shop, await sampleSnapshot(shop));
      await prisma.snapshot.update({ where: { id }, data: { version: 2 } });
      const error = await loadSnapshot(shop, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotVersionError);
      expect((error as Error).message).toBe(
        `snapshot ${id} is in format version 2, but this Tovholder reads version 1 only; collect the shop again`,
      );
    });

    it("refuses data that does not match its hash", async () => {
      const shop = uniqueShop();
      const { id } = await saveSnapshot(shop, await sampleSnapshot(shop));
      await prisma.snapshot.update({ where: { id }, data: { sha256: "0".repeat(64) } });
      await expect(loadSnapshot(shop, id)).rejects.toBeInstanceOf(SnapshotIntegrityError);
    });

    it("keeps shops apart: one shop can neither list nor load another's snapshots", async () => {
      const [a, b] = [uniqueShop("a"), uniqueShop("b")];
      const first = await saveSnapshot(a, await sampleSnapshot(a, 1));
      const second = await saveSnapshot(a, await sampleSnapshot(a, 2));
      await saveSnapshot(b, await sampleSnapshot(b, 3));

      expect((await listSnapshots(a)).map((r) => [r.id, r.summary.products])).toEqual([
        [second.id, 2],
        [first.id, 1],
      ]);
      expect((await listSnapshots(b)).map((r) => r.summary.products)).toEqual([3]);
      expect(await loadSnapshot(b, first.id)).toBeNull();
      expect(await listSnapshots(a, { take: 1 })).toHaveLength(1);
    });

    it("deletes snapshots older than the retention period, of every shop, and no newer ones", async () => {
      const [a, b] = [uniqueShop("a"), uniqueShop("b")];
      const old = await saveSnapshot(a, await sampleSnapshot(a));
      const oldOther = await saveSnapshot(b, await sampleSnapshot(b));
      const recent = await saveSnapshot(a, await sampleSnapshot(a));
      await prisma.snapshot.updateMany({
        where: { id: { in: [old.id, oldOther.id] } },
        data: { createdAt: daysAgo(91) },
      });
      await prisma.snapshot.update({ where: { id: recent.id }, data: { createdAt: daysAgo(89) } });

      expect(await deleteSnapshotsOlderThan(90)).toBeGreaterThanOrEqual(2);
      expect((await listSnapshots(a)).map((r) => r.id)).toEqual([recent.id]);
      expect(await listSnapshots(b)).toEqual([]);
    });

    it("shop/redact removes the shop's snapshots and leaves other shops' alone", async () => {
      const [shop, other] = [uniqueShop("redacted"), uniqueShop("other")];
      await saveSnapshot(shop, await sampleSnapshot(shop));
      await saveSnapshot(other, await sampleSnapshot(other));
      const request = webhookRequest("/webhooks/shop/redact", {
        shop,
        topic: "shop/redact",
        payload: { shop_id: 1, shop_domain: shop },
      });
      const response = await shopRedact({ request, params: {}, context: {} });
      expect(response.status).toBe(200);
      expect(await prisma.snapshot.count({ where: { shop } })).toBe(0);
      expect(await listSnapshots(other)).toHaveLength(1);
    });
  });
}
