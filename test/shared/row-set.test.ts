import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../shared/call/outcomes';
import { PERSON_ANSWERS } from '../../shared/call/outbound';
import { CHECKLIST_TRUST } from '../../shared/call/checklist-catalog';
import { MISSED_ANY, rowComparator, rowFilter, RegisterFilterSchema, SORT_KEYS, type ItemList, type RegisterRow } from '../../shared/register/register';
import { ChunkBuilder, RowChunk } from '../../shared/register/row-chunk';
import { RowSet } from '../../shared/register/row-set';
import { callbacksKept, callbacksKeptRows, summarize, summarizeRows } from '../../shared/register/statistics';
import { decodeRows, encodeRows } from '../../electron/services/register-rows-codec';

/**
 * The register keeps its rows as columns (row-chunk.ts) and answers over
 * them (row-set.ts). Held here to the one-row-at-a-time meaning of every
 * question — rowFilter, rowComparator, summarize over objects — for any rows,
 * spread over any chunks.
 */

const LISTS: ItemList[] = [
  { ids: ['greeting', 'identity-confirmed', 'matter'], labels: ['Powitanie', 'Tożsamość', 'Sprawa'] },
  { ids: ['greeting', 'own-name'], labels: ['Powitanie', 'Imię i nazwisko'] },
];
// Names the Polish collator holds equal or close: the sort by name must tie and order them as it does.
const CLERKS = [
  ['0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10', 'Anna Kowalska'],
  ['6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11', 'Łukasz Żak'],
  ['6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a12', 'anna kowalska'],
  ['6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a13', 'Zofia Ćwik'],
] as const;
const UNITS = [
  { unitId: 'cai', unitName: 'Centrum Aktywizacji Zawodowej', external: false },
  { unitId: 'zus', unitName: 'ZUS', external: true },
  { unitId: 'cai', unitName: 'CAZ (dawna nazwa)', external: false },
];
const DAY = 86_400_000;
const BASE = Date.UTC(2026, 9, 1);

const uuid = fc.uuid({ version: 7 }).map((id) => id.toLowerCase());
// Often exactly a local midnight: where a day filter's bounds fall.
const instant = fc.oneof(
  fc.integer({ min: 0, max: 40 * DAY }).map((ms) => BASE + ms - (ms % 60_000)),
  fc.integer({ min: -1, max: 41 }).map((d) => new Date(2026, 9, 1 + d).getTime()),
);
const nullable = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

const rowArb: fc.Arbitrary<RegisterRow> = fc
  .record({
    id: uuid,
    clerk: fc.constantFrom(...CLERKS),
    startedAt: instant,
    savedAt: instant,
    direction: fc.constantFrom('incoming' as const, 'outgoing' as const),
    durationSec: fc.integer({ min: 0, max: 3600 }),
    outcome: fc.constantFrom(...OUTCOMES),
    routedTo: nullable(fc.constantFrom(...UNITS)),
    appointmentAt: nullable(instant),
    callbackDueAt: nullable(instant),
    callbackOf: nullable(uuid),
    outboundPerson: nullable(fc.constantFrom(...PERSON_ANSWERS)),
    personalData: fc.boolean(),
    greetingWithin30s: fc.boolean(),
    // Ties on purpose: a sort must fall back on time, then id, the same way.
    score: nullable(fc.constantFrom(0, 0.5, 0.75, 1, 1 / 3)),
    list: fc.constantFrom(...LISTS),
    stateChars: fc.array(fc.constantFrom('d', 'w', 'x', '-'), { minLength: 3, maxLength: 3 }),
    note: fc.string({ maxLength: 20 }),
    file: fc.constantFrom('calls/a/2026-10.jsonl', 'calls/a/2026-11.jsonl'),
    copy: fc.constantFrom('local' as const, 'team' as const, 'import' as const),
    trust: fc.constantFrom(...CHECKLIST_TRUST),
    digest: fc.stringMatching(/^[0-9a-f]{24}$/),
  })
  .map(({ clerk, list, stateChars, ...rest }) => ({
    ...rest,
    clerkId: clerk[0],
    clerkName: clerk[1],
    items: list,
    states: stateChars.slice(0, list.ids.length).join(''),
  }));

/** Rows with distinct ids, cut into chunks at the given places. */
const chunked = fc
  .tuple(fc.uniqueArray(rowArb, { selector: (r) => r.id, maxLength: 60 }), fc.array(fc.nat(), { maxLength: 5 }))
  .map(([rows, cuts]) => {
    const at = [...new Set(cuts.map((c) => (rows.length === 0 ? 0 : c % rows.length)))].sort((a, b) => a - b);
    const parts: RegisterRow[][] = [];
    let from = 0;
    for (const cut of [...at, rows.length]) {
      parts.push(rows.slice(from, cut));
      from = cut;
    }
    return { rows, parts };
  });

// Each part of a filter mostly left open: a filter that keeps nothing would hide a wrong order.
const open = <T>(none: T, arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(none), weight: 3 }, { arbitrary: arb, weight: 1 });
const day = fc.integer({ min: 0, max: 40 }).map((d) => format(new Date(2026, 9, 1 + d), 'yyyy-MM-dd'));
const filterArb = fc.record({
  from: open(null, day),
  to: open(null, day),
  clerkIds: open([], fc.subarray(CLERKS.map(([id]) => id))),
  direction: open(null, fc.constantFrom('incoming' as const, 'outgoing' as const)),
  outcomes: open([], fc.subarray([...OUTCOMES])),
  routedUnitIds: open([], fc.subarray(['cai', 'zus', 'none'])),
  missed: open(null, fc.constantFrom(MISSED_ANY, 'greeting', 'matter', 'own-name', 'unknown', '')),
});
const sortArb = fc.record({ key: fc.constantFrom(...SORT_KEYS), descending: fc.boolean() });

