import { ITEM_STATE, localDayStart, MISSED_ANY, type ItemList, type RegisterFilter, type RegisterSort } from './register';
import { ID_BYTES, idHash, writeUuid, type RowChunk } from './row-chunk';
import { OUTCOMES } from '../call/outcomes';

/**
 * Rows of many chunks (the copies of month files the register read) seen as
 * one table: a row is a number, its chunk's base plus its place in the
 * chunk, and every question — which rows pass a filter, in what order, which
 * row has this id — is answered over typed arrays of such numbers. A million
 * calls cost a few megabytes here beyond their chunks.
 */
export class RowSet {
  readonly total: number;
  /** Each row's chunk, by row number. */
  private readonly chunkOf: Uint32Array;
  private readonly bases: number[] = [];

  constructor(readonly chunks: readonly RowChunk[]) {
    let total = 0;
    for (const chunk of chunks) {
      this.bases.push(total);
      total += chunk.count;
    }
    this.total = total;
    this.chunkOf = new Uint32Array(total);
    chunks.forEach((chunk, c) => this.chunkOf.fill(c, this.bases[c], this.bases[c]! + chunk.count));
  }

  /** Every row, in chunk order. */
  all(): Uint32Array {
    const rows = new Uint32Array(this.total);
    for (let r = 0; r < this.total; r++) rows[r] = r;
    return rows;
  }

  chunk(row: number): RowChunk {
    return this.chunks[this.chunkOf[row]!]!;
  }

  /** The number of the chunk a row is in. */
  chunkNumber(row: number): number {
    return this.chunkOf[row]!;
  }

  /** The row number of place i of chunk c. */
  rowOf(c: number, i: number): number {
    return this.bases[c]! + i;
  }

  /** The row's place in its chunk. */
  local(row: number): number {
    return row - this.bases[this.chunkOf[row]!]!;
  }

  /**
   * One row per id, the first met in chunk order (the caller orders the
   * chunks: this computer's copy first). Every later row with an id already
   * met is handed to `duplicate` with the first. `keysTried`: how many
   * random keys the typed-array table is given before the Map (0: the Map).
   */
  firstOfEachId(duplicate: (first: number, row: number) => void, { keysTried = 2 } = {}): IdTable {
    // A table whose probes run long (ids chosen to collide under its key) starts again with another key; a Map, as a last resort, cannot be led astray.
    for (let attempt = 0; ; attempt++) {
      const table: IdTable = attempt < keysTried ? new ProbedIds(this, this.total) : new MappedIds(this);
      // Typed arrays, not lists of numbers: a million rows cost 4 MB here, not 16.
      const kept = new Uint32Array(this.total);
      let keptCount = 0;
      const found: number[] = [];
      try {
        for (let row = 0; row < this.total; row++) {
          const first = table.insert(row);
          if (first < 0) kept[keptCount++] = row;
          else found.push(first, row);
        }
      } catch (error) {
        if (error instanceof Crowded) continue;
        throw error;
      }
      for (let k = 0; k < found.length; k += 2) duplicate(found[k]!, found[k + 1]!);
      table.rows = kept.subarray(0, keptCount);
      return table;
    }
  }


