import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { changeLogPath } from '../../shared/directory/change-log';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';

/** The glossary's share is full: its atomic write fails with ENOSPC (the directory's share is not). */
vi.mock('../../electron/services/atomic-file', async (original) => {
  const real = await original<typeof import('../../electron/services/atomic-file')>();
  return {
    ...real,
    writeFileAtomic: async (path: string, ...rest: Parameters<typeof real.writeFileAtomic> extends [string, ...infer R] ? R : never) => {
      if (path.endsWith('slowniczek.json')) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      return real.writeFileAtomic(path, ...rest);
    },
  };
});

const { saveEdits, sha256 } = await import('../../electron/services/directory-editing');

const builtIn = {
  directory: DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
  glossary: GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
};
let share: string;
beforeEach(() => void (share = mkdtempSync(join(tmpdir(), 'asystent-partial-'))));
afterEach(() => rmSync(share, { recursive: true, force: true }));

describe('two files, the second failing as it is written', () => {
  it('the first stays saved and logged, the second is named with its code and keeps its file and log as they were', async () => {
    const file = join(share, 'katalog.json');
    const glossaryFile = join(share, 'slowniczek.json');
    writeFileSync(file, JSON.stringify(builtIn.directory));
    writeFileSync(glossaryFile, JSON.stringify(builtIn.glossary));
    const glossaryBefore = readFileSync(glossaryFile, 'utf8');
    const outcome = await saveEdits(
      {
        directory: { file, baseHash: sha256(readFileSync(file)), value: { ...builtIn.directory, matters: builtIn.directory.matters.map((m, i) => (i === 0 ? { ...m, title: 'Zapisana' } : m)) } },
        glossary: { file: glossaryFile, baseHash: sha256(glossaryBefore), value: { ...builtIn.glossary, terms: builtIn.glossary.terms.slice(1) } },
      },
      'M',
      builtIn,
    );
    expect(outcome).toMatchObject({ ok: true, saved: { directory: { file } }, failed: { file: glossaryFile, code: 'ENOSPC' } });
    expect(outcome.ok && outcome.saved.glossary).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8')).matters[0].title).toBe('Zapisana');
    expect(readFileSync(changeLogPath(file), 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readFileSync(glossaryFile, 'utf8')).toBe(glossaryBefore);
    expect(existsSync(changeLogPath(glossaryFile)) ? readFileSync(changeLogPath(glossaryFile), 'utf8') : '').toBe('');
  });

  it('the first failing: nothing is saved, and the error names that file', async () => {
    const glossaryFile = join(share, 'slowniczek.json');
    writeFileSync(glossaryFile, JSON.stringify(builtIn.glossary));
    await expect(saveEdits({ glossary: { file: glossaryFile, baseHash: sha256(readFileSync(glossaryFile)), value: { ...builtIn.glossary, terms: builtIn.glossary.terms.slice(1) } } }, 'M', builtIn)).rejects.toMatchObject({ code: 'ENOSPC', officeFile: glossaryFile });
  });
});
