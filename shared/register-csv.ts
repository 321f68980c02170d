import type { Outcome } from './outcomes';
import type { PersonAnswer } from './outbound';
import { ITEM_STATE, type ItemList, type RegisterRow } from './register';

/**
 * The register as a table for Polish Excel: Polish headers, dates as
 * `RRRR-MM-DD GG:MM`, durations in seconds, one column per checklist item.
 * The separator, the BOM and quoting are the CSV writer's job; what is here
 * is what each cell says, made safe to open: a cell Excel would read as a
 * formula is neutralised.
 */

/** The CSV is Polish by design (Polish Excel); these must read as the window says them in Polish (a test compares). */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  resolved: 'Załatwiona',
  routed: 'Przekierowana',
  invited: 'Zaproszenie do Urzędu',
  callback: 'Oddzwonienie',
  'no-contact': 'Brak kontaktu',
  interrupted: 'Przerwana',
  other: 'Inna',
};

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

/** The item columns of a set of calls: each item once, in the order first met. */
export function itemColumns(lists: Iterable<ItemList>): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const list of lists) list.ids.forEach((id, i) => seen.has(id) || seen.set(id, list.labels[i]!));
  return [...seen].map(([id, label]) => ({ id, label }));
}

export function csvHeader(items: { id: string; label: string }[]): string[] {
  return [...FIXED_HEADERS, ...items.map((i) => i.label)].map(neutralizeCell);
}

/**
 * @param integrity what is wrong with the file the record came from, if anything
 */
export function csvCells(row: RegisterRow, items: { id: string }[], integrity: string): string[] {
  const cells = [
    localMinute(row.startedAt),
    row.clerkName,
    row.direction === 'incoming' ? 'przychodząca' : 'wychodząca',
    String(row.durationSec),
    OUTCOME_LABELS[row.outcome],
    row.routedTo ? `${row.routedTo.unitName}${row.routedTo.external ? ' (instytucja zewnętrzna)' : ''}` : '',
    localMinute(row.appointmentAt),
    localMinute(row.callbackDueAt),
    row.outboundPerson ? PERSON_LABELS[row.outboundPerson] : '',
    row.personalData ? 'tak' : 'nie',
    row.greetingWithin30s ? 'tak' : 'nie',
    row.score === null ? '' : String(Math.round(row.score * 100)),
    row.note,
    integrity,
    row.id,
  ];
  for (const { id } of items) {
    const index = row.items.ids.indexOf(id);
    cells.push(index < 0 ? '' : STATE_LABELS[row.states[index]!]!);
  }
  return cells.map(neutralizeCell);
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/**
 * `RRRR-MM-DD GG:MM` in local time. Written out rather than through a date
 * library's format(): it runs three times for each of a hundred thousand
 * rows, and the pattern never changes (a test pins it).
 */
export function localMinute(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

// What spreadsheet programs take for the start of a formula (OWASP's list).
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell starting like a formula gets a leading apostrophe: Excel shows the
 * text as typed instead of running it. (A clerk's note "=HYPERLINK(…)" must
 * never become a link in the team lead's spreadsheet.)
 */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
