/**
 * The published theme: an Online Store 2.0 theme shaped like Shopify's Dawn (layouts, JSON
 * templates including customer templates, section groups for header and footer, sections with
 * `{% schema %}`, snippets rendered from the layout and from sections, and the theme's assets).
 * JSON files are written the way Shopify's theme editor writes them: a comment header, and `/`
 * escaped as `\/` inside strings.
 *
 * The demo shop's copy carries app traces and planted defects (docs/demo-store.md):
 * - three app embeds in config/settings_data.json (one disabled), a reviews app block on the
 *   product template, and a currency app installed only as an app block in
 *   sections/header-group.json, whose host layout/theme.liquid preconnects to (not a leftover);
 * - leftovers of uninstalled apps: a script in layout/theme.liquid, a Custom Liquid section in
 *   sections/footer-group.json (JSON-escaped), and a snippet rendered by the product section;
 * - a hand-pasted trust badge in a Custom Liquid section of templates/index.json (unknown host);
 * - theme-check problems: a parser-blocking, oversized theme script, a deprecated `include`,
 *   a section that renders a snippet that no longer exists, and a section whose HTML does not
 *   close.
 */
import { THEME_ASSETS, assetBody } from "../storefront/theme-assets";
import type { StandinTheme, StandinThemeFile } from "../store/types";
import type { IdAllocator } from "./ids";
import type { ManifestDefect } from "./manifest";
import type { Random } from "./random";
import { DAY_MS, iso } from "./time";

export const LEFTOVER_SCRIPT_URL = "https://cdn.some-removed-app.example/storefront/widget.js";
/** An uninstalled web-push app's script, left in a Custom Liquid section of the footer group. */
export const FOOTER_LEFTOVER_URL = "https://cdn.pushly.example/sdk/pushly.js";
/** An uninstalled size-guide app's script, in a snippet the product section renders. */
export const SNIPPET_LEFTOVER_URL = "https://cdn.sizeguide.example/embed/v1.js";
/** The currency app installed only as an app block in the header group. */
export const HEADER_APP_HANDLE = "valuta-converter";
export const HEADER_APP_HOST = "cdn.valuta.example";
/** A web font stylesheet from a font host, in the layout's head: render-blocking and remote. */
export const REMOTE_FONT_URL = "https://fonts.fontpark.example/css/inter.css";
/** The theme's own oversized, parser-blocking script. */
export const BLOCKING_THEME_SCRIPT = "slider-bundle.js";

/** The header Shopify's theme editor writes at the top of the JSON files it saves. */
export const SHOPIFY_JSON_HEADER = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 *
 * This file may be updated by the Shopify admin theme editor
 * or related systems. Please exercise caution as any changes
 * made to this file may be overwritten.
 * ------------------------------------------------------------
 */
