import { CHECKLIST_TRUST, type ChecklistTrust } from '../call/checklist-catalog';
import { PERSON_ANSWERS, type PersonAnswer } from '../call/outbound';
import { OUTCOMES, type Outcome } from '../call/outcomes';
import type { ItemList, RegisterRow } from './register';
import type { RegisterFolderKind } from './register-api';

/**
 * The register's rows of one copy of a month file, held as columns: numbers
 * in typed arrays, ids and digests as bytes, and what repeats from row to row
 * (the clerk, the routed unit, the checklist version, the states of its
 * items) kept once in a small table and referred to by number. A million
 * calls are then about a hundred megabytes of arrays, not a million objects
 * of twenty keys; the note is not held at all — a row says where its line is
 * in its month file (start, length, and the first bytes of its SHA-256), and
 * the note is read from there when a page or an export shows it.
 */

/** Where a row's line is in its month file, to read its note again (and be sure it is the same line). */
export interface LinePlace {
  start: number;
  length: number;
  /** The line's SHA-256, hex (only its first TAG_BYTES are kept). */
  hash: string;
}

export const ID_BYTES = 16;
export const DIGEST_BYTES = 12;
export const TAG_BYTES = 8;

const DIRECTIONS = ['incoming', 'outgoing'] as const;
const FLAG_PERSONAL = 1;
const FLAG_GREETING = 2;
/** The row has an appointment, a callback's due time, or both: in the chunk's `dates` (most calls have neither). */
export const FLAG_DATES = 4;
/** "None" in a column of small numbers (no person asked, no unit). */
const NONE = 255;

/** A row's appointment and callback due time, epoch ms; NaN: none. */
export type RowDates = readonly [appointmentAt: number, callbackDueAt: number];

/** The tables a chunk's rows refer to by number. */
export interface ChunkTables {
  /** Clerk id and name as the records give them. */
  clerks: [id: string, name: string][];
  /** Month file (`calls/<clerk>/<YYYY-MM>.jsonl`) and the copy it was read from. */
  places: [file: string, copy: RegisterFolderKind][];
  units: [unitId: string, unitName: string, external: boolean][];
  lists: ItemList[];
  stateTexts: string[];
}

/** The columns of a chunk, by name: what the index keeps, and how a chunk is made again from it. */
export interface ChunkColumns {
  id: Uint8Array;
  digest: Uint8Array;
  tag: Uint8Array;
  startedAt: Float64Array;
  savedAt: Float64Array;
  durationSec: Float64Array;
  /** NaN: none. */
  score: Float64Array;
  /** A month file is at most a gigabyte (MONTH_FILE_MAX_BYTES). */
  lineStart: Uint32Array;
  lineLength: Uint32Array;
  direction: Uint8Array;
  outcome: Uint8Array;
  person: Uint8Array;
  trust: Uint8Array;
  flags: Uint8Array;
  clerk: Uint32Array;
  place: Uint32Array;
  unit: Uint32Array;
  list: Uint32Array;
  states: Uint32Array;
}

export const COLUMN_TYPES = {
  id: [Uint8Array, ID_BYTES],
  digest: [Uint8Array, DIGEST_BYTES],
  tag: [Uint8Array, TAG_BYTES],
  startedAt: [Float64Array, 1],
  savedAt: [Float64Array, 1],
  durationSec: [Float64Array, 1],
  score: [Float64Array, 1],
  lineStart: [Uint32Array, 1],
  lineLength: [Uint32Array, 1],
  direction: [Uint8Array, 1],
  outcome: [Uint8Array, 1],
  person: [Uint8Array, 1],
  trust: [Uint8Array, 1],
  flags: [Uint8Array, 1],
  clerk: [Uint32Array, 1],
  place: [Uint32Array, 1],
  unit: [Uint32Array, 1],
  list: [Uint32Array, 1],
  states: [Uint32Array, 1],
} as const satisfies Record<keyof ChunkColumns, readonly [new (length: number) => ArrayBufferView, number]>;

export const COLUMN_NAMES = Object.keys(COLUMN_TYPES) as (keyof ChunkColumns)[];

export class RowChunk {
  constructor(
    readonly count: number,
    readonly columns: ChunkColumns,
    readonly tables: ChunkTables,
    /** The calls that keep a callback, by row: the id of the call that agreed it. */
    readonly callbackOf: ReadonlyMap<number, string>,
    /** The rows flagged FLAG_DATES: their appointment and callback due time (NaN: none). */
    readonly dates: ReadonlyMap<number, RowDates>,
  ) {}

  static readonly empty = new RowChunk(0, allocate(0), { clerks: [], places: [], units: [], lists: [], stateTexts: [] }, new Map(), new Map());

