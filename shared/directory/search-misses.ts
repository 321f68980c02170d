import { z } from 'zod';
import { findIdentifiers } from '../masking/masking';
import { AMBIGUOUS_NAME_FORMS, FIRST_NAME_FORMS, SURNAME_SHAPED_WORDS } from '../masking/masking-names-words';
import { MAX_QUERY_CHARS } from './search';
import { fold } from './text-folding';

/**
 * What callers asked that the directory did not know: a search the clerk
 * left without opening a result — it found nothing, or nothing that fit —
 * counted by its folded words, so the team lead sees the month's most
 * frequent ones and can add them to the directory.
 *
 * Nothing of the caller is kept. The phrase is the query's words folded
 * (lower case, no diacritics, no punctuation), after:
 * - what masking finds in a call's note (PESEL, numbers, e-mails, names
 *   written with capitals) left out;
 * - a word written with a capital past the sentence's start (a name, a
 *   place), or at it when the next one is too;
 * - first names dropped in any case ("jan kowalski" typed in a hurry), and
 *   the word after one (the surname), and any word shaped like a Polish
 *   surname (-ski, -cka, -wicz…);
 * - every number but the programmes' (800, 500, 300, 90), and the two words
 *   after "ul.", "al.", "os.", "pl." (an address).
 * A surname typed in lower case without a surname's ending ("kowalczyk")
 * cannot be told from a word by rule: the residue of this kind is what the
 * lead's report shows only as typed, and what the README says.
 * No call id, no time but the month, no clerk but the file's own.
 */
export const MISS_MAX_WORDS = 12;
/** A phrase shorter than this says nothing (a search begun and given up). */
export const MISS_MIN_CHARS = 3;

/** The numbers a caller's question may carry that are nobody's: the programmes ("800 plus"), the 90-day contact. */
const KEPT_NUMBERS: ReadonlySet<string> = new Set(['800', '500', '300', '90']);
const STREET_MARKERS: ReadonlySet<string> = new Set(['ul', 'ulica', 'ulicy', 'al', 'aleja', 'alei', 'os', 'osiedle', 'osiedlu', 'pl', 'plac', 'placu']);

/** A word begun with a capital, not an acronym (ZUS, KRUS, MOPS are the office's words). */
function capitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !/^\p{Lu}{2,6}$/u.test(word);
}

const SURNAME_ENDINGS = /(?:ski|ska|skiego|skiej|skim|cki|cka|ckiego|ckiej|dzki|dzka|wicz|wiczowa|owna)$/;
const LONG_NUMBER = /\d{5,}/;

/** A number someone's (a date, a house, an amount), not a programme's; or a word with a long number in it. */
const isPrivateNumber = (word: string) => (/^\d+$/.test(word) ? !KEPT_NUMBERS.has(word) : LONG_NUMBER.test(word));
const isFirstName = (word: string) => FIRST_NAME_FORMS.has(word) && !AMBIGUOUS_NAME_FORMS.has(word);
const isSurnameShaped = (word: string) => SURNAME_ENDINGS.test(word) && !SURNAME_SHAPED_WORDS.has(word);

/** The text with every identifier masking finds left out (not even its token stays: "pesel" typed is a word, "[PESEL]" is not). */
function withoutIdentifiers(text: string): string {
  let out = '';
  let at = 0;
  for (const { start, end } of findIdentifiers(text)) {
    out += `${text.slice(at, start)} `;
    at = end;
  }
  return out + text.slice(at);
}

