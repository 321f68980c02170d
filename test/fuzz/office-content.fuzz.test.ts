import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkContent, formatProblem, type CheckProblem, type CheckResult, type ContentKind } from '../../electron/services/content-check';
import { checkOfficeFile, keepLastGood, loadContentInUse } from '../../electron/services/office-content';
import { DirectorySchema, GlossarySchema } from '../../shared/directory';
import { anyText, applyJsonMutation, fuzzRuns, jsonMutation, mutatedJsonText, mutatedText, placeKey, printWithPlaces, type Json } from './arbitraries';
import { scratchFolder } from './scratch';

const scratch = scratchFolder('office');

/**
 * The office's directory and glossary files, as an administrator edits them:
 * whatever the text, the check never throws, and every refusal names at least
 * one problem at a line and column inside the text, with a path and a message.
 */
type Doc = { [key: string]: Json };
const files = {
  directory: JSON.parse(readFileSync('resources/directory.json', 'utf8')) as Doc & { matters: Json[]; units: Json[] },
  glossary: JSON.parse(readFileSync('resources/glossary.json', 'utf8')) as Doc & { terms: Json[] },
};
const schemas: Record<ContentKind, z.ZodType> = { directory: DirectorySchema, glossary: GlossarySchema };

type Shipped = { id: string; unit?: string };
const shippedUnits = files.directory.units as unknown as Shipped[];

/**
 * A valid file to break, kept small so thousands of cases stay quick: the
 * shipped one with a few of its matters (and the units they need, and a few
 * more) or a few of its terms.
 */
const validDoc = (kind: ContentKind): fc.Arbitrary<Json> =>
  kind === 'directory'
    ? fc
        .tuple(fc.subarray(files.directory.matters, { minLength: 1, maxLength: 4 }), fc.subarray(shippedUnits, { maxLength: 3 }))
        .map(([matters, extra]) => {
          const needed = new Set([...(matters as unknown as Shipped[]).map((m) => m.unit), ...extra.map((u) => u.id)]);
          return { ...files.directory, units: shippedUnits.filter((u) => needed.has(u.id)), matters } as unknown as Json;
        })
    : fc.subarray(files.glossary.terms, { minLength: 1, maxLength: 4 }).map((terms) => ({ ...files.glossary, terms }));

/** What an office file may hold: anything, a valid file edited as text or as data, or with a BOM and Windows line ends. */
const officeText = (kind: ContentKind): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: anyText },
    { weight: 3, arbitrary: validDoc(kind).chain((doc) => mutatedText(JSON.stringify(doc, null, 2))) },
    { weight: 3, arbitrary: validDoc(kind).chain((doc) => mutatedJsonText(doc)) },
    { weight: 1, arbitrary: validDoc(kind).map((doc) => '\uFEFF' + JSON.stringify(doc, null, 2).replaceAll('\n', '\r\n')) },
  );

function parsesAsJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Every problem sits inside the text and says what and where. (node:assert
 * in the hot path: it costs a fraction of expect's time, and thousands of
 * cases run.)
 */
function expectLocated(text: string, problems: CheckProblem[]): void {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  assert.ok(problems.length > 0);
  for (const p of problems) {
    assert.ok(p.line >= 1 && p.line <= lines.length, `line ${p.line} of ${lines.length}`);
    assert.ok(p.column >= 1 && p.column <= lines[p.line - 1]!.length + 1, `column ${p.column} on line ${p.line}`);
    assert.ok(p.path.trim() !== '' && p.message.trim() !== '', JSON.stringify(p));
    assert.match(formatProblem('katalog.json', p), /^katalog\.json:\d+:\d+ \S.* \S/s);
  }
}