  /** A chunk of rows made elsewhere (tests, the summary of a list of rows), every line place empty. */
  static fromRows(rows: readonly RegisterRow[]): RowChunk {
    const builder = new ChunkBuilder();
    for (const row of rows) builder.add(row, { start: 0, length: 0, hash: '' });
    return builder.finish();
  }

  id(i: number): string {
    return uuidOf(this.columns.id, i * ID_BYTES);
  }

  digest(i: number): string {
    return hexOf(this.columns.digest, i * DIGEST_BYTES, DIGEST_BYTES);
  }

  /** Whether row i has the same digest as row j of another chunk. */
  sameDigest(i: number, other: RowChunk, j: number): boolean {
    return sameBytes(this.columns.digest, i * DIGEST_BYTES, other.columns.digest, j * DIGEST_BYTES, DIGEST_BYTES);
  }

  /** Whether row i's id is the 16 bytes at `at` of `bytes`. */
  hasId(i: number, bytes: Uint8Array, at: number): boolean {
    return sameBytes(this.columns.id, i * ID_BYTES, bytes, at, ID_BYTES);
  }

  /** A hash of row i's id, for a table by id (see idHash). */
  idHash(i: number, key: Uint32Array): number {
    return idHash(this.columns.id, i * ID_BYTES, key);
  }

  /** Whether the line read now at row i's place is the one it was made of. */
  tagMatches(i: number, lineHash: string): boolean {
    return hexOf(this.columns.tag, i * TAG_BYTES, TAG_BYTES) === lineHash.slice(0, TAG_BYTES * 2);
  }

  clerkId(i: number): string {
    return this.tables.clerks[this.columns.clerk[i]!]![0];
  }

  clerkName(i: number): string {
    return this.tables.clerks[this.columns.clerk[i]!]![1];
  }

  file(i: number): string {
    return this.tables.places[this.columns.place[i]!]![0];
  }

  copy(i: number): RegisterFolderKind {
    return this.tables.places[this.columns.place[i]!]![1];
  }

  direction(i: number): RegisterRow['direction'] {
    return DIRECTIONS[this.columns.direction[i]!]!;
  }

  outcome(i: number): Outcome {
    return OUTCOMES[this.columns.outcome[i]!]!;
  }

  outboundPerson(i: number): PersonAnswer | null {
    const person = this.columns.person[i]!;
    return person === NONE ? null : PERSON_ANSWERS[person]!;
  }

  trust(i: number): ChecklistTrust {
    return CHECKLIST_TRUST[this.columns.trust[i]!]!;
  }

  /** The routed unit's number in the tables, or -1. */
  unitNumber(i: number): number {
    const unit = this.columns.unit[i]!;
    return unit === NONE_32 ? -1 : unit;
  }

  routedTo(i: number): RegisterRow['routedTo'] {
    const unit = this.unitNumber(i);
    if (unit < 0) return null;
    const [unitId, unitName, external] = this.tables.units[unit]!;
    return { unitId, unitName, external };
  }

  items(i: number): ItemList {
    return this.tables.lists[this.columns.list[i]!]!;
  }

  states(i: number): string {
    return this.tables.stateTexts[this.columns.states[i]!]!;
  }

  /** Row i's appointment (epoch ms), NaN where none. */
  appointmentAt(i: number): number {
    return (this.columns.flags[i]! & FLAG_DATES) === 0 ? NaN : (this.dates.get(i)?.[0] ?? NaN);
  }

  /** Row i's callback due time (epoch ms), NaN where none. */
  callbackDueAt(i: number): number {
    return (this.columns.flags[i]! & FLAG_DATES) === 0 ? NaN : (this.dates.get(i)?.[1] ?? NaN);
  }

  score(i: number): number | null {
    const score = this.columns.score[i]!;
    return Number.isNaN(score) ? null : score;
  }

  linePlace(i: number): { start: number; length: number } {
    return { start: this.columns.lineStart[i]!, length: this.columns.lineLength[i]! };
  }

  /** Row i as the views and exports take it, with its note (read from its line). */
  row(i: number, note: string): RegisterRow {
    const c = this.columns;
    const flags = c.flags[i]!;
    return {
      id: this.id(i),
      clerkId: this.clerkId(i),
      clerkName: this.clerkName(i),
      startedAt: c.startedAt[i]!,
      savedAt: c.savedAt[i]!,
      direction: this.direction(i),
      durationSec: c.durationSec[i]!,
      outcome: this.outcome(i),
      routedTo: this.routedTo(i),
      appointmentAt: orNull(this.appointmentAt(i)),
      callbackDueAt: orNull(this.callbackDueAt(i)),
      callbackOf: this.callbackOf.get(i) ?? null,
      outboundPerson: this.outboundPerson(i),
      personalData: (flags & FLAG_PERSONAL) !== 0,
      greetingWithin30s: (flags & FLAG_GREETING) !== 0,
      score: this.score(i),
      items: this.items(i),
      states: this.states(i),
      note,
      file: this.file(i),
      copy: this.copy(i),
      trust: this.trust(i),
      digest: this.digest(i),
    };
  }
}

