/**
 * Suppressions ("accepted: reason") on finding identities, and the `suppressed` flag they set on
 * the shop's current findings. A suppression belongs to the key, not to a run: every later run
 * reads the ones in force (app/product-qa/domain/suppressions.ts) and flags its findings again.
 * Lifting keeps the record (`liftedAt`, `liftedBy`), so an earlier report can be rebuilt as it was.
 */
import { prisma, type Db } from "~/db/db.server";
import type { Suppression } from "~/product-qa/domain/suppressions";
import { markSuppressed } from "./findings.server";
import type { Tx } from "~/db/webhook-deliveries.server";

const BATCH = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** Every suppression of the shop, lifted ones included, oldest first. */
export async function listSuppressions(shop: string, db: Tx = prisma): Promise<Suppression[]> {
  const rows = await db.suppression.findMany({
    where: { shop },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    key: r.key,
    reason: r.reason,
    by: r.createdBy,
    at: r.createdAt.toISOString(),
    liftedAt: r.liftedAt?.toISOString() ?? null,
  }));
}

export class SuppressionError extends Error {
  override readonly name = "SuppressionError";
}

/**
 * Suppresses the keys with a reason, by a person. Keys already suppressed keep their first
 * suppression (and its reason); returns how many were newly suppressed.
 */
export async function suppressFindings(
  input: { shop: string; keys: readonly string[]; reason: string; by: string; at?: Date },
  db: Db = prisma,
): Promise<{ suppressed: number }> {
  const reason = input.reason.trim();
  if (reason === "") throw new SuppressionError("Say why these findings are accepted.");
  if (reason.length > 500) throw new SuppressionError("Keep the reason under 500 characters.");
  const keys = [...new Set(input.keys)];
  const at = input.at ?? new Date();
  return db.$transaction(
    async (tx) => {
      let created = 0;
      for (const batch of chunks(keys)) {
        const active = await tx.suppression.findMany({
          where: { shop: input.shop, key: { in: batch }, liftedAt: null },
          select: { key: true },
        });
        const already = new Set(active.map((a) => a.key));
        const fresh = batch.filter((key) => !already.has(key));
        if (fresh.length > 0)
          created += (
            await tx.suppression.createMany({
              data: fresh.map((key) => ({
                shop: input.shop,
                key,
                reason,
                createdBy: input.by,
                createdAt: at,
              })),
            })
          ).count;
      }
      await markSuppressed(tx, input.shop, keys, true);
      return { suppressed: created };
    },
    { timeout: 60_000 },
  );
}

/** Lifts the suppressions in force on the keys; their findings count as open problems again. */
export async function liftSuppressions(
  input: { shop: string; keys: readonly string[]; by: string; at?: Date },
  db: Db = prisma,
): Promise<{ lifted: number }> {
  const keys = [...new Set(input.keys)];
  const at = input.at ?? new Date();
  return db.$transaction(
    async (tx) => {
      let lifted = 0;
      for (const batch of chunks(keys))
        lifted += (
          await tx.suppression.updateMany({
            where: { shop: input.shop, key: { in: batch }, liftedAt: null },
            data: { liftedAt: at, liftedBy: input.by },
          })
        ).count;
      await markSuppressed(tx, input.shop, keys, false);
      return { lifted };
    },
    { timeout: 60_000 },
  );
}
