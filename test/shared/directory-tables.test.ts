import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DirectorySchema, GlossarySchema, type Matter } from '../../shared/directory/directory';
import { checkEdited, type EditedContent } from '../../shared/directory/directory-edits';
import { columnLetter, contentWithTable, TABLE_COLUMNS, TABLES, tableRows, type TableName } from '../../shared/directory/directory-tables';

const builtIn: EditedContent = {
  directory: DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8'))),
  glossary: GlossarySchema.parse(JSON.parse(readFileSync('resources/glossary.json', 'utf8'))),
};

/** Text a lead may keep in a field: Polish, quotes, separators of CSV, line breaks, what Excel takes for a formula; as the file keeps it (trimmed, no `|`). */
const fieldText = (max: number) =>
  fc
    .oneof(fc.string({ minLength: 1, maxLength: max }), fc.constantFrom('Zasiłek; „dla” bezrobotnych', '=SUMA(A1)', '+48 42 123', '-5%', '@kto', "'cytat", "''=x", 'linia\npierwsza\r\ndruga', 'tab\tw środku', 'a,b;c"d'))
    .map((s) => s.replace(/\|/g, '/').trim().slice(0, max))
    .filter((s) => s !== '');
/** A list's item as the file keeps it: one line, no `|` (those part items in a cell). */
const listText = (max: number) => fieldText(max).map((s) => s.replace(/[\r\n]+/g, ' ').trim()).filter((s) => s !== '');
const day = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const unitIds = builtIn.directory.units.map((u) => u.id);
const officeIds = builtIn.directory.units.filter((u) => u.kind === 'office').map((u) => u.id);

const matter: fc.Arbitrary<Matter> = fc
  .record(
    {
      title: fieldText(120).filter((s) => /[\p{L}\p{N}]/u.test(s)),
      unit: fc.constantFrom(...unitIds),
      complex: fc.boolean(),
      keywords: fc.array(listText(80), { minLength: 1, maxLength: 4 }),
      documents: fc.array(listText(160), { maxLength: 3 }),
      examples: fc.array(listText(300), { maxLength: 3 }),
      hint: fieldText(400),
      source: fieldText(400),
      checked: day,
      reviewBy: day,
      owner: fc.constantFrom(...officeIds),
    },
    { requiredKeys: ['title', 'unit', 'complex', 'keywords', 'documents', 'examples'] },
  )
  .map((m) => (m.checked && m.reviewBy && m.reviewBy < m.checked ? { ...m, reviewBy: m.checked } : m)) as fc.Arbitrary<Matter>;
const matters = fc.array(matter, { minLength: 1, maxLength: 25 }).map((list) => list.map((m, i) => ({ ...m, id: `sprawa-${i}` })));

