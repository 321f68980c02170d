import { maskIdentifiers } from '../../shared/masking/masking';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeCsvRows } from '../../electron/services/register-export';
import type { ItemList, RegisterRow } from '../../shared/register/register';
import { CUT_MARK, itemColumns, MAX_CELL_LENGTH, MAX_ITEM_COLUMNS, OTHER_ITEMS_HEADER } from '../../shared/register/register-csv';

/**
 * The CSV export as the team lead's spreadsheet reads it: written by the real
 * writer (csv-stringify with the export's options), parsed back with
 * csv-parse, and every cell checked the way Excel, LibreOffice Calc and
 * Google Sheets would look at it.
 */

// ---- The oracle: what could start a formula ---------------------------------
// Written independently of shared/register-csv.ts on purpose: the test says
// what a spreadsheet may take for a formula, the module says what it does.

/**
 * What an importer may skip or trim before it looks at a cell's first
 * character: any Unicode whitespace, control and format characters (BOM,
 * zero-width space, bidi marks), other invisible fillers, combining marks,
 * and the replacement character the export writes for control characters.
 */
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800\uFFFD]$/u;
const ASCII_TRIGGERS = '=+-@|%';
const SIGN_LIKE = /^[\p{Pd}\u2212\u2796\u2795\uFB29\u02D6\u02D7\uA78A\u{1F7F0}]/u;
const isTrigger = (ch: string): boolean => {
  const folded = ch.normalize('NFKC');
  return ASCII_TRIGGERS.includes(folded[0]!) || SIGN_LIKE.test(folded) || SIGN_LIKE.test(ch);
};

/** Whether a cell as parsed back could be run as a formula (or a DDE command) by a spreadsheet. */
function canStartFormula(cell: string): boolean {
  if (cell.startsWith("'")) return false; // the neutralising prefix: shown as text
  if (/^-?\d+(\.\d+)?$/.test(cell)) return false; // a plain number (a duration, a score), read as a number
  for (const ch of cell) {
    if (INVISIBLE.test(ch)) continue;
    return isTrigger(ch);
  }
  return false;
}

// ---- Generators --------------------------------------------------------------

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
/** Whitespace of every kind, format characters, C0/C1 controls and invisible fillers. */
const LEADING = [
  ...' \t\n\r\v\f\u00A0\u1680\u2028\u2029\u202F\u205F\u3000\u0085',
  ...range(0x2000, 0x200a),
  ...'\u200B\u200C\u200D\u200E\u200F\u2060\u2061\u2062\u2063\u2064\uFEFF\u00AD\u061C\u180E\u034F',
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
  ...'\u3164\u115F\u1160\uFFA0\u2800\uFFFD',
];
/** Everything a spreadsheet may take for the start of a formula, or might: ASCII, full-width, small, super/subscript, dashes and minus signs. */
const TRIGGERS = [
  ...'=+-@|%',
  ...'\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFF05', // ＝＋－＠｜％
  ...'\uFE66\uFE62\uFE63\uFE6B\uFE6A', // small forms
  ...'\u207C\u207A\u207B\u208C\u208A\u208B', // super- and subscript = + −
  ...'\u2212\u2796\u2795\uFB29\u02D6\u02D7\uA78A\u2A75\u2A76', // minus signs, heavy plus/minus, ⩵ ⩶
  ...range(0x2010, 0x2015), // hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar
  ...'\u058A\u05BE\u1806\u2E3A\u2E3B\u301C\u30A0\uFE58',
];
const PAYLOADS = ['HYPERLINK("http://zly.example";"kliknij")', "cmd|' /C calc'!A0", 'SUM(1+1)*cmd|\' /C calc\'!A0', '1+1', 'WEBSERVICE("http://x")', ''];

/** Cells built to get past a neutraliser: any invisible prefix, a trigger from the whole class, then anything. */
const hostileCell = fc
  .tuple(
    fc.array(fc.constantFrom(...LEADING), { maxLength: 6 }),
    fc.constantFrom(...TRIGGERS),
    fc.oneof(fc.constantFrom(...PAYLOADS), fc.string({ unit: 'binary', maxLength: 30 })),
  )
  .map(([prefix, trigger, rest]) => prefix.join('') + trigger + rest);

