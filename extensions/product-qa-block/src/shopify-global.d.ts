// The `shopify` global, typed for the one module that reads it (the entry; the others get what
// they need as arguments). Shopify CLI writes an equivalent, generated `shopify.d.ts` next to
// tsconfig.json on every `shopify app dev`/`build`; this file is the checked-in source of truth.
import type { Api } from "@shopify/ui-extensions/admin.product-details.block.render";

declare module "./BlockExtension.tsx" {
  const shopify: Api;
}
