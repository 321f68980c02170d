import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserExchange, dialogExchange, HELD_FOR_MS, writeWhole } from '../../electron/services/file-exchange';

/**
 * Moving files between the person and the app: what each way keeps, for how
 * long, and what it leaves behind. A client's raw export uploaded for import
 * must never stay on disk; a download is given once; a dialog the person
 * cancels writes nothing, and the page can never hand the desktop a file.
 */
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'file-exchange-'));
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

const text = (body: string) => ({ suggestedName: 'rejestr.csv', contentType: 'text/csv', write: async (out: Writable) => void out.write(body) });

describe('the browser way (web mode)', () => {
  it('a download is given once, by an address no one can guess from another', async () => {
    const files = new BrowserExchange(join(dir, 'uploads'));
    const one = await files.give(text('a'));
    const two = await files.give(text('b'));
    expect(one.download).toMatch(/^\/files\/[0-9a-f]{32}$/);
    expect(two.download).not.toBe(one.download);
    const id = one.download!.slice('/files/'.length);
    expect(files.collect(id)?.suggestedName).toBe('rejestr.csv');
    expect(files.collect(id)).toBeNull();
    expect(files.collect('0'.repeat(32))).toBeNull();
  });

  it('a download never fetched is let go after a few minutes', async () => {
    vi.useFakeTimers();
    const files = new BrowserExchange(join(dir, 'uploads'));
    const id = (await files.give(text('a'))).download!.slice('/files/'.length);
    vi.advanceTimersByTime(HELD_FOR_MS + 1);
    expect(files.collect(id)).toBeNull();
  });

  it('an upload is taken once, named as the person knows it, and gone from the disk when done', async () => {
    const files = new BrowserExchange(join(dir, 'uploads'));
    const place = await files.receive();
    writeFileSync(place.path, '{"type":"call"}\n');
    const id = place.keep();
    const taken = (await files.take(id))!;
    expect(taken.shownAs).toBe('Przesłany plik');
    expect(readFileSync(taken.path, 'utf8')).toBe('{"type":"call"}\n');
    expect(await files.take(id)).toBeNull();
    await taken.done();
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
  });

  it('an upload never imported is removed after a few minutes; one cut short is removed at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const files = new BrowserExchange(join(dir, 'uploads'));
    const kept = await files.receive();
    writeFileSync(kept.path, 'x');
    const id = kept.keep();
    const cut = await files.receive();
    writeFileSync(cut.path, 'half');
    await cut.discard();
    expect(readdirSync(join(dir, 'uploads'))).toEqual([basename(kept.path)]);
    vi.advanceTimersByTime(HELD_FOR_MS + 1);
    vi.useRealTimers();
    await expect.poll(() => readdirSync(join(dir, 'uploads'))).toEqual([]);
    expect(await files.take(id)).toBeNull();
  });

  it.each([
    ['eksport-anny.jsonl', 'eksport-anny.jsonl'],
    ['C:\\Users\\anna\\eksport.jsonl', 'eksport.jsonl'],
    ['../../etc/passwd', 'passwd'],
    ['ek\u0000sport\u001b[31m.jsonl', 'eksport[31m.jsonl'],
    ['', 'Przesłany plik'],
    ['..', 'Przesłany plik'],
    [null, 'Przesłany plik'],
    ['a'.repeat(500), 'a'.repeat(120)],
  ])('an upload the page names %j is said as %j', async (name, shown) => {
    const files = new BrowserExchange(join(dir, 'uploads'));
    const place = await files.receive(name);
    writeFileSync(place.path, '');
    const taken = (await files.take(place.keep()))!;
    expect(taken.shownAs).toBe(shown);
    expect(taken.path.startsWith(join(dir, 'uploads'))).toBe(true);
    await taken.done();
  });

  it('nothing is taken without an upload, and an id never given finds nothing', async () => {
    const files = new BrowserExchange(join(dir, 'uploads'));
    expect(await files.take(null)).toBeNull();
    expect(await files.take('f'.repeat(32))).toBeNull();
    expect(files.printToPdf).toBeNull();
  });
});

describe('the dialog way (desktop)', () => {
  it('writes where the person chose; a cancelled dialog writes nothing; the page cannot hand it a file', async () => {
    const target = join(dir, 'eksport.csv');
    let answer: string | null = target;
    const files = dialogExchange({ save: async () => answer, open: async () => join(dir, 'chosen.jsonl'), printToPdf: null });
    expect(await files.give(text('Data;Pracownik\r\n'))).toEqual({ path: target, download: null });
    expect(readFileSync(target, 'utf8')).toBe('Data;Pracownik\r\n');
    answer = null;
    expect(await files.give(text('drugi'))).toBeNull();
    expect(readdirSync(dir)).toEqual(['eksport.csv']);
    expect(await files.take('a'.repeat(32))).toBeNull();
    expect((await files.take(null))?.path).toBe(join(dir, 'chosen.jsonl'));
  });

  it('a write that fails leaves no file, whole or partial', async () => {
    const target = join(dir, 'eksport.csv');
    const failing = async (out: Writable) => {
      out.write('połowa');
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    };
    await expect(writeWhole(target, failing)).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a write that fails before the file is even open leaves nothing either, however many race', async () => {
    // The stream opens its file in the background; a failure thrown at once must not let that
    // open land after the clean-up. Many at a time make the race all but certain to show.
    const failAtOnce = async () => {
      throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
    };
    const targets = Array.from({ length: 200 }, (_, i) => join(dir, `eksport-${i}.csv`));
    const results = await Promise.allSettled(targets.map((target) => writeWhole(target, failAtOnce)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });
});
