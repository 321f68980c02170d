import type { EntryChange } from './change-log';
import { checkEdited, contentChanges, entryAt, entryTitle, OPTIONAL_FIELDS, type EditedContent, type EditProblem } from './directory-edits';
import { fold } from './text-folding';

/**
 * The directory and glossary as tables for Polish Excel, and back: one
 * table per list (matters; the office's units and the institutions outside
 * it; sites; glossary terms), a row per entry, Polish column names. A table
 * read back replaces its whole list — only when the content it makes passes
 * the file's own check, each problem named by the row and column a lead sees
 * in Excel. The CSV itself (separator, BOM, code page) is the Node side's;
 * this is what each cell says.
 *
 * Lists in one cell are separated by `|` (typed in Excel without Alt+Enter;
 * a line break within the cell reads as one too);
 * a flag is `tak` or `nie` (Excel's own PRAWDA/FAŁSZ read too); a day is
 * written RRRR-MM-DD and read back also as Excel rewrites it (07.12.2026,
 * 7/12/2026, or the day's serial number).
 */
export const TABLES = ['matters', 'units', 'sites', 'terms'] as const;
export type TableName = (typeof TABLES)[number];

type CellKind = 'text' | 'list' | 'flag' | 'day' | 'unit-kind';
interface Column {
  header: string;
  field: string;
  kind: CellKind;
}

const col = (header: string, field: string, kind: CellKind = 'text'): Column => ({ header, field, kind });

export const TABLE_COLUMNS: Record<TableName, readonly Column[]> = {
  matters: [
    col('Identyfikator', 'id'),
    col('Nazwa sprawy', 'title'),
    col('Komórka (identyfikator)', 'unit'),
    col('Sprawa złożona', 'complex', 'flag'),
    col('Słowa kluczowe', 'keywords', 'list'),
    col('Jak mówią dzwoniący', 'examples', 'list'),
    col('Dokumenty', 'documents', 'list'),
    col('Podpowiedź', 'hint'),
    col('Źródło', 'source'),
    col('Sprawdzone', 'checked', 'day'),
    col('Do sprawdzenia od', 'reviewBy', 'day'),
    col('Komórka odpowiedzialna (identyfikator)', 'owner'),
  ],
  units: [
    col('Identyfikator', 'id'),
    col('Nazwa', 'name'),
    col('Rodzaj', 'kind', 'unit-kind'),
    col('Lokalizacja (identyfikator)', 'site'),
    col('Numer wewnętrzny', 'extension'),
    col('Pokój', 'room'),
    col('Godziny', 'hours'),
    col('Telefon', 'phone'),
    col('Czym się zajmuje', 'description'),
  ],
  sites: [col('Identyfikator', 'id'), col('Nazwa', 'name'), col('Adres', 'address'), col('Godziny', 'hours')],
  terms: [col('Identyfikator', 'id'), col('Pojęcie', 'term'), col('Inne nazwy', 'aliases', 'list'), col('Wyjaśnienie', 'explanation'), col('Jak to powiedzieć', 'sayIt')],
};

/** The name a table's file is offered under. */
export const TABLE_FILE_NAMES: Record<TableName, string> = {
  matters: 'katalog-sprawy.csv',
  units: 'katalog-komorki-i-instytucje.csv',
  sites: 'katalog-lokalizacje.csv',
  terms: 'slowniczek-pojecia.csv',
};

const LIST_SEPARATOR = ' | ';
const UNIT_KINDS = { office: 'komórka Urzędu', external: 'instytucja zewnętrzna' } as const;

/**
 * A cell Excel would run as a formula (=, +, -, @ first) is written after an
 * apostrophe, and so is one that starts with an apostrophe; reading back
 * takes one off.
 */