describe('the directory as tables for Excel, and back', () => {
  it.each(TABLES)('the built-in %s: a table read back is the same content, with no changes', (table) => {
    const back = contentWithTable(builtIn, tableRows(builtIn, table));
    expect(back).toEqual({ ok: true, table, content: builtIn, changes: [] });
  });

  it('property: any directory of matters goes to a table and back unchanged, whatever its texts hold', () => {
    fc.assert(
      fc.property(matters, (list) => {
        // As saved (examples masked), which is what a table is made of.
        const saved = checkEdited({ ...builtIn, directory: DirectorySchema.parse({ ...builtIn.directory, matters: list }) });
        if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
        const back = contentWithTable(builtIn, tableRows(saved.content, 'matters'));
        expect(back.ok && back.content).toEqual(saved.content);
      }),
    );
  });

  it('a cell Excel would take for a formula is written after an apostrophe, and read back without it', () => {
    const content = { ...builtIn, directory: { ...builtIn.directory, matters: [{ ...builtIn.directory.matters[0]!, hint: '=HYPERLINK("http://zly.example")', source: "'zwykły cytat" }] } };
    const [, row] = tableRows(content, 'matters');
    expect(row![7]).toBe(`'=HYPERLINK("http://zly.example")`);
    expect(row![8]).toBe("''zwykły cytat");
    const back = contentWithTable(builtIn, tableRows(content, 'matters'));
    expect(back.ok && back.content.directory.matters[0]).toMatchObject({ hint: '=HYPERLINK("http://zly.example")', source: "'zwykły cytat" });
  });

  it("reads a day and a flag as Polish Excel rewrites them, and the columns in any order", () => {
    const rows = tableRows(builtIn, 'matters');
    const header = rows[0]!;
    const checkedAt = header.indexOf('Sprawdzone');
    const complexAt = header.indexOf('Sprawa złożona');
    const serial = (iso: string) => String((Date.parse(iso) - Date.UTC(1899, 11, 30)) / 86_400_000);
    for (const [written, read] of [['07.12.2026', '2026-12-07'], ['7.12.2026', '2026-12-07'], ['7/12/2026', '2026-12-07'], ['2026/12/7', '2026-12-07'], [serial('2026-12-07'), '2026-12-07'], [' 2026-12-07 ', '2026-12-07']]) {
      for (const [flag, complex] of [['PRAWDA', true], ['FAŁSZ', false], ['Tak', true], ['', false], ['x', true]] as const) {
        const edited = rows.map((r, i) => (i === 1 ? r.map((cell, c) => (c === checkedAt ? written! : c === complexAt ? flag : cell)) : r));
        // Columns moved about, as a lead may: the header says which is which.
        const shuffled = edited.map((r) => [...r].reverse());
        const back = contentWithTable(builtIn, shuffled);
        expect(back.ok && back.content.directory.matters[0]).toMatchObject({ checked: read, complex });
      }
    }
  });

  /** Damage a lead can do to one cell of a valid table, with what must then be said of that very cell. */
  const cellDamage = fc.constantFrom(
    { column: 'Nazwa sprawy', value: '', says: 'pole nie może być puste' },
    { column: 'Komórka (identyfikator)', value: 'dzial-ktorego-nie-ma', says: 'nieznana komórka „dzial-ktorego-nie-ma”' },
    { column: 'Sprawa złożona', value: 'może', says: '„może”: wpisz „tak” albo „nie”' },
    { column: 'Sprawdzone', value: '31.02.2026', says: 'taki dzień nie istnieje: 2026-02-31' },
    { column: 'Sprawdzone', value: 'wczoraj', says: 'data w postaci RRRR-MM-DD, np. 2026-12-07' },
    { column: 'Identyfikator', value: 'Zła Nazwa!', says: 'identyfikator: małe litery, cyfry i myślniki' },
    { column: 'Słowa kluczowe', value: ' | ', says: 'potrzebne jest co najmniej jedno słowo kluczowe' },
    { column: 'Komórka odpowiedzialna (identyfikator)', value: 'zus', says: 'właścicielem wpisu może być tylko komórka Urzędu, nie „zus”' },
  );

  it('property: a damaged cell anywhere is named by its row and column, and nothing of the content changes', () => {
    const rows = tableRows(builtIn, 'matters');
    const header = rows[0]!;
    fc.assert(
      fc.property(cellDamage, fc.integer({ min: 1, max: rows.length - 1 }), fc.integer({ min: 0, max: 5 }), (damage, row, blankRowsBefore) => {
        const at = header.indexOf(damage.column);
        const damaged = rows.map((r, i) => (i === row ? r.map((cell, c) => (c === at ? damage.value : cell)) : r));
        // Blank rows a spreadsheet leaves are skipped, but the rows keep their numbers.
        const withBlanks = [damaged[0]!, ...Array.from({ length: blankRowsBefore }, () => header.map(() => '')), ...damaged.slice(1)];
        const back = contentWithTable(builtIn, withBlanks);
        expect(back.ok).toBe(false);
        if (back.ok) return;
        expect(back.problems).toContainEqual({ row: row + 1 + blankRowsBefore, column: { letter: columnLetter(at), header: damage.column }, message: damage.says });
      }),
    );
  });

  it('a column missing, one not known, a value past the header, or a table of something else: said at row 1, nothing read', () => {
    const rows = tableRows(builtIn, 'terms');
    const without = rows.map((r) => r.filter((_, c) => c !== 2));
    expect(contentWithTable(builtIn, without)).toEqual({ ok: false, problems: [{ row: 1, column: null, message: 'brak kolumny „Inne nazwy”' }] });
    const extra = rows.map((r, i) => [...r, i === 0 ? 'Uwagi' : '']);
    expect(contentWithTable(builtIn, extra)).toEqual({ ok: false, problems: [{ row: 1, column: { letter: columnLetter(rows[0]!.length), header: 'Uwagi' }, message: 'nieznana kolumna „Uwagi”' }] });
    const spilled = rows.map((r, i) => (i === 3 ? [...r, 'coś jeszcze'] : r));
    expect(contentWithTable(builtIn, spilled)).toEqual({ ok: false, problems: [{ row: 4, column: { letter: columnLetter(rows[0]!.length), header: '' }, message: 'wartość w kolumnie bez nagłówka' }] });
    // A heading cleared over values, or a column twice: nothing is guessed.
    const cleared = rows.map((r, i) => (i === 0 ? [...r, ''] : [...r, i === 2 ? 'zgubiona wartość' : '']));
    expect(contentWithTable(builtIn, cleared)).toEqual({ ok: false, problems: [{ row: 3, column: { letter: columnLetter(rows[0]!.length), header: '' }, message: 'wartość w kolumnie bez nagłówka' }] });
    const twice = rows.map((r) => [...r, r[1]!]);
    expect(contentWithTable(builtIn, twice)).toEqual({ ok: false, problems: [{ row: 1, column: null, message: `kolumna „${rows[0]![1]}” jest w tabeli dwa razy` }] });
    for (const junk of [[], [['Data rozpoczęcia', 'Pracownik']], [['a;b;c'], ['1']]]) {
      expect(contentWithTable(builtIn, junk)).toMatchObject({ ok: false, problems: [{ row: 1, message: expect.stringContaining('to nie jest tabela katalogu') }] });
    }
  });

  it('a list written one item a line within the cell (Alt+Enter in Excel) reads as its items; every problem of a table is said at once', () => {
    const rows = tableRows(builtIn, 'matters');
    const header = rows[0]!;
    const keywordsAt = header.indexOf('Słowa kluczowe');
    const complexAt = header.indexOf('Sprawa złożona');
    const checkedAt = header.indexOf('Sprawdzone');
    const alt = rows.map((r, i) => (i === 1 ? r.map((cell, c) => (c === keywordsAt ? 'rejestracja\nzapis do urzędu\r\n' : cell)) : r));
    const back = contentWithTable(builtIn, alt);
    expect(back.ok && back.content.directory.matters[0]!.keywords).toEqual(['rejestracja', 'zapis do urzędu']);
    // A bad flag in one row and a day that does not exist in another: both at once, not one after the other is fixed.
    const two = rows.map((r, i) => (i === 1 ? r.map((cell, c) => (c === complexAt ? 'może' : cell)) : i === 2 ? r.map((cell, c) => (c === checkedAt ? '31.02.2026' : cell)) : r));
    const refused = contentWithTable(builtIn, two);
    expect(!refused.ok && refused.problems.map((p) => [p.row, p.column?.header, p.message])).toEqual([
      [2, 'Sprawa złożona', '„może”: wpisz „tak” albo „nie”'],
      [3, 'Sprawdzone', 'taki dzień nie istnieje: 2026-02-31'],
    ]);
  });

  it('units read back without one that matters go to: the matters that name it are said, by title', () => {
    const rows = tableRows(builtIn, 'units').filter((r) => r[0] !== 'kancelaria');
    const back = contentWithTable(builtIn, rows);
    expect(back.ok).toBe(false);
    expect(!back.ok && back.problems).toContainEqual({ row: null, column: null, message: 'sprawa „Odwołanie od decyzji”: nieznana komórka „kancelaria”' });
  });

  it('every column of every table is a field of its entries, and Excel letters go on past Z', () => {
    for (const table of TABLES) expect(new Set(TABLE_COLUMNS[table].map((c) => c.header)).size).toBe(TABLE_COLUMNS[table].length);
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    const table: TableName = 'units';
    expect(tableRows(builtIn, table)[0]).toEqual(TABLE_COLUMNS[table].map((c) => c.header));
  });
});
