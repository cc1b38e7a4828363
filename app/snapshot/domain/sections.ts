/**
 * Admin API shapes → snapshot sections other than the catalog (shop, collections, markets,
 * delivery, policies, discounts, theme). Pure; the input types are the structural subset of
 * what app/shopify/documents select.
 */
import { characterLength, normalizeSpace, visibleText } from "./html-text";
import type {
  PolicyType,
  SnapshotCollection,
  SnapshotDeliveryMethod,
  SnapshotDeliveryZone,
  SnapshotDiscount,
  SnapshotMarket,
  SnapshotPolicy,
  SnapshotShop,
  WeightUnit,
} from "./types";

export interface ApiShopSettings {
  name: string;
  myshopifyDomain: string;
  currencyCode: string;
  ianaTimezone: string;
  weightUnit: WeightUnit;
  shopAddress: { countryCodeV2: string | null };
  plan: { publicDisplayName: string; partnerDevelopment: boolean };
  shipsToCountries: string[];
}

/**
 * The shop section. `primaryLocale` stays null: Shopify exposes it only through `shopLocales`,
 * which needs the `read_locales` scope the app does not request (decision 004).
 */
export function normaliseShop(
  shop: ApiShopSettings,
  extra: {
    passwordProtected: boolean | null;
    digitalWallets: string[] | null;
    onlineStorePublicationId: string | null;
  },
): SnapshotShop {
  return {
    domain: shop.myshopifyDomain,
    name: shop.name,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    primaryLocale: null,
    weightUnit: shop.weightUnit,
    countryCode: shop.shopAddress.countryCodeV2,
    planName: shop.plan.publicDisplayName,
    developmentStore: shop.plan.partnerDevelopment,
    passwordProtected: extra.passwordProtected,
    digitalWallets: extra.digitalWallets,
    shipsToCountries: [...shop.shipsToCountries],
    onlineStorePublicationId: extra.onlineStorePublicationId,
  };
}

/** The Online Store channel's publication among the shop's publications. */
export function onlineStorePublicationId(
  publications: { id: string; name: string; catalog: { title: string } | null }[],
): string | null {
  return publications.find((p) => (p.catalog?.title ?? p.name) === "Online Store")?.id ?? null;
}

export function normaliseCollection(c: {
  id: string;
  handle: string;
  title: string;
  ruleSet: unknown;
  publishedOnPublication?: boolean;
}): SnapshotCollection {
  return {
    id: c.id,
    handle: c.handle,
    title: c.title,
    smart: c.ruleSet !== null,
    publishedOnlineStore: c.publishedOnPublication ?? null,
  };
}

export function normaliseMarket(
  m: {
    id: string;
    handle: string;
    name: string;
    status: "ACTIVE" | "DRAFT";
    currencySettings: { baseCurrency: { currencyCode: string } } | null;
  },
  countries: string[],
): SnapshotMarket {
  return {
    id: m.id,
    handle: m.handle,
    name: m.name,
    status: m.status,
    countries,
    currencyCode: m.currencySettings?.baseCurrency.currencyCode ?? null,
  };
}

export interface ApiDeliveryZone {
  zone: {
    name: string;
    countries: { code: { countryCode: string | null; restOfWorld: boolean } }[];
  };
  methodDefinitions: {
    nodes: {
      name: string;
      active: boolean;
      rateProvider: { price?: { amount: string } };
    }[];
  };
}

export function normaliseDeliveryZone(z: ApiDeliveryZone): SnapshotDeliveryZone {
  const codes = z.zone.countries.map((c) => c.code);
  return {
    name: z.zone.name,
    countries: codes.flatMap((c) => (c.countryCode ? [c.countryCode] : [])),
    restOfWorld: codes.some((c) => c.restOfWorld),
    methods: z.methodDefinitions.nodes.map((m): SnapshotDeliveryMethod => ({
      name: m.name,
      active: m.active,
      // A carrier-calculated rate (DeliveryParticipant) has no flat price.
      price: m.rateProvider.price?.amount ?? null,
    })),
  };
}

export function normalisePolicy(p: {
  type: PolicyType;
  title: string;
  body: string;
  url: string;
}): SnapshotPolicy {
  // What a reader sees: tags and hidden content gone, whitespace runs as one space.
  const bodyLength = characterLength(normalizeSpace(visibleText(p.body)));
  return { type: p.type, title: p.title, bodyLength, url: p.url };
}

export interface ApiDiscount {
  __typename: string;
  title?: string;
  status?: "ACTIVE" | "EXPIRED" | "SCHEDULED";
  startsAt?: string;
  endsAt?: string | null;
  asyncUsageCount?: number;
  usageLimit?: number | null;
  codesCount?: { count: number } | null;
  codes?: { nodes: { code: string }[] };
}

/** Every member of Shopify's `Discount` union selects the same fields; anything else is unknown. */
export function normaliseDiscount(id: string, d: ApiDiscount): SnapshotDiscount | null {
  if (d.title === undefined || d.status === undefined || d.startsAt === undefined) return null;
  const code = d.__typename.startsWith("DiscountCode");
  return {
    id,
    title: d.title,
    kind: code ? "CODE" : "AUTOMATIC",
    status: d.status,
    codes: d.codes?.nodes.map((c) => c.code) ?? [],
    startsAt: d.startsAt,
    endsAt: d.endsAt ?? null,
    usageLimit: d.usageLimit ?? null,
    usageCount: d.asyncUsageCount ?? null,
    ...(code && { codesCount: d.codesCount?.count ?? null }),
  };
}

/** A theme file's text: text bodies as they are, base64 bodies decoded; URL bodies are not fetched. */
export function themeFileText(body: {
  __typename: string;
  content?: string;
  contentBase64?: string;
}): string | null {
  if (body.content !== undefined) return body.content;
  if (body.contentBase64 !== undefined)
    return new TextDecoder().decode(
      Uint8Array.from(atob(body.contentBase64), (c) => c.charCodeAt(0)),
    );
  return null;
}
