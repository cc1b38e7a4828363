import type { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";

export type Tx = Prisma.TransactionClient;

export interface Delivery {
  /** X-Shopify-Webhook-Id: the same on every retry of one delivery. */
  id: string;
  shop: string;
  topic: string;
}

/**
 * Runs a webhook's database effect at most once per delivery id.
 *
 * The effect and the delivery record commit in one transaction: if the effect fails, nothing
 * is recorded and Shopify's retry runs it again; if two copies of a delivery race, the unique
 * id makes the second transaction roll back, effect included.
 */
export async function handleDeliveryOnce(
  delivery: Delivery,
  effect: (tx: Tx) => Promise<void>,
  db: Db = prisma,
): Promise<"handled" | "duplicate"> {
  try {
    return await db.$transaction(async (tx) => {
      const seen = await tx.webhookDelivery.findUnique({ where: { id: delivery.id } });
      if (seen) return "duplicate" as const;
      await effect(tx);
      await tx.webhookDelivery.create({ data: delivery });
      return "handled" as const;
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return "duplicate";
    throw error;
  }
}
