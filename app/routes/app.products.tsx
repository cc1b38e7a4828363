import { ComingSoon } from "~/components/ComingSoon";

export default function ProductsPage() {
  return (
    <ComingSoon
      title="Products"
      heading="Product-data QA has not run yet"
      description="This page will list what is wrong with the catalog, most important first, with a link to fix each problem in Shopify."
      willShow={[
        "Missing images, alt text, descriptions and SEO fields",
        "Prices, compare-at prices, SKUs, barcodes, weights and inventory",
        "Products that are active but not published, or in no collection",
      ]}
    />
  );
}
