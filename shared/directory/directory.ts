import { z } from 'zod';

/**
 * The directory an office keeps of itself (resources/directory.json): its
 * sites, its units and the institutions it routes callers to, and the
 * matters callers ring about — who handles each, whether it is too complex
 * to explain by phone (§6 pkt 6), what to bring to the office, the words
 * callers use for it, and where what it says comes from (`source`, and the
 * day someone last checked it against that source, `checked`). Example
 * content: an extension, room, phone number or opening hours nobody has
 * filled in is left out — unknown — and a sentence that would say it is
 * not said (spoken-sentences.ts).
 *
 * Cross-references (a matter's unit, a unit's site) and duplicate ids are
 * checked here, so the app and the command-line check report the same
 * problems at the same paths.
 */
const id = z.string().regex(/^[a-z][a-z0-9-]{1,60}$/, 'identyfikator: małe litery, cyfry i myślniki');
const text = (max: number) => z.string().trim().min(1, 'pole nie może być puste').max(max);
/** What an entry is called: something to read (a title of a zero-width space alone is none). */
const named = (max: number) =>
  text(max)
    // A letter that shows as nothing (the Hangul fillers, the Braille blank) is no letter to read.
    .refine((value) => value === '' || /[\p{L}\p{N}]/u.test(value.replace(/[\u115f\u1160\u3164\uffa0\u2800]/g, '')), 'nazwa musi zawierać literę lub cyfrę')
    // Marks that turn text around would make a name read otherwise than it is.
    .refine((value) => !/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(value), 'nazwa nie może zawierać znaków zmieniających kierunek tekstu');
/** An item of a list (a keyword, a document): `|` is what separates items in the spreadsheet (directory-tables.ts). */
const listItem = (max: number) => text(max).refine((item) => !/[|\r\n]/.test(item), 'pozycja listy nie może zawierać znaku „|” ani końca wiersza — w arkuszu rozdzielają one pozycje');

/** The years a directory's day may fall in: a typo like 2062 or 9999 would keep a matter "checked" for decades. */
export const DIRECTORY_YEARS = { first: 2000, last: 2100 } as const;

/** A calendar day written as the standard has it, 2026-12-07: a real day, not 2026-02-30, of this century. */
export const IsoDateSchema = z.string().superRefine((value, ctx) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return void ctx.addIssue({ code: 'custom', message: 'data w postaci RRRR-MM-DD, np. 2026-12-07' });
  const year = Number(match[1]);
  if (year < DIRECTORY_YEARS.first || year > DIRECTORY_YEARS.last) {
    return void ctx.addIssue({ code: 'custom', message: `rok poza zakresem ${DIRECTORY_YEARS.first}–${DIRECTORY_YEARS.last}: ${value}` });
  }
  const day = new Date(Date.UTC(year, Number(match[2]) - 1, Number(match[3])));
  if (day.toISOString().slice(0, 10) !== value) ctx.addIssue({ code: 'custom', message: `taki dzień nie istnieje: ${value}` });
});

/** A caller's sentence as the lead writes it down: a long one, not a page. */
export const MAX_EXAMPLE_CHARS = 300;

export const SiteSchema = z.object({
  id,
  /** What tells the site apart ("Siedziba Urzędu"); shown with the address, so it need not repeat the street. */
  name: named(80),
  address: text(120),
  /** Absent when not known. */
  hours: text(120).optional(),
});

export const UnitSchema = z.object({
  id,
  name: named(120),
  /** A unit of this office, or another institution the caller is sent to. */
  kind: z.enum(['office', 'external']),
  site: id.optional(),
  /** How to reach the unit or institution; each absent when not known (never a placeholder). */
  extension: text(40).optional(),
  room: text(40).optional(),
  hours: text(120).optional(),
  phone: text(60).optional(),
  /** What the unit or institution is for, in one line. */
  description: text(240),
});

export const MatterSchema = z.object({
  id,
  title: named(120),
  unit: id,
  complex: z.boolean(),
  /** Words and phrases callers use; the search folds case, diacritics and endings. */
  keywords: z.array(listItem(80)).min(1, 'potrzebne jest co najmniej jedno słowo kluczowe'),
  documents: z.array(listItem(160)).default([]),
  /**
   * Sentences as callers say them that must find this matter first: not
   * searched (keywords are), but checked against the search on every save
   * of the directory editor, so a change elsewhere that moves one is seen.
   */
  examples: z.array(listItem(MAX_EXAMPLE_CHARS)).default([]),
  /** A plain-language hint for the clerk. */
  hint: text(400).optional(),
  /**
   * Where what the matter says comes from: the act and article, or the
   * title and publisher of a public page. The built-in directory has one
   * for every matter; an office's own file may leave it out.
   */
  source: text(400).optional(),
  /** The day the matter was last checked against its source (RRRR-MM-DD). */
  checked: IsoDateSchema.optional(),
  /** The day it is due for checking again; absent: a year after `checked` (freshness.ts). */
  reviewBy: IsoDateSchema.optional(),
  /** The office unit that keeps the entry true (the one the matter goes to, when absent). */
  owner: id.optional(),
});

