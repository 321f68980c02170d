import { format } from 'date-fns';
import { CALLBACK_OVERDUE_AFTER_MS } from '../callbacks/callbacks';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import { ITEM_STATE, type RegisterRow } from './register';
import { RowChunk } from './row-chunk';
import { RowSet } from './row-set';

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
 * The summary of a list of rows (made elsewhere: a test, a check): the same
 * figures, by the same code, as the register's summary of its columns.
 */
export function summarize(
  rows: readonly RegisterRow[],
  keptAt: ReadonlyMap<string, number>,
  now: number,
  changes: ReadonlyMap<string, readonly CallbackChangeFact[]> = new Map(),
): RegisterSummary {
  const set = new RowSet([RowChunk.fromRows(rows)]);
  return summarizeRows(set, set.all(), keptAt, now, changes);
}

/**
 * @param set where the rows are
 * @param rows the calls to summarise, by row number in `set`
 * @param keptAt for each callback (by the id of the call that agreed it), when the earliest call made for it started — over all calls, not only these
 * @param now what "the time has passed" is measured against
 * @param changes for each callback, its moves and cancellation (callbackDeadline), oldest first
 */
export function summarizeRows(
  set: RowSet,
  rows: Uint32Array,
  keptAt: ReadonlyMap<string, number>,
  now: number,
  changes: ReadonlyMap<string, readonly CallbackChangeFact[]> = new Map(),
): RegisterSummary {
  const count = rows.length;
  const durations = new Float64Array(count);
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
  let scoreSum = 0;
  let scored = 0;
  const outcomeCounts = new Float64Array(OUTCOMES.length);
  const targets = new Map<string, Target>();
  const days = new DayCounter();
  // A call's items count by its checklist version and the states of its items: counted per pair here, read item by item once per pair below.
  const patterns = new Map<RowChunk, Map<number, number>>();
  const identityDone = new Map<RowChunk, Map<number, boolean>>();
  const unitTargets = new Map<RowChunk, Target[]>();
  const CALLBACK = OUTCOMES.indexOf('callback');
  const ROUTED = OUTCOMES.indexOf('routed');
  const INVITED = OUTCOMES.indexOf('invited');

  for (let n = 0; n < count; n++) {
    const row = rows[n]!;
    const chunk = set.chunk(row);
    const i = set.local(row);
    const col = chunk.columns;
    const durationSec = col.durationSec[i]!;
    durations[n] = durationSec;
    durationSum += durationSec;
    const outgoing = col.direction[i] === 1;
    if (!outgoing) incoming++;
    // An outbound call nobody answered had no conversation; a checklist this app does not know cannot be judged.
    const person = chunk.outboundPerson(i);
    const notJudged = (outgoing && person === 'no-answer') || chunk.trust(i) === 'unknown-checklist';
    if (!notJudged && (col.flags[i]! & 2) !== 0) greeting++;
    const outcome = col.outcome[i]!;
    outcomeCounts[outcome] = outcomeCounts[outcome]! + 1;
    // Routing and an invitation are facts of a call, whatever outcome was chosen last.
    const unit = chunk.unitNumber(i);
    if (unit >= 0 || outcome === ROUTED) {
      routed++;
      if (unit >= 0) {
        let byUnit = unitTargets.get(chunk);
        if (!byUnit) unitTargets.set(chunk, (byUnit = []));
        let target = byUnit[unit];
        if (!target) {
          const [unitId, unitName, external] = chunk.tables.units[unit]!;
          target = targets.get(unitId);
          if (!target) targets.set(unitId, (target = { unitId, unitName, external, calls: 0 }));
          byUnit[unit] = target;
        }
        target.calls++;
      }
    }
    if (outcome === INVITED || !Number.isNaN(col.appointmentAt[i]!)) invited++;
    const dueAt = col.callbackDueAt[i]!;
    if (outcome === CALLBACK && !Number.isNaN(dueAt)) {
      callbacksAgreed++;
      const id = chunk.id(i);
      const judged = callbackKept(dueAt, keptAt.get(id), changes.get(id), now);
      if (judged !== null) keptOf++;
      if (judged === 'on-time') kept++;
    }
    const score = col.score[i]!;
    if (!Number.isNaN(score)) {
      scoreSum += score;
      scored++;
    }
    if (!notJudged) {
      const pattern = col.list[i]! * chunk.tables.stateTexts.length + col.states[i]!;
      let counts = patterns.get(chunk);
      if (!counts) patterns.set(chunk, (counts = new Map()));
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
      if (outgoing) {
        identityOf++;
        let done = identityDone.get(chunk);
        if (!done) identityDone.set(chunk, (done = new Map()));
        let confirmed = done.get(pattern);
        if (confirmed === undefined) done.set(pattern, (confirmed = itemDone(chunk.items(i).ids, chunk.states(i), IDENTITY_ITEM)));
        if (person === 'right' || person === 'someone-else' || confirmed) identity++;
      }
    }
    days.add(col.startedAt[i]!);
  }

  const items = new Map<string, { label: string; done: number; applied: number }>();
  let doneItems = 0;
  let atWrapUp = 0;
  for (const [chunk, counts] of patterns) {
    const width = chunk.tables.stateTexts.length;
    for (const [pattern, calls] of counts) {
      const list = chunk.tables.lists[Math.floor(pattern / width)]!;
      const states = chunk.tables.stateTexts[pattern % width]!;
      for (let k = 0; k < states.length; k++) {
        const state = states[k];
        if (state === ITEM_STATE.notApplicable) continue;
        const id = list.ids[k]!;
        let item = items.get(id);
        if (!item) items.set(id, (item = { label: list.labels[k]!, done: 0, applied: 0 }));
        item.applied += calls;
        if (state === ITEM_STATE.done || state === ITEM_STATE.doneAtWrapUp) {
          item.done += calls;
          doneItems += calls;
          if (state === ITEM_STATE.doneAtWrapUp) atWrapUp += calls;
        }
      }
    }
  }
  const spoken = [...patterns.values()].reduce((sum, counts) => sum + [...counts.values()].reduce((a, b) => a + b, 0), 0);

  return {
    calls: count,
    incoming,
    outgoing: count - incoming,
    meanDurationSec: count === 0 ? null : durationSum / count,
    medianDurationSec: median(durations),
    items: [...items].map(([id, { label, done, applied }]) => ({ id, label, done: share(done, applied) })),
    greetingWithin30s: share(greeting, spoken),
    identityConfirmedOutbound: share(identity, identityOf),
    routed: share(routed, count),
    invited: share(invited, count),
    callbacksAgreed,
    callbacksKeptOnTime: share(kept, keptOf),
    itemsTickedAtWrapUp: share(atWrapUp, doneItems),
    meanScore: scored === 0 ? null : scoreSum / scored,
    perDay: days.list(),
    outcomes: Object.fromEntries(OUTCOMES.map((o, k) => [o, outcomeCounts[k]!])) as Record<Outcome, number>,
    routingTargets: [...targets.values()].sort((a, b) => b.calls - a.calls || a.unitName.localeCompare(b.unitName, 'pl')),
  };
}

