/** The checkout readiness rules, one behaviour per test, on built snapshots. */
import { describe, expect, it } from "vitest";
import type { CheckoutInput } from "~/checkout/domain/input";
import { runCheckoutReadiness } from "~/checkout/domain/run";
import { CHECKOUT_READINESS_RULE_IDS } from "~/checkout/domain/rule-ids";
import type { StoreSnapshot } from "~/snapshot/domain/types";
import { snapshot as csvLike } from "../audit/builders";
import {
  ALL_POLICIES,
  CARDS,
  LOCATION,
  discount,
  market,
  product,
  profile,
  readyShop,
  variant,
  zone,
} from "./builders";

function run(snapshot: StoreSnapshot, payments: CheckoutInput["payments"] = CARDS) {
  return runCheckoutReadiness({ snapshot, payments });
}

const of = (snapshot: StoreSnapshot, ruleId: string, payments: CheckoutInput["payments"] = CARDS) =>
  run(snapshot, payments).findings.filter((f) => f.ruleId === ruleId);

describe("a shop ready to sell", () => {
  it("has no finding and runs every rule", () => {
    const result = run(readyShop());
    expect(result.findings).toEqual([]);
    expect(result.ran).toEqual([...CHECKOUT_READINESS_RULE_IDS]);
  });

  it("skips rules whose sections were not collected, with the gap's reason, and disabled ones", () => {
    const snapshot = csvLike([product()], {
      source: {
        kind: "csv",
        name: "export.csv",
        collectedAt: "2026-01-05T00:00:00Z",
        strategy: null,
      },
      gaps: [
        {
          section: "discounts",
          reason: "ACCESS_DENIED",
          message: "Access denied for discountNodes field.",
        },
      ],
    });
    snapshot.shop.passwordProtected = null;
    snapshot.shop.digitalWallets = null;
    const result = runCheckoutReadiness(
      { snapshot, payments: null },
      { disabledRules: ["checkout.no-purchasable-products"] },
    );
    expect(result.ran).toEqual([]);
    expect(Object.fromEntries(result.skipped.map((s) => [s.ruleId, s.reason]))).toEqual({
      "checkout.no-purchasable-products": "Disabled in this shop's audit settings.",
      "checkout.storefront-password":
        "The Online Store's password protection: not collected from a product CSV export.",
      "checkout.payments-not-ready": "Payment settings: not collected from a product CSV export.",
      "checkout.market-without-shipping":
        "Markets: not collected from a product CSV export. Delivery profiles: not collected from a product CSV export.",
      "checkout.product-not-shippable":
        "Markets: not collected from a product CSV export. Delivery profiles: not collected from a product CSV export.",
      "checkout.policy-missing": "Store policies: not collected from a product CSV export.",
      "checkout.discount-expired-active":
        "Discounts: not collected from a product CSV export (Access denied for discountNodes field.).",
    });
  });
});

describe("checkout.no-purchasable-products", () => {
  const soldOut = () =>
    variant({ inventoryQuantity: 0, inventoryLevels: [{ locationId: LOCATION, available: 0 }] });

  it.each([
    [
      "no active product",
      [product({ status: "DRAFT" }), product({ status: "ARCHIVED" })],
      /no active product/,
    ],
    [
      "nothing published",
      [product({ publishedOnlineStore: false })],
      /none of its 1 active products is published/,
    ],
    [
      "nothing priced",
      [product({ variants: [variant({ price: "0.00" })] })],
      /has a variant with a price above 0/,
    ],
    ["everything sold out", [product({ variants: [soldOut()] })], /sold out/],
    ["only a gift card", [product({ isGiftCard: true })], /no active product/],
  ])("fires when there is %s", (_name, products, message) => {
    const findings = of(readyShop({ products }), "checkout.no-purchasable-products");
    expect(findings.map((f) => [f.severity, f.resource.type])).toEqual([["critical", "shop"]]);
    expect(findings[0]?.message).toMatch(message);
  });

  it.each([
    [
      "one variant continues selling",
      variant({ inventoryQuantity: 0, inventoryLevels: null, inventoryPolicy: "CONTINUE" }),
    ],
    ["one variant is not tracked", variant({ inventoryQuantity: 0, tracked: false })],
    ["stock was not collected", variant({ inventoryQuantity: null, inventoryLevels: null })],
  ])("does not fire when %s", (_name, v) => {
    const products = [product({ variants: [soldOut(), v] })];
    expect(of(readyShop({ products }), "checkout.no-purchasable-products")).toEqual([]);
  });

  it("gives unknown publication the benefit of the doubt", () => {
    const products = [product({ publishedOnlineStore: null })];
    expect(of(readyShop({ products }), "checkout.no-purchasable-products")).toEqual([]);
  });
});

