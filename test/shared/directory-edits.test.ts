import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema, MatterSchema, SiteSchema, UnitSchema, GlossaryTermSchema } from '../../shared/directory/directory';
import {
  addEntry,
  checkEdited,
  contentChanges,
  ENTRY_KINDS,
  entriesOf,
  entryAt,
  forSaving,
  idFromTitle,
  removeEntry,
  updateEntry,
  isNewEntry,
  NEW_ENTRY,
  type EditedContent,
  type EntryRef,
} from '../../shared/directory/directory-edits';

const builtIn: EditedContent = {
  directory: DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
  glossary: GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
};

/** Every field an entry of the file has, by its list: what a form may set. */
const FIELDS = {
  matters: Object.keys(MatterSchema.shape),
  units: Object.keys(UnitSchema.shape),
  sites: Object.keys(SiteSchema.shape),
  terms: Object.keys(GlossaryTermSchema.shape),
} as const;

/** What a lead may type into a field: nothing, spaces, ordinary words, an id of another entry, a date (real or not), a very long text, markup, a list. */
const typed = fc.oneof(
  fc.constant(''),
  fc.constant('   '),
  fc.constantFrom('Zasiłek', 'kancelaria', 'zus', 'milionowa', 'dzial-ewidencji-i-swiadczen', '2026-12-08', '2025-02-29', '9999-01-01', '<script>alert(1)</script>', 'a'.repeat(500)),
  fc.string({ maxLength: 30 }),
  fc.array(fc.oneof(fc.constant(''), fc.string({ maxLength: 20 }), fc.constant('x'.repeat(400))), { maxLength: 4 }),
  fc.boolean(),
);

type Edit = { op: 'add'; kind: (typeof ENTRY_KINDS)[number] } | { op: 'update'; pick: number; field: number; value: unknown } | { op: 'remove'; pick: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), kind: fc.constantFrom(...ENTRY_KINDS) }),
  fc.record({ op: fc.constant('update' as const), pick: fc.nat(), field: fc.nat(), value: typed }),
  fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
);

/** Every entry's place, in all lists. */
function allRefs(content: EditedContent): EntryRef[] {
  return ENTRY_KINDS.flatMap((kind) => entriesOf(content, kind).map((e) => e.ref));
}

function apply(content: EditedContent, e: Edit): EditedContent {
  if (e.op === 'add') return addEntry(content, e.kind, { today: '2026-12-08' }).content;
  const refs = allRefs(content);
  if (refs.length === 0) return content;
  const ref = refs[e.pick % refs.length]!;
  if (e.op === 'remove') {
    const removed = removeEntry(content, ref);
    return removed.ok ? removed.content : content;
  }
  const fields = FIELDS[ref.list];
  return updateEntry(content, ref, { [fields[e.field % fields.length]!]: e.value });
}

