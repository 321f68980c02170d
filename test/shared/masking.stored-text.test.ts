import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALLBACK_REFERENCE_MAX_LENGTH, STORED_NOTE_MAX_LENGTH } from '../../shared/call-machine';
import { maskIdentifiers } from '../../shared/masking';
import { storedCallbackReference, storedNote } from '../../shared/stored-text';
import { POLISH_WORDS } from './arbitraries';
import { spelledEmail, spelledNrb, spelledPesel, spelledPhone } from './masking.arbitraries';

/**
 * The one function per field that gives what the record holds and what the
 * previews show (WrapUpView, CallbackPicker): trimmed, masked, cut.
 */
const fields = [
  { name: 'storedNote', stored: storedNote, max: STORED_NOTE_MAX_LENGTH },
  { name: 'storedCallbackReference', stored: storedCallbackReference, max: 2 * CALLBACK_REFERENCE_MAX_LENGTH },
];

const leaks = (text: string) => /\p{Nd}/u.test(text.normalize('NFKC').replace(/\p{Cf}/gu, ''));

describe.each(fields)('$name', ({ stored, max }) => {
  it('trims, then masks exactly as maskIdentifiers does when the text fits', () => {
    expect(stored('  \n Oddzwonić jutro, PESEL 44051401359.  ')).toEqual({ text: 'Oddzwonić jutro, PESEL [PESEL].', counts: { pesel: 1 } });
    expect(stored('   ')).toEqual({ text: '', counts: {} });
    fc.assert(
      fc.property(fc.string({ maxLength: max, unit: 'grapheme-composite' }), (text) => {
        const trimmed = text.trim();
        fc.pre(trimmed.length <= max);
        const expected = maskIdentifiers(trimmed);
        expect(stored(text)).toEqual({ text: expected.text.slice(0, max), counts: expected.counts });
      }),
      { numRuns: 1000 },
    );
  });

  it('never leaves part of an identifier that runs over the length cut', () => {
    const identifier = fc.oneof(spelledPesel, spelledNrb, spelledPhone).map((w) => w.text);
    fc.assert(
      fc.property(identifier, fc.integer({ min: 1, max: 40 }), fc.constantFrom(...POLISH_WORDS), (id, overlap, word) => {
        // Words up to just before the cut, then the identifier across it.
        const lead = `${word} `.repeat(max).slice(0, Math.max(0, max - Math.min(overlap, id.length - 1)));
        const result = stored(`${lead.replace(/\s+$/, '')} ${id} ${word}`);
        expect(result.text.length).toBeLessThanOrEqual(max);
        expect(leaks(result.text), JSON.stringify(result.text.slice(-60))).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('an address running over the cut does not leave its first part', () => {
    fc.assert(
      fc.property(spelledEmail, fc.integer({ min: 1, max: 30 }), (email, overlap) => {
        const lead = 'a '.repeat(max).slice(0, max - Math.min(overlap, email.text.length - 1) - 1);
        // The address is kept whole up to its end, masked, and the cut falls in its token.
        expect(stored(`${lead} ${email.text} koniec`)).toEqual({ text: `${lead} [e-mail]`.slice(0, max), counts: { email: 1 } });
      }),
      { numRuns: 1000 },
    );
  });

  it('whatever is typed, the result fits the record', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3 * max, unit: 'binary' }), (text) => {
        expect(stored(text).text.length).toBeLessThanOrEqual(max);
      }),
      { numRuns: 1000 },
    );
  });
});
