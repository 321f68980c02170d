import { OUTCOMES, type Outcome } from '../../shared/call/outcomes';
import { PERSON_ANSWERS, type PersonAnswer } from '../../shared/call/outbound';
import { CHECKLIST_TRUST, type ChecklistTrust } from '../../shared/call/checklist-catalog';
import type { ItemList, RegisterRow } from '../../shared/register/register';
import type { RegisterFolderKind } from '../../shared/register/register-api';

/**
 * The rows of one month file as the register index keeps them: a column per
 * field, and what repeats from row to row (the clerk's name, the routed
 * units, the checklist versions, the states of their items) written once and
 * referred to by number. A hundred thousand rows are a few arrays to parse,
 * not a hundred thousand objects of twenty keys.
 */
export interface EncodedRows {
  count: number;
  file: string;
  id: string[];
  digest: string[];
  note: string[];
  callbackOf: (string | null)[];
  startedAt: number[];
  savedAt: number[];
  durationSec: number[];
  appointmentAt: (number | null)[];
  callbackDueAt: (number | null)[];
  score: (number | null)[];
  /** 0 incoming, 1 outgoing. */
  direction: number[];
  /** Index in OUTCOMES. */
  outcome: number[];
  /** Index in PERSON_ANSWERS, -1 for none. */
  person: number[];
  /** Bits: 1 personal data, 2 greeting within 30 s. */
  flags: number[];
  /** Index in CHECKLIST_TRUST. */
  trust: number[];
  names: string[];
  name: number[];
  units: [unitId: string, unitName: string, external: boolean][];
  /** Index in units, -1 for none. */
  unit: number[];
  lists: [ids: string[], labels: string[]][];
  list: number[];
  stateTexts: string[];
  states: number[];
}

const DIRECTIONS = ['incoming', 'outgoing'] as const;

export function encodeRows(rows: readonly RegisterRow[]): EncodedRows {
  const names = new Numbering<string>();
  const units = new Numbering<string>();
  const unitList: EncodedRows['units'] = [];
  const lists = new Numbering<ItemList>();
  const stateTexts = new Numbering<string>();
  const encoded: EncodedRows = {
    count: rows.length,
    file: rows[0]?.file ?? '',
    id: [],
    digest: [],
    note: [],
    callbackOf: [],
    startedAt: [],
    savedAt: [],
    durationSec: [],
    appointmentAt: [],
    callbackDueAt: [],
    score: [],
    direction: [],
    outcome: [],
    person: [],
    flags: [],
    trust: [],
    names: [],
    name: [],
    units: unitList,
    unit: [],
    lists: [],
    list: [],
    stateTexts: [],
    states: [],
  };
  for (const row of rows) {
    encoded.id.push(row.id);
    encoded.digest.push(row.digest);
    encoded.note.push(row.note);
    encoded.callbackOf.push(row.callbackOf);
    encoded.startedAt.push(row.startedAt);
    encoded.savedAt.push(row.savedAt);
    encoded.durationSec.push(row.durationSec);
    encoded.appointmentAt.push(row.appointmentAt);
    encoded.callbackDueAt.push(row.callbackDueAt);
    encoded.score.push(row.score);
    encoded.direction.push(DIRECTIONS.indexOf(row.direction));
    encoded.outcome.push(OUTCOMES.indexOf(row.outcome));
    encoded.person.push(row.outboundPerson === null ? -1 : PERSON_ANSWERS.indexOf(row.outboundPerson));
    encoded.flags.push((row.personalData ? 1 : 0) | (row.greetingWithin30s ? 2 : 0));
    encoded.trust.push(CHECKLIST_TRUST.indexOf(row.trust));
    encoded.name.push(names.of(row.clerkName));
    if (row.routedTo) {
      const key = JSON.stringify([row.routedTo.unitId, row.routedTo.unitName, row.routedTo.external]);
      const number = units.of(key);
      if (number === unitList.length) unitList.push([row.routedTo.unitId, row.routedTo.unitName, row.routedTo.external]);
      encoded.unit.push(number);
    } else encoded.unit.push(-1);
    encoded.list.push(lists.of(row.items));
    encoded.states.push(stateTexts.of(row.states));
  }
  encoded.names = names.values;
  encoded.lists = lists.values.map((list) => [[...list.ids], [...list.labels]]);
  encoded.stateTexts = stateTexts.values;
  return encoded;
}

