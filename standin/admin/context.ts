/**
 * What every Admin resolver gets as GraphQL context: the shop's live store state, the calling
 * token's scopes, the injected clock, and the per-shop services (bulk operations, storefront
 * tokens) that mutations talk to.
 */
import type { PagingContext } from "../graphql/connection";
import type { SearchWarning } from "../graphql/search";
import type { StandinStore } from "../store/types";
import type { BulkOperationRecord, BulkUserError } from "../bulk/types";
import type { WebPixelService } from "./web-pixels";

export interface StorefrontTokenRecord {
  id: string;
  accessToken: string;
  title: string;
  /** The `unauthenticated_*` scopes delegated from the app's token. */
  scopes: string[];
  createdAt: string;
}

export interface BulkService {
  runQuery(
    query: string,
    groupObjects: boolean,
  ): { operation: BulkOperationRecord | null; userErrors: BulkUserError[] };
  cancel(id: string): {
    operation: BulkOperationRecord | null;
    userErrors: { field: string[] | null; message: string }[];
  };
  get(id: string): BulkOperationRecord | undefined;
  list(): readonly BulkOperationRecord[];
}

export interface StorefrontTokenService {
  create(title: string, scopes: string[]): StorefrontTokenRecord;
  remove(id: string): boolean;
  list(): readonly StorefrontTokenRecord[];
}

export interface SearchReport {
  path: (string | number)[];
  query: string;
  warnings: SearchWarning[];
}

export interface AdminContext extends PagingContext {
  readonly store: StandinStore;
  readonly scopes: ReadonlySet<string>;
  readonly now: () => number;
  readonly appApiKey: string;
  readonly bulk: BulkService;
  readonly storefrontTokens: StorefrontTokenService;
  /** The app's web pixel on this shop. */
  readonly webPixels: WebPixelService;
  /** Unknown search fields, reported back in `extensions.search` as Shopify does. */
  readonly searchReports: SearchReport[];
}