export const DirectorySchema = z
  .object({
    version: z.number().int().min(1),
    sites: z.array(SiteSchema).min(1),
    units: z.array(UnitSchema).min(1),
    matters: z.array(MatterSchema).min(1),
  })
  .superRefine((dir, ctx) => directoryCrossProblems(dir, reportTo(ctx)));

export type Directory = z.output<typeof DirectorySchema>;
export type Site = z.output<typeof SiteSchema>;
export type Unit = z.output<typeof UnitSchema>;
export type Matter = z.output<typeof MatterSchema>;

/** Where a problem across entries is, and what it is: the schema adds it as an issue, the file check lists it as it is. */
export type CrossProblemSink = (path: (string | number)[], message: string) => void;

const reportTo = (ctx: z.RefinementCtx): CrossProblemSink => (path, message) => ctx.addIssue({ code: 'custom', path, message });

/**
 * What the directory's entries must agree on across lists: ids once each,
 * units at known sites, matters at known units. Plain code beside the schema
 * so an office file's check can run it over entries it checked one by one
 * and keep thousands of problems as plain objects (made into zod's issues
 * they held the event loop for tens of milliseconds).
 */
export function directoryCrossProblems(
  dir: { sites: { id: string }[]; units: { id: string; site?: string; kind?: string }[]; matters: { id: string; unit: string; owner?: string; checked?: string; reviewBy?: string }[] },
  report: CrossProblemSink,
): void {
  duplicates(dir.sites, ['sites'], report);
  duplicates(dir.units, ['units'], report);
  duplicates(dir.matters, ['matters'], report);
  const sites = new Set(dir.sites.map((s) => s.id));
  const units = new Set(dir.units.map((u) => u.id));
  dir.units.forEach((unit, i) => {
    if (unit.site && !sites.has(unit.site)) report(['units', i, 'site'], `nieznana lokalizacja „${unit.site}”`);
  });
  const officeUnits = new Set(dir.units.filter((u) => u.kind !== 'external').map((u) => u.id));
  dir.matters.forEach((matter, i) => {
    if (!units.has(matter.unit)) report(['matters', i, 'unit'], `nieznana komórka „${matter.unit}”`);
    // An institution outside the office cannot keep the office's entry: the owner is one of its own units.
    if (matter.owner !== undefined && !units.has(matter.owner)) report(['matters', i, 'owner'], `nieznana komórka „${matter.owner}”`);
    else if (matter.owner !== undefined && !officeUnits.has(matter.owner)) report(['matters', i, 'owner'], `właścicielem wpisu może być tylko komórka Urzędu, nie „${matter.owner}”`);
    // Only two real days are compared: a day that does not exist is told as such at its own field, once.
    const realDays = matter.checked !== undefined && matter.reviewBy !== undefined && IsoDateSchema.safeParse(matter.checked).success && IsoDateSchema.safeParse(matter.reviewBy).success;
    if (realDays && matter.reviewBy! < matter.checked!) {
      report(['matters', i, 'reviewBy'], `termin ponownego sprawdzenia (${matter.reviewBy}) jest przed dniem sprawdzenia (${matter.checked})`);
    }
  });
}

/** What a glossary's terms must agree on: ids once each. */
export function glossaryCrossProblems(glossary: { terms: { id: string }[] }, report: CrossProblemSink): void {
  duplicates(glossary.terms, ['terms'], report);
}

function duplicates(items: { id: string }[], path: (string | number)[], report: CrossProblemSink): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) report([...path, i, 'id'], `powtórzony identyfikator „${item.id}”`);
    seen.add(item.id);
  });
}

export const GlossaryTermSchema = z.object({
  id,
  term: named(80),
  /** Other names and spellings callers and clerks use. */
  aliases: z.array(listItem(80)).default([]),
  /** One sentence of plain Polish (§6 pkt 5, §4 pkt 8). */
  explanation: text(300),
  /** How to say it to a caller. */
  sayIt: text(300),
});

export const GlossarySchema = z
  .object({
    version: z.number().int().min(1),
    terms: z.array(GlossaryTermSchema).min(1),
  })
  .superRefine((glossary, ctx) => glossaryCrossProblems(glossary, reportTo(ctx)));

export type Glossary = z.output<typeof GlossarySchema>;
export type GlossaryTerm = z.output<typeof GlossaryTermSchema>;
