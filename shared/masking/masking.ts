import { documentNumbers } from './identifiers';
import { findNamesInCopy, holdsName } from './masking-names';
import { numberMasks } from './masking-numbers';
import { normalisedCopy, originalSpan } from './text-normalisation';

/**
 * Masks identifiers a clerk may type into a note (§2 pkt 4, §6 pkt 5: statutory
 * secrecy and the client's confidentiality) before anything is written to disk.
 *
 * Detection reads a normalised copy (text-normalisation.ts: every dash "-",
 * every digit 0–9, every space " ", no invisible characters or combining
 * marks), and the ORIGINAL spans behind what it finds are replaced, so
 * whatever is not an identifier is stored byte for byte as typed. E-mail
 * addresses go first, then ID-card and passport numbers, then numbers
 * (masking-numbers.ts: chains of digit groups joined by any short run of
 * punctuation, symbols or spaces); each step sees what the steps before it
 * took blanked out, so nothing is taken twice.
 *
 * When in doubt the rules mask: a number wrongly hidden costs a clerk a
 * second; a PESEL wrongly kept is a breach. What is kept is what a clerk needs
 * and no identifier looks like: dates, times, amounts with their currency,
 * lists of small numbers, case signatures. A valid PESEL, NIP or ID-card
 * checksum masks whatever the words around it. Every pattern is bounded or
 * anchored, so masking stays linear in the length of the note.
 *
 * Personal names go last (masking-names.ts), on what the identifiers left:
 * "Pan Jan Kowalski" is stored as "Pan [nazwisko]".
 */
export type MaskKind = 'email' | 'account' | 'pesel' | 'nip' | 'phone' | 'idCard' | 'number' | 'name';

export const MASK_TOKENS: Record<MaskKind, string> = {
  email: '[e-mail]',
  account: '[nr rachunku]',
  pesel: '[PESEL]',
  nip: '[NIP]',
  phone: '[telefon]',
  idCard: '[nr dokumentu]',
  number: '[numer]',
  name: '[nazwisko]',
};

export interface MaskResult {
  text: string;
  counts: Partial<Record<MaskKind, number>>;
}

/** A span of the normalised copy to be replaced by a token. */
interface Mask {
  start: number;
  end: number;
  kind: MaskKind;
}

// ---- e-mail ------------------------------------------------------------------

// "@" and "." as people spell them to fool a spam filter or because they were
// dictated: "(at)", "[@]", "@@", " at ", "małpa", "kropka", "(dot)", spaces around.
const OPEN = '[(\\[{<]';
const CLOSE = '[)\\]}>]';
const AT_WORDS = '(?:at|małpa|malpa|małpka|malpka)';
const AT = `(?: {0,2}@{1,3} {0,2}| {0,2}${OPEN} {0,2}(?:@{1,3}|${AT_WORDS}) {0,2}${CLOSE} {0,2}| {1,2}${AT_WORDS} {1,2})`;
const SPELLED_DOT = `(?: {1,2}\\. {1,2}| {0,2}${OPEN} {0,2}(?:dot|kropka) {0,2}${CLOSE} {0,2}| {1,2}(?:dot|kropka) {1,2})`;
// A dot with a space on one side only, or a comma: a dot only once, before the last labels and a
// known ending ("wp. pl", "wp,pl", "urzad. gov.pl").
const LOOSE_DOT = '(?: {1,2}\\.|\\. {1,2}| {0,2}, {0,2})';
const ENDINGS = '(?:pl|com|eu|org|net|info|biz|edu|gov|de|uk|cz|sk|ua|lt|fr|es|nl|be|ch|us|io|co|tv|online|email)';
// Mail providers Poles use: "jan małpa wp", "jan at gmail com", no dot said.
const PROVIDERS = '(?:wp|onet|interia|gmail|googlemail|o2|op|poczta|tlen|gazeta|yahoo|outlook|hotmail|live|icloud|proton|protonmail|vp|go2|buziaczek|autograf|spoko|gmx|aol)';
const LOCAL = '[\\p{L}\\p{N}_%+\\-.]{1,64}';
const LABEL = '[\\p{L}\\p{N}\\-]{1,63}';
// Where a known ending ends the address: no letter, digit or further label follows.
const END = '(?![\\p{L}\\p{N}]|\\.[\\p{L}\\p{N}])';
const DOMAIN =
  `(?:(?:${LABEL}(?:\\.|${SPELLED_DOT})){0,7}${LABEL}${LOOSE_DOT}(?:${LABEL}\\.){0,3}${ENDINGS}${END}` +
  `|(?:${LABEL}(?:\\.|${SPELLED_DOT})){1,8}\\p{L}{2,63}` +
  `|${PROVIDERS}(?: {1,2}${ENDINGS})?${END}|${LABEL} {1,2}${ENDINGS}${END})`;
// Starts only where a local part can start, so each word is tried once.
const EMAIL = new RegExp(`(?<![\\p{L}\\p{N}_%+\\-.@])${LOCAL}(?:${SPELLED_DOT}${LOCAL}){0,8}${AT}${DOMAIN}`, 'giu');
const WORD_CHAR = /[\p{L}\p{N}]/u;
const AROUND_AT = /[()[\]{}<>@]/;
const RUN_END = /[\s\0]/;

/** The letter or digit next to the "@" at `at`, past up to two brackets or "@" (-1 if none). */
function wordNextTo(text: string, at: number, step: 1 | -1): number {
  for (let k = at + step, n = 0; k >= 0 && k < text.length && n <= 2; k += step, n++) {
    if (WORD_CHAR.test(text[k]!)) return k;
    if (!AROUND_AT.test(text[k]!)) return -1;
  }
  return -1;
}

