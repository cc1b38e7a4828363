/**
 * Settings → Shopify access, through the route: it asks Shopify whether its analytics answer,
 * tells a scope the shop has not granted (read_reports) from protected customer data Shopify has
 * not approved, says what to do with a link to shopify.dev, and records what it found.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

const SHOP = "settings-access.myshopify.com";
vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  process.env.DEMO_SHOP = "settings-access.myshopify.com";
  // Demo mode is refused with Shopify credentials set (decision 017).
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
});

const { Session } = await import("@shopify/shopify-api");
const { API_KEY, API_SECRET_KEY } = await import("@shopify/shopify-api/test-helpers");
const { sessionStorage } = await import("~/shopify.server");
const { recordInstall } = await import("~/db/shops.server");
const { readAnalyticsAccess } = await import("~/db/shop-settings.server");
const { ShopifyAccess } = await import("~/ui/ShopifyAccess");
const settings = await import("~/routes/app.settings");
const { AppProvider } = await import("@shopify/polaris");
const en = (await import("@shopify/polaris/locales/en.json", { with: { type: "json" } })).default;
const { startStandin } = await import("../../standin/server");
const { defaultScopes } = await import("../../standin/auth/scopes");
const { makeStore } = await import("../standin/fixtures");

type Standin = Awaited<ReturnType<typeof startStandin>>;
let standin: Standin;

async function install(scopes: string[]) {
  const granted = standin.grantOfflineToken(SHOP, { scopes });
  await sessionStorage.storeSession(
    new Session({
      id: `offline_${SHOP}`,
      shop: SHOP,
      state: "",
      isOnline: false,
      accessToken: granted.accessToken,
      scope: granted.scope,
    }),
  );
  await recordInstall({ shop: SHOP, scopes: granted.scope });
}

async function access() {
  const page = await settings.loader({
    request: new Request("http://localhost:3000/app/settings"),
    params: {},
    context: {},
  });
  return page.access;
}

const html = (view: Awaited<ReturnType<typeof access>>) =>
  renderToStaticMarkup(
    createElement(
      AppProvider,
      { i18n: en },
      createElement(ShopifyAccess, { access: view, timeZone: "UTC" }),
    ),
  );

beforeAll(async () => {
  standin = await startStandin({
    stores: [makeStore({ shop: SHOP })],
    apiKey: API_KEY,
    apiSecret: API_SECRET_KEY,
  });
  process.env.SHOPIFY_STANDIN_URL = standin.url;
});
afterAll(async () => {
  await standin?.close();
  delete process.env.SHOPIFY_STANDIN_URL;
});

describe("Settings → Shopify access", () => {
  it("shows Shopify's analytics as available when Shopify answers", async () => {
    await install(defaultScopes());
    const view = await access();
    expect(view).toMatchObject({ analytics: "available", orders: true });
    expect(html(view)).toContain("Available");
    expect((await readAnalyticsAccess(SHOP))?.status).toBe("available");
  });

  it("says protected customer data is not approved, what to do, and links to it", async () => {
    standin.setProtectedCustomerData(SHOP, 1);
    try {
      const view = await access();
      expect(view.analytics).toBe("protected_data_not_approved");
      const page = html(view);
      expect(page).toContain("Protected customer data not approved");
      expect(page).toContain("The shop granted read_reports, yet Shopify refused the analytics");
      expect(page).toContain("API access requests → Protected customer data access");
      expect(page).toContain(
        'href="https://shopify.dev/docs/apps/launch/protected-customer-data#request-access-to-protected-customer-data"',
      );
      expect(page).not.toContain("The shop has not granted read_reports");
      expect((await readAnalyticsAccess(SHOP))?.status).toBe("protected_data_not_approved");
    } finally {
      standin.setProtectedCustomerData(SHOP, 2);
    }
  });

  it("says the shop has not granted read_reports when that is what is missing", async () => {
    await install(defaultScopes().filter((s) => s !== "read_reports"));
    const view = await access();
    expect(view.analytics).toBe("read_reports_not_granted");
    const page = html(view);
    expect(page).toContain("Scope not granted");
    expect(page).toContain("The shop has not granted read_reports");
    expect(page).not.toContain("Protected customer data not approved");
  });
});
