import { z } from 'zod';

/**
 * A checklist definition is data (resources/checklists/*.json), not code, so
 * an office can adapt wording and weights without a new release.
 *
 * `appliesWhen` keeps the rules that decide whether an item counts for a call
 * in one place: "always", or only when the clerk marks that the call touches
 * personal data (identity must then be verified before any data is given).
 */
export const APPLIES_WHEN = ['always', 'personal-data'] as const;
export type AppliesWhen = (typeof APPLIES_WHEN)[number];

/** A checklist's or an item's id: what records store and the register's columns are named by. */
export const CHECKLIST_ITEM_ID = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,40}$/, 'id: małe litery, cyfry i myślniki, 2–41 znaków');

export const ChecklistItemSchema = z.object({
  id: CHECKLIST_ITEM_ID,
  label: z.string().trim().min(3).max(120),
  hint: z.string().trim().max(240).optional(),
  clause: z.string().trim().max(40).optional(),
  weight: z.number().int().min(1).max(10).default(1),
  appliesWhen: z.enum(APPLIES_WHEN).default('always'),
});

export const ChecklistDefinitionSchema = z
  .object({
    id: CHECKLIST_ITEM_ID,
    version: z.number().int().min(1),
    direction: z.enum(['incoming', 'outgoing', 'shift']),
    title: z.string().trim().min(3).max(80),
    items: z.array(ChecklistItemSchema).min(1).max(9, 'najwyżej 9 punktów (klawisze 1–9)'),
  })
  .superRefine((def, ctx) => {
    const seen = new Set<string>();
    def.items.forEach((item, index) => {
      if (seen.has(item.id)) {
        ctx.addIssue({ code: 'custom', path: ['items', index, 'id'], message: `powtórzony identyfikator „${item.id}”` });
      }
      seen.add(item.id);
    });
  });

export type ChecklistItem = z.output<typeof ChecklistItemSchema>;
export type ChecklistDefinition = z.output<typeof ChecklistDefinitionSchema>;

export function itemApplies(item: Pick<ChecklistItem, 'appliesWhen'>, personalData: boolean): boolean {
  return item.appliesWhen === 'always' || personalData;
}
