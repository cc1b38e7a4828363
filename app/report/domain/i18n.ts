/**
 * The report's own words in English and Danish. Store texts (product titles, finding messages,
 * the manager's commentary) are shown as they are; everything Tovholder says is here, so a
 * stored report reads in either language.
 */
import { formatMoney, formatNumber, type Formatter as ReportFormat } from "~/format";
import type {
  AccessReason,
  KpiMetric,
  ReportChange,
  ReportLanguage,
  UnavailableReason,
} from "./types";

/** shopify.dev's page on protected customer data: the levels and how an app requests them. */
export const PROTECTED_CUSTOMER_DATA_URL =
  "https://shopify.dev/docs/apps/launch/protected-customer-data#request-access-to-protected-customer-data";

const en = {
  title: "Monthly report",
  draft: "Draft",
  issued: "Issued",
  version: "Version",
  preparedFor: "Prepared for",
  period: "Period",
  executiveSummary: "Executive summary",
  healthScore: "Health score",
  previousMonth: "Previous month",
  sameMonthLastYear: "Same month last year",
  thisMonth: "This month",
  changesThatMatter: "What changed",
  noScore: "not measured",
  productQa: "Product data",
  productQaNotMeasured: "No product audit finished this month.",
  openProblems: "Open problems",
  new: "New",
  fixed: "Fixed",
  persisting: "Persisting",
  regressed: "Back again",
  suppressed: "Accepted",
  rule: "Rule",
  byRule: "By rule",
  severity: "Severity",
  critical: "Critical",
  warning: "Warning",
  info: "Info",
  topFindings: "The ten most important open problems",
  noOpenFindings: "No open problems at the month's last audit.",
  fixLink: "Fix in Shopify",
  suppressionsTaken: "Accepted this month",
  noSuppressions: "No findings were accepted this month.",
  acceptedBy: "accepted by",
  andMore: "… and {count} more.",
  scoreTrend: "Health score per audit",
  checkout: "Checkout",
  checkoutNotMeasured: "Checkout was not checked this month.",
  checkoutRuns: "Checkout checks",
  pass: "Passed",
  fail: "Failed",
  markets: "Markets",
  readiness: "Readiness findings at the last check",
  noReadiness: "No readiness problems at the last check.",
  funnel: "Checkout funnel per country",
  funnelNone: "No checkout events arrived this month (the web pixel reports them).",
  country: "Country",
  started: "Started",
  completed: "Completed",
  conversion: "Conversion",
  alerts: "Alerts sent",
  noAlerts: "No alerts were sent this month.",
  performance: "Apps and performance",
  performanceNotMeasured:
    "Not yet measured: the app and performance audits (app changes, Lighthouse, page weight) are not running for this shop yet.",
  lighthouseNotMeasured: "Lighthouse lab scores: not yet measured.",
  pageType: "Page",
  pageWeight: "Page weight",
  requests: "Requests",
  firstRunOfMonth: "First run",
  lastRunOfMonth: "Last run",
  perfChanges: "App and weight changes",
  noPerfChanges: "No app or page-weight changes this month.",
  perfRuns: "Storefront performance runs",
  kpis: "Key figures",
  metric: "Figure",
  topProducts: "Top products",
  quantity: "Units",
  netSalesColumn: "Net sales",
  notAvailable: "not available",
  commentary: "Commentary",
  priorities: "Priorities for next month",
  noCommentary: "No commentary.",
  noPriorities: "No priorities set.",
  appendix: "Appendix: method and runs",
  auditRuns: "Product audits",
  products: "products",
  gaps: "Not read",
  builtAt: "Built",
  date: "Date",
  status: "Status",
  method: [
    "The month is the calendar month in the shop's time zone ({timeZone}); an audit belongs to the month it started in.",
    "The health score is that of the month's last audit (0–100: clean products against products with open problems, weighted by severity); the previous month's is that of its last audit.",
    "New, fixed and back-again problems add up over the month's audits; open and persisting problems are those of the last audit. Accepted problems are left out of both.",
    "Key figures follow Shopify's sales reports, read from Shopify's analytics (ShopifyQL) for the calendar month in the shop's time zone. A sale counts on the day the order was placed, a return or cancellation on the day it happened, so a month's returns can belong to earlier orders. Cancelled, refunded, point-of-sale and draft orders count like any other; test orders and gift cards (a liability, not a sale) do not.",
    "Gross sales: product price × quantity, before discounts, returns, shipping and taxes (the tax within tax-inclusive prices is taken out). Net sales: gross sales − discounts − returns (what returned items were paid, before tax; refunded shipping and tax are not returns). Orders: the orders placed. Average order value: (gross sales − discounts) ÷ orders. Returning customers: the month's customers who had ordered before ÷ the month's customers. Conversion rate: online store sessions that completed a checkout ÷ online store sessions (Shopify's definition; point-of-sale and draft orders have no session). Units: units sold less units returned.",
    "Without Shopify's analytics, order figures come from the shop's orders (read_orders reaches 60 days back) by the same definitions, though refunds of older orders cannot be seen; sessions, conversion, returning customers and older months are then not available.",
  ],
  unavailable: {
    read_reports_not_granted:
      "needs Shopify analytics access (read_reports), not granted by the shop",
    protected_data_not_approved: "needs Shopify's approval of protected customer data, not given",
    beyond_order_reach: "older than the 60 days of orders Shopify lets the app read",
    month_not_over: "the month is not over",
    not_collected: "no order data was collected for the month",
    analytics_error: "Shopify's analytics refused the query or gave no figure for it",
    shopify_unreachable: "Shopify could not be reached when the report was built",
    before_shop_data: "older than the shop's data in Shopify",
  } satisfies Record<UnavailableReason, string>,
  metrics: {
    orders: "Orders",
    grossSales: "Gross sales",
    netSales: "Net sales",
    averageOrderValue: "Average order value",
    returningCustomerRate: "Returning customers",
    sessions: "Sessions",
    conversionRate: "Conversion rate (online store sessions)",
  } satisfies Record<KpiMetric, string>,
  /** What to do about a figure missing for lack of access, and where it is explained. */
  accessActions: {
    read_reports_not_granted:
      "To get these figures, the shop owner accepts Tovholder's updated access request (read_reports) when opening the app in Shopify admin.",
    protected_data_not_approved:
      "Shopify's analytics (ShopifyQL) need Shopify's approval of Tovholder's access to protected customer data (level 2: name, address, phone, email). The app's developer requests it in the Partner Dashboard under Apps → API access requests → Protected customer data access; on a development store, selecting the data there is enough.",
  } satisfies Record<AccessReason, string>,
  accessLink: "What Shopify requires",
};

