/**
 * Everything Tovholder holds for a shop, and its deletion (shop/redact).
 *
 * By convention every model has a `shop` column (see prisma/schema.prisma), so deletion walks
 * the models of the generated client: a model added later is covered without touching this file.
 * tests/models/shop-redact.test.ts fails if a model without a `shop` column appears.
 */
import { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";
import type { Tx } from "./webhook-deliveries.server";

type Delegate = { deleteMany(args: { where: { shop: string } }): Promise<{ count: number }> };

export function modelsWithShopColumn(): string[] {
  return Prisma.dmmf.datamodel.models
    .filter((m) => m.fields.some((f) => f.name === "shop"))
    .map((m) => m.name);
}

function delegate(client: Db | Tx, model: string): Delegate {
  const key = model.charAt(0).toLowerCase() + model.slice(1);
  return (client as unknown as Record<string, Delegate>)[key] as Delegate;
}

/** Deletes every row held for the shop; returns the number of rows deleted per model. */
export async function deleteShopData(
  shop: string,
  client: Db | Tx = prisma,
): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const model of modelsWithShopColumn()) {
    const { count } = await delegate(client, model).deleteMany({ where: { shop } });
    deleted[model] = count;
  }
  return deleted;
}

/** Rows held for the shop per model (used by tests and the data-request answer). */
export async function countShopData(
  shop: string,
  client: Db = prisma,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of modelsWithShopColumn()) {
    const key = model.charAt(0).toLowerCase() + model.slice(1);
    const d = (
      client as unknown as Record<
        string,
        { count(args: { where: { shop: string } }): Promise<number> }
      >
    )[key];
    counts[model] = d ? await d.count({ where: { shop } }) : 0;
  }
  return counts;
}

/** shop/redact: deletes everything held for the shop in one transaction. */
export async function redactShop(shop: string, db: Db = prisma): Promise<Record<string, number>> {
  return db.$transaction((tx) => deleteShopData(shop, tx));
}
