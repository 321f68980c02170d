import { format } from 'date-fns';
import { CALLBACK_OVERDUE_AFTER_MS } from '../callbacks/callbacks';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import { PERSON_ANSWERS } from '../call/outbound';
import { CHECKLIST_TRUST } from '../call/checklist-catalog';
import { ITEM_STATE, type RegisterRow } from './register';
import { FLAG_DATES, RowChunk } from './row-chunk';
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
 * @param rowOf the row of an id (the register's table of ids): the callbacks named in `keptAt` and `changes` are found once, not every call's id made into text
 *
 * One pass over typed arrays: what depends only on a chunk's tables (its
 * checklist versions and item states, its units) is counted per entry and
 * read out once at the end.
 */
export function summarizeRows(
  set: RowSet,
  rows: Uint32Array,
  keptAt: ReadonlyMap<string, number>,
  now: number,
  changes: ReadonlyMap<string, readonly CallbackChangeFact[]> = new Map(),
  rowOf?: (id: string) => number,
): RegisterSummary {
  const count = rows.length;
  const chunks = set.chunks;
  // Each chunk's (checklist version, states) pairs get a slot in one array of counts; so do its units.
  const patternBase = new Float64Array(chunks.length + 1);
  const unitBase = new Float64Array(chunks.length + 1);
  chunks.forEach((chunk, c) => {
    patternBase[c + 1] = patternBase[c]! + chunk.tables.lists.length * chunk.tables.stateTexts.length;
    unitBase[c + 1] = unitBase[c]! + chunk.tables.units.length;
  });
  const judgedCalls = new Float64Array(patternBase[chunks.length]!);
  const outgoingUnconfirmed = new Float64Array(patternBase[chunks.length]!);
  const targetOf = new Int32Array(unitBase[chunks.length]!).fill(-1);
  const targetList: Target[] = [];
  const targets = new Map<string, number>();
  // The callbacks whose keeping or changes are known, by row; every other callback is judged on its own time.
  let known: Map<number, string> | null = null;
  if (rowOf) {
    known = new Map();
    for (const id of [...keptAt.keys(), ...changes.keys()]) {
      const row = rowOf(id);
      if (row >= 0) known.set(row, id);
    }
  }

  const durations = new Float64Array(count);
  const outcomeCounts = new Float64Array(OUTCOMES.length);
  const days = new DayCounter();
  let durationSum = 0;
  let incoming = 0;
  let greeting = 0;
  let spoken = 0;
  let identity = 0;
  let identityOf = 0;
  let routed = 0;
  let invited = 0;
  let callbacksAgreed = 0;
  let kept = 0;
  let keptOf = 0;
  let scoreSum = 0;
  let scored = 0;
  const CALLBACK = OUTCOMES.indexOf('callback');
  const ROUTED = OUTCOMES.indexOf('routed');
  const INVITED = OUTCOMES.indexOf('invited');
  const RIGHT = PERSON_ANSWERS.indexOf('right');
  const SOMEONE_ELSE = PERSON_ANSWERS.indexOf('someone-else');
  const NO_ANSWER = PERSON_ANSWERS.indexOf('no-answer');
  const UNKNOWN = CHECKLIST_TRUST.indexOf('unknown-checklist');

  // Nothing here depends on the order of the rows: they are visited chunk by chunk, column by column, as they lie in memory.
  const selected = new Uint8Array(set.total);
  for (const row of rows) selected[row] = 1;
  let n = 0;
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const col = chunk.columns;
    const base = set.rowOf(c, 0);
    for (let i = 0; i < chunk.count; i++) {
      const row = base + i;
      if (selected[row] === 0) continue;
      const durationSec = col.durationSec[i]!;
      durations[n++] = durationSec;
      durationSum += durationSec;
      const outgoing = col.direction[i] === 1;
      if (!outgoing) incoming++;
      // An outbound call nobody answered had no conversation; a checklist this app does not know cannot be judged.
      const person = col.person[i]!;
      const judged = !(outgoing && person === NO_ANSWER) && col.trust[i] !== UNKNOWN;
      const outcome = col.outcome[i]!;
      outcomeCounts[outcome] = outcomeCounts[outcome]! + 1;
      // Routing and an invitation are facts of a call, whatever outcome was chosen last.
      const unit = col.unit[i]!;
      const routedToUnit = unit !== 0xffffffff;
      if (routedToUnit || outcome === ROUTED) {
        routed++;
        if (routedToUnit) {
          const slot = unitBase[c]! + unit;
          let target = targetOf[slot]!;
          if (target < 0) {
            // Named as the facets name it (alignWithFacets); external if any call says so, as the database counts it (bool_or).
            const [unitId, unitName, external] = chunk.tables.units[unit]!;
            target = targets.get(unitId) ?? -1;
            if (target < 0) {
              target = targetList.push({ unitId, unitName, external, calls: 0 }) - 1;
              targets.set(unitId, target);
            }
            targetList[target]!.external ||= external;
            targetOf[slot] = target;
          }
          targetList[target]!.calls++;
        }
      }
      const dated = (col.flags[i]! & FLAG_DATES) !== 0;
      if (outcome === INVITED || (dated && !Number.isNaN(chunk.appointmentAt(i)))) invited++;
      const dueAt = dated ? chunk.callbackDueAt(i) : NaN;
      if (outcome === CALLBACK && !Number.isNaN(dueAt)) {
        callbacksAgreed++;
        const id = known ? known.get(row) : chunk.id(i);
        const judgedCallback = callbackKept(dueAt, id === undefined ? undefined : keptAt.get(id), id === undefined ? undefined : changes.get(id), now);
        if (judgedCallback !== null) keptOf++;
        if (judgedCallback === 'on-time') kept++;
      }
      const score = col.score[i]!;
      if (!Number.isNaN(score)) {
        scoreSum += score;
        scored++;
      }
      if (judged) {
        spoken++;
        if ((col.flags[i]! & 2) !== 0) greeting++;
        const pattern = patternBase[c]! + col.list[i]! * chunk.tables.stateTexts.length + col.states[i]!;
        judgedCalls[pattern] = judgedCalls[pattern]! + 1;
        if (outgoing) {
          identityOf++;
          // Who answered says it; else the identity item, once per pattern below.
          if (person === RIGHT || person === SOMEONE_ELSE) identity++;
          else outgoingUnconfirmed[pattern] = outgoingUnconfirmed[pattern]! + 1;
        }
      }
      days.add(col.startedAt[i]!);
    }
  }

  const items = new Map<string, { label: string; done: number; applied: number }>();
  let doneItems = 0;
  let atWrapUp = 0;
  chunks.forEach((chunk, c) => {
    const width = chunk.tables.stateTexts.length;
    for (let pattern = patternBase[c]!; pattern < patternBase[c + 1]!; pattern++) {
      const calls = judgedCalls[pattern]!;
      if (calls === 0) continue;
      const local = pattern - patternBase[c]!;
      const list = chunk.tables.lists[Math.floor(local / width)]!;
      const states = chunk.tables.stateTexts[local % width]!;
      if (outgoingUnconfirmed[pattern]! > 0 && itemDone(list.ids, states, IDENTITY_ITEM)) identity += outgoingUnconfirmed[pattern]!;
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
  });

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
    routingTargets: targetList.sort((a, b) => b.calls - a.calls || a.unitName.localeCompare(b.unitName, 'pl')),
  };
}

