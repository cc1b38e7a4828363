/**
 * Everything between the cart and the order for the demo shop: markets, delivery profiles,
 * policies and discounts, with the checkout defects planted:
 * - the Switzerland market is active but no delivery zone covers CH;
 * - the "Bulky goods" profile ships cargo bikes to Denmark and Sweden only;
 * - the contact information policy is missing;
 * - one discount code is ACTIVE after its end date and one has no uses left.
 */
import type {
  ShopPolicyType,
  StandinDeliveryProfile,
  StandinDiscount,
  StandinMarket,
  StandinPolicy,
  StandinProduct,
} from "../store/types";
import type { ShopLocations } from "./demo-products";
import type { IdAllocator } from "./ids";
import type { ManifestDefect } from "./manifest";
import type { Random } from "./random";
import { DAY_MS, iso } from "./time";

export interface CheckoutInput {
  rng: Random;
  ids: IdAllocator;
  now: number;
  locations: ShopLocations;
  bulkyProducts: StandinProduct[];
}

export interface Checkout {
  markets: StandinMarket[];
  deliveryProfiles: StandinDeliveryProfile[];
  policies: StandinPolicy[];
  discounts: StandinDiscount[];
  defects: ManifestDefect[];
}

type MarketSpec = Omit<StandinMarket, "id" | "status" | "type" | "primary" | "sampleAddress"> & {
  sampleAddress: NonNullable<StandinMarket["sampleAddress"]>;
};

const MARKETS: readonly MarketSpec[] = [
  {
    handle: "dk",
    name: "Danmark",
    countries: ["DK"],
    currencyCode: "DKK",
    sampleAddress: {
      countryCode: "DK",
      city: "København N",
      zip: "2200",
      address1: "Nørrebrogade 52",
    },
  },
  {
    handle: "se",
    name: "Sverige",
    countries: ["SE"],
    currencyCode: "SEK",
    sampleAddress: {
      countryCode: "SE",
      city: "Stockholm",
      zip: "111 51",
      address1: "Drottninggatan 71",
    },
  },
  {
    handle: "no",
    name: "Norge",
    countries: ["NO"],
    currencyCode: "NOK",
    sampleAddress: {
      countryCode: "NO",
      city: "Oslo",
      zip: "0154",
      address1: "Karl Johans gate 22",
    },
  },
  {
    handle: "eu",
    name: "EU",
    countries: ["DE", "NL", "FR", "BE", "AT", "FI", "IE"],
    currencyCode: "EUR",
    sampleAddress: {
      countryCode: "DE",
      city: "Berlin",
      zip: "10115",
      address1: "Invalidenstraße 43",
    },
  },
  {
    handle: "uk",
    name: "Storbritannien",
    countries: ["GB"],
    currencyCode: "GBP",
    sampleAddress: { countryCode: "GB", city: "London", zip: "WC2E 9LH", address1: "14 Long Acre" },
  },
  {
    handle: "ch",
    name: "Schweiz",
    countries: ["CH"],
    currencyCode: "CHF",
    sampleAddress: {
      countryCode: "CH",
      city: "Zürich",
      zip: "8001",
      address1: "Bahnhofstrasse 21",
    },
  },
];

/** Countries with delivery in the general profile: every market country except CH. */
export const SHIPPING_ZONES: readonly {
  name: string;
  countries: string[];
  rates: [name: string, amount: string, freeAbove: string | null][];
}[] = [
  {
    name: "Danmark",
    countries: ["DK"],
    rates: [
      ["PostNord pakkeshop", "39.00", "499.00"],
      ["GLS hjemmelevering", "59.00", "999.00"],
    ],
  },
  { name: "Sverige og Norge", countries: ["SE", "NO"], rates: [["PostNord", "99.00", "1499.00"]] },
  {
    name: "EU",
    countries: ["DE", "NL", "FR", "BE", "AT", "FI", "IE"],
    rates: [["DHL Standard", "129.00", null]],
  },
  { name: "Storbritannien", countries: ["GB"], rates: [["DHL Express", "179.00", null]] },
];

const BULKY_ZONES: typeof SHIPPING_ZONES = [
  { name: "Danmark", countries: ["DK"], rates: [["Fragtmand", "499.00", null]] },
  { name: "Sverige", countries: ["SE"], rates: [["Fragtmand", "1299.00", null]] },
];