/**
 * The rows back, as the register made them. Throws on anything it does not
 * find where it should be: the caller then reads the month file instead.
 */
export function decodeRows(encoded: EncodedRows, place: { clerkId: string; copy: RegisterFolderKind }): RegisterRow[] {
  const { count } = encoded;
  const columns = [encoded.id, encoded.digest, encoded.note, encoded.callbackOf, encoded.startedAt, encoded.savedAt, encoded.durationSec, encoded.appointmentAt, encoded.callbackDueAt, encoded.score, encoded.direction, encoded.outcome, encoded.person, encoded.flags, encoded.trust, encoded.name, encoded.unit, encoded.list, encoded.states];
  if (!Number.isInteger(count) || columns.some((column) => !Array.isArray(column) || column.length !== count)) throw new Error('index rows: columns of unequal length');
  if (![encoded.names, encoded.units, encoded.lists, encoded.stateTexts].every(Array.isArray)) throw new Error('index rows: no lists');
  const lists: ItemList[] = encoded.lists.map(([ids, labels]) => ({ ids, labels }));
  const units = encoded.units.map(([unitId, unitName, external]) => ({ unitId, unitName, external }));
  for (const column of [encoded.id, encoded.digest, encoded.note, encoded.names, encoded.stateTexts]) if (!column.every(isString)) throw new Error('index rows: not text');
  if (!encoded.callbackOf.every((v) => v === null || isString(v))) throw new Error('index rows: not text');
  for (const column of [encoded.startedAt, encoded.savedAt, encoded.durationSec, encoded.flags]) if (!column.every(isNumber)) throw new Error('index rows: not a number');
  for (const column of [encoded.appointmentAt, encoded.callbackDueAt, encoded.score]) if (!column.every((v) => v === null || isNumber(v))) throw new Error('index rows: not a number');
  if (!isString(encoded.file) || !encoded.units.every(([id, name, external]) => isString(id) && isString(name) && typeof external === 'boolean')) throw new Error('index rows: bad unit');
  if (!encoded.lists.every(([ids, labels]) => Array.isArray(ids) && Array.isArray(labels) && ids.length === labels.length && ids.every(isString) && labels.every(isString))) throw new Error('index rows: bad list');
  const rows: RegisterRow[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const unit = encoded.unit[i]!;
    const person = encoded.person[i]!;
    const flags = encoded.flags[i]!;
    rows[i] = {
      id: encoded.id[i]!,
      clerkId: place.clerkId,
      clerkName: at(encoded.names, encoded.name[i]!),
      startedAt: encoded.startedAt[i]!,
      savedAt: encoded.savedAt[i]!,
      direction: at(DIRECTIONS, encoded.direction[i]!),
      durationSec: encoded.durationSec[i]!,
      outcome: at<Outcome>(OUTCOMES, encoded.outcome[i]!),
      // Each row its own copy, as when made from its record: nothing of one row changes another.
      routedTo: unit < 0 ? null : { ...at(units, unit) },
      appointmentAt: encoded.appointmentAt[i]!,
      callbackDueAt: encoded.callbackDueAt[i]!,
      callbackOf: encoded.callbackOf[i]!,
      outboundPerson: person < 0 ? null : at<PersonAnswer>(PERSON_ANSWERS, person),
      personalData: (flags & 1) !== 0,
      greetingWithin30s: (flags & 2) !== 0,
      score: encoded.score[i]!,
      items: at(lists, encoded.list[i]!),
      states: at(encoded.stateTexts, encoded.states[i]!),
      note: encoded.note[i]!,
      file: encoded.file,
      copy: place.copy,
      trust: at<ChecklistTrust>(CHECKLIST_TRUST, encoded.trust[i]!),
      digest: encoded.digest[i]!,
    };
  }
  return rows;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number';

/** An entry of a list by its number; a number that is not one of them is a file this version did not write. */
function at<T>(list: readonly T[], index: number): T {
  if (!(index >= 0 && index < list.length)) throw new Error(`index rows: no entry ${index}`);
  return list[index]!;
}

/** Numbers values in the order first met. */
class Numbering<T> {
  readonly values: T[] = [];
  private readonly numbers = new Map<T, number>();

  of(value: T): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.values.length;
      this.numbers.set(value, number);
      this.values.push(value);
    }
    return number;
  }
}