  /** The rows of `rows` that pass the filter, in the same order. */
  filter(rows: Uint32Array, filter: RegisterFilter): Uint32Array {
    const from = filter.from ? localDayStart(filter.from) : -Infinity;
    const to = filter.to ? localDayStart(filter.to, 1) : Infinity;
    const clerks = filter.clerkIds.length > 0 ? new Set(filter.clerkIds) : null;
    const outcomes = filter.outcomes.length > 0 ? new Set(filter.outcomes.map((o) => OUTCOMES.indexOf(o))) : null;
    const units = filter.routedUnitIds.length > 0 ? new Set(filter.routedUnitIds) : null;
    const direction = filter.direction === null ? -1 : filter.direction === 'incoming' ? 0 : 1;
    const { missed } = filter;
    // What depends only on a chunk's tables is worked out once per entry of a table, not once per row.
    const perChunk = this.chunks.map((chunk) => ({
      clerk: clerks && chunk.tables.clerks.map(([id]) => clerks.has(id)),
      unit: units && chunk.tables.units.map(([id]) => units.has(id)),
      missed: new Map<number, boolean>(),
    }));
    const kept = new Uint32Array(rows.length);
    let n = 0;
    for (const row of rows) {
      const c = this.chunkOf[row]!;
      const chunk = this.chunks[c]!;
      const i = row - this.bases[c]!;
      const col = chunk.columns;
      const at = col.startedAt[i]!;
      if (at < from || at >= to) continue;
      const tests = perChunk[c]!;
      if (tests.clerk && !tests.clerk[col.clerk[i]!]) continue;
      if (direction >= 0 && col.direction[i] !== direction) continue;
      if (outcomes && !outcomes.has(col.outcome[i]!)) continue;
      if (tests.unit) {
        const unit = chunk.unitNumber(i);
        if (unit < 0 || !tests.unit[unit]) continue;
      }
      // As rowFilter reads it: an empty item is no filter.
      if (missed) {
        const key = col.list[i]! * chunk.tables.stateTexts.length + col.states[i]!;
        let passes = tests.missed.get(key);
        if (passes === undefined) tests.missed.set(key, (passes = missedMatches(chunk.items(i), chunk.states(i), missed)));
        if (!passes) continue;
      }
      kept[n++] = row;
    }
    return kept.slice(0, n);
  }

  /** The rows in the asked order; ties newest first, then by id, so a page is the same from one request to the next. */
  sort(rows: Uint32Array, { key, descending }: RegisterSort): Uint32Array {
    const n = rows.length;
    const primary = new Float64Array(n);
    const time = new Float64Array(n);
    const rank = key === 'clerkName' ? this.nameRanks() : key === 'outcome' ? OUTCOME_RANKS : null;
    for (let k = 0; k < n; k++) {
      const row = rows[k]!;
      const c = this.chunkOf[row]!;
      const chunk = this.chunks[c]!;
      const i = row - this.bases[c]!;
      const col = chunk.columns;
      time[k] = col.startedAt[i]!;
      primary[k] =
        key === 'startedAt'
          ? col.startedAt[i]!
          : key === 'durationSec'
            ? col.durationSec[i]!
            : key === 'score'
              ? Number.isNaN(col.score[i]!) ? -1 : col.score[i]!
              : key === 'clerkName'
                ? rank!.get(chunk.clerkName(i))!
                : rank!.get(chunk.outcome(i))!;
    }
    const sign = descending ? -1 : 1;
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) order[k] = k;
    order.sort((a, b) => sign * (primary[a]! - primary[b]!) || time[b]! - time[a]! || this.compareIds(rows[a]!, rows[b]!));
    const sorted = new Uint32Array(n);
    for (let k = 0; k < n; k++) sorted[k] = rows[order[k]!]!;
    return sorted;
  }

  /** Two rows' ids in the order of their text (the bytes of a lower-case UUID sort as its text does). */
  compareIds(a: number, b: number): number {
    const ca = this.chunk(a).columns.id;
    const cb = this.chunk(b).columns.id;
    const ia = this.local(a) * ID_BYTES;
    const ib = this.local(b) * ID_BYTES;
    for (let k = 0; k < ID_BYTES; k++) {
      const d = ca[ia + k]! - cb[ib + k]!;
      if (d !== 0) return d;
    }
    return 0;
  }

  /** Each clerk name's place in Polish alphabetical order, as the sort by name wants it. */
  private nameRanks(): Map<string, number> {
    const names = new Set<string>();
    for (const chunk of this.chunks) for (const [, name] of chunk.tables.clerks) names.add(name);
    const collator = new Intl.Collator('pl');
    const ranks = new Map<string, number>();
    let rank = 0;
    let last: string | null = null;
    for (const name of [...names].sort(collator.compare)) {
      // Names the collator holds equal share a rank: the tie goes on to time and id, as one comparison would.
      if (last === null || collator.compare(last, name) !== 0) rank++;
      ranks.set(name, rank);
      last = name;
    }
    return ranks;
  }

  /** The checklist lists of the rows, one per row: what the export's item columns are chosen from. */
  *lists(rows: Uint32Array): Generator<ItemList> {
    for (const row of rows) {
      const c = this.chunkOf[row]!;
      yield this.chunks[c]!.items(row - this.bases[c]!);
    }
  }
}

