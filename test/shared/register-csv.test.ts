import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OUTCOMES } from '../../shared/call/outcomes';
import { PERSON_ANSWERS } from '../../shared/call/outbound';
import type { ItemList, RegisterRow } from '../../shared/register/register';
import {
  csvCells,
  csvHeader,
  CUT_MARK,
  cutToCell,
  itemColumns,
  MAX_CELL_LENGTH,
  MAX_ITEM_COLUMNS,
  neutralizeCell,
  OTHER_ITEMS_HEADER,
  textCell,
} from '../../shared/register/register-csv';

/**
 * The cells of the register's CSV one by one: which are neutralised and how,
 * which are left as the numbers and words the export writes, and how the
 * checklist columns are chosen. (The file as a whole, written and read back,
 * is tested in test/services/register-export-csv.test.ts.)
 */

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const LEADING = [
  ...' \t\n\r\v\f\u00A0\u1680\u2028\u2029\u202F\u205F\u3000\u0085',
  ...range(0x2000, 0x200a),
  ...'\u200B\u200C\u200D\u200E\u200F\u2060\uFEFF\u00AD\u061C\u180E\u034F\u3164\u2800',
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
];
const TRIGGERS = [
  ...'=+-@|%',
  ...'\uFF1D\uFF0B\uFF0D\uFF20\uFF5C\uFF05\uFE66\uFE62\uFE63\uFE6B\uFE6A\u207C\u207A\u207B\u208C\u208A\u208B',
  ...'\u2212\u2796\u2795\uFB29\u02D6\u02D7\u2A75\u2A76\u058A\u05BE\u1806\u2E3A\u301C\uFE58',
  ...range(0x2010, 0x2015),
];
const CONTROL = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;
const LETTERS = 'aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPRSŚTUWYZŹŻ';
const ordinaryText = fc
  .tuple(fc.constantFrom(...LETTERS, ...'0123456789'), fc.string({ unit: fc.constantFrom(...LETTERS, ...'0123456789 .,;:!?()"\'/-+=@%\n\t'), maxLength: 80 }))
  .map(([first, rest]) => first + rest);

describe('neutralising a cell', () => {
  it('each start the brief names is neutralised with a leading apostrophe', () => {
    const cases: [string, string][] = [
      ['=1+1', "'=1+1"],
      ['\n=1+1', "'\n=1+1"],
      ['\r\n=1+1', "'\r\n=1+1"],
      ['\tHYPERLINK("x")', "'\tHYPERLINK(\"x\")"],
      ['   =1+1', "'   =1+1"],
      ['\u00A0+1', "'\u00A0+1"],
      ['\u3000-1', "'\u3000-1"],
      ['\u2003@SUM(A1)', "'\u2003@SUM(A1)"],
      ['\uFEFF=1', "'\uFEFF=1"],
      ['\u200B=1', "'\u200B=1"],
      ['\u200B\uFEFF \u00A0\t=1', "'\u200B\uFEFF \u00A0\t=1"],
      ['＝1+1', "'＝1+1"],
      ['＋48 600', "'＋48 600"],
      ['－1', "'－1"],
      ['＠SUM(A1)', "'＠SUM(A1)"],
      ["|cmd' /C calc'!A0", "'|cmd' /C calc'!A0"],
      ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
      ['%1', "'%1"],
      ['\u22121', "'\u22121"],
      ['– myślnik', "'– myślnik"],
      ['\0=1', "'\uFFFD=1"],
      ['\x1b=1', "'\uFFFD=1"],
      ['\x1b[31m=1', '\uFFFD[31m=1'], // what follows the control is '[': nothing to run
    ];
    for (const [cell, safe] of cases) expect([cell, neutralizeCell(cell)]).toEqual([cell, safe]);
  });

  it('NUL and the other control characters are replaced by U+FFFD; tab and line breaks inside a cell are text and stay', () => {
    expect(neutralizeCell('a\0b')).toBe('a\uFFFDb');
    expect(neutralizeCell('a\x01\x07\x08\x0B\x0C\x1B\x7F\x85\x9Fb')).toBe(`a${'\uFFFD'.repeat(9)}b`);
    expect(neutralizeCell('Linia 1\r\nLinia 2\tz tabulatorem')).toBe('Linia 1\r\nLinia 2\tz tabulatorem');
    // A lone half of a surrogate pair would be written as U+FFFD anyway; replaced here so the cell is what the file says.
    expect(neutralizeCell('a\uD800b')).toBe('a\uFFFDb');
    expect(neutralizeCell('emoji 😀 zostaje')).toBe('emoji 😀 zostaje');
  });

  it('property: any invisible prefix, then any trigger, then anything: neutralised; the rest is the text with controls replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...LEADING), { maxLength: 8 }), fc.constantFrom(...TRIGGERS), fc.string({ unit: 'binary', maxLength: 40 }), (prefix, trigger, rest) => {
        const cell = prefix.join('') + trigger + rest;
        const safe = neutralizeCell(cell);
        expect(safe.startsWith("'")).toBe(true);
        expect(safe.slice(1)).toBe(cell.replace(CONTROL, '\uFFFD').replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
        expect(safe).not.toMatch(CONTROL);
      }),
      { numRuns: 5000 },
    );
  });

  it('property: ordinary text (letters with Polish diacritics, digits, punctuation, line breaks inside) is unchanged', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(neutralizeCell(text)).toBe(text);
        expect(textCell(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('property: neutralising twice changes nothing more', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        const once = neutralizeCell(text);
        expect(neutralizeCell(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cutting a cell to what Excel holds', () => {
  it(`property: at most ${MAX_CELL_LENGTH} characters, the cut marked, no surrogate pair split, a short cell untouched`, () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'ż', '😀', ' '), minLength: MAX_CELL_LENGTH - 3, maxLength: MAX_CELL_LENGTH + 40 }), (text) => {
        const cut = cutToCell(text);
        if (text.length <= MAX_CELL_LENGTH) return expect(cut).toBe(text);
        expect(cut.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
        expect(cut.endsWith(CUT_MARK)).toBe(true);
        expect(text.startsWith(cut.slice(0, -CUT_MARK.length))).toBe(true);
        expect(cut).not.toMatch(/[\uD800-\uDFFF]/u); // a lone surrogate: a pair cut in two
      }),
      { numRuns: 200 },
    );
  });

  it('a neutralised cell keeps its apostrophe when cut', () => {
    const cell = textCell(`=${'x'.repeat(MAX_CELL_LENGTH)}`);
    expect(cell).toHaveLength(MAX_CELL_LENGTH);
    expect(cell.startsWith("'=x")).toBe(true);
    expect(cell.endsWith(CUT_MARK)).toBe(true);
  });
});

