import { ARCHIVED_EXEMPTION, blank, type ProductRule } from "../rule-model";
import { plural } from "./duplicates";

export const missingImage: ProductRule = {
  id: "product.missing-image",
  category: "images",
  severity: "critical",
  title: "Product has no images",
  why: "Shoppers don't buy what they can't see. A product without a picture looks unfinished in collections and search results, and Google Shopping and social channels refuse it.",
  fix: "In Shopify admin, open Products → the product, and under Media click Upload new to add photos: the whole product, the details, the product in use.",
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["images"],
  target: "product",
  start: () => (product) =>
    product.media.length === 0
      ? { message: "The product has no images.", details: { images: 0 } }
      : null,
};

export const fewImages: ProductRule = {
  id: "product.few-images",
  category: "images",
  severity: "warning",
  title: "Product has too few images",
  why: "Several photos (other angles, close-ups, the product in use) answer the questions a shopper would ask in a shop. Product pages with a single picture sell less.",
  fix: "Open Products → the product → Media and upload more photos, until it has at least the number your settings ask for (3 by default).",
  exempt: {
    ...ARCHIVED_EXEMPTION,
    giftCard: "A gift card needs one picture of the card; more photos add nothing.",
  },
  needs: ["images"],
  target: "product",
  start:
    ({ thresholds: { minImages } }) =>
    (product) => {
      const images = product.media.length;
      return images > 0 && images < minImages
        ? {
            message: `The product has ${plural(images, "image", "images")}; at least ${minImages} are recommended.`,
            details: { images, minimum: minImages },
          }
        : null;
    },
};

export const missingAlt: ProductRule = {
  id: "image.missing-alt",
  category: "images",
  severity: "info",
  title: "Image has no alt text",
  why: "Alt text is what screen readers read aloud instead of the picture, and what Google Images indexes. Without it, blind shoppers miss the picture and image search sends no visitors.",
  fix: 'Open Products → the product, click the image under Media, and fill in the alt text with a short description of what it shows, e.g. "Green 3-person tent, pitched on grass".',
  exempt: { ...ARCHIVED_EXEMPTION },
  needs: ["images", "imageAlt"],
  target: "media",
  start: () => (media, position) =>
    blank(media.alt)
      ? { message: `Image ${position} has no alt text.`, details: { position } }
      : null,
};
