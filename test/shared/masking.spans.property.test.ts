import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIdentifiers, isPlainProse, MASK_TOKENS, maskIdentifiers, replaceIdentifiers } from '../../shared/masking/masking';
import { POLISH_WORDS } from './arbitraries';
import {
  caseSignature,
  datePair,
  dateTime,
  FORMAT_CHARS,
  numberList,
  SEPARATORS,
  spacedAmount,
  spelledEmail,
  spelledIdCard,
  spelledLandline,
  spelledNip,
  spelledNrb,
  spelledPassport,
  spelledPesel,
  spelledPhone,
} from './masking.arbitraries';

/**
 * Whatever is not an identifier is stored exactly as typed, byte for byte:
 * the output is the input with some non-empty spans replaced by tokens.
 */
const TOKENS = Object.values(MASK_TOKENS);

/**
 * Whether `output` can be read as `input` with some non-empty spans replaced
 * by mask tokens, everything else character for character (a token may also
 * be text the clerk typed). Dynamic programming over (output position, input
 * position), from the ends: same[o][i] = output from o matches input from i.
 */
function isInputWithSpansMasked(input: string, output: string): boolean {
  const n = input.length;
  const rows: Uint8Array[] = new Array(output.length + 1);
  // anyFrom[o][i]: some j >= i with rows[o][j] set (a masked span may end anywhere after i).
  const anyFrom: Uint8Array[] = new Array(output.length + 1);
  for (let o = output.length; o >= 0; o--) {
    const row = new Uint8Array(n + 1);
    for (let i = n; i >= 0; i--) {
      if (o === output.length) row[i] = i === n ? 1 : 0;
      else {
        let ok = i < n && output[o] === input[i] && rows[o + 1]![i + 1] === 1;
        for (const token of TOKENS) {
          if (ok) break;
          if (output.startsWith(token, o) && i < n) ok = anyFrom[o + token.length]![i + 1] === 1;
        }
        row[i] = ok ? 1 : 0;
      }
    }
    const any = new Uint8Array(n + 2);
    for (let i = n; i >= 0; i--) any[i] = row[i] || any[i + 1]!;
    rows[o] = row;
    anyFrom[o] = any;
  }
  return rows[0]![0] === 1;
}

const piece = fc.oneof(
  fc.constantFrom(...POLISH_WORDS, ...SEPARATORS, ...FORMAT_CHARS, ...TOKENS, ',', '(', ')', '+', '@', ':', 'PL', 'kropka', ' at ', 'zł'),
  fc.string({ maxLength: 6, unit: 'grapheme' }),
  fc.string({ maxLength: 4, unit: 'binary' }),
  fc.integer({ min: 0, max: 999_999 }).map(String),
  fc.constantFrom('ﬁ', '½', '㉑', 'Ａｂｃ', '１２３', 'é', 'e\u0301', 'ﾃﾞ', '\u0664\u0665', 'Ⅻ', '²'),
  spelledPesel.map((w) => w.text),
  spelledNip.map((w) => w.text),
  spelledNrb.map((w) => w.text),
  spelledPhone.map((w) => w.text),
  spelledLandline.map((w) => w.text),
  spelledIdCard.map((w) => w.text),
  spelledPassport.map((w) => w.text),
  spelledEmail.map((w) => w.text),
  datePair,
  dateTime,
  spacedAmount,
  numberList,
  caseSignature,
);

describe('maskIdentifiers: everything outside the masked spans is kept as typed', () => {
  it('the check itself: accepts a masked copy, rejects any other change', () => {
    expect(isInputWithSpansMasked('PESEL 44051401359.', 'PESEL [PESEL].')).toBe(true);
    expect(isInputWithSpansMasked('a 1 b 2', '[numer] b [numer]')).toBe(true);
    expect(isInputWithSpansMasked('Ａ 1', 'A [numer]')).toBe(false);
    expect(isInputWithSpansMasked('a 1', 'a [numer] ')).toBe(false);
    expect(isInputWithSpansMasked('a  1', 'a [numer]')).toBe(true);
    expect(isInputWithSpansMasked('a', 'a[numer]')).toBe(false);
  });

  it('for any text, the output is the input with some spans replaced by tokens', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(fc.constantFrom('', ' ', '  ', '\n'), { minLength: 12, maxLength: 12 }), (pieces, glue) => {
        const input = pieces.map((p, i) => p + glue[i]).join('');
        const output = maskIdentifiers(input).text;
        expect(isInputWithSpansMasked(input, output), JSON.stringify({ input, output })).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps full-width letters, ligatures, combining accents and odd dashes exactly as typed', () => {
    const note = 'Ｋlient ﬁrma, e\u0301, 10\u201312 osób, ½ etatu, ＡＢＣ, PESEL 44051401359.';
    expect(maskIdentifiers(note).text).toBe('Ｋlient ﬁrma, e\u0301, 10\u201312 osób, ½ etatu, ＡＢＣ, PESEL [PESEL].');
  });
});

describe('plain prose, masked without being read twice', () => {
  it('property: a text the shortcut calls plain prose is one the full rules leave as it is', () => {
    const prose = fc.string({ unit: fc.constantFrom(...'aąbcćdeęfghijklłmnńoóprsśtuwyzźżAĄĆĘŁŃÓŚŹŻxvq .,;:!?()"\'„”«»-–—/[]\n\tàéü'.split('')), maxLength: 300 });
    fc.assert(
      fc.property(prose, (text) => {
        if (!isPlainProse(text)) return;
        expect(replaceIdentifiers(text, findIdentifiers(text)).text).toBe(text);
      }),
      { numRuns: 5_000 },
    );
  });

  it('anything that could hold an identifier is not prose: a digit of any script, an @ of any width, a word for it', () => {
    for (const text of ['Jan 5', 'tel. ٦٠١', 'jan＠wp.pl', 'jan﹫wp.pl', 'jan (at) wp kropka pl', 'jan małpa wp', 'JAN MALPA WP', '① drugi', 'x²', 'ｐｅｓｅｌ']) expect(isPlainProse(text)).toBe(false);
  });
});
