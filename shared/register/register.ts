import { endOfMonth, endOfWeek, format, startOfMonth, startOfWeek, subMonths } from 'date-fns';
import { z } from 'zod';
import { factsOfCall, hadConversation } from '../call/applicability';
import type { CallRecord } from '../journal/call-record';
import { verifyRecordedItems, type ChecklistCatalog, type ChecklistTrust, type VerifiedItems } from '../call/checklist-catalog';
import { maskIdentifiers } from '../masking/masking';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import type { PersonAnswer } from '../call/outbound';
import type { RegisterCall, RegisterFolderKind } from './register-api';

/**
 * The team lead's call register (Rejestr rozmów): one compact row per call,
 * the filters over them and the sort orders. Rows are small on purpose — a
 * register holds hundreds of thousands of calls — so a call's checklist is
 * kept as one shared item list plus a short string of states.
 */

/** An item's state in a call: done, done but ticked at wrap-up, not done, or not applicable. */
export const ITEM_STATE = { done: 'd', doneAtWrapUp: 'w', missed: 'x', notApplicable: '-' } as const;
export type ItemState = (typeof ITEM_STATE)[keyof typeof ITEM_STATE];

export interface ItemList {
  ids: readonly string[];
  labels: readonly string[];
}

export interface RegisterRow {
  id: string;
  clerkId: string;
  clerkName: string;
  startedAt: number;
  /** When the service stored it, by its own clock (the window sets startedAt). */
  savedAt: number;
  direction: CallRecord['direction'];
  durationSec: number;
  outcome: Outcome;
  routedTo: { unitId: string; unitName: string; external: boolean } | null;
  appointmentAt: number | null;
  callbackDueAt: number | null;
  callbackOf: string | null;
  outboundPerson: PersonAnswer | null;
  personalData: boolean;
  greetingWithin30s: boolean;
  score: number | null;
  /** Shared between the calls of one checklist version: the item ids and labels. */
  items: ItemList;
  /** One ITEM_STATE character per item of `items`. */
  states: string;
  note: string;
  /** The month file the record came from, `calls/<clerk>/<YYYY-MM>.jsonl`: where an integrity problem is reported. */
  file: string;
  /** Which copy it was read from: this computer, the team folder, an import, the team database. */
  copy: RegisterFolderKind;
  /** Whether its checklist is one this app knows (else its figures are left out) and matched it. */
  trust: ChecklistTrust;
  /** What the record says, wherever it sits in a chain (set by the reader): two copies of one call that differ here are a conflict. */
  digest: string;
}

/**
 * Makes rows, sharing one ItemList among the calls whose checklists list the
 * same items. A call's items, score and greeting are read against its
 * checklist version in the catalog, never taken from the record on trust.
 */
export function createRowMaker(catalog: ChecklistCatalog): (record: CallRecord, file: string, copy: RegisterRow['copy']) => RegisterRow {
  const build = createRowBuilder();
  return (record, file, copy) => build(record, verifyRecordedItems(record, catalog), file, copy);
}

