import { characterLength } from "~/snapshot/domain/html-text";
import { ARCHIVED_EXEMPTION, blank, type ProductRule } from "../rule-model";

const UNLISTED_EXEMPTION = {
  unlisted:
    "Unlisted products are hidden from search engines, so their search listing is never shown.",
} as const;

export const missingSeoTitle: ProductRule = {
  id: "seo.missing-title",
  category: "seo",
  severity: "info",
  title: "Product has no SEO title",
  why: "Without its own page title, Google shows the bare product title, often without the brand or the words people search for.",
  fix: "Open Products → the product, scroll to Search engine listing, click Edit and write a Page title (at most 70 characters by default).",
  exempt: { ...ARCHIVED_EXEMPTION, ...UNLISTED_EXEMPTION },
  needs: ["seoTitle"],
  target: "product",
  start: () => (product) =>
    blank(product.seo.title) ? { message: "The SEO page title is empty.", details: {} } : null,
};

export const missingSeoDescription: ProductRule = {
  id: "seo.missing-description",
  category: "seo",
  severity: "warning",
  title: "Product has no SEO description",
  why: "The meta description is the sales text under the link in Google's results. Without it Google shows a snippet of the page, which rarely makes anyone click.",
  fix: "Open Products → the product, scroll to Search engine listing, click Edit and write a Meta description of one or two sentences (at most 160 characters by default).",
  exempt: { ...ARCHIVED_EXEMPTION, ...UNLISTED_EXEMPTION },
  needs: ["seoDescription"],
  target: "product",
  start: () => (product) =>
    blank(product.seo.description)
      ? { message: "The SEO meta description is empty.", details: {} }
      : null,
};

export const seoTitleLength: ProductRule = {
  id: "seo.title-length",
  category: "seo",
  severity: "info",
  title: "SEO title is too long",
  why: "Google cuts page titles at about 70 characters, so the end of a long title (often the brand or the offer) is never seen.",
  fix: "Open Products → the product → Search engine listing → Edit and shorten the Page title; put the words that sell first.",
  exempt: { ...ARCHIVED_EXEMPTION, ...UNLISTED_EXEMPTION },
  needs: ["seoTitle"],
  target: "product",
  start:
    ({ thresholds: { maxSeoTitleLength: maximum } }) =>
    (product) => {
      const length = characterLength(product.seo.title?.trim() ?? "");
      return length > maximum
        ? {
            message: `The SEO title has ${length} characters; Google shows about ${maximum}.`,
            details: { length, maximum },
          }
        : null;
    },
};

export const seoDescriptionLength: ProductRule = {
  id: "seo.description-length",
  category: "seo",
  severity: "info",
  title: "SEO description is too long",
  why: 'Google cuts meta descriptions at about 160 characters, so the end of a long one is replaced by "…".',
  fix: "Open Products → the product → Search engine listing → Edit and shorten the Meta description to one or two sentences.",
  exempt: { ...ARCHIVED_EXEMPTION, ...UNLISTED_EXEMPTION },
  needs: ["seoDescription"],
  target: "product",
  start:
    ({ thresholds: { maxSeoDescriptionLength: maximum } }) =>
    (product) => {
      const length = characterLength(product.seo.description?.trim() ?? "");
      return length > maximum
        ? {
            message: `The SEO description has ${length} characters; Google shows about ${maximum}.`,
            details: { length, maximum },
          }
        : null;
    },
};
