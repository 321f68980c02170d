import { z } from 'zod';
import { OfficePhoneSchema } from '../settings/preferences';
import { officeNameGenitive as declinedOfficeName } from '../polish/office-name';
import type { Profile } from '../settings/profile';

/**
 * What the clerk says, as data (resources/scripts.json) an office can adapt.
 * Templates name their facts in braces — {firstName}, {lastName},
 * {officeName}, {officeNameGenitive} (after "z": "z Powiatowego Urzędu Pracy
 * w Łodzi"), {unit}, {person}, {officePhone} — and the schema checks that
 * each template uses only known facts and every fact the standard requires
 * (§6 pkt 6: a greeting names the clerk, the office and the unit).
 */
export const TEMPLATE_FIELDS = ['firstName', 'lastName', 'officeName', 'officeNameGenitive', 'unit', 'person', 'officePhone'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Partial<Record<TemplateField, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * What an example file leaves for someone to fill in — "do uzupełnienia",
 * «…», an ellipsis, "000", a choice left to the clerk ("Pani / Pana") —
 * never a value a caller may hear. A template
 * names what varies in braces; a fact (a number, a room) with one of these
 * in it is not known.
 */
const FILL_IN_MARKS = /do uzupełnienia|[«»…]|(?<![0-9])000(?![0-9])|\bPan\p{L}* ?\/ ?Pan\p{L}*/iu;

/** The fill-in mark a text holds ("do uzupełnienia", "«", "…", "000"…), or null when it holds none. */
export function fillInMark(text: string): string | null {
  return FILL_IN_MARKS.exec(text)?.[0] ?? null;
}

/** Facts of which a template needs one (the office, named either way). */
function template(required: (TemplateField | TemplateField[])[] = [], forbidden: TemplateField[] = []) {
  return z
    .string()
    .trim()
    .min(3)
    .max(400)
    .superRefine((text, ctx) => {
      const used = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
      for (const name of used) {
        if (!(TEMPLATE_FIELDS as readonly string[]).includes(name)) {
          ctx.addIssue({ code: 'custom', message: `nieznane pole {${name}} (dozwolone: ${TEMPLATE_FIELDS.map((f) => `{${f}}`).join(', ')})` });
        }
      }
      for (const need of required) {
        const either = Array.isArray(need) ? need : [need];
        if (!either.some((name) => used.includes(name))) ctx.addIssue({ code: 'custom', message: `brak wymaganego pola ${either.map((n) => `{${n}}`).join(' ani ')}` });
      }
      for (const name of forbidden) {
        if (used.includes(name)) ctx.addIssue({ code: 'custom', message: `to zdanie mówi się bez pola {${name}} — usuń je` });
      }
      const mark = fillInMark(text);
      if (mark) {
        ctx.addIssue({ code: 'custom', message: `tekst do uzupełnienia („${mark}”) — rozmówca by go usłyszał: wpisz zdanie w całości, a to, co się zmienia, w nawiasach klamrowych` });
      }
    });
}

const GREETING_FACTS: (TemplateField | TemplateField[])[] = ['firstName', 'lastName', ['officeName', 'officeNameGenitive'], 'unit'];

export const ScriptsSchema = z.object({
  version: z.number().int().min(1),
  /**
   * The office's published number, for an office that keeps it in this file;
   * absent, null or empty when not known. The number in the settings wins
   * (see officePhoneInUse in spoken-sentences.ts).
   */
  officePhone: OfficePhoneSchema.optional().transform((phone) => phone ?? null),
  incomingGreeting: template(GREETING_FACTS),
  /** Calling out: "dzwonię z {officeNameGenitive}" where the office's name declines… */
  outgoingGreeting: template(GREETING_FACTS),
  /** …and the name as it is where it does not (an office named otherwise). */
  outgoingGreetingPlain: template(GREETING_FACTS, ['officeNameGenitive']).default('Dzień dobry, nazywam się {firstName} {lastName}, {officeName}, {unit}.'),
  confirmPerson: template(['person']),
  confirmPersonUnnamed: template(),
  goodMoment: template(),
  askCallbackTime: template(),
  someoneElse: template(['firstName', 'lastName', 'officeName', 'officePhone']),
  /** The same message when the office's number is not known: it asks for nothing that needs a number. */
  someoneElseWithoutPhone: template(['firstName', 'lastName', 'officeName'], ['officePhone']).default(
    'Nazywam się {firstName} {lastName}, {officeName}. Proszę przekazać prośbę o kontakt z Urzędem. Dziękuję, do widzenia.',
  ),
  noAnswer: template(),
  sensitiveDataReminder: template(),
  sensitiveDataOffer: template(['officePhone']),
  /** The offer when the office's number is not known. */
  sensitiveDataOfferWithoutPhone: template([], ['officePhone']).default(
    'Jeśli rozmówca chce się upewnić, że dzwoni Urząd, może oddzwonić na numer Urzędu podany na jego stronie internetowej.',
  ),
  closing: template(),
});
export type Scripts = z.output<typeof ScriptsSchema>;

/** Fills a template's braces from `values`; a fact with no value stays visible as "…". */
export function fillTemplate(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name as TemplateField] || '…');
}

type GreetingFacts = Pick<Profile, 'firstName' | 'lastName' | 'unit' | 'officeName'>;

/** The §6 pkt 6 opening for this direction, filled from the clerk's profile. */
export function greetingFor(direction: 'incoming' | 'outgoing', scripts: Scripts, profile: GreetingFacts): string {
  if (direction === 'incoming') return fillTemplate(scripts.incomingGreeting, profile);
  const officeNameGenitive = declinedOfficeName(profile.officeName);
  const needsGenitive = scripts.outgoingGreeting.includes('{officeNameGenitive}');
  if (needsGenitive && !officeNameGenitive) return fillTemplate(scripts.outgoingGreetingPlain, profile);
  return fillTemplate(scripts.outgoingGreeting, { ...profile, ...(officeNameGenitive ? { officeNameGenitive } : {}) });
}
