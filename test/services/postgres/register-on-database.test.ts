import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallJournal } from '../../../electron/services/journal';
import { DatabaseRegister } from '../../../electron/services/postgres/pg-register';
import { PostgresTeamCopy } from '../../../electron/services/postgres/pg-team-copy';
import { Register } from '../../../electron/services/register';
import { FolderRegisterReader, type RegisterQuestion, type RegisterReader } from '../../../electron/services/register-reader';
import type { UnchainedRecord } from '../../../shared/journal/journal-record';
import type { UnchainedCallRecord } from '../../../shared/journal/call-record';
import { OUTCOMES } from '../../../shared/call/outcomes';
import { NO_FILTER, SORT_KEYS, RegisterFilterSchema, type RegisterFilter, type RegisterSort } from '../../../shared/register/register';
import { INCOMING, OUTGOING, recordedItems, TEST_CATALOG } from '../../helpers/records';
import { postgresSkipReason, TEST_PASSWORD, useTestDatabase } from '../../helpers/postgres';

/**
 * The register on the team database is the folder register over the same
 * records: for any set of calls — both directions, every outcome, routed,
 * invited, callbacks agreed, kept (by the right clerk or another), moved
 * and called off — every filter and sort gives the same total, the same
 * rows in the same order page by page (paged from where the last page
 * ended, or jumped to), the same summary, the same filter lists and the
 * same CSV export, byte for byte.
 */
const skip = postgresSkipReason();
const db = useTestDatabase();

const CLERKS = { anna: ['Anna', 'Nowak'], piotr: ['Piotr', 'Łukasik'] } as const;
type Clerk = keyof typeof CLERKS;
const UNITS = [
  { unitId: 'cai', unitName: 'Centrum Aktywizacji Zawodowej', external: false },
  { unitId: 'zus', unitName: 'ZUS', external: true },
  { unitId: 'ewidencja', unitName: 'Dział Ewidencji', external: false },
];
const BASE = Date.UTC(2026, 9, 3, 8); // calls in October and November

interface CallShape {
  clerk: Clerk;
  at: number;
  durationSec: number;
  outgoing: boolean;
  person: 'right' | 'someone-else' | 'no-answer';
  personalData: boolean;
  ticks: number;
  outcome: (typeof OUTCOMES)[number];
  routed: number;
  appointment: boolean;
  keeps: number | null;
  change: 'none' | 'rescheduled' | 'cancelled';
}

const callShape: fc.Arbitrary<CallShape> = fc.record({
  clerk: fc.constantFrom<Clerk>('anna', 'piotr'),
  at: fc.integer({ min: 0, max: 55 * 86_400 }).map((s) => BASE + s * 1000),
  durationSec: fc.integer({ min: 5, max: 900 }),
  outgoing: fc.boolean(),
  person: fc.constantFrom('right', 'someone-else', 'no-answer'),
  personalData: fc.boolean(),
  ticks: fc.nat({ max: 2 ** 12 }),
  outcome: fc.constantFrom(...OUTCOMES),
  routed: fc.integer({ min: -2, max: 2 }),
  appointment: fc.boolean(),
  keeps: fc.option(fc.nat({ max: 40 }), { freq: 3 }),
  change: fc.constantFrom('none', 'none', 'rescheduled', 'cancelled'),
});

