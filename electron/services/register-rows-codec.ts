import { CHECKLIST_TRUST } from '../../shared/call/checklist-catalog';
import { PERSON_ANSWERS } from '../../shared/call/outbound';
import { OUTCOMES } from '../../shared/call/outcomes';
import { FOLDER_KINDS } from '../../shared/register/register-api';
import { MAX_RECORD_CHARS } from './journal-format';
import { MONTH_FILE_MAX_BYTES } from './journal';

/** The latest (and, negated, earliest) time a Date can hold. */
const LATEST_DATE_MS = 8.64e15;
import { allocate, COLUMN_NAMES, COLUMN_TYPES, FLAG_DATES, ID_BYTES, RowChunk, type ChunkTables, type RowDates } from '../../shared/register/row-chunk';

/**
 * The rows of one copy of a month file as the register index keeps them:
 * each column's bytes in base64, and the chunk's tables as they are. Reading
 * them back is decoding a few strings of base64 — no row is parsed — and
 * checking that every number points where it should.
 */
export interface EncodedRows {
  count: number;
  columns: Record<string, string>;
  tables: ChunkTables;
  callbackOf: [number, string][];
  /** The rows flagged as having dates: row, appointment, callback due time (null: none). */
  dates: [number, number | null, number | null][];
}

export function encodeRows(chunk: RowChunk): EncodedRows {
  const columns: Record<string, string> = {};
  for (const name of COLUMN_NAMES) {
    const column = chunk.columns[name];
    columns[name] = Buffer.from(column.buffer, column.byteOffset, column.byteLength).toString('base64');
  }
  const orNull = (value: number) => (Number.isNaN(value) ? null : value);
  return { count: chunk.count, columns, tables: chunk.tables, callbackOf: [...chunk.callbackOf], dates: [...chunk.dates].map(([i, [a, c]]) => [i, orNull(a), orNull(c)]) };
}

/**
 * The chunk back, as the register made it. Throws on anything it does not
 * find where it should be: the caller then reads the month file instead.
 */
export function decodeRows(encoded: EncodedRows): RowChunk {
  const { count, tables } = encoded;
  if (!Number.isInteger(count) || count < 0) throw new Error('index rows: no count');
  if (!tables || typeof encoded.columns !== 'object' || encoded.columns === null) throw new Error('index rows: no columns');
  // The count a column's text says before room is made for it: a forged count of billions allocates nothing.
  if (typeof encoded.columns.id !== 'string' || Buffer.byteLength(encoded.columns.id, 'base64') !== count * ID_BYTES) throw new Error('index rows: a count the ids do not have');
  const columns = allocate(count);
  for (const name of COLUMN_NAMES) {
    const text = encoded.columns[name];
    if (typeof text !== 'string') throw new Error(`index rows: no column ${name}`);
    // Decoded straight into the chunk's one buffer, aligned for its type.
    const view = columns[name];
    const into = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    if (Buffer.byteLength(text, 'base64') !== into.length || into.write(text, 'base64') !== into.length) throw new Error(`index rows: column ${name} of another length`);
  }
  const c = columns;
  checkTables(tables);
  const within = (column: Uint8Array | Uint32Array, size: number, none?: number) => {
    for (const value of column) if (!(value < size || value === none)) throw new Error('index rows: a number that points nowhere');
  };
  within(c.direction, 2);
  within(c.outcome, OUTCOMES.length);
  within(c.person, PERSON_ANSWERS.length, 255);
  within(c.trust, CHECKLIST_TRUST.length);
  within(c.clerk, tables.clerks.length);
  within(c.place, tables.places.length);
  within(c.unit, tables.units.length, 0xffffffff);
  within(c.list, tables.lists.length);
  within(c.states, tables.stateTexts.length);
  // Numbers a record can have: a time a date can show, a length a line can be, a score between none and all (NaN: none, where a column allows it).
  const all = (column: Float64Array, test: (value: number) => boolean, name: string) => {
    for (const value of column) if (!test(value)) throw new Error(`index rows: ${name} not a value a record has`);
  };
  // A Date holds whole milliseconds, and never -0.
  const time = (value: number) => Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) <= LATEST_DATE_MS;
  all(c.startedAt, time, 'startedAt');
  all(c.savedAt, time, 'savedAt');
  all(c.durationSec, (v) => Number.isFinite(v) && v >= 0, 'durationSec');
  all(c.score, (v) => Number.isNaN(v) || (v >= 0 && v <= 1), 'score');
  for (let i = 0; i < count; i++) {
    if (c.lineLength[i]! > MAX_RECORD_CHARS * 4) throw new Error('index rows: a line longer than any record');
    if (c.lineStart[i]! + c.lineLength[i]! > MONTH_FILE_MAX_BYTES) throw new Error('index rows: a line past the end of any month file');
    if (tables.stateTexts[c.states[i]!]!.length !== tables.lists[c.list[i]!]!.ids.length) throw new Error('index rows: states not of their list');
  }
  if (!Array.isArray(encoded.callbackOf) || !encoded.callbackOf.every(([i, id]) => Number.isInteger(i) && i >= 0 && i < count && isString(id))) throw new Error('index rows: bad callback');
  const dates = decodeDates(encoded.dates, count, time);
  // A row says it has dates exactly when the dates are there: a forged flag or entry is no index.
  for (let i = 0; i < count; i++) if (((c.flags[i]! & FLAG_DATES) !== 0) !== dates.has(i)) throw new Error('index rows: dates not where the rows say');
  return sharedChunk(count, c, tables, new Map(encoded.callbackOf), dates);
}

