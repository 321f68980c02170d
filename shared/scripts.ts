import { z } from 'zod';
import type { Profile } from './profile';

/**
 * What the clerk says, as data (resources/scripts.json) an office can adapt.
 * Templates name their facts in braces — {firstName}, {lastName},
 * {officeName}, {unit}, {person}, {officePhone} — and the schema checks that
 * each template uses only known facts and every fact the standard requires
 * (§6 pkt 6: a greeting names the clerk, the office and the unit).
 */
export const TEMPLATE_FIELDS = ['firstName', 'lastName', 'officeName', 'unit', 'person', 'officePhone'] as const;
export type TemplateField = (typeof TEMPLATE_FIELDS)[number];
export type TemplateValues = Partial<Record<TemplateField, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

function template(required: TemplateField[] = []) {
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
      for (const name of required) {
        if (!used.includes(name)) ctx.addIssue({ code: 'custom', message: `brak wymaganego pola {${name}}` });
      }
    });
}

const GREETING_FACTS: TemplateField[] = ['firstName', 'lastName', 'officeName', 'unit'];

export const ScriptsSchema = z.object({
  version: z.number().int().min(1),
  /** The office's published number, said when leaving a message; a placeholder until IT fills it in. */
  officePhone: z.string().trim().min(1).max(60),
  incomingGreeting: template(GREETING_FACTS),
  outgoingGreeting: template(GREETING_FACTS),
  confirmPerson: template(['person']),
  confirmPersonUnnamed: template(),
  goodMoment: template(),
  askCallbackTime: template(),
  someoneElse: template(['firstName', 'lastName', 'officeName', 'officePhone']),
  noAnswer: template(),
  sensitiveDataReminder: template(),
  sensitiveDataOffer: template(['officePhone']),
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
  return fillTemplate(direction === 'incoming' ? scripts.incomingGreeting : scripts.outgoingGreeting, profile);
}
