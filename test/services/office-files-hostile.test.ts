import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECK_PROBLEMS_LISTED, checkContent, checkContentAsync, decodeContent } from '../../electron/services/content-check';
import { polishIssueMessages } from '../../shared/contract/api';
import { checkOfficeFile, loadContentInUse, keepLastGood, type OfficeFileCheck } from '../../electron/services/office-content';
import { CONTENT_FILE_MAX_BYTES, FILE_READ_TIMEOUT_MS, readBoundedFile, type FileSystemAccess } from '../../electron/services/safe-read';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';

/**
 * What a team lead may point the app at, by mistake or on a bad day of the
 * network share: things that are not files (a named pipe, a folder, a
 * device, a socket), a file far too big, and files whose text makes a parser
 * work hard (thousands of problems, nesting 100,000 deep, bytes that are not
 * UTF-8). For each one the check comes back — raced against a guard, so a
 * hang fails the test instead of hanging it — with a problem that says what
 * is wrong, and the event loop (the app's calls, its saving, SIGTERM) is
 * never held up for more than 100 ms meanwhile.
 */
const BLOCK_LIMIT_MS = 100;
const GUARD_MS = 20_000;
const posix = process.platform !== 'win32';
const root = mkdtempSync(join(tmpdir(), 'office-hostile-'));
const servers: Server[] = [];
const fifos: string[] = [];

afterAll(async () => {
  releaseFifos();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  rmSync(root, { recursive: true, force: true });
});

