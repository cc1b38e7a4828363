/**
 * The shop's settings every admin page shows (its time zone), loaded once by the parent route
 * (app.tsx) and read by its children here, instead of each child's loader reading them again.
 */
import { useRouteLoaderData } from "@remix-run/react";

export interface ShopSettingsView {
  /** IANA zone: every time on the admin pages is shown in it. */
  timeZone: string;
}

export function useShopSettings(): ShopSettingsView {
  const data = useRouteLoaderData<{ settings: ShopSettingsView }>("routes/app");
  return data?.settings ?? { timeZone: "UTC" };
}
