import fc from 'fast-check';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLogPath, LOG_CHANGES_LISTED } from '../../shared/directory/change-log';
import { DirectorySchema, GlossarySchema, type Directory } from '../../shared/directory/directory';
import { checkContent } from '../../electron/services/content-check';
import { fileForEditing, lockPath, saveEdits, sha256, STALE_LOCK_MS } from '../../electron/services/directory-editing';

const builtIn = {
  directory: DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
  glossary: GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
};

let share: string;
let file: string;
beforeEach(() => {
  share = mkdtempSync(join(tmpdir(), 'asystent-editor-'));
  file = join(share, 'katalog.json');
});
afterEach(() => rmSync(share, { recursive: true, force: true }));

const renamed = (dir: Directory, title: string): Directory => ({ ...dir, matters: dir.matters.map((m, i) => (i === 0 ? { ...m, title } : m)) });
const logLines = () => (existsSync(changeLogPath(file)) ? readFileSync(changeLogPath(file), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : []);

describe('the directory editor saves onto the share', () => {
  it('a new file: made from the content in use, its change log naming what differs from that and who saved', async () => {
    const value = renamed(builtIn.directory, 'Rejestracja (nowa nazwa)');
    const saved = await saveEdits({ directory: { file, baseHash: null, value } }, 'Marta Kierownik', builtIn, new Date('2026-12-08T09:00:00Z'));
    expect(saved.ok).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(saved.ok && saved.saved.directory!.hash).toBe(sha256(text));
    const read = checkContent(text, 'directory');
    expect(read.ok && read.value).toEqual(value);
    expect(logLines()).toEqual([
      { at: '2026-12-08T09:00:00.000Z', by: 'Marta Kierownik', before: null, after: sha256(text), changes: [{ list: 'matters', id: 'rejestracja', title: 'Rejestracja (nowa nazwa)', change: 'changed', fields: ['title'] }] },
    ]);
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it("a file changed since it was opened is not written: the save says who saved it last; the colleague's file stays whole", async () => {
    writeFileSync(file, JSON.stringify(builtIn.directory));
    const opened = await fileForEditing('directory', file, builtIn.directory);
    expect(opened.hash).toBe(sha256(readFileSync(file)));
    // A colleague saves first.
    const first = await saveEdits({ directory: { file, baseHash: opened.hash, value: renamed(builtIn.directory, 'Kolega') } }, 'Jan Kolega', builtIn);
    expect(first.ok).toBe(true);
    const theirs = readFileSync(file, 'utf8');
    const mine = await saveEdits({ directory: { file, baseHash: opened.hash, value: renamed(builtIn.directory, 'Moja') } }, 'Marta Kierownik', builtIn);
    expect(mine).toMatchObject({ ok: false, reason: 'changed', file, last: { by: 'Jan Kolega' } });
    expect(readFileSync(file, 'utf8')).toBe(theirs);
    expect(logLines()).toHaveLength(1);
  });

  it('a file expected new but made meanwhile by someone else is not overwritten', async () => {
    writeFileSync(file, '{"zrobione": "przez kogoś innego"}');
    const saved = await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory } }, 'Marta Kierownik', builtIn);
    expect(saved).toEqual({ ok: false, reason: 'exists', file });
    expect(readFileSync(file, 'utf8')).toBe('{"zrobione": "przez kogoś innego"}');
  });

  it("two saves on one opening at the same moment: one is written, the other refused — never both, never a mix", async () => {
    writeFileSync(file, JSON.stringify(builtIn.directory));
    const { hash } = await fileForEditing('directory', file, builtIn.directory);
    const results = await Promise.all(['A', 'B', 'C'].map((who) => saveEdits({ directory: { file, baseHash: hash, value: renamed(builtIn.directory, who) } }, who, builtIn)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((r) => !r.ok)) expect(['changed', 'busy']).toContain((r as { reason: string }).reason);
    const winner = logLines()[0].by as string;
    expect(DirectorySchema.parse(JSON.parse(readFileSync(file, 'utf8'))).matters[0]!.title).toBe(winner);
  });

  it('a fresh lock beside the file means a save under way elsewhere: refused; one a crash left long ago is taken over', async () => {
    mkdirSync(lockPath(file));
    expect(await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'busy' });
    expect(existsSync(file)).toBe(false);
    const old = (Date.now() - STALE_LOCK_MS - 5_000) / 1000;
    utimesSync(lockPath(file), old, old);
    expect((await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).ok).toBe(true);
    expect(existsSync(lockPath(file))).toBe(false);
  });

  it('content the file check refuses is never written: each problem at its line and column of the text that would have been written', async () => {
    const duplicate = { ...builtIn.directory, matters: [...builtIn.directory.matters, builtIn.directory.matters[0]!] };
    const saved = await saveEdits({ directory: { file, baseHash: null, value: duplicate } }, 'M', builtIn);
    expect(saved).toMatchObject({ ok: false, reason: 'invalid' });
    expect(!saved.ok && saved.reason === 'invalid' && saved.problems[0]).toMatch(new RegExp(`^${file.replace(/[\\/.]/g, '\\$&')}:\\d+:\\d+ matters\\.${builtIn.directory.matters.length}\\.id powtórzony identyfikator „rejestracja”$`));
    expect(existsSync(file)).toBe(false);
    expect(existsSync(changeLogPath(file))).toBe(false);
  });

  it('a file larger than the app reads is refused before anything is written', async () => {
    const big = { ...builtIn.directory, matters: Array.from({ length: 3000 }, (_, i) => ({ ...builtIn.directory.matters[0]!, id: `sprawa-${i}`, hint: 'x'.repeat(390) })) };
    const saved = await saveEdits({ directory: { file, baseHash: null, value: big } }, 'M', builtIn);
    expect(saved).toMatchObject({ ok: false, reason: 'invalid', problems: [expect.stringContaining('większy niż 1 MB')] });
    expect(existsSync(file)).toBe(false);
  });

  it("the office's own top-level notes ($comment) are kept; a save that changes nothing writes nothing and logs nothing", async () => {
    writeFileSync(file, JSON.stringify({ $comment: 'Katalog PUP — nie usuwać', ...builtIn.directory }));
    const opened = await fileForEditing('directory', file, builtIn.directory);
    const saved = await saveEdits({ directory: { file, baseHash: opened.hash, value: renamed(builtIn.directory, 'Nowa') } }, 'M', builtIn);
    expect(saved.ok).toBe(true);
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).$comment).toBe('Katalog PUP — nie usuwać');
    const again = await saveEdits({ directory: { file, baseHash: sha256(text), value: renamed(builtIn.directory, 'Nowa') } }, 'M', builtIn);
    expect(again.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(logLines()).toHaveLength(1);
  });

  it('a folder that is not there: the error is thrown with its code, nothing is left behind', async () => {
    const nowhere = join(share, 'brak', 'katalog.json');
    await expect(saveEdits({ directory: { file: nowhere, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(join(share, 'brak'))).toBe(false);
  });

  it('the glossary and the directory are saved together, each only if it is as opened', async () => {
    const glossaryFile = join(share, 'slowniczek.json');
    writeFileSync(glossaryFile, JSON.stringify(builtIn.glossary));
    const terms = [...builtIn.glossary.terms, { id: 'nowe', term: 'Nowe pojęcie', aliases: [], explanation: 'Wyjaśnienie.', sayIt: 'Tak to powiedzieć.' }];
    // The glossary changed under the editor: neither file is written.
    const refused = await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory }, glossary: { file: glossaryFile, baseHash: 'f'.repeat(64), value: { ...builtIn.glossary, terms } } }, 'M', builtIn);
    expect(refused).toMatchObject({ ok: false, reason: 'changed', file: glossaryFile });
    expect(existsSync(file)).toBe(false);
    const saved = await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory }, glossary: { file: glossaryFile, baseHash: sha256(readFileSync(glossaryFile)), value: { ...builtIn.glossary, terms } } }, 'M', builtIn);
    expect(saved.ok && Object.keys(saved.saved).sort()).toEqual(['directory', 'glossary']);
    expect(JSON.parse(readFileSync(changeLogPath(glossaryFile), 'utf8')).changes).toEqual([{ list: 'terms', id: 'nowe', title: 'Nowe pojęcie', change: 'added' }]);
  });
});

