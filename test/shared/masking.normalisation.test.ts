import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digitChains, normalisedCopy, originalSpan } from '../../shared/masking/text-normalisation';
import { DIGIT_ZEROS, FORMAT_CHARS, SEPARATORS } from './masking.arbitraries';

/** The copy masking reads, and its map back to what was typed. */
const anyText = fc.oneof(
  fc.string({ maxLength: 40, unit: 'grapheme' }),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc
    .array(fc.constantFrom(...SEPARATORS, ...FORMAT_CHARS, 'ﬁ', '½', '㉑', 'e\u0301', 'Ａ', '１', '\u0661', '\u{1D7D7}', 'ł', '(', '+', '7'), { maxLength: 30 })
    .map((parts) => parts.join('')),
);

describe('normalisedCopy', () => {
  it('folds dashes, digits of any script, spaces and invisible characters', () => {
    expect(normalisedCopy('44\u2013\u221205\u2011\u00AD14\u200B\u00A0\u0660\u0661\u096A\uFF19\t\u{1D7D7}\r\n').text).toBe('44--05-14 0149 9  ');
    expect(normalisedCopy('ﬁ½').text).toBe('fi1\u20442');
  });

  it('every code unit of the copy maps back to a whole character of the original, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const copy = normalisedCopy(text);
        expect(copy.from).toHaveLength(copy.text.length);
        expect(copy.to).toHaveLength(copy.text.length);
        for (let k = 0; k < copy.text.length; k++) {
          expect(copy.from[k]!).toBeLessThan(copy.to[k]!);
          if (k > 0) expect(copy.from[k]!).toBeGreaterThanOrEqual(copy.from[k - 1]!);
          // The cluster alone normalises to something containing this code unit's text.
          expect(normalisedCopy(text.slice(copy.from[k], copy.to[k])).text).toContain(copy.text[k]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a span of the copy maps to the original characters it came from', () => {
    const text = 'tel. ６００\u200B７００ ８００, ﬁrma';
    const copy = normalisedCopy(text);
    const start = copy.text.indexOf('600');
    const [from, to] = originalSpan(copy, start, start + '600700 800'.length);
    expect(text.slice(from, to)).toBe('６００\u200B７００ ８００');
  });

  it('each decimal digit of the generators maps to its value', () => {
    for (const zero of DIGIT_ZEROS) {
      const digits = Array.from({ length: 10 }, (_, d) => String.fromCodePoint(zero + d)).join('');
      expect(normalisedCopy(digits).text).toBe('0123456789');
    }
  });
});

describe('digitChains', () => {
  // ", " once ended a chain; it joins groups now, as a list ("440514, 01359" is a PESEL, "12, 15" a list).
  it('joins groups by spaces, dashes, dots, slashes, area-code brackets and any short run of punctuation; "+", a letter or a long gap start a new chain', () => {
    const chains = digitChains('tel. (0-42) 123 45/67, 12, 15 +48 600 / 700 -- 800 x 1        2');
    expect(chains.map((c) => c.map((g) => g.digits))).toEqual([['0', '42', '123', '45', '67', '12', '15'], ['48', '600', '700', '800'], ['1'], ['2']]);
    expect(chains[0]!.map((g) => g.link)).toEqual(['tight', 'tight', 'tight', 'tight', 'tight', 'list', 'list']);
    expect(chains[1]!.map((g) => g.link)).toEqual(['tight', 'tight', 'loose', 'loose']);
    expect(chains[1]![0]!.plus).toBe(true);
    expect(chains[0]![0]!.paren).toBe(true);
  });

  it('reads area codes with spaces inside the brackets, and a mobile prefix in brackets', () => {
    for (const [text, digits] of [
      ['(0 - 42) 123', ['0', '42', '123']],
      ['( 042 ) 123', ['042', '123']],
      ['( +48 ) 600', ['48', '600']],
      ['+48 (600) 700', ['48', '600', '700']],
    ] as const) {
      const [chain] = digitChains(text);
      expect(chain!.map((g) => g.digits)).toEqual(digits);
      expect(chain!.map((g) => text.slice(g.start, g.end).replace(/\D/g, ''))).toEqual(digits.map((d) => (d === '48' && text.includes('+') ? '48' : d)));
    }
  });
});
