/**
 * The Admin API shapes the snapshot is built from, as plain structural types: exactly what the
 * fragments in app/shopify/documents/fragments.graphql select (and what bulk.graphql inlines).
 * The generated fragment types are assignable to these (the compiler checks it where the paged
 * crawl hands them over), and the JSONL reader validates each line into them.
 */
import type { ProductStatus, WeightUnit } from "./types";

export interface ApiProduct {
  id: string;
  legacyResourceId: string;
  handle: string;
  title: string;
  descriptionHtml: string;
  vendor: string;
  productType: string;
  status: ProductStatus;
  tags: string[];
  isGiftCard: boolean;
  category: { id: string; fullName: string } | null;
  seo: { title: string | null; description: string | null };
  onlineStoreUrl: string | null;
  /** Absent when the shop has no Online Store publication the app may read. */
  publishedOnPublication?: boolean;
  options: { name: string; values: string[] }[];
  createdAt: string;
  updatedAt: string;
}

export interface ApiVariant {
  id: string;
  legacyResourceId: string;
  title: string;
  position: number;
  sku: string | null;
  barcode: string | null;
  price: string;
  compareAtPrice: string | null;
  inventoryPolicy: "DENY" | "CONTINUE";
  inventoryQuantity: number | null;
  selectedOptions: { name: string; value: string }[];
  inventoryItem: {
    id: string;
    tracked: boolean;
    requiresShipping: boolean;
    measurement: { weight: { value: number; unit: WeightUnit } | null };
  };
}

export interface ApiMedia {
  id: string;
  alt: string | null;
  preview: { image: { url: string } | null } | null;
  /** MediaImage only. */
  image?: { url: string } | null;
}

export interface ApiLocation {
  id: string;
  name: string;
  isActive: boolean;
  fulfillsOnlineOrders: boolean;
  address: { countryCode: string | null };
}

export interface ApiInventoryLevel {
  id: string;
  item: { id: string };
  quantities: { name: string; quantity: number }[];
}
