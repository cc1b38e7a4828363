/** The Storefront API's root value: shop, localization, products and carts. */
import { createHash, randomUUID } from "node:crypto";
import { GraphQLError, getDirectiveValues, type FieldNode, type GraphQLResolveInfo } from "graphql";
import { countryName, money } from "../admin/common";
import { variantAvailable } from "../admin/products";
import { allCountryCodes } from "../admin/shop";
import { shipsToCountries } from "../domain/shipping";
import { connection, type PageArgs } from "../graphql/connection";
import type { FieldFn, View } from "../graphql/view";
import type { CarrierSettings } from "../state";
import type { ShopPolicyType, StandinStore } from "../store/types";
import {
  carrierOptions,
  cartGid,
  cartSubtotal,
  checkoutUrl,
  deliveryQuote,
  findVariant,
  type Cart,
  type CartAddress,
  type CartStore,
} from "./cart";
import { storefrontProductRoot, storefrontVariantView, type StorefrontContext } from "./products";

export interface StorefrontRequestContext extends StorefrontContext {
  readonly carts: CartStore;
  readonly carrier: CarrierSettings;
  /** Field nodes inside an active `@defer` fragment of this request's operation. */
  readonly deferredFields: ReadonlySet<FieldNode>;
  /** Holds the deferred part of the response until this real time (a carrier still answering). */
  hold(untilMs: number): void;
}

/** CartErrorCode PENDING_DELIVERY_GROUPS, worded as the schema describes it. */
function pendingDeliveryGroups(): GraphQLError {
  return new GraphQLError("The delivery group is in a pending state.", {
    extensions: { code: "PENDING_DELIVERY_GROUPS" },
  });
}

/**
 * The carrier-calculated options of a quote, as Shopify gets them at checkout: each carrier
 * answers `responseMs` after the address was set. The deferred part waits for an answer due
 * within `holdMs`; a carrier still due later makes the groups pending; one slower than Shopify's
 * read timeout is dropped (no rates from it).
 */
function carrierQuote(
  cart: Cart,
  quote: NonNullable<ReturnType<typeof deliveryQuote>>,
  country: string,
  ctx: StorefrontRequestContext,
) {
  const now = Date.now();
  const options = [];
  for (const carrier of quote.carriers) {
    if (carrier.responseMs > ctx.carrier.timeoutMs) continue;
    const answerAt = cart.quotedAtMs + carrier.responseMs;
    if (answerAt > now + ctx.carrier.holdMs) throw pendingDeliveryGroups();
    ctx.hold(answerAt);
    options.push(...carrierOptions(carrier, cart, country));
  }
  return options;
}

type Args = Record<string, unknown>;

const languageNames = new Intl.DisplayNames(["en"], { type: "language" });
const currencyNames = new Intl.DisplayNames(["en"], { type: "currency" });

function languageView(locale: string): View {
  const code = locale.split("-")[0] ?? "en";
  const endonym = new Intl.DisplayNames([code], { type: "language" }).of(code) ?? code;
  return {
    isoCode: code.toUpperCase(),
    name: languageNames.of(code) ?? code,
    endonymName: endonym,
  };
}

function currencySymbol(code: string): string {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency: code })
      .formatToParts(0)
      .find((p) => p.type === "currency")?.value ?? code
  );
}

function countryView(store: StandinStore, code: string): View {
  const market = store.markets.find((m) => m.status === "ACTIVE" && m.countries.includes(code));
  const currency = market?.currencyCode ?? store.shop.currencyCode;
  const language = languageView(store.shop.primaryLocale);
  return {
    isoCode: code,
    name: countryName(code),
    currency: {
      isoCode: currency,
      name: currencyNames.of(currency) ?? currency,
      symbol: currencySymbol(currency),
    },
    unitSystem:
      store.shop.weightUnit === "GRAMS" || store.shop.weightUnit === "KILOGRAMS"
        ? "METRIC_SYSTEM"
        : "IMPERIAL_SYSTEM",
    availableLanguages: [language],
    defaultLanguage: language,
    market: market ? { id: market.id, handle: market.handle } : null,
  };
}

/** The buyer country of `@inContext(country: …)` on the operation, if any. */
function contextCountry(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective("inContext");
  if (!directive) return undefined;
  const values = getDirectiveValues(directive, info.operation, info.variableValues);
  return typeof values?.country === "string" ? values.country : undefined;
}

