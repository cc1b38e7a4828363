import { ARCHIVED_EXEMPTION, blank, type ProductRule } from "../rule-model";

export const missingVendor: ProductRule = {
  id: "product.missing-vendor",
  category: "merchandising",
  severity: "warning",
  title: "Product has no vendor",
  why: "The vendor is the brand shoppers filter by, and Google Shopping requires a brand. Without it the product is missing from brand filters and may be refused in shopping ads.",
  fix: "Open Products → the product and fill in Vendor under Product organization.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["vendor"],
  target: "product",
  start: () => (product) =>
    blank(product.vendor) ? { message: "The vendor is empty.", details: {} } : null,
};

export const missingType: ProductRule = {
  id: "product.missing-type",
  category: "merchandising",
  severity: "info",
  title: "Product has no product type",
  why: "The product type groups products for filters, automated collections and sales reports. A product without one drops out of all three.",
  fix: "Open Products → the product and fill in Type under Product organization.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["productType"],
  target: "product",
  start: () => (product) =>
    blank(product.productType) ? { message: "The product type is empty.", details: {} } : null,
};

export const missingCategory: ProductRule = {
  id: "product.missing-category",
  category: "merchandising",
  severity: "warning",
  title: "Product has no category",
  why: "Shopify's product category sets the right tax rules in some regions, unlocks category attributes (size, material, colour) for storefront filters, and tells Google and other sales channels what the product is.",
  fix: "Open Products → the product and choose a Category under Product organization; Shopify suggests one from the title.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["category"],
  target: "product",
  start: () => (product) =>
    product.category === null
      ? { message: "The product has no Shopify product category.", details: {} }
      : null,
};

export const notInCollection: ProductRule = {
  id: "product.not-in-collection",
  category: "merchandising",
  severity: "warning",
  title: "Product is in no collection",
  why: "Shoppers browse by collection. A product in no collection can only be found by searching for it or through a direct link.",
  fix: "Open Products → the product and add it to a collection under Product organization → Collections, or change an automated collection's conditions so that it includes the product.",
  exempt: {
    ...ARCHIVED_EXEMPTION,
    unlisted:
      "Unlisted products are hidden from collections on purpose; they are sold through direct links.",
  },
  needs: ["collections"],
  target: "product",
  start: () => (product) =>
    product.collectionIds !== null && product.collectionIds.length === 0
      ? { message: "The product is in no collection.", details: {} }
      : null,
};

export const unpublishedOnlineStore: ProductRule = {
  id: "product.unpublished-online-store",
  category: "merchandising",
  severity: "warning",
  title: "Active product is not on the Online Store",
  why: "The product is active but not published to the Online Store, so visitors of the web shop can neither see nor buy it. It usually happens by mistake, after an import or when a sales channel was added.",
  fix: "Open Products → the product, click Manage next to Sales channels (Publishing) and tick Online Store. If it is meant for other channels only, suppress this finding.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["publication", "status"],
  target: "product",
  start: () => (product) =>
    product.status === "ACTIVE" && product.publishedOnlineStore === false
      ? {
          message: "The product is active but not published to the Online Store.",
          details: { status: product.status },
        }
      : null,
};
