import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Register, problemView, type RegisterFolder } from '../../electron/services/register';
import { INDEX_FORMAT, RegisterIndex } from '../../electron/services/register-index';
import { genesisHash, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { encodeHeadSlot, headPathOf } from '../../electron/services/journal-head';
import { monthFilePath } from '../../electron/services/journal-layout';
import type { CallRecord, UnchainedCallRecord } from '../../shared/journal/call-record';
import { checklistCatalog } from '../../shared/call/checklist-catalog';
import { monthOf } from '../../shared/journal/months';
import { NO_FILTER } from '../../shared/register/register';
import { CLERK_ID, INCOMING, OUTGOING, SHIFT, TEST_CATALOG, recordedItems, sampleRecord } from '../helpers/records';

/**
 * The register's index (register-index.ts) is a cache: whatever happened to
 * a month file or to the index between two openings, the register opened
 * with it shows exactly what one reading every file afresh shows.
 */

const OTHER_CLERK = '6a1c2d3e-4f50-4a7e-9a39-6f3f6f2b8a11';
const sort = { key: 'startedAt' as const, descending: true };

let root: string;
let dataDir: string;
let teamDir: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'register-index-'));
  dataDir = join(root, 'data');
  teamDir = join(root, 'team');
  mkdirSync(dataDir);
  mkdirSync(teamDir);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const indexDir = () => join(dataDir, 'cache', 'register');
const folders = (): RegisterFolder[] => [
  { kind: 'local', root: dataDir },
  { kind: 'team', root: teamDir },
];
const withIndex = (catalog = TEST_CATALOG) => new Register(folders, () => catalog, new RegisterIndex(indexDir()));
const fresh = (catalog = TEST_CATALOG) => new Register(folders, () => catalog);

/** Everything a lead can see of a register: every row with every field, what is wrong with it, every problem. */
async function view(register: Register, refresh = true) {
  if (refresh) await register.refresh();
  const rows = register.select(NO_FILTER, sort);
  return {
    rows: rows.map((row) => ({ ...row, items: { ...row.items }, integrity: register.integrityOf(row) })),
    problems: register.problems.map(problemView),
    problemCount: register.problemCount,
    troubles: register.folderTroubles,
    summary: register.summary(NO_FILTER, sort, Date.UTC(2027, 0, 1)),
  };
}

/** A month file of one clerk written the way the tests need it: lines, and a head when asked. */
class MonthFile {
  lines: string[] = [];
  /** Bytes after the last newline (a line being written). */
  tail = '';
  private n = 0;

  constructor(
    readonly path: string,
    readonly clerkId: string,
    readonly month: string,
  ) {
    mkdirSync(join(path, '..'), { recursive: true });
  }

  record(overrides: Partial<UnchainedCallRecord> = {}): string {
    const [y, m] = this.month.split('-').map(Number) as [number, number];
    const at = new Date(y, m - 1, 1 + (this.n % 27), 8 + (this.n % 9), this.n % 60);
    const outgoing = this.n % 3 === 0;
    const base = sampleRecord(at, 10 + ((this.n * 13) % 90), this.clerkId);
    this.n++;
    const prevHash = this.lines.length === 0 ? genesisHash(this.clerkId, this.month) : sha256(this.lines.at(-1)!);
    const record = {
      ...base,
      ...(outgoing ? { direction: 'outgoing', outbound: { person: 'right', goodMoment: true }, ...recordedItems(OUTGOING, { greeting: 2000, 'identity-confirmed': 4000 }) } : {}),
      ...[
        { outcome: 'resolved' },
        { outcome: 'routed', routedTo: { unitId: 'cai', unitName: 'Centrum Aktywizacji Zawodowej', external: false } },
        { outcome: 'invited', invitation: { appointmentAt: new Date(at.getTime() + 86_400_000).toISOString() } },
        { outcome: 'callback', callback: { dueAt: new Date(at.getTime() + 3600_000).toISOString(), reference: '' } },
      ][this.n % 4],
      ...overrides,
      prevHash,
    } as CallRecord;
    return serializeRecord(record);
  }

