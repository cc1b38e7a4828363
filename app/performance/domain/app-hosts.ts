/**
 * Attributing storefront URLs to apps through app-hosts.json, a maintained data file
 * (docs/perf-app-hosts.md). Users extend it with a file of the same shape; their entries win.
 *
 * Nothing is guessed: a host that no pattern matches is "unknown" (third-party, app null).
 */
import data from "./app-hosts.json";
import type { Attribution } from "./types";

export interface AppHostEntry {
  name: string;
  /** App handles in theme files (`shopify://apps/{handle}/blocks/…`). */
  handles: string[];
  /** `host`, `*.domain` or `host/path-prefix`. */
  patterns: string[];
}

export interface AppHostList {
  shopify: string[];
  apps: AppHostEntry[];
}

export const DEFAULT_APP_HOSTS: AppHostList = { shopify: data.shopify, apps: data.apps };

/** Checks a user's file; returns the problems (empty when it can be used). */
export function validateAppHosts(value: unknown): { list: AppHostList | null; errors: string[] } {
  const errors: string[] = [];
  const v = value as Partial<AppHostList> | null;
  if (v === null || typeof v !== "object") return { list: null, errors: ["not a JSON object"] };
  const shopify = v.shopify ?? [];
  if (!Array.isArray(shopify) || shopify.some((p) => typeof p !== "string"))
    errors.push("shopify: must be a list of patterns");
  const apps = v.apps ?? [];
  if (!Array.isArray(apps)) errors.push("apps: must be a list");
  else
    apps.forEach((a: Partial<AppHostEntry>, i) => {
      if (typeof a.name !== "string" || a.name.trim() === "")
        errors.push(`apps[${i}].name: missing`);
      if (!Array.isArray(a.patterns) || a.patterns.some((p) => typeof p !== "string"))
        errors.push(`apps[${i}].patterns: must be a list of patterns`);
      if (
        a.handles !== undefined &&
        (!Array.isArray(a.handles) || a.handles.some((h) => typeof h !== "string"))
      )
        errors.push(`apps[${i}].handles: must be a list of app handles`);
    });
  if (errors.length > 0) return { list: null, errors };
  return {
    list: {
      shopify: shopify,
      apps: (apps as AppHostEntry[]).map((a) => ({
        name: a.name,
        handles: a.handles ?? [],
        patterns: a.patterns,
      })),
    },
    errors,
  };
}

/** The user's entries first, so that they override the shipped ones. */
export function mergeAppHosts(base: AppHostList, extra: AppHostList): AppHostList {
  return { shopify: [...extra.shopify, ...base.shopify], apps: [...extra.apps, ...base.apps] };
}

function matches(pattern: string, host: string, path: string): boolean {
  const slash = pattern.indexOf("/");
  const hostPattern = (slash < 0 ? pattern : pattern.slice(0, slash)).toLowerCase();
  const pathPrefix = slash < 0 ? "" : pattern.slice(slash);
  const hostOk = hostPattern.startsWith("*.")
    ? host === hostPattern.slice(2) || host.endsWith(hostPattern.slice(1))
    : host === hostPattern;
  return hostOk && path.startsWith(pathPrefix);
}

export class AppAttributor {
  /**
   * @param shopHosts the shop's own hosts (myshopify domain, primary domain): first-party.
   */
  constructor(
    private readonly list: AppHostList,
    private readonly shopHosts: string[],
  ) {}

  attribute(url: string): Attribution {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { host: "", party: "third-party", app: null };
    }
    const host = parsed.hostname.toLowerCase();
    const app = this.list.apps.find((a) =>
      a.patterns.some((p) => matches(p, host, parsed.pathname)),
    );
    if (app) return { host, party: "third-party", app: app.name };
    const firstParty =
      this.shopHosts.includes(host) ||
      this.list.shopify.some((p) => matches(p, host, parsed.pathname));
    return { host, party: firstParty ? "first-party" : "third-party", app: null };
  }

  /**
   * Whether a named entry is a Shopify app (it has app handles). Services pasted into themes by
   * hand (Google Tag Manager, Microsoft Clarity) have none: their code is never an app leftover.
   */
  isShopifyApp(name: string): boolean {
    return this.list.apps.some((a) => a.name === name && a.handles.length > 0);
  }

  /** The app name for a theme handle; the handle itself when the list does not know it. */
  appOfHandle(handle: string): string {
    return this.list.apps.find((a) => a.handles.includes(handle))?.name ?? handle;
  }
}
