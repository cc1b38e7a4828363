/**
 * Relay connections the way Shopify serves them: keyset cursors (base64 JSON
 * `{"last_id":…,"last_value":…}`, Shopify's own cursor format), first/last/after/before/reverse,
 * `edges { cursor node }`, `nodes` and `pageInfo`, the mandatory first-or-last and the 250
 * page-size cap.
 *
 * Bulk operations run the same resolvers without pagination limits: when the context carries a
 * `bulkWindow`, nested connections return everything and the top-level connection returns the
 * window's slice of its (cached) full list, so a bulk run can stream 100k+ products slice by slice.
 */
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import type { View } from "./view";

export const MAX_PAGE_SIZE = 250;
export const MISSING_PAGE_SIZE_MESSAGE = "you must provide one of first or last";

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export type SortValue = string | number | null;

interface Keyed<T> {
  item: T;
  value: SortValue;
  id: number;
}

export interface BulkWindow {
  offset: number;
  limit: number;
  /** Size of the full top-level list, reported back to the bulk runner. */
  total?: number;
  /** The sorted top-level list, computed on the first slice and reused for the next ones. */
  rootItems?: readonly unknown[];
}

export interface PagingContext {
  readonly bulkWindow?: BulkWindow;
}

export interface ConnectionSource<T> {
  /** Numeric id used as the cursor's tie-breaker (the GID's number). */
  id: (item: T) => number;
  /** Sort value; omitted means the list's given order (cursor value = position). */
  sortValue?: (item: T) => SortValue;
  node: (item: T) => unknown;
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(String(a), String(b));
}

function compareKeys(
  a: { value: SortValue; id: number },
  b: { value: SortValue; id: number },
): number {
  return compareValues(a.value, b.value) || a.id - b.id;
}

export function encodeCursor(id: number, value: SortValue): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString("base64");
}

function decodeCursor(cursor: string): { id: number; value: SortValue } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as {
      last_id?: unknown;
      last_value?: unknown;
    };
    const value = parsed.last_value;
    if (
      typeof parsed.last_id === "number" &&
      (value === null || typeof value === "string" || typeof value === "number")
    ) {
      return { id: parsed.last_id, value };
    }
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.");
}

function sortItems<T>(
  items: readonly T[],
  source: ConnectionSource<T>,
  reverse: boolean,
): Keyed<T>[] {
  const keyed = items.map((item, index) => ({
    item,
    value: source.sortValue ? source.sortValue(item) : index,
    id: source.id(item),
  }));
  keyed.sort(compareKeys);
  if (reverse) keyed.reverse();
  return keyed;
}

function checkPageArgs(args: PageArgs): void {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GraphQLError(MISSING_PAGE_SIZE_MESSAGE);
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (typeof value !== "number") continue;
    if (value < 0) throw new GraphQLError(`The ${name} argument must be a non-negative integer.`);
    if (value > MAX_PAGE_SIZE)
      throw new GraphQLError(
        `The ${name} argument must be less than or equal to ${MAX_PAGE_SIZE}.`,
      );
  }
}

function connectionView<T>(
  page: readonly Keyed<T>[],
  source: ConnectionSource<T>,
  hasPreviousPage: boolean,
  hasNextPage: boolean,
): View {
  let nodes: unknown[] | undefined;
  const nodeViews = (): unknown[] => (nodes ??= page.map((k) => source.node(k.item)));
  const cursors = page.map((k) => encodeCursor(k.id, k.value));
  return {
    nodes: nodeViews,
    edges: () => nodeViews().map((node, i) => ({ cursor: cursors[i], node })),
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: cursors[0] ?? null,
      endCursor: cursors[cursors.length - 1] ?? null,
    },
  };
}

function bulkConnection<T>(
  items: readonly T[],
  source: ConnectionSource<T>,
  args: PageArgs,
  window: BulkWindow,
  info: GraphQLResolveInfo,
): View {
  const isRoot = info.path.prev === undefined;
  if (!isRoot)
    return connectionView(sortItems(items, source, Boolean(args.reverse)), source, false, false);
  const all = (window.rootItems ??= sortItems(items, source, Boolean(args.reverse))) as Keyed<T>[];
  window.total = all.length;
  const page = all.slice(window.offset, window.offset + window.limit);
  return connectionView(page, source, window.offset > 0, window.offset + page.length < all.length);
}

export function connection<T>(
  items: readonly T[],
  source: ConnectionSource<T>,
  args: PageArgs,
  context: PagingContext,
  info: GraphQLResolveInfo,
): View {
  if (context.bulkWindow) return bulkConnection(items, source, args, context.bulkWindow, info);
  checkPageArgs(args);
  const sorted = sortItems(items, source, Boolean(args.reverse));
  const direction = args.reverse ? -1 : 1;
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const key = decodeCursor(args.after);
    const index = sorted.findIndex((k) => direction * compareKeys(k, key) > 0);
    start = index === -1 ? sorted.length : index;
  }
  if (args.before) {
    const key = decodeCursor(args.before);
    const index = sorted.findIndex((k) => direction * compareKeys(k, key) >= 0);
    end = Math.max(start, index === -1 ? sorted.length : index);
  }
  if (typeof args.first === "number") end = Math.min(end, start + args.first);
  if (typeof args.last === "number") start = Math.max(start, end - args.last);
  return connectionView(sorted.slice(start, end), source, start > 0, end < sorted.length);
}
