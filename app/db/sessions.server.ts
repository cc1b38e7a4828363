import { PrismaSessionStorage } from "@shopify/shopify-app-session-storage-prisma";
import { prisma, type Db } from "~/db/db.server";
import type { Tx } from "./webhook-deliveries.server";

/** Shopify's session storage on our Prisma client (app/shopify.server.ts encrypts its tokens). */
export function prismaSessionStorage() {
  return new PrismaSessionStorage(prisma);
}

export async function deleteShopSessions(tx: Tx, shop: string): Promise<number> {
  return (await tx.session.deleteMany({ where: { shop } })).count;
}

export async function updateSessionScopes(tx: Tx, sessionId: string, scope: string): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId }, data: { scope } });
}

export interface SessionTokens {
  id: string;
  accessToken: string;
  refreshToken: string | null;
}

/** Session rows in id order after `afterId`, with only their tokens (for re-encryption). */
export async function sessionTokensAfter(
  afterId: string | null,
  take: number,
  db: Db = prisma,
): Promise<SessionTokens[]> {
  return db.session.findMany({
    where: afterId === null ? {} : { id: { gt: afterId } },
    orderBy: { id: "asc" },
    take,
    select: { id: true, accessToken: true, refreshToken: true },
  });
}

/**
 * Replaces a session's tokens only if they are still `expected` (a refresh in another process
 * meanwhile wins); true when the row was changed.
 */
export async function replaceSessionTokens(
  expected: SessionTokens,
  next: Omit<SessionTokens, "id">,
  db: Db = prisma,
): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: {
      id: expected.id,
      accessToken: expected.accessToken,
      refreshToken: expected.refreshToken,
    },
    data: next,
  });
  return count > 0;
}
