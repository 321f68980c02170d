import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CallJournal } from '../../electron/services/journal';
import { LinePicker } from '../../electron/services/line-picker';
import { CallRecordSchema } from '../../shared/journal/call-record';
import { CLERK_ID, sampleRecord } from '../helpers/records';

let dataDir: string;
let journal: CallJournal;
const file = (month: string) => join(dataDir, 'calls', CLERK_ID, `${month}.jsonl`);
const wanted = (text: string) => text.includes('szukane');
const ids = async (picker: LinePicker<{ id: string }>, months = 2) => (await picker.fromLastMonths(CLERK_ID, months)).map((r) => r.id);

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'picker-'));
  journal = new CallJournal(dataDir);
});
afterEach(async () => {
  await journal.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('LinePicker', () => {
  it('parses only the lines asked for, across month files, and passes over a broken one', async () => {
    const october = await journal.append({ ...sampleRecord(new Date(2026, 9, 20, 10)), note: 'szukane' });
    await journal.append(sampleRecord(new Date(2026, 9, 21, 10)));
    const november = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 10)), note: 'szukane' });
    appendFileSync(file('2026-11'), '{"schemaVersion":1,"type":"call","note":"szukane"}\n');
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    expect(await ids(picker)).toEqual([october.id, november.id]);
    expect(await ids(picker, 1)).toEqual([november.id]);
  });

  it('reads again only what was appended, and leaves a line still being written for next time', async () => {
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    const first = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 10)), note: 'szukane' });
    expect(await ids(picker)).toEqual([first.id]);
    const second = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 11)), note: 'szukane' });
    await journal.close();
    const line = JSON.stringify({ ...sampleRecord(new Date(2026, 10, 3, 12)), note: 'szukane', prevHash: '0'.repeat(64) });
    appendFileSync(file('2026-11'), line.slice(0, 40));
    expect(await ids(picker)).toEqual([first.id, second.id]);
    appendFileSync(file('2026-11'), line.slice(40) + '\n');
    expect(await ids(picker)).toHaveLength(3);
  });

  it('reads a file that was replaced, cut back and written on, or removed, from its start again', async () => {
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    const kept = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 10)), note: 'szukane' });
    const rolledBack = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 11)), note: 'szukane' });
    await journal.close();
    expect(await ids(picker)).toEqual([kept.id, rolledBack.id]);

    // A save rolled back (its fsync failed) and another written in its place, longer: same start, larger file.
    const [first] = readFileSync(file('2026-11'), 'utf8').split('\n');
    writeFileSync(file('2026-11'), first + '\n');
    const retried = await new CallJournal(dataDir).append({ ...sampleRecord(new Date(2026, 10, 3, 12)), note: 'szukane, tym razem dłuższa notatka' });
    expect(await ids(picker)).toEqual([kept.id, retried.id]);

    // Replaced by another file as long or longer, not chaining to what was read.
    const other = await new CallJournal(join(dataDir, 'inny')).append({ ...sampleRecord(new Date(2026, 10, 3, 13)), note: 'szukane i jeszcze dłuższa notatka w innym pliku' });
    const otherLine = JSON.stringify(other);
    writeFileSync(`${file('2026-11')}.new`, readFileSync(file('2026-11'), 'utf8').replace(/^.*\n/, '') + otherLine + '\n' + otherLine + '\n');
    renameSync(`${file('2026-11')}.new`, file('2026-11'));
    expect(await ids(picker)).toEqual([retried.id, other.id, other.id]);

    rmSync(file('2026-11'));
    expect(await ids(picker)).toEqual([]);
  });

  it.each([
    ['a folder', (p: string) => mkdirSync(p)],
    ['a pipe', (p: string) => execFileSync('mkfifo', [p])],
  ])('%s under a month file’s name is passed over, and the other month is still read', async (_name, make) => {
    const october = await journal.append({ ...sampleRecord(new Date(2026, 9, 20, 10)), note: 'szukane' });
    await journal.close();
    mkdirSync(join(dataDir, 'calls', CLERK_ID), { recursive: true });
    make(file('2026-11'));
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    expect(await ids(picker)).toEqual([october.id]);
  });

  it('a line re-saved by another program (a key repeated, spaces added) is not a record, as for every other reader', async () => {
    const kept = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 10)), note: 'szukane' });
    const line = JSON.stringify({ ...sampleRecord(new Date(2026, 10, 3, 11)), note: 'szukane', prevHash: '0'.repeat(64) });
    appendFileSync(file('2026-11'), line.replace('{"schemaVersion":1', '{"schemaVersion":1,"note":"szukane"') + '\n');
    appendFileSync(file('2026-11'), line.replace('{"schemaVersion":1,', '{"schemaVersion": 1, ') + '\n');
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    expect(await ids(picker)).toEqual([kept.id]);
  });

  it('a month ending in megabytes of junk with no line end: the records before it are found, look after look', async () => {
    const kept = await journal.append({ ...sampleRecord(new Date(2026, 10, 3, 10)), note: 'szukane' });
    await journal.close();
    appendFileSync(file('2026-11'), 'x'.repeat(40 * 1024 * 1024));
    const picker = new LinePicker(journal, wanted, CallRecordSchema);
    expect(await ids(picker)).toEqual([kept.id]);
    for (let i = 0; i < 3; i++) expect(await ids(picker)).toEqual([kept.id]);
  });
});