  /** Lines as the file now holds them, read back (an edit made through bytes shows here). */
  reread(): void {
    const text = readFileSync(this.path, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    this.lines = text.slice(0, end).split('\n').slice(0, -1);
    this.tail = text.slice(end);
  }

  write(): void {
    writeFileSync(this.path, this.lines.map((l) => l + '\n').join('') + this.tail);
  }

  append(text: string): void {
    appendFileSync(this.path, text);
    this.reread();
  }

  writeHead(lines = this.lines.length): void {
    const slot = encodeHeadSlot({ lines, lastHash: lines === 0 ? genesisHash(this.clerkId, this.month) : sha256(this.lines[lines - 1] ?? 'none') });
    writeFileSync(headPathOf(this.path), Buffer.concat([slot, slot]));
  }
}

/** Everything that happens to a month file between two openings: a clerk's app appending, a crash, a hand, an attacker. */
type Change =
  | { kind: 'append'; count: number; head: boolean }
  | { kind: 'partial'; junk: boolean }
  | { kind: 'complete' }
  | { kind: 'junk' }
  | { kind: 'other-clerk' }
  | { kind: 'edit'; at: number; keepTimes: boolean }
  | { kind: 'cut'; keep: number }
  | { kind: 'remove-head' }
  | { kind: 'head-ahead' }
  | { kind: 'remove-file' }
  | { kind: 'touch' };

const change: fc.Arbitrary<Change> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('append' as const), count: fc.integer({ min: 1, max: 6 }), head: fc.boolean() }) },
  fc.record({ kind: fc.constant('partial' as const), junk: fc.boolean() }),
  fc.constant({ kind: 'complete' as const }),
  fc.constant({ kind: 'junk' as const }),
  fc.constant({ kind: 'other-clerk' as const }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), keepTimes: fc.boolean() }) },
  fc.record({ kind: fc.constant('cut' as const), keep: fc.nat() }),
  fc.constant({ kind: 'remove-head' as const }),
  fc.constant({ kind: 'head-ahead' as const }),
  fc.constant({ kind: 'remove-file' as const }),
  fc.constant({ kind: 'touch' as const }),
);

function apply(file: MonthFile, c: Change): void {
  if (!existsSync(file.path) && c.kind !== 'append') return;
  switch (c.kind) {
    case 'append': {
      let text = file.tail.length > 0 ? '\n' : '';
      const lines = [...file.lines];
      if (file.tail) lines.push(file.tail);
      for (let i = 0; i < c.count; i++) {
        file.lines = lines;
        const line = file.record();
        lines.push(line);
        text += line + '\n';
      }
      file.append(text);
      if (c.head) file.writeHead();
      return;
    }
    case 'partial':
      // A line being written: a record's first half, or bytes that will never be one.
      file.append(c.junk ? '{"schemaVersion":1,"ty' : file.record().slice(0, 40));
      return;
    case 'complete':
      file.append('\n');
      return;
    case 'junk':
      file.append('to nie jest zapis\n');
      return;
    case 'other-clerk': {
      const theirs = new MonthFile(file.path, OTHER_CLERK, file.month);
      theirs.lines = file.lines;
      file.append(theirs.record({ clerk: { ...sampleRecord(new Date()).clerk, id: OTHER_CLERK } }) + '\n');
      return;
    }
    case 'edit': {
      if (file.lines.length === 0) return;
      const at = c.at % file.lines.length;
      const before = statSync(file.path);
      // The same length: only the contents say it changed (and the times, unless put back).
      file.lines[at] = file.lines[at]!.replace(/Zażółć/, 'Zażółc');
      file.lines[at] = file.lines[at]!.replace(/"durationSec":(\d)/, (_, d: string) => `"durationSec":${(Number(d) + 1) % 10}`);
      file.write();
      if (c.keepTimes) utimesSync(file.path, before.atime, before.mtime);
      return;
    }
    case 'cut': {
      const keep = c.keep % (file.lines.length + 1);
      file.lines = file.lines.slice(0, keep);
      file.tail = '';
      truncateSync(file.path, Buffer.byteLength(file.lines.map((l) => l + '\n').join('')));
      return;
    }
    case 'remove-head':
      rmSync(headPathOf(file.path), { force: true });
      return;
    case 'head-ahead':
      file.writeHead(file.lines.length + 2);
      return;
    case 'remove-file':
      rmSync(file.path, { force: true });
      rmSync(headPathOf(file.path), { force: true });
      file.lines = [];
      file.tail = '';
      return;
    case 'touch': {
      const now = new Date(Date.now() + 5_000);
      utimesSync(file.path, now, now);
      return;
    }
  }
}

