/**
 * The web pixel's per-shop credentials, kept encrypted in ShopSecret ("pixel-ingest"):
 *
 * - `key`: the ingestion key. Web pixels cannot use session tokens, so the pixel proves which
 *   shop it speaks for with this key, which the app puts in the pixel's settings. Those
 *   settings are delivered to every visitor's browser, so the key is an identifier that keeps
 *   strangers from writing into a shop's funnel without first reading it off that shop's
 *   checkout; it is not a secret that authenticates a person. The per-shop rate limit and the
 *   strict schema bound what a holder of the key can do (docs/decisions/009-checkout-checks.md).
 *   The app keeps the key itself (not only a hash) because it must send it again with
 *   webPixelUpdate; the endpoint compares SHA-256 digests in constant time.
 * - `salt`: mixed into the checkout token before the pixel hashes it, per shop, so the same
 *   token never yields the same hash in two shops.
 * - `pixelId`, `activatedAt`: the web pixel Shopify created, once activated.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { getShop } from "~/db/shops.server";
import { readShopSecret, writeShopSecret } from "~/db/shop-secrets.server";
import { registerShopMemory } from "~/lib/shop-memory.server";

export interface PixelCredentials {
  key: string;
  salt: string;
  pixelId: string | null;
  activatedAt: string | null;
}

const SECRET = "pixel-ingest";

export async function readPixelCredentials(shop: string): Promise<PixelCredentials | null> {
  const text = await readShopSecret(shop, SECRET);
  return text === null ? null : (JSON.parse(text) as PixelCredentials);
}

export async function writePixelCredentials(shop: string, credentials: PixelCredentials) {
  await writeShopSecret(shop, SECRET, JSON.stringify(credentials));
  ingestKeys.forget(shop);
}

/** The shop's credentials, created (not yet activated) when it has none. */
export async function ensurePixelCredentials(shop: string): Promise<PixelCredentials> {
  const existing = await readPixelCredentials(shop);
  if (existing !== null) return existing;
  const created: PixelCredentials = {
    key: randomBytes(24).toString("base64url"),
    salt: randomBytes(16).toString("base64url"),
    pixelId: null,
    activatedAt: null,
  };
  await writePixelCredentials(shop, created);
  return created;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

interface CacheEntry {
  /** SHA-256 of the shop's key; null = unknown shop (not installed, or no key). */
  hash: Promise<Buffer | null>;
  expires: number;
}

export interface KeyVerifierOptions {
  /** How long a shop's key is trusted from memory. Default 60 s. */
  ttlMs?: number;
  /** How long "unknown shop" is remembered: short, so a shop that just activated is let in soon. */
  negativeTtlMs?: number;
  /**
   * Most shops remembered at once (default 10,000). Strangers can name any number of shops, so
   * the oldest entries are dropped beyond it, and expired ones are swept as entries are added.
   */
  maxEntries?: number;
  now?: () => number;
  load?: (shop: string) => Promise<string | null>;
}

/** The key of an installed shop; null for an unknown or uninstalled shop. */
async function loadKey(shop: string): Promise<string | null> {
  const row = await getShop(shop);
  if (row === null || row.uninstalledAt !== null) return null;
  return (await readPixelCredentials(shop))?.key ?? null;
}

/**
 * Checks ingestion keys with a small cache, so a burst of requests costs one database read per
 * shop and minute, and concurrent first requests share that read. Bounded: at most `maxEntries`
 * shops (oldest dropped first), expired entries swept whenever the cache grows past a sweep mark.
 */
export class IngestKeyVerifier {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly ttlMs: number;
  private readonly negativeTtlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly load: (shop: string) => Promise<string | null>;
  private sweepAt: number;

  constructor(options: KeyVerifierOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 10_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
    this.load = options.load ?? loadKey;
    this.sweepAt = Math.min(1024, this.maxEntries);
  }

  /** Shops held in memory right now (for tests and diagnostics). */
  get size(): number {
    return this.cache.size;
  }

  async verify(shop: string, key: string): Promise<boolean> {
    const now = this.now();
    let entry = this.cache.get(shop);
    if (entry === undefined || entry.expires <= now) {
      const hash = this.load(shop).then((k) => (k === null ? null : digest(k)));
      entry = { hash, expires: now + this.ttlMs };
      this.cache.delete(shop); // re-inserted last: Map order is age order
      this.cache.set(shop, entry);
      this.bound(now);
      hash.then(
        (h) => {
          if (h === null && entry) entry.expires = now + this.negativeTtlMs;
        },
        () => this.cache.delete(shop),
      );
    }
    const expected = await entry.hash;
    return expected !== null && timingSafeEqual(expected, digest(key));
  }

  forget(shop: string): void {
    this.cache.delete(shop);
  }

  private bound(now: number): void {
    if (this.cache.size > this.sweepAt) {
      for (const [shop, entry] of this.cache) if (entry.expires <= now) this.cache.delete(shop);
      // Sweep again once the live entries have doubled (amortised O(1) per insert).
      this.sweepAt = Math.min(this.maxEntries, Math.max(1024, this.cache.size * 2));
    }
    while (this.cache.size > this.maxEntries) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }
}

/** The process-wide verifier the endpoint uses (activation in this process refreshes it). */
export const ingestKeys = new IngestKeyVerifier();
registerShopMemory({
  name: "pixel ingestion keys (60 s)",
  forget: (shop) => ingestKeys.forget(shop),
});
