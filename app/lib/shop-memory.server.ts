/**
 * Everything this process keeps in memory per shop registers a way to forget it, so that
 * shop/redact and app/uninstalled clear every cache of the shop at once (docs/security.md:
 * "What deletion removes"). A module that never loaded in this process holds nothing to clear.
 *
 * Other processes (more app instances, BullMQ workers) drop their entries when those expire:
 * each cache states its own bound in its registration.
 */
export interface ShopMemory {
  /** e.g. "pixel ingestion keys (60 s)". */
  name: string;
  forget(shop: string): void;
}

const registry = new Map<string, ShopMemory>();

export function registerShopMemory(memory: ShopMemory): void {
  registry.set(memory.name, memory);
}

/** Forgets the shop in every registered cache; returns the caches' names. */
export function forgetShopInMemory(shop: string): string[] {
  for (const memory of registry.values()) memory.forget(shop);
  return [...registry.keys()];
}
