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
 * NFKC does to lengths ("ﬁ" → "fi", "½" → "1⁄2", "e" + U+0301 → "é").
 */
export interface NormalisedText {
  /** NFKC, no format characters (Cf), every dash "-", every decimal digit 0–9, every whitespace " ". */
  text: string;
  /** For each code unit of `text`: where the original cluster it came from starts… */
  from: number[];
  /** …and ends (exclusive). */
  to: number[];
}

const FORMAT = /^\p{Cf}$/u;
const MARK = /^\p{M}$/u;
const SPACE = /^\s$/u;
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
  if (FORMAT.test(ch)) return '';
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
    if (i - start === 1 && code < 0x80) plain = code === 9 || code === 10 || code === 11 || code === 12 || code === 13 ? ' ' : original[start]!;
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

/** A run of digits in the copy, as one group of a written number. */
export interface DigitGroup {
  /** Span in the copy; includes a "+" before, and the brackets of an area code. */
  start: number;
  end: number;
  digits: string;
  /** Written after "+": an international prefix follows. */
  plus: boolean;
  /** Inside brackets: an area code, "(42)", "(0-42)", "(+48)". */
  paren: boolean;
  /** The copy's text between the group before and this one ('' for the first). */
  joiner: string;
}

// What may stand between two groups of one written number: up to three spaces
// (a line break or a tab became a space), a dash with or without spaces, a dot,
// a slash, a comma, a colon. ", " ends the number: that is a list.
const JOINER = /^(?: {1,3}| {0,2}- {0,2}|[./,:]|)$/;
// An area code in brackets, or the country code: "(42)", "(042)", "(0-42)", "(+48)", "(0048)".
const AREA_CODE = /\((\+48|0048|0[ -]?\d{2}|\d{2})\)/y;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * The copy read as chains of digit groups: the digits of one chain are joined
 * only by JOINERs, so "600 700 800" is one chain of three groups and
 * "12, 15, 18" three chains. A "+" always starts a new chain.
 */
export function digitChains(text: string): DigitGroup[][] {
  const chains: DigitGroup[][] = [];
  let chain: DigitGroup[] = [];
  const add = (group: Omit<DigitGroup, 'joiner'>) => {
    const last = chain[chain.length - 1];
    const joiner = last ? text.slice(last.end, group.start) : '';
    if (last && (group.plus || joiner.length > 7 || !JOINER.test(joiner) || (joiner === '' && !group.paren && !last.paren))) {
      chains.push(chain);
      chain = [];
    }
    chain.push({ ...group, joiner: chain.length ? joiner : '' });
  };
  let p = 0;
  while (p < text.length) {
    if (isDigit(text.charCodeAt(p))) {
      let q = p + 1;
      while (q < text.length && isDigit(text.charCodeAt(q))) q++;
      const plus = text[p - 1] === '+' && !isDigit(text.charCodeAt(p - 2));
      add({ start: plus ? p - 1 : p, end: q, digits: text.slice(p, q), plus, paren: false });
      p = q;
      continue;
    }
    AREA_CODE.lastIndex = p;
    const area = text[p] === '(' ? AREA_CODE.exec(text) : null;
    if (!area) {
      p++;
      continue;
    }
    const inner = area[1]!;
    const end = p + area[0].length;
    const parts = inner.replace('+', '').split(/[ -]/);
    if (parts.length === 1) add({ start: p, end, digits: parts[0]!, plus: inner.startsWith('+'), paren: true });
    else {
      add({ start: p, end: p + 2, digits: parts[0]!, plus: false, paren: true });
      add({ start: end - 3, end, digits: parts[1]!, plus: false, paren: true });
    }
    p = end;
  }
  if (chain.length) chains.push(chain);
  return chains;
}
