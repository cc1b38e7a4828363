/**
 * runCheckoutChecks: can a customer buy, in every market? The entry point of the weekly audit
 * (with the snapshot it collected), of the Checkout page's "Run checkout checks" and of the CLI.
 *
 * 1. Storefront access (a stored or new Storefront token) and the payment settings it shows;
 * 2. the readiness rules over the snapshot (domain/checkout), minus rules the shop disabled;
 * 3. one synthetic cart per active market (services/checkout/synthetic.server.ts);
 * 4. the funnel from the pixel's events: roll-up and the funnel-drop detector;
 * 5. the run stored as SyntheticCheckout rows (models/checkout-runs.server.ts), kept per run.
 *
 * A failing Storefront API does not fail the run: the synthetic carts are skipped with the reason
 * and the readiness rules still run. Cancellation (`signal`) is honoured between markets and
 * inside requests.
 */
import { randomUUID } from "node:crypto";
import type { Finding, SkippedRule } from "~/findings/types";
import type { StorefrontPayments } from "~/checkout/domain/input";
import { readinessCells } from "~/checkout/domain/matrix";
import { CHECKOUT_RULE_IDS, FUNNEL_DROP_RULE_ID } from "~/checkout/domain/rule-ids";
import { runCheckoutReadiness, type CheckoutReadinessResult } from "~/checkout/domain/run";
import { activeMarkets, marketCoverage } from "~/checkout/domain/shipping";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { readAuditSettings } from "~/product-qa/index.server";
import { saveCheckoutRun, type MarketRun } from "~/checkout/models/checkout-runs.server";
import type { AdminClient } from "~/shopify/admin-client.server";
import { isShopifyApiError } from "~/shopify/errors";
import { openShopClient } from "~/product-qa/index.server";
import { funnelFindings, funnelState, type FunnelState } from "./funnel.server";
import { openStorefront, type StorefrontAccess } from "./storefront-access.server";
import { runSyntheticMarket } from "./synthetic.server";

export interface RunCheckoutChecksInput {
  shop: string;
  snapshot: StoreSnapshot;
  /** true when the snapshot was read before this run (an audit's stored one), not for it. */
  snapshotReused?: boolean;
  auditRunId?: string;
  jobRunId?: string;
  signal?: AbortSignal;
  onProgress?: (phase: string, percent: number) => void;
}

export interface SyntheticSummary {
  market: string;
  country: string;
  status: "pass" | "fail";
  reason: string | null;
}

export interface CheckoutChecksResult {
  /** Readiness findings, then funnel-drop findings; the shape of every audit's findings. */
  findings: Finding[];
  skipped: SkippedRule[];
  /** Rules that ran: only their previously open findings can count as fixed. */
  ran: string[];
  synthetic: SyntheticSummary[];
  /** Why no synthetic cart ran (no Storefront access, no active market), or null. */
  syntheticSkipped: string | null;
  /** Groups the run's stored rows (equal to jobRunId or auditRunId when given). */
  runId: string;
}

export interface RunCheckoutChecksDeps {
  /** Default: the shop's offline session (`unauthenticated.admin`). */
  admin?: AdminClient;
  now?: () => Date;
  /** Waits between asks while Shopify reports delivery groups pending (default 1, 2, 4 s). */
  pendingRetryDelaysMs?: readonly number[];
}

const SCOPES_HINT =
  "Approve Tovholder's updated access (unauthenticated_read_product_listings, unauthenticated_write_checkouts) in Shopify admin → Apps.";

function storefrontFailure(error: unknown): string {
  if (!isShopifyApiError(error)) throw error;
  if (error.code === "ACCESS_DENIED" || error.code === "UNAUTHORIZED")
    return `Tovholder has no Storefront API access to this shop (${error.message}). ${SCOPES_HINT}`;
  return `The Storefront API could not be used: ${error.message}.`;
}

async function disabledRules(shop: string): Promise<string[]> {
  const parsed = await readAuditSettings(shop);
  if (!parsed.ok) return [];
  const ours = new Set<string>(CHECKOUT_RULE_IDS);
  return parsed.settings.disabledRules.filter((id) => ours.has(id));
}

function runVerdict(findings: Finding[], markets: MarketRun[]) {
  const critical = findings.filter((f) => f.severity === "critical").length;
  const failed = markets.filter((m) => m.status === "fail").length;
  const parts = [
    ...(failed > 0 ? [`${failed} of ${markets.length} markets failed`] : []),
    ...(critical > 0 ? [`${critical} critical ${critical === 1 ? "finding" : "findings"}`] : []),
  ];
  return {
    status: parts.length === 0 ? ("pass" as const) : ("fail" as const),
    reason: parts.join("; ") || null,
  };
}

