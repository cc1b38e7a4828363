import { CRAWL_LIMIT_RULES_DA } from "./crawl-limits";

/**
 * The performance rules' merchant-facing texts in Danish (the English ones are on the rule
 * definitions in findings.ts; docs/rules.md lists both). Keyed by stable rule id.
 */
export const PERF_RULE_TEXTS_DA: Record<string, { title: string; why: string; fix: string }> = {
  ...CRAWL_LIMIT_RULES_DA,
  "perf.render-blocking-third-party": {
    title: "Script eller stylesheet fra tredjepart blokerer visningen",
    why: "Browseren viser intet, før denne fil fra et andet firmas server er hentet; en langsom app-server forsinker hver sidevisning.",
    fix: "Webshop → Temaer → Tilpas → App-indlejringer: slå appen fra, hvis den ikke bruges, eller bed appen om at indlæse filen med async/defer. Står den i theme.liquid, så flyt den til slutningen af <body> eller tilføj defer.",
  },
  "perf.heavy-page": {
    title: "Tung side",
    why: "Sider over 2,5 MB indlæses langsomt på mobilforbindelser, og besøgende går, før de ser produkterne.",
    fix: "Komprimér og skalér billeder (Shopify leverer mindre udgaver med image_url: width), vis færre produkter pr. side, og fjern apps, siden ikke har brug for.",
  },
  "perf.heavy-third-party-js": {
    title: "Meget JavaScript fra apps",
    why: "Mere end 300 KB app-JavaScript på en side holder telefonen travlt beskæftiget og gør siden langsom til at reagere på tryk.",
    fix: "Se appernes fodaftryk: slå app-indlejringer fra, som ikke bruges (Temaer → Tilpas → App-indlejringer), og afinstallér apps, I ikke længere har brug for.",
  },
  "perf.heavy-images": {
    title: "Mange billedbytes",
    why: "Billeder er det meste af en sides vægt; for store billeder gør den første visning af siden langsom.",
    fix: "Upload billeder på højst 2048 px i bredden, lad temaet hente passende størrelser, og lazy-load billeder under folden.",
  },
  "perf.app-leftover": {
    title: "Efterladt kode fra en fjernet app",
    why: "Temaet indlæser stadig kode fra en app, der ikke længere har en indlejring, blok eller pixel: hver side betaler for et kald til ingen nytte, og et defekt script kan ødelægge siden.",
    fix: "Webshop → Temaer → ⋯ → Rediger kode: åbn filen og slet linjen (tag en sikkerhedskopi af temaet først).",
  },
  "perf.unknown-third-party": {
    title: "Script fra en ukendt vært",
    why: "Værten står ikke på nogen liste over app-værter, så ingen kan sige, hvilken app eller person der har tilføjet den, eller om den stadig bruges.",
    fix: "Find ud af, hvor den kommer fra (temakode, en apps indstillinger), og fjern den, hvis ingen har brug for den; tilføj den til jeres app-værtsliste for at give den et navn.",
  },
  "perf.theme-parser-blocking-script": {
    title: "Temascript blokerer siden, mens det indlæses",
    why: "Et <script src> uden defer eller async får browseren til at stoppe med at læse resten af siden, indtil filen er hentet og kørt: på en telefon er siden blank imens.",
    fix: "Webshop → Temaer → ⋯ → Rediger kode: åbn filen ved linjen og tilføj defer til script-tagget (async, hvis intet på siden venter på det), og kontrollér bagefter, at siden virker.",
  },
  "perf.theme-remote-asset": {
    title: "Temaet henter en fil fra en anden server",
    why: "En fil uden for Shopifys CDN kræver sin egen forbindelse, og Shopify hverken komprimerer, skalerer eller cacher den for butikken.",
    fix: "Upload filen til temaet (Rediger kode → Assets) og indlæs den med asset_url, eller slet linjen, hvis filen ikke længere bruges.",
  },
  "perf.theme-asset-size": {
    title: "Stort script eller stylesheet i temaet",
    why: "Temaet indlæser en JavaScript- eller CSS-fil på over 100 KB: hver besøgende henter og behandler den, før siden reagerer.",
    fix: "Bed temaets udvikler om at dele filen op og kun indlæse det, en side bruger (scripts, der først skal bruges efter et tryk, ved interaktion), eller fjern kode, der ikke længere bruges.",
  },
  "perf.theme-missing-file": {
    title: "Temaet henviser til en fil, der ikke findes",
    why: "Mangler et snippet, en sektion eller et asset, skriver Shopify “Liquid error: Could not find asset …” på siden, så kunderne ser det, eller udelader delen; ofte har en afinstalleret app taget filen med sig.",
    fix: "Webshop → Temaer → ⋯ → Rediger kode: fjern render- eller section-tagget ved linjen, eller gendan filen fra en sikkerhedskopi af temaet.",
  },
  "perf.theme-deprecated-code": {
    title: "Forældet Liquid i temaet",
    why: "Shopify holder forældede tags og filtre i live, men forbedrer dem ikke længere: img_url giver ingen responsive størrelser, og include er langsommere end render og deler variabler mellem filer.",
    fix: "Erstat det, theme-check nævner (render i stedet for include, image_url i stedet for img_url …), i filen ved linjen; Shopifys Liquid-reference viser afløseren.",
  },
  "perf.theme-syntax-error": {
    title: "Syntaksfejl i temaets kode",
    why: "Liquid eller HTML, der ikke kan fortolkes, kan ødelægge sidens layout eller forhindre en sektion i at blive vist; kunderne ser den HTML, der kommer ud af det.",
    fix: "Åbn filen ved linjen i kodeeditoren, luk tagget eller ret Liquid-koden, og gennemse bagefter de sider, der bruger filen.",
  },
};
