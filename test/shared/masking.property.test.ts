import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIdCard, isValidNrb, isValidPesel } from '../../shared/masking/identifiers';
import { MASK_TOKENS, maskIdentifiers, type MaskKind } from '../../shared/masking/masking';
import {
  documentNumber,
  emailAddress,
  harmlessNumber,
  idCardCheck,
  passportNumber,
  peselCheck,
  POLISH_WORDS,
  textAfter,
  textBefore,
  validNrb,
  validIdCard,
  validPesel,
  writtenIdCard,
  writtenNip,
  writtenNrb,
  writtenPhone,
} from './arbitraries';

const RUNS = { numRuns: 1000 };

/** Asserts that `raw`, between `before` and `after`, becomes exactly one `kind` token. */
function expectMaskedAs(before: string, raw: string, after: string, kind: MaskKind) {
  const result = maskIdentifiers(before + raw + after);
  expect(result.text).toBe(before + MASK_TOKENS[kind] + after);
  expect(result.counts).toEqual({ [kind]: 1 });
}

describe('maskIdentifiers: identifiers in a note never survive', () => {
  it('replaces every valid PESEL (any century) by [PESEL], wherever it stands in the text', () => {
    fc.assert(
      fc.property(textBefore, validPesel, textAfter, (before, pesel, after) => {
        expectMaskedAs(before, pesel, after, 'pesel');
        expect(maskIdentifiers(before + pesel + after).text).not.toMatch(/\d/);
      }),
      RUNS,
    );
  });

  it('masks Polish phone numbers in every written form (3-3-3, 2-3-2-2, +48, 0048, 48)', () => {
    const beforePhone = textBefore;
    fc.assert(
      fc.property(beforePhone, writtenPhone, textAfter, (before, { nine, written }, after) => {
        const result = maskIdentifiers(before + written + after);
        expect(result.text).not.toMatch(/\d/);
        expect(result.text.startsWith(before)).toBe(true);
        expect(result.text.endsWith(after)).toBe(true);
        // A bare "48" written together with the nine digits makes 11 digits in a
        // row; the PESEL rule runs first, so a valid PESEL checksum wins. After
        // "+" the digits are a phone number.
        const asPesel = /^48\d{9}$/.test(written) && isValidPesel(`48${nine}`);
        if (asPesel) expect(result.counts).toEqual({ pesel: 1 });
        else expectMaskedAs(before, written, after, 'phone');
      }),
      RUNS,
    );
  });

  it('masks account numbers (NRB / IBAN) with or without spaces and "PL", even with a wrong checksum', () => {
    fc.assert(
      fc.property(textBefore, writtenNrb, textAfter, (before, account, after) => {
        expectMaskedAs(before, account, after, 'account');
      }),
      RUNS,
    );
  });

  it('the generated account numbers really are valid NRBs (sanity check of the generator)', () => {
    fc.assert(fc.property(validNrb, (nrb) => isValidNrb(nrb)), RUNS);
  });

  it('masks valid NIPs, plain or hyphenated', () => {
    fc.assert(
      fc.property(textBefore, writtenNip, textAfter, (before, nip, after) => {
        expectMaskedAs(before, nip, after, 'nip');
      }),
      RUNS,
    );
  });

  it('masks e-mail addresses', () => {
    fc.assert(
      fc.property(textBefore, emailAddress, textAfter, (before, email, after) => {
        expectMaskedAs(before, email, after, 'email');
        expect(maskIdentifiers(before + email + after).text).not.toContain('@');
      }),
      RUNS,
    );
  });

  it('the generators make real identifiers: their check digits agree with published examples and the app', () => {
    // PESEL 44051401359 and ID card ABA300000 are the usual published examples.
    expect(peselCheck('4405140135')).toBe(9);
    expect(idCardCheck('ABA', '00000')).toBe(3);
    fc.assert(fc.property(validPesel, (pesel) => isValidPesel(pesel)), RUNS);
    fc.assert(fc.property(validIdCard, (id) => isValidIdCard(id)), RUNS);
  });

  it('masks every valid ID card number (correct check digit), in capitals together or apart, or together in any case', () => {
    fc.assert(
      fc.property(textBefore, writtenIdCard, textAfter, (before, doc, after) => {
        expectMaskedAs(before, doc, after, 'idCard');
        expect(maskIdentifiers(before + doc + after).text).not.toMatch(/\d/);
      }),
      RUNS,
    );
  });

  it('masks passport numbers', () => {
    fc.assert(
      fc.property(textBefore, passportNumber, textAfter, (before, doc, after) => {
        expectMaskedAs(before, doc, after, 'idCard');
      }),
      RUNS,
    );
  });

  it('masks several identifiers in one note and counts each kind', () => {
    const identifier = fc.oneof(
      validPesel.map((raw) => ({ raw, kind: 'pesel' as const })),
      writtenNip.map((raw) => ({ raw, kind: 'nip' as const })),
      writtenNrb.map((raw) => ({ raw, kind: 'account' as const })),
      emailAddress.map((raw) => ({ raw, kind: 'email' as const })),
      documentNumber.map((raw) => ({ raw, kind: 'idCard' as const })),
      // Phones with a separator after any prefix, so no 11-digit run can pass for a PESEL.
      writtenPhone.filter(({ written }) => !/^\+?48\d{9}$/.test(written)).map(({ written }) => ({ raw: written, kind: 'phone' as const })),
    );
    const word = fc.constantFrom(...POLISH_WORDS);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, identifier), { minLength: 1, maxLength: 6 }), word, (parts, last) => {
        const note = parts.map(([w, id]) => `${w} ${id.raw}`).join(', ') + ` ${last}`;
        const expectedText = parts.map(([w, id]) => `${w} ${MASK_TOKENS[id.kind]}`).join(', ') + ` ${last}`;
        const expectedCounts: Partial<Record<MaskKind, number>> = {};
        for (const [, id] of parts) expectedCounts[id.kind] = (expectedCounts[id.kind] ?? 0) + 1;
        const result = maskIdentifiers(note);
        expect(result.text).toBe(expectedText);
        expect(result.counts).toEqual(expectedCounts);
      }),
      RUNS,
    );
  });
});