describe('the register index: a reopened register shows what a fresh reading shows', () => {
  it('property: whatever happens to the month files between openings, the rows, their flags, the problems and the summary are the same', async () => {
    const thisMonth = monthOf(new Date());
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(3), change), { minLength: 1, maxLength: 10 }), fc.boolean(), async (steps, pastMonth) => {
        rmSync(root, { recursive: true, force: true });
        mkdirSync(dataDir, { recursive: true });
        mkdirSync(teamDir, { recursive: true });
        // A month nobody writes any more reads a torn last line as broken; this month's is still being written.
        const month = pastMonth ? '2026-09' : thisMonth;
        const files = [
          new MonthFile(monthFilePath(dataDir, CLERK_ID, month), CLERK_ID, month),
          new MonthFile(monthFilePath(teamDir, CLERK_ID, month), CLERK_ID, month),
          new MonthFile(monthFilePath(teamDir, OTHER_CLERK, month), OTHER_CLERK, month),
          new MonthFile(monthFilePath(teamDir, OTHER_CLERK, '2026-08'), OTHER_CLERK, '2026-08'),
        ];
        const kept = withIndex();
        for (const [which, step] of steps) {
          apply(files[which]!, step);
          const expected = await view(fresh());
          // The same instance refreshed (the view reopened), and a new one (the app restarted).
          expect(await view(kept)).toEqual(expected);
          expect(await view(withIndex())).toEqual(expected);
        }
      }),
      { numRuns: Number(process.env.IDX_RUNS ?? 60) },
    );
  });

  it('a file that only grew is read on from where the last reading stopped, and its rows follow on', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 5, head: true });
    await withIndex().refresh();
    apply(file, { kind: 'append', count: 3, head: true });
    const reopened = await view(withIndex());
    expect(reopened.rows).toHaveLength(8);
    expect(reopened).toEqual(await view(fresh()));
    expect(reopened.problemCount).toBe(0);
  });

  it('what a reopening shows comes from the index (so it is kept where only this computer writes, never in the team folder)', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 2, head: true });
    await withIndex().refresh();
    const index = new RegisterIndex(indexDir());
    const copy = (await index.load('team', teamDir, file.path, '2026-10', CLERK_ID))!;
    copy.rows[0]!.note = 'wpisane do indeksu';
    await index.save('team', teamDir, file.path, '2026-10', copy);
    const reopened = await view(withIndex());
    expect(reopened.rows.map((r) => r.note)).toContain('wpisane do indeksu');
    // Nothing of the index is in the team folder: only the clerk's month file and its head.
    expect(readdirSync(join(teamDir, 'calls', CLERK_ID)).sort()).toEqual(['2026-10.jsonl', '2026-10.jsonl.head']);
  });

  it('property: an index cut short, with bytes changed, of another version or of another file is read as none', async () => {
    const a = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    const b = new MonthFile(monthFilePath(teamDir, OTHER_CLERK, '2026-10'), OTHER_CLERK, '2026-10');
    apply(a, { kind: 'append', count: 4, head: true });
    apply(b, { kind: 'append', count: 3, head: true });
    await withIndex().refresh();
    const expected = await view(fresh());
    const [folder] = readdirSync(indexDir());
    const dir = join(indexDir(), folder!);
    const names = readdirSync(dir).sort();
    const originals = names.map((n) => readFileSync(join(dir, n)));
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('junk' as const), bytes: fc.uint8Array({ maxLength: 200 }) }),
      fc.constant({ kind: 'swap' as const }),
      fc.constant({ kind: 'version' as const }),
      fc.constant({ kind: 'empty' as const }),
      fc.constant({ kind: 'deleted' as const }),
    );
    await fc.assert(
      fc.asyncProperty(damage, fc.nat(1), async (d, which) => {
        names.forEach((n, i) => writeFileSync(join(dir, n), originals[i]!));
        const target = join(dir, names[which]!);
        const bytes = Buffer.from(originals[which]!);
        if (d.kind === 'cut') writeFileSync(target, bytes.subarray(0, d.at % bytes.length));
        if (d.kind === 'flip') {
          bytes[d.at % bytes.length]! ^= d.bits;
          writeFileSync(target, bytes);
        }
        if (d.kind === 'junk') writeFileSync(target, d.bytes);
        if (d.kind === 'empty') writeFileSync(target, '');
        if (d.kind === 'deleted') rmSync(target);
        if (d.kind === 'swap') writeFileSync(target, originals[1 - which]!); // the other clerk's index under this one's name
        if (d.kind === 'version') writeFileSync(target, reframe(bytes, (stored) => ({ ...stored, format: INDEX_FORMAT + 1 })));
        expect(await view(withIndex())).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('another checklist catalog: the calls are judged anew, not taken from the index', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 4, head: true });
    await withIndex().refresh();
    // A catalog without the outgoing checklist: its calls are of a checklist this app does not know.
    const narrower = checklistCatalog([INCOMING, SHIFT]);
    const reopened = await view(withIndex(narrower));
    expect(reopened).toEqual(await view(fresh(narrower)));
    expect(reopened.rows.some((r) => r.trust === 'unknown-checklist')).toBe(true);
  });

  it('a month file gone is forgotten by the index at the next reading; a folder that cannot be listed keeps its own', async () => {
    const kept = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    const gone = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-09'), CLERK_ID, '2026-09');
    apply(kept, { kind: 'append', count: 2, head: true });
    apply(gone, { kind: 'append', count: 2, head: true });
    const register = withIndex();
    await register.refresh();
    expect(indexedMonths()).toEqual(['2026-09', '2026-10']);
    apply(gone, { kind: 'remove-file' });
    await register.refresh();
    expect(indexedMonths()).toEqual(['2026-10']);
    // The share away for a while: what is known of it stays, to be used when it is back.
    rmSync(teamDir, { recursive: true, force: true });
    writeFileSync(teamDir, 'nie folder');
    await register.refresh();
    expect(register.folderTroubles).toHaveLength(1);
    expect(indexedMonths()).toEqual(['2026-10']);
  });

  it('months before the oldest kept are forgotten, whichever folder they were read from', async () => {
    for (const month of ['2024-10', '2024-11', '2026-10']) apply(new MonthFile(monthFilePath(teamDir, CLERK_ID, month), CLERK_ID, month), { kind: 'append', count: 1, head: true });
    apply(new MonthFile(monthFilePath(dataDir, CLERK_ID, '2024-10'), CLERK_ID, '2024-10'), { kind: 'append', count: 1, head: true });
    const register = withIndex();
    await register.refresh();
    expect(indexedMonths()).toEqual(['2024-10', '2024-10', '2024-11', '2026-10']);
    await register.forgetBefore('2024-11');
    expect(indexedMonths()).toEqual(['2024-11', '2026-10']);
  });

  it(`the rows made of a set of records are those pinned for index format ${INDEX_FORMAT} (a change to them needs a new format)`, async () => {
    // When this fails, what the register makes of a record changed: bump INDEX_FORMAT in
    // register-index.ts and pin the new fingerprint under the new number — never change an old pin,
    // or registers would go on showing rows made the old way from their indexes.
    const PINNED: Record<number, string> = { 1: '03f43819d08ab4d0d7aae6fdce77f65018447477305a57443babee195ea4f987' };
    expect(PINNED[INDEX_FORMAT]).toBe(await rowsFingerprint());
  });
});

