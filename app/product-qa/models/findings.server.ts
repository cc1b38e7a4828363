/**
 * The shop's current findings (`Finding`: one row per open finding identity, suppressed ones
 * included and flagged) and the life of every identity across runs (`FindingHistory`).
 * docs/decisions/008-findings-and-products-page.md explains the split from the per-run copy on AuditRun.
 *
 * Reads for the Products page are built to stay fast at 100,000 findings: a page is at most a
 * few LIMIT queries, counts are GROUP BYs, and the health score is aggregated in SQL to a few
 * rows. Severity order (critical, warning, info) is not the alphabetical order of the stored
 * strings, so "most severe first" pages through one severity at a time (`findingsPage`).
 */
import type { Prisma } from "@tovholder/prisma-sqlite";
import { prisma, type Db } from "~/db/db.server";
import type {
  FindingChange,
  FindingHistoryRecord,
  FindingStatus,
} from "~/product-qa/domain/history";
import type { JsonValue, Severity } from "~/findings/types";
import { SEVERITIES, bySeverity, severityCounts } from "~/findings/severity";
import type { Tx } from "~/db/webhook-deliveries.server";

export { SEVERITIES } from "~/findings/severity";
export const CHANGES: readonly FindingChange[] = ["new", "persisting", "regressed"];

/** Rows per INSERT and keys per IN list: well under SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

/** A Finding row as written by a run (the shop is given separately). */
export type FindingRowData = Omit<Prisma.FindingCreateManyInput, "id" | "shop" | "updatedAt"> & {
  severity: Severity;
  change: FindingChange;
  firstSeenAt: Date;
};

/** A stored finding as the UI, the CSV export and other features read it. */
export interface FindingView {
  id: string;
  key: string;
  ruleId: string;
  severity: Severity;
  category: string;
  resourceType: string;
  resourceId: string;
  productId: string | null;
  productHandle: string | null;
  productTitle: string | null;
  productImageUrl: string | null;
  vendor: string | null;
  productType: string | null;
  variantId: string | null;
  variantSku: string | null;
  variantTitle: string | null;
  message: string;
  details: { [key: string]: JsonValue };
  fixUrl: string | null;
  change: FindingChange;
  suppressed: boolean;
  /** ISO 8601. */
  firstSeenAt: string;
  /** The run that last confirmed it. */
  runId: string;
}

/** Which findings to show; every list is "any of" and an empty or absent list means all. */
export interface FindingFilter {
  severity?: readonly Severity[];
  ruleId?: readonly string[];
  vendor?: readonly string[];
  productType?: readonly string[];
  change?: readonly FindingChange[];
  /** hide (default): open problems only; show: both; only: the suppressed ones. */
  suppressed?: "hide" | "show" | "only";
  productId?: string;
}

export type FindingSort = "severity" | "product" | "rule" | "newest";

function toView(row: Prisma.FindingGetPayload<object>): FindingView {
  return {
    id: row.id,
    key: row.key,
    ruleId: row.ruleId,
    severity: row.severity as Severity,
    category: row.category,
    resourceType: row.resourceType,
    resourceId: row.resourceId,
    productId: row.productId,
    productHandle: row.productHandle,
    productTitle: row.productTitle,
    productImageUrl: row.productImageUrl,
    vendor: row.vendor,
    productType: row.productType,
    variantId: row.variantId,
    variantSku: row.variantSku,
    variantTitle: row.variantTitle,
    message: row.message,
    details: JSON.parse(row.details) as { [key: string]: JsonValue },
    fixUrl: row.fixUrl,
    change: row.change as FindingChange,
    suppressed: row.suppressed,
    firstSeenAt: row.firstSeenAt.toISOString(),
    runId: row.runId,
  };
}

const any = <T>(values: readonly T[] | undefined): T[] | undefined =>
  values && values.length > 0 ? [...values] : undefined;

export function findingWhere(shop: string, filter: FindingFilter): Prisma.FindingWhereInput {
  const severity = any(filter.severity);
  const ruleId = any(filter.ruleId);
  const vendor = any(filter.vendor);
  const productType = any(filter.productType);
  const change = any(filter.change);
  const suppressed = filter.suppressed ?? "hide";
  return {
    shop,
    ...(severity && { severity: { in: severity } }),
    ...(ruleId && { ruleId: { in: ruleId } }),
    ...(vendor && { vendor: { in: vendor } }),
    ...(productType && { productType: { in: productType } }),
    ...(change && { change: { in: change } }),
    ...(suppressed !== "show" && { suppressed: suppressed === "only" }),
    ...(filter.productId !== undefined && { productId: filter.productId }),
  };
}

