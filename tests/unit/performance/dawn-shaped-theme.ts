/**
 * A theme shaped like a real store's copy of Shopify's Dawn (github.com/Shopify/dawn: layout,
 * section groups, sections with {% schema %}, snippets, JSON templates incl. customers/*),
 * written as a live store holds it: the JSON files with the theme editor's comment header and
 * `/` escaped as `\/`. Written by hand (not by the stand-in's generator), with the app traces
 * the tests look for:
 *
 * - Klaviyo: enabled embed in settings_data.json, its script in the layout → live, no leftover.
 * - Tidio: disabled embed; its script in a snippet no template renders → leftover, dead code.
 * - Judge.me: installed only as an app block in sections/header-group.json; the layout
 *   preconnects to its CDN → live, no leftover.
 * - Smile: a Custom Liquid section in sections/footer-group.json (JSON-escaped) → leftover on
 *   every page, line of the setting.
 * - Yotpo: snippets/reviews-legacy.liquid rendered by sections/main-product.liquid → leftover on
 *   product pages only.
 * - Meta Pixel: `{{ '…/fbevents.js' | script_tag }}` in snippets/meta-tags.liquid (rendered by
 *   the layout) → leftover via a Liquid filter.
 * - Hotjar: Custom Liquid on templates/page.json → leftover on content pages only.
 * - Omnisend: an inline loader script in blocks/newsletter-popup.liquid (a theme block used on
 *   the home page) → leftover found in the JavaScript string.
 * - An unknown host (widgets.trust.example) pasted into templates/index.json.
 * - Google Tag Manager pasted into the layout: a service, not an app → never a leftover.
 */
export const HEADER = `/*
 * ------------------------------------------------------------
 * IMPORTANT: The contents of this file are auto-generated.
 *
 * This file may be updated by the Shopify admin theme editor
 * or related systems. Please exercise caution as any changes
 * made to this file may be overwritten.
 * ------------------------------------------------------------
 */
`;

