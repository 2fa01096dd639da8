import type { Prng } from "../util/prng";

/**
 * Names of companies, people, streets and towns that belong to no real supplier: words built from
 * syllables, so a model trained on them cannot learn any one vendor's words — only where such
 * words stand and what surrounds them (legal forms, house numbers, postcodes).
 */

/** The languages invoices are generated in. */
export const SYNTHETIC_LANGUAGES = ["en", "de", "fr"] as const;
export type SyntheticLanguage = (typeof SYNTHETIC_LANGUAGES)[number];

export const isSyntheticLanguage = (value: string): value is SyntheticLanguage =>
  (SYNTHETIC_LANGUAGES as readonly string[]).includes(value);

export const pick = <T>(prng: Prng, items: readonly T[]): T => items[prng.nextInt(items.length)]!;

const ONSETS = [
  "b",
  "br",
  "d",
  "f",
  "g",
  "gr",
  "h",
  "k",
  "kl",
  "l",
  "m",
  "n",
  "p",
  "r",
  "s",
  "st",
  "t",
  "tr",
  "v",
  "w",
  "z",
];
const VOWELS = ["a", "e", "i", "o", "u", "ei", "au", "ia", "ou"];
const CODAS = ["", "", "n", "r", "l", "s", "nd", "rt", "ck", "m", "x"];

const capitalize = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** An invented word of 2–3 syllables ("Brandelor", "Kestimon"). */
export function inventedWord(prng: Prng): string {
  const syllables = 2 + prng.nextInt(2);
  let word = "";
  for (let i = 0; i < syllables; i++) word += pick(prng, ONSETS) + pick(prng, VOWELS);
  return capitalize(word + pick(prng, CODAS));
}

const GIVEN = {
  en: ["James", "Emma", "Oliver", "Grace", "Henry", "Lucy", "Daniel", "Sarah", "Thomas", "Anna"],
  de: ["Jonas", "Lena", "Lukas", "Marie", "Felix", "Sophie", "Paul", "Hannah", "Jan", "Katrin"],
  fr: ["Louis", "Camille", "Hugo", "Chloé", "Jules", "Léa", "Arthur", "Manon", "Théo", "Inès"],
} as const;

const SURNAME_ENDINGS = {
  en: ["son", "ford", "ley", "ton", "wood", ""],
  de: ["mann", "er", "berg", "bauer", "meier", ""],
  fr: ["et", "eau", "ier", "ard", "in", ""],
} as const;

export function surname(prng: Prng, language: SyntheticLanguage): string {
  const base = inventedWord(prng);
  return base.slice(0, Math.max(3, base.length - 2)) + pick(prng, SURNAME_ENDINGS[language]);
}

export function personName(prng: Prng, language: SyntheticLanguage): string {
  return `${pick(prng, GIVEN[language])} ${surname(prng, language)}`;
}

const LEGAL_FORMS = {
  en: ["Ltd", "Ltd.", "LLC", "Inc.", "Limited", "Corp.", "PLC", "LLP"],
  de: ["GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.", "UG (haftungsbeschränkt)", "OHG"],
  fr: ["SARL", "SAS", "S.A.", "EURL", "SA", "SNC"],
} as const;

const TRADES = {
  en: [
    "Supplies",
    "Consulting",
    "Solutions",
    "Trading",
    "Logistics",
    "Systems",
    "Print",
    "Services",
    "Engineering",
    "Office",
  ],
  de: [
    "Bürobedarf",
    "Handel",
    "Technik",
    "Logistik",
    "Beratung",
    "Druck",
    "Service",
    "Werkzeuge",
    "Elektro",
    "Software",
  ],
  fr: [
    "Fournitures",
    "Conseil",
    "Services",
    "Logistique",
    "Imprimerie",
    "Distribution",
    "Technologies",
    "Bureautique",
    "Transports",
    "Informatique",
  ],
} as const;

/** A company name in one of the shapes invoices show, with or without a legal form. */
export function companyName(prng: Prng, language: SyntheticLanguage): string {
  const form = pick(prng, LEGAL_FORMS[language]);
  const trade = pick(prng, TRADES[language]);
  const word = inventedWord(prng);
  const shapes: (() => string)[] = [
    () => `${word} ${form}`,
    () => `${word} ${trade} ${form}`,
    () => `${surname(prng, language)} & ${surname(prng, language)} ${form}`,
    () => (language === "fr" ? `${trade} ${word}` : `${word} ${trade}`),
    () => (language === "fr" ? `${form} ${word}` : `${surname(prng, language)} ${trade} ${form}`),
    () => word.toUpperCase(),
  ];
  return pick(prng, shapes)();
}

