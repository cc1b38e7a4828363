/**
 * Static catalogue material for the demo shop "Nordvej Cykel & Outdoor", a Danish bike and
 * outdoor shop. All vendors, models and texts are invented; the taxonomy categories are real.
 * Texts are Danish (the shop's primary locale is "da").
 */
import type { WeightUnit } from "../store/types";
import { TAXONOMY, type TaxonomyCategory } from "./taxonomy";

export interface Vendor {
  name: string;
  /** Short name used in product titles. */
  brand: string;
  /** SKU prefix. */
  code: string;
  /** GS1 company prefix (Denmark's GS1 range starts with 57). */
  gs1: string;
}

export const VENDORS = {
  vesterhav: { name: "Vesterhav Cycles", brand: "Vesterhav", code: "VH", gs1: "5712345" },
  fjordloeber: { name: "Fjordløber", brand: "Fjordløber", code: "FL", gs1: "5714471" },
  ladegaard: { name: "Ladegaard Cargo", brand: "Ladegaard", code: "LG", gs1: "5709876" },
  kattegat: { name: "Kattegat Components", brand: "Kattegat", code: "KC", gs1: "5701122" },
  boelge: { name: "Bølge", brand: "Bølge", code: "BO", gs1: "5706655" },
  laasesmeden: { name: "Låsesmeden", brand: "Låsesmeden", code: "LS", gs1: "5703344" },
  nordkap: { name: "Nordkap Gear", brand: "Nordkap", code: "NK", gs1: "5717788" },
  skovly: { name: "Skovly Outdoor", brand: "Skovly", code: "SK", gs1: "5702233" },
  regnvejr: { name: "Regnvejr", brand: "Regnvejr", code: "RV", gs1: "5708899" },
  trailborn: { name: "Trailborn", brand: "Trailborn", code: "TB", gs1: "5715566" },
} as const satisfies Record<string, Vendor>;

export type CollectionKey = "cykler" | "cykeludstyr" | "camping" | "toej";

export interface OptionSpec {
  name: string;
  values: readonly string[];
  /** How many of the values a product offers. */
  min: number;
  max: number;
}

export interface TypeSpec {
  key: string;
  productType: string;
  /** Relative share of the catalogue. */
  share: number;
  /** Relative order popularity per product (accessories sell more often than bikes). */
  popularity: number;
  categories: readonly TaxonomyCategory[];
  vendors: readonly Vendor[];
  nouns: readonly string[];
  priceRange: readonly [number, number];
  gramsRange: readonly [number, number];
  weightUnit: WeightUnit;
  options: readonly OptionSpec[];
  collection: CollectionKey;
  skuCode: string;
  hsCode: string;
  origins: readonly string[];
  /** "en … til dig, der …" */
  phrase: string;
  useCase: string;
  features: readonly string[];
  tags: readonly string[];
}

const COLOURS = ["Sort", "Hvid", "Mørkegrøn", "Navy", "Sand", "Rust"] as const;