/** Builds a row from a record and what its checklist says of it (see createRowMaker). */
export function createRowBuilder(): (record: CallRecord, verified: VerifiedItems, file: string, copy: RegisterRow['copy']) => RegisterRow {
  const lists = new Map<string, ItemList>();
  const names = new Map<string, string>();
  return (record, { trust, items: recorded, adherence }, file, copy) => {
    const key = recorded.map((i) => `${i.id}\u0000${i.label}`).join('\u0001');
    let items = lists.get(key);
    if (!items) lists.set(key, (items = { ids: recorded.map((i) => i.id), labels: recorded.map((i) => i.label) }));
    const fullName = `${record.clerk.firstName} ${record.clerk.lastName}`;
    let clerkName = names.get(fullName);
    if (clerkName === undefined) names.set(fullName, (clerkName = fullName));
    const trusted = trust !== 'unknown-checklist';
    return {
      id: record.id,
      clerkId: record.clerk.id,
      clerkName,
      startedAt: Date.parse(record.startedAt),
      savedAt: Date.parse(record.savedAt),
      direction: record.direction,
      durationSec: record.durationSec,
      outcome: record.outcome,
      // Masked as the register shows every typed text: a unit's name or id an older app or a file put there reaches no view, chart or filter list.
      routedTo: record.routedTo && { unitId: maskIdentifiers(record.routedTo.unitId).text, unitName: maskIdentifiers(record.routedTo.unitName).text, external: record.routedTo.external },
      appointmentAt: record.invitation?.appointmentAt ? Date.parse(record.invitation.appointmentAt) : null,
      callbackDueAt: record.callback ? Date.parse(record.callback.dueAt) : null,
      callbackOf: record.callbackOf,
      outboundPerson: record.outbound?.person ?? null,
      personalData: record.personalData,
      // A checklist this app does not know cannot be scored: the call counts, its figures do not.
      greetingWithin30s: trusted && adherence.greetingWithin30s,
      score: trusted ? adherence.score : null,
      items,
      states: recorded
        .map((i) => (!trusted || !i.applies ? ITEM_STATE.notApplicable : !i.done ? ITEM_STATE.missed : i.atWrapUp ? ITEM_STATE.doneAtWrapUp : ITEM_STATE.done))
        .join(''),
      note: record.note,
      file,
      copy,
      trust,
      digest: '',
    };
  };
}

/**
 * What an opened row shows of its stored call, read against its checklist
 * version (`verified`, as the row was made): each item done, missed or not
 * applying, with its tick's time and whether it was ticked at wrap-up. A
 * checklist this app does not know shows the items as stored, unjudged.
 */
export function openedCall(row: RegisterRow, record: CallRecord, verified: VerifiedItems): Omit<RegisterCall, 'copy' | 'file' | 'integrity'> {
  const trusted = verified.trust !== 'unknown-checklist';
  const lengthMs = Date.parse(record.endedAt) - Date.parse(record.startedAt);
  return {
    id: record.id,
    clerkName: row.clerkName,
    direction: record.direction,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    durationSec: record.durationSec,
    outboundPerson: record.outbound?.person ?? null,
    goodMoment: record.outbound?.goodMoment ?? null,
    personalData: record.personalData,
    trust: verified.trust,
    items: (trusted ? verified.items : record.items).map((item) => ({
      id: item.id,
      label: item.label,
      state: !item.applies ? 'not-applicable' : item.done ? 'done' : 'missed',
      atMs: item.done ? item.atMs : null,
      // A tick before the end marked as at wrap-up was one of a burst at the very end (compliance.ts).
      mark: !item.done || !item.atWrapUp ? null : item.atMs !== null && item.atMs < lengthMs ? 'late-burst' : 'after-end',
    })),
    outcome: record.outcome,
    // As the row has it: masked where the row was made.
    routedTo: row.routedTo && { unitName: row.routedTo.unitName, external: row.routedTo.external },
    invitation: record.invitation && { appointmentAt: record.invitation.appointmentAt },
    callbackDueAt: record.callback?.dueAt ?? null,
    keepsCallback: record.callbackOf !== null,
    note: maskIdentifiers(record.note).text,
    greetingWithin30s: trusted && hadConversation(factsOfCall(record)) ? verified.adherence.greetingWithin30s : null,
    score: row.score,
  };
}

export function itemState(row: RegisterRow, itemId: string): ItemState | null {
  const index = row.items.ids.indexOf(itemId);
  return index < 0 ? null : (row.states[index] as ItemState);
}