const setOf = (parts: RegisterRow[][]) => new RowSet(parts.map((part) => RowChunk.fromRows(part)));
const withoutNote = ({ note: _note, ...row }: RegisterRow) => row;

describe('rows as columns', () => {
  it('property: every row comes back as it went in, from its chunk and from the index’s bytes of it', () => {
    fc.assert(
      fc.property(chunked, ({ parts }) => {
        for (const part of parts) {
          const chunk = RowChunk.fromRows(part);
          const decoded = decodeRows(JSON.parse(JSON.stringify(encodeRows(chunk))));
          part.forEach((row, i) => {
            expect(chunk.row(i, row.note)).toEqual(row);
            expect(decoded.row(i, row.note)).toEqual(row);
          });
        }
      }),
    );
  });

  it('property: a chunk read on from where it stopped (ChunkBuilder.from) holds the rows before and after, as one made at once', () => {
    fc.assert(
      fc.property(chunked, ({ rows }) => {
        const half = rows.length >> 1;
        const builder = ChunkBuilder.from(RowChunk.fromRows(rows.slice(0, half)));
        for (const row of rows.slice(half)) builder.add(row, { start: 0, length: 0, hash: '' });
        const chunk = builder.finish();
        expect(rows.map((row, i) => chunk.row(i, row.note))).toEqual(rows);
      }),
    );
  });

  it('property: filtering and sorting rows as columns gives the rows, in the order, that rowFilter and rowComparator give', () => {
    let kept = 0;
    fc.assert(
      fc.property(chunked, filterArb, sortArb, ({ rows, parts }, filter, sort) => {
        const set = setOf(parts);
        const parsed = RegisterFilterSchema.parse(filter);
        const expected = rows.filter(rowFilter(parsed)).sort(rowComparator(sort)).map((r) => r.id);
        const got = set.sort(set.filter(set.all(), parsed), sort);
        kept += expected.length;
        expect([...got].map((row) => set.chunk(row).id(set.local(row)))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
    // The runs compared rows, not mostly empty lists.
    expect(kept).toBeGreaterThan(300);
  });

  it('property: one row per id, the first in chunk order; every later copy is named with the first; each found by its id', () => {
    fc.assert(
      fc.property(chunked, fc.array(fc.nat()), ({ rows, parts }, copies) => {
        // Copies of some rows (the team copy of a call) in a chunk of their own after the rest.
        const again = rows.length === 0 ? [] : [...new Set(copies.map((c) => c % rows.length))].map((k) => ({ ...rows[k]!, copy: 'team' as const }));
        const set = setOf([...parts, again]);
        // The typed-array table, and the Map it falls back on when ids were chosen to collide: the same answers.
        for (const keysTried of [2, 0]) {
          const duplicates: [string, string][] = [];
          const table = set.firstOfEachId((first, row) => duplicates.push([set.chunk(first).id(set.local(first)), set.chunk(row).copy(set.local(row))]), { keysTried });
          expect([...table.rows].map((row) => set.chunk(row).row(set.local(row), '')).map(withoutNote)).toEqual(rows.map(withoutNote));
          expect(duplicates).toEqual(again.map((row) => [row.id, 'team']));
          for (const row of rows) expect(set.chunk(table.find(row.id)).id(set.local(table.find(row.id)))).toBe(row.id);
        }
      }),
    );
  });

  it('an id not there, or not an id at all, is not found', () => {
    const set = setOf([[fc.sample(rowArb, 1)[0]!]]);
    for (const table of [set.firstOfEachId(() => undefined), set.firstOfEachId(() => undefined, { keysTried: 0 })])
      for (const id of ['', 'x', '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a1', '0B9F1E0E-3F5C-4A7E-9A39-6F3F6F2B8A10', '00000000-0000-7000-8000-000000000000']) expect(table.find(id)).toBe(-1);
  });

  it('property: the summary and the callbacks kept of rows spread over chunks are those of the same rows in one list', () => {
    fc.assert(
      fc.property(chunked, fc.integer({ min: 0, max: 50 * DAY }), ({ rows, parts }, after) => {
        const set = setOf(parts);
        const all = set.all();
        const now = BASE + after;
        const kept = callbacksKeptRows(set, all);
        expect(kept).toEqual(callbacksKept(rows));
        // As the register asks it: the callbacks known found by their ids' rows.
        const table = set.firstOfEachId(() => undefined);
        const spread = summarizeRows(set, all, kept, now, new Map(), (id) => table.find(id));
        const listed = summarize(rows, kept, now);
        // The order of items and targets is the register's to set (alignWithFacets); the figures must agree.
        const byId = <T extends { id?: string; unitId?: string }>(list: T[]) => [...list].sort((a, b) => ((a.id ?? a.unitId)! < (b.id ?? b.unitId)! ? -1 : 1));
        expect({ ...spread, items: byId(spread.items), routingTargets: byId(spread.routingTargets) }).toEqual({ ...listed, items: byId(listed.items), routingTargets: byId(listed.routingTargets) });
      }),
    );
  });
});
