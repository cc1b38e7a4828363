import { describe, expect, it } from "vitest";
import { CsvError } from "~/snapshot/domain/csv/csv-error";
import { parseProductCsv, readProductCsv } from "~/snapshot/domain/csv/product-csv";
import type { CsvProduct } from "~/snapshot/domain/csv/product-csv-types";

/** Builds CSV text from rows of cells (cells are written as given: quote them yourself). */
function csv(rows: string[][], eol = "\n"): string {
  return rows.map((r) => r.join(",")).join(eol) + eol;
}

const LEGACY_HEADER = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Vendor",
  "Type",
  "Tags",
  "Published",
  "Option1 Name",
  "Option1 Value",
  "Option2 Name",
  "Option2 Value",
  "Option3 Name",
  "Option3 Value",
  "Variant SKU",
  "Variant Grams",
  "Variant Inventory Tracker",
  "Variant Inventory Qty",
  "Variant Inventory Policy",
  "Variant Fulfillment Service",
  "Variant Price",
  "Variant Compare At Price",
  "Variant Requires Shipping",
  "Variant Taxable",
  "Variant Barcode",
  "Image Src",
  "Image Alt Text",
  "Gift Card",
  "SEO Title",
  "SEO Description",
  "Google Shopping / Google Product Category",
  "Google Shopping / Gender",
  "Google Shopping / Age Group",
  "Google Shopping / MPN",
  "Google Shopping / AdWords Grouping",
  "Google Shopping / AdWords Labels",
  "Google Shopping / Condition",
  "Google Shopping / Custom Product",
  "Google Shopping / Custom Label 0",
  "Google Shopping / Custom Label 1",
  "Google Shopping / Custom Label 2",
  "Google Shopping / Custom Label 3",
  "Google Shopping / Custom Label 4",
  "Variant Image",
  "Variant Weight Unit",
];

/** A legacy row from named cells; unnamed cells are empty. */
function legacyRow(cells: Partial<Record<(typeof LEGACY_HEADER)[number], string>>): string[] {
  return LEGACY_HEADER.map((h) => cells[h] ?? "");
}

const HELMET = [
  legacyRow({
    Handle: "city-helmet",
    Title: "City Helmet",
    "Body (HTML)": '"<p>Light, <b>safe</b> and ""certified"".</p>\n<ul>\n<li>EN 1078</li>\n</ul>"',
    Vendor: "Bølge",
    Type: "Helmet",
    Tags: '"helmet, safety,  city "',
    Published: "TRUE",
    "Option1 Name": "Size",
    "Option1 Value": "M",
    "Option2 Name": "Colour",
    "Option2 Value": "Black",
    "Variant SKU": "'0042",
    "Variant Grams": "310",
    "Variant Inventory Tracker": "shopify",
    "Variant Inventory Qty": "12",
    "Variant Inventory Policy": "deny",
    "Variant Fulfillment Service": "manual",
    "Variant Price": "599.95",
    "Variant Compare At Price": "699.00",
    "Variant Requires Shipping": "TRUE",
    "Variant Taxable": "TRUE",
    "Variant Barcode": "'5712345000017",
    "Image Src": "https://cdn.example/helmet-1.jpg",
    "Image Alt Text": "Helmet from the side",
    "Gift Card": "FALSE",
    "SEO Title": "City Helmet | Shop",
    "Variant Image": "https://cdn.example/helmet-1.jpg",
    "Variant Weight Unit": "g",
  }),
  legacyRow({
    Handle: "city-helmet",
    "Option1 Value": "L",
    "Option2 Value": "Black",
    "Variant SKU": "H-L-BLK",
    "Variant Grams": "330",
    "Variant Inventory Tracker": "shopify",
    "Variant Inventory Qty": "-2",
    "Variant Inventory Policy": "continue",
    "Variant Price": "599.95",
    "Variant Weight Unit": "kg",
    "Image Src": "https://cdn.example/helmet-2.jpg",
  }),
  legacyRow({
    Handle: "city-helmet",
    "Image Src": "https://cdn.example/helmet-3.jpg",
    "Image Alt Text": "Inside padding",
  }),
];

const LOCK = [
  legacyRow({
    Handle: "u-lock",
    Title: "U-Lock",
    "Body (HTML)": "Hardened steel.",
    Published: "FALSE",
    "Option1 Name": "Title",
    "Option1 Value": "Default Title",
    "Variant Price": "349.00",
  }),
];

function only(products: CsvProduct[], handle: string): CsvProduct {
  const p = products.find((x) => x.handle === handle);
  if (!p) throw new Error(`no product ${handle}`);
  return p;
}

function errorOf(text: string): CsvError {
  try {
    parseProductCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return e;
    throw e;
  }
  throw new Error("expected a CsvError");
}