export const TYPES: readonly TypeSpec[] = [
  {
    key: "bike",
    productType: "Cykel",
    share: 12,
    popularity: 0.5,
    categories: [
      TAXONOMY.cityBikes,
      TAXONOMY.hybridBikes,
      TAXONOMY.roadBikes,
      TAXONOMY.mountainBikes,
    ],
    vendors: [VENDORS.vesterhav, VENDORS.fjordloeber],
    nouns: ["bycykel", "damecykel", "herrecykel", "gravelcykel", "racercykel"],
    priceRange: [3999, 12999],
    gramsRange: [11000, 17000],
    weightUnit: "KILOGRAMS",
    options: [
      { name: "Stelstørrelse", values: ["48 cm", "52 cm", "56 cm", "60 cm"], min: 2, max: 4 },
      { name: "Farve", values: COLOURS, min: 1, max: 3 },
    ],
    collection: "cykler",
    skuCode: "CY",
    hsCode: "871200",
    origins: ["PT", "TW", "DE"],
    phrase: "en alsidig cykel",
    useCase: "vil hurtigt og sikkert frem, hvad enten turen går til arbejde eller ud i naturen",
    features: [
      "Let aluminiumsstel med en komfortabel og opret siddestilling.",
      "Syv-gears navgear, der kræver minimalt vedligehold året rundt.",
      "Hydrauliske skivebremser giver sikker bremsning, også i regnvejr.",
      "Punkteringsbeskyttede dæk med refleksstriber i siderne.",
      "Skærme, kædeskærm og bagagebærer er monteret fra fabrikken.",
      "LED-lygter drevet af en dynamo i forhjulsnavet.",
    ],
    tags: ["cykel", "pendler", "unisex"],
  },
  {
    key: "ebike",
    productType: "Elcykel",
    share: 8,
    popularity: 0.35,
    categories: [TAXONOMY.electricBikes],
    vendors: [VENDORS.vesterhav, VENDORS.ladegaard],
    nouns: ["elcykel", "el-bycykel", "el-trekkingcykel"],
    priceRange: [14999, 32999],
    gramsRange: [22000, 28000],
    weightUnit: "KILOGRAMS",
    options: [
      { name: "Stelstørrelse", values: ["S", "M", "L"], min: 2, max: 3 },
      { name: "Farve", values: COLOURS, min: 1, max: 3 },
    ],
    collection: "cykler",
    skuCode: "EC",
    hsCode: "871160",
    origins: ["DE", "TW"],
    phrase: "en kraftfuld elcykel",
    useCase: "vil pendle langt uden at komme svedig frem",
    features: [
      "Midtmotor med 85 Nm trækkraft og fem niveauer af understøttelse.",
      "Aftageligt batteri på 625 Wh med op til 120 km rækkevidde.",
      "Displayet på styret viser hastighed, batteriniveau og resterende rækkevidde.",
      "Batteriet lades helt op på cirka fem timer fra en almindelig stikkontakt.",
      "Integreret for- og baglys, der tænder automatisk i mørke.",
    ],
    tags: ["elcykel", "pendler"],
  },
  {
    key: "cargo",
    productType: "Ladcykel",
    share: 4,
    popularity: 0.15,
    categories: [TAXONOMY.freightBicycles],
    vendors: [VENDORS.ladegaard, VENDORS.fjordloeber],
    nouns: ["ladcykel", "el-ladcykel", "familiecykel"],
    priceRange: [19999, 39999],
    gramsRange: [35000, 55000],
    weightUnit: "KILOGRAMS",
    options: [{ name: "Farve", values: COLOURS, min: 1, max: 3 }],
    collection: "cykler",
    skuCode: "LC",
    hsCode: "871200",
    origins: ["DK", "NL"],
    phrase: "en robust ladcykel",
    useCase: "skal have børn, hund eller ugens indkøb med på turen",
    features: [
      "Stor ladkasse med plads til to børn eller en hel uges indkøb.",
      "Lavt tyngdepunkt gør cyklen stabil, også med fuld last.",
      "Stel i pulverlakeret stål med ti års garanti mod stelbrud.",
      "Parkeringsbremse og dobbelt støtteben holder cyklen på plads.",
      "Sikkerhedsseler og polstret bænk er monteret i kassen.",
    ],
    tags: ["ladcykel", "familie"],
  },
  {
    key: "helmet",
    productType: "Cykelhjelm",
    share: 9,
    popularity: 1.2,
    categories: [TAXONOMY.bicycleHelmets],
    vendors: [VENDORS.boelge, VENDORS.trailborn],
    nouns: ["cykelhjelm", "byhjelm", "børnehjelm"],
    priceRange: [399, 1499],
    gramsRange: [240, 420],
    weightUnit: "GRAMS",
    options: [
      {
        name: "Størrelse",
        values: ["S (51–55 cm)", "M (55–59 cm)", "L (59–63 cm)"],
        min: 2,
        max: 3,
      },
      { name: "Farve", values: COLOURS, min: 1, max: 3 },
    ],
    collection: "cykeludstyr",
    skuCode: "HJ",
    hsCode: "650610",
    origins: ["CN", "IT"],
    phrase: "en let og sikker cykelhjelm",
    useCase: "vil beskytte hovedet uden at gå på kompromis med komforten",
    features: [
      "Godkendt efter den europæiske standard EN 1078.",
      "Drejehjul i nakken justerer pasformen med én hånd.",
      "Ti ventilationskanaler holder hovedet køligt på varme dage.",
      "Indbygget baglygte med tre lysindstillinger.",
      "Aftagelige og vaskbare indlægspuder.",
    ],
    tags: ["hjelm", "sikkerhed"],
  },
  {
    key: "lock",
    productType: "Cykellås",
    share: 7,
    popularity: 1.4,
    categories: [TAXONOMY.uLocks, TAXONOMY.foldingLocks, TAXONOMY.chainLocks],
    vendors: [VENDORS.laasesmeden],
    nouns: ["bøjlelås", "foldelås", "kædelås"],
    priceRange: [299, 1199],
    gramsRange: [800, 2200],
    weightUnit: "GRAMS",
    options: [{ name: "Længde", values: ["75 cm", "90 cm", "110 cm"], min: 1, max: 3 }],
    collection: "cykeludstyr",
    skuCode: "LA",
    hsCode: "830110",
    origins: ["DE", "TW"],
    phrase: "en solid lås",
    useCase: "vil finde cyklen, hvor den blev parkeret",
    features: [
      "Hærdet stål, der modstår både boltsaks og nedfrysning.",
      "Godkendt af forsikringsselskaberne til cykler i alle prisklasser.",
      "Leveres med to nøgler og en holder til montering på stellet.",
      "Vinylbelægning, så lakken på cyklen ikke bliver ridset.",
    ],
    tags: ["lås", "sikkerhed"],
  },
  {
    key: "bag",
    productType: "Cykeltaske",
    share: 8,
    popularity: 1,
    categories: [TAXONOMY.panniers, TAXONOMY.bicycleBags],
    vendors: [VENDORS.regnvejr, VENDORS.trailborn],
    nouns: ["cykeltaske", "dobbelt cykeltaske", "styrtaske"],
    priceRange: [349, 1299],
    gramsRange: [600, 1400],
    weightUnit: "GRAMS",
    options: [{ name: "Farve", values: COLOURS, min: 1, max: 4 }],
    collection: "cykeludstyr",
    skuCode: "TA",
    hsCode: "420292",
    origins: ["VN", "PT"],
    phrase: "en rummelig taske",
    useCase: "har brug for at få computer, madpakke og skiftetøj tørt frem",
    features: [
      "Vandtæt rulleluk og svejste sømme holder indholdet tørt.",
      "Klikbeslag, der passer på de fleste bagagebærere.",
      "Refleksdetaljer på alle sider giver bedre synlighed i mørke.",
      "Polstret inderlomme til en bærbar computer op til 15 tommer.",
    ],
    tags: ["taske", "vandtæt"],
  },
  {
    key: "pump",
    productType: "Cykelpumpe",
    share: 5,
    popularity: 1,
    categories: [TAXONOMY.pumps],
    vendors: [VENDORS.kattegat],
    nouns: ["standpumpe", "minipumpe", "gulvpumpe"],
    priceRange: [149, 599],
    gramsRange: [150, 1600],
    weightUnit: "GRAMS",
    options: [],
    collection: "cykeludstyr",
    skuCode: "PU",
    hsCode: "841420",
    origins: ["TW"],
    phrase: "en pålidelig pumpe",
    useCase: "vil køre på korrekt dæktryk hver dag",
    features: [
      "Passer til både racer-, auto- og almindelige cykelventiler.",
      "Manometeret viser trykket op til 11 bar.",
      "Robust aluminiumscylinder og en bred, stabil fodplade.",
      "Lang slange med låsehåndtag, der sidder fast på ventilen.",
    ],
    tags: ["pumpe", "værksted"],
  },
  {
    key: "tool",
    productType: "Værktøj",
    share: 5,
    popularity: 0.9,
    categories: [TAXONOMY.multiTools],
    vendors: [VENDORS.kattegat],
    nouns: ["multiværktøj", "værktøjssæt", "lommeværktøj"],
    priceRange: [99, 499],
    gramsRange: [90, 400],
    weightUnit: "GRAMS",
    options: [],
    collection: "cykeludstyr",
    skuCode: "VK",
    hsCode: "820559",
    origins: ["TW"],
    phrase: "et kompakt værktøj",
    useCase: "vil kunne klare de små reparationer på farten",
    features: [
      "Femten funktioner samlet i ét kompakt værktøj.",
      "Unbrakonøgler fra 2 til 8 mm samt en stjernebit.",
      "Kædeværktøj og dækjern er bygget ind i håndtaget.",
      "Fremstillet i hærdet krom-vanadium-stål.",
    ],
    tags: ["værktøj", "værksted"],
  },
  {
    key: "tyre",
    productType: "Dæk",
    share: 7,
    popularity: 1.3,
    categories: [TAXONOMY.tires],
    vendors: [VENDORS.kattegat],
    nouns: ["cykeldæk", "vinterdæk", "gravel-dæk"],
    priceRange: [199, 549],
    gramsRange: [350, 950],
    weightUnit: "GRAMS",
    options: [
      {
        name: "Størrelse",
        values: ["28 x 1.40", "28 x 1.60", "28 x 1.75", "26 x 2.10", "20 x 1.75"],
        min: 2,
        max: 4,
      },
    ],
    collection: "cykeludstyr",
    skuCode: "DK",
    hsCode: "401150",
    origins: ["DE", "TH"],
    phrase: "et slidstærkt dæk",
    useCase: "vil slippe for punkteringer på vej til arbejde",
    features: [
      "Tre millimeter punkteringsbeskyttelse under slidbanen.",
      "Reflekssider gør dig synlig for bilister i mørke.",
      "Gummiblanding, der griber på både asfalt og grus.",
      "Kan monteres uden værktøj på de fleste fælge.",
    ],
    tags: ["dæk", "værksted"],
  },
  {
    key: "tent",
    productType: "Telt",
    share: 8,
    popularity: 0.6,
    categories: [TAXONOMY.tunnelTents, TAXONOMY.domeTents],
    vendors: [VENDORS.nordkap, VENDORS.skovly],
    nouns: ["tunneltelt", "kuppeltelt", "letvægtstelt"],
    priceRange: [1299, 6999],
    gramsRange: [1600, 4800],
    weightUnit: "KILOGRAMS",
    options: [
      {
        name: "Personer",
        values: ["1 person", "2 personer", "3 personer", "4 personer"],
        min: 1,
        max: 3,
      },
    ],
    collection: "camping",
    skuCode: "TE",
    hsCode: "630622",
    origins: ["VN", "CN"],
    phrase: "et stormstabilt telt",
    useCase: "vil sove tørt og trygt, også når vejret skifter",
    features: [
      "Ydertelt med en vandsøjle på 3000 mm og tapede sømme.",
      "Inder- og ydertelt rejses samtidig, så indertelt holdes tørt.",
      "To apsider med plads til rygsække og våde støvler.",
      "Myggenet i alle døre og ventiler, der mindsker kondens.",
      "Pakkes ned i en kompressionspose, der passer i en cykeltaske.",
    ],
    tags: ["telt", "camping", "vandtæt"],
  },
  {
    key: "sleepingbag",
    productType: "Sovepose",
    share: 6,
    popularity: 0.6,
    categories: [TAXONOMY.sleepingBags],
    vendors: [VENDORS.nordkap, VENDORS.skovly],
    nouns: ["sovepose", "sommersovepose", "dunsovepose"],
    priceRange: [599, 2999],
    gramsRange: [800, 2100],
    weightUnit: "GRAMS",
    options: [{ name: "Længde", values: ["Regular", "Long"], min: 1, max: 2 }],
    collection: "camping",
    skuCode: "SP",
    hsCode: "940430",
    origins: ["CN", "VN"],
    phrase: "en varm sovepose",
    useCase: "vil sove godt fra det tidlige forår til det sene efterår",
    features: [
      "Komforttemperatur ned til 0 °C og grænsetemperatur på -6 °C.",
      "Fyld af genanvendt fiber, der isolerer, selv når den er fugtig.",
      "Mumieform med hætte og varmekrave ved skuldrene.",
      "Lynlås i fuld længde, der kan kobles sammen med en anden sovepose.",
    ],
    tags: ["sovepose", "camping"],
  },
  {
    key: "jacket",
    productType: "Regnjakke",
    share: 9,
    popularity: 1,
    categories: [TAXONOMY.rainCoats],
    vendors: [VENDORS.regnvejr, VENDORS.skovly],
    nouns: ["regnjakke", "cykelregnjakke", "skaljakke"],
    priceRange: [699, 2499],
    gramsRange: [280, 650],
    weightUnit: "GRAMS",
    options: [
      { name: "Størrelse", values: ["XS", "S", "M", "L", "XL", "XXL"], min: 3, max: 6 },
      { name: "Farve", values: COLOURS, min: 1, max: 2 },
    ],
    collection: "toej",
    skuCode: "RJ",
    hsCode: "621040",
    origins: ["PT", "VN"],
    phrase: "en vandtæt og åndbar jakke",
    useCase: "cykler eller vandrer i al slags dansk vejr",
    features: [
      "Tre-lags membran, der holder regnen ude og lader sveden slippe ud.",
      "Tapede sømme og en hætte, der kan justeres over en hjelm.",
      "Ventilationslynlåse under armene til de hårde stigninger.",
      "Kan pakkes ned i sin egen brystlomme.",
    ],
    tags: ["regntøj", "vandtæt"],
  },
  {
    key: "backpack",
    productType: "Rygsæk",
    share: 7,
    popularity: 0.9,
    categories: [TAXONOMY.backpacks],
    vendors: [VENDORS.trailborn, VENDORS.nordkap],
    nouns: ["rygsæk", "dagtursrygsæk", "vandrerygsæk"],
    priceRange: [399, 1999],
    gramsRange: [700, 1900],
    weightUnit: "GRAMS",
    options: [
      { name: "Volumen", values: ["20 L", "30 L", "45 L", "60 L"], min: 1, max: 3 },
      { name: "Farve", values: COLOURS, min: 1, max: 2 },
    ],
    collection: "toej",
    skuCode: "RS",
    hsCode: "420292",
    origins: ["VN", "CN"],
    phrase: "en komfortabel rygsæk",
    useCase: "vil have hænderne fri på cyklen og på stien",
    features: [
      "Justerbart bæresystem med ventileret ryg.",
      "Regnslag gemt i bunden af rygsækken.",
      "Adgang til hovedrummet fra både top og front.",
      "Hoftebælte med to lommer til telefon og snacks.",
    ],
    tags: ["rygsæk", "vandring"],
  },
];

