/**
 * The few Shopify Standard Product Taxonomy categories the demo shop uses, with their real
 * GIDs (taxonomy release 2024-07). The CSV loader also resolves category paths through this
 * table; a path it does not know keeps its name with a placeholder id (see `categoryFromPath`).
 */
export interface TaxonomyCategory {
  id: string;
  name: string;
  fullName: string;
}

function category(code: string, fullName: string): TaxonomyCategory {
  const name = fullName.split(" > ").at(-1) ?? fullName;
  return { id: `gid://shopify/TaxonomyCategory/${code}`, name, fullName };
}

const CYCLING = "Sporting Goods > Outdoor Recreation > Cycling";
const CAMPING = "Sporting Goods > Outdoor Recreation > Camping & Hiking";

export const TAXONOMY = {
  cityBikes: category("sg-4-4-3-2", `${CYCLING} > Bicycles > City Bikes`),
  hybridBikes: category("sg-4-4-3-9", `${CYCLING} > Bicycles > Hybrid Bikes`),
  roadBikes: category("sg-4-4-3-11", `${CYCLING} > Bicycles > Road Bikes`),
  mountainBikes: category("sg-4-4-3-10", `${CYCLING} > Bicycles > Mountain Bikes`),
  electricBikes: category("sg-4-4-3-5", `${CYCLING} > Bicycles > Electric Bikes`),
  freightBicycles: category("sg-4-4-3-8", `${CYCLING} > Bicycles > Freight Bicycles`),
  bicycleHelmets: category(
    "sg-4-4-4-5",
    `${CYCLING} > Cycling Apparel & Accessories > Bicycle Helmets`,
  ),
  uLocks: category(
    "sg-4-4-1-13-8",
    `${CYCLING} > Bicycle Accessories > Bicycle Locks > Bicycle U-Locks`,
  ),
  foldingLocks: category(
    "sg-4-4-1-13-4",
    `${CYCLING} > Bicycle Accessories > Bicycle Locks > Bicycle Folding Locks`,
  ),
  chainLocks: category(
    "sg-4-4-1-13-2",
    `${CYCLING} > Bicycle Accessories > Bicycle Locks > Bicycle Chain Locks`,
  ),
  panniers: category(
    "sg-4-4-1-1-2",
    `${CYCLING} > Bicycle Accessories > Bicycle Bags & Panniers > Bicycle Panniers`,
  ),
  bicycleBags: category(
    "sg-4-4-1-1-1",
    `${CYCLING} > Bicycle Accessories > Bicycle Bags & Panniers > Bicycle Bags`,
  ),
  pumps: category("sg-4-4-1-15", `${CYCLING} > Bicycle Accessories > Bicycle Pumps`),
  multiTools: category(
    "sg-4-4-1-22-2",
    `${CYCLING} > Bicycle Accessories > Bicycle Tools > Bicycle Multi-Tools`,
  ),
  tires: category("sg-4-4-2-21", `${CYCLING} > Bicycle Parts > Bicycle Tires`),
  domeTents: category("sg-4-2-17-2", `${CAMPING} > Tents > Domes`),
  tunnelTents: category("sg-4-2-17-9", `${CAMPING} > Tents > Tunnel Tents`),
  sleepingBags: category("sg-4-2-14", `${CAMPING} > Sleeping Bags`),
  rainCoats: category(
    "aa-1-10-2-10",
    "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets > Rain Coats",
  ),
  backpacks: category("lb-1", "Luggage & Bags > Backpacks"),
  giftCards: category("gc", "Gift Cards"),
} as const satisfies Record<string, TaxonomyCategory>;

const BY_FULL_NAME = new Map<string, TaxonomyCategory>(
  Object.values(TAXONOMY).map((c) => [c.fullName.toLowerCase(), c]),
);

/**
 * Resolves a CSV "Product Category" cell: a taxonomy GID, or a path. An unknown path keeps its
 * name and full name; its id is a stable placeholder derived from the path, because the stand-in
 * has no copy of the 10,000-category taxonomy to look it up in.
 */
export function categoryFromCsv(value: string): TaxonomyCategory {
  const known =
    BY_FULL_NAME.get(value.toLowerCase()) ?? Object.values(TAXONOMY).find((c) => c.id === value);
  if (known) return known;
  if (value.startsWith("gid://shopify/TaxonomyCategory/"))
    return { id: value, name: value, fullName: value };
  const slug = value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return {
    id: `gid://shopify/TaxonomyCategory/unresolved-${slug}`,
    name: value.split(">").at(-1)?.trim() ?? value,
    fullName: value,
  };
}
