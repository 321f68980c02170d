import { appendFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallJournal, genesisHash, monthOf, sha256 } from '../../electron/services/journal';
import { buildShiftRecord } from '../../shared/journal/shift-record';
import { CLERK_ID, sampleRecord } from '../helpers/records';

let dataDir: string;
let journal: CallJournal;
const file = (month: string) => join(dataDir, 'calls', CLERK_ID, `${month}.jsonl`);
const lines = (month: string) => readFileSync(file(month), 'utf8').split('\n').filter(Boolean);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'journal-'));
  journal = new CallJournal(dataDir);
});
afterEach(async () => {
  await journal.close();
});

describe('CallJournal', () => {
  it('appends one line per record into calls/<clerk>/<YYYY-MM>.jsonl, chained by SHA-256', async () => {
    const t = new Date(2026, 10, 24, 10, 0);
    const a = await journal.append(sampleRecord(t));
    const b = await journal.append(sampleRecord(new Date(t.getTime() + 60_000)));
    const month = monthOf(t);
    const stored = lines(month);
    expect(stored).toHaveLength(2);
    expect(a.prevHash).toBe(genesisHash(CLERK_ID, month));
    expect(b.prevHash).toBe(sha256(stored[0]!));
    expect(JSON.parse(stored[1]!)).toMatchObject({ schemaVersion: 1, id: b.id, prevHash: b.prevHash });
  });

  it('reads back what it wrote after reopening, newest first, with no problems', async () => {
    const t = new Date(2026, 10, 24, 10, 0);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await journal.append(sampleRecord(new Date(t.getTime() + i * 1000)))).id);
    await journal.close();
    const reopened = new CallJournal(dataDir);
    const { records, problems } = await reopened.recent(CLERK_ID, 10);
    expect(problems).toEqual([]);
    expect(records.map((r) => r.id)).toEqual([...ids].reverse());
    await reopened.append(sampleRecord(new Date(t.getTime() + 10_000)));
    expect((await reopened.readMonth(CLERK_ID, monthOf(t))).problems).toEqual([]);
    await reopened.close();
  });

  it('starts a new file (and a new chain) when the month changes', async () => {
    await journal.append(sampleRecord(new Date(2026, 9, 31, 23, 59)));
    const nov = await journal.append(sampleRecord(new Date(2026, 10, 1, 0, 1)));
    expect(readdirSync(join(dataDir, 'calls', CLERK_ID)).sort()).toEqual(['2026-10.jsonl', '2026-10.jsonl.head', '2026-11.jsonl', '2026-11.jsonl.head']);
    expect(nov.prevHash).toBe(genesisHash(CLERK_ID, '2026-11'));
    expect(await journal.months(CLERK_ID)).toEqual(['2026-11', '2026-10']);
  });

  it('saves a retried record once: the same id returns the stored record', async () => {
    const record = sampleRecord(new Date(2026, 10, 24, 9));
    const first = await journal.append(record);
    const again = await journal.append({ ...record, note: 'inna treść' });
    expect(again).toEqual(first);
    expect(lines(monthOf(new Date(2026, 10, 24)))).toHaveLength(1);
  });

  it('quarantines a torn last line on open and keeps appending after the last whole line', async () => {
    const t = new Date(2026, 10, 24, 9);
    await journal.append(sampleRecord(t));
    await journal.close();
    appendFileSync(file(monthOf(t)), '{"schemaVersion":1,"type":"call","id":"0192');

    const reopened = new CallJournal(dataDir);
    const next = await reopened.append(sampleRecord(new Date(t.getTime() + 1000)));
    const stored = lines(monthOf(t));
    expect(stored).toHaveLength(2);
    expect(next.prevHash).toBe(sha256(stored[0]!));
    expect(readFileSync(`${file(monthOf(t))}.quarantine`, 'utf8')).toContain('\\"id\\":\\"0192');
    expect(reopened.quarantined).toEqual([{ file: `calls/${CLERK_ID}/2026-11.jsonl`, bytes: 43 }]);
    expect((await reopened.readMonth(CLERK_ID, '2026-11')).problems).toEqual([]);
    await reopened.close();
  });

  describe('reports tampering instead of accepting it', () => {
    async function threeRecords() {
      const t = new Date(2026, 10, 24, 9);
      for (let i = 0; i < 3; i++) await journal.append(sampleRecord(new Date(t.getTime() + i * 1000)));
      await journal.close();
      return lines('2026-11');
    }

    it('an edited line breaks the chain at the next line', async () => {
      const stored = await threeRecords();
      stored[1] = stored[1]!.replace('"outcome":"resolved"', '"outcome":"routed"');
      writeFileSync(file('2026-11'), stored.join('\n') + '\n');
      const { records, problems } = await journal.readMonth(CLERK_ID, '2026-11');
      expect(records).toHaveLength(3);
      expect(problems).toEqual([expect.objectContaining({ file: `calls/${CLERK_ID}/2026-11.jsonl`, line: 3, kind: 'broken-chain' })]);
    });

    it('a removed line breaks the chain where it was', async () => {
      const stored = await threeRecords();
      writeFileSync(file('2026-11'), [stored[0], stored[2]].join('\n') + '\n');
      const { problems } = await journal.readMonth(CLERK_ID, '2026-11');
      // The head kept beside the file still counts three lines: the file is one short.
      expect(problems).toEqual([expect.objectContaining({ line: 2, kind: 'broken-chain' }), expect.objectContaining({ line: 3, kind: 'lines-removed' })]);
    });

    it('reordered lines break the chain', async () => {
      const stored = await threeRecords();
      writeFileSync(file('2026-11'), [stored[1], stored[0], stored[2]].join('\n') + '\n');
      const { problems } = await journal.readMonth(CLERK_ID, '2026-11');
      expect(problems.map((p) => p.kind)).toEqual(['broken-chain', 'broken-chain', 'broken-chain']);
    });

    it('a corrupt line and an unknown version are named, and the readable records are still returned', async () => {
      const stored = await threeRecords();
      stored[0] = '{to nie jest json';
      stored[2] = JSON.stringify({ ...JSON.parse(stored[2]!), schemaVersion: 99 });
      writeFileSync(file('2026-11'), stored.join('\n') + '\n');
      const { records, problems } = await journal.readMonth(CLERK_ID, '2026-11');
      expect(records).toHaveLength(1);
      expect(problems).toEqual([
        expect.objectContaining({ line: 1, kind: 'corrupt-line' }),
        expect.objectContaining({ line: 2, kind: 'broken-chain' }),
        expect.objectContaining({ line: 3, kind: 'unknown-version' }),
        // The last line is not the one the head says was written last.
        expect.objectContaining({ line: 3, kind: 'head-changed' }),
      ]);
    });

    it('a file copied to another month is detected by its genesis hash', async () => {
      await threeRecords();
      writeFileSync(file('2026-12'), readFileSync(file('2026-11')));
      const { problems } = await journal.readMonth(CLERK_ID, '2026-12');
      expect(problems[0]).toEqual(expect.objectContaining({ line: 1, kind: 'broken-chain' }));
    });
  });

  it('has() finds a saved id this month and last month, not an unknown one', async () => {
    const now = new Date(2026, 10, 3);
    const last = await journal.append(sampleRecord(new Date(2026, 9, 30)));
    expect(await journal.has(CLERK_ID, last.id, now)).toBe(true);
    expect(await journal.has(CLERK_ID, '0192aaaa-0000-7000-8000-000000000000', now)).toBe(false);
  });

  it('the chain scan tells each line\'s record type without parsing it', async () => {
    const t = new Date(2026, 10, 24, 9);
    await journal.append(sampleRecord(t));
    const { clerk, ...call } = sampleRecord(new Date(t.getTime() + 1000));
    const shift = buildShiftRecord(
      { id: call.id, skipped: true, done: [] },
      { id: 'shift', version: 1, direction: 'shift', title: 'Gotowość', items: [{ id: 'badge', label: 'Identyfikator', weight: 1, appliesWhen: 'always' }] },
      { clerkId: clerk.id, firstName: clerk.firstName, lastName: clerk.lastName, role: clerk.role, unit: clerk.unit, officeName: 'PUP' },
      Date.parse(call.savedAt),
    );
    await journal.append(shift);
    const scan = await journal.scanMonth(CLERK_ID, monthOf(t));
    expect(scan.lines.map((l) => l.type)).toEqual(['call', 'shift']);
  });

  it('an empty clerk folder reads as no calls', async () => {
    expect(await journal.recent(CLERK_ID, 5)).toEqual({ records: [], problems: [], problemCount: 0 });
    expect(existsSync(join(dataDir, 'calls'))).toBe(false);
  });
});