describe('maskIdentifiers: ordinary numbers are left alone', () => {
  it('never changes dates, times, durations, amounts or numbers below 1,000,000 between words', () => {
    const word = fc.constantFrom(...POLISH_WORDS);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), harmlessNumber), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('', '.', ','),
        (parts, end) => {
          // A three-letter word and six digits with a valid ID-card checksum
          // ("dla 270829", also "tel. 206039": punctuation may stand between
          // now) is an ID card number: a valid checksum always masks.
          fc.pre(!parts.some(([words, n]) => /^\d{6}(?!\d)/.test(n) && isValidIdCard(words[words.length - 1]!.replace(/\P{L}/gu, '') + n.slice(0, 6))));
          const note = parts.map(([words, n]) => `${words.join(' ')} ${n}`).join(', ') + end;
          const result = maskIdentifiers(note);
          expect(result.text).toBe(note);
          expect(result.counts).toEqual({});
        },
      ),
      RUNS,
    );
  });

  it('masks 11-digit numbers with a wrong PESEL checksum as numbers: they may be a mistyped PESEL', () => {
    const invalid11 = fc
      .array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 })
      .map((d) => d.join(''))
      .filter((n) => !isValidPesel(n) && !n.startsWith('48'));
    fc.assert(
      fc.property(textBefore, invalid11, textAfter, (before, n, after) => {
        const note = before + n + after;
        expect(maskIdentifiers(note)).toEqual({ text: `${before}[numer]${after}`, counts: { number: 1 } });
      }),
      RUNS,
    );
  });

  it('masking is idempotent: a masked note has nothing left to mask', () => {
    const piece = fc.oneof(
      fc.constantFrom(...POLISH_WORDS),
      harmlessNumber,
      validPesel,
      writtenNip,
      writtenNrb,
      emailAddress,
      documentNumber,
      writtenPhone.map((p) => p.written),
    );
    fc.assert(
      // Pieces are separated by a word: two numbers separated only by a space
      // count as one longer run of digits (see the doubtful cases in masking.test.ts).
      fc.property(fc.array(fc.tuple(piece, fc.constantFrom(...POLISH_WORDS)), { maxLength: 10 }), (pieces) => {
        const once = maskIdentifiers(pieces.flat().join(' ')).text;
        expect(maskIdentifiers(once)).toEqual({ text: once, counts: {} });
      }),
      RUNS,
    );
  });
});
