import { prisma, type Db } from "~/db/db.server";
import type { Tx } from "./webhook-deliveries.server";

export interface InstallInput {
  shop: string;
  scopes: string | null;
  name?: string | null;
}

/** Records an install (or re-install): the shop is active again. */
export async function recordInstall(input: InstallInput, db: Db = prisma) {
  return db.shop.upsert({
    where: { shop: input.shop },
    create: { shop: input.shop, scopes: input.scopes, name: input.name ?? null },
    update: {
      scopes: input.scopes,
      uninstalledAt: null,
      installedAt: new Date(),
      ...(input.name ? { name: input.name } : {}),
    },
  });
}

export async function getShop(shop: string, db: Db = prisma) {
  return db.shop.findUnique({ where: { shop } });
}

export async function listInstalledShops(db: Db = prisma) {
  return db.shop.findMany({ where: { uninstalledAt: null }, orderBy: { shop: "asc" } });
}

/** app/uninstalled: the shop stays on record (reports remain until shop/redact), marked uninstalled. */
export async function markUninstalled(tx: Tx, shop: string): Promise<void> {
  await tx.shop.updateMany({
    where: { shop, uninstalledAt: null },
    data: { uninstalledAt: new Date() },
  });
}

export async function updateShopScopes(tx: Tx, shop: string, scopes: string): Promise<void> {
  await tx.shop.updateMany({ where: { shop }, data: { scopes } });
}