type Target = RegisterSummary['routingTargets'][number];

function itemDone(ids: readonly string[], states: string, id: string): boolean {
  const state = states[ids.indexOf(id)];
  return state === ITEM_STATE.done || state === ITEM_STATE.doneAtWrapUp;
}

/** Calls per local day. A day's name is worked out once per quarter of an hour met (every time zone's midnight falls on one), not once per call. */
class DayCounter {
  private readonly names: string[] = [];
  private readonly numbers = new Map<string, number>();
  private counts = new Float64Array(64);
  private readonly quarters = new Map<number, number>();
  private lastQuarter = NaN;
  private lastDay = -1;

  add(ms: number): void {
    const quarter = Math.floor(ms / QUARTER_MS);
    let day = quarter === this.lastQuarter ? this.lastDay : (this.quarters.get(quarter) ?? -1);
    if (day < 0) {
      const date = new Date(ms);
      const name = format(date, 'yyyy-MM-dd');
      day = this.numbers.get(name) ?? -1;
      if (day < 0) {
        day = this.names.push(name) - 1;
        this.numbers.set(name, day);
        if (day >= this.counts.length) {
          const grown = new Float64Array(this.counts.length * 2);
          grown.set(this.counts);
          this.counts = grown;
        }
      }
      const start = new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
      const end = new Date(date.getFullYear(), date.getMonth(), date.getDate() + 1).getTime();
      // Only a quarter wholly inside the day is remembered (an old zone's offset in odd minutes is not).
      if (quarter * QUARTER_MS >= start && (quarter + 1) * QUARTER_MS <= end) {
        this.quarters.set(quarter, day);
        this.lastQuarter = quarter;
        this.lastDay = day;
      }
    }
    this.counts[day] = this.counts[day]! + 1;
  }

  list(): { day: string; calls: number }[] {
    return this.names.map((day, k) => ({ day, calls: this.counts[k]! })).sort((a, b) => (a.day < b.day ? -1 : 1));
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