function chunks<T>(items: readonly T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Every write to a shop's findings calls this in its transaction: the cached aggregates go stale. */
async function findingsChanged(tx: Tx, shop: string): Promise<void> {
  await tx.findingAggregate.upsert({
    where: { shop },
    create: { shop, generation: 1, data: null },
    update: { generation: { increment: 1 }, data: null },
  });
}

async function insertRows(tx: Tx, shop: string, rows: readonly FindingRowData[]): Promise<void> {
  for (const batch of chunks(rows))
    await tx.finding.createMany({ data: batch.map((r) => ({ ...r, shop })) });
}

/** A full run: the shop's findings become exactly `rows`. */
export async function replaceShopFindings(
  tx: Tx,
  shop: string,
  rows: readonly FindingRowData[],
): Promise<void> {
  await tx.finding.deleteMany({ where: { shop } });
  await insertRows(tx, shop, rows);
  await findingsChanged(tx, shop);
}

/** A product re-check: that product's findings become exactly `rows`. */
export async function replaceProductFindings(
  tx: Tx,
  shop: string,
  productId: string,
  rows: readonly FindingRowData[],
): Promise<void> {
  await tx.finding.deleteMany({ where: { shop, productId } });
  await insertRows(tx, shop, rows);
  await findingsChanged(tx, shop);
}

/** Removes a product's findings; returns their keys. */
export async function deleteProductFindings(
  tx: Tx,
  shop: string,
  productId: string,
): Promise<string[]> {
  const rows = await tx.finding.findMany({ where: { shop, productId }, select: { key: true } });
  await tx.finding.deleteMany({ where: { shop, productId } });
  await findingsChanged(tx, shop);
  return rows.map((r) => r.key);
}

/**
 * A deleted product: its findings are removed and their history records marked fixed (the
 * problem no longer stands in the way of a sale; should the product come back with it, the
 * finding is `regressed`). Returns how many findings were removed.
 */
export async function forgetProductFindings(
  shop: string,
  productId: string,
  at: Date = new Date(),
  db: Db = prisma,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const keys = await deleteProductFindings(tx, shop, productId);
    for (const batch of chunks(keys))
      await tx.findingHistory.updateMany({
        where: { shop, key: { in: batch }, status: "open" },
        data: { status: "fixed", fixedAt: at },
      });
    return keys.length;
  });
}

/** All findings of one product (suppressed ones included), most severe first. */
export async function listProductFindings(
  shop: string,
  productId: string,
  db: Tx = prisma,
): Promise<FindingView[]> {
  // Sorted here, not by the query: an ORDER BY ruleId led SQLite to walk the (shop, ruleId) index
  // over the whole shop instead of seeking the product's few rows (bench/products-page.ts).
  const rows = await db.finding.findMany({ where: { shop, productId } });
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return rows
    .map(toView)
    .sort((a, b) => bySeverity(a, b) || byText(a.ruleId, b.ruleId) || byText(a.key, b.key));
}

/** How many findings match, per rule and severity (drafts make one rule's severities differ). */
export interface FindingGroupCount {
  ruleId: string;
  severity: Severity;
  count: number;
}

export async function countFindingGroups(
  shop: string,
  filter: FindingFilter,
  db: Db = prisma,
): Promise<FindingGroupCount[]> {
  const groups = await db.finding.groupBy({
    by: ["ruleId", "severity"],
    where: findingWhere(shop, filter),
    _count: { _all: true },
  });
  return groups.map((g) => ({
    ruleId: g.ruleId,
    severity: g.severity as Severity,
    count: g._count._all,
  }));
}

/** The vendors and product types of the shop's findings, for the filters' choices. */
export async function findingFacets(
  shop: string,
  db: Db = prisma,
): Promise<{ vendors: string[]; productTypes: string[] }> {
  const [vendors, types] = await Promise.all([
    db.finding.groupBy({ by: ["vendor"], where: { shop, vendor: { not: null } } }),
    db.finding.groupBy({ by: ["productType"], where: { shop, productType: { not: null } } }),
  ]);
  const sorted = (values: (string | null)[]) =>
    values.filter((v): v is string => v !== null).sort((a, b) => a.localeCompare(b));
  return {
    vendors: sorted(vendors.map((v) => v.vendor)),
    productTypes: sorted(types.map((t) => t.productType)),
  };
}

const ORDER: Record<Exclude<FindingSort, "severity">, Prisma.FindingOrderByWithRelationInput[]> = {
  product: [{ productTitle: "asc" }, { ruleId: "asc" }, { key: "asc" }],
  rule: [{ ruleId: "asc" }, { productTitle: "asc" }, { key: "asc" }],
  newest: [{ firstSeenAt: "desc" }, { key: "asc" }],
};
/** Within one severity. */
const BY_RULE: Prisma.FindingOrderByWithRelationInput[] = ORDER.rule;

