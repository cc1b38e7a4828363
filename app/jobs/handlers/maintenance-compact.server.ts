/**
 * `maintenance.compact`: after a deletion, leave no deleted bytes in the database files
 * (app/db/storage.server.ts says what that means per database).
 */
import { compactDeletedData } from "~/db/storage.server";
import type { JobContext } from "../define";

export default async function maintenanceCompact(payload: { reason: string }, ctx: JobContext) {
  await ctx.progress("compacting", 0);
  const result = await compactDeletedData();
  await ctx.progress("done", 100);
  return { reason: payload.reason, ...result };
}