describe("checkout.storefront-password", () => {
  it("fires on a protected shop and names the development-store case", () => {
    const shop = readyShop();
    shop.shop.passwordProtected = true;
    const [finding] = of(shop, "checkout.storefront-password");
    expect(finding).toMatchObject({
      severity: "critical",
      resource: { type: "shop", id: shop.shop.domain },
      fixUrl: "https://admin.shopify.com/store/builder-shop/online_store/preferences",
    });
    shop.shop.developmentStore = true;
    expect(of(shop, "checkout.storefront-password")[0]?.message).toMatch(/development store/);
  });
});

describe("checkout.payments-not-ready", () => {
  it("fires when the Storefront API reports no card brand and no wallet", () => {
    const none = {
      acceptedCardBrands: [],
      supportedDigitalWallets: [],
      shopifyPaymentsAccountId: null,
    };
    const [finding] = of(readyShop(), "checkout.payments-not-ready", none);
    expect(finding).toMatchObject({
      severity: "warning",
      fixUrl: expect.stringMatching(/settings\/payments$/),
    });
    expect(finding?.message).toMatch(/PayPal or manual payments/);
  });

  it("accepts wallets alone", () => {
    const wallets = {
      acceptedCardBrands: [],
      supportedDigitalWallets: ["SHOPIFY_PAY"],
      shopifyPaymentsAccountId: null,
    };
    expect(of(readyShop(), "checkout.payments-not-ready", wallets)).toEqual([]);
  });

  it("without Storefront access falls back to the Admin API's wallets: none is info, some is ready", () => {
    const shop = readyShop();
    shop.shop.digitalWallets = [];
    const findings = of(shop, "checkout.payments-not-ready", null);
    expect(findings.map((f) => f.severity)).toEqual(["info"]);
    expect(findings[0]?.message).toMatch(/cannot be read through the API/);
    shop.shop.digitalWallets = ["SHOPIFY_PAY", "APPLE_PAY"];
    expect(of(shop, "checkout.payments-not-ready", null)).toEqual([]);
  });

  it("a snapshot stored before wallets were collected skips the rule instead of guessing", () => {
    const shop = readyShop();
    delete shop.shop.digitalWallets;
    const result = runCheckoutReadiness({ snapshot: shop, payments: null });
    expect(result.skipped.map((s) => s.ruleId)).toContain("checkout.payments-not-ready");
  });
});

describe("checkout.market-without-shipping", () => {
  it("reports a market no zone covers, once, naming its uncovered countries", () => {
    const shop = readyShop({ markets: [market("dk", ["DK"]), market("eu", ["DE", "FR", "IT"])] });
    const findings = of(shop, "checkout.market-without-shipping");
    expect(findings.map((f) => [f.resource.id, f.details.countries])).toEqual([
      ["gid://shopify/Market/eu", ["FR", "IT"]],
    ]);
    expect(findings[0]?.message).toBe(
      "Market EU: no delivery zone with an active rate covers France and Italy (2 of its 3 countries).",
    );
  });

  it("ignores draft markets", () => {
    const shop = readyShop({
      markets: [market("dk", ["DK"]), market("us", ["US"], { status: "DRAFT" })],
    });
    expect(of(shop, "checkout.market-without-shipping")).toEqual([]);
  });

  it("does not count inactive rates, and a named zone without rates hides rest of world", () => {
    const shop = readyShop({
      markets: [market("dk", ["DK"]), market("se", ["SE"]), market("no", ["NO"])],
      deliveryProfiles: [
        profile([
          zone(["DK"]),
          zone(["SE"], { methods: [{ name: "Off", active: false, price: "10.00" }] }),
          zone([], { restOfWorld: true }),
        ]),
      ],
    });
    expect(of(shop, "checkout.market-without-shipping").map((f) => f.resource.id)).toEqual([
      "gid://shopify/Market/se",
    ]);
  });

  it("does not count a location group whose locations do not fulfil online orders", () => {
    const shop = readyShop();
    shop.locations = [
      {
        id: LOCATION,
        name: "Workshop",
        isActive: true,
        fulfillsOnlineOrders: false,
        countryCode: "DK",
      },
    ];
    expect(of(shop, "checkout.market-without-shipping")).toHaveLength(2);
  });
});

