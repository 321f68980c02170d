import { execFileSync } from 'node:child_process';
import { promises as fsp, appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MonthReaders } from '../../electron/services/month-readers';
import { Register, problemView, type RegisterFolder } from '../../electron/services/register';
import { INDEX_FORMAT, RegisterIndex } from '../../electron/services/register-index';
import { genesisHash, serializeRecord, sha256 } from '../../electron/services/journal-format';
import { encodeHeadSlot, headPathOf } from '../../electron/services/journal-head';
import { monthFilePath } from '../../electron/services/journal-layout';
import type { CallRecord, UnchainedCallRecord } from '../../shared/journal/call-record';
import { checklistCatalog } from '../../shared/call/checklist-catalog';
import { monthOf } from '../../shared/journal/months';
import { NO_FILTER } from '../../shared/register/register';
import { bundleScript } from '../helpers/bundle-script';
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
/** A fresh reading with every file read whole in the app's worker threads (bundled as the app builds them). */
let readers: MonthReaders;
beforeAll(async () => {
  readers = new MonthReaders(await bundleScript('electron/services/month-reading-worker.ts'), 2);
}, 60_000);
afterAll(() => readers.close());
const threaded = () => new Register(folders, () => TEST_CATALOG, null, readers);

/** What `look` shows, read by `threaded()`, and that its workers did read the files (a worker that fails leaves the reading to the register, silently). */
async function readByWorkers<T>(look: () => Promise<T>): Promise<T> {
  const before = readers.filesRead;
  const seen = await look();
  expect(readers.filesRead, 'files read by the worker threads').toBeGreaterThan(before);
  return seen;
}

