/**
 * The storefront password on the Performance page and under Settings: tried on the storefront
 * before it is saved, refused with a clear message (English or Danish, after Shopify admin's
 * locale) when the storefront rejects it, and in demo mode the demo password is shown.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.hoisted(() => {
  process.env.TOVHOLDER_DEMO = "1";
  process.env.DEMO_SHOP = "nordvej-outdoor.myshopify.com";
  process.env.DEMO_STOREFRONT_PASSWORD = "nordvej-demo";
  // Demo mode is refused with Shopify credentials set, as in `npm run demo`.
  delete process.env.SHOPIFY_API_KEY;
  delete process.env.SHOPIFY_API_SECRET;
});

const { readShopSecret, deleteShopSecret } = await import("~/db/shop-secrets.server");
const performance = await import("~/routes/app.performance");
const settings = await import("~/routes/app.settings");
const { DEMO_STOREFRONT_PASSWORD } = await import("../../standin/seed/demo-store");
const { startInstalledDemoShop } = await import("../helpers/installed-demo-shop");

const SHOP = "nordvej-outdoor.myshopify.com";
let h: Awaited<ReturnType<typeof startInstalledDemoShop>>;

beforeAll(async () => {
  h = await startInstalledDemoShop(SHOP);
}, 120_000);
afterAll(() => h.close());

type Action = typeof performance.action;
const post = (
  action: Action | typeof settings.action,
  path: string,
  form: Record<string, string>,
) =>
  action({
    request: new Request(`http://localhost:3000${path}`, {
      method: "POST",
      body: new URLSearchParams(form),
    }),
    params: {},
    context: {},
  });

describe("saving the storefront password", () => {
  it("a password the storefront rejects is refused, with a clear message, and not stored", async () => {
    await deleteShopSecret(SHOP, "storefront-password");
    const result = await post(performance.action, "/app/performance", {
      intent: "save-password",
      password: "nordvej-1234",
    });
    expect(result).toEqual({
      form: "password",
      ok: false,
      message:
        "The storefront did not accept this password, so it was not saved. Copy it from Online Store → Preferences in Shopify admin and try again.",
    });
    expect(await readShopSecret(SHOP, "storefront-password")).toBeNull();
  });

  it("says so in Danish when Shopify admin is in Danish", async () => {
    const result = await post(performance.action, "/app/performance?locale=da", {
      intent: "save-password",
      password: "forkert",
    });
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringMatching(
        /^Butikken godkendte ikke adgangskoden, så den blev ikke gemt/,
      ),
    });
    const empty = await post(settings.action, "/app/settings?locale=da-DK", {
      intent: "save-password",
      password: "  ",
    });
    expect(empty).toMatchObject({ ok: false, message: "Indtast butikkens adgangskode." });
  });

  it("the password the storefront accepts is saved (encrypted), also from Settings", async () => {
    const result = await post(settings.action, "/app/settings", {
      intent: "save-password",
      password: ` ${DEMO_STOREFRONT_PASSWORD} `,
    });
    expect(result).toEqual({
      form: "password",
      ok: true,
      message: "The storefront accepted the password. It is saved (encrypted).",
    });
    expect(await readShopSecret(SHOP, "storefront-password")).toBe(DEMO_STOREFRONT_PASSWORD);

    const removed = await post(performance.action, "/app/performance", {
      intent: "remove-password",
    });
    expect(removed).toMatchObject({ ok: true, message: "Storefront password removed." });
    expect(await readShopSecret(SHOP, "storefront-password")).toBeNull();
  });
});

describe("the demo storefront's password is shown where it is entered", () => {
  const get = (path: string) => new Request(`http://localhost:3000${path}`);

  it("on the Performance page and under Settings, in the admin's language", async () => {
    const perf = await performance.loader({
      request: get("/app/performance"),
      params: {},
      context: {},
    });
    expect(perf.demoPasswordHint).toBe(
      "The demo storefront is password-protected. Its password is nordvej-demo (in a real shop: Online Store → Preferences).",
    );
    const set = await settings.loader({
      request: get("/app/settings?locale=da"),
      params: {},
      context: {},
    });
    expect(set.storefrontPassword.demoHint).toMatch(
      /^Demobutikken .* Adgangskoden er nordvej-demo/,
    );
  });
});
