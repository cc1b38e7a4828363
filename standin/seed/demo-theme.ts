/**
 * The published theme (a Dawn-like Online Store 2.0 theme). The demo shop's copy has app traces:
 * three app embeds in config/settings_data.json (one disabled), an app block on the product
 * template, and a planted leftover: layout/theme.liquid still loads the script of an app that
 * was uninstalled, which costs every page a request to a host that no longer serves it.
 */
import type { StandinTheme } from "../store/types";
import type { IdAllocator } from "./ids";
import type { ManifestDefect } from "./manifest";
import type { Random } from "./random";
import { DAY_MS, iso } from "./time";

export const LEFTOVER_SCRIPT_URL = "https://cdn.some-removed-app.example/storefront/widget.js";

/** The header Shopify writes at the top of settings_data.json (the file is JSON with a comment). */
const SETTINGS_HEADER = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 *
 * This file may be updated by the Shopify admin theme editor
 * or related systems. Please exercise caution as any changes
 * made to this file may be overwritten.
 * ------------------------------------------------------------
 */
`;

interface AppEmbed {
  app: string;
  block: string;
  disabled: boolean;
  settings: Record<string, string | boolean | number>;
}

const EMBEDS: readonly AppEmbed[] = [
  {
    app: "nordic-reviews",
    block: "reviews-embed",
    disabled: false,
    settings: { star_color: "#1f3b2d", show_badge: true },
  },
  {
    app: "klikmail-email-marketing",
    block: "onsite-embed",
    disabled: false,
    settings: { popup_delay: 8 },
  },
  {
    app: "chatly-live-chat",
    block: "chat-widget",
    disabled: true,
    settings: { position: "bottom-right" },
  },
];

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function themeLiquid(headExtra: string): string {
  return `<!doctype html>
<html class="no-js" lang="{{ request.locale.iso_code }}">
  <head>
    <meta charset="utf-8">
    <meta http-equiv="X-UA-Compatible" content="IE=edge">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <meta name="theme-color" content="">
    <link rel="canonical" href="{{ canonical_url }}">
    {%- if settings.favicon != blank -%}
      <link rel="icon" type="image/png" href="{{ settings.favicon | image_url: width: 32, height: 32 }}">
    {%- endif -%}
    <title>{{ page_title }}{%- unless page_title contains shop.name %} &ndash; {{ shop.name }}{% endunless -%}</title>
    {% if page_description %}
      <meta name="description" content="{{ page_description | escape }}">
    {% endif %}
    {% render 'meta-tags' %}
    <script src="{{ 'constants.js' | asset_url }}" defer="defer"></script>
    <script src="{{ 'pubsub.js' | asset_url }}" defer="defer"></script>
    <script src="{{ 'global.js' | asset_url }}" defer="defer"></script>
    {{ content_for_header }}
    {{ 'base.css' | asset_url | stylesheet_tag }}${headExtra}
  </head>

  <body class="gradient">
    <a class="skip-to-content-link button visually-hidden" href="#MainContent">{{ 'accessibility.skip_to_text' | t }}</a>
    {% sections 'header-group' %}
    <main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1">
      {{ content_for_layout }}
    </main>
    {% sections 'footer-group' %}
  </body>
</html>
`;
}

export interface ThemeOptions {
  ids: IdAllocator;
  now: number;
  /** App embed blocks in settings_data.json, keyed by block id. */
  embeds: Record<string, { type: string; disabled: boolean; settings: Record<string, unknown> }>;
  /** An app block on the product page (`shopify://apps/…`), or null. */
  productAppBlock: string | null;
  /** Markup appended to <head> in layout/theme.liquid. */
  headExtra: string;
  updatedAt: number;
}

