import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { checkContent, formatProblem, parseJsonText, type CheckProblem, type CheckResult, type ContentKind } from '../../electron/services/content-check';
import { checkOfficeFile, keepLastGood, loadContentInUse } from '../../electron/services/office-content';
import { DirectorySchema, GlossarySchema } from '../../shared/directory/directory';
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

type Shipped = { id: string; unit?: string; owner?: string };
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
          const needed = new Set([...(matters as unknown as Shipped[]).flatMap((m) => [m.unit, m.owner]), ...extra.map((u) => u.id)]);
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
        expect(checked.problemCount).toBe(expected.problemCount);
        expect(notices).toEqual([{ code: `office-${kind}-invalid`, file, detail: checked.problems[0], more: checked.problemCount - 1, using: 'last-good' }]);
      }),
      fuzzRuns(300),
    );
  });
});

/**
 * The check reads JSON itself, token by token (JSON.parse is one call that
 * cannot be split, and 1 MB of brackets holds the event loop ~50 ms): it
 * must take exactly what JSON.parse takes, and give the same value — down to
 * -0, escapes, lone surrogates, repeated keys and a key named "__proto__" —
 * but for brackets nested more than 100 deep, which it refuses unbuilt.
 */
describe('the check’s own JSON reader', () => {
  const piece = fc.constantFrom(
    ...['{', '}', '[', ']', ',', ':', ' ', '\n', '\r\n', '\t', '\u00a0', '\ufeff', '\u0000', '/', '/*x*/', '//x\n', '\\', '"'],
    ...['"a"', '"é"', '"\\u00e9"', '"\\ud800"', '"\\x"', '"\\u12"', '"a\tb"', '"__proto__"', '"\\"', '"\\/"', '""'],
    ...['0', '-0', '01', '1.', '1.5', '.5', '1e5', '1E+2', '1e-', '-', '+1', '0x1F', '1e400', '-1.5e-300', '12abc', 'true', 'tru', 'null', 'NaN', 'True'],
  );
  const jsonish = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
  const spaced = fc.tuple(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, '\t')).map(([value, space]) => JSON.stringify(value, null, space));

  it('takes what JSON.parse takes, gives what it gives, and says where the rest stops being JSON', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, spaced, anyText, validDoc('directory').chain((doc) => mutatedText(JSON.stringify(doc, null, 2)))), (text) => {
        const mine = parseJsonText(text);
        const theirs = parsesAsJson(text);
        // Brackets nested more than 100 deep are the one thing refused that JSON.parse takes.
        if (!mine.ok && mine.path === '(całość)') return void assert.ok(theirs.ok && /zagnieżdżone głębiej niż 100/.test(mine.message));
        assert.equal(mine.ok, theirs.ok, text);
        if (mine.ok && theirs.ok) assert.deepStrictEqual(mine.value, theirs.value);
        if (!mine.ok) {
          assert.ok(mine.offset >= 0 && mine.offset <= text.length, `${mine.offset} in ${text.length}`);
          assert.match(mine.message, /^(błąd składni JSON: \S|plik jest pusty$)/);
        }
      }),
      fuzzRuns(20_000),
    );
  });

  it('nesting: 100 levels are read, 101 refused where they get too deep; a syntax error past them still found', () => {
    expect(parseJsonText(`${'['.repeat(100)}${']'.repeat(100)}`)).toEqual({ ok: true, value: JSON.parse(`${'['.repeat(100)}${']'.repeat(100)}`) });
    expect(parseJsonText(` ${'['.repeat(101)}${']'.repeat(101)}`)).toMatchObject({ ok: false, offset: 101, path: '(całość)' });
    expect(parseJsonText(`${'['.repeat(101)}${']'.repeat(100)}`)).toMatchObject({ ok: false, offset: 201, path: '(JSON)' });
  });

  it('"__proto__" is a field like any other, as for JSON.parse', () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1, "a": 2}';
    expect(parseJsonText(text)).toEqual({ ok: true, value: JSON.parse(text) });
    const parsed = parseJsonText(text);
    expect(parsed.ok && Object.getPrototypeOf(parsed.value)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
