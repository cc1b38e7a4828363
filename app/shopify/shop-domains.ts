/**
 * Shop domains besides Shopify's own (`SHOP_CUSTOM_DOMAIN`, e.g. a staging platform's test
 * domain). `@shopify/shopify-api` 15 dropped the `customShopDomains` option; what it reads now is
 * `domainTransformations` (node_modules/@shopify/shopify-api/dist/esm/lib/utils/shop-validator.mjs
 * and domain-transformer.mjs): `sanitizeShop` accepts a host whose domain is the source or
 * target domain of a transformation, then rewrites it. An identity transformation
 * (`<name>.<domain>` → `<name>.<domain>`) therefore makes the domain valid without changing it.
 * Pure: no I/O.
 */
import type { DomainTransformation } from "@shopify/shopify-api";

/** A bare host suffix such as `shop.dev` or `my-platform.example` (no scheme, port or regex). */
export const SHOP_DOMAIN_PATTERN =
  /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function customShopDomainTransformations(
  domain: string | undefined,
): DomainTransformation[] | undefined {
  if (!domain) return undefined;
  if (!SHOP_DOMAIN_PATTERN.test(domain))
    throw new Error(`SHOP_CUSTOM_DOMAIN must be a bare domain such as shop.dev, not ${domain}`);
  const lower = domain.toLowerCase();
  return [
    {
      // The shape getTransformationDomains() can read the domain back from: an anchored
      // subdomain group, then the escaped domain.
      match: new RegExp(`^([a-zA-Z0-9][a-zA-Z0-9-_]*)\\.${escapeRegExp(lower)}$`),
      transform: `$1.${lower}`,
      includeHost: true,
    },
  ];
}
