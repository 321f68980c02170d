/**
 * The copy of a note that masking reads, and the way back to the note.
 *
 * People type an identifier with any dash there is, with digits of other
 * scripts (pasted from a scan, a phone, a PDF), with no-break spaces, tabs and
 * line breaks, with invisible characters in between. Masking reads a copy in
 * which each of those is one plain thing, and replaces spans of the ORIGINAL
 * text: everything that is not an identifier is stored exactly as typed.
 *
 * The copy is built cluster by cluster (a character and its combining marks),
 * so each of its code units knows the original cluster it came from, whatever
 * NFKC does to lengths ("ﬁ" → "fi", "½" → "1⁄2", "e" + U+0301 → "é"). What
 * cannot be seen is not in the copy: format characters, every
 * Default_Ignorable code point (variation selectors, the combining grapheme
 * joiner, Hangul fillers…) and every combining mark NFKC leaves uncomposed
 * ("4" + U+0301, a keycap "1" + U+FE0F + U+20E3). A dropped character is part
 * of the cluster before it, so a span replaced in the original covers it.
 */
export interface NormalisedText {
  /** NFKC, nothing invisible, every dash "-", every decimal digit 0–9, every whitespace or control character " ". */
  text: string;
  /** For each code unit of `text`: where the original cluster it came from starts… */
  from: number[];
  /** …and ends (exclusive). */
  to: number[];
}

// Dropped: format characters, Default_Ignorable code points, combining marks.
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}\p{M}]$/u;
const MARK = /^\p{M}$/u;
// Read as a space: whitespace, control characters, the braille blank.
const SPACE = /^[\s\p{Cc}\u2800]$/u;
const DIGIT = /^\p{Nd}$/u;
// Dashes (Pd) and the minus-like signs outside it: minus, hyphen bullet, modifier minus, heavy minus.
const DASH = /^[\p{Pd}\u2212\u2043\u02D7\u2796]$/u;

// Each Unicode decimal digit belongs to a run of ten, 0 to 9, in code point
// order (a Unicode stability guarantee); runs may sit back to back (the
// mathematical digits), so the value is the distance from the run's start, mod 10.
const digitValues = new Map<number, string>();
function asciiDigit(cp: number): string {
  let value = digitValues.get(cp);
  if (value === undefined) {
    let first = cp;
    while (DIGIT.test(String.fromCodePoint(first - 1))) first--;
    value = String((cp - first) % 10);
    digitValues.set(cp, value);
  }
  return value;
}

/** One code point of an NFKC form as the copy holds it ('' when dropped). */
function plainOf(ch: string): string {
  if (INVISIBLE.test(ch)) return '';
  if (SPACE.test(ch)) return ' ';
  if (DASH.test(ch)) return '-';
  const cp = ch.codePointAt(0)!;
  if (cp > 0x7f && DIGIT.test(ch)) return asciiDigit(cp);
  return ch;
}

// Notes repeat their letters; normalising each cluster once is enough.
const clusterCache = new Map<string, string>();
function plainCluster(cluster: string): string {
  let plain = clusterCache.get(cluster);
  if (plain === undefined) {
    plain = '';
    for (const ch of cluster.normalize('NFKC')) plain += plainOf(ch);
    if (clusterCache.size > 4096) clusterCache.clear();
    clusterCache.set(cluster, plain);
  }
  return plain;
}

export function normalisedCopy(original: string): NormalisedText {
  let text = '';
  const from: number[] = [];
  const to: number[] = [];
  let i = 0;
  while (i < original.length) {
    const start = i;
    const code = original.charCodeAt(i);
    const low = original.charCodeAt(i + 1);
    i += code >= 0xd800 && code <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
    // Combining marks belong to the character before them (NFKC composes them).
    while (i < original.length && original.charCodeAt(i) >= 0x300 && MARK.test(String.fromCodePoint(original.codePointAt(i)!))) {
      i += original.codePointAt(i)! > 0xffff ? 2 : 1;
    }
    let plain: string;
    if (i - start === 1 && code < 0x80) plain = code < 0x20 || code === 0x7f ? ' ' : original[start]!;
    else plain = plainCluster(original.slice(start, i));
    text += plain;
    for (let k = 0; k < plain.length; k++) {
      from.push(start);
      to.push(i);
    }
  }
  return { text, from, to };
}

