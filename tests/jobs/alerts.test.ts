/**
 * Alerts: new critical findings reach the manager once per channel — by email through SMTP and
 * by a Slack-compatible webhook — with failed deliveries retried and nothing sent twice.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startHttpReceiver,
  startSmtpCapture,
  type HttpReceiver,
  type SmtpCapture,
} from "./receivers";

// The capture server must be up before the app reads SMTP_URL: app modules are imported after.
const smtp: SmtpCapture = await startSmtpCapture();
process.env.SMTP_URL = smtp.url;
process.env.ALERT_FROM = "Tovholder <alerts@tovholder.test>";
process.env.JOBS_PROVIDER = "inprocess";

const { prisma } = await import("~/db/db.server");
const { deliverAlerts } = await import("~/alerts/server/deliver.server");
const { enqueueAlerts } = await import("~/alerts/server/enqueue.server");
const { findingAlerts } = await import("~/alerts/domain/sources");
const { alertsDeliverJob } = await import("~/jobs/definitions");
const { JobRegistry } = await import("~/jobs/define");
const { alertTargets, saveAlertTargets } = await import("~/db/shop-settings.server");
const { recordInstall } = await import("~/db/shops.server");
const { DecryptionError } = await import("~/lib/encryption.server");
const { startWorker, waitForRun } = await import("./harness");
const { uniqueShop } = await import("../helpers/webhooks");
const { startTrap } = await import("../helpers/trap");
type Trap = Awaited<ReturnType<typeof startTrap>>;

const FINDINGS = [
  {
    key: "product.missing-image:gid://shopify/Product/1",
    ruleId: "product.missing-image",
    message: "The product has no image.",
    productTitle: 'Trail tent <script>alert("x")</script> & co',
    fixUrl: "https://admin.shopify.com/store/acme/products/1",
  },
  {
    key: "variant.zero-price:gid://shopify/ProductVariant/2",
    ruleId: "variant.zero-price",
    message: "A variant costs 0.00.",
    productTitle: null,
    fixUrl: null,
  },
];

let hook: HttpReceiver;
let trap: Trap;
beforeAll(async () => {
  hook = await startHttpReceiver();
  // The local receiver is on loopback: the environment names it as the one exception
  // (decision 016), as an operator would name an internal receiver. Nothing else is allowed.
  process.env.TOVHOLDER_EGRESS_ALLOW = new URL(hook.url).host;
  trap = await startTrap();
});
afterAll(async () => {
  delete process.env.TOVHOLDER_EGRESS_ALLOW;
  await smtp.close();
  await hook.close();
  await trap.close();
});

async function shopWithTargets(targets: { emails: string[]; webhook: boolean }): Promise<string> {
  const shop = uniqueShop("alerts");
  await recordInstall({ shop, scopes: null });
  await saveAlertTargets(shop, {
    emails: targets.emails,
    webhookUrl: targets.webhook ? hook.url : null,
  });
  return shop;
}

const mailsTo = (address: string) => smtp.messages.filter((m) => m.to.includes(address));

/** The message as a reader sees it: folded headers unfolded, quoted-printable decoded. */
function readable(raw: string): string {
  return raw
    .replace(/\r\n[ \t]+/g, " ")
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
const hooksFor = (shop: string) =>
  hook.received.filter((b) => (b as { text: string }).text.includes(shop));

describe("alert delivery", () => {
  it("emails the new critical findings once: short, escaped, with a link to the app", async () => {
    const shop = await shopWithTargets({ emails: ["manager@agency.test"], webhook: false });
    const items = findingAlerts(FINDINGS);
    const signal = new AbortController().signal;
    const first = await deliverAlerts({ shop, runId: "run-1", items }, signal);
    expect(first).toEqual([
      { channel: "email", sent: 2, skipped: null },
      { channel: "webhook", sent: 0, skipped: "not configured" },
    ]);
    const [mail, ...more] = mailsTo("manager@agency.test");
    expect(more).toEqual([]);
    expect(mail!.from).toBe("alerts@tovholder.test");
    const raw = readable(mail!.raw);
    expect(raw).toContain(`Subject: Tovholder: 2 new critical problems in ${shop}`);
    // The HTML part escapes the store's text; the script tag never appears as markup.
    expect(raw).toContain("Trail tent &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(raw).not.toMatch(/<strong>Trail tent <script>/);
    expect(raw).toContain("https://admin.shopify.com/store/acme/products/1");
    expect(raw).toContain(
      `https://admin.shopify.com/store/${shop.replace(".myshopify.com", "")}/apps/`,
    );
    expect(await prisma.alert.count({ where: { shop, channel: "email" } })).toBe(2);

    // The next run reports one of them again (and one new): only the new one is sent.
    const again = await deliverAlerts(
      {
        shop,
        runId: "run-2",
        items: findingAlerts([FINDINGS[0]!, { ...FINDINGS[1]!, key: "variant.zero-price:3" }]),
      },
      signal,
    );
    expect(again[0]).toEqual({ channel: "email", sent: 1, skipped: null });
    expect(mailsTo("manager@agency.test")).toHaveLength(2);
    expect(mailsTo("manager@agency.test")[1]!.raw).not.toContain("Trail tent");
    const third = await deliverAlerts(
      { shop, runId: "run-3", items: findingAlerts(FINDINGS) },
      signal,
    );
    expect(third[0]).toEqual({ channel: "email", sent: 0, skipped: "already sent" });
    expect(mailsTo("manager@agency.test")).toHaveLength(2);
  });

  it("posts a Slack-compatible message to the shop's webhook, escaped, once", async () => {
    const shop = await shopWithTargets({ emails: [], webhook: true });
    const items = findingAlerts(FINDINGS);
    await deliverAlerts({ shop, runId: "run-1", items }, new AbortController().signal);
    await deliverAlerts({ shop, runId: "run-2", items }, new AbortController().signal);
    const bodies = hooksFor(shop) as { text: string }[];
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.text).toContain(`*2 new critical problems in ${shop}*`);
    expect(bodies[0]!.text).toContain(
      '<https://admin.shopify.com/store/acme/products/1|Trail tent &lt;script&gt;alert("x")&lt;/script&gt; &amp; co>: The product has no image.',
    );
    expect(await prisma.alert.count({ where: { shop, channel: "webhook" } })).toBe(2);
  });

  it("keeps the webhook URL encrypted at rest and never returns it to another shop", async () => {
    const shop = await shopWithTargets({ emails: [], webhook: true });
    const row = await prisma.shopSettings.findUniqueOrThrow({ where: { shop } });
    expect(row.alertWebhookUrl).toMatch(/^v1\./);
    expect(row.alertWebhookUrl).not.toContain("127.0.0.1");
    expect((await alertTargets(shop)).webhookUrl).toBe(hook.url);
    const other = uniqueShop("thief");
    await prisma.shopSettings.create({
      data: { shop: other, alertWebhookUrl: row.alertWebhookUrl },
    });
    await expect(alertTargets(other)).rejects.toThrow(DecryptionError);
  });

  it("retries a failed delivery later, and never sends a channel that succeeded twice", async () => {
    const shop = await shopWithTargets({ emails: ["retry@agency.test"], webhook: true });
    // Same job and handler as the app's, with a backoff short enough for a test.
    const registry = new JobRegistry([{ ...alertsDeliverJob, backoff: { baseMs: 50, maxMs: 50 } }]);
    const worker = await startWorker(registry);
    try {
      hook.failNext(2, 503);
      const before = hook.requests;
      const queued = await enqueueAlerts({
        shop,
        runId: "audit-run-7",
        items: findingAlerts(FINDINGS),
      });
      // The same run's alerts enqueued again (a retried audit) are the same delivery.
      const again = await enqueueAlerts({
        shop,
        runId: "audit-run-7",
        items: findingAlerts(FINDINGS),
      });
      expect(again).toEqual({ id: queued!.id, deduplicated: true });
      const run = await waitForRun(queued!.id);
      expect(run).toMatchObject({ status: "succeeded", attempts: 3 });
      expect(hook.requests - before).toBe(3);
      expect(hooksFor(shop)).toHaveLength(1);
      expect(mailsTo("retry@agency.test")).toHaveLength(1);
      expect(await prisma.alert.count({ where: { shop } })).toBe(4);
    } finally {
      await worker.stop();
    }
  });

  it("dead-letters a delivery that keeps failing, with the error", async () => {
    const shop = await shopWithTargets({ emails: ["refused@agency.test"], webhook: false });
    const registry = new JobRegistry([
      { ...alertsDeliverJob, maxAttempts: 2, backoff: { baseMs: 20, maxMs: 20 } },
    ]);
    const worker = await startWorker(registry);
    try {
      const { id } = await prisma.jobRun.create({
        data: {
          id: `alerts.deliver:${shop}:dead`,
          shop,
          jobId: alertsDeliverJob.id,
          jobVersion: 1,
          payload: JSON.stringify({ shop, runId: "r", items: findingAlerts(FINDINGS) }),
          status: "queued",
          runAt: new Date(),
          maxAttempts: 2,
          concurrencyKey: `alerts:${shop}`,
        },
      });
      const run = await waitForRun(id);
      expect(run.status).toBe("dead");
      expect(run.error).toMatch(/^alert delivery failed: email: .*550 no such user/);
      expect(await prisma.alert.count({ where: { shop } })).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it("does not call a saved webhook URL that now points inside: every spelling of loopback, private and metadata addresses", async () => {
    // Saved when its host was public; its DNS (or the stored value) now points inside.
    const { PRIVATE_URLS } = await import("../helpers/trap");
    for (const url of [...trap.urls("/hooks/slack"), ...PRIVATE_URLS]) {
      const shop = uniqueShop("inside");
      await recordInstall({ shop, scopes: null });
      await saveAlertTargets(shop, { emails: [], webhookUrl: url });
      await expect(
        deliverAlerts(
          { shop, runId: "run-inside", items: findingAlerts(FINDINGS) },
          new AbortController().signal,
        ),
        url,
      ).rejects.toThrow(
        /^alert delivery failed: webhook: the alert webhook was not called: .* address; Tovholder does not connect to it$/,
      );
      expect(await prisma.alert.count({ where: { shop } })).toBe(0);
    }
    expect(trap.hits).toEqual([]);
  });

  it("enqueues nothing when there is nothing new", async () => {
    expect(await enqueueAlerts({ shop: "x.myshopify.com", runId: "r", items: [] })).toBeNull();
  });
});