/** Storefront access for the synthetic carts, or why there is none (the run goes on without). */
async function storefrontAccess(
  shop: string,
  admin: AdminClient,
  signal: AbortSignal | undefined,
): Promise<{ storefront: StorefrontAccess | null; failure: string | null }> {
  try {
    return { storefront: await openStorefront(shop, admin, signal), failure: null };
  } catch (error) {
    signal?.throwIfAborted();
    return { storefront: null, failure: storefrontFailure(error) };
  }
}

/** Why no synthetic cart runs when the shop has no market to send one to. */
function noMarketReason(snapshot: StoreSnapshot): string {
  return snapshot.markets === null
    ? "Markets were not collected, so there is no market to send a cart to."
    : "The shop has no active market with countries.";
}

/**
 * The readiness outcome with the funnel-drop rule added: its findings when it ran, or the
 * reason it was skipped (disabled in the shop's settings, or no pixel events yet).
 */
function withFunnelRule(
  readiness: CheckoutReadinessResult,
  shop: string,
  funnel: FunnelState,
  disabled: string[],
): { findings: Finding[]; skipped: SkippedRule[]; ran: string[] } {
  const skipped: SkippedRule[] = [...readiness.skipped];
  const ran: string[] = [...readiness.ran];
  let findings = readiness.findings;
  if (disabled.includes(FUNNEL_DROP_RULE_ID))
    skipped.push({
      ruleId: FUNNEL_DROP_RULE_ID,
      reason: "Disabled in this shop's audit settings.",
    });
  else if (funnel.eventCount === 0)
    skipped.push({
      ruleId: FUNNEL_DROP_RULE_ID,
      reason: "The checkout pixel has not sent events yet.",
    });
  else {
    ran.push(FUNNEL_DROP_RULE_ID);
    findings = [...findings, ...funnelFindings(shop, funnel)];
  }
  return { findings, skipped, ran };
}

function syntheticSummary(r: MarketRun): SyntheticSummary {
  return {
    market: r.marketHandle,
    country: r.countryCode,
    status: r.status,
    reason: r.reason,
  };
}

export async function runCheckoutChecks(
  input: RunCheckoutChecksInput,
  deps: RunCheckoutChecksDeps = {},
): Promise<CheckoutChecksResult> {
  const { shop, snapshot, signal } = input;
  const now = deps.now ?? (() => new Date());
  const progress = (phase: string, percent: number) => input.onProgress?.(phase, percent);
  const startedAt = now();
  const started = performance.now();
  const runId = input.jobRunId ?? input.auditRunId ?? randomUUID();

  progress("storefront", 0);
  const admin = deps.admin ?? (await openShopClient(shop));
  const access = await storefrontAccess(shop, admin, signal);
  const { storefront } = access;
  let syntheticSkipped = access.failure;
  const payments: StorefrontPayments | null = storefront?.payments ?? null;

  progress("readiness", 10);
  const disabled = await disabledRules(shop);
  const readiness = runCheckoutReadiness({ snapshot, payments }, { disabledRules: disabled });
  const cells = readinessCells(snapshot, readiness);

  const markets = activeMarkets(snapshot).filter((m) => m.countries.length > 0);
  if (syntheticSkipped === null && markets.length === 0)
    syntheticSkipped = noMarketReason(snapshot);
  const coverage = marketCoverage(snapshot);
  const results: MarketRun[] = [];
  if (storefront !== null)
    for (const [i, market] of markets.entries()) {
      signal?.throwIfAborted();
      progress(`synthetic cart: ${market.name}`, 15 + Math.round((75 * i) / markets.length));
      const readinessOfMarket = cells.get(market.id);
      if (readinessOfMarket === undefined) continue;
      results.push(
        await runSyntheticMarket({
          snapshot,
          coverage,
          market,
          readiness: readinessOfMarket,
          storefront: storefront.client,
          signal,
          ...(deps.pendingRetryDelaysMs && { pendingRetryDelaysMs: deps.pendingRetryDelaysMs }),
        }),
      );
    }

  progress("funnel", 90);
  const funnel = await funnelState(shop, snapshot.shop.ianaTimezone ?? "UTC", now());
  const { findings, skipped, ran } = withFunnelRule(readiness, shop, funnel, disabled);

  progress("saving", 97);
  const verdict = runVerdict(findings, results);
  await saveCheckoutRun({
    runId,
    shop,
    auditRunId: input.auditRunId ?? null,
    jobRunId: input.jobRunId ?? null,
    startedAt,
    finishedAt: now(),
    ...verdict,
    summary: {
      findings,
      skipped,
      ran,
      payments,
      adminWallets: snapshot.shop.digitalWallets ?? null,
      syntheticSkipped,
      durationMs: Math.round(performance.now() - started),
      storeRead: { at: snapshot.source.collectedAt, reused: input.snapshotReused ?? false },
    },
    markets: results,
  });
  progress("done", 100);
  return {
    findings,
    skipped,
    ran,
    synthetic: results.map(syntheticSummary),
    syntheticSkipped,
    runId,
  };
}