/** The check's verdict agrees with JSON.parse and the schema, and each refusal is the schema's (or the syntax's) own. */
function expectTruthful(text: string, kind: ContentKind, result: CheckResult): void {
  const body = text.replace(/^\uFEFF/, '');
  const json = parsesAsJson(body);
  if (!json.ok) {
    assert.equal(result.ok, false);
    if (result.ok) return;
    expectLocated(text, result.problems);
    for (const p of result.problems) {
      assert.equal(p.path, '(JSON)');
      assert.match(p.message, /^(błąd składni JSON: \S|plik jest pusty$)/);
    }
    return;
  }
  const expected = schemas[kind].safeParse(json.value);
  assert.equal(result.ok, expected.success);
  if (result.ok) {
    assert.equal(result.kind, kind);
    assert.deepEqual(result.value, expected.data);
    return;
  }
  expectLocated(text, result.problems);
  const paths = expected.error!.issues.map((i) => (i.path.length ? i.path.join('.') : '(całość)'));
  assert.deepEqual(result.problems.map((p) => p.path).sort(), paths.sort());
}

describe.each(['directory', 'glossary'] as const)('the %s file', (kind) => {
  it('any text: the check never throws, agrees with the schema, and places every problem inside the text', () => {
    fc.assert(
      fc.property(officeText(kind), (text) => {
        expectTruthful(text, kind, checkContent(text, kind));
      }),
      fuzzRuns(10_000),
    );
  });

  it('one value of the wrong type or one key dropped: the problem is reported at that key, on its line and column', () => {
    fc.assert(
      fc.property(validDoc(kind), jsonMutation.filter((m) => m.kind === 'wrong-type' || m.kind === 'delete'), (doc, mutation) => {
        const { doc: broken, path } = applyJsonMutation(doc, mutation);
        const { text, places } = printWithPlaces(broken);
        expect(text).toBe(JSON.stringify(broken, null, 2));
        const result = checkContent(text, kind);
        expectTruthful(text, kind, result);
        if (result.ok) return;
        if (mutation.kind === 'wrong-type') {
          // A wrong type is refused at the value itself.
          expect(result.problems).toContainEqual(expect.objectContaining({ path: path.length ? path.join('.') : '(całość)', ...places.get(placeKey(path)) }));
        } else if (typeof path.at(-1) === 'string') {
          // A missing key is reported where it should be: on the object that lacks it.
          expect(result.problems).toContainEqual(expect.objectContaining({ path: path.join('.'), ...places.get(placeKey(path.slice(0, -1))) }));
        }
      }),
      fuzzRuns(1_000),
    );
  });

  it('without a kind given, a file is told apart by its "terms" and checked as such', () => {
    fc.assert(
      fc.property(officeText(kind), (text) => {
        const json = parsesAsJson(text.replace(/^\uFEFF/, ''));
        const told = json.ok && typeof json.value === 'object' && json.value !== null && 'terms' in json.value ? 'glossary' : 'directory';
        expectTruthful(text, told, checkContent(text));
      }),
      fuzzRuns(500),
    );
  });

  it('a broken file on disk: every problem names the file, its line and column; the start falls back and says where', async () => {
    const dir = mkdtempSync(join(scratch, `office-${kind}-`));
    const dataDir = mkdtempSync(join(scratch, 'office-data-'));
    const builtIn = { directory: DirectorySchema.parse(files.directory), glossary: GlossarySchema.parse(files.glossary) };
    await keepLastGood(dataDir, kind, JSON.stringify(files[kind]));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(officeText(kind), async (text) => {
        const file = join(dir, `plik-${n++}.json`);
        writeFileSync(file, text);
        const checked = await checkOfficeFile(kind, file);
        // What the file holds: a lone surrogate in the text is written as U+FFFD.
        const expected = checkContent(readFileSync(file, 'utf8'), kind);
        expect(checked.ok).toBe(expected.ok);
        if (checked.ok || expected.ok) return;
        expect(checked.problems).toEqual(expected.problems.map((p) => formatProblem(file, p)));
        for (const line of checked.problems) expect(line.startsWith(`${file}:`)).toBe(true);

        const { content, notices } = await loadContentInUse(builtIn, { directory: null, glossary: null, [kind]: file }, dataDir);
        expect(content.sources[kind]).toBe('last-good');
        expect(notices).toEqual([{ code: `office-${kind}-invalid`, file, detail: checked.problems[0], more: checked.problems.length - 1, using: 'last-good' }]);
      }),
      fuzzRuns(300),
    );
  });
});
