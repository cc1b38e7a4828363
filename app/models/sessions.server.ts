import type { Tx } from "./webhook-deliveries.server";

export async function deleteShopSessions(tx: Tx, shop: string): Promise<number> {
  return (await tx.session.deleteMany({ where: { shop } })).count;
}

export async function updateSessionScopes(tx: Tx, sessionId: string, scope: string): Promise<void> {
  await tx.session.updateMany({ where: { id: sessionId }, data: { scope } });
}
