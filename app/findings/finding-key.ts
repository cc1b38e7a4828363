/**
 * A finding's stable identity: rule id + resource id, e.g.
 * `variant.missing-sku:gid://shopify/ProductVariant/123`.
 *
 * Rule ids never contain ":", so the rule id is everything before the first ":" (resource ids,
 * GIDs and `csv://…` ids alike, may contain more).
 */
export function findingKey(ruleId: string, resourceId: string): string {
  if (ruleId.includes(":")) throw new Error(`A rule id cannot contain ":": ${ruleId}`);
  return `${ruleId}:${resourceId}`;
}

export function ruleIdOfKey(key: string): string {
  const at = key.indexOf(":");
  if (at <= 0) throw new Error(`Not a finding key: ${key}`);
  return key.slice(0, at);
}