function markets(input: CheckoutInput): { markets: StandinMarket[]; defects: ManifestDefect[] } {
  const list = MARKETS.map<StandinMarket>((m, i) => ({
    ...m,
    id: input.ids.gid("Market"),
    status: "ACTIVE",
    type: "REGION",
    primary: i === 0,
  }));
  const covered = new Set(SHIPPING_ZONES.flatMap((z) => z.countries));
  const defects = list
    .filter((m) => m.countries.some((c) => !covered.has(c)))
    .map<ManifestDefect>((m) => ({
      ruleId: "checkout.market-without-shipping",
      resourceId: m.id,
      note: `market ${m.name} (${m.countries.join(", ")}) is active but no delivery zone covers it`,
    }));
  return { markets: list, defects };
}

function zones(
  input: CheckoutInput,
  specs: typeof SHIPPING_ZONES,
): StandinDeliveryProfile["locationGroups"][number]["zones"] {
  return specs.map((z) => ({
    id: input.ids.gid("DeliveryZone"),
    name: z.name,
    countries: [...z.countries],
    rates: z.rates.map(([name, amount, freeAbove]) => ({
      id: input.ids.gid("DeliveryMethodDefinition"),
      name,
      active: true,
      amount,
      freeAbove,
    })),
  }));
}

function deliveryProfiles(input: CheckoutInput): StandinDeliveryProfile[] {
  const { ids, locations } = input;
  return [
    {
      id: ids.gid("DeliveryProfile"),
      name: "General profile",
      isDefault: true,
      variantIds: [],
      // The workshop does not fulfil online orders, so it is in no location group.
      locationGroups: [
        {
          id: ids.gid("DeliveryLocationGroup"),
          locationIds: [locations.warehouse.id, locations.store.id],
          zones: zones(input, SHIPPING_ZONES),
        },
      ],
    },
    {
      id: ids.gid("DeliveryProfile"),
      name: "Bulky goods",
      isDefault: false,
      variantIds: input.bulkyProducts.flatMap((p) => p.variants.map((v) => v.id)),
      locationGroups: [
        {
          id: ids.gid("DeliveryLocationGroup"),
          locationIds: [locations.warehouse.id],
          zones: zones(input, BULKY_ZONES),
        },
      ],
    },
  ];
}

const POLICIES: readonly { type: ShopPolicyType; title: string; handle: string; body: string }[] = [
  {
    type: "REFUND_POLICY",
    title: "Returpolitik",
    handle: "refund-policy",
    body: "<p>Du har 30 dages fuld returret fra den dag, du modtager varen. Varen skal returneres i væsentligt samme stand og mængde. Vi refunderer beløbet senest 14 dage efter, at vi har modtaget din fortrydelse. Cykler, der er kørt mere end 50 km, kan ikke returneres.</p>",
  },
  {
    type: "PRIVACY_POLICY",
    title: "Privatlivspolitik",
    handle: "privacy-policy",
    body: "<p>Vi behandler dine personoplysninger for at kunne levere dine ordrer og besvare dine henvendelser. Vi videregiver kun oplysninger til fragtfirmaer og betalingsudbydere, og vi opbevarer dem så længe, bogføringsloven kræver det. Du kan altid få indsigt i og slette dine oplysninger.</p>",
  },
  {
    type: "TERMS_OF_SERVICE",
    title: "Handelsbetingelser",
    handle: "terms-of-service",
    body: "<p>Alle priser er i danske kroner inklusive moms. Aftalen er indgået, når du har modtaget vores ordrebekræftelse. Vi yder to års reklamationsret efter købeloven. Klager kan indgives til Nævnenes Hus eller via EU-Kommissionens onlineklageportal.</p>",
  },
  {
    type: "SHIPPING_POLICY",
    title: "Forsendelse",
    handle: "shipping-policy",
    body: "<p>Vi sender til Danmark, Sverige, Norge, EU og Storbritannien. Ordrer afgivet inden kl. 14 på hverdage sendes samme dag fra vores lager i Aarhus. Ladcykler leveres med fragtmand i Danmark og Sverige. Fri fragt i Danmark ved køb over 499 kr.</p>",
  },
];

/** The shop has every policy a Danish web shop needs except the contact information. */
const MISSING_POLICY: ShopPolicyType = "CONTACT_INFORMATION";

