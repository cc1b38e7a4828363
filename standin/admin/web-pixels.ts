/**
 * The app's web pixel on a shop: `webPixelCreate`, `webPixelUpdate`, `webPixelDelete` and
 * `webPixel(id:)`. As on Shopify, an app has at most one pixel per shop (a second create
 * answers TAKEN), the mutations need `write_pixels` and `read_customer_events`, and `settings`
 * (a JSON string) is validated against the settings definition of the app's
 * `web_pixel_extension` (extensions/ * /shopify.extension.toml, `[settings.fields.<key>]`):
 * every defined key, nothing else, string values. Stand-in choices: the error wording, and
 * `webPixel` without an id answering null when the app has no pixel.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GraphQLResolveInfo } from "graphql";
import type { FieldFn } from "../graphql/view";
import { requireScope } from "./common";
import type { AdminContext } from "./context";

const EXTENSIONS_DIR = fileURLToPath(new URL("../../extensions/", import.meta.url));

export interface WebPixelRecord {
  id: string;
  /** The settings as stored: a JSON object of strings. */
  settings: Record<string, string>;
}

export interface WebPixelService {
  get(): WebPixelRecord | null;
  set(settings: Record<string, string>): WebPixelRecord;
  remove(): boolean;
}

/** The setting keys the app's web pixel extension defines; null when it has none. */
export function webPixelSettingKeys(dir = EXTENSIONS_DIR): string[] | null {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return null;
  }
  for (const name of names.sort()) {
    let toml: string;
    try {
      toml = readFileSync(join(dir, name, "shopify.extension.toml"), "utf8");
    } catch {
      continue;
    }
    if (!/^\s*type\s*=\s*"web_pixel_extension"/m.test(toml)) continue;
    return [...toml.matchAll(/^\s*\[settings\.fields\.([A-Za-z0-9_]+)\]/gm)].map((m) => m[1] ?? "");
  }
  return null;
}

/** Pixels per shop, for the lifetime of one stand-in. */
export class WebPixelStore {
  private readonly pixels = new Map<string, WebPixelRecord>();
  private nextId = 1;

  service(shop: string): WebPixelService {
    return {
      get: () => this.pixels.get(shop) ?? null,
      set: (settings) => {
        const record = {
          id: this.pixels.get(shop)?.id ?? `gid://shopify/WebPixel/${this.nextId++}`,
          settings,
        };
        this.pixels.set(shop, record);
        return record;
      },
      remove: () => this.pixels.delete(shop),
    };
  }

  get(shop: string): WebPixelRecord | null {
    return this.pixels.get(shop) ?? null;
  }
}

type UserError = { code: string; field: string[]; message: string };

function parseSettings(value: unknown): Record<string, unknown> | null {
  let parsed = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : null;
}

/** The settings as Shopify would store them, or the user error it would answer. */
function validate(value: unknown): { settings: Record<string, string> } | { error: UserError } {
  const keys = webPixelSettingKeys();
  const field = ["webPixel", "settings"];
  if (keys === null)
    return {
      error: { code: "NO_EXTENSION", field, message: "No web pixel extension found for this app." },
    };
  const settings = parseSettings(value);
  if (settings === null)
    return {
      error: {
        code: "INVALID_CONFIGURATION_JSON",
        field,
        message: "Settings must be a JSON object.",
      },
    };
  const problems = [
    ...keys
      .filter((k) => typeof settings[k] !== "string" || settings[k] === "")
      .map((k) => `${k} is missing`),
    ...Object.keys(settings)
      .filter((k) => !keys.includes(k))
      .map((k) => `${k} is not defined`),
  ];
  if (problems.length > 0)
    return {
      error: {
        code: "INVALID_SETTINGS",
        field,
        message: `Invalid settings: ${problems.join(", ")}.`,
      },
    };
  return { settings: settings as Record<string, string> };
}

function requirePixelScopes(ctx: AdminContext, info: GraphQLResolveInfo): void {
  requireScope(ctx, info, "write_pixels");
  requireScope(ctx, info, "read_customer_events");
}

const view = (record: WebPixelRecord) => ({
  id: record.id,
  settings: JSON.stringify(record.settings),
});

export const webPixelRoot: Record<string, FieldFn<AdminContext>> = {
  webPixel: ({ id }, ctx, info) => {
    requireScope(ctx, info, "read_pixels");
    const pixel = ctx.webPixels.get();
    return pixel && (id === undefined || id === null || id === pixel.id) ? view(pixel) : null;
  },
};

export const webPixelMutations: Record<string, FieldFn<AdminContext>> = {
  webPixelCreate: ({ webPixel }, ctx, info) => {
    requirePixelScopes(ctx, info);
    if (ctx.webPixels.get() !== null)
      return {
        webPixel: null,
        userErrors: [{ code: "TAKEN", field: ["webPixel"], message: "Web pixel is taken." }],
      };
    const result = validate((webPixel as { settings: unknown }).settings);
    if ("error" in result) return { webPixel: null, userErrors: [result.error] };
    return { webPixel: view(ctx.webPixels.set(result.settings)), userErrors: [] };
  },
  webPixelUpdate: ({ id, webPixel }, ctx, info) => {
    requirePixelScopes(ctx, info);
    const existing = ctx.webPixels.get();
    if (existing === null || existing.id !== id)
      return {
        webPixel: null,
        userErrors: [{ code: "NOT_FOUND", field: ["id"], message: "Web pixel not found." }],
      };
    const result = validate((webPixel as { settings: unknown }).settings);
    if ("error" in result) return { webPixel: null, userErrors: [result.error] };
    return { webPixel: view(ctx.webPixels.set(result.settings)), userErrors: [] };
  },
  webPixelDelete: ({ id }, ctx, info) => {
    requireScope(ctx, info, "write_pixels");
    const existing = ctx.webPixels.get();
    if (existing === null || existing.id !== id)
      return {
        deletedWebPixelId: null,
        userErrors: [{ code: "NOT_FOUND", field: ["id"], message: "Web pixel not found." }],
      };
    ctx.webPixels.remove();
    return { deletedWebPixelId: id, userErrors: [] };
  },
};
