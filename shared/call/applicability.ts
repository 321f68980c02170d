import { GOOD_MOMENT_ITEM_ID, IDENTITY_ITEM_ID } from './call-items';
import type { ChecklistItem } from './checklist';

/**
 * Which checklist items count for a call — one rule, from the call's facts,
 * for the wrap-up, the stored record, the history, the register's figures
 * and charts, the CSV and the printed report alike (and for records stored
 * before it: they are read with it, see checklist-catalog.ts).
 *
 * - An outbound call nobody answered had no conversation: nothing applies,
 *   it has no score ("nie dotyczy") and is left out of every mean.
 * - Someone else answered: the clerk leaves a name and the office's number,
 *   and says nothing of the matter — scored only on what applies to that
 *   (not on confirming the person or asking for a good moment, which the
 *   answer made impossible, nor on what concerns personal data).
 * - Otherwise every item applies, and those about personal data when the
 *   call touched personal data (§6: identity is verified before any data).
 */
export interface CallFacts {
  direction: 'incoming' | 'outgoing';
  /** Outbound: who answered ("right", "someone-else", "no-answer"); null when not said (or incoming). */
  outboundPerson: 'right' | 'someone-else' | 'no-answer' | null;
  personalData: boolean;
}

/** Whether the call had a conversation to judge. */
export function hadConversation(facts: Pick<CallFacts, 'direction' | 'outboundPerson'>): boolean {
  return !(facts.direction === 'outgoing' && facts.outboundPerson === 'no-answer');
}

/** Items that only the person called can make sense of: with someone else on the line they do not apply. */
const ONLY_WITH_THE_PERSON = new Set([IDENTITY_ITEM_ID, GOOD_MOMENT_ITEM_ID]);

export function itemAppliesTo(item: Pick<ChecklistItem, 'id' | 'appliesWhen'>, facts: CallFacts): boolean {
  if (!hadConversation(facts)) return false;
  if (facts.direction === 'outgoing' && facts.outboundPerson === 'someone-else') return item.appliesWhen === 'always' && !ONLY_WITH_THE_PERSON.has(item.id);
  return item.appliesWhen === 'always' || facts.personalData;
}

/** The facts of a call, in the window (its outbound answer may still change until it is saved) or stored. */
export function factsOfCall(call: { direction: CallFacts['direction']; outbound: { person: CallFacts['outboundPerson'] } | null; personalData: boolean }): CallFacts {
  return { direction: call.direction, outboundPerson: call.outbound?.person ?? null, personalData: call.personalData };
}
