/**
 * The report as PDF: A4 pages with page numbers in the report's language, the manager's logo and
 * name, every section, Danish letters, and store texts printed as text — markup, right-to-left
 * text, emoji and endless words neither crash it nor run off the page.
 */
import { describe, expect, it } from "vitest";
import { renderReportPdf } from "~/report/server/pdf.server";
import { demoLikeReport, TINY_PNG } from "./fixture";
import { isPdf, pdfImages, pdfPages, pdfText, pdfWordRightEdges } from "./pdf-helpers";
import { execFileSync } from "node:child_process";

const branding = {
  logo: TINY_PNG,
  primaryColor: "#0b3d91",
  accentColor: "#f5a623",
  preparedBy: "Bureau Ærø ApS",
};

describe("report PDF", () => {
  it("renders a Danish shop's report in Danish, on numbered A4 pages with the branding", async () => {
    const pdf = await renderReportPdf({
      data: demoLikeReport(),
      language: "da",
      status: "issued",
      version: 2,
      issuedAt: "2026-11-03T09:00:00Z",
      branding,
    });
    expect(isPdf(pdf)).toBe(true);
    const pages = pdfPages(pdf);
    expect(pages).toBeGreaterThanOrEqual(2);
    const info = execFileSync("pdfinfo", ["-"], { input: pdf, encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    const text = pdfText(pdf);
    for (const label of [
      "Månedsrapport: oktober 2026",
      "Udarbejdet til Nordvej Outdoor",
      "Udarbejdet af Bureau Ærø ApS",
      "Resumé",
      "Produktdata",
      "Checkout",
      "Apps og ydeevne",
      "Nøgletal",
      "Kommentar",
      "Prioriteter for næste måned",
      "Bilag: metode og kørsler",
      "Fjeldjakke Ørnen",
      "Sovepose Ægir",
      "Rygsæk Åsen",
      "95.400,00 kr.",
      "Udsendt · Version 2",
    ])
      expect(text).toContain(label);
    // KPIs without a figure say why.
    expect(text).toContain("ikke tilgængelig");
    expect(text).toContain("kræver adgang til Shopifys analysedata");
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Side ${p} af ${pages}`);
    expect(pdfImages(pdf)).toBeGreaterThanOrEqual(1);
  });

  it("numbers pages in English and reads without branding", async () => {
    const pdf = await renderReportPdf({
      data: demoLikeReport(),
      language: "en",
      status: "draft",
      version: 1,
      issuedAt: null,
    });
    const pages = pdfPages(pdf);
    const text = pdfText(pdf);
    expect(text).toContain("Monthly report: October 2026");
    expect(text).toContain("Draft · Version 1");
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).not.toContain("Side 1");
    expect(pdfImages(pdf)).toBe(0);
  });

  it("prints hostile store texts as text without crashing or losing the page layout", async () => {
    const data = demoLikeReport({ hostile: true });
    const pdf = await renderReportPdf({
      data,
      language: "en",
      status: "issued",
      version: 1,
      issuedAt: null,
      branding: { ...branding, preparedBy: "Evil <b>Bureau</b> 🏔️" },
    });
    expect(isPdf(pdf)).toBe(true);
    const text = pdfText(pdf);
    // Markup is shown literally, never interpreted.
    expect(text).toContain('<script>alert("x")</script> Fjeldjakke æøå ÆØÅ');
    expect(text).toContain("Nordvej <b>Outdoor</b> & Co");
    expect(text).toContain("Prepared by Evil <b>Bureau</b>");
    // Endless words are wrapped in pieces: no word runs into the page's right margin.
    const { width, edges } = pdfWordRightEdges(pdf);
    expect(width).toBeCloseTo(595.28, 0);
    expect(edges.length).toBeGreaterThan(500);
    expect(Math.max(...edges)).toBeLessThanOrEqual(width - 40);
    expect(text).toContain("Superlangtproduktnavn");
    // Glyphs the fonts lack (emoji, right-to-left scripts) are replaced, not drawn as garbage.
    expect(text).not.toMatch(/[\u0590-\u06ff]|\p{Extended_Pictographic}/u);
    const pages = pdfPages(pdf);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });
});
