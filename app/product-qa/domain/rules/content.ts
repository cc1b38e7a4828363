import { normalizeSpace } from "~/snapshot/domain/html-text";
import { findPlaceholder } from "../placeholder";
import { ARCHIVED_EXEMPTION, type ProductRule } from "../rule-model";
import { duplicateGroups, othersIn, plural } from "./duplicates";

export const missingDescription: ProductRule = {
  id: "product.missing-description",
  category: "content",
  severity: "warning",
  title: "Product has no description",
  why: "The description is where a shopper learns size, material, use and what is in the box. Without it they leave to find the answers elsewhere, and search engines see an empty page.",
  fix: "Open Products → the product and write the Description: what it is, who it is for, the key specifications and how to care for it.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["description"],
  target: "product",
  start: (context) => (product) =>
    context.description(product).words === 0
      ? { message: "The description is empty.", details: { words: 0 } }
      : null,
};

export const shortDescription: ProductRule = {
  id: "product.short-description",
  category: "content",
  severity: "info",
  title: "Product description is short",
  why: "A few words rarely answer what a shopper wants to know before buying, and search engines rank thin pages lower.",
  fix: "Open Products → the product and expand the Description: benefits, specifications, sizes, materials, care (50 words or more by default).",
  exempt: {
    ...ARCHIVED_EXEMPTION,
    giftCard: "A gift card needs a sentence or two on how it works, not a product story.",
  },
  needs: ["description"],
  target: "product",
  start: (context) => {
    const minimum = context.thresholds.minDescriptionWords;
    return (product) => {
      const { words } = context.description(product);
      return words > 0 && words < minimum
        ? {
            message: `The description has ${plural(words, "word", "words")}; at least ${minimum} are recommended.`,
            details: { words, minimum },
          }
        : null;
    };
  },
};

export const placeholderCopy: ProductRule = {
  id: "product.placeholder-copy",
  category: "content",
  severity: "critical",
  title: "Product has placeholder text",
  why: "Lorem ipsum or demo-store boilerplate tells shoppers the shop is unfinished or not real, and costs trust at the moment they decide whether to pay.",
  fix: "Open Products → the product and replace the placeholder in the title or description with the real product text.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: [],
  target: "product",
  start: (context) => (product) => {
    const inTitle = findPlaceholder(product.title);
    const phrase = inTitle ?? context.description(product).placeholder;
    if (phrase === null) return null;
    const field = inTitle === null ? "description" : "title";
    return {
      message: `The ${field} contains placeholder text ("${phrase}").`,
      details: { field, phrase },
    };
  },
};

/** Titles compare as shoppers read them: case, surrounding and repeated spaces do not matter. */
function titleKey(title: string): string | null {
  const key = normalizeSpace(title.normalize("NFC")).toLowerCase();
  return key === "" ? null : key;
}

export const duplicateTitle: ProductRule = {
  id: "product.duplicate-title",
  category: "content",
  severity: "warning",
  title: "Several products have the same title",
  why: "Two products with the same name confuse shoppers in search and collections (which one is right?), split reviews and search rankings, and are often an accidental duplicate.",
  fix: "Open Products and search for the title. Delete the duplicate if it is one; otherwise give each product a title that tells them apart (model, size, colour).",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: [],
  target: "product",
  start: (_, applicable) => {
    const groups = duplicateGroups(applicable, (p) => titleKey(p.title));
    return (product) => {
      const key = titleKey(product.title);
      const group = key === null ? undefined : groups.get(key);
      if (group === undefined) return null;
      const others = othersIn(group, (p) => p === product).map((p) => p.handle);
      return {
        message: `${group.length} products are titled "${product.title.trim()}" (also: ${others.join(", ")}${group.length - 1 > others.length ? ", …" : ""}).`,
        details: { title: product.title, products: group.length, others },
      };
    };
  },
};