const NONE_32 = 0xffffffff;

/** Makes a chunk a row at a time; the tables number what repeats in the order first met. */
export class ChunkBuilder {
  private count = 0;
  private columns = allocate(64);
  private readonly clerks = new Map<string, number>();
  private readonly places = new Map<string, number>();
  private readonly units = new Map<string, number>();
  /** A list's number by the object (rows of one checklist version share it), then by what it says (a list read from the index, then the same made anew). */
  private readonly listNumbers = new Map<ItemList, number>();
  private readonly listsByContent = new Map<string, number>();
  private readonly stateTexts = new Map<string, number>();
  private readonly tables: ChunkTables = { clerks: [], places: [], units: [], lists: [], stateTexts: [] };
  private readonly callbackOf = new Map<number, string>();
  private readonly dates = new Map<number, RowDates>();

  /** Starts from the rows of a chunk already made (a file read on from where it stopped): its columns and tables as they are. */
  static from(chunk: RowChunk): ChunkBuilder {
    const builder = new ChunkBuilder();
    builder.columns = allocate(Math.max(64, chunk.count * 2));
    for (const name of COLUMN_NAMES) (builder.columns[name] as Uint8Array).set(chunk.columns[name] as Uint8Array);
    builder.count = chunk.count;
    const t = chunk.tables;
    // Every table kept as it is, numbers and all (the columns copied point into them); a new row finds an entry by what it says.
    const keep = <V>(numbers: Map<string, number>, table: V[], entries: readonly V[], key: (entry: V) => string) =>
      entries.forEach((entry, number) => {
        table.push(entry);
        if (!numbers.has(key(entry))) numbers.set(key(entry), number);
      });
    keep(builder.clerks, builder.tables.clerks, t.clerks, (e) => JSON.stringify(e));
    keep(builder.places, builder.tables.places, t.places, (e) => JSON.stringify(e));
    keep(builder.units, builder.tables.units, t.units, (e) => JSON.stringify(e));
    keep(builder.stateTexts, builder.tables.stateTexts, t.stateTexts, (e) => e);
    // Kept as they are, numbers and all: the columns copied point into them.
    t.lists.forEach((list, number) => {
      builder.tables.lists.push(list);
      builder.listNumbers.set(list, number);
      const content = listContent(list);
      if (!builder.listsByContent.has(content)) builder.listsByContent.set(content, number);
    });
    for (const [i, id] of chunk.callbackOf) builder.callbackOf.set(i, id);
    for (const [i, dates] of chunk.dates) builder.dates.set(i, dates);
    return builder;
  }

  get size(): number {
    return this.count;
  }

  add(row: Omit<RegisterRow, 'note'>, line: LinePlace): void {
    const i = this.room();
    const c = this.columns;
    writeUuid(row.id, c.id, i * ID_BYTES);
    writeHex(row.digest, c.digest, i * DIGEST_BYTES, DIGEST_BYTES);
    writeHex(line.hash, c.tag, i * TAG_BYTES, TAG_BYTES);
    c.startedAt[i] = row.startedAt;
    c.savedAt[i] = row.savedAt;
    c.durationSec[i] = row.durationSec;
    c.score[i] = row.score ?? NaN;
    c.lineStart[i] = line.start;
    c.lineLength[i] = line.length;
    c.direction[i] = DIRECTIONS.indexOf(row.direction);
    c.outcome[i] = OUTCOMES.indexOf(row.outcome);
    c.person[i] = row.outboundPerson === null ? NONE : PERSON_ANSWERS.indexOf(row.outboundPerson);
    c.trust[i] = CHECKLIST_TRUST.indexOf(row.trust);
    const dated = row.appointmentAt !== null || row.callbackDueAt !== null;
    c.flags[i] = (row.personalData ? FLAG_PERSONAL : 0) | (row.greetingWithin30s ? FLAG_GREETING : 0) | (dated ? FLAG_DATES : 0);
    if (dated) this.dates.set(i, [row.appointmentAt ?? NaN, row.callbackDueAt ?? NaN]);
    c.clerk[i] = this.number(this.clerks, this.tables.clerks, JSON.stringify([row.clerkId, row.clerkName]), () => [row.clerkId, row.clerkName]);
    c.place[i] = this.number(this.places, this.tables.places, JSON.stringify([row.file, row.copy]), () => [row.file, row.copy]);
    c.unit[i] = row.routedTo ? this.number(this.units, this.tables.units, JSON.stringify([row.routedTo.unitId, row.routedTo.unitName, row.routedTo.external]), () => [row.routedTo!.unitId, row.routedTo!.unitName, row.routedTo!.external]) : NONE_32;
    c.list[i] = this.listNumber(row.items);
    c.states[i] = this.number(this.stateTexts, this.tables.stateTexts, row.states, () => row.states);
    if (row.callbackOf !== null) this.callbackOf.set(i, row.callbackOf);
  }