describe('the directory editor opens the office file', () => {
  it('missing: a new file from the content in use; broken: the content in use, with the problems and the hash of what is there', async () => {
    expect(await fileForEditing('directory', file, builtIn.directory)).toEqual({ file, hash: null, value: builtIn.directory, problems: [] });
    expect(await fileForEditing('directory', null, builtIn.directory)).toEqual({ file: null, hash: null, value: builtIn.directory, problems: [] });
    writeFileSync(file, '{"version": 1,');
    const broken = await fileForEditing('directory', file, builtIn.directory);
    expect(broken).toMatchObject({ hash: sha256('{"version": 1,'), value: builtIn.directory, problems: [expect.stringMatching(/^.*katalog\.json:1:\d+ /)] });
    mkdirSync(join(share, 'folder.json'));
    expect((await fileForEditing('directory', join(share, 'folder.json'), builtIn.directory)).problems).toHaveLength(1);
  });

  it('property: whatever the edits, a save either writes a file the app reads as exactly what was saved, or writes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ i: fc.nat(), title: fc.oneof(fc.constant(''), fc.string({ maxLength: 130 })), unit: fc.constantFrom('kancelaria', 'zus', 'nieznana', '') }), { maxLength: 4 }), async (edits) => {
        rmSync(file, { force: true });
        const value = edits.reduce<Directory>((dir, e) => ({ ...dir, matters: dir.matters.map((m, i) => (i === e.i % dir.matters.length ? { ...m, title: e.title, unit: e.unit } : m)) }), builtIn.directory);
        const saved = await saveEdits({ directory: { file, baseHash: null, value } }, 'M', builtIn);
        if (saved.ok) {
          const read = checkContent(readFileSync(file, 'utf8'), 'directory');
          expect(read.ok && read.value).toEqual(DirectorySchema.parse(value));
        } else {
          expect(saved.reason).toBe('invalid');
          expect(existsSync(file)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the change log is never waited on', () => {
  it.skipIf(process.platform === 'win32')('a pipe under its name: the conflict is still said (without a name), and a save fails with a code rather than hanging, writing nothing', async () => {
    const { execFileSync } = await import('node:child_process');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    execFileSync('mkfifo', [changeLogPath(file)]);
    expect(await saveEdits({ directory: { file, baseHash: 'a'.repeat(64), value: builtIn.directory } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'changed', last: null });
    const { hash } = await fileForEditing('directory', file, builtIn.directory);
    await expect(saveEdits({ directory: { file, baseHash: hash, value: renamed(builtIn.directory, 'Nowa') } }, 'M', builtIn)).rejects.toMatchObject({ code: expect.stringMatching(/ENXIO|ENOTREGULAR/) });
    expect(DirectorySchema.parse(JSON.parse(readFileSync(file, 'utf8'))).matters[0]!.title).toBe(builtIn.directory.matters[0]!.title);
  });
});

describe('what a save keeps of the file on the share', () => {
  const opened = async () => (await fileForEditing('directory', file, builtIn.directory)).hash;
  const save = async (title = 'Zmieniona') => saveEdits({ directory: { file, baseHash: await opened(), value: renamed(builtIn.directory, title) } }, 'M', builtIn);

  it.skipIf(process.platform === 'win32')("its rights (others on the share still read it); a read-only file is refused, not replaced", async () => {
    const { chmodSync, statSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    chmodSync(file, 0o640);
    expect((await save()).ok).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    chmodSync(file, 0o444);
    const before = readFileSync(file, 'utf8');
    expect(await save('Inna')).toEqual({ ok: false, reason: 'read-only', file });
    expect(readFileSync(file, 'utf8')).toBe(before);
    // A new file is readable by others, as a share's file is.
    const fresh = join(share, 'nowy.json');
    expect((await saveEdits({ directory: { file: fresh, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).ok).toBe(true);
    expect(statSync(fresh).mode & 0o044).toBe(0o044);
  });

  it.skipIf(process.platform === 'win32')('a link to the file: the file it points at is saved, the link stays', async () => {
    const { lstatSync, symlinkSync } = await import('node:fs');
    const real = join(share, 'prawdziwy.json');
    writeFileSync(real, JSON.stringify(builtIn.directory));
    symlinkSync(real, file);
    expect((await save('Przez link')).ok).toBe(true);
    expect(lstatSync(file).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(real, 'utf8')).matters[0].title).toBe('Przez link');
  });

  it.skipIf(process.platform === 'win32')('a change log that is a link or a folder: nothing is written at all', async () => {
    const { symlinkSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    const victim = join(share, 'cudzy.txt');
    writeFileSync(victim, 'nie ruszać\n');
    symlinkSync(victim, changeLogPath(file));
    await expect(save()).rejects.toMatchObject({ code: expect.stringMatching(/ELOOP|EMLINK/) });
    expect(readFileSync(victim, 'utf8')).toBe('nie ruszać\n');
    rmSync(changeLogPath(file));
    mkdirSync(changeLogPath(file));
    await expect(save()).rejects.toMatchObject({ code: 'EISDIR' });
    expect(JSON.parse(readFileSync(file, 'utf8')).matters[0].title).toBe(builtIn.directory.matters[0]!.title);
  });

  it("the office's own keys, at the top and in each entry; a file too big written out two-space is written compact", async () => {
    const raw = JSON.parse(readFileSync('resources/directory.json', 'utf8'));
    raw.notes = 'uwagi kierownika';
    raw.matters[0].$todo = 'sprawdzić w marcu';
    raw.matters[0].internalNote = 'tylko dla nas';
    writeFileSync(file, JSON.stringify(raw));
    expect((await save()).ok).toBe(true);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written.notes).toBe('uwagi kierownika');
    expect(written.matters[0]).toMatchObject({ title: 'Zmieniona', $todo: 'sprawdzić w marcu', internalNote: 'tylko dla nas' });
    // Near the limit: what fits compact is not refused for its indentation.
    const big = { ...builtIn.directory, matters: Array.from({ length: 1180 }, (_, i) => ({ ...builtIn.directory.matters[0]!, id: `sprawa-${i}`, hint: 'x'.repeat(300) })) };
    const fresh = join(share, 'duzy.json');
    expect((await saveEdits({ directory: { file: fresh, baseHash: null, value: big } }, 'M', builtIn)).ok).toBe(true);
    expect(readFileSync(fresh, 'utf8').split('\n')).toHaveLength(2);
  });

  it('a file edited by hand since the last save: the conflict names nobody (the log is of the file before)', async () => {
    writeFileSync(file, JSON.stringify(builtIn.directory));
    const base = await opened();
    expect((await save('Przez edytor')).ok).toBe(true);
    writeFileSync(file, readFileSync(file, 'utf8').replace('Przez edytor', 'Notatnikiem'));
    expect(await saveEdits({ directory: { file, baseHash: base, value: builtIn.directory } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'changed', last: null });
  });

  it("the log names only what changed, though the file written by hand had no examples or documents", async () => {
    writeFileSync(file, readFileSync('resources/directory.json'));
    expect((await save()).ok).toBe(true);
    expect(logLines()[0].changes).toEqual([{ list: 'matters', id: 'rejestracja', title: 'Zmieniona', change: 'changed', fields: ['title'] }]);
  });

  it('an office file in Windows-1250: opened as the content in use with the check\'s own words, and saving it makes it UTF-8', async () => {
    writeFileSync(file, Buffer.from(JSON.stringify(builtIn.directory).replace(/[^\x00-\x7f]/g, 'x') + ' ', 'latin1'));
    writeFileSync(file, Buffer.concat([readFileSync(file).subarray(0, 20), Buffer.from([0xb3]), readFileSync(file).subarray(20)]));
    const edit = await fileForEditing('directory', file, builtIn.directory);
    expect(edit.value).toBe(builtIn.directory);
    expect(edit.problems[0]).toContain('plik nie jest zapisany w UTF-8 (bajt 0xB3)');
    expect((await saveEdits({ directory: { file, baseHash: edit.hash, value: builtIn.directory } }, 'M', builtIn)).ok).toBe(true);
    expect(checkContent(readFileSync(file, 'utf8'), 'directory').ok).toBe(true);
  });

  it('the directory and the glossary in one file: refused', async () => {
    expect(await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory }, glossary: { file, baseHash: null, value: builtIn.glossary } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'invalid', problems: [expect.stringContaining('w dwóch osobnych plikach')] });
  });
});

describe('a save of both files, and what is beside them', () => {
  const glossaryFile = () => join(share, 'slowniczek.json');
  const withTerm = () => ({ ...builtIn.glossary, terms: [...builtIn.glossary.terms, { id: 'nowe', term: 'Nowe', aliases: [], explanation: 'Wyjaśnienie.', sayIt: 'Tak.' }] });

  it.skipIf(process.platform === 'win32')('one of the two read-only: neither is written, neither log gets a line', async () => {
    const { chmodSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    writeFileSync(glossaryFile(), JSON.stringify(builtIn.glossary));
    chmodSync(glossaryFile(), 0o444);
    const before = readFileSync(file, 'utf8');
    const refused = await saveEdits(
      { directory: { file, baseHash: sha256(before), value: renamed(builtIn.directory, 'Zmieniona') }, glossary: { file: glossaryFile(), baseHash: sha256(readFileSync(glossaryFile())), value: withTerm() } },
      'M',
      builtIn,
    );
    expect(refused).toEqual({ ok: false, reason: 'read-only', file: glossaryFile() });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(logLines()).toEqual([]);
  });

  it.skipIf(process.platform === 'win32')('the glossary named by a link to the directory: one file, refused before anything is written', async () => {
    const { symlinkSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    symlinkSync(file, glossaryFile());
    const hash = sha256(readFileSync(file));
    expect(await saveEdits({ directory: { file, baseHash: hash, value: builtIn.directory }, glossary: { file: glossaryFile(), baseHash: hash, value: withTerm() } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(sha256(readFileSync(file))).toBe(hash);
  });

  it.skipIf(process.platform === 'win32')("a link under the lock owner's name is replaced, never written through; an owner that cannot be written leaves no lock behind", async () => {
    const { symlinkSync } = await import('node:fs');
    const victim = join(share, 'cudzy.txt');
    writeFileSync(victim, 'nie ruszać\n');
    symlinkSync(victim, `${lockPath(file)}.owner`);
    expect((await saveEdits({ directory: { file, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).ok).toBe(true);
    expect(readFileSync(victim, 'utf8')).toBe('nie ruszać\n');
    // A folder where the owner's token goes: the save fails with its code, and the lock is let go at once.
    const other = join(share, 'inny.json');
    mkdirSync(`${lockPath(other)}.owner`);
    await expect(saveEdits({ directory: { file: other, baseHash: null, value: builtIn.directory } }, 'M', builtIn)).rejects.toMatchObject({ code: expect.any(String) });
    expect(existsSync(lockPath(other))).toBe(false);
  });

  it('who saved last is found behind a line of a whole directory; a line not of the log is passed over', async () => {
    writeFileSync(file, JSON.stringify(builtIn.directory));
    // A yearly update: every matter checked again, and hundreds added — titles of two-byte letters make the line long.
    const everything = { ...builtIn.directory, matters: builtIn.directory.matters.map((m) => ({ ...m, checked: '2026-12-01' })) };
    const added = Array.from({ length: 300 }, (_, i) => ({ ...builtIn.directory.matters[0]!, id: `sprawa-${i}`, title: `Sprawa ${i} ${'ż'.repeat(105)}` }));
    expect(await saveEdits({ directory: { file, baseHash: sha256(readFileSync(file)), value: { ...everything, matters: [...everything.matters, ...added] } } }, 'Roczny Przegląd', builtIn)).toMatchObject({ ok: true });
    const saved = JSON.parse(readFileSync(changeLogPath(file), 'utf8'));
    expect(saved).toMatchObject({ by: 'Roczny Przegląd', more: saved.more });
    expect(saved.changes).toHaveLength(LOG_CHANGES_LISTED);
    expect(saved.changes.length + saved.more).toBe(builtIn.directory.matters.length + 300);
    // A line longer than one read of the log's end (another version's, or a hand-made one) is still found whole.
    const long = { ...saved, by: 'Długi Wpis', changes: Array.from({ length: 600 }, (_, i) => ({ list: 'matters', id: `m-${i}`, title: 'ż'.repeat(100), change: 'added' })) };
    writeFileSync(changeLogPath(file), `${JSON.stringify(saved)}\n${JSON.stringify(long)}\n`);
    expect(JSON.stringify(long).length).toBeGreaterThan(64 * 1024);
    expect(await saveEdits({ directory: { file, baseHash: 'a'.repeat(64), value: builtIn.directory } }, 'M', builtIn)).toMatchObject({ ok: false, reason: 'changed', last: { by: 'Długi Wpis' } });
    // A line whose day is not a day is no entry: the one before it names who saved.
    writeFileSync(changeLogPath(file), `${JSON.stringify(saved)}\n${JSON.stringify({ ...saved, at: 'wczoraj', by: 'Ktoś' })}\n`);
    expect(await saveEdits({ directory: { file, baseHash: 'a'.repeat(64), value: builtIn.directory } }, 'M', builtIn)).toMatchObject({ last: { by: 'Roczny Przegląd' } });
  });

  it("the office's $comment stays first, where the office put it", async () => {
    writeFileSync(file, JSON.stringify({ $comment: 'Katalog PUP', ...builtIn.directory }));
    expect((await saveEdits({ directory: { file, baseHash: sha256(readFileSync(file)), value: renamed(builtIn.directory, 'Nowa') } }, 'M', builtIn)).ok).toBe(true);
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')))[0]).toBe('$comment');
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)("the file's owner and group are kept (an administrator saving a colleague's file)", async () => {
    const { chownSync, statSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    chownSync(file, 65534, 65534);
    expect((await saveEdits({ directory: { file, baseHash: sha256(readFileSync(file)), value: renamed(builtIn.directory, 'Nowa') } }, 'M', builtIn)).ok).toBe(true);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([65534, 65534]);
  });
});