`;

/** JSON as the theme editor saves it: the header, 2-space indent, `/` escaped as `\/`. */
export function shopifyJson(value: unknown): string {
  return `${SHOPIFY_JSON_HEADER}${JSON.stringify(value, null, 2).replace(/\//g, "\\/")}\n`;
}

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

function layoutLiquid(headExtra: string, bodyExtra: string): string {
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
    <link rel="preconnect" href="https://fonts.shopifycdn.com" crossorigin>
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
    {% sections 'footer-group' %}${bodyExtra}
  </body>
</html>
`;
}

const PASSWORD_LAYOUT = `<!doctype html>
<html class="no-js" lang="{{ request.locale.iso_code }}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width,initial-scale=1">
    <title>{{ shop.name }}</title>
    {{ content_for_header }}
    {{ 'base.css' | asset_url | stylesheet_tag }}
  </head>
  <body class="gradient">
    <main id="MainContent">
      {{ content_for_layout }}
    </main>
  </body>
</html>
`;

/** A section: markup plus a `{% schema %}` with a plain name (and @app blocks where Dawn has them). */
function section(name: string, markup: string, schema: Record<string, unknown> = {}): string {
  return `${markup}

{% schema %}
${JSON.stringify({ name, settings: [], ...schema }, null, 2)}
{% endschema %}
`;
}

const APP_BLOCKS = { blocks: [{ type: "@app" }] };

function sections(o: { footerExtra: string; mainProductExtra: string; newsletterClose: string }) {
  return {
    "sections/announcement-bar.liquid": section(
      "Announcement bar",
      `<div class="announcement-bar" role="region">
  {%- for block in section.blocks -%}
    <p class="announcement-bar__message" {{ block.shopify_attributes }}>{{ block.settings.text | escape }}</p>
  {%- endfor -%}
</div>`,
      {
        blocks: [
          {
            type: "announcement",
            name: "Announcement",
            settings: [{ type: "text", id: "text", label: "Text" }],
          },
        ],
      },
    ),
    "sections/header.liquid": section(
      "Header",
      `<header class="header">
  <a href="{{ routes.root_url }}" class="header__heading-link">{{ shop.name }}</a>
  {%- render 'header-menu', menu: section.settings.menu -%}
  {%- for block in section.blocks -%}
    {%- if block.type == '@app' -%}{% render block %}{%- endif -%}
  {%- endfor -%}
</header>`,
      {
        settings: [{ type: "link_list", id: "menu", label: "Menu", default: "main-menu" }],
        ...APP_BLOCKS,
      },
    ),
    "sections/footer.liquid": section(
      "Footer",
      `<footer class="footer">
  <p>&copy; {{ 'now' | date: '%Y' }} {{ shop.name | link_to: routes.root_url }}</p>
  {%- render 'payment-icons' -%}${o.footerExtra}
</footer>`,
    ),
    "sections/custom-liquid.liquid": section(
      "Custom Liquid",
      `<div class="color-{{ section.settings.color_scheme }} gradient">
  <div class="section-{{ section.id }}-padding">
    {{ section.settings.custom_liquid }}
  </div>
</div>`,
      {
        settings: [
          { type: "liquid", id: "custom_liquid", label: "Custom Liquid" },
          { type: "color_scheme", id: "color_scheme", label: "Color scheme", default: "scheme-1" },
        ],
        presets: [{ name: "Custom Liquid" }],
      },
    ),
    "sections/image-banner.liquid": section(
      "Image banner",
      `<div class="banner">
  {%- if section.settings.image != blank -%}
    {{ section.settings.image | image_url: width: 1500 | image_tag: loading: 'eager' }}
  {%- endif -%}
  {%- for block in section.blocks -%}
    <h2 class="banner__heading" {{ block.shopify_attributes }}>{{ block.settings.heading | escape }}</h2>
  {%- endfor -%}
</div>`,
      {
        settings: [{ type: "image_picker", id: "image", label: "Image" }],
        blocks: [
          {
            type: "heading",
            name: "Heading",
            settings: [{ type: "text", id: "heading", label: "Heading" }],
          },
        ],
      },
    ),
    "sections/featured-collection.liquid": section(
      "Featured collection",
      `<div class="collection">
  <ul class="grid product-grid">
    {%- for product in section.settings.collection.products limit: section.settings.products_to_show -%}
      <li class="grid__item">{% render 'card-product', card_product: product %}</li>
    {%- endfor -%}
  </ul>
</div>`,
      {
        settings: [
          { type: "collection", id: "collection", label: "Collection" },
          {
            type: "range",
            id: "products_to_show",
            min: 2,
            max: 24,
            step: 1,
            label: "Products",
            default: 8,
          },
        ],
      },
    ),
    "sections/newsletter.liquid": section(
      "Email signup",
      `<div class="newsletter center">
  <div class="newsletter__wrapper">
    <h2>{{ 'sections.newsletter.title' | t }}</h2>
    {%- form 'customer', class: 'newsletter-form' -%}
      <input type="email" name="contact[email]" autocomplete="email">
      <button type="submit" class="newsletter-form__button">{{ 'newsletter.button_label' | t }}</button>
    {%- endform -%}${o.newsletterClose}
</div>`,
    ),
    "sections/main-product.liquid": section(
      "Product information",
      `<section class="product">
  <div class="product__media-list">
    {%- for media in product.media -%}
      {{ media | image_url: width: 1946 | image_tag: loading: 'lazy' }}
    {%- endfor -%}
  </div>
  <div class="product__info-container">
    {%- for block in section.blocks -%}
      {%- case block.type -%}
        {%- when '@app' -%}
          {% render block %}
        {%- when 'title' -%}
          <h1 {{ block.shopify_attributes }}>{{ product.title | escape }}</h1>
        {%- when 'price' -%}
          {% render 'price', product: product %}
        {%- when 'description' -%}
          <div class="product__description rte">{{ product.description }}</div>
        {%- else -%}
          <div {{ block.shopify_attributes }}>{{ block.settings.text }}</div>
      {%- endcase -%}
    {%- endfor -%}${o.mainProductExtra}
  </div>
</section>
<script src="{{ 'product-info.js' | asset_url }}" defer="defer"></script>`,
      {
        blocks: [
          { type: "@app" },
          { type: "title", name: "Title", settings: [] },
          { type: "price", name: "Price", settings: [] },
          { type: "description", name: "Description", settings: [] },
          { type: "text", name: "Text", settings: [{ type: "text", id: "text", label: "Text" }] },
          { type: "variant_picker", name: "Variant picker", settings: [] },
          { type: "buy_buttons", name: "Buy buttons", settings: [] },
        ],
      },
    ),
    "sections/related-products.liquid": section(
      "Related products",
      `<div class="related-products" data-url="{{ routes.product_recommendations_url }}?section_id={{ section.id }}&product_id={{ product.id }}&limit=4"></div>`,
    ),
    "sections/main-collection-banner.liquid": section(
      "Collection banner",
      `<div class="collection-hero"><h1 class="collection-hero__title">{{ collection.title | escape }}</h1></div>`,
    ),
    "sections/main-collection-product-grid.liquid": section(
      "Product grid",
      `{%- paginate collection.products by 24 -%}
  <ul class="grid product-grid">
    {%- for product in collection.products -%}
      <li class="grid__item">{% render 'card-product', card_product: product %}</li>
    {%- endfor -%}
  </ul>
{%- endpaginate -%}`,
    ),
    "sections/main-cart-items.liquid": section(
      "Cart items",
      `<div class="cart">
  {%- if cart.item_count == 0 -%}
    <h1>{{ 'sections.cart.empty' | t }}</h1>
  {%- endif -%}
</div>
<script src="{{ 'cart.js' | asset_url }}" defer="defer"></script>`,
    ),
    "sections/main-search.liquid": section(
      "Search results",
      `<div class="search">
  <h1>{{ 'templates.search.title' | t }}</h1>
  {%- for item in search.results -%}
    {%- if item.object_type == 'product' -%}{% render 'card-product', card_product: item %}{%- endif -%}
  {%- endfor -%}
</div>`,
    ),
    "sections/main-page.liquid": section(
      "Page",
      `<div class="page-width"><h1>{{ page.title | escape }}</h1><div class="rte">{{ page.content }}</div></div>`,
    ),
    "sections/main-account.liquid": section(
      "Customer account",
      `<div class="customer account"><h1>{{ 'customer.account.title' | t }}</h1><p>{{ customer.email }}</p></div>`,
    ),
    "sections/main-login.liquid": section(
      "Customer login",
      `<div class="customer login">
  {%- form 'customer_login' -%}
    <input type="email" name="customer[email]" autocomplete="email">
  {%- endform -%}
</div>`,
    ),
    "sections/apps.liquid": section(
      "Apps",
      `{%- for block in section.blocks -%}{% render block %}{%- endfor -%}`,
      { ...APP_BLOCKS, presets: [{ name: "Apps" }] },
    ),
  };
}

function snippets(extra: Record<string, string>): Record<string, string> {
  return {
    "snippets/meta-tags.liquid": `<meta property="og:site_name" content="{{ shop.name }}">
<meta property="og:url" content="{{ canonical_url }}">
<meta property="og:title" content="{{ page_title | escape }}">
<meta name="twitter:card" content="summary_large_image">
`,
    "snippets/header-menu.liquid": `<nav class="header__inline-menu">
  <ul class="list-menu list-menu--inline" role="list">
    {%- for link in linklists[menu].links -%}
      <li><a href="{{ link.url }}" class="header__menu-item">{{ link.title | escape }}</a></li>
    {%- endfor -%}
  </ul>
</nav>
`,
    "snippets/card-product.liquid": `<div class="card">
  <a href="{{ card_product.url }}" class="card__link">
    {%- if card_product.featured_media -%}
      {{ card_product.featured_media | image_url: width: 533 | image_tag: loading: 'lazy' }}
    {%- endif -%}
    <h3 class="card__heading">{{ card_product.title | escape }}</h3>
  </a>
  {% render 'price', product: card_product %}
</div>
`,
    "snippets/price.liquid": `<div class="price">
  <span class="price-item price-item--regular">{{ product.price | money }}</span>
</div>
`,
    "snippets/payment-icons.liquid": `<ul class="list list-payment" role="list">
  {%- for type in shop.enabled_payment_types -%}
    <li class="list-payment__item">{{ type | payment_type_svg_tag: class: 'icon icon--full-color' }}</li>
  {%- endfor -%}
</ul>
`,
    ...extra,
  };
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
  /** The demo shop's planted code beyond the head (null or absent: a clean theme). */
  planted?: PlantedThemeCode | null;
}

/** Code the demo shop's theme carries besides a clean Dawn's. */
export interface PlantedThemeCode {
  /** An app block in the header section of sections/header-group.json. */
  headerAppBlock: string | null;
  /** Custom Liquid sections: in the footer group, and on the home page. */
  footerCustomLiquid: string | null;
  homeCustomLiquid: string | null;
  /** Extra snippets, and markup inside the footer and the product section. */
  snippets: Record<string, string>;
  footerExtra: string;
  mainProductExtra: string;
  /** Markup just before </body> in the layout. */
  bodyExtra: string;
  /** Leave the newsletter section's wrapper <div> unclosed. */
  unclosedNewsletter: boolean;
  /** Extra theme assets (name → size). */
  assets: Record<string, number>;
}

function assetFiles(extra: Record<string, number>): StandinThemeFile[] {
  const all = {
    ...Object.fromEntries(Object.entries(THEME_ASSETS).map(([k, v]) => [k, v.bytes])),
    ...extra,
  };
  return Object.entries(all)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, bytes]) => ({
      filename: `assets/${name}`,
      body: assetBody(name.endsWith(".css") ? "style" : "script", bytes, name).toString("utf8"),
    }));
}

/** A published Dawn-shaped theme; `planted` adds the demo shop's app traces and defects. */
export function dawnTheme(o: ThemeOptions): StandinTheme {
  const p = o.planted ?? null;
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
  const headerBlocks: Record<string, { type: string; settings: Record<string, unknown> }> =
    p?.headerAppBlock ? { currency_switcher: { type: p.headerAppBlock, settings: {} } } : {};
  const headerGroup = {
    type: "header",
    name: "Header group",
    sections: {
      "announcement-bar": {
        type: "announcement-bar",
        blocks: {
          "announcement-bar-0": {
            type: "announcement",
            settings: { text: "Free shipping on orders over 500 kr / fri fragt over 500 kr" },
          },
        },
        block_order: ["announcement-bar-0"],
        settings: {},
      },
      header: {
        type: "header",
        blocks: headerBlocks,
        block_order: Object.keys(headerBlocks),
        settings: { menu: "main-menu" },
      },
    },
    order: ["announcement-bar", "header"],
  };
  const footerGroup = {
    type: "footer",
    name: "Footer group",
    sections: {
      footer: { type: "footer", settings: {} },
      ...(p?.footerCustomLiquid
        ? {
            custom_liquid_tracking: {
              type: "custom-liquid",
              settings: { custom_liquid: p.footerCustomLiquid, color_scheme: "scheme-1" },
            },
          }
        : {}),
    },
    order: ["footer", ...(p?.footerCustomLiquid ? ["custom_liquid_tracking"] : [])],
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
  const template = (sectionsMap: Record<string, unknown>, order: string[]) => ({
    sections: sectionsMap,
    order,
  });
  const templates: Record<string, unknown> = {
    "templates/index.json": template(
      {
        banner: {
          type: "image-banner",
          blocks: { heading: { type: "heading", settings: { heading: "Autumn in the hills" } } },
          block_order: ["heading"],
          settings: {},
        },
        featured: {
          type: "featured-collection",
          settings: { collection: "", products_to_show: 8 },
        },
        newsletter: { type: "newsletter", settings: {} },
        ...(p?.homeCustomLiquid
          ? {
              custom_liquid_badge: {
                type: "custom-liquid",
                settings: { custom_liquid: p.homeCustomLiquid, color_scheme: "scheme-1" },
              },
            }
          : {}),
      },
      ["banner", "featured", "newsletter", ...(p?.homeCustomLiquid ? ["custom_liquid_badge"] : [])],
    ),
    "templates/product.json": template(
      {
        main: {
          type: "main-product",
          blocks: productBlocks,
          block_order: Object.keys(productBlocks),
          settings: { enable_sticky_info: true, media_size: "large" },
        },
        related: { type: "related-products", settings: { products_to_show: 4 } },
      },
      ["main", "related"],
    ),
    "templates/collection.json": template(
      {
        banner: { type: "main-collection-banner", settings: { show_collection_description: true } },
        product_grid: {
          type: "main-collection-product-grid",
          settings: { products_per_page: 24, enable_filtering: true },
        },
      },
      ["banner", "product_grid"],
    ),
    "templates/cart.json": template({ items: { type: "main-cart-items", settings: {} } }, [
      "items",
    ]),
    "templates/search.json": template({ main: { type: "main-search", settings: {} } }, ["main"]),
    "templates/page.json": template({ main: { type: "main-page", settings: {} } }, ["main"]),
    "templates/customers/account.json": template({ main: { type: "main-account", settings: {} } }, [
      "main",
    ]),
    "templates/customers/login.json": template({ main: { type: "main-login", settings: {} } }, [
      "main",
    ]),
  };
  const sectionFiles = sections({
    footerExtra: p?.footerExtra ?? "",
    mainProductExtra: p?.mainProductExtra ?? "",
    newsletterClose: p?.unclosedNewsletter ? "" : "\n  </div>",
  });
  const files: StandinThemeFile[] = [
    { filename: "config/settings_data.json", body: shopifyJson(settingsData) },
    { filename: "layout/theme.liquid", body: layoutLiquid(o.headExtra, p?.bodyExtra ?? "") },
    { filename: "layout/password.liquid", body: PASSWORD_LAYOUT },
    { filename: "sections/header-group.json", body: shopifyJson(headerGroup) },
    { filename: "sections/footer-group.json", body: shopifyJson(footerGroup) },
    ...Object.entries(templates).map(([filename, value]) => ({
      filename,
      body: shopifyJson(value),
    })),
    {
      filename: "templates/gift_card.liquid",
      body: `{% layout none %}
<!doctype html>
<html lang="{{ request.locale.iso_code }}">
  <head>
    <meta charset="utf-8">
    <title>{{ shop.name }}</title>
    {{ 'base.css' | asset_url | stylesheet_tag }}
  </head>
  <body>
    <h1>{{ gift_card.balance | money }}</h1>
    <p>{{ gift_card.code | format_code }}</p>
  </body>
</html>
`,
    },
    ...Object.entries(sectionFiles).map(([filename, body]) => ({ filename, body })),
    ...Object.entries(snippets(p?.snippets ?? {})).map(([filename, body]) => ({
      filename,
      body,
    })),
    ...assetFiles(p?.assets ?? {}),
  ];
  return {
    id: o.ids.gid("OnlineStoreTheme"),
    name: "Dawn",
    role: "MAIN",
    themeStoreId: 887,
    files,
    createdAt: iso(Math.min(o.updatedAt, o.now - 900 * DAY_MS)),
    updatedAt: iso(o.updatedAt),
  };
}

/** 1-based line of the first line of `file` containing `text`. */
export function lineOf(theme: StandinTheme, file: string, text: string): number {
  const lines = theme.files.find((f) => f.filename === file)?.body.split("\n") ?? [];
  const i = lines.findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} is not in ${file}`);
  return i + 1;
}