/**
 * One page of findings. `severityCounts` are the matching findings per severity (from
 * countFindingGroups, which the page needs anyway): sorting by severity reads the page from the
 * severities it spans, each ordered by rule, product and key, so no query sorts by a computed
 * rank and each stays an indexed LIMIT/OFFSET.
 */
export async function findingsPage(
  shop: string,
  filter: FindingFilter,
  sort: FindingSort,
  page: { offset: number; limit: number },
  severityCounts: Readonly<Record<Severity, number>>,
  db: Db = prisma,
): Promise<FindingView[]> {
  const where = findingWhere(shop, filter);
  if (sort !== "severity") {
    const rows = await db.finding.findMany({
      where,
      orderBy: ORDER[sort],
      skip: page.offset,
      take: page.limit,
    });
    return rows.map(toView);
  }
  const views: FindingView[] = [];
  let offset = page.offset;
  let wanted = page.limit;
  for (const severity of SEVERITIES) {
    if (wanted === 0) break;
    const inBucket = severityCounts[severity];
    if (offset >= inBucket) {
      offset -= inBucket;
      continue;
    }
    const rows = await db.finding.findMany({
      where: { AND: [where, { severity }] },
      orderBy: BY_RULE,
      skip: offset,
      take: wanted,
    });
    views.push(...rows.map(toView));
    wanted -= rows.length;
    offset = 0;
  }
  return views;
}

/**
 * Every matching finding, in the page's order, a batch at a time (CSV export): keyset pages on
 * the order's columns + id, so memory stays flat whatever the count.
 */
export async function* streamFindings(
  shop: string,
  filter: FindingFilter,
  db: Db = prisma,
  batch = 1000,
): AsyncGenerator<FindingView> {
  const where = findingWhere(shop, filter);
  const wanted = any(filter.severity);
  for (const severity of SEVERITIES) {
    if (wanted && !wanted.includes(severity)) continue;
    let cursor: string | undefined;
    for (;;) {
      const rows = await db.finding.findMany({
        where: { AND: [where, { severity }] },
        orderBy: [...BY_RULE, { id: "asc" }],
        take: batch,
        ...(cursor !== undefined && { cursor: { id: cursor }, skip: 1 }),
      });
      for (const row of rows) yield toView(row);
      if (rows.length < batch) break;
      cursor = rows[rows.length - 1]?.id;
    }
  }
}

/** The keys of every matching finding (bulk actions on "all N matching the filter"). */
export async function findingKeys(
  shop: string,
  filter: FindingFilter,
  db: Db = prisma,
): Promise<string[]> {
  const rows = await db.finding.findMany({
    where: findingWhere(shop, filter),
    select: { key: true },
  });
  return rows.map((r) => r.key);
}

/** The keys among `ids` (row ids from the UI) that belong to the shop. */
export async function findingKeysByIds(
  shop: string,
  ids: readonly string[],
  db: Db = prisma,
): Promise<string[]> {
  const keys: string[] = [];
  for (const batch of chunks(ids)) {
    const rows = await db.finding.findMany({
      where: { shop, id: { in: batch } },
      select: { key: true },
    });
    keys.push(...rows.map((r) => r.key));
  }
  return keys;
}

/** Flags the shop's findings with these keys suppressed or not (suppressions.server.ts). */
export async function markSuppressed(
  tx: Tx,
  shop: string,
  keys: readonly string[],
  suppressed: boolean,
): Promise<void> {
  for (const batch of chunks(keys))
    await tx.finding.updateMany({ where: { shop, key: { in: batch } }, data: { suppressed } });
  await findingsChanged(tx, shop);
}

export async function countFindings(
  shop: string,
  filter: FindingFilter = {},
  db: Db = prisma,
): Promise<number> {
  return db.finding.count({ where: findingWhere(shop, filter) });
}

/** Per score category: how many scored units have which worst open severity, and suppressed counts. */
export interface ScoreAggregate {
  category: string;
  worst: Record<Severity, number>;
  suppressedFindings: number;
}

/**
 * The health score's numerators from the current findings, aggregated in the database to a few
 * rows: per category, each unit (the product for product-level findings, else the resource)
 * counted once by its worst unsuppressed severity (app/domain/audit/score.ts).
 */