export function missedItems(row: RegisterRow): string[] {
  const missed: string[] = [];
  for (let i = 0; i < row.states.length; i++) if (row.states[i] === ITEM_STATE.missed) missed.push(row.items.labels[i]!);
  return missed;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date');

export const RegisterFilterSchema = z
  .object({
    /** First and last day, inclusive, in the computer's time zone (the office's). */
    from: day.nullable().default(null),
    to: day.nullable().default(null),
    clerkIds: z.array(z.string().max(64)).max(1000).default([]),
    direction: z.enum(['incoming', 'outgoing']).nullable().default(null),
    outcomes: z.array(z.enum(OUTCOMES)).default([]),
    routedUnitIds: z.array(z.string().max(80)).max(1000).default([]),
    /** Calls that missed any item, or this one item. */
    missed: z.string().max(80).nullable().default(null),
  })
  .strict();
export type RegisterFilter = z.output<typeof RegisterFilterSchema>;
export const NO_FILTER: RegisterFilter = RegisterFilterSchema.parse({});
export const MISSED_ANY = '*';

export function rowFilter(filter: RegisterFilter): (row: RegisterRow) => boolean {
  const from = filter.from ? localDayStart(filter.from) : -Infinity;
  const to = filter.to ? localDayStart(filter.to, 1) : Infinity;
  const clerks = filter.clerkIds.length > 0 ? new Set(filter.clerkIds) : null;
  const outcomes = filter.outcomes.length > 0 ? new Set<string>(filter.outcomes) : null;
  const units = filter.routedUnitIds.length > 0 ? new Set(filter.routedUnitIds) : null;
  const { direction, missed } = filter;
  return (row) => {
    if (row.startedAt < from || row.startedAt >= to) return false;
    if (clerks && !clerks.has(row.clerkId)) return false;
    if (direction && row.direction !== direction) return false;
    if (outcomes && !outcomes.has(row.outcome)) return false;
    if (units && !(row.routedTo && units.has(row.routedTo.unitId))) return false;
    if (missed === MISSED_ANY) return row.states.includes(ITEM_STATE.missed);
    if (missed) return itemState(row, missed) === ITEM_STATE.missed;
    return true;
  };
}

/** Local midnight of a day (or of a day after it), in ms; a day with a clock change is 23 or 25 hours long. The register's date filter, in every store. */
export function localDayStart(isoDay: string, daysAfter = 0): number {
  const [y, m, d] = isoDay.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + daysAfter).getTime();
}

export const SORT_KEYS = ['startedAt', 'durationSec', 'clerkName', 'outcome', 'score'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const RegisterSortSchema = z.object({ key: z.enum(SORT_KEYS), descending: z.boolean() }).strict();
export type RegisterSort = z.infer<typeof RegisterSortSchema>;

export function rowComparator({ key, descending }: RegisterSort): (a: RegisterRow, b: RegisterRow) => number {
  const sign = descending ? -1 : 1;
  const value = (row: RegisterRow): number | string => (key === 'score' ? (row.score ?? -1) : row[key]);
  const collator = new Intl.Collator('pl');
  return (a, b) => {
    const x = value(a);
    const y = value(b);
    const primary = typeof x === 'string' ? collator.compare(x, y as string) : x - (y as number);
    // Ties keep time order, newest first, so a sorted page is stable from one request to the next.
    return sign * primary || b.startedAt - a.startedAt || (a.id < b.id ? -1 : 1);
  };
}

export const QUICK_RANGES = ['today', 'this-week', 'last-month'] as const;
export type QuickRange = (typeof QUICK_RANGES)[number];

/** The days of a quick range; weeks start on Monday, as in Poland. */
export function quickRange(range: QuickRange, now: Date): { from: string; to: string } {
  const iso = (d: Date) => format(d, 'yyyy-MM-dd');
  if (range === 'today') return { from: iso(now), to: iso(now) };
  if (range === 'this-week') return { from: iso(startOfWeek(now, { weekStartsOn: 1 })), to: iso(endOfWeek(now, { weekStartsOn: 1 })) };
  const last = subMonths(now, 1);
  return { from: iso(startOfMonth(last)), to: iso(endOfMonth(last)) };
}