/** Model names: Danish islands, landscapes and coasts. */
export const MODELS = [
  "Fanø",
  "Mols",
  "Skagen",
  "Rømø",
  "Møn",
  "Samsø",
  "Læsø",
  "Als",
  "Thy",
  "Limfjord",
  "Gudenå",
  "Vadehav",
  "Bornholm",
  "Ærø",
  "Djursland",
  "Stevns",
  "Lolland",
  "Falster",
  "Ribe",
  "Hjerting",
  "Klint",
  "Hede",
  "Lyng",
  "Bakke",
  "Fjeld",
  "Vidde",
  "Klit",
  "Strand",
  "Skov",
  "Mose",
  "Anholt",
  "Tåsinge",
  "Langeland",
  "Himmerland",
  "Vendsyssel",
  "Salling",
  "Fur",
  "Mors",
  "Hven",
  "Sejerø",
] as const;

export const MODEL_SUFFIXES = [
  "",
  " 2",
  " 3",
  " 7",
  " Pro",
  " Lite",
  " Sport",
  " Comfort",
  " GT",
  " Tour",
] as const;

export const INTRO_TEMPLATES = [
  (t: { title: string; brand: string; phrase: string; useCase: string }) =>
    `${t.title} fra ${t.brand} er ${t.phrase} til dig, der ${t.useCase}.`,
  (t: { title: string; brand: string; phrase: string; useCase: string }) =>
    `Med ${t.title} får du ${t.phrase} fra ${t.brand}, skabt til dig, der ${t.useCase}.`,
  (t: { title: string; brand: string; phrase: string; useCase: string }) =>
    `${t.brand} har udviklet ${t.title} som ${t.phrase} til dig, der ${t.useCase}.`,
] as const;