export async function scoreAggregates(shop: string, db: Db = prisma): Promise<ScoreAggregate[]> {
  const [worst, suppressed] = await Promise.all([
    db.$queryRaw<{ category: string; rank: number | bigint; units: number | bigint }[]>`
      SELECT "category", "rank", COUNT(*) AS "units" FROM (
        SELECT "category",
               MIN(CASE "severity" WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END) AS "rank"
        FROM "Finding"
        WHERE "shop" = ${shop} AND "suppressed" = false
        GROUP BY "category", COALESCE("productId", "resourceId")
      ) AS "units_by_worst"
      GROUP BY "category", "rank"`,
    db.finding.groupBy({
      by: ["category"],
      where: { shop, suppressed: true },
      _count: { _all: true },
    }),
  ]);
  const byCategory = new Map<string, ScoreAggregate>();
  const entry = (category: string): ScoreAggregate => {
    let e = byCategory.get(category);
    if (e === undefined) {
      e = { category, worst: severityCounts(), suppressedFindings: 0 };
      byCategory.set(category, e);
    }
    return e;
  };
  for (const row of worst) {
    const severity = SEVERITIES[Number(row.rank)];
    if (severity) entry(row.category).worst[severity] += Number(row.units);
  }
  for (const row of suppressed) entry(row.category).suppressedFindings = row._count._all;
  return [...byCategory.values()];
}

/** The shop-wide figures of the Products page, whatever the filters. */
export interface FindingTotals {
  score: ScoreAggregate[];
  facets: { vendors: string[]; productTypes: string[] };
  /** Findings in the shop, suppressed included. */
  total: number;
}

/**
 * The shop-wide figures, from the FindingAggregate row while no write happened since it was
 * built (a few rows instead of three scans of every finding). A rebuild is stored only when the
 * generation it started from is still current, so a write that commits meanwhile is never
 * masked by figures counted before it.
 */
export async function findingTotals(shop: string, db: Db = prisma): Promise<FindingTotals> {
  const cached = await db.findingAggregate.findUnique({ where: { shop } });
  if (cached?.data) return JSON.parse(cached.data) as FindingTotals;
  const [score, facets, total] = await Promise.all([
    scoreAggregates(shop, db),
    findingFacets(shop, db),
    countFindings(shop, { suppressed: "show" }, db),
  ]);
  const totals: FindingTotals = { score, facets, total };
  const data = JSON.stringify(totals);
  if (cached) {
    await db.findingAggregate.updateMany({
      where: { shop, generation: cached.generation },
      data: { data },
    });
  } else {
    // A writer that created the row meanwhile wins: its generation says these figures are stale.
    await db.findingAggregate
      .createMany({ data: [{ shop, generation: 0, data }] })
      .catch((error: unknown) => {
        if ((error as { code?: string }).code !== "P2002") throw error;
      });
  }
  return totals;
}

// --- History ---------------------------------------------------------------------------------

type HistoryRow = Prisma.FindingHistoryGetPayload<object>;

function toRecord(row: HistoryRow): FindingHistoryRecord {
  return {
    key: row.key,
    ruleId: row.ruleId,
    status: row.status as FindingStatus,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    fixedAt: row.fixedAt?.toISOString() ?? null,
    timesRegressed: row.timesRegressed,
  };
}

function toHistoryData(
  shop: string,
  r: FindingHistoryRecord,
): Prisma.FindingHistoryCreateManyInput {
  return {
    shop,
    key: r.key,
    ruleId: r.ruleId,
    status: r.status,
    firstSeenAt: new Date(r.firstSeenAt),
    lastSeenAt: new Date(r.lastSeenAt),
    fixedAt: r.fixedAt === null ? null : new Date(r.fixedAt),
    timesRegressed: r.timesRegressed,
  };
}

/** The shop's history records: all of them, or those of the given keys. */
export async function listFindingHistory(
  shop: string,
  keys?: readonly string[],
  db: Tx = prisma,
): Promise<FindingHistoryRecord[]> {
  if (keys === undefined)
    return (await db.findingHistory.findMany({ where: { shop }, orderBy: { key: "asc" } })).map(
      toRecord,
    );
  const records: FindingHistoryRecord[] = [];
  for (const batch of chunks(keys))
    records.push(
      ...(await db.findingHistory.findMany({ where: { shop, key: { in: batch } } })).map(toRecord),
    );
  return records;
}

/** A full run: the shop's history becomes exactly `records` (advanceHistory returns them all). */
export async function replaceFindingHistory(
  tx: Tx,
  shop: string,
  records: readonly FindingHistoryRecord[],
): Promise<void> {
  await tx.findingHistory.deleteMany({ where: { shop } });
  for (const batch of chunks(records))
    await tx.findingHistory.createMany({ data: batch.map((r) => toHistoryData(shop, r)) });
}

/** A product re-check: writes the records of that product's keys, leaving the others alone. */
export async function saveFindingHistory(
  tx: Tx,
  shop: string,
  records: readonly FindingHistoryRecord[],
): Promise<void> {
  for (const record of records) {
    const data = toHistoryData(shop, record);
    await tx.findingHistory.upsert({
      where: { shop_key: { shop, key: record.key } },
      create: data,
      update: data,
    });
  }
}