/** Ordinary text a clerk writes: letters with Polish diacritics, spaces, punctuation; digits, but not at the start. */
const LETTERS = 'aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ';
const ordinaryText = fc
  .tuple(fc.constantFrom(...LETTERS), fc.string({ unit: fc.constantFrom(...LETTERS, ...'0123456789 .,;:!?()"\'/-+=@%'), maxLength: 60 }))
  .map(([first, rest]) => first + rest);

// ---- Rows and the export -------------------------------------------------------

const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();
const CHECKLIST: ItemList = { ids: ['greeting', 'polite-closing'], labels: ['Powitanie', 'Uprzejme zakończenie'] };

function makeRow(changes: Partial<RegisterRow> = {}): RegisterRow {
  return {
    id: '01933b6e-8f00-7000-8000-000000000001',
    clerkId: '0b9f1e0e-3f5c-4a7e-9a39-6f3f6f2b8a10',
    clerkName: 'Anna Nowak',
    startedAt: at(2, 9, 5),
    direction: 'incoming',
    durationSec: 90,
    outcome: 'resolved',
    routedTo: null,
    appointmentAt: null,
    callbackDueAt: null,
    callbackOf: null,
    outboundPerson: null,
    personalData: false,
    greetingWithin30s: true,
    score: 0.75,
    items: CHECKLIST,
    states: 'dx',
    note: 'Zażółć gęślą jaźń',
    file: 'calls/x/2026-11.jsonl',
    ...changes,
  } as RegisterRow; // the fields the CSV reads; others the register keeps (which copy, …) are not in it
}

/** The CSV the export writes for these rows, as text (BOM included). */
async function exportCsv(rows: readonly RegisterRow[], integrity: (row: RegisterRow) => string = () => ''): Promise<string> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeCsvRows(itemColumns(rows.map((row) => row.items)), [rows.map((row) => [row, integrity(row)] as [RegisterRow, string])], out);
  return Buffer.concat(chunks).toString('utf8');
}

const readBack = (text: string): string[][] => parse(text, { bom: true, delimiter: ';', relax_column_count: false });