const LIST: ItemList = { ids: ['greeting', 'polite-closing'], labels: ['Powitanie', 'Uprzejme zakończenie'] };
function makeRow(changes: Partial<RegisterRow> = {}): RegisterRow {
  return {
    id: '01933b6e-8f00-7000-8000-000000000001',
    clerkId: 'c',
    clerkName: 'Anna Nowak',
    startedAt: new Date(2026, 10, 2, 9, 5).getTime(),
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
    items: LIST,
    states: 'dx',
    note: '',
    file: 'calls/x/2026-11.jsonl',
    ...changes,
  } as RegisterRow; // the fields the CSV reads; others the register keeps (which copy, …) are not in it
}

describe('which cells are neutralised', () => {
  const TEXT_COLUMNS = ['Pracownik', 'Przekierowano do', 'Notatka', 'Integralność', 'Identyfikator rozmowy'];

  it('the words, numbers and dates the export writes itself never need it; a negative number stays a number', () => {
    const columns = itemColumns([LIST]);
    const header = csvHeader(columns);
    for (const cell of header) expect(neutralizeCell(cell)).toBe(cell);
    for (const outcome of OUTCOMES)
      for (const outboundPerson of [null, ...PERSON_ANSWERS])
        for (const states of ['dw', 'x-']) {
          const row = makeRow({ outcome, outboundPerson, states, direction: outboundPerson ? 'outgoing' : 'incoming', score: 0, appointmentAt: Date.now(), callbackDueAt: Date.now() });
          const cells = csvCells(row, columns, '');
          header.forEach((name, i) => {
            if (!TEXT_COLUMNS.includes(name)) expect([name, neutralizeCell(cells[i]!)]).toEqual([name, cells[i]]);
          });
        }
    // Not user content: a negative number is written as one (neutralising would make it text), not prefixed.
    expect(csvCells(makeRow({ durationSec: -7 }), columns, '')[header.indexOf('Czas trwania [s]')]).toBe('-7');
  });

  it('every cell with text from a person or a file is neutralised: names, unit, note, integrity, id, item labels', () => {
    const evil = ' =HYPERLINK("http://zly.example")';
    const columns = itemColumns([{ ids: ['greeting', 'x'], labels: ['Powitanie', evil] }]);
    const header = csvHeader(columns);
    expect(header.at(-1)).toBe(`'${evil}`);
    const row = makeRow({ id: evil, clerkName: evil, note: evil, outcome: 'routed', routedTo: { unitId: 'u', unitName: evil, external: true }, items: { ids: ['greeting', 'x'], labels: ['Powitanie', evil] } });
    const cells = csvCells(row, columns, evil);
    for (const name of TEXT_COLUMNS) expect(cells[header.indexOf(name)]!.startsWith("' =HYPERLINK")).toBe(true);
  });

  it('durations and scores that are not numbers are written empty, never as NaN or Infinity', () => {
    const columns = itemColumns([LIST]);
    const header = csvHeader(columns);
    const cells = csvCells(makeRow({ durationSec: -Infinity, score: Number.NaN, startedAt: Number.NaN }), columns, '');
    expect(cells[header.indexOf('Czas trwania [s]')]).toBe('');
    expect(cells[header.indexOf('Wynik zgodności [%]')]).toBe('');
    expect(cells[header.indexOf('Data rozpoczęcia')]).toBe('');
  });
});

