import { z } from 'zod';

/**
 * The directory an office keeps of itself (resources/directory.json): its
 * sites, its units and the institutions it routes callers to, and the
 * matters callers ring about — who handles each, whether it is too complex
 * to explain by phone (§6 pkt 6), what to bring to the office, and the words
 * callers use for it. Example content: every extension, room and address is
 * a placeholder an administrator fills in.
 *
 * Cross-references (a matter's unit, a unit's site) and duplicate ids are
 * checked here, so the app and the command-line check report the same
 * problems at the same paths.
 */
const id = z.string().regex(/^[a-z][a-z0-9-]{1,60}$/, 'identyfikator: małe litery, cyfry i myślniki');
const text = (max: number) => z.string().trim().min(1, 'pole nie może być puste').max(max);

export const SiteSchema = z.object({
  id,
  name: text(80),
  address: text(120),
  hours: text(120),
});

export const UnitSchema = z.object({
  id,
  name: text(120),
  /** A unit of this office, or another institution the caller is sent to. */
  kind: z.enum(['office', 'external']),
  site: id.optional(),
  extension: text(40).optional(),
  room: text(40).optional(),
  hours: text(120).optional(),
  phone: text(60).optional(),
  /** What the unit or institution is for, in one line. */
  description: text(240),
});

export const MatterSchema = z.object({
  id,
  title: text(120),
  unit: id,
  complex: z.boolean(),
  /** Words and phrases callers use; the search folds case, diacritics and endings. */
  keywords: z.array(text(80)).min(1, 'potrzebne jest co najmniej jedno słowo kluczowe'),
  documents: z.array(text(160)).default([]),
  /** A plain-language hint for the clerk. */
  hint: text(300).optional(),
});

export const DirectorySchema = z
  .object({
    version: z.number().int().min(1),
    sites: z.array(SiteSchema).min(1),
    units: z.array(UnitSchema).min(1),
    matters: z.array(MatterSchema).min(1),
  })
  .superRefine((dir, ctx) => {
    duplicates(dir.sites, ['sites'], ctx);
    duplicates(dir.units, ['units'], ctx);
    duplicates(dir.matters, ['matters'], ctx);
    const sites = new Set(dir.sites.map((s) => s.id));
    const units = new Map(dir.units.map((u) => [u.id, u]));
    dir.units.forEach((unit, i) => {
      if (unit.site && !sites.has(unit.site)) {
        ctx.addIssue({ code: 'custom', path: ['units', i, 'site'], message: `nieznana lokalizacja „${unit.site}”` });
      }
    });
    dir.matters.forEach((matter, i) => {
      if (!units.has(matter.unit)) {
        ctx.addIssue({ code: 'custom', path: ['matters', i, 'unit'], message: `nieznana komórka „${matter.unit}”` });
      }
    });
  });

export type Directory = z.output<typeof DirectorySchema>;
export type Unit = z.output<typeof UnitSchema>;
export type Matter = z.output<typeof MatterSchema>;

function duplicates(items: { id: string }[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `powtórzony identyfikator „${item.id}”` });
    seen.add(item.id);
  });
}

export const GlossaryTermSchema = z.object({
  id,
  term: text(80),
  /** Other names and spellings callers and clerks use. */
  aliases: z.array(text(80)).default([]),
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
  .superRefine((glossary, ctx) => duplicates(glossary.terms, ['terms'], ctx));

export type Glossary = z.output<typeof GlossarySchema>;
export type GlossaryTerm = z.output<typeof GlossaryTermSchema>;
