import { z } from 'zod';
import { lowerCaseUuid } from '../journal/ids';
import { readOutPolishNumber } from '../polish/phone-number';
import { tidyText } from '../settings/profile';

/**
 * Whom to call back: the number to dial, the name as it will be said, the
 * case's reference. A callback without them cannot be acted on, yet none of
 * them may go where the journal goes (the team folder, an export, a lead's
 * register): they are kept in a store of their own on this computer only,
 * removed when the callback's call is saved or the callback is called off,
 * and purged a set number of days after the callback was due.
 */
export const CONTACT_LIMITS = { phone: 40, name: 120, spokenName: 160, caseRef: 60 } as const;

/** How many days after its time a callback's contact is purged, unless the settings say otherwise. */
export const DEFAULT_CONTACT_KEEP_DAYS = 14;
export const MAX_CONTACT_KEEP_DAYS = 90;

export const HONORIFICS = ['pan', 'pani'] as const;
export type Honorific = (typeof HONORIFICS)[number];

export const CONTACT_PROBLEMS = ['phoneRequired', 'phoneInvalid', 'nameInvalid', 'caseRefInvalid', 'tooLong'] as const;
export type ContactProblem = (typeof CONTACT_PROBLEMS)[number];

/** What a typed field may never hold: it is shown on a page and read aloud, never run. */
const MARKUP = /[<>{}]|javascript:/iu;
/** Control and formatting characters (a right-to-left override, a NUL, a bell): they change what is shown, never what is meant. White space is tidied, not refused. */
const HIDDEN = /(?![\t\n\r])[\p{Cc}\p{Cf}]/u;
/** A number as people write it: digits, a leading "+", spaces, dashes, dots, slashes and brackets between them. */
const PHONE_CHARS = /^\(?\+?[\d\s().\-/]+$/u;
const NAME_CHARS = /^[\p{L}\p{M}]+(?:[ '’.-]+[\p{L}\p{M}]+)*\.?$/u;

/**
 * The number to dial, tidied for reading out and typing into a phone: a
 * Polish number as "600 700 800" or "42 123 45 67" (landlines), with "+48"
 * or a trunk "0" dropped; another country's kept with its "+" in the groups
 * it was typed in. Null when it is not a number a phone can dial.
 */
export function tidyPhone(typed: string): string | null {
  const value = typed.normalize('NFKC').trim();
  if (value === '' || value.length > CONTACT_LIMITS.phone || !PHONE_CHARS.test(value)) return null;
  const international = /^\(?(?:\+|00)/u.test(value);
  let digits = value.replace(/\D/gu, '');
  if (/^\(?00/u.test(value)) digits = digits.slice(2);
  // "+48", "0048" or a bare "48" before nine digits is Poland's code; with "+48" nothing else will do.
  // "+48 (0) 42 …": the trunk zero some still write after the country's code.
  if (digits.startsWith('48') && (digits.length === 11 || (digits.length === 12 && digits[2] === '0'))) digits = digits.slice(digits.length - 9);
  else if (international && digits.startsWith('48')) return null;
  else if (international) {
    // Another country's number is kept in the groups it was given in: its owner knows how it is read. No country code starts with 0.
    if (digits.length < 7 || digits.length > 15 || digits.startsWith('0')) return null;
    const given = value.replace(/^\(?(?:\+|00)/u, '').split(/\D+/u).filter(Boolean);
    return `+${given.join(' ')}`;
  }
  if (digits.length === 10 && digits.startsWith('0')) digits = digits.slice(1);
  return readOutPolishNumber(digits);
}

export const CallbackContactInputSchema = z
  .object({
    phone: z.string().max(4 * CONTACT_LIMITS.phone),
    name: z.string().max(4 * CONTACT_LIMITS.name),
    honorific: z.enum(HONORIFICS).nullable(),
    /** The name as the clerk will say it ("Panem Janem Kowalskim"), when the clerk corrected what the app declined. */
    spokenName: z.string().max(4 * CONTACT_LIMITS.spokenName).nullable(),
    caseRef: z.string().max(4 * CONTACT_LIMITS.caseRef),
  })
  .strict();
export type CallbackContactInput = z.infer<typeof CallbackContactInputSchema>;

/** Nothing typed yet. */
export const EMPTY_CONTACT: CallbackContactInput = { phone: '', name: '', honorific: null, spokenName: null, caseRef: '' };

export interface CallbackContact {
  phone: string;
  name: string | null;
  honorific: Honorific | null;
  spokenName: string | null;
  caseRef: string | null;
}

export type ContactCheck = { ok: true; contact: CallbackContact } | { ok: false; problems: Partial<Record<keyof CallbackContactInput, ContactProblem>> };

/** Checks and tidies what the clerk typed; every field with a problem gets exactly one. */
export function checkContact(input: CallbackContactInput): ContactCheck {
  const problems: Partial<Record<keyof CallbackContactInput, ContactProblem>> = {};
  const phone = tidyPhone(input.phone);
  if (input.phone.trim() === '') problems.phone = 'phoneRequired';
  else if (phone === null) problems.phone = 'phoneInvalid';
  const name = tidyText(input.name);
  if (name.length > CONTACT_LIMITS.name) problems.name = 'tooLong';
  else if (name !== '' && (MARKUP.test(name) || !NAME_CHARS.test(name))) problems.name = 'nameInvalid';
  const spokenName = input.spokenName === null ? '' : tidyText(input.spokenName);
  if (spokenName.length > CONTACT_LIMITS.spokenName) problems.spokenName = 'tooLong';
  else if (spokenName !== '' && (MARKUP.test(spokenName) || !NAME_CHARS.test(spokenName))) problems.spokenName = 'nameInvalid';
  const caseRef = tidyText(input.caseRef);
  if (caseRef.length > CONTACT_LIMITS.caseRef) problems.caseRef = 'tooLong';
  else if (MARKUP.test(caseRef) || HIDDEN.test(input.caseRef)) problems.caseRef = 'caseRefInvalid';
  if (Object.keys(problems).length > 0 || phone === null) return { ok: false, problems };
  return {
    ok: true,
    contact: {
      phone,
      name: name || null,
      honorific: input.honorific,
      spokenName: spokenName || null,
      caseRef: caseRef || null,
    },
  };
}

/** A kept contact: whom to call for one callback, and until when it may be kept. */
export const StoredContactSchema = z.object({
  callbackId: lowerCaseUuid(),
  phone: z.string().min(1).max(CONTACT_LIMITS.phone),
  name: z.string().max(CONTACT_LIMITS.name).nullable(),
  honorific: z.enum(HONORIFICS).nullable(),
  spokenName: z.string().max(CONTACT_LIMITS.spokenName).nullable(),
  caseRef: z.string().max(CONTACT_LIMITS.caseRef).nullable(),
  /** When the callback is (now) due: the purge counts from it. */
  dueAt: z.string().datetime(),
  /** When it was written: a contact of a call whose save did not land is let go only after a while. */
  storedAt: z.string().datetime(),
});
export type StoredContact = z.infer<typeof StoredContactSchema>;

const DAY_MS = 24 * 3600_000;
/** A contact is written just before its call; one whose callback is not (yet) in the journal is kept this long. */
export const ORPHAN_GRACE_MS = 10 * 60_000;

/**
 * Which contacts go: those whose callback was due more than `keepDays` days
 * ago, and those whose callback is no longer open (kept, called off, or
 * never saved) — the last only after a grace, since a contact is written a
 * moment before the call that agrees its callback.
 */
export function contactsToDrop(contacts: readonly StoredContact[], openIds: ReadonlySet<string>, now: number, keepDays: number): Set<string> {
  const drop = new Set<string>();
  for (const c of contacts) {
    const due = Date.parse(c.dueAt);
    if (Number.isNaN(due) || now > due + keepDays * DAY_MS) drop.add(c.callbackId);
    else if (!openIds.has(c.callbackId) && now - Date.parse(c.storedAt) > ORPHAN_GRACE_MS) drop.add(c.callbackId);
  }
  return drop;
}
