import { maskIdentifiers } from '../masking/masking';
import { OUTCOME_LABELS } from '../call/outcomes';
import type { PersonAnswer } from '../call/outbound';
import { ITEM_STATE, type ItemList, type RegisterRow } from './register';

/**
 * The register as a table for Polish Excel: Polish headers, dates as
 * `RRRR-MM-DD GG:MM`, durations in seconds, one column per checklist item
 * (at most MAX_ITEM_COLUMNS; further items listed in one more column).
 * The separator, the BOM and quoting are the CSV writer's job; what is here
 * is what each cell says, made safe to open: a text cell a spreadsheet could
 * read as a formula is neutralised, control characters are replaced, and no
 * cell is longer than Excel holds.
 */

/** The CSV is Polish by design (Polish Excel); these must read as the window says them in Polish (a test compares). */
const PERSON_LABELS: Record<PersonAnswer, string> = {
  right: 'właściwa osoba',
  'someone-else': 'inna osoba',
  'no-answer': 'nikt nie odebrał',
};

const STATE_LABELS: Record<string, string> = {
  [ITEM_STATE.done]: 'tak',
  [ITEM_STATE.doneAtWrapUp]: 'tak (zaznaczone po rozmowie)',
  [ITEM_STATE.missed]: 'nie',
  [ITEM_STATE.notApplicable]: 'nie dotyczy',
};

const FIXED_HEADERS = [
  'Data rozpoczęcia',
  'Pracownik',
  'Kierunek',
  'Czas trwania [s]',
  'Wynik',
  'Przekierowano do',
  'Termin wizyty',
  'Termin oddzwonienia',
  'Rozmówca (wychodzące)',
  'Dane osobowe',
  'Powitanie w 30 s',
  'Wynik zgodności [%]',
  'Notatka',
  'Integralność',
  'Identyfikator rozmowy',
];

/** At most this many checklist items get a column of their own (see itemColumns). */
export const MAX_ITEM_COLUMNS = 60;
/** The header of the one column the further items of a call are listed in, `etykieta: tak; …`. */
export const OTHER_ITEMS_HEADER = 'Inne punkty listy';
/** Excel keeps at most this many characters in a cell; a longer one is cut, with CUT_MARK at its end. */
export const MAX_CELL_LENGTH = 32_767;
export const CUT_MARK = '… [obcięto]';

/** Where a call's items go: the index in its list of each item with a column (-1: not there), and the rest. */
export interface ListPlan {
  at: Int32Array;
  rest: number[];
}

/**
 * The checklist columns of an export. Real checklists have a handful of items
 * per direction and a few versions, but an imported or forged record may list
 * any number of item ids, and Excel stops at 16,384 columns: so at most
 * MAX_ITEM_COLUMNS items get a column of their own, and a call's further
 * items are listed in one more column, OTHER_ITEMS_HEADER, present only when
 * some call has such items (an ordinary export looks as it always did).
 */
export class ItemColumns {
  /** Whether the OTHER_ITEMS_HEADER column is written: some list has an item without a column of its own. */
  readonly folded: boolean;
  private readonly plans = new Map<ItemList, ListPlan>();
  private readonly columnOf: Map<string, number>;

  constructor(
    /** The items with a column of their own, in the order first met. */
    readonly shown: readonly { id: string; label: string }[],
    lists: Iterable<ItemList>,
  ) {
    this.columnOf = new Map(shown.map((item, column) => [item.id, column]));
    let folded = false;
    for (const list of lists) folded = this.plan(list).rest.length > 0 || folded;
    this.folded = folded;
  }

  /**
   * Computed once per checklist version (rows share their ItemList), not once
   * per row. A list not given to the constructor gets a plan too, but its
   * further items are listed only if the column is there (folded).
   */
  plan(list: ItemList): ListPlan {
    let plan = this.plans.get(list);
    if (plan) return plan;
    plan = { at: new Int32Array(this.shown.length).fill(-1), rest: [] };
    list.ids.forEach((id, index) => {
      const column = this.columnOf.get(id);
      // An id listed twice in one list (only a forged record does that) is not lost: the repeat goes with the rest.
      if (column !== undefined && plan!.at[column] === -1) plan!.at[column] = index;
      else plan!.rest.push(index);
    });
    this.plans.set(list, plan);
    return plan;
  }
}