type Target = RegisterSummary['routingTargets'][number];

function itemDone(ids: readonly string[], states: string, id: string): boolean {
  const state = states[ids.indexOf(id)];
  return state === ITEM_STATE.done || state === ITEM_STATE.doneAtWrapUp;
}

/** Calls per local day. A day's name is worked out once per quarter of an hour met (every time zone's midnight falls on one), not once per call. */
class DayCounter {
  private readonly counts = new Map<string, number>();
  private readonly quarters = new Map<number, string>();

  add(ms: number): void {
    const quarter = Math.floor(ms / QUARTER_MS);
    let day = this.quarters.get(quarter);
    if (day === undefined) {
      const date = new Date(ms);
      day = format(date, 'yyyy-MM-dd');
      const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
      const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
      // Only a quarter wholly inside the day is remembered (an old zone's offset in odd minutes is not).
      if (quarter * QUARTER_MS >= start && (quarter + 1) * QUARTER_MS <= end) this.quarters.set(quarter, day);
    }
    this.counts.set(day, (this.counts.get(day) ?? 0) + 1);
  }

  list(): { day: string; calls: number }[] {
    return [...this.counts].map(([day, calls]) => ({ day, calls })).sort((a, b) => (a.day < b.day ? -1 : 1));
  }
}

const QUARTER_MS = 15 * 60_000;

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
  const set = new RowSet([RowChunk.fromRows([...rows])]);
  return callbacksKeptRows(set, set.all());
}

/** callbacksKept over rows of a RowSet: only the calls that name a callback, and the callbacks named, are looked at one by one. */
export function callbacksKeptRows(set: RowSet, rows: Uint32Array): Map<string, number> {
  const inRows = new Uint8Array(set.total);
  for (const row of rows) inRows[row] = 1;
  const keeping: { row: number; of: string }[] = [];
  set.chunks.forEach((chunk, c) => {
    for (const [i, of] of chunk.callbackOf) if (inRows[set.rowOf(c, i)]) keeping.push({ row: set.rowOf(c, i), of });
  });
  const keptAt = new Map<string, number>();
  if (keeping.length === 0) return keptAt;
  const named = new Set(keeping.map((k) => k.of));
  const agreedBy = new Map<string, string>();
  const CALLBACK = OUTCOMES.indexOf('callback');
  for (const row of rows) {
    const chunk = set.chunk(row);
    const i = set.local(row);
    if (chunk.columns.outcome[i] !== CALLBACK) continue;
    const id = chunk.id(i);
    if (named.has(id)) agreedBy.set(id, chunk.clerkId(i));
  }
  for (const { row, of } of keeping) {
    const chunk = set.chunk(row);
    const i = set.local(row);
    if (agreedBy.get(of) !== chunk.clerkId(i)) continue;
    const when = Math.max(chunk.columns.startedAt[i]!, chunk.columns.savedAt[i]! - KEEPING_CALL_SAVED_WITHIN_MS);
    const earlier = keptAt.get(of);
    if (earlier === undefined || when < earlier) keptAt.set(of, when);
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