describe('CSV export: formula injection, the whole class', () => {
  it('oracle sanity: what a spreadsheet runs is caught, a prefixed cell and plain numbers are not', () => {
    for (const cell of ['=1+1', ' =1+1', '\n=1+1', '\u00A0+1', '\uFEFF@SUM(A1)', '\u200B-1', '＝1+1', '|cmd', '\u2212 1']) expect(canStartFormula(cell)).toBe(true);
    for (const cell of ["'=1+1", "' =1+1", '-5', '90', '2026-11-02 09:05', 'Zwykła notatka', '']) expect(canStartFormula(cell)).toBe(false);
  });

  it('property: a hostile note, clerk name, unit name, item label, integrity text or id is never read back as a formula', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          note: hostileCell,
          clerkName: hostileCell,
          unitName: hostileCell,
          label: hostileCell,
          integrity: hostileCell,
          id: hostileCell,
        }),
        async (hostile) => {
          const row = makeRow({
            id: hostile.id,
            note: hostile.note,
            clerkName: hostile.clerkName,
            outcome: 'routed',
            routedTo: { unitId: 'u', unitName: hostile.unitName, external: false },
            items: { ids: ['greeting', 'evil'], labels: ['Powitanie', hostile.label] },
          });
          const text = await exportCsv([row], () => hostile.integrity);
          // No NUL or other control character reaches the file (tab, LF and CR inside a quoted cell are text).
          expect(text).not.toMatch(/[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/);
          const [header, cells, ...rest] = readBack(text);
          expect(rest).toEqual([]);
          for (const cell of [...header!, ...cells!]) {
            if (canStartFormula(cell)) throw new Error(`a cell that can start a formula: ${JSON.stringify(cell)}`);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('property: the numbers the export writes stay numbers Excel reads, negative ones too (not user text: never prefixed)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.option(fc.double({ min: 0, max: 1, noNaN: true })), async (durationSec, score) => {
        const [header, cells] = readBack(await exportCsv([makeRow({ durationSec, score })]));
        expect(cells![header!.indexOf('Czas trwania [s]')]).toBe(String(durationSec));
        expect(cells![header!.indexOf('Wynik zgodności [%]')]).toBe(score === null ? '' : String(Math.round(score * 100)));
        expect(cells![header!.indexOf('Data rozpoczęcia')]).toBe('2026-11-02 09:05');
      }),
      { numRuns: 1000 },
    );
  });

  it('property: ordinary text comes back exactly as written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(ordinaryText, ordinaryText, ordinaryText, ordinaryText), async ([note, clerkName, unitName, label]) => {
        const row = makeRow({
          note,
          clerkName,
          outcome: 'routed',
          routedTo: { unitId: 'u', unitName, external: false },
          items: { ids: ['greeting', 'own'], labels: ['Powitanie', label] },
        });
        const [header, cells] = readBack(await exportCsv([row]));
        const col = (name: string) => cells![header!.indexOf(name)];
        // The note and the unit's name as the register shows them: masked (text with nothing to mask comes back as written).
        expect(col('Notatka')).toBe(maskIdentifiers(note).text);
        expect(col('Pracownik')).toBe(clerkName);
        expect(col('Przekierowano do')).toBe(maskIdentifiers(unitName).text);
        expect(header!.at(-1)).toBe(label);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- Column bound -----------------------------------------------------------------

const INCOMING: ItemList = {
  ids: ['greeting', 'identify', 'listen', 'personal-data', 'answer', 'route', 'summary', 'questions', 'polite-closing'],
  labels: ['Powitanie', 'Przedstawienie się', 'Wysłuchanie sprawy', 'Zgoda na dane osobowe', 'Odpowiedź', 'Przekierowanie', 'Podsumowanie', 'Pytania', 'Uprzejme zakończenie'],
};
const OUTGOING: ItemList = {
  ids: ['greeting', 'purpose', 'good-moment', 'answer', 'appointment', 'polite-closing'],
  labels: ['Powitanie', 'Cel rozmowy', 'Dobry moment', 'Odpowiedź', 'Termin wizyty', 'Uprzejme zakończenie'],
};
/** An ordinary export: two checklists, every outcome field, notes with quotes, semicolons, line breaks and a formula. */
const ORDINARY: RegisterRow[] = [
  makeRow({ items: INCOMING, states: 'dwx-ddxdw', note: '=HYPERLINK("http://zly.example";"kliknij")\ndruga linia; z "cudzysłowem"' }),
  makeRow({
    id: '01933b6e-8f00-7000-8000-000000000002',
    startedAt: at(3, 14, 30),
    direction: 'outgoing',
    durationSec: 0,
    outcome: 'invited',
    appointmentAt: at(10, 10, 30),
    outboundPerson: 'right',
    personalData: true,
    greetingWithin30s: false,
    score: 1,
    items: OUTGOING,
    states: 'dddxd-',
    note: 'Oddzwonić\n@SUM(A1)',
  }),
  makeRow({
    id: '01933b6e-8f00-7000-8000-000000000003',
    clerkName: 'Piotr Wiśniewski',
    startedAt: at(4, 8, 0),
    outcome: 'routed',
    routedTo: { unitId: 'zus', unitName: 'ZUS', external: true },
    score: null,
    items: INCOMING,
    states: 'ddddddddd',
    note: '',
  }),
  makeRow({
    id: '01933b6e-8f00-7000-8000-000000000004',
    startedAt: at(5, 16, 45),
    direction: 'outgoing',
    durationSec: 3725,
    outcome: 'callback',
    callbackDueAt: at(6, 9, 0),
    outboundPerson: 'someone-else',
    score: 0.333,
    items: OUTGOING,
    states: 'xxxxxx',
    note: '-5 zł różnicy, +48 600 000 000 nie odbiera',
  }),
];
const integrityOf = (row: RegisterRow) =>
  row.clerkName === 'Piotr Wiśniewski' ? 'Naruszona integralność: Piotr Wiśniewski, 2026-11 — zmieniony wiersz, wiersz 3 pliku calls/x/2026-11.jsonl (folder zespołu)' : '';

/** The export of ORDINARY as written before the column bound (and the wider neutralising) came in: it must not change. */
const ORDINARY_CSV = [
    'Data rozpoczęcia;Pracownik;Kierunek;Czas trwania [s];Wynik;Przekierowano do;Termin wizyty;Termin oddzwonienia;Rozmówca (wychodzące);Dane osobowe;Powitanie w 30 s;Wynik zgodności [%];Notatka;Integralność;Identyfikator rozmowy;Powitanie;Przedstawienie się;Wysłuchanie sprawy;Zgoda na dane osobowe;Odpowiedź;Przekierowanie;Podsumowanie;Pytania;Uprzejme zakończenie;Cel rozmowy;Dobry moment;Termin wizyty',
    '2026-11-02 09:05;Anna Nowak;przychodząca;90;Załatwiona;;;;;nie;tak;75;"\'=HYPERLINK(""http://zly.example"";""kliknij"")\ndruga linia; z ""cudzysłowem""";;01933b6e-8f00-7000-8000-000000000001;tak;tak (zaznaczone po rozmowie);nie;nie dotyczy;tak;tak;nie;tak;tak (zaznaczone po rozmowie);;;',
    '2026-11-03 14:30;Anna Nowak;wychodząca;0;Zaproszenie do Urzędu;;2026-11-10 10:30;;właściwa osoba;tak;nie;100;"Oddzwonić\n@SUM(A1)";;01933b6e-8f00-7000-8000-000000000002;tak;;;;nie;;;;nie dotyczy;tak;tak;tak',
    '2026-11-04 08:00;Piotr Wiśniewski;przychodząca;90;Przekierowana;ZUS (instytucja zewnętrzna);;;;nie;tak;;;Naruszona integralność: Piotr Wiśniewski, 2026-11 — zmieniony wiersz, wiersz 3 pliku calls/x/2026-11.jsonl (folder zespołu);01933b6e-8f00-7000-8000-000000000003;tak;tak;tak;tak;tak;tak;tak;tak;tak;;;',
    '2026-11-05 16:45;Anna Nowak;wychodząca;3725;Oddzwonienie;;;2026-11-06 09:00;inna osoba;nie;tak;33;\'-5 zł różnicy, [telefon] nie odbiera;;01933b6e-8f00-7000-8000-000000000004;nie;;;;nie;;;;nie;nie;nie;nie',
];

const FIXED_COLUMNS = 15;

describe('CSV export: columns', () => {
  it('an ordinary export is byte for byte what it was: one column per item, no extra column', async () => {
    expect(await exportCsv(ORDINARY, integrityOf)).toBe('\uFEFF' + ORDINARY_CSV.map((line) => `${line}\r\n`).join(''));
  });

  it(`20,000 distinct item ids across the rows: at most ${MAX_ITEM_COLUMNS} item columns, the most used; every other item in "${OTHER_ITEMS_HEADER}"`, async () => {
    const STATES = 'dwx-';
    const rows = Array.from({ length: 2_000 }, (_, r) => {
      const own = Array.from({ length: 10 }, (_, k) => `forged-${String(r).padStart(4, '0')}-${k}`);
      const items: ItemList = { ids: [...INCOMING.ids, ...own], labels: [...INCOMING.labels, ...own.map((id) => `Punkt ${id}`)] };
      const states = Array.from({ length: items.ids.length }, (_, i) => STATES[(r + i) % 4]).join('');
      return makeRow({ id: `row-${r}`, items, states });
    });
    const text = await exportCsv(rows);
    const [header, ...calls] = readBack(text);
    expect(new Set(rows.flatMap((r) => r.items.ids)).size).toBe(20_009);
    expect(header!.length).toBeLessThanOrEqual(FIXED_COLUMNS + MAX_ITEM_COLUMNS + 1);
    expect(header!.length).toBe(FIXED_COLUMNS + MAX_ITEM_COLUMNS + 1);
    expect(header!.at(-1)).toBe(OTHER_ITEMS_HEADER);
    // The nine items every call has come first (most used); the rest of the columns go to the lowest ids of the ties.
    const itemHeaders = header!.slice(FIXED_COLUMNS, -1);
    expect(itemHeaders.slice(0, 9)).toEqual(INCOMING.labels);
    const tied = rows.flatMap((r) => r.items.ids.slice(9)).sort();
    expect(itemHeaders.slice(9)).toEqual(tied.slice(0, MAX_ITEM_COLUMNS - 9).map((id) => `Punkt ${id}`));
    // Every item of every call is somewhere: in its column, or listed with its state in the extra column.
    const word: Record<string, string> = { d: 'tak', w: 'tak (zaznaczone po rozmowie)', x: 'nie', '-': 'nie dotyczy' };
    expect(calls).toHaveLength(rows.length);
    calls.forEach((cells, r) => {
      const row = rows[r]!;
      expect(cells).toHaveLength(header!.length);
      const listed: string[] = [];
      row.items.ids.forEach((_, i) => {
        const column = itemHeaders.indexOf(row.items.labels[i]!);
        if (column >= 0) expect(cells[FIXED_COLUMNS + column]).toBe(word[row.states[i]!]);
        else listed.push(`${row.items.labels[i]}: ${word[row.states[i]!]}`);
      });
      expect(cells.at(-1)).toBe(listed.join('; '));
    });
    for (const cells of [header!, ...calls]) for (const cell of cells) expect(cell.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    // Which items get a column does not depend on the order of the rows.
    const [reversedHeader] = readBack(await exportCsv([...rows].reverse()));
    expect(new Set(reversedHeader)).toEqual(new Set(header));
  });

  it('one forged record with 100,000 item ids: a bounded header, and the extra cell cut at what Excel holds, visibly', async () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => `id-${i}`);
    const forged = makeRow({ id: 'forged', items: { ids, labels: ids.map((id) => `Punkt ${id}`) }, states: 'd'.repeat(ids.length) });
    const ordinary = makeRow({ items: INCOMING, states: 'ddddddddd' });
    const [header, ordinaryCells, , forgedCells] = readBack(await exportCsv([ordinary, ordinary, forged]));
    expect(header!.length).toBe(FIXED_COLUMNS + MAX_ITEM_COLUMNS + 1);
    // The real checklist's items are used by more calls than the forged ones: they keep their columns.
    expect(header!.slice(FIXED_COLUMNS, FIXED_COLUMNS + 9)).toEqual(INCOMING.labels);
    expect(ordinaryCells).toHaveLength(header!.length);
    expect(ordinaryCells!.at(-1)).toBe('');
    const other = forgedCells!.at(-1)!;
    expect(other.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    expect(other.length).toBeGreaterThan(MAX_CELL_LENGTH - 100);
    expect(other.endsWith(CUT_MARK)).toBe(true);
    expect(other.startsWith('Punkt id-')).toBe(true);
  });

  it('no cell longer than 32,767 characters: a long note, name or label is cut with a visible mark, a formula in it still neutralised', async () => {
    const long = (start: string) => start + 'ż'.repeat(40_000);
    const row = makeRow({
      note: long('=HYPERLINK("http://zly.example")'),
      clerkName: long('Anna '),
      items: { ids: ['greeting', 'long'], labels: ['Powitanie', long(' @SUM(A1)')] },
      states: 'dd',
    });
    const [header, cells] = readBack(await exportCsv([row], () => long('Naruszona integralność: ')));
    for (const cell of [...header!, ...cells!]) expect(cell.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    const note = cells![header!.indexOf('Notatka')]!;
    expect(note).toHaveLength(MAX_CELL_LENGTH);
    expect(note.startsWith('\'=HYPERLINK(')).toBe(true);
    expect(note.endsWith(`ż${CUT_MARK}`)).toBe(true);
    expect(header!.at(-1)!.startsWith("' @SUM(A1)")).toBe(true);
    expect(header!.at(-1)!.endsWith(CUT_MARK)).toBe(true);
    expect(cells![header!.indexOf('Pracownik')]!.endsWith(CUT_MARK)).toBe(true);
    expect(cells![header!.indexOf('Integralność')]!.endsWith(CUT_MARK)).toBe(true);
  });
});
