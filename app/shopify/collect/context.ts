/**
 * What every collection step shares: the client, progress reporting, and the gaps list, where a
 * section the shop denies (missing access scope) or that could be read only in part is recorded
 * instead of failing the run.
 */
import type { SnapshotGap } from "~/snapshot/domain/types";
import type { AdminClient } from "../admin-client.server";
import { isShopifyApiError } from "../errors";

export interface CollectProgress {
  /** `shop`, `products`, `inventory`, `collections`, `markets`, `deliveryProfiles`, `policies`, `discounts`, `theme`, `orders`. */
  phase: string;
  done: number;
  /** null when the total is not known in advance. */
  total: number | null;
  /** What the step is waiting for, in words (a long bulk operation on Shopify's side). */
  detail?: string;
}

export type ProgressListener = (progress: CollectProgress) => void;

/** The publication-dependent variables of product and collection documents. */
export interface PublicationVariables {
  publicationId: string;
  withPublication: boolean;
}

/**
 * A skipped field's arguments are never evaluated, but `$publicationId: ID!` still needs a value:
 * this one names no publication.
 */
const NO_PUBLICATION = "gid://shopify/Publication/0";

export function publicationVariables(publicationId: string | null): PublicationVariables {
  return publicationId
    ? { publicationId, withPublication: true }
    : { publicationId: NO_PUBLICATION, withPublication: false };
}

export class CollectContext {
  readonly gaps: SnapshotGap[] = [];
  /** The first failure of a step run by `all`: the other steps stop at their next report. */
  private failure: { error: unknown } | null = null;

  constructor(
    readonly client: AdminClient,
    private readonly listener: ProgressListener | undefined,
  ) {}

  progress(phase: string, done: number, total: number | null, detail?: string): void {
    if (this.failure) throw this.failure.error;
    this.listener?.({ phase, done, total, ...(detail !== undefined && { detail }) });
  }

  /**
   * Runs independent steps concurrently (they share the shop's bucket through the client's
   * limiter, so concurrency only fills what the bucket allows). When one fails, the others stop
   * at their next progress report; the first error is thrown once every step has ended, so
   * nothing of the collection keeps running after it returned.
   */
  async all<T extends readonly unknown[]>(steps: {
    [K in keyof T]: () => Promise<T[K]>;
  }): Promise<T> {
    const settled = await Promise.allSettled(
      steps.map(async (step) => {
        try {
          return await step();
        } catch (error) {
          this.failure ??= { error };
          throw error;
        }
      }),
    );
    if (this.failure) throw this.failure.error;
    return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as unknown as T;
  }

  /**
   * Runs one section. ACCESS_DENIED (the app lacks the scope) makes the section null with the
   * reason recorded; every other error fails the collection.
   */
  async section<T>(section: string, run: () => Promise<T>): Promise<T | null> {
    try {
      return await run();
    } catch (error) {
      if (!isShopifyApiError(error, "ACCESS_DENIED")) throw error;
      this.gaps.push({ section, reason: "ACCESS_DENIED", message: error.message });
      return null;
    }
  }

  partial(section: string, message: string): void {
    this.gaps.push({ section, reason: "PARTIAL", message });
  }

  unavailable(section: string, message: string): void {
    this.gaps.push({ section, reason: "NOT_AVAILABLE", message });
  }
}