const OUTCOME_RANKS = (() => {
  const collator = new Intl.Collator('pl');
  const ranks = new Map<string, number>();
  [...OUTCOMES].sort(collator.compare).forEach((outcome, rank) => ranks.set(outcome, rank));
  return ranks;
})();

function missedMatches(items: ItemList, states: string, missed: string): boolean {
  if (missed === MISSED_ANY) return states.includes(ITEM_STATE.missed);
  const index = items.ids.indexOf(missed);
  return index >= 0 && states[index] === ITEM_STATE.missed;
}

/** One row per id, and the row of an id. */
export interface IdTable {
  /** The rows kept, one per id. */
  rows: Uint32Array;
  /** Puts the row in; if a row with its id is there already, leaves it and returns that row, else -1. */
  insert(row: number): number;
  /** The row with this id, or -1. */
  find(id: string): number;
}

/** Probes past this many slots mean the ids were chosen to collide: the table starts again. */
const LONGEST_PROBE = 64;

class Crowded extends Error {}

/** A key for the table's hash: Web Crypto's random numbers, there in Node and in a browser alike. */
function randomKey(): Uint32Array {
  const { crypto } = globalThis as unknown as { crypto: { getRandomValues(array: Uint32Array): Uint32Array } };
  return crypto.getRandomValues(new Uint32Array(ID_BYTES / 4 + 1));
}

/** Rows by id: open addressing over a typed array, a keyed hash of the id's bytes. */
class ProbedIds implements IdTable {
  rows = new Uint32Array(0);
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly key = randomKey();
  private readonly scratch = new Uint8Array(ID_BYTES);

  constructor(
    private readonly set: RowSet,
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
  }

  insert(row: number): number {
    const chunk = this.set.chunk(row);
    const i = this.set.local(row);
    let slot = chunk.idHash(i, this.key) & this.mask;
    for (let probes = 0; ; probes++, slot = (slot + 1) & this.mask) {
      const there = this.slots[slot]!;
      if (there < 0) {
        this.slots[slot] = row;
        return -1;
      }
      if (this.set.chunk(there).hasId(this.set.local(there), chunk.columns.id, i * ID_BYTES)) return there;
      if (probes > LONGEST_PROBE) throw new Crowded();
    }
  }

  find(id: string): number {
    try {
      writeUuid(id, this.scratch, 0);
    } catch {
      return -1; // not an id any record can have
    }
    const s = this.scratch;
    for (let slot = idHash(s, 0, this.key) & this.mask; ; slot = (slot + 1) & this.mask) {
      const there = this.slots[slot]!;
      if (there < 0) return -1;
      if (this.set.chunk(there).hasId(this.set.local(there), s, 0)) return there;
    }
  }
}

/** Rows by id in a Map of the ids as text: more memory, and no way to make its lookups slow. */
class MappedIds implements IdTable {
  rows = new Uint32Array(0);
  private readonly byId = new Map<string, number>();

  constructor(private readonly set: RowSet) {}

  insert(row: number): number {
    const id = this.set.chunk(row).id(this.set.local(row));
    const there = this.byId.get(id);
    if (there !== undefined) return there;
    this.byId.set(id, row);
    return -1;
  }

  find(id: string): number {
    return this.byId.get(id) ?? -1;
  }
}