/** Opens every FIFO for writing and closes it: a reader stuck on one (a build without the fix) gets its end of file. */
function releaseFifos(): void {
  for (const path of fifos) {
    try {
      closeSync(openSync(path, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting
    }
  }
}

/**
 * Runs `work` while a 5 ms timer watches the event loop: the longest gap
 * between two ticks, beyond the 5 ms asked for, is the longest time the loop
 * was held. The first gap (the timer starting) is left out. A gap counts only
 * the CPU time this process spent in it: on a busy machine the process also
 * waits for a core, and that wait is not the check's doing. A guard rejects
 * when the work never settles.
 */
async function watched<T>(work: () => Promise<T>): Promise<{ value: T; longestBlockMs: number }> {
  const gaps: number[] = [];
  let last = performance.now();
  let lastCpu = process.cpuUsage();
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    gaps.push(Math.min(now - last - 5, (cpu.user + cpu.system) / 1000));
    last = now;
    lastCpu = process.cpuUsage();
  }, 5);
  let guard: NodeJS.Timeout | undefined;
  try {
    await new Promise((resolve) => setTimeout(resolve, 15));
    const value = await Promise.race([
      work(),
      new Promise<never>((_, reject) => {
        guard = setTimeout(() => reject(new Error(`no answer in ${GUARD_MS} ms: the check hangs`)), GUARD_MS);
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 15)); // a block at the very end shows in the next gap
    return { value, longestBlockMs: Math.max(0, ...gaps.slice(1)) };
  } finally {
    clearInterval(probe);
    clearTimeout(guard);
    releaseFifos();
  }
}

/**
 * {@link watched}, again up to twice more while the loop was held too long:
 * code that holds it does so every time, while a collection of the garbage or
 * a core taken away by the machine's other work rarely strikes three times in
 * a row. The least of the longest holds, with the last check's answer.
 */
async function leastBlocked<T>(work: () => Promise<T>): Promise<{ value: T; longestBlockMs: number }> {
  let result = await watched(work);
  for (let again = 0; again < 2 && result.longestBlockMs >= BLOCK_LIMIT_MS; again++) {
    const next = await watched(work);
    result = { value: next.value, longestBlockMs: Math.min(result.longestBlockMs, next.longestBlockMs) };
  }
  return result;
}

let n = 0;
const place = (name: string) => join(mkdtempSync(join(root, `case-${n++}-`)), name);

function fifo(path = place('katalog.json')): string {
  execFileSync('mkfifo', [path]);
  fifos.push(path);
  return path;
}

async function socket(): Promise<string> {
  const path = place('gniazdo.json');
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

function link(target: string): string {
  const path = place('dowiazanie.json');
  symlinkSync(target, path);
  return path;
}

function file(content: string | Uint8Array, name = 'katalog.json'): string {
  const path = place(name);
  writeFileSync(path, content);
  return path;
}

const directoryText = readFileSync('resources/directory.json', 'utf8');
const glossaryText = readFileSync('resources/glossary.json', 'utf8');
type Doc = { matters: Record<string, unknown>[] };

/** The shipped directory with `count` matters made from its first, each changed by `change`. */
function manyMatters(count: number, change: (matter: Record<string, unknown>, i: number) => void): string {
  const doc = JSON.parse(directoryText) as Doc;
  const template = doc.matters[0]!;
  doc.matters = Array.from({ length: count }, (_, i) => {
    const matter: Record<string, unknown> = { ...structuredClone(template), id: `sprawa-${i}` };
    change(matter, i);
    return matter;
  });
  return JSON.stringify(doc, null, 2);
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function expectRefused(check: OfficeFileCheck, path: string, problem: RegExp): asserts check is Extract<OfficeFileCheck, { ok: false }> {
  expect(check.ok).toBe(false);
  if (check.ok) return;
  expect(check.problems.length).toBeGreaterThan(0);
  expect(check.problems.length).toBeLessThanOrEqual(CHECK_PROBLEMS_LISTED);
  expect(check.problemCount).toBeGreaterThanOrEqual(check.problems.length);
  expect(check.problems[0]!.startsWith(`${path}:`)).toBe(true);
  expect(check.problems[0]).toMatch(problem);
}

type Case = { name: string; make: () => string | Promise<string>; problem: (path: string) => RegExp; count?: number; kind?: 'directory' | 'glossary' };

const unknownUnits = manyMatters(1_200, (m) => (m.unit = 'nie-ma-takiej'));
const missingTitles = manyMatters(1_200, (m) => delete m.title);
/**
 * The heaviest text the limit lets through for the one step that cannot be
 * split (the schema's cross-checks over all entries): the smallest valid
 * terms, identical, filling the limit — some 20,000 duplicate identifiers.
 */
const duplicateTerm = JSON.stringify({ id: 'ten-sam', term: 'x', explanation: 'y', sayIt: 'z' });
const duplicateCount = Math.floor((CONTENT_FILE_MAX_BYTES - 100) / (Buffer.byteLength(duplicateTerm) + 1));
const duplicateTerms = `{"version":1,"terms":[${Array(duplicateCount).fill(duplicateTerm).join(',')}]}`;

const HOSTILE: Case[] = [
  { name: 'a FIFO (named pipe)', make: () => fifo(), problem: (p) => new RegExp(`^${escape(p)}: to nie jest zwykły plik`) },
  { name: 'a symlink to a FIFO', make: () => link(fifo(place('potok'))), problem: () => /: to nie jest zwykły plik/ },
  { name: 'a folder', make: () => { const p = place('katalog.json'); mkdirSync(p); return p; }, problem: () => /: to nie jest zwykły plik.*katalog/ },
  { name: 'a symlink to /dev/zero', make: () => link('/dev/zero'), problem: () => /: to nie jest zwykły plik.*urządzenie/ },
  { name: 'a socket', make: socket, problem: () => /: to nie jest zwykły plik.*gniazdo/ },
  { name: 'a file one byte over the limit', make: () => file(`{}${' '.repeat(CONTENT_FILE_MAX_BYTES - 1)}`), problem: () => /: plik jest za duży \(1,0 MB; najwyżej 1 MB\)/ },
  {
    name: `${Math.round(unknownUnits.length / 1000)} kB of matters, each at an unknown unit`,
    make: () => file(unknownUnits),
    problem: (p) => new RegExp(`^${escape(p)}:${lineOf(unknownUnits, '"unit": "nie-ma-takiej"')}:7 matters\\.0\\.unit nieznana komórka „nie-ma-takiej”$`),
    count: 1_200,
  },
  {
    name: `${Math.round(missingTitles.length / 1000)} kB of matters, each without a title`,
    make: () => file(missingTitles),
    problem: (p) => new RegExp(`^${escape(p)}:\\d+:5 matters\\.0\\.title `),
    count: 1_200,
  },
  {
    name: `a glossary of ${duplicateCount} identical terms filling the limit`,
    kind: 'glossary',
    make: () => file(duplicateTerms, 'slowniczek.json'),
    problem: () => /:1:\d+ terms\.1\.id powtórzony identyfikator „ten-sam”$/,
    count: duplicateCount - 1,
  },
  { name: '100,000 unclosed [', make: () => file('['.repeat(100_000)), problem: () => /:1:100001 \(JSON\) błąd składni JSON: plik kończy się przed zamknięciem listy/ },
  { name: '100,000 nested [ ]', make: () => file(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), problem: () => /:1:101 \(całość\) nawiasy są zagnieżdżone głębiej niż 100 poziomów/ },
  { name: '100,000 nested { "a":', make: () => file(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`), problem: () => /:1:501 \(całość\) nawiasy są zagnieżdżone głębiej niż 100 poziomów/ },
  { name: '100,000 nested [ ], then a stray comma', make: () => file(`${'['.repeat(100_000)}${']'.repeat(100_000)},`), problem: () => /:1:200001 \(JSON\) błąd składni JSON: po zakończeniu danych jest jeszcze „,”/ },
  {
    name: 'Windows-1250 bytes (not UTF-8)',
    make: () => file(Buffer.concat([Buffer.from('{\n  "version": 1,\n  "nazwa": "'), Buffer.from([0xa3, 0xf3, 0x9f, 0x9f]), Buffer.from('"\n}\n')])),
    problem: () => /:3:13 \(kodowanie\) plik nie jest zapisany w UTF-8 \(bajt 0xA3\)/,
  },
  { name: 'NUL bytes', make: () => file('{\n  "version": 1,\u0000\u0000\n}'), problem: () => /:2:16 \(JSON\) błąd składni JSON: .*U\+0000/ },
  { name: 'UTF-16 with its BOM', make: () => file(Buffer.from('\uFEFF{"version": 1}', 'utf16le')), problem: () => /:1:1 \(kodowanie\) .*UTF-16/ },
  { name: 'a BOM, then a broken line', make: () => file('\uFEFF{\n  "version": 1,,\n}'), problem: () => /:2:16 \(JSON\) błąd składni JSON: \S/ },
  { name: 'a non-breaking space between values', make: () => file('{\u00a0"version": 1}'), problem: () => /:1:2 \(JSON\) błąd składni JSON: .*U\+00A0/ },
];

describe.skipIf(!posix)('an office file that is not a plain, readable JSON file of sane size', () => {
  for (const c of HOSTILE) {
    it(`${c.name}: the check answers with what is wrong, and never holds the event loop ${BLOCK_LIMIT_MS} ms`, async () => {
      const path = await c.make();
      const { value: check, longestBlockMs } = await leastBlocked(() => checkOfficeFile(c.kind ?? 'directory', path));
      expectRefused(check, path, c.problem(path));
      if (c.count !== undefined) {
        expect(check.problemCount).toBe(c.count);
        expect(check.problems).toHaveLength(CHECK_PROBLEMS_LISTED);
        const lines = check.problems.map((p) => Number(p.slice(path.length + 1).split(':')[0]));
        expect(lines).toEqual([...lines].sort((a, b) => a - b));
      }
      expect(longestBlockMs).toBeLessThan(BLOCK_LIMIT_MS);
    });
  }

  it('the many-problem files are as big as the brief says: 300 kB to 1 MB', () => {
    for (const text of [unknownUnits, missingTitles]) {
      expect(text.length).toBeGreaterThan(300_000);
      expect(Buffer.byteLength(text)).toBeLessThan(Math.min(1_000_000, CONTENT_FILE_MAX_BYTES));
    }
  });

  it('a file exactly at the limit is read (a BOM and spaces count, nothing more)', async () => {
    const text = `\uFEFF${JSON.stringify(JSON.parse(directoryText))}`;
    const path = file(text + ' '.repeat(CONTENT_FILE_MAX_BYTES - Buffer.byteLength(text)));
    const { value: check } = await watched(() => checkOfficeFile('directory', path));
    expect(check.ok).toBe(true);
  });

  it('a symlink to a good file is followed', async () => {
    const target = file(directoryText);
    const { value: check } = await watched(() => checkOfficeFile('directory', link(target)));
    expect(check.ok).toBe(true);
  });
});

describe.skipIf(!posix)('the start with a FIFO configured as the office file', () => {
  const builtIn = { directory: DirectorySchema.parse(JSON.parse(directoryText)), glossary: GlossarySchema.parse(JSON.parse(glossaryText)) };

  it('comes up with the last good copy and a notice saying the file is not a plain file', async () => {
    const dataDir = mkdtempSync(join(root, 'data-'));
    await keepLastGood(dataDir, 'directory', directoryText);
    const path = fifo();
    const { value, longestBlockMs } = await watched(() => loadContentInUse(builtIn, { directory: path, glossary: fifo(place('slowniczek.json')) }, dataDir));
    expect(value.content.sources).toEqual({ directory: 'last-good', glossary: 'built-in' });
    expect(value.content.directory).toEqual(builtIn.directory);
    expect(value.notices).toEqual([
      { code: 'office-directory-invalid', file: path, detail: expect.stringMatching(/: to nie jest zwykły plik/), more: 0, using: 'last-good' },
      { code: 'office-glossary-invalid', file: expect.any(String), detail: expect.stringMatching(/: to nie jest zwykły plik/), more: 0, using: 'built-in' },
    ]);
    expect(longestBlockMs).toBeLessThan(BLOCK_LIMIT_MS);
  });

  it('a last good copy that has become a FIFO is not waited on either', async () => {
    const dataDir = mkdtempSync(join(root, 'data-'));
    fifo(join(dataDir, 'office-directory.last-good.json'));
    const { value } = await watched(() => loadContentInUse(builtIn, { directory: fifo(), glossary: null }, dataDir));
    expect(value.content.sources.directory).toBe('built-in');
    expect(value.notices).toHaveLength(1);
  });

  it('a notice of a file with thousands of problems counts them all', async () => {
    const dataDir = mkdtempSync(join(root, 'data-'));
    const path = file(unknownUnits);
    const { value } = await watched(() => loadContentInUse(builtIn, { directory: path, glossary: null }, dataDir));
    expect(value.notices[0]).toMatchObject({ code: 'office-directory-invalid', more: 1_199, using: 'built-in' });
  });
});

/** A file system whose answers a test decides; the rest is the real one. */
function access(overrides: Partial<FileSystemAccess>): FileSystemAccess {
  return { stat: (path) => fs.stat(path), open: (path, flags) => fs.open(path, flags), ...overrides };
}

describe.skipIf(!posix)('reading an office file: the defences themselves', () => {
  it('a file swapped for a FIFO between the check and the open: opened without waiting, and refused', async () => {
    const regular = await fs.stat(file('{}'));
    const path = fifo();
    const { value } = await watched(() => readBoundedFile(path, { io: access({ stat: async () => regular }) }));
    expect(value).toMatchObject({ ok: false, failure: 'not-regular', message: `${path}: to nie jest zwykły plik, tylko potok nazwany (FIFO)` });
  });

  it('a file that grows while it is read: never more than the limit and one byte is asked for', async () => {
    const path = file('{}');
    const asked: number[] = [];
    const small = await fs.stat(path);
    const io = access({
      open: async (p, flags) => {
        const handle = await fs.open(p, flags);
        return {
          stat: async () => small,
          read: async (buffer: Uint8Array, offset: number, length: number) => {
            asked.push(length);
            buffer.fill(0x20, offset, offset + length);
            return { bytesRead: length, buffer };
          },
          close: () => handle.close(),
        } as unknown as fs.FileHandle;
      },
    });
    const result = await readBoundedFile(path, { maxBytes: 1_024, io });
    expect(result).toMatchObject({ ok: false, failure: 'too-big', message: `${path}: plik jest za duży (ponad 1 kB; najwyżej 1 kB)` });
    expect(asked.reduce((a, b) => a + b, 0)).toBe(1_025);
  });

  it('a share that does not answer: the read is given up after the timeout, and no more than two such reads are left waiting', async () => {
    expect(FILE_READ_TIMEOUT_MS).toBeLessThanOrEqual(10_000);
    const release: (() => void)[] = [];
    const io = access({ stat: (path) => new Promise<Stats>((resolve) => release.push(() => void fs.stat(path).then(resolve))) });
    const path = file('{}');
    const started = performance.now();
    const first = await readBoundedFile(path, { timeoutMs: 200, io });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(first).toMatchObject({ ok: false, failure: 'timed-out', message: `${path}: odczyt nie skończył się w 0,2 s i został przerwany — czy dysk sieciowy jest dostępny?` });
    await readBoundedFile(path, { timeoutMs: 200, io });
    // Two reads hang in the file system's threads: a third is not started at all.
    const third = await readBoundedFile(path, { timeoutMs: 200 });
    expect(third).toMatchObject({ ok: false, failure: 'busy' });
    // The app's own files (the last good copy, to fall back on while the share is down) are still read.
    expect(await readBoundedFile(path, { ownFile: true })).toMatchObject({ ok: true });
    for (const r of release) r();
    // Once the hung reads come back, reading works again.
    await expect.poll(async () => (await readBoundedFile(path)).ok, { timeout: 15_000 }).toBe(true);
  });
});

describe('the check of a text with many problems', () => {
  it('lists the first problems in file order and counts them all; sync and async agree', async () => {
    const sync = checkContent(unknownUnits, 'directory');
    const async = await checkContentAsync(unknownUnits, 'directory');
    expect(async).toEqual(sync);
    expect(sync.ok).toBe(false);
    if (sync.ok) return;
    expect(sync.problems).toHaveLength(CHECK_PROBLEMS_LISTED);
    expect(sync.problemCount).toBe(1_200);
    expect(sync.problems.map((p) => p.path)).toEqual(Array.from({ length: CHECK_PROBLEMS_LISTED }, (_, i) => `matters.${i}.unit`));
  });

  it('a big valid file (checked entry by entry) reads exactly as the schema reads it', async () => {
    const text = manyMatters(3_000, () => undefined);
    const result = await checkContentAsync(text, 'directory');
    expect(result).toEqual({ ok: true, kind: 'directory', value: DirectorySchema.parse(JSON.parse(text)) });
  });

  it('a big file with problems both in entries and at the top: the same problems as the schema finds', async () => {
    const doc = JSON.parse(manyMatters(3_000, (m, i) => i % 500 === 7 && (m.keywords = []))) as Record<string, unknown>;
    doc.version = 'jeden';
    const text = JSON.stringify(doc, null, 2);
    const result = await checkContentAsync(text, 'directory');
    const expected = DirectorySchema.safeParse(JSON.parse(text));
    expect(result.ok).toBe(false);
    if (result.ok || expected.success) return;
    expect(result.problemCount).toBe(expected.error.issues.length);
    expect(result.problems.map((p) => p.path).sort()).toEqual(expected.error.issues.map((i) => i.path.join('.')).sort());
  });
});

describe('a big file whose entries are right but not what stands beside them', () => {
  // Checked entry by entry (over 10,000 values), the checks across entries still run where the
  // schema runs them: a number out of range or an empty list beside them does not stop them,
  // a field of the wrong type does.
  const glossary = (version: unknown) => ({ version, terms: Array.from({ length: 3_000 }, (_, i) => ({ id: i % 2 ? 'ten-sam' : `t${i}`, term: 'T', explanation: 'E', sayIt: 'S' })) });
  const directory = (version: unknown, sites: unknown[]) => ({
    version,
    sites,
    units: Array.from({ length: 3_000 }, (_, i) => ({ id: `u${i}`, name: 'Komórka', kind: 'office', site: 'nie-ma', description: 'Opis' })),
    matters: [{ id: 'm1', title: 'Sprawa', unit: 'nie-ma', complex: false, keywords: ['a'] }],
  });
  const cases: [string, 'directory' | 'glossary', unknown, typeof DirectorySchema | typeof GlossarySchema, number][] = [
    ['a glossary of version 0 with repeated ids', 'glossary', glossary(0), GlossarySchema, 1 + 1_499],
    ['a glossary whose version is text, with repeated ids (the schema stops there)', 'glossary', glossary('jeden'), GlossarySchema, 1],
    ['a directory with no sites, its units at an unknown one', 'directory', directory(1, []), DirectorySchema, 1 + 3_000 + 1],
    ['a directory of version 0, its units at an unknown site', 'directory', directory(0, [{ id: 's1', name: 'Siedziba', address: 'ul. Przykładowa 1' }]), DirectorySchema, 1 + 3_000 + 1],
  ];
  for (const [name, kind, doc, schema, count] of cases) {
    it(`${name}: the same problems, as many, as the schema finds`, async () => {
      const text = JSON.stringify(doc);
      const result = await checkContentAsync(text, kind);
      const expected = schema.safeParse(JSON.parse(text), { error: polishIssueMessages });
      expect(result.ok).toBe(false);
      if (result.ok || expected.success) return;
      expect(expected.error.issues).toHaveLength(count);
      expect(result.problemCount).toBe(count);
      const said = new Set(expected.error.issues.map((i) => `${i.path.join('.') || '(całość)'} ${i.message}`));
      for (const p of result.problems) expect(said, `${p.path} ${p.message}`).toContain(`${p.path} ${p.message}`);
    });
  }
});

describe('bytes that are not UTF-8', () => {
  it('are refused exactly when a strict UTF-8 decoder refuses them, at a place inside the text', () => {
    const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'grapheme' }).map((text) => new Uint8Array(Buffer.from(text))),
      fc.tuple(fc.string({ unit: 'grapheme' }), fc.uint8Array({ minLength: 1, maxLength: 4 }), fc.string()).map(([a, b, c]) => new Uint8Array(Buffer.concat([Buffer.from(a), b, Buffer.from(c)]))),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        let text: string | null;
        try {
          text = strict.decode(input);
        } catch {
          text = null;
        }
        const decoded = decodeContent(input);
        if (text !== null) return void expect(decoded).toEqual({ ok: true, text });
        expect(decoded.ok).toBe(false);
        if (decoded.ok) return;
        const lines = Buffer.from(input).toString('utf8').replace(/^\uFEFF/, '').split('\n');
        expect(decoded.problem.line).toBeGreaterThanOrEqual(1);
        expect(decoded.problem.line).toBeLessThanOrEqual(lines.length);
        expect(decoded.problem.column).toBeGreaterThanOrEqual(1);
        expect(decoded.problem.message).toMatch(/^plik (nie jest zapisany w UTF-8 \(bajt 0x[0-9A-F]{2}\)|jest zapisany w UTF-16) — zapisz go jako UTF-8/);
      }),
      { numRuns: 3_000 },
    );
  });
});