export type ReportStrings = typeof en;

const da: ReportStrings = {
  title: "Månedsrapport",
  draft: "Kladde",
  issued: "Udsendt",
  version: "Version",
  preparedFor: "Udarbejdet til",
  period: "Periode",
  executiveSummary: "Resumé",
  healthScore: "Sundhedsscore",
  previousMonth: "Forrige måned",
  sameMonthLastYear: "Samme måned sidste år",
  thisMonth: "Denne måned",
  changesThatMatter: "Det vigtigste, der er ændret",
  noScore: "ikke målt",
  productQa: "Produktdata",
  productQaNotMeasured: "Ingen produktgennemgang blev afsluttet i denne måned.",
  openProblems: "Åbne problemer",
  new: "Nye",
  fixed: "Rettet",
  persisting: "Vedvarende",
  regressed: "Tilbage igen",
  suppressed: "Accepteret",
  rule: "Regel",
  byRule: "Pr. regel",
  severity: "Alvor",
  critical: "Kritisk",
  warning: "Advarsel",
  info: "Info",
  topFindings: "De ti vigtigste åbne problemer",
  noOpenFindings: "Ingen åbne problemer ved månedens sidste gennemgang.",
  fixLink: "Ret i Shopify",
  suppressionsTaken: "Accepteret i denne måned",
  noSuppressions: "Ingen fund blev accepteret i denne måned.",
  acceptedBy: "accepteret af",
  andMore: "… og {count} mere.",
  scoreTrend: "Sundhedsscore pr. gennemgang",
  checkout: "Checkout",
  checkoutNotMeasured: "Checkout blev ikke kontrolleret i denne måned.",
  checkoutRuns: "Checkout-kontroller",
  pass: "Bestået",
  fail: "Fejlet",
  markets: "Markeder",
  readiness: "Fund ved seneste kontrol",
  noReadiness: "Ingen problemer ved seneste kontrol.",
  funnel: "Checkout-tragt pr. land",
  funnelNone: "Der kom ingen checkout-hændelser i denne måned (web-pixlen rapporterer dem).",
  country: "Land",
  started: "Startet",
  completed: "Gennemført",
  conversion: "Konvertering",
  alerts: "Sendte advarsler",
  noAlerts: "Der blev ikke sendt advarsler i denne måned.",
  performance: "Apps og ydeevne",
  performanceNotMeasured:
    "Endnu ikke målt: gennemgangen af apps og ydeevne (app-ændringer, Lighthouse, sidevægt) kører endnu ikke for denne butik.",
  lighthouseNotMeasured: "Lighthouse-målinger: endnu ikke målt.",
  pageType: "Side",
  pageWeight: "Sidevægt",
  requests: "Forespørgsler",
  firstRunOfMonth: "Første måling",
  lastRunOfMonth: "Sidste måling",
  perfChanges: "Ændringer i apps og sidevægt",
  noPerfChanges: "Ingen ændringer i apps eller sidevægt i denne måned.",
  perfRuns: "Målinger af butikkens ydeevne",
  kpis: "Nøgletal",
  metric: "Nøgletal",
  topProducts: "Mest solgte produkter",
  quantity: "Antal",
  netSalesColumn: "Nettosalg",
  notAvailable: "ikke tilgængelig",
  commentary: "Kommentar",
  priorities: "Prioriteter for næste måned",
  noCommentary: "Ingen kommentar.",
  noPriorities: "Ingen prioriteter angivet.",
  appendix: "Bilag: metode og kørsler",
  auditRuns: "Produktgennemgange",
  products: "produkter",
  gaps: "Ikke læst",
  builtAt: "Dannet",
  date: "Dato",
  status: "Status",
  method: [
    "Måneden er kalendermåneden i butikkens tidszone ({timeZone}); en gennemgang hører til den måned, den startede i.",
    "Sundhedsscoren er den fra månedens sidste gennemgang (0–100: fejlfri produkter mod produkter med åbne problemer, vægtet efter alvor); forrige måneds er den fra dens sidste gennemgang.",
    "Nye, rettede og genopståede problemer lægges sammen over månedens gennemgange; åbne og vedvarende problemer er dem fra den sidste. Accepterede problemer tælles ikke med.",
    "Nøgletallene følger Shopifys salgsrapporter og kommer fra Shopifys analysedata (ShopifyQL) for kalendermåneden i butikkens tidszone. Et salg tæller den dag, ordren blev afgivet, en returnering eller annullering den dag, den skete – en måneds returneringer kan derfor høre til tidligere ordrer. Annullerede, refunderede, POS- og kladdeordrer tæller som alle andre; testordrer og gavekort (en forpligtelse, ikke et salg) tæller ikke.",
    "Bruttosalg: produktpris × antal, før rabatter, returneringer, fragt og moms (momsen i priser inkl. moms trækkes ud). Nettosalg: bruttosalg − rabatter − returneringer (det, der blev betalt for de returnerede varer, uden moms; refunderet fragt og moms er ikke returneringer). Ordrer: de afgivne ordrer. Gennemsnitlig ordreværdi: (bruttosalg − rabatter) ÷ ordrer. Tilbagevendende kunder: månedens kunder, der havde handlet før ÷ månedens kunder. Konverteringsrate: besøg i webshoppen med gennemført checkout ÷ besøg i webshoppen (Shopifys definition; POS- og kladdeordrer har intet besøg). Antal: solgte enheder minus returnerede.",
    "Uden Shopifys analysedata kommer ordretal fra butikkens ordrer (read_orders rækker 60 dage tilbage) efter de samme definitioner, men refusioner af ældre ordrer kan ikke ses; besøg, konvertering, tilbagevendende kunder og ældre måneder er da ikke tilgængelige.",
  ],
  unavailable: {
    read_reports_not_granted:
      "kræver adgang til Shopifys analysedata (read_reports), ikke givet af butikken",
    protected_data_not_approved: "kræver Shopifys godkendelse af beskyttede kundedata, ikke givet",
    beyond_order_reach: "ældre end de 60 dages ordrer, Shopify lader appen læse",
    month_not_over: "måneden er ikke slut",
    not_collected: "der blev ikke indsamlet ordredata for måneden",
    analytics_error: "Shopifys analysedata afviste forespørgslen eller gav intet tal for det",
    shopify_unreachable: "Shopify kunne ikke nås, da rapporten blev dannet",
    before_shop_data: "ældre end butikkens data i Shopify",
  },
  metrics: {
    orders: "Ordrer",
    grossSales: "Bruttosalg",
    netSales: "Nettosalg",
    averageOrderValue: "Gennemsnitlig ordreværdi",
    returningCustomerRate: "Tilbagevendende kunder",
    sessions: "Besøg",
    conversionRate: "Konverteringsrate (besøg i webshoppen)",
  },
  accessActions: {
    read_reports_not_granted:
      "For at få disse tal accepterer butiksejeren Tovholders opdaterede adgangsanmodning (read_reports), når appen åbnes i Shopify admin.",
    protected_data_not_approved:
      "Shopifys analysedata (ShopifyQL) kræver, at Shopify godkender Tovholders adgang til beskyttede kundedata (niveau 2: navn, adresse, telefon, e-mail). Appens udvikler anmoder om det i Partner Dashboard under Apps → API access requests → Protected customer data access; i en udviklingsbutik er det nok at vælge dataene dér.",
  },
  accessLink: "Hvad Shopify kræver",
};