/** The demo shop's theme: app traces, leftovers of three uninstalled apps and theme-check problems. */
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
    headExtra: [
      "",
      `    <link rel="preconnect" href="https://${HEADER_APP_HOST}" crossorigin>`,
      `    <link rel="stylesheet" href="${REMOTE_FONT_URL}">`,
      `    <script src="{{ '${BLOCKING_THEME_SCRIPT}' | asset_url }}"></script>`,
      "    <!-- Added by the Kundeklub loyalty app -->",
      `    <script src="${LEFTOVER_SCRIPT_URL}?shop={{ shop.permanent_domain }}" async></script>`,
      "    {% include 'social-meta' %}",
    ].join("\n"),
    updatedAt: now - rng.int(2, 20) * DAY_MS,
    planted: {
      headerAppBlock: `shopify://apps/${HEADER_APP_HANDLE}/blocks/currency-switcher/${rng.uuid()}`,
      footerCustomLiquid: `<!-- Pushly web push -->\n<script src="${FOOTER_LEFTOVER_URL}" async></script>`,
      homeCustomLiquid: `<div class="trust-badge"></div>\n<script src="https://widgets.trustbadge.example/badge.js" async></script>`,
      snippets: {
        "snippets/social-meta.liquid": `<meta property="og:type" content="website">\n`,
        "snippets/size-guide.liquid": `{%- comment -%} Størrelsesguide app {%- endcomment -%}
<div id="sizeguide-root" data-product="{{ product.id }}"></div>
<script src="${SNIPPET_LEFTOVER_URL}" defer></script>
`,
      },
      footerExtra: "\n  {%- render 'loyalty-footer-badge' -%}",
      mainProductExtra: "\n    {% render 'size-guide' %}",
      bodyExtra: "",
      unclosedNewsletter: true,
      assets: {},
    },
  });
  const at = (file: string, text: string) => `${file} line ${lineOf(theme, file, text)}`;
  return {
    theme,
    defects: [
      {
        ruleId: "perf.app-leftover",
        resourceId: `${theme.id}:layout/theme.liquid:cdn.some-removed-app.example`,
        note: `${at("layout/theme.liquid", LEFTOVER_SCRIPT_URL)} loads ${LEFTOVER_SCRIPT_URL} from an uninstalled loyalty app`,
      },
      {
        ruleId: "perf.app-leftover",
        resourceId: `${theme.id}:sections/footer-group.json:cdn.pushly.example`,
        note: `${at("sections/footer-group.json", "pushly.js")} (a Custom Liquid section, JSON-escaped) loads ${FOOTER_LEFTOVER_URL} from an uninstalled web-push app`,
      },
      {
        ruleId: "perf.app-leftover",
        resourceId: `${theme.id}:snippets/size-guide.liquid:cdn.sizeguide.example`,
        note: `${at("snippets/size-guide.liquid", SNIPPET_LEFTOVER_URL)} (rendered by sections/main-product.liquid on product pages) loads ${SNIPPET_LEFTOVER_URL} from an uninstalled size-guide app`,
      },
      {
        ruleId: "perf.theme-parser-blocking-script",
        resourceId: `${theme.id}:layout/theme.liquid`,
        note: `${at("layout/theme.liquid", BLOCKING_THEME_SCRIPT)}: <script src> without defer or async`,
      },
      {
        ruleId: "perf.theme-asset-size",
        resourceId: `${theme.id}:layout/theme.liquid`,
        note: `${at("layout/theme.liquid", BLOCKING_THEME_SCRIPT)}: assets/${BLOCKING_THEME_SCRIPT} is 148 KB`,
      },
      {
        ruleId: "perf.theme-deprecated-code",
        resourceId: `${theme.id}:layout/theme.liquid`,
        note: `${at("layout/theme.liquid", "include 'social-meta'")}: {% include %} instead of {% render %}`,
      },
      {
        ruleId: "perf.theme-missing-file",
        resourceId: `${theme.id}:sections/footer.liquid`,
        note: `${at("sections/footer.liquid", "loyalty-footer-badge")}: renders snippets/loyalty-footer-badge.liquid, which does not exist`,
      },
      {
        ruleId: "perf.theme-syntax-error",
        resourceId: `${theme.id}:sections/newsletter.liquid`,
        note: "sections/newsletter.liquid: the newsletter wrapper <div> is never closed",
      },
    ],
  };
}