/** Records made of shapes: calls as the service saves them, a keeping call pointing at an earlier callback, a change of a callback. */
function recordsOf(shapes: readonly CallShape[], idOf: Record<Clerk, string>): UnchainedRecord[] {
  const records: UnchainedRecord[] = [];
  const callbacks: UnchainedCallRecord[] = [];
  for (const s of [...shapes].sort((a, b) => a.at - b.at)) {
    const definition = s.outgoing ? OUTGOING : INCOMING;
    const ticked = Object.fromEntries(definition.items.filter((_, i) => (s.ticks >> i) & 1).map((item, i) => [item.id, 1000 * (i + 1) + (s.ticks % 7) * 9000]));
    const started = new Date(s.at);
    const ended = new Date(s.at + s.durationSec * 1000);
    const saved = new Date(ended.getTime() + 20_000);
    const keeps = s.keeps !== null && callbacks.length > 0 ? callbacks[s.keeps % callbacks.length]! : null;
    const record: UnchainedCallRecord = {
      schemaVersion: 1,
      type: 'call',
      id: uuidv7({ msecs: saved.getTime() }),
      savedAt: saved.toISOString(),
      clerk: { id: idOf[s.clerk], firstName: CLERKS[s.clerk][0], lastName: CLERKS[s.clerk][1], role: 'pracownik', unit: 'Kancelaria' },
      direction: s.outgoing ? 'outgoing' : 'incoming',
      startedAt: started.toISOString(),
      endedAt: ended.toISOString(),
      durationSec: s.durationSec,
      personalData: s.personalData,
      ...recordedItems(definition, ticked, s.personalData, s.outgoing ? s.person : null),
      outbound: s.outgoing ? { person: s.person, goodMoment: s.person === 'right' ? true : null } : null,
      outcome: s.outcome,
      callback: s.outcome === 'callback' ? { dueAt: new Date(s.at + 3 * 3_600_000).toISOString(), reference: 'Staż' } : null,
      callbackOf: keeps?.id ?? null,
      routedTo: s.routed >= 0 ? UNITS[s.routed]! : null,
      invitation: s.appointment ? { appointmentAt: new Date(s.at + 7 * 86_400_000).toISOString() } : null,
      note: `Rozmowa ${records.length}`,
      maskedCounts: {},
    } as UnchainedCallRecord;
    records.push(record);
    if (record.callback) {
      callbacks.push(record);
      if (s.change !== 'none') {
        const at = new Date(saved.getTime() + 3_600_000);
        records.push({
          schemaVersion: 1,
          type: 'callback-change',
          id: uuidv7({ msecs: at.getTime() }),
          savedAt: at.toISOString(),
          clerk: record.clerk,
          callbackOf: record.id,
          change: s.change,
          dueAt: s.change === 'rescheduled' ? new Date(s.at + 26 * 3_600_000).toISOString() : null,
        });
      }
    }
  }
  return records;
}

const filterArb: fc.Arbitrary<RegisterFilter> = fc
  .record({
    from: fc.option(fc.constantFrom('2026-10-10', '2026-11-01'), { nil: null }),
    to: fc.option(fc.constantFrom('2026-10-31', '2026-11-20'), { nil: null }),
    clerkIds: fc.subarray<Clerk>(['anna', 'piotr']),
    direction: fc.constantFrom(null, 'incoming', 'outgoing'),
    outcomes: fc.subarray([...OUTCOMES], { maxLength: 3 }),
    routedUnitIds: fc.subarray(UNITS.map((u) => u.unitId), { maxLength: 2 }),
    missed: fc.constantFrom(null, '*', 'greeting', 'identity-confirmed'),
  })
  .map((f) => RegisterFilterSchema.parse(f));
const sortArb: fc.Arbitrary<RegisterSort> = fc.record({ key: fc.constantFrom(...SORT_KEYS), descending: fc.boolean() });

