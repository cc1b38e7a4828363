/**
 * Suppressions: "we know, leave it" for one finding identity (rule + resource), with who and why.
 *
 * A suppressed finding is still computed and classified, so nothing is lost, but it is left out
 * of the open-problem counts and the health score. A suppression belongs to the key, not to a
 * run: it applies to every later run, month after month, until it is lifted. Lifting keeps the
 * record (`liftedAt`), so a report rebuilt for an earlier date shows what was suppressed then.
 */

export interface Suppression {
  /** The finding key (finding-key.ts). */
  key: string;
  reason: string;
  /** Who suppressed it (staff name or email). */
  by: string;
  /** When (ISO 8601). */
  at: string;
  /** When it was lifted; absent or null while in force. */
  liftedAt?: string | null;
}

/** Whether `suppression` is in force at `asOf` (ISO 8601). */
export function inForce(suppression: Suppression, asOf: string): boolean {
  const t = Date.parse(asOf);
  const lifted = suppression.liftedAt ?? null;
  return Date.parse(suppression.at) <= t && (lifted === null || Date.parse(lifted) > t);
}

/**
 * The suppressions in force at `asOf`, by key. Pass the current time to show results now, or a
 * report's closing time to rebuild that report as it was.
 */
export function suppressionsInForce(
  suppressions: readonly Suppression[],
  asOf: string,
): Map<string, Suppression> {
  const byKey = new Map<string, Suppression>();
  for (const s of suppressions) if (inForce(s, asOf)) byKey.set(s.key, s);
  return byKey;
}

export function suppress(input: {
  key: string;
  reason: string;
  by: string;
  at: string;
}): Suppression {
  if (input.reason.trim() === "") throw new Error("A suppression needs a reason");
  if (Number.isNaN(Date.parse(input.at))) throw new Error(`Not a time: ${input.at}`);
  return {
    key: input.key,
    reason: input.reason.trim(),
    by: input.by,
    at: input.at,
    liftedAt: null,
  };
}

export function liftSuppression(suppression: Suppression, at: string): Suppression {
  if (suppression.liftedAt) return suppression;
  return { ...suppression, liftedAt: at };
}