describe('checklist columns', () => {
  const list = (...ids: string[]): ItemList => ({ ids, labels: ids.map((id) => `Punkt ${id}`) });

  it('an ordinary set of checklists: every item once, in the order first met, no extra column', () => {
    const a = list('greeting', 'identify', 'polite-closing');
    const b = list('greeting', 'purpose', 'polite-closing');
    const columns = itemColumns([a, a, b]);
    expect(columns.shown.map((i) => i.id)).toEqual(['greeting', 'identify', 'polite-closing', 'purpose']);
    expect(columns.folded).toBe(false);
    expect(csvHeader(columns)).not.toContain(OTHER_ITEMS_HEADER);
  });

  it('over the bound: the items most used get the columns, ties by id, shown in the order first met; the rest listed per call', () => {
    const a = list('z', 'b', 'c');
    const b = list('y', 'b', 'a');
    const columns = itemColumns([a, b, b], 2); // uses: b 3, y 2, a 2, z 1, c 1
    expect(columns.shown.map((i) => i.id)).toEqual(['b', 'a']); // 'a' before 'y' in the tie, shown in the order met
    expect(columns.folded).toBe(true);
    const header = csvHeader(columns);
    expect(header.slice(-3)).toEqual(['Punkt b', 'Punkt a', OTHER_ITEMS_HEADER]);
    const cells = csvCells(makeRow({ items: b, states: 'dw-' }), columns, '');
    expect(cells.slice(-3)).toEqual(['tak (zaznaczone po rozmowie)', 'nie dotyczy', 'Punkt y: tak']);
    expect(csvCells(makeRow({ items: a, states: 'xdd' }), columns, '').slice(-3)).toEqual(['tak', '', 'Punkt z: nie; Punkt c: tak']);
  });

  it('property: which items get a column depends on the rows, not on their order', () => {
    const lists = [list('a', 'b'), list('c', 'd', 'e'), list('a', 'f'), list('g'), list('b', 'c', 'h')];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lists), { maxLength: 30 }), fc.integer({ min: 0, max: 8 }), (rows, limit) => {
        const shown = (order: ItemList[]) => new Set(itemColumns(order, limit).shown.map((i) => i.id));
        expect(shown([...rows].reverse())).toEqual(shown(rows));
        expect(shown(rows).size).toBe(Math.min(limit, new Set(rows.flatMap((r) => r.ids)).size));
      }),
      { numRuns: 1000 },
    );
  });

  it('an id listed twice in one (forged) list: the repeat is listed in the extra column, not lost', () => {
    const twice = list('a', 'b', 'a');
    const columns = itemColumns([twice]);
    expect(columns.shown.map((i) => i.id)).toEqual(['a', 'b']);
    expect(columns.folded).toBe(true);
    expect(csvCells(makeRow({ items: twice, states: 'dxx' }), columns, '').slice(-3)).toEqual(['tak', 'nie', 'Punkt a: nie']);
  });

  it(`the bound is ${MAX_ITEM_COLUMNS}: far below Excel's 16,384 columns, far above a real checklist's items`, () => {
    const many = list(...Array.from({ length: 20_000 }, (_, i) => `id-${String(i).padStart(5, '0')}`));
    const columns = itemColumns([many]);
    expect(columns.shown).toHaveLength(MAX_ITEM_COLUMNS);
    expect(csvHeader(columns).length).toBeLessThanOrEqual(16_384);
    const cells = csvCells(makeRow({ items: many, states: 'd'.repeat(20_000) }), columns, '');
    expect(cells.at(-1)!.length).toBeLessThanOrEqual(MAX_CELL_LENGTH);
    expect(cells.at(-1)!.endsWith(CUT_MARK)).toBe(true);
  });
});