/** Everything a lead can see of a register: every row with every field, what is wrong with it, every problem. */
async function view(register: Register, refresh = true) {
  if (refresh) await register.refresh();
  const selection = register.select(NO_FILTER, sort);
  const { rows } = await selection.read.rows(selection.rows);
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
          // The same instance refreshed (the view reopened), a new one (the app restarted), and one reading in worker threads.
          expect(await view(kept)).toEqual(expected);
          expect(await view(withIndex())).toEqual(expected);
          if (expected.rows.length > 0) expect(await readByWorkers(() => view(threaded()))).toEqual(expected);
          else expect(await view(threaded())).toEqual(expected);
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
    const copy = (await index.load('team', teamDir, CLERK_ID, file.path, '2026-10'))!;
    copy.rows.tables.clerks[0]![1] = 'Wpisane do indeksu';
    await index.save('team', teamDir, CLERK_ID, file.path, '2026-10', copy);
    const reopened = await view(withIndex());
    expect(reopened.rows.map((r) => r.clerkName)).toContain('Wpisane do indeksu');
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
    const names = indexFiles();
    const originals = names.map((n) => readFileSync(n));
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bits: fc.integer({ min: 1, max: 255 }) }),
      fc.record({ kind: fc.constant('junk' as const), bytes: fc.uint8Array({ maxLength: 200 }) }),
      fc.constant({ kind: 'swap' as const }),
      fc.constant({ kind: 'version' as const }),
      fc.constant({ kind: 'empty' as const }),
      fc.constant({ kind: 'deleted' as const }),
      // Values of another shape only: a well-formed index that lies (its bytes verified, say) is one made by
      // hand in this computer's own data directory, and is taken at its word like any cache.
      fc
        .record({ kind: fc.constant('header' as const), field: fc.constantFrom('scan', 'head', 'changes', 'maskedOnImport', 'verifiedBytes', 'prefixDigest', 'rowLines'), value: fc.constantFrom(null, 5, 'x', [], {}, -1) })
        .filter(({ field, value }) => !(field === 'verifiedBytes' && value === 5)),
      fc.record({ kind: fc.constant('rows' as const), field: fc.constantFrom('id', 'note', 'startedAt', 'score', 'unit', 'names', 'lists', 'units', 'count', 'states', 'flags'), value: fc.constantFrom(null, 5, 'x', [], {}, -1, [null]) }),
    );
    await fc.assert(
      fc.asyncProperty(damage, fc.nat(1), async (d, which) => {
        names.forEach((n, i) => writeFileSync(n, originals[i]!));
        const target = names[which]!;
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
        if (d.kind === 'version') writeFileSync(target, reframe(bytes, (header) => ({ ...header, format: INDEX_FORMAT + 1 })));
        // Damage a checksum cannot see (a file made by hand): each field of another shape is read as no index.
        if (d.kind === 'header') writeFileSync(target, reframe(bytes, (header) => ({ ...header, [d.field]: d.value })));
        if (d.kind === 'rows') writeFileSync(target, reframe(bytes, (header) => header, (rows) => ({ ...rows, [d.field]: d.value })));
        expect(await view(withIndex())).toEqual(expected);
        // And it was written anew: the next opening reads it.
        expect(await view(withIndex())).toEqual(expected);
      }),
      { numRuns: Number(process.env.IDX_RUNS ?? 120) },
    );
  });

  it('an index made by hand — a time that is no time, a score past 1, states not of their list, dates not where the rows say, rows of another file — is read as none', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 3, head: true });
    await withIndex().refresh();
    const index = new RegisterIndex(indexDir());
    const forgeries: ((copy: NonNullable<Awaited<ReturnType<RegisterIndex['load']>>>) => void)[] = [
      (copy) => void (copy.rows.columns.startedAt[0] = NaN),
      (copy) => void (copy.rows.columns.savedAt[1] = 1e300),
      (copy) => void (copy.rows.columns.score[0] = 5),
      (copy) => void (copy.rows.columns.lineStart[0] = 2 ** 32 - 1),
      // Dates: a row flagged without them, an appointment that is no time, a row's dates gone.
      (copy) => void (copy.rows.columns.flags[0]! |= 4),
      (copy) => void (copy.rows.dates as Map<number, readonly [number, number]>).set(1, [1e300, NaN]),
      (copy) => void (copy.rows.dates as Map<number, readonly [number, number]>).delete(2),
      // Times a Date cannot hold: half a millisecond, minus zero.
      (copy) => void (copy.rows.dates as Map<number, readonly [number, number]>).set(1, [copy.rows.appointmentAt(1) + 0.5, NaN]),
      (copy) => void (copy.rows.columns.startedAt[2] = -0),
      (copy) => void (copy.rows.tables.stateTexts[0] = 'dd'),
      (copy) => void (copy.rows.tables.places[0]![0] = 'calls/inny/2026-10.jsonl'),
    ];
    for (const forge of forgeries) {
      const copy = (await index.load('team', teamDir, CLERK_ID, file.path, '2026-10'))!;
      forge(copy);
      await index.save('team', teamDir, CLERK_ID, file.path, '2026-10', copy);
      expect(await index.load('team', teamDir, CLERK_ID, file.path, '2026-10')).toBeNull();
      // The register reads the file instead, and shows what a fresh reading shows.
      expect(await view(withIndex())).toEqual(await view(fresh()));
    }
  });

  it('a file that grew again and again keeps one entry per checklist version in its rows (the index does not grow with each reading)', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    for (let round = 0; round < 6; round++) {
      apply(file, { kind: 'append', count: 2, head: true });
      await withIndex().refresh();
    }
    const copy = (await new RegisterIndex(indexDir()).load('team', teamDir, CLERK_ID, file.path, '2026-10'))!;
    const lists = copy.rows.tables.lists.map((list) => JSON.stringify(list));
    expect(new Set(lists).size).toBe(lists.length);
    expect(await view(withIndex())).toEqual(await view(fresh()));
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
    const PINNED: Record<number, string> = {
      1: '03f43819d08ab4d0d7aae6fdce77f65018447477305a57443babee195ea4f987',
      2: '03f43819d08ab4d0d7aae6fdce77f65018447477305a57443babee195ea4f987', // the same rows, laid out in lines of a few thousand
      3: '03f43819d08ab4d0d7aae6fdce77f65018447477305a57443babee195ea4f987', // the same rows, kept as columns of bytes; notes read from the month file
      4: '03f43819d08ab4d0d7aae6fdce77f65018447477305a57443babee195ea4f987', // the same rows, their dates kept only where there are some
    };
    expect(PINNED[INDEX_FORMAT]).toBe(await rowsFingerprint());
    // Read in worker threads, the same rows.
    expect(PINNED[INDEX_FORMAT]).toBe(await readByWorkers(() => rowsFingerprint(threaded)));
  });
});

