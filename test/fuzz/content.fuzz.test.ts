import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { loadContent, parseContentText } from '../../electron/services/content';
import { checkContent } from '../../electron/services/content-check';
import { ChecklistDefinitionSchema } from '../../shared/call/checklist';
import { ScriptsSchema } from '../../shared/call/scripts';
import { anyText, applyJsonMutation, fuzzRuns, jsonMutation, mutatedJsonText, mutatedText, type Json } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('content');

/**
 * The checklists and scripts an office may edit in resources/: whatever the
 * text, reading it never throws, and a refusal names the field and says why
 * (in Polish, for the administrator) — so a broken file stops the start with
 * a message that leads to the fix.
 */
const FILES = {
  'checklists/incoming.json': ChecklistDefinitionSchema,
  'checklists/outgoing.json': ChecklistDefinitionSchema,
  'checklists/shift.json': ChecklistDefinitionSchema,
  'scripts.json': ScriptsSchema,
} as const satisfies Record<string, z.ZodType>;
type ContentFile = keyof typeof FILES;
const shipped = (name: ContentFile) => readFileSync(join('resources', name), 'utf8');

const contentText = (name: ContentFile): fc.Arbitrary<string> => {
  const text = shipped(name);
  const doc = JSON.parse(text) as Json;
  return fc.oneof(
    { weight: 3, arbitrary: anyText },
    { weight: 3, arbitrary: mutatedText(text) },
    { weight: 3, arbitrary: mutatedJsonText(doc) },
    { weight: 1, arbitrary: fc.constant('\uFEFF' + text.replaceAll('\n', '\r\n')) },
  );
};

const pathOf = (path: PropertyKey[]) => (path.length ? path.join('.') : '(całość)');

/** The reader's verdict agrees with JSON.parse and the schema, and a refusal names every field the schema refused. */
function expectTruthful(text: string, schema: z.ZodType, result: ReturnType<typeof parseContentText>): void {
  let json: { value: unknown } | null;
  try {
    json = { value: JSON.parse(text.replace(/^\uFEFF/, '')) };
  } catch {
    json = null;
  }
  if (!json) {
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.problem, /^to nie jest poprawny JSON \(.+\)$/s);
    return;
  }
  const expected = schema.safeParse(json.value);
  assert.equal(result.ok, expected.success);
  if (result.ok) return assert.deepEqual(result.value, expected.data);
  assert.ok(!result.ok && result.problem.trim() !== '');
  for (const issue of expected.error!.issues) {
    const named = `${pathOf(issue.path)}: `;
    assert.ok(result.problem.startsWith(named) || result.problem.includes(`; ${named}`), `${named} missing from: ${result.problem}`);
  }
  // No field without its reason.
  assert.doesNotMatch(result.problem, /: (;|$)/);
}

describe.each(Object.keys(FILES) as ContentFile[])('%s', (name) => {
  const schema = FILES[name];

  it('any text: never throws, agrees with the schema, and names each refused field with its reason', () => {
    fc.assert(
      fc.property(contentText(name), (text) => expectTruthful(text, schema, parseContentText(text, schema))),
      fuzzRuns(name === 'scripts.json' ? 10_000 : 3_500),
    );
  });

  it('one value of the wrong type: refused at that field, in Polish', () => {
    const doc = JSON.parse(shipped(name)) as Json;
    fc.assert(
      fc.property(jsonMutation.filter((m) => m.kind === 'wrong-type'), (mutation) => {
        const { doc: broken, path } = applyJsonMutation(doc, mutation);
        const result = parseContentText(JSON.stringify(broken, null, 2), schema);
        // "$comment" is not the schema's: any value passes.
        if (path[0] === '$comment') return void expect(result.ok).toBe(true);
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.problem).toMatch(new RegExp(`(^|; )${pathOf(path).replaceAll('.', '\\.').replace(/[()]/g, '\\$&')}: [^;]*(oczekiwano|[Nn]ieprawidłow)`));
      }),
      fuzzRuns(500),
    );
  });

  it('a file with a byte-order mark and Windows line ends (as Notepad saves it) is read like the original', () => {
    const text = shipped(name);
    expect(parseContentText('\uFEFF' + text.replaceAll('\n', '\r\n'), schema)).toEqual(parseContentText(text, schema));
    expect(parseContentText(text, schema).ok).toBe(true);
  });
});

describe('loading resources/ from disk', () => {
  it('a broken file stops the start with its name and the field; anything the schema takes starts', async () => {
    const resources = mkdtempSync(join(scratch, 'resources-'));
    cpSync('resources', resources, { recursive: true });
    const file = fc.constantFrom(...(Object.keys(FILES) as ContentFile[]));
    await fc.assert(
      fc.asyncProperty(file.chain((name) => fc.tuple(fc.constant(name), contentText(name))), async ([name, text]) => {
        const path = join(resources, name);
        writeFileSync(path, text);
        try {
          // What the file holds: a lone surrogate in the text is written as U+FFFD.
          const parsed = parseContentText(readFileSync(path, 'utf8'), FILES[name]);
          const loading = loadContent(resources);
          if (!parsed.ok) return void (await expect(loading).rejects.toThrow(`${path}: ${parsed.problem}`));
          // A valid checklist may still say another direction: then two lists of one kind are named by their folder.
          const direction = name.startsWith('checklists/') ? (parsed.value as { direction: string }).direction : null;
          if (direction && !name.includes(direction)) {
            return void (await expect(loading).rejects.toThrow(new RegExp(`^${escape(join(resources, 'checklists'))}: potrzebna dokładnie jedna lista „(incoming|outgoing|shift)”, jest [02]$`)));
          }
          await expect(loading).resolves.toMatchObject(name === 'scripts.json' ? { scripts: parsed.value } : {});
        } finally {
          writeFileSync(path, shipped(name));
        }
      }),
      fuzzRuns(200),
    );
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('found by fuzzing', () => {
  it('resources saved with a byte-order mark and Windows line ends (Notepad) start, as the office-file check already takes them', async () => {
    const resources = mkdtempSync(join(scratch, 'resources-bom-'));
    cpSync('resources', resources, { recursive: true });
    for (const name of [...(Object.keys(FILES) as ContentFile[]), 'directory.json', 'glossary.json']) {
      writeFileSync(join(resources, name), '\uFEFF' + readFileSync(join('resources', name), 'utf8').replaceAll('\n', '\r\n'));
    }
    const content = await loadContent(resources);
    expect(content).toEqual(await loadContent('resources'));
    expect(checkContent(readFileSync(join(resources, 'directory.json'), 'utf8'), 'directory').ok).toBe(true);
  });

  it('a refused field is explained in Polish, as in the office files', () => {
    const doc = JSON.parse(shipped('checklists/incoming.json')) as { items: { label: string; weight: number }[] };
    doc.items[0]!.label = 'ab';
    doc.items[1]!.weight = 11;
    expect(parseContentText(JSON.stringify(doc), ChecklistDefinitionSchema)).toEqual({
      ok: false,
      problem: 'items.0.label: Za mała wartość: oczekiwano, że string będzie mieć >=3 znaków; items.1.weight: Zbyt duż(y/a/e): oczekiwano, że number będzie wynosić <=10',
    });
  });
});
