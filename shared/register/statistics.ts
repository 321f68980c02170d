import { hadConversation } from '../call/applicability';
import { format } from 'date-fns';
import { CALLBACK_OVERDUE_AFTER_MS } from '../callbacks/callbacks';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import { ITEM_STATE, type RegisterRow } from './register';

/**
 * The compliance summary of a set of calls, for the team lead. Every share
 * is a count out of a count, so the screen and the export can say "12 z 40"
 * and never divide by nothing: a share of nothing is null, shown as "—".
 */
export interface Share {
  count: number;
  of: number;
  /** count / of, or null when `of` is 0. */
  rate: number | null;
}

export interface ItemSummary {
  id: string;
  label: string;
  /** Done (also at wrap-up) out of the calls it applied to. */
  done: Share;
}

export interface RegisterSummary {
  calls: number;
  incoming: number;
  outgoing: number;
  meanDurationSec: number | null;
  medianDurationSec: number | null;
  items: ItemSummary[];
  greetingWithin30s: Share;
  /**
   * Outbound calls where the clerk made sure who they were talking to — the
   * right person confirmed, or someone else recognised as someone else — out
   * of outbound calls that somebody answered.
   */
  identityConfirmedOutbound: Share;
  routed: Share;
  invited: Share;
  callbacksAgreed: number;
  /** Agreed callbacks kept (a call made for them) by 30 minutes after their time, out of those whose time has passed or that were kept. */
  callbacksKeptOnTime: Share;
  /** Items ticked after the call ended, out of all items done. */
  itemsTickedAtWrapUp: Share;
  meanScore: number | null;
  perDay: { day: string; calls: number }[];
  outcomes: Record<Outcome, number>;
  routingTargets: { unitId: string; unitName: string; external: boolean; calls: number }[];
}

export const IDENTITY_ITEM = 'identity-confirmed';

export function share(count: number, of: number): Share {
  return { count, of, rate: of === 0 ? null : count / of };
}

/** A callback moved or called off without a call (a callback-change line): when, and to what. */
export interface CallbackChangeFact {
  at: number;
  change: 'rescheduled' | 'cancelled';
  /** The new time when rescheduled. */
  dueAt: number | null;
}

/**
 * By when a callback had to be kept, after the changes made to it: a move
 * sets a new time, a cancellation takes it out of judgement (null) — but only
 * a change made while the callback was not yet late counts. Moving or
 * calling off a callback already missed does not make it kept on time.
 *
 * @param changes the callback's changes, oldest first
 */
export function callbackDeadline(dueAt: number, changes: readonly CallbackChangeFact[] = []): number | null {
  let deadline = dueAt + CALLBACK_OVERDUE_AFTER_MS;
  for (const change of changes) {
    if (change.at > deadline) break;
    if (change.change === 'cancelled' || change.dueAt === null) return null;
    deadline = change.dueAt + CALLBACK_OVERDUE_AFTER_MS;
  }
  return deadline;
}

/**
 * Whether an agreed callback counts as kept on time, as late, or not at all:
 * called off in time with no call made for it, or its time not yet past.
 *
 * @param keptWhen when the earliest call made for it counts as made (callbacksKept), if any
 * @param changes its moves and cancellation, oldest first
 */
export function callbackKept(dueAt: number, keptWhen: number | undefined, changes: readonly CallbackChangeFact[] | undefined, now: number): 'on-time' | 'late' | null {
  const deadline = callbackDeadline(dueAt, changes);
  if (keptWhen !== undefined && (deadline === null || keptWhen <= deadline)) return 'on-time';
  if (keptWhen !== undefined || (deadline !== null && now > deadline)) return 'late';
  return null;
}

/**
 * @param rows the calls to summarise
 * @param keptAt for each callback (by the id of the call that agreed it), when the earliest call made for it started — over all calls, not only these
 * @param now what "the time has passed" is measured against
 * @param changes for each callback, its moves and cancellation (callbackDeadline), oldest first
 */