export const CLOSINGS = [
  "Vi sender fra vores lager i Aarhus, og de fleste ordrer er hos dig inden for en til tre hverdage.",
  "Du har altid 30 dages fuld returret, og vi yder to års reklamationsret på alle varer.",
  "Har du spørgsmål til størrelse eller montering, så skriv til vores værksted, vi svarer samme dag.",
  "Varen kan også afhentes gratis i vores butik i København, når du har fået besked fra os.",
  "Vi tester selv alt udstyr på de danske landeveje og stier, før det kommer i butikken.",
] as const;

export const IMAGE_ANGLES = [
  "set fra siden",
  "forfra",
  "bagfra",
  "detalje",
  "i brug",
  "tæt på",
] as const;

export const FIRST_NAMES: Record<string, readonly string[]> = {
  DK: [
    "Anders",
    "Mette",
    "Søren",
    "Camilla",
    "Jens",
    "Line",
    "Mikkel",
    "Sofie",
    "Rasmus",
    "Ida",
    "Frederik",
    "Astrid",
    "Lars",
    "Freja",
    "Kasper",
    "Emma",
  ],
  SE: ["Erik", "Elin", "Johan", "Maja", "Oskar", "Linnea"],
  NO: ["Ola", "Ingrid", "Håkon", "Sigrid", "Magnus", "Nora"],
  DE: ["Lukas", "Anna", "Felix", "Lea", "Jonas", "Hannah"],
  NL: ["Daan", "Sanne", "Bram", "Fleur"],
  FR: ["Louis", "Camille", "Hugo", "Chloé"],
  FI: ["Eero", "Aino", "Veeti", "Helmi"],
  GB: ["Oliver", "Amelia", "Harry", "Isla", "George", "Ava"],
};

export const LAST_NAMES: Record<string, readonly string[]> = {
  DK: [
    "Jensen",
    "Nielsen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Møller",
  ],
  SE: ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Lindqvist"],
  NO: ["Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen"],
  DE: ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker"],
  NL: ["de Jong", "Jansen", "de Vries", "van Dijk"],
  FR: ["Martin", "Bernard", "Dubois", "Lefèvre"],
  FI: ["Korhonen", "Virtanen", "Mäkinen", "Nieminen"],
  GB: ["Smith", "Jones", "Taylor", "Brown", "Wilson", "Evans"],
};