function policyView(store: StandinStore, type: ShopPolicyType): View | null {
  const policy = store.policies.find((p) => p.type === type);
  if (!policy) return null;
  return {
    id: `gid://shopify/ShopPolicy/${store.policies.indexOf(policy) + 1}`,
    title: policy.title,
    body: policy.body,
    handle: policy.handle,
    url: `https://${store.shop.primaryDomainHost}/policies/${policy.handle}`,
  };
}

function paymentSettingsView(store: StandinStore): View {
  const shop = store.shop;
  const payments = shop.shopifyPaymentsActivated;
  return {
    countryCode: shop.countryCode,
    currencyCode: shop.currencyCode,
    enabledPresentmentCurrencies: shop.enabledPresentmentCurrencies,
    acceptedCardBrands: payments ? ["VISA", "MASTERCARD", "AMERICAN_EXPRESS"] : [],
    supportedDigitalWallets: payments ? ["APPLE_PAY", "GOOGLE_PAY", "SHOPIFY_PAY"] : [],
    shopifyPaymentsAccountId: payments ? `acct_${shop.id.split("/").pop() ?? "1"}` : null,
    cardVaultUrl: "https://elb.deposit.shopifycs.com/sessions",
  };
}

function shopView(store: StandinStore): View {
  const shop = store.shop;
  return {
    id: shop.id,
    name: shop.name,
    description: null,
    moneyFormat: `{{amount}} ${shop.currencyCode}`,
    primaryDomain: {
      host: shop.primaryDomainHost,
      url: `https://${shop.primaryDomainHost}`,
      sslEnabled: true,
    },
    shipsToCountries: () => shipsToCountries(store, allCountryCodes()),
    paymentSettings: paymentSettingsView(store),
    privacyPolicy: policyView(store, "PRIVACY_POLICY"),
    refundPolicy: policyView(store, "REFUND_POLICY"),
    shippingPolicy: policyView(store, "SHIPPING_POLICY"),
    termsOfService: policyView(store, "TERMS_OF_SERVICE"),
    termsOfSale: policyView(store, "TERMS_OF_SALE"),
    legalNotice: policyView(store, "LEGAL_NOTICE"),
    contactInformation: policyView(store, "CONTACT_INFORMATION"),
  };
}

function addressView(address: CartAddress): View {
  const country = address.countryCode ? countryName(address.countryCode) : null;
  const hash = createHash("md5").update(JSON.stringify(address)).digest("hex");
  return {
    ...address,
    id: `gid://shopify/MailingAddress/${parseInt(hash.slice(0, 8), 16)}?model_name=CartDeliveryAddress`,
    countryCodeV2: address.countryCode,
    country,
    name: [address.firstName, address.lastName].filter(Boolean).join(" ") || null,
    formattedArea: [address.city, address.provinceCode, country].filter(Boolean).join(", "),
    formatted: [
      address.address1,
      address.address2,
      [address.zip, address.city].filter(Boolean).join(" "),
      country,
    ].filter((line): line is string => Boolean(line)),
    latitude: null,
    longitude: null,
  };
}

