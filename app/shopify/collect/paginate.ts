/** Cursor pagination over Admin API connections. */
import { ShopifyApiError } from "../errors";

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface Page<T> {
  nodes: T[];
  pageInfo: PageInfo;
}

/**
 * Every node of a connection. `first` is a page already in hand (a nested connection's first
 * page, read with its parent); `next(after)` reads the page after a cursor, or null when the
 * parent no longer exists (deleted while the crawl ran: what was read of it stays).
 */
export async function* paginate<T>(
  next: (after: string | null) => Promise<Page<T> | null>,
  first?: Page<T>,
): AsyncGenerator<T> {
  let page: Page<T> | null = first ?? (await next(null));
  while (page) {
    yield* page.nodes;
    if (!page.pageInfo.hasNextPage) return;
    const cursor = page.pageInfo.endCursor;
    if (cursor === null)
      throw new ShopifyApiError("Shopify reported a next page without a cursor", "BAD_RESPONSE");
    page = await next(cursor);
  }
}