/**
 * The item columns of an export. Pass each exported row's list (rows of one
 * checklist version share it; pass it once per row, not a set of them): the
 * items used by the most rows get the columns, ties by id — so which items
 * get one does not depend on the order of the rows — and are shown in the
 * order first met, as the checklists list them.
 */
export function itemColumns(lists: Iterable<ItemList>, limit = MAX_ITEM_COLUMNS): ItemColumns {
  const uses = new Map<ItemList, number>();
  for (const list of lists) uses.set(list, (uses.get(list) ?? 0) + 1);
  return itemColumnsOfUses(uses, limit);
}

/** The same, from each list and the number of rows that have it (counted where the rows are: a database). */
export function itemColumnsOfUses(uses: ReadonlyMap<ItemList, number>, limit = MAX_ITEM_COLUMNS): ItemColumns {
  const items = new Map<string, { id: string; label: string; rows: number; lastList: ItemList | null }>();
  for (const [list, rows] of uses) {
    list.ids.forEach((id, index) => {
      const item = items.get(id);
      if (!item) items.set(id, { id, label: list.labels[index] ?? id, rows, lastList: list });
      else if (item.lastList !== list) {
        item.rows += rows;
        item.lastList = list;
      }
    });
  }
  let shown = [...items.values()];
  if (shown.length > limit) {
    const chosen = new Set([...shown].sort((a, b) => b.rows - a.rows || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).slice(0, limit));
    shown = shown.filter((item) => chosen.has(item));
  }
  return new ItemColumns(
    shown.map(({ id, label }) => ({ id, label })),
    uses.keys(),
  );
}

export function csvHeader(columns: ItemColumns): string[] {
  return [...FIXED_HEADERS, ...columns.shown.map((i) => textCell(i.label)), ...(columns.folded ? [OTHER_ITEMS_HEADER] : [])];
}

/**
 * One call's cells. What a person typed or a record file says (names, unit
 * names, the note, item labels, the integrity text, the id) goes through
 * textCell; what the export itself writes (numbers, dates, the fixed Polish
 * words) is left as it is, so Excel still reads a number as a number — a test
 * checks none of the fixed words needs neutralising.
 *
 * @param integrity what is wrong with the file the record came from, if anything
 */
export function csvCells(row: RegisterRow, columns: ItemColumns, integrity: string): string[] {
  const cells = [
    dateCell(row.startedAt),
    textCell(row.clerkName),
    row.direction === 'incoming' ? 'przychodząca' : 'wychodząca',
    numberCell(row.durationSec),
    OUTCOME_LABELS[row.outcome],
    row.routedTo ? textCell(`${maskIdentifiers(row.routedTo.unitName).text}${row.routedTo.external ? ' (instytucja zewnętrzna)' : ''}`) : '',
    dateCell(row.appointmentAt),
    dateCell(row.callbackDueAt),
    row.outboundPerson ? PERSON_LABELS[row.outboundPerson] : '',
    row.personalData ? 'tak' : 'nie',
    row.greetingWithin30s ? 'tak' : 'nie',
    row.score === null ? '' : numberCell(Math.round(row.score * 100)),
    // Masked as the register shows it: a record kept from before masking knew a way of typing an identifier shows none either.
    textCell(maskIdentifiers(row.note).text),
    textCell(integrity),
    textCell(row.id),
  ];
  const { at, rest } = columns.plan(row.items);
  for (const index of at) cells.push(index < 0 ? '' : stateLabel(row.states[index]));
  if (columns.folded) cells.push(otherItems(row, rest));
  return cells;
}

const stateLabel = (state: string | undefined): string => (state === undefined ? '' : (STATE_LABELS[state] ?? ''));

/** `etykieta: tak; etykieta: nie; …` for the items without a column; built no further than a cell can hold. */
function otherItems(row: RegisterRow, rest: readonly number[]): string {
  let text = '';
  for (const index of rest) {
    text += `${text ? '; ' : ''}${row.items.labels[index] ?? row.items.ids[index]}: ${stateLabel(row.states[index])}`;
    if (text.length > MAX_CELL_LENGTH) break;
  }
  return textCell(text);
}

/** A number the export computed: as JavaScript writes it, which Excel reads as a number (a minus sign included); never NaN or Infinity. */
function numberCell(value: number): string {
  return Number.isFinite(value) ? String(value) : '';
}

/** A date always starts with a digit; only a forged year before 1 could start with `-`, and then it is written as text. */
function dateCell(ms: number | null): string {
  const date = localMinute(ms);
  return date.startsWith('-') ? `'${date}` : date;
}