describe.skipIf(skip)('the register on the team database', () => {
  let folder: string;
  let office = 0;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'register-db-'));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** The same records in a team folder and in an office of the database; a register over each. */
  async function bothRegisters(shapes: readonly CallShape[]): Promise<{ files: RegisterReader; database: DatabaseRegister; idOf: Record<Clerk, string>; close(): Promise<void> }> {
    const officeId = `pup-${++office}`;
    const teamRoot = join(folder, officeId);
    const journal = new CallJournal(teamRoot);
    // New clerks each time: a clerk writes through one login.
    const idOf: Record<Clerk, string> = { anna: randomUUID(), piotr: randomUUID() };
    const records = recordsOf(shapes, idOf);
    const logins = { [idOf.anna]: `anna_${office}`, [idOf.piotr]: `piotr_${office}` };
    for (const login of Object.values(logins)) await db.addLogin(login, 'clerk', [officeId]);
    const lead = await db.addLogin(`lead_${office}`, 'lead', [officeId]);
    const copies = Object.fromEntries(Object.entries(logins).map(([clerk, login]) => [clerk, new PostgresTeamCopy({ url: db.cluster.urlFor(login), password: TEST_PASSWORD, tls: 'disable', caFile: null, officeId })]));
    for (const record of records) {
      const stored = await journal.append(record);
      expect(await copies[record.clerk.id]!.deliver(stored, record.clerk.id)).toBe('delivered');
    }
    await journal.close();
    for (const copy of Object.values(copies)) await copy.close();
    const files = new FolderRegisterReader(new Register(() => [{ kind: 'team', root: teamRoot }], () => TEST_CATALOG));
    const database = new DatabaseRegister({ url: db.cluster.urlFor(lead), password: TEST_PASSWORD, tls: 'disable', caFile: null, officeId }, () => TEST_CATALOG);
    return { files, database, idOf, close: () => database.close() };
  }

  /** What a person sees of a page: means to 12 digits (a sum in another order differs in its last bit, never on screen). */
  const seen = (page: Awaited<ReturnType<RegisterReader['page']>>) => {
    const digits = (n: number | null) => (n === null ? null : Number(n.toPrecision(12)));
    const summary = page.summary && { ...page.summary, meanScore: digits(page.summary.meanScore), meanDurationSec: digits(page.summary.meanDurationSec) };
    return { ...page, summary };
  };

  async function csvOf(reader: RegisterReader, filter: RegisterFilter, sort: RegisterSort): Promise<string> {
    const { file } = await reader.exportFile(filter, sort, 'csv', new Date(BASE));
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await file.write(out);
    out.end();
    return Buffer.concat(chunks).toString('utf8');
  }

  it('gives what the folder register gives, for any calls, filter and sort', { timeout: 600_000 }, async () => {
    const now = BASE + 60 * 86_400_000;
    await fc.assert(
      fc.asyncProperty(fc.array(callShape, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(filterArb, sortArb), { minLength: 1, maxLength: 4 }), async (shapes, questions) => {
        const { files, database, idOf, close } = await bothRegisters(shapes);
        try {
          for (const [asked, sort] of [[NO_FILTER, { key: 'startedAt', descending: true }] as const, ...questions]) {
            const filter = { ...asked, clerkIds: asked.clerkIds.map((c) => idOf[c as Clerk] ?? c) };
            const ask = (offset: number, limit: number, refresh = false): RegisterQuestion => ({ filter, sort, offset, limit, refresh, withSummary: offset === 0 });
            const first = seen(await files.page(ask(0, 7, true), now));
            expect(seen(await database.page(ask(0, 7, true), now))).toEqual(first);
            // Page after page from where the last ended (keyset), then a jump back into the middle (offset).
            for (let offset = 7; offset < first.total; offset += 7) expect(seen(await database.page(ask(offset, 7), now))).toEqual(seen(await files.page(ask(offset, 7), now)));
            expect(seen(await database.page(ask(3, 5), now))).toEqual(seen(await files.page(ask(3, 5), now)));
            expect(await csvOf(database, filter, sort)).toBe(await csvOf(files, filter, sort));
          }
        } finally {
          await close();
        }
      }),
      { numRuns: 12 },
    );
  });
});

describe('an export to an output that stops taking bytes', () => {
  it('pulls no more rows from where they come than fit in a few hundred: a slow download holds the cursor, not memory', async () => {
    const { writeCsvRows } = await import('../../../electron/services/register-export');
    const { itemColumns } = await import('../../../shared/register/register-csv');
    const { createRowMaker } = await import('../../../shared/register/register');
    const { Writable } = await import('node:stream');
    const { sampleRecord } = await import('../../helpers/records');
    const row = createRowMaker(TEST_CATALOG)({ ...sampleRecord(new Date(BASE), 200), prevHash: '0'.repeat(64) } as never, 'x', 'database');
    let pulled = 0;
    // As the database's cursor hands them: a batch at a time.
    async function* rows(): AsyncGenerator<[typeof row, string][]> {
      for (;;) {
        pulled += 100;
        yield Array.from({ length: 100 }, () => [row, ''] as [typeof row, string]);
      }
    }
    // An output that takes its first bytes and then nothing more (a download nobody reads).
    let taken = 0;
    const stuck = new Writable({ highWaterMark: 16 * 1024, write: (_chunk, _enc, done) => void (taken++ === 0 && done()) });
    void writeCsvRows(itemColumns([row.items]), rows(), stuck);
    await expect.poll(() => stuck.writableNeedDrain).toBe(true);
    // Whatever more turns of the event loop come, the source is not drained into memory.
    for (let i = 0; i < 200; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pulled).toBeLessThan(2000);
    stuck.destroy();
  });
});
