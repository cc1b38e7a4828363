/** `node(id:)` / `nodes(ids:)`: dispatch on the GID's type to the domain views. */
import type { FieldFn, View } from "../graphql/view";
import { bulkOperationView } from "./bulk";
import { collectionView } from "./collections";
import { gidType, hasScope } from "./common";
import type { AdminContext } from "./context";
import { deliveryProfileView } from "./delivery";
import { typedDiscountNodeView } from "./discounts";
import { locationView } from "./locations";
import { marketView } from "./markets";
import { customerView, findRefund, orderView } from "./orders";
import {
  findProduct,
  findVariant,
  inventoryItemView,
  mediaView,
  productView,
  variantView,
} from "./products";
import { publicationView } from "./publications";
import { shopView } from "./shop";
import { themeView } from "./themes";

type Finder = (id: string, context: AdminContext) => View | null | undefined;

const or = <T>(value: T | undefined, view: (v: T) => View | null): View | null =>
  value === undefined ? null : view(value);

/** Per GID type: the scope needed to see it, and how to find it. */
const FINDERS: Record<string, { scope?: string; find: Finder }> = {
  Product: {
    scope: "read_products",
    find: (id, c) => or(findProduct(c, id), (p) => productView(p, c)),
  },
  ProductVariant: {
    scope: "read_products",
    find: (id, c) => or(findVariant(c, id), (r) => variantView(r.v, r.p, c)),
  },
  MediaImage: {
    scope: "read_products",
    find: (id, c) => {
      const p = c.store.products.find((x) => x.media.some((m) => m.id === id));
      return or(
        p?.media.find((m) => m.id === id),
        (m) => (p ? mediaView(m, p) : null),
      );
    },
  },
  InventoryItem: {
    scope: "read_inventory",
    find: (id, c) => {
      for (const p of c.store.products) {
        const v = p.variants.find((x) => x.inventoryItem.id === id);
        if (v) return inventoryItemView(v, p, c);
      }
      return null;
    },
  },
  Collection: {
    scope: "read_products",
    find: (id, c) =>
      or(
        c.store.collections.find((x) => x.id === id),
        (x) => collectionView(x, c),
      ),
  },
  Location: {
    scope: "read_locations",
    find: (id, c) =>
      or(
        c.store.locations.find((x) => x.id === id),
        (x) => locationView(x, c),
      ),
  },
  Market: {
    scope: "read_markets",
    find: (id, c) =>
      or(
        c.store.markets.find((x) => x.id === id),
        marketView,
      ),
  },
  DeliveryProfile: {
    scope: "read_shipping",
    find: (id, c) =>
      deliveryProfileView(
        c.store.deliveryProfiles.find((x) => x.id === id),
        c,
      ),
  },
  DiscountCodeNode: {
    scope: "read_discounts",
    find: (id, c) =>
      or(
        c.store.discounts.find((x) => x.id === id),
        (d) => typedDiscountNodeView(d, c.store.shop.currencyCode),
      ),
  },
  DiscountAutomaticNode: {
    scope: "read_discounts",
    find: (id, c) =>
      or(
        c.store.discounts.find((x) => x.id === id),
        (d) => typedDiscountNodeView(d, c.store.shop.currencyCode),
      ),
  },
  Order: {
    scope: "read_orders",
    find: (id, c) =>
      or(
        c.store.orders.find((x) => x.id === id),
        (o) => orderView(o, c),
      ),
  },
  Refund: { scope: "read_orders", find: (id, c) => findRefund(c, id) },
  Customer: {
    scope: "read_customers",
    find: (id, c) =>
      or(
        c.store.customers.find((x) => x.id === id),
        (x) => customerView(x, c),
      ),
  },
  OnlineStoreTheme: {
    scope: "read_themes",
    find: (id, c) =>
      or(
        c.store.themes.find((x) => x.id === id),
        themeView,
      ),
  },
  Publication: {
    scope: "read_publications",
    find: (id, c) => (id === c.store.onlineStorePublicationId ? publicationView(c) : null),
  },
  BulkOperation: { find: (id, c) => or(c.bulk.get(id), bulkOperationView) },
  Shop: { find: (id, c) => (id === c.store.shop.id ? shopView(c.store, c) : null) },
};

export function nodeById(id: string, context: AdminContext): View | null {
  const type = gidType(id);
  const finder = type ? FINDERS[type] : undefined;
  if (!finder || (finder.scope && !hasScope(context, finder.scope))) return null;
  return finder.find(id, context) ?? null;
}

export const nodeRoot: Record<string, FieldFn<AdminContext>> = {
  node: ({ id }, ctx) => nodeById(String(id), ctx),
  nodes: ({ ids }, ctx) => (ids as string[]).map((id) => nodeById(id, ctx)),
};