/** A cell with text from a person or a file: controls replaced, neutralised against formulas, cut to what Excel holds. */
export function textCell(value: string): string {
  return cutToCell(neutralizeCell(value));
}

/** At most MAX_CELL_LENGTH UTF-16 units (Excel's count), the cut shown by CUT_MARK, no surrogate pair split. */
export function cutToCell(value: string): string {
  if (value.length <= MAX_CELL_LENGTH) return value;
  let end = MAX_CELL_LENGTH - CUT_MARK.length;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return value.slice(0, end) + CUT_MARK;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `RRRR-MM-DD GG:MM` in local time. Written out rather than through a date
 * library's format(): it runs three times for each of a hundred thousand
 * rows, and the pattern never changes (a test pins it).
 */
export function localMinute(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/*
 * Formula injection. Excel, LibreOffice Calc and Google Sheets run a cell
 * that starts with `=`, `+`, `-` or `@` as a formula (OWASP's list adds tab
 * and CR); Excel's DDE (`=cmd|' /C calc'!A0`) rides on the same starts, and
 * defusedcsv adds `|` and `%`. Importers may trim what comes before (LibreOffice's
 * CSV import has a "Trim spaces" option), so the start is looked for
 * past every invisible character: any Unicode whitespace (NBSP, U+3000…),
 * control and format characters (BOM U+FEFF, zero-width space U+200B, bidi
 * marks), other default-ignorable fillers, combining marks. And a trigger is
 * more than its ASCII form: full-width and small forms (＝＋－＠｜％,
 * ﹦﹢﹣﹫), super- and subscripts — everything NFKC folds into one — and,
 * since it is not documented which of them a spreadsheet (or its autocorrect)
 * reads as a sign, every dash and minus sign (U+2212, en dash…): when in
 * doubt, neutralise. The price is an apostrophe before a note that starts
 * with a dash.
 */
const TRIGGERS = '=+-@|%';
const SIGN_LIKE = /^[\p{Pd}\u2212\u2795\u2796\uFB29\u02D6\u02D7\uA78A\u{1F7F0}]/u;
const INVISIBLE = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}\u2800\uFFFD]$/u;

/**
 * NUL, the other C0 controls but tab, LF and CR, DEL and the C1 controls, and
 * lone surrogate halves: replaced by U+FFFD �, not removed. They have no place
 * in a note or a name; NUL ends a cell or a line in some readers, and Excel
 * cannot save them into an .xlsx (XML forbids them), so the team lead's "Save
 * as" would fail. Replaced rather than removed so a forged record's odd bytes
 * stay visible in the cell instead of silently joining the text around them.
 * (Tab and line breaks are a note's own text; a cell with a line break is
 * always quoted by the writer.)
 */
const CONTROLS = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]|[\uD800-\uDFFF]/gu;
/** A quick look first (any surrogate, paired or not): most cells have none of these, and the replacing is then skipped. */
const MAYBE_CONTROLS = /[\0-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uD800-\uDFFF]/;

function isTrigger(ch: string): boolean {
  if (TRIGGERS.includes(ch)) return true;
  if (ch < '\x80') return false;
  const folded = ch.normalize('NFKC');
  return TRIGGERS.includes(folded[0]!) || SIGN_LIKE.test(folded) || SIGN_LIKE.test(ch);
}

/** Whether a spreadsheet could take the cell for a formula: a trigger as its first visible character, or a tab, CR or LF first. */
function startsLikeFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  // The usual case, decided by the first character: a letter, a digit, ordinary punctuation.
  if (first > 0x20 && first < 0x7f) return TRIGGERS.includes(value[0]!);
  if (first === 0x09 || first === 0x0a || first === 0x0d) return true;
  for (const ch of value) {
    if (INVISIBLE.test(ch)) continue;
    return isTrigger(ch);
  }
  return false;
}

/**
 * Control characters replaced (see CONTROLS), then a cell a spreadsheet could
 * start running gets a leading apostrophe (OWASP's advice): Excel shows the
 * text as typed instead of running it. (A clerk's note "=HYPERLINK(…)" must
 * never become a link in the team lead's spreadsheet.) Text that starts with
 * a letter or a digit comes back unchanged.
 */
export function neutralizeCell(value: string): string {
  const clean = MAYBE_CONTROLS.test(value) ? value.replace(CONTROLS, '\uFFFD') : value;
  return startsLikeFormula(clean) ? `'${clean}` : clean;
}