const STRINGS: Record<ReportLanguage, ReportStrings> = { en, da };

export function reportStrings(language: ReportLanguage): ReportStrings {
  return STRINGS[language];
}

export function toReportLanguage(value: string | null | undefined): ReportLanguage {
  return value?.toLowerCase().startsWith("da") ? "da" : "en";
}

function list(f: ReportFormat, items: string[]): string {
  return new Intl.ListFormat(f.locale, { type: "conjunction" }).format(items);
}

/** One change in plain language. */
export function changeText(f: ReportFormat, c: ReportChange): string {
  const n = (x: number, d = 0) => formatNumber(f, x, d);
  const da = f.language === "da";
  switch (c.kind) {
    case "score-up":
      return da
        ? `Sundhedsscoren steg fra ${n(c.from, 1)} til ${n(c.to, 1)}.`
        : `The health score rose from ${n(c.from, 1)} to ${n(c.to, 1)}.`;
    case "score-down":
      return da
        ? `Sundhedsscoren faldt fra ${n(c.from, 1)} til ${n(c.to, 1)}.`
        : `The health score fell from ${n(c.from, 1)} to ${n(c.to, 1)}.`;
    case "first-score":
      return da
        ? `Første målte måned: sundhedsscoren er ${n(c.to, 1)} af 100.`
        : `First measured month: the health score is ${n(c.to, 1)} out of 100.`;
    case "fixed": {
      const most = c.ruleTitle
        ? da
          ? `, flest under “${c.ruleTitle}”`
          : `, most of them “${c.ruleTitle}”`
        : "";
      return da
        ? `${n(c.count)} ${c.count === 1 ? "problem" : "problemer"} blev rettet${most}.`
        : `${n(c.count)} ${c.count === 1 ? "problem was" : "problems were"} fixed${most}.`;
    }
    case "new-critical": {
      const rule = c.ruleTitle ? ` (“${c.ruleTitle}”)` : "";
      return da
        ? `${n(c.count)} nye kritiske ${c.count === 1 ? "problem" : "problemer"}${rule} kræver handling.`
        : `${n(c.count)} new critical ${c.count === 1 ? "problem needs" : "problems need"} action${rule}.`;
    }
    case "regressed":
      return da
        ? `${n(c.count)} tidligere rettede ${c.count === 1 ? "problem er" : "problemer er"} dukket op igen.`
        : `${n(c.count)} previously fixed ${c.count === 1 ? "problem is" : "problems are"} back.`;
    case "checkout-failing":
      return da
        ? `Checkout fejlede ved seneste kontrol for ${list(f, c.markets)}.`
        : `Checkout failed at the last check for ${list(f, c.markets)}.`;
    case "checkout-passing":
      return da
        ? `Checkout bestod alle ${n(c.runs)} kontroller i måneden.`
        : `Checkout passed all ${n(c.runs)} checks of the month.`;
    case "net-sales": {
      const from = formatMoney(f, c.from, c.currencyCode ?? f.currencyCode);
      const to = formatMoney(f, c.to, c.currencyCode ?? f.currencyCode);
      const up = c.to > c.from;
      // "… til 52.000,00 kr." already ends the sentence.
      const end = to.endsWith(".") ? "" : ".";
      return da
        ? `Nettosalget ${up ? "steg" : "faldt"} fra ${from} til ${to}${end}`
        : `Net sales ${up ? "rose" : "fell"} from ${from} to ${to}${end}`;
    }
    case "no-runs":
      return da
        ? "Ingen gennemgange kørte i denne måned; der er intet at rapportere endnu."
        : "No audits ran this month; there is nothing to report yet.";
  }
}