export interface PostalAddress {
  /** Street lines, house number included ("Brandelweg 12"); sometimes a second line ("Suite 4"). */
  street: string[];
  /** "80333 Kestimon", "Brandelton SW4 7QX", "75012 Norvique". */
  cityLine: string;
  country?: string;
  /** The country code printed before the postcode ("DE 80333 Kestimon"), not on a line of its own. */
  countryFirst?: boolean;
}

/** The printed lines of an address. */
export function addressLines(a: PostalAddress): string[] {
  if (a.country && a.countryFirst) return [...a.street, `${a.country} ${a.cityLine}`];
  return [...a.street, a.cityLine, ...(a.country ? [a.country] : [])];
}

const STREET_SUFFIXES = {
  en: ["Street", "Road", "Lane", "Avenue", "Way", "Park"],
  de: ["straße", "weg", "allee", "ring", "platz", "str."],
  fr: ["rue", "avenue", "boulevard", "chemin", "place", "allée"],
} as const;

const TOWN_SUFFIXES = {
  en: ["ton", "field", "bury", "ford", "ham", ""],
  de: ["heim", "burg", "dorf", "hausen", "stadt", ""],
  fr: ["ville", "court", "ac", "y", "ières", ""],
} as const;

// Country codes only: the datasets' ground truth (EN 16931 addresses) writes the country as its
// code, so an address that printed "Deutschland" would be labeled unlike the real invoices.
const COUNTRIES = { en: ["GB", "IE"], de: ["DE", "AT"], fr: ["FR", "BE"] } as const;

const digits = (prng: Prng, n: number) =>
  Array.from({ length: n }, (_, i) =>
    String(i === 0 ? 1 + prng.nextInt(9) : prng.nextInt(10)),
  ).join("");
const letter = (prng: Prng) => String.fromCharCode(65 + prng.nextInt(26));

export function postalAddress(prng: Prng, language: SyntheticLanguage): PostalAddress {
  const town = inventedWord(prng) + pick(prng, TOWN_SUFFIXES[language]);
  const number =
    String(1 + prng.nextInt(180)) + (prng.next() < 0.15 ? letter(prng).toLowerCase() : "");
  const suffix = pick(prng, STREET_SUFFIXES[language]);
  const street =
    language === "de"
      ? `${inventedWord(prng)}${suffix} ${number}`
      : language === "fr"
        ? `${number} ${suffix} ${pick(prng, ["de la ", "du ", "des ", ""])}${inventedWord(prng)}`
        : `${number} ${inventedWord(prng)} ${suffix}`;
  const lines = [street];
  if (prng.next() < 0.15)
    lines.push(
      language === "de"
        ? `Haus ${1 + prng.nextInt(9)}`
        : language === "fr"
          ? `Bâtiment ${letter(prng)}`
          : `Suite ${1 + prng.nextInt(400)}`,
    );
  const cityLine =
    language === "en"
      ? `${town} ${letter(prng)}${letter(prng)}${1 + prng.nextInt(9)} ${prng.nextInt(10)}${letter(prng)}${letter(prng)}`
      : `${digits(prng, 5)} ${town}`;
  if (prng.next() >= 0.35) return { street: lines, cityLine };
  return {
    street: lines,
    cityLine,
    country: pick(prng, COUNTRIES[language]),
    countryFirst: prng.next() < 0.5,
  };
}

/** The address as the ground truth writes it: its printed lines joined with ", ". */
export const addressText = (a: PostalAddress): string => addressLines(a).join(", ");

/** A VAT id in the shape of the language's country ("DE123456789", "FR12345678901", "GB123456789"). */
export function vatId(prng: Prng, language: SyntheticLanguage): string {
  if (language === "de") return `DE${digits(prng, 9)}`;
  if (language === "fr") return `FR${digits(prng, 11)}`;
  return `GB${digits(prng, 9)}`;
}

/** An invoice number in one of the common shapes ("2024-0153", "RE-10482", "INV/2024/77", "471102"). */
export function invoiceNumber(prng: Prng, year: number): string {
  const shapes: (() => string)[] = [
    () => `${year}-${digits(prng, 4)}`,
    () => `${pick(prng, ["RE", "INV", "F", "R", "FA"])}-${digits(prng, 5)}`,
    () => `${pick(prng, ["INV", "FAC", "RG"])}/${year}/${1 + prng.nextInt(999)}`,
    () => digits(prng, 6 + prng.nextInt(4)),
    () => `${letter(prng)}${letter(prng)}${digits(prng, 6)}`,
  ];
  return pick(prng, shapes)();
}
