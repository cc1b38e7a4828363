/**
 * The access scopes the stand-in grants when nobody says otherwise: the ones the app requests in
 * shopify.app.toml, as Shopify would grant on install. Keeping them equal means a query for data
 * the app has no scope for fails here (ACCESS_DENIED) exactly as it would in a real shop.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const APP_TOML = fileURLToPath(new URL("../../shopify.app.toml", import.meta.url));

/** Used only when shopify.app.toml cannot be read. */
const FALLBACK_SCOPES = [
  "read_products",
  "read_inventory",
  "read_locations",
  "read_orders",
  "read_shipping",
  "read_markets",
  "read_themes",
  "read_discounts",
  "read_publications",
];

export function defaultScopes(): string[] {
  try {
    const toml = readFileSync(APP_TOML, "utf8");
    const scopes = /^\s*scopes\s*=\s*"([^"]*)"/m.exec(toml)?.[1];
    if (scopes)
      return scopes
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
  } catch {
    // fall back below
  }
  return FALLBACK_SCOPES;
}