describe("Shopify product CSV reader", () => {
  describe("legacy 44-column export", () => {
    const { format, products } = parseProductCsv(csv([LEGACY_HEADER, ...HELMET, ...LOCK]));

    it("groups rows by handle into products with their variants and images", () => {
      expect(format).toBe("legacy");
      expect(products.map((p) => [p.handle, p.variants.length, p.images.length])).toEqual([
        ["city-helmet", 2, 3],
        ["u-lock", 1, 0],
      ]);
    });

    it("reads product fields from the first row, keeping HTML and quotes", () => {
      const helmet = only(products, "city-helmet");
      expect(helmet).toMatchObject({
        title: "City Helmet",
        bodyHtml: '<p>Light, <b>safe</b> and "certified".</p>\n<ul>\n<li>EN 1078</li>\n</ul>',
        vendor: "Bølge",
        productType: "Helmet",
        tags: ["helmet", "safety", "city"],
        published: true,
        status: null,
        category: null,
        giftCard: false,
        seo: { title: "City Helmet | Shop", description: null },
        options: [
          { name: "Size", values: ["M", "L"] },
          { name: "Colour", values: ["Black"] },
        ],
      });
    });

    it("parses variant fields and removes the apostrophe guard from SKU and barcode", () => {
      const [m, l] = only(products, "city-helmet").variants;
      expect(m).toMatchObject({
        optionValues: ["M", "Black"],
        sku: "0042",
        barcode: "5712345000017",
        price: "599.95",
        compareAtPrice: "699.00",
        grams: 310,
        weightUnit: "g",
        inventoryTracker: "shopify",
        inventoryQty: 12,
        inventoryPolicy: "deny",
        requiresShipping: true,
        taxable: true,
        imageSrc: "https://cdn.example/helmet-1.jpg",
      });
      expect(l).toMatchObject({
        optionValues: ["L", "Black"],
        sku: "H-L-BLK",
        inventoryQty: -2,
        inventoryPolicy: "continue",
        weightUnit: "kg",
        barcode: null,
      });
    });

    it("attaches image rows with their alt text, and tracks physical lines across a multi-line body", () => {
      const helmet = only(products, "city-helmet");
      expect(helmet.images.map((i) => [i.src, i.alt, i.line])).toEqual([
        ["https://cdn.example/helmet-1.jpg", "Helmet from the side", 2],
        ["https://cdn.example/helmet-2.jpg", null, 6],
        ["https://cdn.example/helmet-3.jpg", "Inside padding", 7],
      ]);
      expect([helmet.firstLine, helmet.lastLine]).toEqual([2, 7]);
      expect(only(products, "u-lock")).toMatchObject({
        published: false,
        firstLine: 8,
        lastLine: 8,
      });
    });
  });

  it("reads the current export (Status, Product Category, Image Position, Cost per item, market columns)", () => {
    const header = [
      "Handle",
      "Title",
      "Body (HTML)",
      "Vendor",
      "Product Category",
      "Type",
      "Tags",
      "Published",
      "Option1 Name",
      "Option1 Value",
      "Variant SKU",
      "Variant Grams",
      "Variant Inventory Tracker",
      "Variant Inventory Policy",
      "Variant Price",
      "Image Src",
      "Image Position",
      "Image Alt Text",
      "Gift Card",
      "Variant Weight Unit",
      "Cost per item",
      "Price / International",
      "Status",
    ];
    const text = csv([
      header,
      [
        "tent",
        "Tent",
        "<p>Dry</p>",
        "Nordkap",
        "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents",
        "Tent",
        "",
        "true",
        "Size",
        "2p",
        "T-2",
        "2100",
        "shopify",
        "deny",
        "1999.00",
        "https://cdn.example/t-2.jpg",
        "2",
        "Inside",
        "false",
        "kg",
        "800.00",
        "249.00",
        "draft",
      ],
      [
        "tent",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "3p",
        "T-3",
        "2600",
        "shopify",
        "deny",
        "2499.00",
        "https://cdn.example/t-1.jpg",
        "1",
        "",
        "",
        "kg",
        "1000.00",
        "",
        "",
      ],
    ]);
    const { format, products } = parseProductCsv(text);
    expect(format).toBe("current");
    expect(products).toHaveLength(1);
    const tent = only(products, "tent");
    expect(tent).toMatchObject({
      status: "draft",
      published: true,
      category: "Sporting Goods > Outdoor Recreation > Camping & Hiking > Tents",
    });
    expect(tent.variants.map((v) => [v.sku, v.price, v.costPerItem, v.inventoryQty])).toEqual([
      ["T-2", "1999.00", "800.00", null],
      ["T-3", "2499.00", "1000.00", null],
    ]);
    expect(tent.images.map((i) => [i.position, i.alt])).toEqual([
      [2, "Inside"],
      [1, null],
    ]);
  });

  it("reads Shopify's 2025 template headers, matched by name in any order and any case", () => {
    const header = [
      "Title",
      "URL handle",
      "Description",
      "Vendor",
      "Product category",
      "Status",
      "SKU",
      "Barcode",
      "Option1 name",
      "Option1 value",
      "Price",
      "Compare-at price",
      "Inventory quantity",
      "Continue selling when out of stock",
      "Weight value (grams)",
      "Product image URL",
      "Image alt text",
      "Color (product.metafields.shopify.color-pattern)",
    ];
    const text = csv([
      header,
      [
        "Rain Jacket",
        "rain-jacket",
        "Keeps you dry",
        "Regnvejr",
        "",
        "Active",
        "RJ-1",
        "'0012345678905",
        "Size",
        "M",
        "899.00",
        "",
        "4",
        "TRUE",
        "450",
        "https://cdn.example/rj.jpg",
        "Front",
        "navy",
      ],
    ]);
    const [jacket] = parseProductCsv(text).products;
    expect(jacket).toMatchObject({
      handle: "rain-jacket",
      title: "Rain Jacket",
      bodyHtml: "Keeps you dry",
      status: "active",
      published: null,
      category: null,
    });
    expect(jacket?.variants[0]).toMatchObject({
      sku: "RJ-1",
      barcode: "0012345678905",
      inventoryQty: 4,
      inventoryPolicy: "continue",
      grams: 450,
    });
  });

  it("reads a file with a BOM and CRLF line breaks like one without", () => {
    const plain = parseProductCsv(csv([LEGACY_HEADER, ...HELMET, ...LOCK]));
    const windows = parseProductCsv("\uFEFF" + csv([LEGACY_HEADER, ...HELMET, ...LOCK], "\r\n"));
    const bodies = (ps: CsvProduct[]) => ps.map((p) => p.bodyHtml.replace(/\r\n/g, "\n"));
    expect(windows.products.map((p) => p.handle)).toEqual(plain.products.map((p) => p.handle));
    expect(bodies(windows.products)).toEqual(bodies(plain.products));
    expect(windows.products.map((p) => [p.firstLine, p.lastLine])).toEqual(
      plain.products.map((p) => [p.firstLine, p.lastLine]),
    );
  });

  it("treats a product without option names as a single default variant", () => {
    const text = csv([
      LEGACY_HEADER,
      legacyRow({ Handle: "pump", Title: "Pump", "Variant Price": "149.95", "Variant SKU": "P-1" }),
    ]);
    const [pump] = parseProductCsv(text).products;
    expect(pump?.options).toEqual([]);
    expect(pump?.variants.map((v) => v.optionValues)).toEqual([[]]);
  });

  describe("errors name the line and the problem", () => {
    const cases: [string, string[][], number, RegExp][] = [
      [
        "a price that is not a number",
        [legacyRow({ Handle: "x", Title: "X", "Variant Price": "abc" })],
        2,
        /^line 2: Variant Price "abc" is not a number$/,
      ],
      [
        "a negative price",
        [legacyRow({ Handle: "x", Title: "X", "Variant Price": "-5.00" })],
        2,
        /Variant Price "-5.00" must not be negative/,
      ],
      [
        "a fractional quantity",
        [
          legacyRow({
            Handle: "x",
            Title: "X",
            "Variant Price": "1",
            "Variant Inventory Qty": "2.5",
          }),
        ],
        2,
        /Variant Inventory Qty "2.5" is not a whole number/,
      ],
      [
        "an unknown boolean",
        [legacyRow({ Handle: "x", Title: "X", "Variant Price": "1", Published: "yes" })],
        2,
        /Published "yes" must be TRUE or FALSE/,
      ],
      [
        "an unknown inventory policy",
        [
          legacyRow({
            Handle: "x",
            Title: "X",
            "Variant Price": "1",
            "Variant Inventory Policy": "backorder",
          }),
        ],
        2,
        /must be one of deny, continue/,
      ],
      ["an empty handle", [legacyRow({ Title: "X", "Variant Price": "1" })], 2, /Handle is empty/],
      [
        "a product without a title",
        [legacyRow({ Handle: "x", "Variant Price": "1" })],
        2,
        /Title is empty/,
      ],
      [
        "a value for an option the product does not have",
        [legacyRow({ Handle: "x", Title: "X", "Option1 Value": "M", "Variant Price": "1" })],
        2,
        /Option1 Value "M" has no option name/,
      ],
      [
        "a variant missing an option value",
        [
          legacyRow({
            Handle: "x",
            Title: "X",
            "Option1 Name": "Size",
            "Option1 Value": "M",
            "Option2 Name": "Colour",
            "Option2 Value": "Red",
            "Variant Price": "1",
          }),
          legacyRow({ Handle: "x", "Option1 Value": "L", "Variant Price": "1" }),
        ],
        3,
        /Option2 Value is empty but the product has an option "Colour"/,
      ],
      [
        "a repeated variant",
        [
          legacyRow({
            Handle: "x",
            Title: "X",
            "Option1 Name": "Size",
            "Option1 Value": "M",
            "Variant Price": "1",
          }),
          legacyRow({ Handle: "x", "Option1 Value": "M", "Variant Price": "2" }),
        ],
        3,
        /variant "M" of "x" repeats the variant on line 2/,
      ],
      [
        "rows of one handle that are not adjacent",
        [
          legacyRow({ Handle: "a", Title: "A", "Variant Price": "1" }),
          legacyRow({ Handle: "b", Title: "B", "Variant Price": "1" }),
          legacyRow({ Handle: "a", "Image Src": "https://cdn.example/a.jpg" }),
        ],
        4,
        /rows of "a" must be adjacent.*started on line 2/,
      ],
      [
        "a barcode on a row that is no variant",
        [legacyRow({ Handle: "x", Title: "X", "Variant Barcode": "123" })],
        2,
        /Variant Barcode is set on a row without/,
      ],
      [
        "alt text without an image",
        [legacyRow({ Handle: "x", Title: "X", "Variant Price": "1", "Image Alt Text": "Side" })],
        2,
        /Image Alt Text is set on a row without Image Src/,
      ],
    ];
    it.each(cases)("%s", (_, rows, line, message) => {
      const e = errorOf(csv([LEGACY_HEADER, ...rows]));
      expect(e.line).toBe(line);
      expect(e.message).toMatch(message);
    });

    it("rejects a file that is not a product CSV", () => {
      expect(errorOf("Name,Email\nA,a@example.com\n").message).toBe(
        'line 1: the header has no "Handle" or "URL handle" column; is this a Shopify product CSV?',
      );
      expect(errorOf("").code).toBe("missing-header");
      expect(errorOf("Handle,Title,Variant Price,Price\n").code).toBe("duplicate-column");
    });
  });

  describe("streaming", () => {
    it("yields a product as soon as the next handle starts, before reading further", async () => {
      const rows = [LEGACY_HEADER, ...HELMET, ...LOCK].map((r) => `${r.join(",")}\n`);
      let delivered = 0;
      function* chunks(): Generator<string> {
        for (const row of rows) {
          delivered++;
          yield row;
        }
      }
      const seen: [string, number][] = [];
      for await (const p of readProductCsv(chunks())) seen.push([p.handle, delivered]);
      // The helmet is complete once the lock's first row (chunk 5) has been read.
      expect(seen).toEqual([
        ["city-helmet", 5],
        ["u-lock", 5],
      ]);
    });

    it("decodes UTF-8 bytes split inside a multi-byte character", async () => {
      const bytes = new TextEncoder().encode(
        csv([LEGACY_HEADER, legacyRow({ Handle: "x", Title: "Ærø 🚲", "Variant Price": "1" })]),
      );
      const split = bytes.indexOf(0xc3) + 1; // inside "Æ"
      const products: CsvProduct[] = [];
      for await (const p of readProductCsv([
        bytes.slice(0, split),
        bytes.slice(split, split + 3),
        bytes.slice(split + 3),
      ]))
        products.push(p);
      expect(products[0]?.title).toBe("Ærø 🚲");
    });

    it("yields the products before a bad row, then fails with the CsvError", async () => {
      const text = csv([
        LEGACY_HEADER,
        ...LOCK,
        legacyRow({ Handle: "bad", Title: "Bad", "Variant Price": "x" }),
        ...HELMET,
      ]);
      const handles: string[] = [];
      const run = async () => {
        for await (const p of readProductCsv([text])) handles.push(p.handle);
      };
      await expect(run()).rejects.toThrow(/^line 3: Variant Price "x" is not a number$/);
      expect(handles).toEqual(["u-lock"]);
    });

    it("does the same when the bad row is the last one, without a final line break", async () => {
      const text = csv([
        LEGACY_HEADER,
        ...LOCK,
        legacyRow({ Handle: "bad", Title: "Bad", "Variant Price": "x" }),
      ]).trimEnd();
      const handles: string[] = [];
      const run = async () => {
        for await (const p of readProductCsv([text])) handles.push(p.handle);
      };
      await expect(run()).rejects.toBeInstanceOf(CsvError);
      expect(handles).toEqual(["u-lock"]);
      expect(() => parseProductCsv(text)).toThrow(CsvError);
    });
  });
});