const FORMULA_START = /^['=+\-@\t\r]/;

function listOf(content: EditedContent, table: TableName): Record<string, unknown>[] {
  return (table === 'terms' ? content.glossary.terms : content.directory[table]) as unknown as Record<string, unknown>[];
}

/** The table of a list: its header row, then a row per entry. */
export function tableRows(content: EditedContent, table: TableName): string[][] {
  const columns = TABLE_COLUMNS[table];
  return [columns.map((c) => c.header), ...listOf(content, table).map((entry) => columns.map((c) => cellOf(entry[c.field], c.kind)))];
}

function cellOf(value: unknown, kind: CellKind): string {
  let text: string;
  if (value === undefined || value === null) text = '';
  else if (kind === 'list') text = (value as string[]).join(LIST_SEPARATOR);
  else if (kind === 'flag') text = value ? 'tak' : 'nie';
  else if (kind === 'unit-kind') text = UNIT_KINDS[value as keyof typeof UNIT_KINDS] ?? String(value);
  else text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Where a table's problem is, as the lead finds it in Excel: row 1 is the header; column by letter and name. */
export interface TableProblem {
  /** null: not of one row (a column missing, an entry of another list that named a removed one). */
  row: number | null;
  column: { letter: string; header: string } | null;
  message: string;
}

export type TableImport = { ok: true; table: TableName; content: EditedContent; changes: EntryChange[] } | { ok: false; problems: TableProblem[] };

/** Excel's name of the column at `index` (0 → A, 26 → AA). */
export function columnLetter(index: number): string {
  let letter = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letter = String.fromCharCode(65 + ((n - 1) % 26)) + letter;
  return letter;
}

/**
 * The content with one list replaced by a table read back; the table is
 * known by its header. Nothing of the content changes unless the whole of
 * it checks out.
 */
export function contentWithTable(content: EditedContent, rows: readonly (readonly string[])[]): TableImport {
  const header = (rows[0] ?? []).map((h) => h.trim());
  const table = TABLES.find((t) => TABLE_COLUMNS[t].every((c) => header.includes(c.header)) && header.filter((h) => h !== '').every((h) => TABLE_COLUMNS[t].some((c) => c.header === h)));
  if (!table) return { ok: false, problems: headerProblems(header) };
  const columns = TABLE_COLUMNS[table];
  const at = columns.map((c) => header.indexOf(c.header));
  // A column twice: which of the two is meant cannot be known.
  const twice = columns.filter((c) => header.filter((h) => h === c.header).length > 1);
  if (twice.length > 0) return { ok: false, problems: twice.map((c) => ({ row: 1, column: null, message: `kolumna „${c.header}” jest w tabeli dwa razy` })) };
  const problems: TableProblem[] = [];
  /** Each entry's row in the file (blank rows are skipped). */
  const rowOf: number[] = [];
  const entries: Record<string, unknown>[] = [];
  const cellProblems = new Set<string>();
  rows.slice(1).forEach((cells, i) => {
    if (cells.every((cell) => cell.trim() === '')) return;
    const entry: Record<string, unknown> = {};
    columns.forEach((column, c) => {
      const read = readCell(cells[at[c]!] ?? '', column.kind);
      if ('problem' in read) {
        problems.push({ row: i + 2, column: { letter: columnLetter(at[c]!), header: column.header }, message: read.problem });
        cellProblems.add(`${i + 2}:${column.header}`);
      }
      // An empty cell leaves out a field the file may leave out; one it may not is kept empty, for the check to name.
      else if (read.value !== '' || !OPTIONAL_FIELDS.has(column.field)) entry[column.field] = read.value;
    });
    // A value under no heading (past the header, or in a column whose heading was cleared) would be lost: said.
    cells.forEach((cell, c) => {
      if (cell.trim() !== '' && (header[c] ?? '') === '') problems.push({ row: i + 2, column: { letter: columnLetter(c), header: '' }, message: 'wartość w kolumnie bez nagłówka' });
    });
    rowOf.push(i + 2);
    entries.push(entry);
  });
  const replaced: EditedContent =
    table === 'terms'
      ? { ...content, glossary: { ...content.glossary, terms: entries as never } }
      : { ...content, directory: { ...content.directory, [table]: entries } };
  // The whole table's problems at once: those of its cells, and what the file check finds in the rest.
  const checked = checkEdited(replaced);
  const found = checked.ok ? [] : checked.problems.map((p) => placed(p, replaced, table, rowOf, header)).filter((p) => !(p.row !== null && p.column && cellProblems.has(`${p.row}:${p.column.header}`)));
  const all = [...problems, ...found].sort((a, b) => (a.row ?? Infinity) - (b.row ?? Infinity));
  if (all.length > 0 || !checked.ok) return { ok: false, problems: all };
  return { ok: true, table, content: checked.content, changes: contentChanges(content, checked.content) };
}

function headerProblems(header: string[]): TableProblem[] {
  // The table it is most like: the one sharing most of its columns.
  const best = TABLES.map((t) => ({ t, shared: TABLE_COLUMNS[t].filter((c) => header.includes(c.header)).length })).sort((a, b) => b.shared - a.shared)[0]!;
  if (best.shared === 0) {
    return [{ row: 1, column: null, message: 'to nie jest tabela katalogu ani słowniczka — pierwszy wiersz powinien zawierać nazwy kolumn, jak w pliku wyeksportowanym z aplikacji' }];
  }
  const columns = TABLE_COLUMNS[best.t];
  return [
    ...columns.filter((c) => !header.includes(c.header)).map((c) => ({ row: 1, column: null, message: `brak kolumny „${c.header}”` })),
    ...header.flatMap((h, i) => (h !== '' && !columns.some((c) => c.header === h) ? [{ row: 1, column: { letter: columnLetter(i), header: h }, message: `nieznana kolumna „${h}”` }] : [])),
  ];
}

/** A file check's problem placed at the table's row and column; one of another list is told by its entry. */
function placed(problem: EditProblem, content: EditedContent, table: TableName, rowOf: number[], header: string[]): TableProblem {
  const inTable = problem.ref !== null && problem.ref.list === table;
  const column = TABLE_COLUMNS[table].find((c) => c.field === problem.field);
  const other = problem.ref && !inTable ? entryAt(content, problem.ref) : undefined;
  return {
    row: inTable ? (rowOf[problem.ref!.index] ?? null) : null,
    column: inTable && column ? { letter: columnLetter(header.indexOf(column.header)), header: column.header } : null,
    message: other ? `${ENTRY_NAMES[problem.ref!.list]} „${entryTitle(other)}”: ${problem.message}` : problem.message,
  };
}

/** How an entry of another list is named when a table's change makes it wrong. */
const ENTRY_NAMES: Record<TableName, string> = { matters: 'sprawa', units: 'komórka', sites: 'lokalizacja', terms: 'pojęcie' };

/** Excel writes a day in a cell formatted as a number as its serial: 1 is 1900-01-01, with 1900's false 29 February. */
const EXCEL_DAY_ZERO = Date.UTC(1899, 11, 30);

function readCell(raw: string, kind: CellKind): { value: unknown } | { problem: string } {
  const text = raw.replace(/^'(?=['=+\-@\t\r])/, '').trim();
  if (kind === 'text') return { value: text };
  // Items apart by | — or by a line break (Alt+Enter in an Excel cell).
  if (kind === 'list') return { value: text.split(/[|\r\n]+/).map((item) => item.trim()).filter((item) => item !== '') };
  if (kind === 'flag') {
    const folded = fold(text);
    if (['tak', 't', 'prawda', 'true', '1', 'x'].includes(folded)) return { value: true };
    if (['nie', 'n', 'falsz', 'false', '0', ''].includes(folded)) return { value: false };
    return { problem: `„${text}”: wpisz „tak” albo „nie”` };
  }
  if (kind === 'unit-kind') {
    const folded = fold(text);
    if (folded.startsWith('komork') || folded === 'office') return { value: 'office' };
    if (folded.startsWith('instytucj') || folded === 'external') return { value: 'external' };
    return { problem: `„${text}”: wpisz „${UNIT_KINDS.office}” albo „${UNIT_KINDS.external}”` };
  }
  return { value: text === '' ? '' : isoDay(text) };
}

/** A day as the file writes it (RRRR-MM-DD), from the ways Excel rewrites one; anything else as it is, for the file check to name. */
function isoDay(text: string): string {
  const iso = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})$/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
  const dayFirst = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(text);
  if (dayFirst) return `${dayFirst[3]}-${dayFirst[2]!.padStart(2, '0')}-${dayFirst[1]!.padStart(2, '0')}`;
  if (/^\d{5}$/.test(text)) return new Date(EXCEL_DAY_ZERO + Number(text) * 86_400_000).toISOString().slice(0, 10);
  return text;
}