  finish(): RowChunk {
    // Cut to size: a copy, so the room left for growth is let go.
    const columns = allocate(this.count);
    for (const name of COLUMN_NAMES) (columns[name] as Uint8Array).set((this.columns[name] as Uint8Array).subarray(0, this.count * COLUMN_TYPES[name][1]));
    return new RowChunk(this.count, columns, this.tables, this.callbackOf, this.dates);
  }

  private room(): number {
    const i = this.count++;
    if (this.count > this.columns.startedAt.length) {
      const grown = allocate(this.columns.startedAt.length * 2);
      for (const name of COLUMN_NAMES) (grown[name] as Uint8Array).set(this.columns[name] as Uint8Array);
      this.columns = grown;
    }
    return i;
  }

  private listNumber(list: ItemList): number {
    let number = this.listNumbers.get(list);
    if (number === undefined) {
      const content = listContent(list);
      number = this.listsByContent.get(content);
      if (number === undefined) {
        number = this.tables.lists.push(list) - 1;
        this.listsByContent.set(content, number);
      }
      this.listNumbers.set(list, number);
    }
    return number;
  }

  /** The number of what repeats, in the order first met: its place in the table. */
  private number<V>(numbers: Map<string, number>, table: V[], key: string, value: () => V): number {
    let number = numbers.get(key);
    if (number === undefined) {
      number = table.push(value()) - 1;
      numbers.set(key, number);
    }
    return number;
  }
}

/** Empty columns with room for `rows` rows. */
/**
 * Empty columns with room for `rows` rows, all in one buffer (each column
 * aligned for its type): a chunk is one allocation, not twenty-one — a
 * register of thousands of small month files pays for its rows, not for
 * their buffers.
 */
export function allocate(rows: number): ChunkColumns {
  let bytes = 0;
  const offsets: number[] = [];
  for (const name of COLUMN_NAMES) {
    const [Type, width] = COLUMN_TYPES[name];
    bytes = Math.ceil(bytes / 8) * 8;
    offsets.push(bytes);
    bytes += rows * width * Type.BYTES_PER_ELEMENT;
  }
  const buffer = new ArrayBuffer(bytes);
  const columns = {} as Record<keyof ChunkColumns, ArrayBufferView>;
  COLUMN_NAMES.forEach((name, k) => {
    const [Type, width] = COLUMN_TYPES[name];
    columns[name] = new Type(buffer, offsets[k], rows * width);
  });
  return columns as unknown as ChunkColumns;
}

const listContent = (list: ItemList): string => JSON.stringify([list.ids, list.labels]);

const orNull = (value: number): number | null => (Number.isNaN(value) ? null : value);


const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

function hexOf(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let k = 0; k < length; k++) text += HEX[bytes[at + k]!];
  return text;
}

function writeHex(hex: string, bytes: Uint8Array, at: number, length: number): void {
  for (let k = 0; k < length; k++) bytes[at + k] = parseInt(hex.slice(k * 2, k * 2 + 2), 16) || 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A record's id (a lower-case UUID, as the schema holds it) as its 16 bytes. */
export function writeUuid(id: string, bytes: Uint8Array, at: number): void {
  if (!UUID.test(id)) throw new Error(`not a lower-case UUID: ${id.slice(0, 40)}`);
  writeHex(id.replace(/-/g, ''), bytes, at, ID_BYTES);
}

export function uuidOf(bytes: Uint8Array, at: number): string {
  const hex = hexOf(bytes, at, ID_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A hash of the 16 bytes of an id, keyed by `key` (random, chosen by the
 * table). Every byte counts: the app's ids are UUIDv7, whose first six bytes
 * are the time they were made, alike for a day's calls. The key keeps ids
 * written to collide (anyone who can write the team folder chooses them) from
 * colliding here; the table also starts again with another key, and in the
 * end falls back to a Map, if a probe ever runs long (row-set.ts).
 */
export function idHash(bytes: Uint8Array, at: number, key: Uint32Array): number {
  let h = key[0]!;
  for (let word = 0; word < ID_BYTES / 4; word++) {
    const w = bytes[at + word * 4]! | (bytes[at + word * 4 + 1]! << 8) | (bytes[at + word * 4 + 2]! << 16) | (bytes[at + word * 4 + 3]! << 24);
    h = mix(h ^ w ^ key[word + 1]!);
  }
  return h >>> 0;
}

/** murmur3's finaliser: every bit of the input moves about half the bits of the output. */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function sameBytes(a: Uint8Array, at: number, b: Uint8Array, bt: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (a[at + k] !== b[bt + k]) return false;
  return true;
}
