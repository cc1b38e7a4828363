/** What only the BullMQ provider does: messages in Redis, and their removal for shop/redact. */
import { describe, expect, it } from "vitest";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { enqueueJob, discardShopJobs, cancelJob } from "~/jobs/client.server";
import { QUEUE_NAME } from "~/jobs/config.server";
import { messageId } from "~/jobs/providers/bullmq.server";
import { recordInstall } from "~/db/shops.server";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { prisma } from "~/db/db.server";
import { uniqueShop, webhookRequest } from "../helpers/webhooks";
import { probeJob } from "./fixtures/test-jobs";
import { REDIS_URL } from "./harness";

export function bullmqSuite(prefix: string) {
  describe("BullMQ messages", () => {
    const withQueue = async <T>(work: (q: Queue) => Promise<T>): Promise<T> => {
      const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      const q = new Queue(QUEUE_NAME, { connection, prefix });
      try {
        return await work(q);
      } finally {
        await q.close();
        connection.disconnect();
      }
    };
    const later = (shop: string, label: string) =>
      enqueueJob(
        probeJob,
        { shop, label, key: null, failTimes: 0, permanent: false, holdMs: 0, ignoreSignal: false },
        { runAt: new Date(Date.now() + 3_600_000) },
      );

    it("keeps a delayed message per waiting run, removed when the run is cancelled", async () => {
      const shop = uniqueShop("bull");
      await recordInstall({ shop, scopes: null });
      const { id } = await later(shop, "delayed");
      const ref = { id, shop, attempts: 0 };
      await withQueue(async (q) => {
        expect(await q.getJobState(messageId(ref))).toBe("delayed");
        expect(await cancelJob(id)).toBe(true);
        expect(await q.getJobState(messageId(ref))).toBe("unknown");
      });
    });

    it("shop/redact deletes the shop's rows and removes its queued messages from Redis", async () => {
      const shop = uniqueShop("redact");
      const other = uniqueShop("keep");
      await recordInstall({ shop, scopes: null });
      await recordInstall({ shop: other, scopes: null });
      const mine = [await later(shop, "r1"), await later(shop, "r2")];
      const theirs = await later(other, "k1");
      const res = await shopRedact({
        request: webhookRequest("/webhooks/shop/redact", {
          shop,
          topic: "shop/redact",
          payload: { shop_domain: shop },
        }),
        params: {},
        context: {},
      });
      expect(res.status).toBe(200);
      expect(await prisma.jobRun.count({ where: { shop } })).toBe(0);
      await withQueue(async (q) => {
        for (const { id } of mine)
          expect(await q.getJobState(messageId({ id, shop, attempts: 0 }))).toBe("unknown");
        expect(await q.getJobState(messageId({ id: theirs.id, shop: other, attempts: 0 }))).toBe(
          "delayed",
        );
      });
      expect(await discardShopJobs(shop)).toBe(0); // idempotent
      await cancelJob(theirs.id);
    });
  });
}
