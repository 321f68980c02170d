import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES } from '../masking/data/first-names-pl';

/**
 * The words the name rules cannot work out alone: which first names are whose
 * (the honorific is read from them), and the few names Polish declines against
 * its own patterns. Everything is lower case; the rules fold typed names to it.
 *
 * Kept short on purpose: a name missing here is still declined by the rules in
 * `polish-names-rules.ts`; it is only less certain, and the clerk sees it editable.
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/u).filter(Boolean));
}

/** The shipped list of common first names (data/first-names-pl.ts), lower case, with what only the declension needs. */
function withShipped(shipped: readonly string[], extra: string): ReadonlySet<string> {
  return new Set([...shipped.map((name) => name.toLowerCase()), ...words(extra)]);
}

/**
 * Men's first names: the shipped list, and the ones the honorific must still
 * be read from — those declined like "Anna" (Kuba → Kubą, Barnaba,
 * Bonawentura, Kosma, Jarema, Boryna): their -a does not make them a woman's —
 * and a few more rare or foreign ones.
 */
export const MEN_FIRST_NAMES = withShipped(
  MALE_FIRST_NAMES,
  `donald eustachy ferdynand hipolit iwo lew otto hugo samuel tytus wit gaweł
  barnaba bonawentura kosma jarema boryna dyzma zawisza zbyszko jaś staś mykyta danyło`,
);

/**
 * Women's first names: the shipped list, and more. Those not ending in -a
 * (Beatrycze, Miriam, Ruth, Noemi…) are not declined at all, which the rules
 * do for every woman's name that does not end in -a; they are listed so the
 * honorific can be read from them.
 */
export const WOMEN_FIRST_NAMES = withShipped(
  FEMALE_FIRST_NAMES,
  `irmina jowita lilia stella wisława hałyna łesia daryna sofija
  beatrycze miriam ruth rut nel noemi abigail karmen carmen dagmar ingrid astrid gertrud rachel`,
);

/** How a word is declined when the rules would get it wrong, and whether that form is certain. */
export interface Exception {
  readonly form: string;
  readonly sure: boolean;
}

function table(entries: ReadonlyArray<readonly [string, string, boolean?]>): ReadonlyMap<string, Exception> {
  return new Map(entries.map(([name, form, sure]) => [name, { form, sure: sure ?? true }]));
}

/**
 * Men's first names whose instrumental is lexical: the mobile e of Paweł and
 * Kacper, the old -on stem of Bruno, names in -o declined like Mieszko, and
 * Ołeh, whose -h reads as a foreign ending but is declined as any consonant.
 * Ukrainian names in -o follow Mieszko in the advice we know of, but usage
 * varies, so the clerk confirms them.
 */
export const MEN_FIRST_NAME_FORMS = table([
  ['paweł', 'pawłem'],
  ['gaweł', 'gawłem'],
  ['kacper', 'kacprem'],
  ['wawrzyniec', 'wawrzyńcem'],
  ['lew', 'lwem'],
  ['bruno', 'brunonem'],
  ['otto', 'ottonem'],
  ['hugo', 'hugonem'],
  ['iwo', 'iwonem'],
  ['ołeh', 'ołehem'],
  ['mieszko', 'mieszkiem'],
  ['zbyszko', 'zbyszkiem'],
  ['dmytro', 'dmytrem', false],
  ['petro', 'petrem', false],
  ['pawło', 'pawłem', false],
  ['danyło', 'danyłem', false],
  ['mychajło', 'mychajłem', false],
]);

/**
 * Men's surnames Polish declines by the word, not by the ending: the mobile e
 * (Wróbel → Wróblem, Stępień → Stępniem, but Kamień → Kamieniem), ó and ą that
 * turn into o and ę (Mróz → Mrozem, Dąb → Dębem, but Król → Królem), and the
 * surnames in -o of famous bearers (Fredro → Fredrą). Where people say both
 * (Koziełem and Kozłem), or where the bearer of a surname that is also a noun
 * often keeps the e (Pies: Piesem, not the noun's Psem), the form is marked unsure.
 */
export const MEN_SURNAME_FORMS = table([
  ['wróbel', 'wróblem'],
  ['węgiel', 'węglem'],
  ['szmigiel', 'szmiglem'],
  ['kozieł', 'kozłem', false],
  ['kozioł', 'kozłem', false],
  ['kocioł', 'kotłem', false],
  ['orzeł', 'orłem'],
  ['szczygieł', 'szczygłem'],
  ['paweł', 'pawłem'],
  ['gaweł', 'gawłem'],
  ['stępień', 'stępniem'],
  ['ogień', 'ogniem'],
  ['kwiecień', 'kwietniem', false],
  ['dzień', 'dniem', false],
  ['kamień', 'kamieniem'],
  ['jeleń', 'jeleniem'],
  ['grzebień', 'grzebieniem'],
  ['marzec', 'marcem'],
  ['pies', 'piesem', false],
  ['owies', 'owsem', false],
  ['lew', 'lwem'],
  ['mróz', 'mrozem'],
  ['bóbr', 'bobrem'],
  ['bór', 'borem'],
  ['wół', 'wołem'],
  ['sokół', 'sokołem'],
  ['król', 'królem'],
  ['stróż', 'stróżem'],
  ['żółw', 'żółwiem'],
  ['dąb', 'dębem'],
  ['gołąb', 'gołębiem'],
  ['jastrząb', 'jastrzębiem'],
  ['wąż', 'wężem'],
  ['linde', 'lindem'],
  ['fredro', 'fredrą'],
  ['matejko', 'matejką'],
  ['kościuszko', 'kościuszką'],
  ['moniuszko', 'moniuszką'],
]);

/**
 * Particles of foreign and old noble names ("de Virion", "von Trapp", "van der
 * Berg"): never declined, and the name after them is a foreign one the rules
 * leave to the clerk.
 */
export const PARTICLES = words('de di da del della der den des du la le van von zu ten ter af al el bin ibn');

/** Academic titles typed before a name ("dr Jan Kowalski"): their own declension ("drem") is left to the clerk. */
export const ACADEMIC_TITLES = words('dr mgr inż prof hab lek doc');
