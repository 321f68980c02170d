import { appendFileSync, mkdtempSync, promises as fsp, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CallJournal, monthOf } from '../../electron/services/journal';
import { CLERK_ID, sampleRecord } from '../helpers/records';

/**
 * The journal when the disk misbehaves: writes that stop half-way, a disk
 * that fills up mid-line, bytes that are not text, a retry across the end of
 * a month. Each must end with every acknowledged record readable and nothing
 * stored twice.
 */
let dataDir: string;
let journal: CallJournal;
const T = new Date(2026, 10, 20, 10, 0);
const file = (month = monthOf(T)) => join(dataDir, 'calls', CLERK_ID, `${month}.jsonl`);

async function fileHandlePrototype() {
  const handle = await fsp.open(join(dataDir, 'probe'), 'w');
  const proto = Object.getPrototypeOf(handle) as { write: (...args: unknown[]) => Promise<{ bytesWritten: number }> };
  await handle.close();
  return proto;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'journal-faults-'));
  journal = new CallJournal(dataDir);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await journal.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('journal under write faults', () => {
  it('finishes a write the system cut short, instead of acknowledging half a line', async () => {
    await journal.append(sampleRecord(T));
    const proto = await fileHandlePrototype();
    const original = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(function (this: unknown, ...args: unknown[]) {
      calls++;
      const [data, offset, length, position] = args as [Buffer, number, number, number];
      // The first attempt writes only 10 bytes, as a nearly full disk may.
      return original.call(this, data, offset, calls === 1 ? Math.min(10, length) : length, position);
    });
    const second = await journal.append(sampleRecord(new Date(T.getTime() + 1000), 300));
    expect(calls).toBeGreaterThan(1);
    vi.restoreAllMocks();
    const { records, problems } = await new CallJournal(dataDir).readMonth(CLERK_ID, monthOf(T));
    expect(problems).toEqual([]);
    expect(records.map((r) => r.id)).toContain(second.id);
  });

  it('a disk that fills mid-line: the save fails, the half line is cut away, and the next save is whole', async () => {
    const first = await journal.append(sampleRecord(T));
    const sizeBefore = readFileSync(file()).length;
    const proto = await fileHandlePrototype();
    const original = proto.write;
    let calls = 0;
    vi.spyOn(proto, 'write').mockImplementation(async function (this: unknown, ...args: unknown[]) {
      calls++;
      const [data, offset, length, position] = args as [Buffer, number, number, number];
      if (calls === 1) return original.call(this, data, offset, Math.floor(length / 2), position);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    });
    await expect(journal.append(sampleRecord(new Date(T.getTime() + 1000)))).rejects.toMatchObject({ code: 'ENOSPC' });
    vi.restoreAllMocks();
    expect(readFileSync(file()).length).toBe(sizeBefore);

    const third = await journal.append(sampleRecord(new Date(T.getTime() + 2000)));
    const { records, problems } = await new CallJournal(dataDir).readMonth(CLERK_ID, monthOf(T));
    expect(problems).toEqual([]);
    expect(records.map((r) => r.id)).toEqual([first.id, third.id]);
  });

  it('quarantines a torn tail byte for byte, even when it is not valid text', async () => {
    await journal.append(sampleRecord(T));
    await journal.close();
    const torn = Buffer.from([0x7b, 0xff, 0xfe, 0x41]);
    appendFileSync(file(), torn);
    const sizeBefore = readFileSync(file()).length - torn.length;

    const reopened = new CallJournal(dataDir);
    await reopened.append(sampleRecord(new Date(T.getTime() + 1000)));
    const quarantine = JSON.parse(readFileSync(`${file()}.quarantine`, 'utf8').trim());
    expect(Buffer.from(quarantine.base64, 'base64')).toEqual(torn);
    expect(reopened.quarantined).toEqual([{ file: `calls/${CLERK_ID}/2026-11.jsonl`, bytes: 4 }]);
    expect(readFileSync(file()).subarray(0, sizeBefore).at(-1)).toBe(0x0a);
    expect((await reopened.readMonth(CLERK_ID, monthOf(T))).problems).toEqual([]);
    await reopened.close();
  });

  it('a save retried just after a month ends is stored once, in the month it was first saved in', async () => {
    const record = sampleRecord(new Date(2026, 0, 31, 23, 59, 59));
    const first = await journal.append(record);
    const retried = await journal.append({ ...record, savedAt: new Date(2026, 1, 1, 0, 0, 2).toISOString() });
    expect(retried).toEqual(first);
    expect(await journal.months(CLERK_ID)).toEqual(['2026-01']);
  });

  it('refuses a record the reader would reject, writing nothing', async () => {
    const bad = { ...sampleRecord(T), durationSec: -5 };
    await expect(journal.append(bad)).rejects.toThrow();
    expect(readFileSync(file(), 'utf8')).toBe('');
  });

  it('the history fills up from older lines of the same month when the newest are unreadable', async () => {
    for (let i = 0; i < 5; i++) await journal.append(sampleRecord(new Date(T.getTime() + i * 1000)));
    await journal.close();
    const lines = readFileSync(file(), 'utf8').trim().split('\n');
    lines[4] = lines[4]!.replace('"outcome":"resolved"', '"outcome":"zgubione"');
    writeFileSync(file(), lines.join('\n') + '\n');
    const { records, problems } = await new CallJournal(dataDir).recent(CLERK_ID, 3);
    expect(records).toHaveLength(3);
    expect(problems).toEqual([expect.objectContaining({ line: 5, kind: 'head-changed' }), expect.objectContaining({ line: 5, kind: 'corrupt-line' })]);
  });
});