describe('the directory editor: edits', () => {
  it('property: any sequence of edits gives content that either saves as a file the app reads back the same, or is refused with every problem placed at an entry that exists', () => {
    const seen = { saved: 0, refused: 0 };
    fc.assert(
      fc.property(fc.array(edit, { maxLength: 25 }), (edits) => {
        const content = edits.reduce(apply, builtIn);
        const checked = checkEdited(content);
        seen[checked.ok ? 'saved' : 'refused']++;
        if (checked.ok) {
          // What is written is what the app reads: the content as JSON, parsed by the schemas, is the content saved
          // (the file's own writing is electron/services/directory-editing.ts, tested there the same way).
          expect(DirectorySchema.parse(JSON.parse(JSON.stringify(checked.content.directory)))).toEqual(checked.content.directory);
          expect(GlossarySchema.parse(JSON.parse(JSON.stringify(checked.content.glossary)))).toEqual(checked.content.glossary);
        } else {
          expect(checked.problems.length).toBeGreaterThan(0);
          for (const problem of checked.problems) {
            expect(problem.message).not.toBe('');
            if (problem.ref) expect(entryAt(forSaving(content), problem.ref)).toBeDefined();
          }
        }
      }),
      { numRuns: 300 },
    );
    // Both ends are reached: the generator is not all refusals.
    expect(seen.saved).toBeGreaterThan(20);
    expect(seen.refused).toBeGreaterThan(20);
  });

  it('the content as opened saves as it is, and has no changes', () => {
    const checked = checkEdited(builtIn);
    expect(checked.ok).toBe(true);
    expect(contentChanges(builtIn, builtIn)).toEqual([]);
  });

  it('property: the changes name exactly the entries added, removed and changed, with the fields that differ', () => {
    const matters = builtIn.directory.matters;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: matters.length - 1 }), fc.constantFrom('title', 'hint', 'keywords', 'complex'), (i, field) => {
        const ref: EntryRef = { list: 'matters', index: i };
        const value = field === 'complex' ? !matters[i]!.complex : field === 'keywords' ? [...matters[i]!.keywords, 'nowe słowo'] : `${(matters[i] as Record<string, unknown>)[field] ?? ''} (zmienione)`;
        const changed = updateEntry(builtIn, ref, { [field]: value });
        expect(contentChanges(builtIn, changed)).toEqual([{ list: 'matters', id: matters[i]!.id, title: field === 'title' ? value : matters[i]!.title, change: 'changed', fields: [field] }]);
        const added = addEntry(changed, 'term');
        expect(contentChanges(changed, added.content)).toEqual([{ list: 'terms', id: 'nowe-pojecie', title: '', change: 'added' }]);
        const removed = removeEntry(changed, ref);
        expect(removed.ok && contentChanges(changed, removed.content)).toEqual([{ list: 'matters', id: matters[i]!.id, title: (entryAt(changed, ref) as { title: string }).title, change: 'removed' }]);
      }),
    );
  });

  it('a unit matters go to, or a site units are at, is not removed: the entries naming it are listed', () => {
    const kancelaria = entriesOf(builtIn, 'unit').find((e) => e.entry.id === 'kancelaria')!.ref;
    const refused = removeEntry(builtIn, kancelaria);
    expect(refused).toEqual({ ok: false, usedBy: expect.arrayContaining(['Odwołanie od decyzji', 'Skarga na obsługę lub pracownika', 'Pisma i korespondencja']) });
    const site = entriesOf(builtIn, 'site')[0]!.ref;
    expect(removeEntry(builtIn, site).ok).toBe(false);
    // A unit nobody names goes.
    const lawyers = entriesOf(builtIn, 'unit').find((e) => e.entry.id === 'zespol-radcow-prawnych')!.ref;
    const removed = removeEntry(builtIn, lawyers);
    expect(removed.ok && removed.content.directory.units.some((u) => u.id === 'zespol-radcow-prawnych')).toBe(false);
  });

  it('an optional field emptied is left out of the file, not kept as ""; a list keeps its blank lines while typed and loses them when saved', () => {
    const ref: EntryRef = { list: 'matters', index: 0 };
    const emptied = updateEntry(builtIn, ref, { hint: '', source: '', keywords: ['rejestracja', '', '  ', 'zapis'] });
    const matter = entryAt(emptied, ref) as Record<string, unknown>;
    expect('hint' in matter || 'source' in matter).toBe(false);
    expect(matter.keywords).toEqual(['rejestracja', '', '  ', 'zapis']);
    const checked = checkEdited(emptied);
    expect(checked.ok && checked.content.directory.matters[0]!.keywords).toEqual(['rejestracja', 'zapis']);
  });

  it("a caller's example is saved masked as a call's note is: no PESEL, number or name reaches the office's file", () => {
    const ref: EntryRef = { list: 'matters', index: 0 };
    const typed = updateEntry(builtIn, ref, { examples: ['Jan Kowalski, PESEL 44051401359, pyta o rejestrację', 'oddzwońcie na 601 234 567', 'jak się zarejestrować'] });
    const checked = checkEdited(typed);
    expect(checked.ok && checked.content.directory.matters[0]!.examples).toEqual(['[nazwisko], PESEL [PESEL], pyta o rejestrację', 'oddzwońcie na [telefon]', 'jak się zarejestrować']);
  });

  it('a list left empty is said as such', () => {
    const none = { ...builtIn, directory: { ...builtIn.directory, matters: [] } };
    expect(checkEdited(none)).toEqual({ ok: false, problems: [{ ref: null, field: null, message: 'katalog musi mieć co najmniej jedną sprawę' }] });
  });

  it('a new matter starts checked today, with what the caller said as its example, under the first office unit', () => {
    const { content, ref } = addEntry(builtIn, 'matter', { example: 'gdzie mam przyjść z papierami', today: '2026-12-08' });
    expect(entryAt(content, ref)).toEqual({ id: 'nowa-sprawa', title: '', unit: 'dzial-ewidencji-i-swiadczen', complex: false, keywords: [], documents: [], examples: ['gdzie mam przyjść z papierami'], checked: '2026-12-08', [NEW_ENTRY]: true });
    expect(isNewEntry(entryAt(content, ref)!)).toBe(true);
    expect(isNewEntry(entryAt(content, { list: 'matters', index: 0 })!)).toBe(false);
    const second = addEntry(content, 'matter');
    expect(entryAt(second.content, second.ref)).toMatchObject({ id: 'nowa-sprawa-2' });
    const checked = checkEdited(content);
    expect(checked.ok ? [] : checked.problems.map((p) => [p.ref, p.field, p.message])).toEqual([
      [ref, 'title', 'pole nie może być puste'],
      [ref, 'keywords', 'potrzebne jest co najmniej jedno słowo kluczowe'],
    ]);
  });
});

describe("an entry's identifier made from its title", () => {
  it('property: always one the file takes, never one already taken', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.uniqueArray(fc.constantFrom('sprawa', 'zasilek', 'zasilek-2', 'nowa-sprawa', 'a1'), { maxLength: 5 }), (title, taken) => {
        const id = idFromTitle(title, new Set(taken), 'nowa-sprawa');
        expect(id).toMatch(/^[a-z][a-z0-9-]{1,60}$/);
        expect(taken).not.toContain(id);
      }),
    );
  });

  it('reads Polish as the built-in ids do', () => {
    expect(idFromTitle('Zwrot kosztów dojazdu — staż, szkolenie', new Set(), 'x')).toBe('zwrot-kosztow-dojazdu-staz-szkolenie');
    expect(idFromTitle('Łódź: Żółć', new Set(), 'x')).toBe('lodz-zolc');
    expect(idFromTitle('800 plus', new Set(), 'nowa-sprawa')).toBe('plus');
    expect(idFromTitle('Zasiłek', new Set(['zasilek', 'zasilek-2']), 'x')).toBe('zasilek-3');
  });
});