export function cartView(cart: Cart, context: StorefrontRequestContext): View {
  const store = context.store;
  const currency = store.shop.currencyCode;
  const subtotal = cartSubtotal(store, cart);
  const lineView = (lineId: string): View | null => {
    const line = cart.lines.find((l) => l.id === lineId);
    const found = line ? findVariant(store, line.variantId) : undefined;
    if (!line || !found) return null;
    const price = Number(found.v.price);
    return {
      __typename: "CartLine",
      id: line.id,
      quantity: line.quantity,
      attributes: [],
      discountAllocations: [],
      merchandise: storefrontVariantView(found.v, found.p, context),
      cost: {
        amountPerQuantity: money(price, currency),
        compareAtAmountPerQuantity:
          found.v.compareAtPrice === null ? null : money(found.v.compareAtPrice, currency),
        subtotalAmount: money(price * line.quantity, currency),
        totalAmount: money(price * line.quantity, currency),
      },
    };
  };
  const linesConnection =
    (ids: string[]): FieldFn<StorefrontRequestContext> =>
    (args, ctx, info) =>
      connection(
        ids,
        { id: (id) => ids.indexOf(id) + 1, node: lineView },
        args as PageArgs,
        ctx,
        info,
      );
  return {
    __typename: "Cart",
    id: cartGid(cart),
    checkoutUrl: checkoutUrl(cart),
    createdAt: cart.createdAt,
    updatedAt: cart.updatedAt,
    note: cart.note,
    attributes: [],
    discountCodes: [],
    discountAllocations: [],
    appliedGiftCards: [],
    totalQuantity: cart.lines.reduce((sum, l) => sum + l.quantity, 0),
    buyerIdentity: {
      ...cart.buyerIdentity,
      customer: null,
      deliveryAddressPreferences: [],
      purchasingCompany: null,
    },
    cost: {
      subtotalAmount: money(subtotal, currency),
      totalAmount: money(subtotal, currency),
      checkoutChargeAmount: money(subtotal, currency),
      subtotalAmountEstimated: false,
      totalAmountEstimated: true,
    },
    lines: linesConnection(cart.lines.map((l) => l.id)),
    delivery: {
      addresses: ({ selected }: Args) =>
        cart.addresses
          .filter((a) => typeof selected !== "boolean" || a.selected === selected)
          .map((a) => ({
            id: a.id,
            selected: a.selected,
            oneTimeUse: a.oneTimeUse,
            address: { __typename: "CartDeliveryAddress", ...addressView(a.address) },
          })),
    },
    deliveryGroups: (args: Args, ctx: StorefrontRequestContext, info: GraphQLResolveInfo) => {
      const withCarrierRates = args.withCarrierRates === true;
      if (withCarrierRates && !info.fieldNodes.every((n) => ctx.deferredFields.has(n)))
        // The schema: "This argument requires mandatory usage of the @defer directive." The
        // wording of Shopify's error is not documented; this one is the stand-in's.
        throw new GraphQLError(
          "The withCarrierRates argument requires the @defer directive: put deliveryGroups in a deferred fragment.",
          { extensions: { code: "BAD_REQUEST" } },
        );
      const base = deliveryQuote(store, cart);
      const country = base?.address.countryCode ?? cart.buyerIdentity.countryCode ?? "";
      const quote =
        base && withCarrierRates && base.carriers.length > 0
          ? { ...base, options: [...base.options, ...carrierQuote(cart, base, country, ctx)] }
          : base;
      const groups = quote && quote.lineIds.length > 0 ? [quote] : [];
      return connection(
        groups,
        {
          id: () => 1,
          node: (q) => ({
            id: `gid://shopify/CartDeliveryGroup/${parseInt(createHash("md5").update(cart.token).digest("hex").slice(0, 8), 16)}`,
            groupType: "ONE_TIME_PURCHASE",
            deliveryAddress: addressView(q.address),
            selectedDeliveryOption: null,
            discountAllocations: [],
            cartLines: linesConnection(q.lineIds),
            deliveryOptions: q.options.map((o) => ({
              handle: o.handle,
              title: o.title,
              code: o.code ?? o.title,
              description: null,
              deliveryMethodType: "SHIPPING",
              estimatedCost: money(o.amount, currency),
            })),
          }),
        },
        args as PageArgs,
        ctx,
        info,
      );
    },
  };
}

interface AddressInput {
  deliveryAddress?: Partial<CartAddress> | null;
}

interface CartInputShape {
  lines?: { merchandiseId: string; quantity?: number | null }[] | null;
  buyerIdentity?: {
    countryCode?: string | null;
    email?: string | null;
    phone?: string | null;
    deliveryAddressPreferences?: AddressInput[] | null;
  } | null;
  delivery?: {
    addresses?:
      { address: AddressInput; selected?: boolean | null; oneTimeUse?: boolean | null }[] | null;
  } | null;
  note?: string | null;
}

function toAddress(input: Partial<CartAddress> | null | undefined): CartAddress {
  const pick = (key: keyof CartAddress): string | null => input?.[key] ?? null;
  return {
    address1: pick("address1"),
    address2: pick("address2"),
    city: pick("city"),
    company: pick("company"),
    countryCode: pick("countryCode"),
    firstName: pick("firstName"),
    lastName: pick("lastName"),
    phone: pick("phone"),
    provinceCode: pick("provinceCode"),
    zip: pick("zip"),
  };
}

/** Requested quantity per variant; unknown or unpublished merchandise is a user error. */
function requestedLines(
  store: StandinStore,
  input: CartInputShape,
): { quantities: Map<string, number>; userErrors: View[] } {
  const quantities = new Map<string, number>();
  const userErrors: View[] = [];
  (input.lines ?? []).forEach((line, index) => {
    const found = findVariant(store, line.merchandiseId);
    if (!found || found.p.status !== "ACTIVE" || found.p.onlineStorePublishedAt === null) {
      userErrors.push({
        code: "INVALID",
        field: ["input", "lines", String(index), "merchandiseId"],
        message: `The merchandise with id ${line.merchandiseId} does not exist.`,
      });
      return;
    }
    quantities.set(
      line.merchandiseId,
      (quantities.get(line.merchandiseId) ?? 0) + (line.quantity ?? 1),
    );
  });
  return { quantities, userErrors };
}