/** The dates of the index, each a time a date can hold, at least one of the two, each row once. */
function decodeDates(encoded: unknown, count: number, time: (value: number) => boolean): Map<number, RowDates> {
  if (!Array.isArray(encoded)) throw new Error('index rows: no dates');
  const dates = new Map<number, RowDates>();
  const value = (v: unknown) => (v === null ? NaN : typeof v === 'number' && time(v) ? v : undefined);
  for (const entry of encoded as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 3) throw new Error('index rows: bad dates');
    const [i, a, c] = entry as [unknown, unknown, unknown];
    const [appointmentAt, callbackDueAt] = [value(a), value(c)];
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= count || dates.has(i) || appointmentAt === undefined || callbackDueAt === undefined || (a === null && c === null)) throw new Error('index rows: bad dates');
    dates.set(i, [appointmentAt, callbackDueAt]);
  }
  return dates;
}

/**
 * A chunk as a worker thread sent it (month-readers.ts): its columns arrive
 * as views of the one buffer handed over, its tables and maps as copies.
 * Refused when laid out otherwise (a worker of another build).
 */
export function rowsFromThread(sent: Pick<RowChunk, 'count' | 'columns' | 'tables' | 'callbackOf' | 'dates'>): RowChunk {
  const { count, columns, tables, callbackOf, dates } = sent;
  if (!(dates instanceof Map) || !(callbackOf instanceof Map) || COLUMN_NAMES.some((name) => !(columns[name] instanceof COLUMN_TYPES[name][0]) || columns[name].length !== count * COLUMN_TYPES[name][1])) throw new Error('rows of another layout');
  return sharedChunk(count, columns, tables, callbackOf, dates);
}

/**
 * A chunk made of what was read (from the index, or from a worker): one copy
 * of each checklist version's list and of each string of states for every
 * month file — thousands of files share a handful — and one empty map for
 * the many months that keep no callback or no dates.
 */
function sharedChunk(count: number, columns: RowChunk['columns'], tables: ChunkTables, callbackOf: ReadonlyMap<number, string>, dates: ReadonlyMap<number, RowDates>): RowChunk {
  return new RowChunk(count, columns, { ...tables, lists: tables.lists.map(shared), stateTexts: tables.stateTexts.map(shared) }, callbackOf.size === 0 ? NO_CALLBACKS : callbackOf, dates.size === 0 ? NO_DATES : dates);
}

/** The empty maps most months share (sharedChunk). */
const NO_CALLBACKS: ReadonlyMap<number, string> = new Map();
const NO_DATES: ReadonlyMap<number, RowDates> = new Map();

/** What repeats from file to file, kept once; never more than a bounded number of entries (a hand-made index cannot grow it without end). */
const sharedValues = new Map<string, unknown>();
const SHARED_AT_MOST = 10_000;

function shared<T>(value: T): T {
  const key = JSON.stringify(value);
  const known = sharedValues.get(key);
  if (known !== undefined) return known as T;
  if (sharedValues.size >= SHARED_AT_MOST) sharedValues.clear();
  sharedValues.set(key, value);
  return value;
}

function checkTables(t: ChunkTables): void {
  const pairs = (list: unknown, test: (entry: unknown[]) => boolean) => Array.isArray(list) && list.every((entry) => Array.isArray(entry) && test(entry));
  if (!pairs(t.clerks, ([id, name]) => isString(id) && isString(name))) throw new Error('index rows: bad clerk');
  if (!pairs(t.places, ([file, copy]) => isString(file) && (FOLDER_KINDS as readonly unknown[]).includes(copy))) throw new Error('index rows: bad place');
  if (!pairs(t.units, ([id, name, external]) => isString(id) && isString(name) && typeof external === 'boolean')) throw new Error('index rows: bad unit');
  if (!Array.isArray(t.lists) || !t.lists.every((l) => l && Array.isArray(l.ids) && Array.isArray(l.labels) && l.ids.length === l.labels.length && l.ids.every(isString) && l.labels.every(isString))) throw new Error('index rows: bad list');
  if (!Array.isArray(t.stateTexts) || !t.stateTexts.every(isString)) throw new Error('index rows: bad states');
}

const isString = (value: unknown): value is string => typeof value === 'string';