export function missPhrase(query: string): string | null {
  // Words as typed (their capitals tell a name), each then folded.
  const typed = withoutIdentifiers(query.slice(0, MAX_QUERY_CHARS).normalize('NFC'))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  const kept: string[] = [];
  for (let i = 0; i < typed.length && kept.length < MISS_MAX_WORDS; i++) {
    const original = typed[i]!;
    const word = fold(original);
    if (word === '') continue;
    // A number is a date, a house, an amount of someone's: only the numbers of the office's own programmes say anything.
    if (isPrivateNumber(word)) continue;
    // Written with a capital past the sentence's start — or at it, before another such word — a name or a place.
    if (capitalised(original) && (i > 0 || capitalised(typed[1] ?? ''))) continue;
    if (isFirstName(word)) {
      i++; // and the surname after it
      continue;
    }
    if (isSurnameShaped(word)) continue;
    kept.push(word);
    // The street's name and number after "ul.", "al.", "os.": someone's address.
    if (STREET_MARKERS.has(word)) i += 2;
  }
  const phrase = kept.join(' ');
  return phrase.length >= MISS_MIN_CHARS && /\p{L}/u.test(phrase) ? phrase : null;
}

/**
 * Whether a stored phrase is one this app could have made: folded words
 * only, none a number but the programmes', none a first name or shaped
 * like a surname. What a file or a table row holds otherwise (edited by
 * hand) is shown of nothing.
 */
export function isMissPhrase(phrase: string): boolean {
  const words = phrase.split(' ');
  if (phrase.length < MISS_MIN_CHARS || words.length > MISS_MAX_WORDS || fold(phrase) !== phrase || !/\p{L}/u.test(phrase)) return false;
  return words.every((word) => word !== '' && !isPrivateNumber(word) && !isFirstName(word) && !isSurnameShaped(word));
}

/**
 * One search as the clerk makes it: from the first letter typed until the
 * box is cleared (or the search is left). Its phrase is the longest query of
 * it (typing "zasilek" and deleting it letter by letter is one search for
 * "zasilek"); opening a result makes it no miss.
 */
export class MissTracker {
  private longest = '';
  private chose = false;

  typed(query: string): void {
    if (query.trim().length > this.longest.trim().length) this.longest = query;
  }

  opened(): void {
    this.chose = true;
  }

  /** The search is over: its phrase when it is a miss, else null. Starts the next search. */
  ended(): string | null {
    const miss = this.chose ? null : missPhrase(this.longest);
    this.longest = '';
    this.chose = false;
    return miss;
  }
}

/** A clerk's misses of one month, as kept on their computer and copied to the team folder. */
export const SearchMissMonthSchema = z.object({
  version: z.literal(1),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  clerkId: z.string().min(1).max(100),
  phrases: z.record(z.string().max(400), z.number().int().min(1)),
});
export type SearchMissMonth = z.infer<typeof SearchMissMonthSchema>;

export interface MissReportLine {
  phrase: string;
  count: number;
  /** How many clerks met it: a phrase of one clerk alone may be their own way of typing. */
  clerks: number;
}

export interface MissReport {
  month: string;
  /** Clerks whose misses are counted. */
  clerks: number;
  /** Searches missed in all. */
  misses: number;
  phrases: MissReportLine[];
}

/** The month's phrases across the team, most frequent first (then met by more clerks, then in Polish order). */
export function missReport(month: string, files: readonly SearchMissMonth[], limit = 50): MissReport {
  const byClerk = new Map<string, SearchMissMonth>();
  // One file per clerk: their own computer's and the team copy are the same counts, the newer the larger.
  for (const file of files) {
    if (file.month !== month) continue;
    const held = byClerk.get(file.clerkId);
    if (!held || total(file) > total(held)) byClerk.set(file.clerkId, file);
  }
  const lines = new Map<string, MissReportLine>();
  let misses = 0;
  for (const file of byClerk.values()) {
    for (const [phrase, count] of Object.entries(file.phrases)) {
      misses += count;
      const line = lines.get(phrase) ?? { phrase, count: 0, clerks: 0 };
      line.count += count;
      line.clerks += 1;
      lines.set(phrase, line);
    }
  }
  const phrases = [...lines.values()].sort((a, b) => b.count - a.count || b.clerks - a.clerks || a.phrase.localeCompare(b.phrase, 'pl')).slice(0, limit);
  return { month, clerks: byClerk.size, misses, phrases };
}

function total(file: SearchMissMonth): number {
  return Object.values(file.phrases).reduce((sum, n) => sum + n, 0);
}