function indexedMonths(): string[] {
  if (!existsSync(indexDir())) return [];
  return readdirSync(indexDir())
    .flatMap((folder) => readdirSync(join(indexDir(), folder)))
    .map((name) => name.slice(0, 7))
    .sort();
}

/** An index file's contents changed and framed again with a checksum that holds. */
function reframe(bytes: Buffer, change: (stored: Record<string, unknown>) => Record<string, unknown>): Buffer {
  const newline = bytes.indexOf(0x0a);
  const body = Buffer.from(JSON.stringify(change(JSON.parse(bytes.subarray(newline + 1).toString('utf8')) as Record<string, unknown>)));
  return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')} ${body.length}\n`), body]);
}

/**
 * What the register makes of a fixed set of records, as a hash: every field
 * of every row (the digest, the masked unit names, the judged checklist
 * included), and the problems of the file they are in.
 */
async function rowsFingerprint(): Promise<string> {
  const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
  const fixed = (n: number, overrides: Partial<UnchainedCallRecord>) => {
    const at = new Date(Date.UTC(2026, 9, 1 + n, 8 + n));
    return file.record({
      id: `019a0000-0000-7000-8000-${String(n).padStart(12, '0')}`,
      savedAt: at.toISOString(),
      startedAt: new Date(at.getTime() - 95_000).toISOString(),
      endedAt: new Date(at.getTime() - 5_000).toISOString(),
      // Nothing of the generated variety: every field here is fixed, whatever the time zone.
      direction: 'incoming',
      outbound: null,
      ...recordedItems(INCOMING, { greeting: 2100, 'matter-identified': 30_000 }),
      outcome: 'resolved',
      routedTo: null,
      invitation: null,
      callback: null,
      ...overrides,
    });
  };
  const records: Partial<UnchainedCallRecord>[] = [
    {},
    { note: 'Pan Jan Kowalski, PESEL 44051401359, konto 61 1090 1014 0000 0712 1981 2874' },
    { outcome: 'routed', routedTo: { unitId: 'cai', unitName: 'Centrum Aktywizacji Zawodowej', external: false } },
    { outcome: 'routed', routedTo: { unitId: 'x', unitName: 'Pani Nowak 600 100 200', external: true } },
    { outcome: 'invited', invitation: { appointmentAt: '2026-10-20T09:00:00.000Z' } },
    { outcome: 'callback', callback: { dueAt: '2026-10-21T10:00:00.000Z', reference: 'oddzwonić po 12' } },
    { direction: 'outgoing', outbound: { person: 'someone-else', goodMoment: null }, ...recordedItems(OUTGOING, { greeting: 2000 }, false, 'someone-else') },
    { direction: 'outgoing', outbound: { person: 'no-answer', goodMoment: null }, ...recordedItems(OUTGOING, {}, false, 'no-answer') },
    { personalData: true, ...recordedItems(INCOMING, { greeting: 40_000, 'identity-verified': 10_000 }, true) },
    { checklist: { id: 'incoming', version: 99 } },
  ];
  for (const [n, overrides] of records.entries()) {
    file.lines.push(fixed(n, overrides as Partial<UnchainedCallRecord>));
  }
  file.write();
  file.writeHead();
  const seen = await view(fresh());
  const stable = { rows: seen.rows, problems: seen.problems, problemCount: seen.problemCount };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}
