/**
 * A typical delivery address per country for the synthetic cart: a real street in the capital
 * or a large city, with a postcode in the format the country's checkout validates (province
 * codes where Shopify requires one). The address receives nothing: no order is ever placed.
 *
 * Maintained by hand; a country not listed gets its country code only, which is enough for
 * Shopify to quote zone-based rates (carrier-calculated rates may need a postcode).
 */
export interface SampleAddress {
  countryCode: string;
  city: string;
  zip: string;
  address1: string;
  provinceCode?: string;
}

const TABLE: readonly SampleAddress[] = [
  { countryCode: "DK", city: "København N", zip: "2200", address1: "Nørrebrogade 52" },
  { countryCode: "SE", city: "Stockholm", zip: "111 51", address1: "Drottninggatan 71" },
  { countryCode: "NO", city: "Oslo", zip: "0154", address1: "Karl Johans gate 22" },
  { countryCode: "FI", city: "Helsinki", zip: "00100", address1: "Mannerheimintie 10" },
  { countryCode: "IS", city: "Reykjavík", zip: "101", address1: "Laugavegur 26" },
  { countryCode: "DE", city: "Berlin", zip: "10115", address1: "Invalidenstraße 43" },
  { countryCode: "AT", city: "Wien", zip: "1010", address1: "Kärntner Straße 19" },
  { countryCode: "CH", city: "Zürich", zip: "8001", address1: "Bahnhofstrasse 21" },
  { countryCode: "NL", city: "Amsterdam", zip: "1012 JS", address1: "Damrak 70" },
  { countryCode: "BE", city: "Bruxelles", zip: "1000", address1: "Rue Neuve 30" },
  { countryCode: "LU", city: "Luxembourg", zip: "1660", address1: "Grand-Rue 45" },
  { countryCode: "FR", city: "Paris", zip: "75001", address1: "12 Rue de Rivoli" },
  { countryCode: "IE", city: "Dublin", zip: "D02 X285", address1: "25 Grafton Street" },
  { countryCode: "GB", city: "London", zip: "WC2E 9LH", address1: "14 Long Acre" },
  {
    countryCode: "ES",
    city: "Madrid",
    zip: "28013",
    address1: "Calle Gran Vía 32",
    provinceCode: "M",
  },
  { countryCode: "PT", city: "Lisboa", zip: "1100-148", address1: "Rua Augusta 100" },
  { countryCode: "IT", city: "Milano", zip: "20121", address1: "Via Dante 7", provinceCode: "MI" },
  { countryCode: "PL", city: "Warszawa", zip: "00-001", address1: "ul. Marszałkowska 100" },
  { countryCode: "CZ", city: "Praha", zip: "110 00", address1: "Václavské náměstí 1" },
  { countryCode: "EE", city: "Tallinn", zip: "10111", address1: "Viru 10" },
  { countryCode: "LV", city: "Rīga", zip: "LV-1050", address1: "Brīvības iela 30" },
  { countryCode: "LT", city: "Vilnius", zip: "01103", address1: "Gedimino pr. 9" },
  {
    countryCode: "US",
    city: "New York",
    zip: "10001",
    address1: "350 5th Avenue",
    provinceCode: "NY",
  },
  {
    countryCode: "CA",
    city: "Toronto",
    zip: "M5H 2N2",
    address1: "100 Queen Street West",
    provinceCode: "ON",
  },
  {
    countryCode: "AU",
    city: "Sydney",
    zip: "2000",
    address1: "1 Martin Place",
    provinceCode: "NSW",
  },
  { countryCode: "NZ", city: "Auckland", zip: "1010", address1: "29 Queen Street" },
  {
    countryCode: "JP",
    city: "Chiyoda-ku",
    zip: "100-0005",
    address1: "1-1 Marunouchi",
    provinceCode: "JP-13",
  },
];

const BY_COUNTRY = new Map(TABLE.map((a) => [a.countryCode, a]));

export function sampleAddress(countryCode: string): SampleAddress | null {
  return BY_COUNTRY.get(countryCode) ?? null;
}