function createCart(args: Args, context: StorefrontRequestContext): View {
  const store = context.store;
  const input = (args.input ?? {}) as CartInputShape;
  const { quantities, userErrors } = requestedLines(store, input);
  if (userErrors.length > 0) return { cart: null, userErrors, warnings: [] };

  const now = new Date(context.now()).toISOString();
  const buyer = input.buyerIdentity ?? {};
  const addresses = [
    ...(input.delivery?.addresses ?? []).map((a) => ({
      address: toAddress(a.address.deliveryAddress),
      selected: a.selected === true,
      oneTimeUse: a.oneTimeUse === true,
    })),
    ...(buyer.deliveryAddressPreferences ?? []).map((a) => ({
      address: toAddress(a.deliveryAddress),
      selected: false,
      oneTimeUse: false,
    })),
  ];
  const cart = context.carts.create(store.shop.myshopifyDomain, {
    lines: [],
    buyerIdentity: {
      countryCode: buyer.countryCode ?? null,
      email: buyer.email ?? null,
      phone: buyer.phone ?? null,
    },
    addresses: addresses.map((a, i) => ({
      id: `gid://shopify/CartSelectableAddress/${i + 1}`,
      ...a,
    })),
    note: input.note ?? null,
    createdAt: now,
    updatedAt: now,
    quotedAtMs: Date.now(),
  });

  const warnings: View[] = [];
  for (const [variantId, wanted] of quantities) {
    const found = findVariant(store, variantId);
    if (!found) continue;
    const lineId = `gid://shopify/CartLine/${randomUUID()}?cart=${cart.token}`;
    const limited = found.v.inventoryItem.tracked && found.v.inventoryPolicy === "DENY";
    const available = variantAvailable(found.v);
    if (limited && available <= 0) {
      warnings.push({
        code: "MERCHANDISE_OUT_OF_STOCK",
        target: variantId,
        message: `The product '${found.p.title}' is already sold out.`,
      });
      continue;
    }
    const quantity = limited ? Math.min(wanted, available) : wanted;
    if (quantity < wanted) {
      warnings.push({
        code: "MERCHANDISE_NOT_ENOUGH_STOCK",
        target: lineId,
        message: `Only ${quantity} items were added to your cart due to availability.`,
      });
    }
    cart.lines.push({ id: lineId, variantId, quantity });
  }

  const quote = deliveryQuote(store, cart);
  const country = quote?.address.countryCode ?? cart.buyerIdentity.countryCode ?? "";
  for (const lineId of quote?.undeliverableLineIds ?? []) {
    const line = cart.lines.find((l) => l.id === lineId);
    const title = line ? findVariant(store, line.variantId)?.p.title : undefined;
    warnings.push({
      code: "PRODUCT_UNAVAILABLE_IN_BUYER_LOCATION",
      target: lineId,
      message: `The product '${title ?? lineId}' can't be shipped to ${countryName(country)}.`,
    });
  }
  return { cart: cartView(cart, context), userErrors, warnings };
}

export const storefrontRoot: View = {
  ...storefrontProductRoot,
  shop: (_args: Args, ctx: StorefrontRequestContext) => shopView(ctx.store),
  paymentSettings: (_args: Args, ctx: StorefrontRequestContext) => paymentSettingsView(ctx.store),
  localization: (_args: Args, ctx: StorefrontRequestContext, info: GraphQLResolveInfo) => {
    const store = ctx.store;
    const codes = [
      ...new Set(store.markets.filter((m) => m.status === "ACTIVE").flatMap((m) => m.countries)),
    ].sort();
    const requested = contextCountry(info);
    const current = countryView(
      store,
      requested && codes.includes(requested) ? requested : store.shop.countryCode,
    );
    const language = languageView(store.shop.primaryLocale);
    return {
      availableCountries: codes.map((c) => countryView(store, c)),
      availableLanguages: [language],
      country: current,
      language,
      market: current.market,
    };
  },
  cart: ({ id }: Args, ctx: StorefrontRequestContext) => {
    const cart = ctx.carts.byId(ctx.store.shop.myshopifyDomain, String(id));
    return cart ? cartView(cart, ctx) : null;
  },
  cartCreate: (args: Args, ctx: StorefrontRequestContext) => createCart(args, ctx),
};