describe("checkout.product-not-shippable", () => {
  it("reports a product whose custom profile misses a country another profile reaches", () => {
    const bulky = product({ title: "Cargo bike" });
    const shop = readyShop({
      products: [product(), bulky],
      deliveryProfiles: [
        profile([zone(["DK"]), zone(["DE"])]),
        profile([zone(["DK"])], {
          id: "gid://shopify/DeliveryProfile/2",
          name: "Bulky",
          isDefault: false,
          variantIds: bulky.variants.map((v) => v.id),
        }),
      ],
    });
    const findings = of(shop, "checkout.product-not-shippable");
    expect(findings.map((f) => [f.resource.id, f.details.countries, f.details.profiles])).toEqual([
      [bulky.id, ["DE"], ["Bulky"]],
    ]);
    expect(findings[0]?.fixUrl).toBe(
      "https://admin.shopify.com/store/builder-shop/settings/shipping/profiles/2",
    );
  });

  it("leaves countries no profile reaches to the market rule, and skips unshipped and unsold products", () => {
    const shop = readyShop({
      markets: [market("dk", ["DK"]), market("ch", ["CH"])],
      products: [
        product(),
        product({ variants: [variant({ requiresShipping: false })] }),
        product({ status: "DRAFT" }),
      ],
      deliveryProfiles: [profile([zone(["DK"])])],
    });
    expect(of(shop, "checkout.product-not-shippable")).toEqual([]);
    expect(of(shop, "checkout.market-without-shipping")).toHaveLength(1);
  });
});

describe("checkout.policy-missing", () => {
  it("reports each missing or empty policy, by type", () => {
    const policies = ALL_POLICIES.filter(
      (p) => p.type !== "REFUND_POLICY" && p.type !== "CONTACT_INFORMATION",
    ).map((p) => (p.type === "PRIVACY_POLICY" ? { ...p, bodyLength: 0 } : p));
    const findings = of(readyShop({ policies }), "checkout.policy-missing");
    expect(findings.map((f) => [f.resource.id, f.message])).toEqual([
      ["REFUND_POLICY", "The shop has no return and refund policy."],
      ["PRIVACY_POLICY", "The privacy policy exists but is empty."],
      ["CONTACT_INFORMATION", "The shop has no contact information."],
    ]);
  });
});

describe("checkout.discount-expired-active", () => {
  it("reports codes that ended or are used up, not scheduled, expired or unlimited ones", () => {
    const discounts = [
      discount({
        id: "gid://shopify/DiscountCodeNode/1",
        codes: ["OLD"],
        endsAt: "2026-01-01T00:00:00Z",
      }),
      discount({
        id: "gid://shopify/DiscountCodeNode/2",
        codes: ["FULL"],
        usageLimit: 10,
        usageCount: 10,
      }),
      discount({
        id: "gid://shopify/DiscountCodeNode/3",
        codes: ["FINE"],
        usageLimit: 10,
        usageCount: 9,
      }),
      discount({
        id: "gid://shopify/DiscountCodeNode/4",
        status: "EXPIRED",
        endsAt: "2025-01-01T00:00:00Z",
      }),
      discount({
        id: "gid://shopify/DiscountCodeNode/5",
        status: "SCHEDULED",
        endsAt: "2026-01-01T00:00:00Z",
      }),
      discount({
        id: "gid://shopify/DiscountAutomaticNode/6",
        kind: "AUTOMATIC",
        codes: [],
        usageLimit: 1,
        usageCount: 5,
      }),
    ];
    const findings = of(readyShop({ discounts }), "checkout.discount-expired-active");
    expect(
      findings.map((f) => [
        "title" in f.resource ? f.resource.title : "",
        f.details.ended,
        f.details.usedUp,
      ]),
    ).toEqual([
      ["OLD", true, false],
      ["FULL", false, true],
    ]);
    expect(findings[0]?.fixUrl).toBe("https://admin.shopify.com/store/builder-shop/discounts/1");
  });
});
