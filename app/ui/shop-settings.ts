/**
 * The shop's settings, loaded once by the parent route (app.tsx) and read by its children here,
 * instead of each child's loader reading them again: the time zone every page shows times in, and
 * the weekly schedule and alert targets the Settings page edits (the parent's loader runs again
 * after every form is saved, so they are fresh).
 */
import { useCallback } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { formatInZone } from "~/format";

export interface ShopSettingsView {
  /** IANA zone: every time on the admin pages is shown in it. */
  timeZone: string;
  /** The weekly audit: weekday (0 Sunday … 6 Saturday), hour in the shop's zone, on or off. */
  weekday: number;
  hour: number;
  enabled: boolean;
  /** The next weekly audit (ISO), or null when the schedule is off. */
  nextAudit: string | null;
  alertEmails: string[];
  webhookConfigured: boolean;
}

const FALLBACK: ShopSettingsView = {
  timeZone: "UTC",
  weekday: 1,
  hour: 6,
  enabled: false,
  nextAudit: null,
  alertEmails: [],
  webhookConfigured: false,
};

export function useShopSettings(): ShopSettingsView {
  const data = useRouteLoaderData<{ settings: ShopSettingsView }>("routes/app");
  return data?.settings ?? FALLBACK;
}

/** Formats an ISO time in the shop's zone (see formatInZone in ~/format). */
export function useShopTime(): (iso: string) => string {
  const { timeZone } = useShopSettings();
  return useCallback((iso: string) => formatInZone(iso, timeZone), [timeZone]);
}
