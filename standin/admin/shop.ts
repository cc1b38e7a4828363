/** The shop itself, online-store settings, the app's own installation and storefront tokens. */
import { isEnumType, type GraphQLResolveInfo } from "graphql";
import { connection, type PageArgs } from "../graphql/connection";
import type { FieldFn, View } from "../graphql/view";
import { shipsToCountries } from "../domain/shipping";
import { loadAdminSchema } from "../schema";
import type { StandinShop, StandinStore } from "../store/types";
import { countryName, hasScope, legacyId, requireScope } from "./common";
import type { AdminContext, StorefrontTokenRecord } from "./context";

/** Every country Shopify knows (the CountryCode enum, minus ZZ "unknown region"). */
export function allCountryCodes(): string[] {
  const type = loadAdminSchema().getType("CountryCode");
  return isEnumType(type)
    ? type
        .getValues()
        .map((v) => v.name)
        .filter((c) => c !== "ZZ")
    : [];
}

function zoneName(timeZone: string, locale: string, now: Date): string {
  return (
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" })
      .formatToParts(now)
      .find((p) => p.type === "timeZoneName")?.value ?? "UTC"
  );
}

/** "CET", "EST"…: en-US knows the American abbreviations, en-GB the European ones. */
export function timezoneAbbreviation(timeZone: string, now: Date): string {
  const us = zoneName(timeZone, "en-US", now);
  return /^GMT[+-]/.test(us) ? zoneName(timeZone, "en-GB", now) : us;
}

/** Offset like "+0100" and in minutes. */
export function timezoneOffset(timeZone: string, now: Date): { text: string; minutes: number } {
  const name =
    new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(now)
      .find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return { text: "+0000", minutes: 0 };
  const minutes = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  return { text: `${m[1]}${m[2]}${m[3]}`, minutes };
}

function shopAddressView(shop: StandinShop): View {
  return {
    id: `gid://shopify/ShopAddress/${legacyId(shop.id)}`,
    countryCodeV2: shop.countryCode,
    countryCode: shop.countryCode,
    country: countryName(shop.countryCode),
    address1: null,
    address2: null,
    city: null,
    zip: null,
    province: null,
    provinceCode: null,
    company: shop.name,
    phone: null,
  };
}

export function storefrontTokenView(token: StorefrontTokenRecord): View {
  return {
    __typename: "StorefrontAccessToken",
    id: token.id,
    accessToken: token.accessToken,
    title: token.title,
    createdAt: token.createdAt,
    updatedAt: token.createdAt,
    accessScopes: token.scopes.map((handle) => ({ handle, description: scopeDescription(handle) })),
  };
}

export function shopView(store: StandinStore, context: AdminContext): View {
  const shop = store.shop;
  const now = new Date(context.now());
  const offset = timezoneOffset(shop.ianaTimezone, now);
  const metric = shop.weightUnit === "GRAMS" || shop.weightUnit === "KILOGRAMS";
  return {
    __typename: "Shop",
    id: shop.id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.contactEmail,
    description: null,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: shop.enabledPresentmentCurrencies,
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: timezoneAbbreviation(shop.ianaTimezone, now),
    timezoneOffset: offset.text,
    timezoneOffsetMinutes: offset.minutes,
    myshopifyDomain: shop.myshopifyDomain,
    url: `https://${shop.primaryDomainHost}`,
    primaryDomain: {
      id: `gid://shopify/Domain/${legacyId(shop.id)}`,
      host: shop.primaryDomainHost,
      url: `https://${shop.primaryDomainHost}`,
      sslEnabled: true,
    },
    plan: {
      displayName: shop.planDisplayName,
      publicDisplayName: shop.planDisplayName,
      partnerDevelopment: shop.partnerDevelopment,
      shopifyPlus: shop.shopifyPlus,
    },
    weightUnit: shop.weightUnit,
    unitSystem: metric ? "METRIC_SYSTEM" : "IMPERIAL_SYSTEM",
    taxesIncluded: shop.taxesIncluded,
    taxShipping: false,
    setupRequired: false,
    checkoutApiSupported: true,
    createdAt: shop.createdAt,
    updatedAt: shop.createdAt,
    billingAddress: shopAddressView(shop),
    shopAddress: shopAddressView(shop),
    shipsToCountries: () => shipsToCountries(store, allCountryCodes()),
    // The wallets follow Shopify Payments, as the Storefront API's paymentSettings do.
    paymentSettings: {
      supportedDigitalWallets: shop.shopifyPaymentsActivated
        ? ["APPLE_PAY", "GOOGLE_PAY", "SHOPIFY_PAY"]
        : [],
    },
    shopPolicies: store.policies.map((p, i) => ({
      id: `gid://shopify/ShopPolicy/${legacyId(shop.id) * 100 + i + 1}`,
      title: p.title,
      body: p.body,
      type: p.type,
      url: `https://${shop.primaryDomainHost}/policies/${p.handle}`,
      createdAt: p.updatedAt,
      updatedAt: p.updatedAt,
    })),
    storefrontAccessTokens: (
      args: Record<string, unknown>,
      ctx: AdminContext,
      info: GraphQLResolveInfo,
    ) =>
      connection(
        ctx.storefrontTokens.list(),
        { id: (t) => legacyId(t.id), node: storefrontTokenView },
        args as PageArgs,
        ctx,
        info,
      ),
  };
}

function scopeDescription(handle: string): string {
  const [verb = "", ...rest] = handle.split("_");
  return `${verb.charAt(0).toUpperCase()}${verb.slice(1)} ${rest.join(" ")}`;
}

export const shopRoot: Record<string, FieldFn<AdminContext>> = {
  shop: (_args, ctx) => shopView(ctx.store, ctx),
  onlineStore: (_args, ctx) => ({
    passwordProtection: { enabled: ctx.store.shop.passwordProtected },
  }),
  // Access-restricted: Shopify grants the Shopify Payments scopes only on approval. The scope's
  // exact handle differs between sources (read_shopify_payments / read_shopify_payments_accounts);
  // either is accepted, neither is in the app's request.
  shopifyPaymentsAccount: (_args, ctx, info) => {
    if (!hasScope(ctx, "read_shopify_payments_accounts"))
      requireScope(ctx, info, "read_shopify_payments");
    const shop = ctx.store.shop;
    if (!shop.shopifyPaymentsActivated) return null;
    return {
      id: `gid://shopify/ShopifyPaymentsAccount/${legacyId(shop.id)}`,
      activated: true,
      country: shop.countryCode,
      defaultCurrency: shop.currencyCode,
      onboardable: false,
    };
  },
  currentAppInstallation: (_args, ctx) => ({
    id: `gid://shopify/AppInstallation/${legacyId(ctx.store.shop.id)}`,
    accessScopes: [...ctx.scopes]
      .sort()
      .map((handle) => ({ handle, description: scopeDescription(handle) })),
    activeSubscriptions: [],
    launchUrl: `https://admin.shopify.com/store/${ctx.store.shop.myshopifyDomain.replace(/\.myshopify\.com$/, "")}/apps/${ctx.appApiKey}`,
    uninstallUrl: null,
    app: {
      id: "gid://shopify/App/1",
      apiKey: ctx.appApiKey,
      title: "Tovholder",
      handle: "tovholder",
      embedded: true,
    },
  }),
};
