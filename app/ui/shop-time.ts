/**
 * A moment as the admin pages show it: "8 Dec 2026, 07:00" in the shop's time zone, with an
 * explicit locale and zone, so the server render and the browser's hydration give the same text.
 * The pages take the zone from the parent route (useShopSettings) and the time as ISO from their
 * loaders.
 */
export function formatShopTime(at: Date | string, timeZone: string): string {
  const date = typeof at === "string" ? new Date(at) : at;
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      dateStyle: "medium",
      timeStyle: "short",
    }).format(date);
  } catch {
    return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
  }
}
