import { z } from 'zod';
import { lowerCaseUuid } from '../journal/ids';

/**
 * The clerk's profile (§6 pkt 6: the greeting names the clerk, the office and
 * the unit; §7: the standard binds employees and interns alike).
 *
 * Validation messages are codes, not sentences: the renderer turns them into
 * Polish (or, later, English) text, and the HTTP/IPC layer reports them as-is.
 */
export const DEFAULT_OFFICE_NAME = 'Powiatowy Urząd Pracy w Łodzi';

export const ROLES = ['pracownik', 'stazysta'] as const;
export type Role = (typeof ROLES)[number];

export const PROFILE_LIMITS = {
  firstName: 40,
  lastName: 60,
  unit: 120,
  officeName: 120,
} as const;

export const PROFILE_ERROR_CODES = ['required', 'tooLong', 'digits', 'invalidChars', 'tooShort', 'lowercase', 'noLetters', 'markup'] as const;
export type ProfileErrorCode = (typeof PROFILE_ERROR_CODES)[number];

// Letters of any script, with the joiners names really use: a space
// ("Anna Maria"), a hyphen ("Nowak-Kowalska") and an apostrophe ("O'Neill").
const NAME_PATTERN = /^\p{L}+(?:[ '’-]\p{L}+)*$/u;
const HAS_DIGIT = /\p{Nd}/u;
const HAS_LETTER = /\p{L}/u;
const STARTS_LOWER = /^\p{Ll}/u;
/** What a page's markup or a script is written with: a name never holds these. */
const MARKUP = /[<>&{}]|javascript:/iu;
/**
 * Name particles written in lower case ("de Virion", "von Trapp", "van der
 * Berg", "di Stefano"): a name may start with them, as long as a word after
 * them starts with a capital.
 */
const PARTICLES = new Set(['de', 'di', 'da', 'del', 'della', 'der', 'den', 'des', 'du', 'la', 'le', 'van', 'von', 'zu', 'ten', 'ter', 'y', 'af', 'al', 'el', 'bin', 'ibn']);

function startsWithParticles(value: string): boolean {
  const words = value.split(/[ '’-]/u);
  let i = 0;
  while (i < words.length && PARTICLES.has(words[i]!)) i++;
  return i > 0 && i < words.length && !STARTS_LOWER.test(words[i]!);
}

/**
 * Collapses runs of white space so "  Anna  " and "Anna" are the same name,
 * and composes letters (NFC) so "ż" typed as z + combining dot is a letter.
 */
export function tidyText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

function personName(max: number) {
  return z
    .string()
    .transform(tidyText)
    .superRefine((value, ctx) => {
      const code = nameProblem(value, max);
      if (code) ctx.addIssue({ code: 'custom', message: code });
    });
}

function freeText(max: number) {
  return z
    .string()
    .transform(tidyText)
    .superRefine((value, ctx) => {
      if (value.length === 0) ctx.addIssue({ code: 'custom', message: 'required' });
      else if (value.length > max) ctx.addIssue({ code: 'custom', message: 'tooLong' });
      else if (!HAS_LETTER.test(value)) ctx.addIssue({ code: 'custom', message: 'noLetters' });
    });
}

export function nameProblem(value: string, max: number): ProfileErrorCode | null {
  if (value.length === 0) return 'required';
  if (value.length > max) return 'tooLong';
  if (MARKUP.test(value)) return 'markup';
  if (HAS_DIGIT.test(value)) return 'digits';
  if (!NAME_PATTERN.test(value)) return 'invalidChars';
  if ((value.match(/\p{L}/gu) ?? []).length < 2) return 'tooShort';
  // The greeting says the name aloud and shows it: "anna" is a typo, not a name.
  if (STARTS_LOWER.test(value) && !startsWithParticles(value)) return 'lowercase';
  return null;
}

export const ProfileInputSchema = z.object({
  firstName: personName(PROFILE_LIMITS.firstName),
  lastName: personName(PROFILE_LIMITS.lastName),
  role: z.enum(ROLES, { message: 'required' }),
  unit: freeText(PROFILE_LIMITS.unit),
  officeName: freeText(PROFILE_LIMITS.officeName),
});

export type ProfileInput = z.input<typeof ProfileInputSchema>;

/** A saved profile: the validated input plus the clerk's stable id. */
export const ProfileSchema = z.object({
  clerkId: lowerCaseUuid(),
  firstName: z.string().min(1).max(PROFILE_LIMITS.firstName),
  lastName: z.string().min(1).max(PROFILE_LIMITS.lastName),
  role: z.enum(ROLES),
  unit: z.string().min(1).max(PROFILE_LIMITS.unit),
  officeName: z.string().min(1).max(PROFILE_LIMITS.officeName),
});
export type Profile = z.infer<typeof ProfileSchema>;

export type ProfileField = keyof z.output<typeof ProfileInputSchema>;
export type ProfileErrors = Partial<Record<ProfileField, ProfileErrorCode>>;

export type ProfileValidation =
  | { ok: true; value: z.output<typeof ProfileInputSchema> }
  | { ok: false; errors: ProfileErrors };

/** Validates a profile form; every invalid field gets exactly one error code. */
export function validateProfile(input: unknown): ProfileValidation {
  const result = ProfileInputSchema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const errors: ProfileErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProfileField | undefined;
    if (field && !errors[field]) errors[field] = toErrorCode(issue.message);
  }
  return { ok: false, errors };
}

function toErrorCode(message: string): ProfileErrorCode {
  return PROFILE_ERROR_CODES.find((c) => c === message) ?? 'required';
}

export function emptyProfileInput(): ProfileInput {
  return { firstName: '', lastName: '', role: 'pracownik', unit: '', officeName: DEFAULT_OFFICE_NAME };
}