/** The original span behind the copy's code units [start, end). */
export function originalSpan(copy: NormalisedText, start: number, end: number): [number, number] {
  return [copy.from[start]!, copy.to[end - 1]!];
}

// ---- digit groups --------------------------------------------------------------

/**
 * How a group is joined to the one before it. "tight": the way digits of one
 * number are written apart (up to three spaces, a dash with or without
 * spaces, one dot, slash, comma or colon). "list": a comma or semicolon with
 * spaces, the way items of a list are. "loose": any other short run of
 * punctuation, symbols and spaces (" / ", "--", ". ", ": ", "|", "_", four
 * to six spaces): read as a separator only by the identifier rules.
 */
export type Link = 'tight' | 'list' | 'loose';

/** A run of digits in the copy, as one group of a written number. */
export interface DigitGroup {
  /** Span in the copy; includes a "+" before, and the brackets of an area code. */
  start: number;
  end: number;
  digits: string;
  /** Written after "+": an international prefix follows. */
  plus: boolean;
  /** Inside brackets: an area code, "(42)", "(0-42)", "(+48)", "(600)". */
  paren: boolean;
  /** The copy's text between the group before and this one ('' for the first). */
  joiner: string;
  /** How the joiner links this group to the one before ('tight' for the first). */
  link: Link;
}

const TIGHT = /^(?: {1,3}| {0,2}- {0,2}|[./,:])$/;
const LIST = /^ {0,3}[,;] {0,3}$/;
// No letter, digit or mark, no "+" (it starts a number), no "@", no NUL (what is taken).
const LOOSE = /^[^\p{L}\p{N}\p{M}+@\0]{1,6}$/u;
// An area code in brackets, or the country code, spaces allowed inside:
// "(42)", "( 042 )", "(0-42)", "(0 - 42)", "(+48)", "(0048)", a mobile's "(600)".
const AREA_CODE = /\( {0,2}(\+ {0,2}48|0048|0 {0,2}-? {0,2}\d{2}|[4-8]\d{2}|\d{2}) {0,2}\)/y;
const isDigit = (code: number) => code >= 48 && code <= 57;

function linkOf(joiner: string, bracketed: boolean): Link | null {
  if (joiner === '') return bracketed ? 'tight' : null;
  if (TIGHT.test(joiner)) return 'tight';
  if (LIST.test(joiner)) return 'list';
  return LOOSE.test(joiner) ? 'loose' : null;
}

/**
 * The copy read as chains of digit groups joined by short runs of anything
 * but letters and digits: "600 700 800" and "440514 / 01359" are chains of
 * groups, "12, 15, 18" too (joined as a list). A "+", a letter, "@" or a
 * longer gap starts a new chain.
 */
export function digitChains(text: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  const add = (start: number, end: number, digits: string, plus: boolean, paren: boolean) => {
    const last = chain[chain.length - 1];
    let joiner = last ? text.slice(last.end, start) : '';
    let link = last ? linkOf(joiner, paren || last.paren) : 'tight';
    if (last && (plus || link === null)) {
      chains.push(chain);
      chain = [];
      joiner = '';
      link = 'tight';
    }
    chain.push({ start, end, digits, plus, paren, joiner, link: link! });
  };
  let p = 0;
  while (p < text.length) {
    if (isDigit(text.charCodeAt(p))) {
      let q = p + 1;
      while (q < text.length && isDigit(text.charCodeAt(q))) q++;
      const plus = text[p - 1] === '+' && !isDigit(text.charCodeAt(p - 2));
      add(plus ? p - 1 : p, q, text.slice(p, q), plus, false);
      p = q;
      continue;
    }
    AREA_CODE.lastIndex = p;
    const area = text[p] === '(' ? AREA_CODE.exec(text) : null;
    if (!area) {
      p++;
      continue;
    }
    const whole = area[0];
    const end = p + whole.length;
    const parts = area[1]!.replace('+', '').trim().split(/[ -]+/);
    if (parts.length === 1) add(p, end, parts[0]!, area[1]!.startsWith('+'), true);
    else {
      // "(0 - 42)": the trunk 0 and the area code, as two groups.
      const zero = p + whole.indexOf('0') + 1;
      add(p, zero, parts[0]!, false, true);
      add(p + whole.lastIndexOf(parts[1]!), end, parts[1]!, false, true);
    }
    p = end;
  }
  if (chain.length) chains.push(chain);
  return chains;
}
