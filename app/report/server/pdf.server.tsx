/**
 * A report as an A4 PDF (@react-pdf/renderer), from the report's view model (app/report/view),
 * which the HTML draws too: a cover band in the manager's colours with their logo, every
 * section, page numbers in the report's language. Store texts are plain <Text> (react-pdf
 * interprets no markup); long unbroken words are split so they wrap instead of running off the
 * page. Fonts: Liberation Sans from Debian's fonts-liberation (æ, ø, å, most Latin, Greek,
 * Cyrillic, Hebrew), else the built-in Helvetica.
 */
import { existsSync } from "node:fs";
import { Document, Font, Image, Page, renderToBuffer, Text, View } from "@react-pdf/renderer";
import {
  DEFAULT_BRANDING,
  readableOnWhite,
  textOn,
  type ReportBranding,
} from "~/report/domain/branding";
import type { ReportData, ReportLanguage } from "~/report/domain/types";
import { PdfSection, s, type PdfTheme } from "~/report/server/pdf-blocks";
import { buildReportView, type ReportHeader, type ReportView } from "~/report/view";

export interface ReportPdfProps {
  data: ReportData;
  language: ReportLanguage;
  status: "draft" | "issued";
  version: number;
  issuedAt: string | null;
  branding?: ReportBranding;
}

const FONT_DIR = "/usr/share/fonts/truetype/liberation";
let fontFamily: string | undefined;

function registerFonts(): string {
  if (fontFamily !== undefined) return fontFamily;
  const file = (name: string) => `${FONT_DIR}/${name}`;
  const regular = file("LiberationSans-Regular.ttf");
  const bold = file("LiberationSans-Bold.ttf");
  const italic = file("LiberationSans-Italic.ttf");
  const boldItalic = file("LiberationSans-BoldItalic.ttf");
  if ([regular, bold, italic, boldItalic].every((f) => existsSync(f))) {
    Font.register({
      family: "Liberation Sans",
      fonts: [
        { src: regular, fontWeight: 400 },
        { src: bold, fontWeight: 700 },
        { src: italic, fontWeight: 400, fontStyle: "italic" },
        { src: boldItalic, fontWeight: 700, fontStyle: "italic" },
      ],
    });
    fontFamily = "Liberation Sans";
  } else {
    fontFamily = "Helvetica";
  }
  // No dictionary hyphenation; words too long for a table cell are cut into pieces that wrap.
  Font.registerHyphenationCallback((word) => {
    if (word.length <= 24) return [word];
    const parts: string[] = [];
    for (let i = 0; i < word.length; i += 16) parts.push(word.slice(i, i + 16));
    return parts;
  });
  return fontFamily;
}

/** The title and shop on every page but the first; who prepared it and the page number below. */
function RunningHeadAndFoot({ view }: { view: ReportView }) {
  const { header } = view;
  return (
    <>
      <View
        style={s.running}
        fixed
        render={({ pageNumber }) =>
          pageNumber > 1 ? (
            <>
              <Text>{header.title}</Text>
              <Text style={{ maxWidth: 260, textAlign: "right" }}>{header.shopName}</Text>
            </>
          ) : null
        }
      />
      <View
        style={s.footer}
        fixed
        // react-pdf passes totalPages to View render props too; its types only declare it for Text.
        render={(props) => {
          const { pageNumber, totalPages } = props as { pageNumber: number; totalPages?: number };
          return (
            <>
              <Text style={{ maxWidth: 300 }}>{header.preparedBy ?? header.shopDomain}</Text>
              <Text>{view.pageLabel(pageNumber, totalPages ?? pageNumber)}</Text>
            </>
          );
        }}
      />
    </>
  );
}

function Cover({ header, branding }: { header: ReportHeader; branding: ReportBranding }) {
  return (
    <View
      style={[
        s.cover,
        { backgroundColor: branding.primaryColor, color: textOn(branding.primaryColor) },
      ]}
    >
      <View style={s.coverRow}>
        <View style={{ flex: 1, paddingRight: 12 }}>
          <Text style={{ fontSize: 10 }}>{header.preparedFor}</Text>
          {header.preparedBy ? (
            <Text style={{ fontSize: 10, marginTop: 2 }}>{header.preparedBy}</Text>
          ) : null}
        </View>
        {branding.logo ? (
          <View style={s.logoBox}>
            <Image src={branding.logo} style={s.logo} />
          </View>
        ) : null}
      </View>
      <Text style={s.title}>{header.title}</Text>
      <Text style={s.coverMeta}>{header.period}</Text>
      <Text style={[s.coverMeta, s.badge]}>
        {header.badge}
        {header.issuedDate ? ` · ${header.issuedDate}` : ""}
      </Text>
      <Text style={[s.coverMeta, { fontSize: 8 }]}>{header.builtAt}</Text>
    </View>
  );
}

export function ReportPdfDocument(props: ReportPdfProps) {
  const family = registerFonts();
  const b = props.branding ?? DEFAULT_BRANDING;
  const view = buildReportView(props);
  const theme: PdfTheme = {
    heading: readableOnWhite(b.primaryColor),
    accent: b.accentColor,
    notAvailable: view.notAvailable,
  };
  return (
    <Document
      title={view.header.documentTitle}
      author={b.preparedBy || "Tovholder"}
      creator="Tovholder"
      producer="Tovholder"
      language={props.language}
    >
      <Page size="A4" style={[s.page, { fontFamily: family }]}>
        <RunningHeadAndFoot view={view} />
        <Cover header={view.header} branding={b} />
        {view.sections.map((section) => (
          <PdfSection key={section.id} section={section} theme={theme} />
        ))}
      </Page>
    </Document>
  );
}

/**
 * Characters the report's fonts draw: Latin (with Vietnamese), Greek, Cyrillic, punctuation,
 * currency and a few symbols. Anything else (emoji, right-to-left and CJK scripts, control
 * characters) has no glyph and would be drawn as overlapping garbage without bidi and shaping;
 * each run of it is printed as one "?" instead. The HTML report shows such texts as they are.
 */
const PRINTABLE =
  /[^\n\t\u0020-\u007e\u00a0-\u024f\u0259\u02c6-\u02dd\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2100-\u2122\u2190-\u2195\u2212]+/gu;

export function pdfText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(PRINTABLE, "?");
}

/** The report's data with every text made printable (see pdfText). */
function printable<T>(value: T): T {
  if (typeof value === "string") return pdfText(value) as T;
  if (Array.isArray(value)) return value.map(printable) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printable(v)])) as T;
  return value;
}

/** The report as PDF bytes. */
export async function renderReportPdf(props: ReportPdfProps): Promise<Buffer> {
  const branding = props.branding && {
    ...props.branding,
    preparedBy: pdfText(props.branding.preparedBy),
  };
  return renderToBuffer(
    <ReportPdfDocument {...props} data={printable(props.data)} {...(branding && { branding })} />,
  );
}

/** A file name safe in Content-Disposition and on every file system. */
export function reportPdfFileName(data: ReportData, version: number): string {
  const shop = data.shop.domain.replace(/\.myshopify\.com$/, "").replace(/[^a-z0-9-]+/gi, "-");
  return `report-${shop}-${data.month}-v${version}.pdf`;
}
