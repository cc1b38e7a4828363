/**
 * Preload (`node --import ./standin/install-routing.ts`) that routes Shopify hosts to the
 * stand-in named by SHOPIFY_STANDIN_URL before any app code captures `fetch`. Used by
 * `npm run demo` for the app server process. Plain Node 22 runs it (type stripping).
 */
import { installShopifyRouting } from "./route-shopify.ts";

installShopifyRouting();