export function summarize(
  rows: readonly RegisterRow[],
  keptAt: ReadonlyMap<string, number>,
  now: number,
  changes: ReadonlyMap<string, readonly CallbackChangeFact[]> = new Map(),
): RegisterSummary {
  const durations = new Float64Array(rows.length);
  let durationSum = 0;
  let incoming = 0;
  let greeting = 0;
  let identity = 0;
  let identityOf = 0;
  let routed = 0;
  let invited = 0;
  let callbacksAgreed = 0;
  let kept = 0;
  let keptOf = 0;
  let doneItems = 0;
  let atWrapUp = 0;
  let scoreSum = 0;
  let scored = 0;
  const items = new Map<string, { label: string; done: number; applied: number }>();
  const perDay = new Map<string, number>();
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const targets = new Map<string, { unitId: string; unitName: string; external: boolean; calls: number }>();
  // One date string per distinct day, not per call.
  let lastDayStart = NaN;
  let lastDayEnd = NaN;
  let lastDay = '';

  // An outbound call nobody answered had no greeting and no conversation: it
  // counts as a call, but not for or against what is said in one.
  let spoken = 0;
  rows.forEach((row, n) => {
    durations[n] = row.durationSec;
    durationSum += row.durationSec;
    if (row.direction === 'incoming') incoming++;
    // An outbound call nobody answered had no conversation; a checklist this app does not know cannot be judged.
    const notJudged = !hadConversation(row) || row.trust === 'unknown-checklist';
    if (!notJudged) spoken++;
    if (row.greetingWithin30s && !notJudged) greeting++;
    outcomes[row.outcome]++;
    // Routing and an invitation are facts of a call, whatever outcome was chosen last.
    if (row.routedTo !== null || row.outcome === 'routed') {
      routed++;
      if (row.routedTo) {
        const target = targets.get(row.routedTo.unitId);
        if (target) target.calls++;
        else targets.set(row.routedTo.unitId, { ...row.routedTo, calls: 1 });
      }
    }
    if (row.outcome === 'invited' || row.appointmentAt !== null) invited++;
    if (row.outcome === 'callback' && row.callbackDueAt !== null) {
      callbacksAgreed++;
      const judged = callbackKept(row.callbackDueAt, keptAt.get(row.id), changes.get(row.id), now);
      if (judged !== null) keptOf++;
      if (judged === 'on-time') kept++;
    }
    if (row.score !== null) {
      scoreSum += row.score;
      scored++;
    }
    if (row.direction === 'outgoing' && !notJudged) {
      identityOf++;
      if (row.outboundPerson === 'right' || row.outboundPerson === 'someone-else' || itemDone(row, IDENTITY_ITEM)) identity++;
    }
    for (let i = 0; i < row.states.length && !notJudged; i++) {
      const state = row.states[i];
      if (state === ITEM_STATE.notApplicable) continue;
      const id = row.items.ids[i]!;
      let item = items.get(id);
      if (!item) items.set(id, (item = { label: row.items.labels[i]!, done: 0, applied: 0 }));
      item.applied++;
      const done = state === ITEM_STATE.done || state === ITEM_STATE.doneAtWrapUp;
      if (done) {
        item.done++;
        doneItems++;
        if (state === ITEM_STATE.doneAtWrapUp) atWrapUp++;
      }
    }
    if (!(row.startedAt >= lastDayStart && row.startedAt < lastDayEnd)) {
      const date = new Date(row.startedAt);
      lastDayStart = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
      lastDayEnd = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
      lastDay = format(date, 'yyyy-MM-dd');
    }
    perDay.set(lastDay, (perDay.get(lastDay) ?? 0) + 1);
  });

  return {
    calls: rows.length,
    incoming,
    outgoing: rows.length - incoming,
    meanDurationSec: rows.length === 0 ? null : durationSum / rows.length,
    medianDurationSec: median(durations),
    items: [...items].map(([id, { label, done, applied }]) => ({ id, label, done: share(done, applied) })),
    greetingWithin30s: share(greeting, spoken),
    identityConfirmedOutbound: share(identity, identityOf),
    routed: share(routed, rows.length),
    invited: share(invited, rows.length),
    callbacksAgreed,
    callbacksKeptOnTime: share(kept, keptOf),
    itemsTickedAtWrapUp: share(atWrapUp, doneItems),
    meanScore: scored === 0 ? null : scoreSum / scored,
    perDay: [...perDay].map(([d, calls]) => ({ day: d, calls })).sort((a, b) => (a.day < b.day ? -1 : 1)),
    outcomes,
    routingTargets: [...targets.values()].sort((a, b) => b.calls - a.calls || a.unitName.localeCompare(b.unitName, 'pl')),
  };
}

function itemDone(row: RegisterRow, id: string): boolean {
  const state = row.states[row.items.ids.indexOf(id)];
  return state === ITEM_STATE.done || state === ITEM_STATE.doneAtWrapUp;
}

/**
 * A call made for a callback counts from when it started — by the window's
 * clock, which a forged save could date back — but never earlier than this
 * long before the service stored it, by its own clock.
 */
export const KEEPING_CALL_SAVED_WITHIN_MS = 2 * 3600_000;

/**
 * For each callback, when the earliest call made for it counts as made: its
 * start, or two hours before it was saved if that is later. Only a call of the
 * clerk who agreed the callback keeps it: another clerk's call naming it (a
 * forged link) counts for nothing.
 */
export function callbacksKept(rows: Iterable<RegisterRow>): Map<string, number> {
  const all = [...rows];
  const agreedBy = new Map<string, string>();
  for (const row of all) if (row.outcome === 'callback') agreedBy.set(row.id, row.clerkId);
  const keptAt = new Map<string, number>();
  for (const row of all) {
    if (row.callbackOf === null || agreedBy.get(row.callbackOf) !== row.clerkId) continue;
    const when = Math.max(row.startedAt, row.savedAt - KEEPING_CALL_SAVED_WITHIN_MS);
    const earlier = keptAt.get(row.callbackOf);
    if (earlier === undefined || when < earlier) keptAt.set(row.callbackOf, when);
  }
  return keptAt;
}

function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The filter lists a register offers: every clerk, routed unit and checklist item among its calls. */
export interface RegisterFacets {
  clerks: { id: string; name: string }[];
  units: { id: string; name: string }[];
  items: { id: string; label: string }[];
}

/**
 * The summary's items and routing targets named and ordered as the filter
 * lists have them: an item's label and a unit's name as the register knows
 * them (the newest a unit was given), items in the register's own order —
 * not in whatever order the chosen sort happened to meet them first. So the
 * chart does not reshuffle when the table is sorted another way, and every
 * register (folders, the team database) says it the same.
 */
export function alignWithFacets(summary: RegisterSummary, facets: RegisterFacets): RegisterSummary {
  const place = new Map(facets.items.map((item, i) => [item.id, i]));
  const label = new Map(facets.items.map((item) => [item.id, item.label]));
  const unitName = new Map(facets.units.map((unit) => [unit.id, unit.name]));
  const items = summary.items
    .map((item) => ({ ...item, label: label.get(item.id) ?? item.label }))
    .sort((a, b) => (place.get(a.id) ?? Infinity) - (place.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const routingTargets = summary.routingTargets
    .map((target) => ({ ...target, unitName: unitName.get(target.unitId) ?? target.unitName }))
    .sort((a, b) => b.calls - a.calls || a.unitName.localeCompare(b.unitName, 'pl') || (a.unitId < b.unitId ? -1 : 1));
  return { ...summary, items, routingTargets };
}
