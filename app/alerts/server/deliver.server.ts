/**
 * Delivers a run's alerts on each configured channel: one message per channel with the items
 * not yet sent there, then one Alert row per item and channel. A channel that fails is retried
 * by the job (backoff, then dead with the error); channels that succeeded are not sent again,
 * because their Alert rows exist. The one window for a duplicate is a crash between the
 * server accepting a message and the rows being written (docs/decisions/007-jobs.md).
 */
import { env } from "~/env.server";
import { egressFetch, egressRefusalOf } from "~/lib/egress/egress.server";
import { sendMail } from "~/lib/mail.server";
import { recordAlertsSent, sentAlertKeys, type AlertChannel } from "~/alerts/models/alerts.server";
import { alertTargets } from "~/db/shop-settings.server";
import type { AlertItem } from "~/jobs/definitions";
import { emailHtml, emailText, subject, webhookBody, type AlertMessage } from "../domain/message";

export interface DeliveryInput {
  shop: string;
  runId: string;
  items: AlertItem[];
}

export interface ChannelResult {
  channel: AlertChannel;
  sent: number;
  skipped: "not configured" | "already sent" | null;
}

/** Where a manager opens the app for a shop: Shopify admin, or the demo's own URL. */
export function appUrlFor(shop: string): string {
  const config = env();
  if (config.demoMode) return `${config.appUrl.replace(/\/$/, "")}/app`;
  return `https://admin.shopify.com/store/${shop.replace(/\.myshopify\.com$/, "")}/apps/${config.apiKey}`;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * POSTs to the shop's webhook through the outbound filter (decision 016): the address is checked
 * again when connecting, since DNS may have changed since the URL was saved; no redirects.
 */
async function postWebhook(url: string, body: unknown, signal: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await egressFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.any([signal, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
      redirect: "error",
    });
  } catch (error) {
    const refused = egressRefusalOf(error);
    if (refused) throw new Error(`the alert webhook was not called: ${refused.message}`);
    throw error;
  }
  await response.body?.cancel().catch(() => undefined);
  if (!response.ok) throw new Error(`the alert webhook answered HTTP ${response.status}`);
}

export async function deliverAlerts(
  input: DeliveryInput,
  signal: AbortSignal,
): Promise<ChannelResult[]> {
  const targets = await alertTargets(input.shop);
  const channels: { channel: AlertChannel; send: ((m: AlertMessage) => Promise<void>) | null }[] = [
    {
      channel: "email",
      send:
        targets.emails.length > 0 && env().smtpUrl !== null
          ? async (m) => {
              await sendMail({
                to: targets.emails,
                subject: subject(m),
                text: emailText(m),
                html: emailHtml(m),
              });
            }
          : null,
    },
    {
      channel: "webhook",
      send: targets.webhookUrl
        ? (m) => postWebhook(targets.webhookUrl ?? "", webhookBody(m), signal)
        : null,
    },
  ];
  const results: ChannelResult[] = [];
  const failures: string[] = [];
  for (const { channel, send } of channels) {
    if (send === null) {
      results.push({ channel, sent: 0, skipped: "not configured" });
      continue;
    }
    const sent = await sentAlertKeys(
      input.shop,
      channel,
      input.items.map((i) => i.key),
    );
    const items = input.items.filter((i) => !sent.has(i.key));
    if (items.length === 0) {
      results.push({ channel, sent: 0, skipped: "already sent" });
      continue;
    }
    const message: AlertMessage = { shop: input.shop, appUrl: appUrlFor(input.shop), items };
    try {
      signal.throwIfAborted();
      await send(message);
    } catch (error) {
      failures.push(`${channel}: ${(error as Error).message}`);
      continue;
    }
    await recordAlertsSent({
      shop: input.shop,
      channel,
      runId: input.runId,
      keys: items.map((i) => i.key),
      payload: JSON.stringify({ items: items.map((i) => i.key), at: new Date().toISOString() }),
    });
    results.push({ channel, sent: items.length, skipped: null });
  }
  if (failures.length > 0) throw new Error(`alert delivery failed: ${failures.join("; ")}`);
  return results;
}