export const DAWN_SHAPED: Record<string, string> = {
  "config/settings_data.json": `${HEADER}{
  "current": {
    "type_header_font": "assistant_n4",
    "page_width": 1200,
    "blocks": {
      "1721151524312185445": {
        "type": "shopify:\\/\\/apps\\/klaviyo-email-marketing\\/blocks\\/klaviyo-onsite-embed\\/2632fe16-c075-4321-a88b-50b567f42507",
        "disabled": false,
        "settings": {
        }
      },
      "9171736021830302346": {
        "type": "shopify:\\/\\/apps\\/tidio-chat\\/blocks\\/chat-widget\\/1b0fab5b-3a6c-4b86-a9ae-f7a4b6c6c2a8",
        "disabled": true,
        "settings": {
        }
      }
    }
  },
  "presets": {
    "Default": {
    }
  }
}
`,
  "layout/theme.liquid": `<!doctype html>
<html class="js" lang="{{ request.locale.iso_code }}">
  <head>
    <meta charset="utf-8">
    <link rel="canonical" href="{{ canonical_url }}">
    <link rel="preconnect" href="https://fonts.shopifycdn.com" crossorigin>
    <link rel="preconnect" href="https://cdn.judge.me" crossorigin>
    <title>{{ page_title }}</title>
    {% render 'meta-tags' %}
    <script src="{{ 'constants.js' | asset_url }}" defer="defer"></script>
    <script src="{{ 'global.js' | asset_url }}" defer="defer"></script>
    <script src="https://static.klaviyo.com/onsite/js/klaviyo.js?company_id=AbC123" async></script>
    <script>(function(w,d,s,l,i){w[l]=w[l]||[];var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-XXXX');</script>
    {{ content_for_header }}
    {{ 'base.css' | asset_url | stylesheet_tag }}
  </head>
  <body class="gradient">
    {% sections 'header-group' %}
    <main id="MainContent" class="content-for-layout focus-none" role="main" tabindex="-1">
      {{ content_for_layout }}
    </main>
    {% sections 'footer-group' %}
  </body>
</html>
`,
  "sections/header-group.json": `${HEADER}{
  "type": "header",
  "name": "Header group",
  "sections": {
    "announcement-bar": {
      "type": "announcement-bar",
      "settings": {
        "text": "Free shipping over 50 \\/ fri fragt"
      }
    },
    "header": {
      "type": "header",
      "blocks": {
        "judge_me_reviews_preview_badge_fGq4Ax": {
          "type": "shopify:\\/\\/apps\\/judgeme\\/blocks\\/preview_badge\\/61ccd3b1-a9f2-4160-9fe9-4fec8413e5d8",
          "settings": {
          }
        }
      },
      "block_order": [
        "judge_me_reviews_preview_badge_fGq4Ax"
      ],
      "settings": {
        "menu": "main-menu"
      }
    }
  },
  "order": [
    "announcement-bar",
    "header"
  ]
}
`,
  "sections/footer-group.json": `${HEADER}{
  "type": "footer",
  "name": "Footer group",
  "sections": {
    "footer": {
      "type": "footer",
      "settings": {
        "newsletter_enable": true
      }
    },
    "custom_liquid_iKRdyb": {
      "type": "custom-liquid",
      "settings": {
        "custom_liquid": "<!-- Smile.io -->\\n<div class=\\"smile-launcher\\"><\\/div>\\n<script src=\\"https:\\/\\/cdn.sweettooth.io\\/assets\\/storefront.js\\" async><\\/script>",
        "color_scheme": "scheme-1"
      }
    }
  },
  "order": [
    "footer",
    "custom_liquid_iKRdyb"
  ]
}
`,
  "templates/index.json": `${HEADER}{
  "sections": {
    "image_banner": {
      "type": "image-banner",
      "blocks": {
        "popup": {
          "type": "newsletter-popup",
          "settings": {
          }
        }
      },
      "block_order": [
        "popup"
      ],
      "settings": {
      }
    },
    "custom_liquid_trust": {
      "type": "custom-liquid",
      "settings": {
        "custom_liquid": "<script src=\\"https:\\/\\/widgets.trust.example\\/badge.js\\" async><\\/script>"
      }
    }
  },
  "order": [
    "image_banner",
    "custom_liquid_trust"
  ]
}
`,
  "templates/product.json": `${HEADER}{
  "sections": {
    "main": {
      "type": "main-product",
      "blocks": {
        "title": {
          "type": "title",
          "settings": {
          }
        }
      },
      "block_order": [
        "title"
      ],
      "settings": {
      }
    }
  },
  "order": [
    "main"
  ]
}
`,
  "templates/page.json": `${HEADER}{
  "sections": {
    "main": {
      "type": "main-page",
      "settings": {
      }
    },
    "custom_liquid_hj": {
      "type": "custom-liquid",
      "settings": {
        "custom_liquid": "<script async src=\\"https:\\/\\/static.hotjar.com\\/c\\/hotjar-1234.js?sv=6\\"><\\/script>"
      }
    }
  },
  "order": [
    "main",
    "custom_liquid_hj"
  ]
}
`,
  "templates/customers/account.json": `${HEADER}{
  "sections": {
    "main": {
      "type": "main-account",
      "settings": {
      }
    }
  },
  "order": [
    "main"
  ]
}
`,
  "templates/gift_card.liquid": `{% layout none %}
<!doctype html>
<html>
  <head>{{ 'base.css' | asset_url | stylesheet_tag }}</head>
  <body><h1>{{ gift_card.balance | money }}</h1></body>
</html>
`,
  "sections/announcement-bar.liquid": `<div class="announcement-bar">{{ section.settings.text | escape }}</div>
{% schema %}
{ "name": "Announcement bar", "settings": [{ "type": "text", "id": "text", "label": "Text" }] }
{% endschema %}
`,
  "sections/header.liquid": `<header class="header">
  <a href="{{ routes.root_url }}">{{ shop.name }}</a>
  {%- for block in section.blocks -%}
    {% render block %}
  {%- endfor -%}
</header>
{% schema %}
{ "name": "Header", "settings": [], "blocks": [{ "type": "@app" }] }
{% endschema %}
`,
  "sections/footer.liquid": `<footer class="footer">
  <p>&copy; {{ shop.name }}</p>
</footer>
{% schema %}
{ "name": "Footer", "settings": [] }
{% endschema %}
`,
  "sections/custom-liquid.liquid": `<div class="section-{{ section.id }}-padding">
  {{ section.settings.custom_liquid }}
</div>
{% schema %}
{ "name": "Custom Liquid", "settings": [{ "type": "liquid", "id": "custom_liquid", "label": "Custom Liquid" }], "presets": [{ "name": "Custom Liquid" }] }
{% endschema %}
`,
  "sections/image-banner.liquid": `<div class="banner">
  {% content_for 'blocks' %}
</div>
{% schema %}
{ "name": "Image banner", "settings": [], "blocks": [{ "type": "@theme" }] }
{% endschema %}
`,
  "sections/main-product.liquid": `<section class="product">
  <h1>{{ product.title | escape }}</h1>
  {% render 'price', product: product %}
  {% render 'reviews-legacy', product: product %}
</section>
{% schema %}
{ "name": "Product information", "settings": [], "blocks": [{ "type": "@app" }, { "type": "title", "name": "Title" }] }
{% endschema %}
`,
  "sections/main-page.liquid": `<div class="page-width"><h1>{{ page.title }}</h1>{{ page.content }}</div>
{% schema %}
{ "name": "Page", "settings": [] }
{% endschema %}
`,
  "sections/main-account.liquid": `<div class="customer account"><p>{{ customer.email }}</p></div>
{% schema %}
{ "name": "Account", "settings": [] }
{% endschema %}
`,
  "snippets/meta-tags.liquid": `<meta property="og:site_name" content="{{ shop.name }}">
{{ 'https://connect.facebook.net/en_US/fbevents.js' | script_tag }}
`,
  "snippets/price.liquid": `<div class="price">{{ product.price | money }}</div>
`,
  "snippets/reviews-legacy.liquid": `<div class="yotpo yotpo-main-widget" data-product-id="{{ product.id }}"></div>
<script src="https://staticw2.yotpo.com/AbCdEf/widget.js" async></script>
`,
  "snippets/chat-old.liquid": `<script src="https://code.tidio.co/abcdefghijkl.js" async></script>
`,
  "blocks/newsletter-popup.liquid": `<div class="popup" {{ block.shopify_attributes }}></div>
<script>
  !function(){var s=document.createElement("script");s.src="https://omnisnippet1.com/inshop/launcher-v2.js";document.head.appendChild(s)}();
</script>
{% schema %}
{ "name": "Newsletter popup", "settings": [] }
{% endschema %}
`,
};

export const dawnShapedFiles = () =>
  Object.entries(DAWN_SHAPED).map(([filename, body]) => ({ filename, body }));

/** 1-based line of the first line of a fixture file containing `text`. */
export function fixtureLine(file: string, text: string): number {
  const i = (DAWN_SHAPED[file] ?? "").split("\n").findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`${text} not in ${file}`);
  return i + 1;
}