/** The run of non-space characters ending at `at`. */
function runBefore(text: string, at: number): string {
  let start = at;
  while (start > 0 && at - start < 254 && !RUN_END.test(text[start - 1]!)) start--;
  return text.slice(start, at + 1);
}

/**
 * Around each "@" with a letter or digit before it (brackets or more "@"
 * between), the non-space runs: when `typed` also holds for what follows.
 * Runs are capped, so a wall of "@" stays linear.
 */
function aroundAt(text: string, typed: (before: string, after: number) => boolean): Mask[] {
  const found: Mask[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const before = wordNextTo(text, at, -1);
    const after = wordNextTo(text, at, 1);
    if (before === -1 || !typed(runBefore(text, before), after)) continue;
    const start = before + 1 - runBefore(text, before).length;
    let end = after === -1 ? at + 1 : after + 1;
    while (end < text.length && end - at < 254 && !RUN_END.test(text[end]!)) end++;
    found.push({ start, end, kind: 'email' });
    at = end;
  }
  return found;
}

function emails(text: string): Mask[] {
  const found: Mask[] = [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'email' }));
  // The net under the pattern: a letter or digit on each side of the "@" (an address too long or odd for the pattern).
  return found.concat(aroundAt(blank(text, found), (_, after) => after !== -1));
}

/** In a draft, what is left: a word with a letter and "@" after it, an address being typed ("jan.kowalski@"). */
function typedAddresses(text: string): Mask[] {
  return aroundAt(text, (before) => /\p{L}/u.test(before));
}

// ---- ID card and passport (identifiers.ts reads them) -----------------------------

function documents(text: string, draft: boolean): Mask[] {
  return documentNumbers(text, draft).map(([start, end]) => ({ start, end, kind: 'idCard' }));
}

// ---- putting it together ---------------------------------------------------------

/** The text with the masked spans replaced by NUL, which no rule reads as part of anything. */
function blank(text: string, masks: readonly Mask[]): string {
  if (masks.length === 0) return text;
  const sorted = [...masks].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const m of sorted) {
    if (m.start < at) continue;
    out += text.slice(at, m.start) + '\0'.repeat(m.end - m.start);
    at = m.end;
  }
  return out + text.slice(at);
}

/** An identifier found in a text: where it is in that text, and its kind. */
export interface FoundIdentifier {
  start: number;
  end: number;
  kind: MaskKind;
}

/**
 * How a text is read. `draft`: the text is still being typed (draft-store), so
 * what may be the start of an identifier goes too: six digits in a row, a
 * word before "@".
 */
export interface FindOptions {
  draft?: boolean;
}

/** The identifiers in `text`, in order, as spans of `text` itself. */
export function findIdentifiers(text: string, options: FindOptions = {}): FoundIdentifier[] {
  const copy = normalisedCopy(text);
  // NUL marks what is taken; the copy has none of its own (a typed NUL is read as a space).
  let work = copy.text;
  let masks: Mask[] = [];
  const draft = options.draft === true;
  const steps: ((text: string, draft: boolean) => Mask[])[] = [emails, documents, numberMasks];
  // Last, so the digits before "@" are read as numbers first ("44051401359@").
  if (draft) steps.push(typedAddresses);
  for (const find of steps) {
    const found = find(work, draft);
    masks = masks.concat(found);
    work = blank(work, found);
  }
  // Names on what is left, so a token's letters ("[PESEL]") and an address's are no name.
  masks = masks.concat(findNamesInCopy(work, text, copy.from).map((n): Mask => ({ ...n, kind: 'name' })));
  const spans: FoundIdentifier[] = [];
  for (const mask of masks.sort((a, b) => a.start - b.start)) {
    const [start, end] = originalSpan(copy, mask.start, mask.end);
    const last = spans[spans.length - 1];
    // Two masks from one original character ("㉑" reads "21"): one span.
    if (last && start < last.end) last.end = Math.max(last.end, end);
    else spans.push({ start, end, kind: mask.kind });
  }
  return spans;
}

/** `text` with the spans of `found` (in order, apart) replaced by their tokens. */
export function replaceIdentifiers(text: string, found: readonly FoundIdentifier[]): MaskResult {
  const counts: MaskResult['counts'] = {};
  let out = '';
  let at = 0;
  for (const { start, end, kind } of found) {
    counts[kind] = (counts[kind] ?? 0) + 1;
    out += text.slice(at, start) + MASK_TOKENS[kind];
    at = end;
  }
  return { text: out + text.slice(at), counts };
}

export function maskIdentifiers(text: string): MaskResult {
  if (isPlainProse(text)) return { text, counts: {} };
  return replaceIdentifiers(text, findIdentifiers(text));
}

// Latin letters (Polish ones included), spaces and the punctuation of prose:
// no digit of any script, no "@" of any width, nothing NFKC could turn into
// either. Every identifier has a digit except an e-mail, which needs "@" or
// a word for it. Such a text with no name in it has nothing to mask — a test
// holds the rules to that — and is most of what a register shows, so it is
// not read twice.
const PROSE = /^[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\s.,;:!?()"'„”«»\-–—/[\]]*$/u;
const AT_WORD = /at|ma(?:ł|l)p/i;

/** Whether `text` is plain prose, which masking leaves as it is. */
export function isPlainProse(text: string): boolean {
  return PROSE.test(text) && !AT_WORD.test(text) && !holdsName(text);
}