/** A published Dawn theme with the files the audits read. */
export function dawnTheme(o: ThemeOptions): StandinTheme {
  const settingsData = {
    current: {
      colors_solid_button_labels: "#ffffff",
      type_header_font: "assistant_n4",
      page_width: 1200,
      cart_type: "drawer",
      blocks: o.embeds,
      sections: {},
      content_for_index: [],
    },
    presets: { Default: {} },
  };
  const productBlocks: Record<string, { type: string; settings: Record<string, unknown> }> = {
    vendor: { type: "text", settings: { text: "{{ product.vendor }}" } },
    title: { type: "title", settings: {} },
    ...(o.productAppBlock
      ? { rating: { type: o.productAppBlock, settings: { product: "{{product}}" } } }
      : {}),
    price: { type: "price", settings: {} },
    variant_picker: { type: "variant_picker", settings: { picker_type: "button" } },
    buy_buttons: { type: "buy_buttons", settings: { show_dynamic_checkout: true } },
    description: { type: "description", settings: {} },
  };
  const product = {
    sections: {
      main: {
        type: "main-product",
        blocks: productBlocks,
        block_order: Object.keys(productBlocks),
        settings: { enable_sticky_info: true, media_size: "large" },
      },
      related: { type: "related-products", settings: { products_to_show: 4 } },
    },
    order: ["main", "related"],
  };
  const index = {
    sections: {
      banner: {
        type: "image-banner",
        blocks: { heading: { type: "heading", settings: {} } },
        block_order: ["heading"],
        settings: {},
      },
      featured: { type: "featured-collection", settings: { collection: "", products_to_show: 8 } },
      newsletter: { type: "newsletter", settings: {} },
    },
    order: ["banner", "featured", "newsletter"],
  };
  const collection = {
    sections: {
      banner: { type: "main-collection-banner", settings: { show_collection_description: true } },
      product_grid: {
        type: "main-collection-product-grid",
        settings: { products_per_page: 24, enable_filtering: true },
      },
    },
    order: ["banner", "product_grid"],
  };
  return {
    id: o.ids.gid("OnlineStoreTheme"),
    name: "Dawn",
    role: "MAIN",
    themeStoreId: 887,
    files: [
      { filename: "config/settings_data.json", body: SETTINGS_HEADER + json(settingsData) },
      { filename: "layout/theme.liquid", body: themeLiquid(o.headExtra) },
      { filename: "templates/index.json", body: json(index) },
      { filename: "templates/product.json", body: json(product) },
      { filename: "templates/collection.json", body: json(collection) },
    ],
    createdAt: iso(Math.min(o.updatedAt, o.now - 900 * DAY_MS)),
    updatedAt: iso(o.updatedAt),
  };
}

/** The demo shop's theme: three app embeds (one disabled), a review app block, and the leftover script. */
export function generateTheme(input: { rng: Random; ids: IdAllocator; now: number }): {
  theme: StandinTheme;
  defects: ManifestDefect[];
} {
  const { rng, ids, now } = input;
  const embeds = Object.fromEntries(
    EMBEDS.map((e) => [
      Array.from({ length: 19 }, (_, i) => rng.int(i === 0 ? 1 : 0, 9)).join(""),
      {
        type: `shopify://apps/${e.app}/blocks/${e.block}/${rng.uuid()}`,
        disabled: e.disabled,
        settings: e.settings,
      },
    ]),
  );
  const theme = dawnTheme({
    ids,
    now,
    embeds,
    productAppBlock: `shopify://apps/nordic-reviews/blocks/star-rating/${rng.uuid()}`,
    headExtra: `\n    <!-- Added by the Kundeklub loyalty app -->\n    <script src="${LEFTOVER_SCRIPT_URL}?shop={{ shop.permanent_domain }}" async></script>`,
    updatedAt: now - rng.int(2, 20) * DAY_MS,
  });
  return {
    theme,
    defects: [
      {
        ruleId: "perf.app-leftover",
        resourceId: theme.id,
        note: `layout/theme.liquid loads ${LEFTOVER_SCRIPT_URL} from an uninstalled app`,
      },
    ],
  };
}