function discounts(input: CheckoutInput): {
  discounts: StandinDiscount[];
  defects: ManifestDefect[];
} {
  const { ids, now, rng } = input;
  const year = new Date(now).getUTCFullYear() % 100;
  const at = (days: number): string => iso(now + days * DAY_MS);
  const code = (
    d: Omit<StandinDiscount, "id" | "kind" | "createdAt" | "updatedAt">,
    createdDaysAgo: number,
  ): StandinDiscount => ({
    id: ids.gid("DiscountCodeNode"),
    kind: "CODE",
    ...d,
    createdAt: at(-createdDaysAgo),
    updatedAt: at(-Math.min(createdDaysAgo, rng.int(1, 30))),
  });
  const automatic = (
    d: Omit<StandinDiscount, "id" | "kind" | "code" | "createdAt" | "updatedAt">,
    createdDaysAgo: number,
  ): StandinDiscount => ({
    id: ids.gid("DiscountAutomaticNode"),
    kind: "AUTOMATIC",
    code: null,
    ...d,
    createdAt: at(-createdDaysAgo),
    updatedAt: at(-createdDaysAgo),
  });
  const basic = { usageLimit: null, percentage: null, amount: null, endsAt: null } as const;
  const list: StandinDiscount[] = [
    code(
      {
        ...basic,
        type: "BASIC",
        title: "Velkomstrabat 10 %",
        code: "VELKOMMEN10",
        status: "ACTIVE",
        startsAt: at(-420),
        usageCount: rng.int(300, 500),
        percentage: 0.1,
      },
      420,
    ),
    automatic(
      {
        ...basic,
        type: "FREE_SHIPPING",
        title: "Fri fragt over 499 kr.",
        status: "ACTIVE",
        startsAt: at(-700),
        usageCount: rng.int(1500, 2500),
      },
      700,
    ),
    automatic(
      {
        ...basic,
        type: "BXGY",
        title: "Køb 3 slanger, betal for 2",
        status: "ACTIVE",
        startsAt: at(-200),
        usageCount: rng.int(40, 90),
      },
      200,
    ),
    code(
      {
        ...basic,
        type: "BASIC",
        title: "Sommerudsalg",
        code: `SOMMER${year}`,
        status: "EXPIRED",
        startsAt: at(-160),
        endsAt: at(-120),
        usageCount: rng.int(80, 200),
        percentage: 0.15,
      },
      170,
    ),
    code(
      {
        ...basic,
        type: "BASIC",
        title: "Julerabat",
        code: `JUL${year}`,
        status: "SCHEDULED",
        startsAt: at(14),
        endsAt: at(30),
        usageCount: 0,
        amount: "100.00",
      },
      3,
    ),
  ];
  const pastEnd = code(
    {
      ...basic,
      type: "BASIC",
      title: "Black Friday",
      code: "BLACKFRIDAY",
      status: "ACTIVE",
      startsAt: at(-10),
      endsAt: at(-3),
      usageCount: rng.int(60, 150),
      percentage: 0.2,
    },
    12,
  );
  const usedUp = code(
    {
      ...basic,
      type: "BASIC",
      title: "Cykelklubben",
      code: "CYKELKLUB50",
      status: "ACTIVE",
      startsAt: at(-90),
      usageLimit: 200,
      usageCount: 200,
      amount: "50.00",
    },
    90,
  );
  list.push(pastEnd, usedUp);
  return {
    discounts: list,
    defects: [
      {
        ruleId: "checkout.discount-expired-active",
        resourceId: pastEnd.id,
        note: `code ${pastEnd.code} is ACTIVE but ended ${pastEnd.endsAt}`,
      },
      {
        ruleId: "checkout.discount-expired-active",
        resourceId: usedUp.id,
        note: `code ${usedUp.code} is ACTIVE with 0 of ${usedUp.usageLimit} uses left`,
      },
    ],
  };
}

export function generateCheckout(input: CheckoutInput): Checkout {
  const m = markets(input);
  const d = discounts(input);
  const policies = POLICIES.map<StandinPolicy>((p) => ({
    ...p,
    updatedAt: iso(input.now - input.rng.int(30, 400) * DAY_MS),
  }));
  return {
    markets: m.markets,
    deliveryProfiles: deliveryProfiles(input),
    policies,
    discounts: d.discounts,
    defects: [
      ...m.defects,
      {
        ruleId: "checkout.policy-missing",
        resourceId: MISSING_POLICY,
        note: "no contact information policy (required by the EU e-commerce rules)",
      },
      ...d.defects,
    ],
  };
}
