import { describe, expect, it } from "vitest";
import {
  normaliseCollection,
  normaliseDeliveryZone,
  normaliseDiscount,
  normalisePolicy,
  onlineStorePublicationId,
  themeFileText,
} from "~/snapshot/domain/sections";

const policy = (body: string) =>
  normalisePolicy({
    type: "REFUND_POLICY",
    title: "Refunds",
    body,
    url: "https://shop.example/policies/refund-policy",
  });

describe("policy body length", () => {
  it.each([
    ["<p>30 days.</p>", 8],
    ["<h1>Returns</h1>\n\n<p>Within   30 days</p>", "Returns Within 30 days".length],
    ["<p>Fish &amp; chips &lt;3 &#x1F6B2; &#128690;</p>", "Fish & chips <3 🚲 🚲".length - 2],
    ["<style>p{}</style><script>alert(1)</script><!-- note --><p>ok</p>", 2],
    ["", 0],
  ])("%j has %i visible characters", (html, length) => {
    expect(policy(html).bodyLength).toBe(length);
  });

  it("keeps the policy's type, title and URL, not its body", () => {
    expect(policy("<p>30 days.</p>")).toEqual({
      type: "REFUND_POLICY",
      title: "Refunds",
      bodyLength: 8,
      url: "https://shop.example/policies/refund-policy",
    });
  });
});

describe("section normalisers", () => {
  it("a collection with a rule set is smart", () => {
    expect(
      normaliseCollection({
        id: "c1",
        handle: "h",
        title: "T",
        ruleSet: { appliedDisjunctively: false },
      }).smart,
    ).toBe(true);
    expect(
      normaliseCollection({
        id: "c1",
        handle: "h",
        title: "T",
        ruleSet: null,
        publishedOnPublication: true,
      }),
    ).toEqual({
      id: "c1",
      handle: "h",
      title: "T",
      smart: false,
      publishedOnlineStore: true,
    });
  });

  it("a delivery zone keeps countries, rest of world, and flat prices only", () => {
    expect(
      normaliseDeliveryZone({
        zone: {
          name: "World",
          countries: [
            { code: { countryCode: "DK", restOfWorld: false } },
            { code: { countryCode: null, restOfWorld: true } },
          ],
        },
        methodDefinitions: {
          nodes: [
            { name: "Standard", active: true, rateProvider: { price: { amount: "49.00" } } },
            { name: "Carrier", active: false, rateProvider: {} },
          ],
        },
      }),
    ).toEqual({
      name: "World",
      countries: ["DK"],
      restOfWorld: true,
      methods: [
        { name: "Standard", active: true, price: "49.00" },
        { name: "Carrier", active: false, price: null },
      ],
    });
  });

  it("discounts: code and automatic kinds; unknown union members are not guessed at", () => {
    const common = {
      title: "T",
      status: "ACTIVE" as const,
      startsAt: "2026-01-01T00:00:00Z",
      endsAt: null,
      asyncUsageCount: 4,
    };
    expect(
      normaliseDiscount("d1", {
        __typename: "DiscountCodeBasic",
        ...common,
        usageLimit: 10,
        codesCount: { count: 3000 },
        codes: { nodes: [{ code: "A" }] },
      }),
    ).toEqual({
      id: "d1",
      title: "T",
      kind: "CODE",
      status: "ACTIVE",
      codes: ["A"],
      startsAt: common.startsAt,
      endsAt: null,
      usageLimit: 10,
      usageCount: 4,
      codesCount: 3000,
    });
    expect(
      normaliseDiscount("d2", { __typename: "DiscountAutomaticBxgy", ...common }),
    ).toMatchObject({ kind: "AUTOMATIC", codes: [], usageLimit: null });
    expect(normaliseDiscount("d3", { __typename: "DiscountSomethingNew" })).toBeNull();
  });

  it("finds the Online Store publication by catalog title, else by its (deprecated) name", () => {
    expect(
      onlineStorePublicationId([
        { id: "p1", name: "Point of Sale", catalog: null },
        { id: "p2", name: "x", catalog: { title: "Online Store" } },
      ]),
    ).toBe("p2");
    expect(onlineStorePublicationId([{ id: "p1", name: "Online Store", catalog: null }])).toBe(
      "p1",
    );
    expect(onlineStorePublicationId([{ id: "p1", name: "Shop", catalog: null }])).toBeNull();
  });

  it("theme file bodies: text as is, base64 decoded, URL bodies not read", () => {
    expect(themeFileText({ __typename: "OnlineStoreThemeFileBodyText", content: "{}" })).toBe("{}");
    expect(
      themeFileText({
        __typename: "OnlineStoreThemeFileBodyBase64",
        contentBase64: Buffer.from("æøå 🚲").toString("base64"),
      }),
    ).toBe("æøå 🚲");
    expect(themeFileText({ __typename: "OnlineStoreThemeFileBodyUrl" })).toBeNull();
  });
});
