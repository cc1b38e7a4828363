/**
 * A form the page never sends is refused by the route's action with 400 and a sentence, and
 * nothing is written: no job queued, no settings changed, no finding suppressed, no password
 * stored. Demo mode against the demo store on the stand-in, through the real routes.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { afterAll, beforeAll, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  process.env.DEMO_SHOP = "nordvej-outdoor.myshopify.com";
  // Demo mode is refused with Shopify credentials set, as in `npm run demo`.
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
});

const { prisma } = await import("~/db/db.server");
const { getShopSettings } = await import("~/db/shop-settings.server");
const { readShopSecret } = await import("~/db/shop-secrets.server");
const dashboard = await import("~/routes/app._index");
const checkout = await import("~/routes/app.checkout");
const performance = await import("~/routes/app.performance");
const products = await import("~/routes/app.products");
const settings = await import("~/routes/app.settings");
const { startInstalledDemoShop } = await import("../helpers/installed-demo-shop");

const SHOP = "nordvej-outdoor.myshopify.com";
let h: Awaited<ReturnType<typeof startInstalledDemoShop>>;

beforeAll(async () => {
  h = await startInstalledDemoShop(SHOP);
}, 120_000);
afterAll(() => h.close());

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function refused(action: Action, path: string, fields: [string, string][]) {
  const outcome = await action({
    request: new Request(`http://localhost:3000${path}`, {
      method: "POST",
      body: new URLSearchParams(fields),
    }),
    params: {},
    context: {},
  }).catch((error: unknown) => error);
  if (!(outcome instanceof Response)) throw new Error(`not refused: ${JSON.stringify(outcome)}`);
  return { status: outcome.status, body: (await outcome.json()) as unknown };
}

const written = async () => ({
  jobs: await prisma.jobRun.count({ where: { shop: SHOP } }),
  suppressions: await prisma.suppression.count({ where: { shop: SHOP } }),
  settings: await getShopSettings(SHOP),
  password: await readShopSecret(SHOP, "storefront-password"),
});

it("refuses unknown intents and missing fields with 400 and writes nothing", async () => {
  const before = await written();
  const cases: [Action, string, [string, string][], string][] = [
    [dashboard.action, "/app", [["intent", "run-everything"]], 'Unknown action "run-everything".'],
    [dashboard.action, "/app", [["intent", "cancel"]], 'The form is missing the field "runId".'],
    [checkout.action, "/app/checkout", [["intent", "activate"]], 'Unknown action "activate".'],
    [
      performance.action,
      "/app/performance",
      [
        ["intent", "run"],
        ["job", "report.monthly"],
      ],
      "",
    ],
    [performance.action, "/app/performance", [["password", "x"]], "The form has no action."],
    [
      products.action,
      "/app/products",
      [
        ["intent", "suppress"],
        ["all", "yes"],
      ],
      "",
    ],
    [
      settings.action,
      "/app/settings",
      [
        ["intent", "schedule"],
        ["hour", "3"],
        ["enabled", "on"],
      ],
      'The form is missing the field "weekday".',
    ],
  ];
  for (const [action, path, fields, message] of cases) {
    const answer = await refused(action, path, fields);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, message: message || expect.any(String) });
  }
  expect(await written()).toEqual(before);
});