describe('the register index: what a review found', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('the newest record edited behind twenty junk lines is still named as such, read fresh, reopened and refreshed', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    for (let i = 0; i < 20; i++) file.lines.push('to nie jest zapis');
    for (let i = 0; i < 3; i++) file.lines.push(file.record());
    file.write();
    file.writeHead();
    const kept = withIndex();
    await kept.refresh();
    file.lines[22] = file.lines[22]!.replace(/"durationSec":(\d)/, (_, d: string) => `"durationSec":${(Number(d) + 1) % 10}`);
    file.write();
    const expected = await view(fresh());
    expect(expected.problems.map((p) => p.kind)).toEqual(['corrupt-line', 'head-changed']);
    expect(await view(withIndex())).toEqual(expected);
    expect(await view(kept)).toEqual(expected);
  });

  it('an open register sees the month end: a torn last line of the month just ended is then broken, as a fresh reading says', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 30, 23, 59));
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 3, head: true });
    apply(file, { kind: 'partial', junk: false });
    const kept = withIndex();
    expect((await view(kept)).problemCount).toBe(0);
    vi.setSystemTime(new Date(2026, 11, 1, 0, 1));
    const expected = await view(fresh());
    expect(expected.problems.map((p) => p.kind)).toEqual(['corrupt-line']);
    expect(await view(kept)).toEqual(expected);
    expect(await view(withIndex())).toEqual(expected);
  });

  it('another catalog in the same session: the calls are judged anew', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 4, head: true });
    let catalog = TEST_CATALOG;
    const kept = new Register(folders, () => catalog, new RegisterIndex(indexDir()));
    await kept.refresh();
    catalog = checklistCatalog([INCOMING, SHIFT]);
    expect(await view(kept)).toEqual(await view(fresh(catalog)));
  });

  it('an edit that keeps the size and puts every time back is seen once the index is a day old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 2, 9, 0));
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 4, head: true });
    await withIndex().refresh();
    const before = await fsp.stat(file.path, { bigint: true });
    apply(file, { kind: 'edit', at: 1, keepTimes: true });
    // Linux cannot set a change time back; NTFS lets anyone who may write the file do it: the stat says so here.
    const realStat = fsp.stat.bind(fsp);
    vi.spyOn(fsp, 'stat').mockImplementation(((path: string, options?: unknown) => (path === file.path ? Promise.resolve(before) : realStat(path as never, options as never))) as never);
    const expected = await view(fresh());
    expect(expected.problems.map((p) => p.kind)).toContain('broken-chain');
    // The same day the index's word is taken (said in the README); a day later the bytes are hashed again.
    expect((await view(withIndex())).problemCount).toBe(0);
    vi.setSystemTime(new Date(2026, 10, 3, 9, 1));
    expect(await view(withIndex())).toEqual(expected);
  });

  it('a team folder changed or switched off: what the index kept of it goes, at the next reading and at the next start', async () => {
    const teamB = join(root, 'team-b');
    mkdirSync(teamB);
    apply(new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10'), { kind: 'append', count: 2, head: true });
    apply(new MonthFile(monthFilePath(dataDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10'), { kind: 'append', count: 1, head: true });
    let team: string | null = teamDir;
    const now = (): RegisterFolder[] => [{ kind: 'local', root: dataDir }, ...(team ? [{ kind: 'team' as const, root: team }] : [])];
    const register = new Register(now, () => TEST_CATALOG, new RegisterIndex(indexDir()));
    await register.refresh();
    expect(indexedMonths()).toEqual(['2026-10', '2026-10']);
    team = teamB;
    await register.refresh();
    expect(indexedMonths()).toEqual(['2026-10']); // this computer's only
    team = teamDir;
    await register.refresh();
    team = null;
    await new Register(now, () => TEST_CATALOG, new RegisterIndex(indexDir())).forgetFoldersNotRead();
    expect(indexedMonths()).toEqual(['2026-10']);
  });

  it("a clerk folder that cannot be listed keeps its own entries only: another clerk's month removed is forgotten", async () => {
    const gone = new MonthFile(monthFilePath(teamDir, OTHER_CLERK, '2026-10'), OTHER_CLERK, '2026-10');
    apply(gone, { kind: 'append', count: 2, head: true });
    apply(new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10'), { kind: 'append', count: 2, head: true });
    const locked = new MonthFile(monthFilePath(teamDir, 'zablokowany', '2026-10'), 'zablokowany', '2026-10');
    apply(locked, { kind: 'append', count: 1, head: true });
    const register = withIndex();
    await register.refresh();
    expect(indexedMonths()).toHaveLength(3);
    // No access to one clerk's folder (root ignores permissions: the listing says so here).
    const realReaddir = fsp.readdir.bind(fsp);
    vi.spyOn(fsp, 'readdir').mockImplementation(((path: string, options?: unknown) =>
      String(path).endsWith('zablokowany') ? Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' })) : realReaddir(path as never, options as never)) as never);
    apply(gone, { kind: 'remove-file' });
    await register.refresh();
    expect(register.folderTroubles.map((t) => t.message)).toEqual(['EACCES']);
    expect(indexedMonths()).toHaveLength(2); // the locked clerk's and CLERK_ID's
  });

  it.skipIf(process.platform === 'win32')('an index entry that is a pipe is passed over, never waited on', async () => {
    const file = new MonthFile(monthFilePath(teamDir, CLERK_ID, '2026-10'), CLERK_ID, '2026-10');
    apply(file, { kind: 'append', count: 2, head: true });
    await withIndex().refresh();
    const [entry] = indexFiles();
    rmSync(entry!);
    execFileSync('mkfifo', [entry!]);
    // Resolves (the test's own time limit guards a hang) and shows what a fresh reading shows.
    expect(await view(withIndex())).toEqual(await view(fresh()));
  });
});

/** Every file of the index, wherever it is in its folders. */
function indexFiles(): string[] {
  if (!existsSync(indexDir())) return [];
  return readdirSync(indexDir(), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function indexedMonths(): string[] {
  return indexFiles()
    .map((path) => basename(path).slice(0, 7))
    .sort();
}

/** An index file's header (and rows) changed, and framed again with a checksum that holds: a file made by hand. */
function reframe(bytes: Buffer, header: (h: Record<string, unknown>) => Record<string, unknown>, rows: (r: Record<string, unknown>) => Record<string, unknown> = (r) => r): Buffer {
  const newline = bytes.indexOf(0x0a);
  const [first, ...rest] = bytes.subarray(newline + 1).toString('utf8').split('\n');
  const lines = [JSON.stringify(header(JSON.parse(first!) as Record<string, unknown>)), ...rest.map((line) => JSON.stringify(rows(JSON.parse(line) as Record<string, unknown>)))];
  const body = Buffer.from(lines.join('\n'));
  return Buffer.concat([Buffer.from(`${crc32(body).toString(16).padStart(8, '0')} ${body.length}\n`), body]);
}

/**
 * What the register makes of a fixed set of records, as a hash: every field
 * of every row (the digest, the masked unit names, the judged checklist
 * included), and the problems of the file they are in.
 */
async function rowsFingerprint(register = fresh): Promise<string> {
  rmSync(teamDir, { recursive: true, force: true });
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
  const seen = await view(register());
  const stable = { rows: seen.rows, problems: seen.problems, problemCount: seen.problemCount };
  return createHash('sha256').update(JSON.stringify(stable)).digest('hex');
}
