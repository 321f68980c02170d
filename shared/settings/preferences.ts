import { z } from 'zod';
import { readOutPolishNumber } from '../polish/phone-number';
import { DEFAULT_CONTACT_KEEP_DAYS, MAX_CONTACT_KEEP_DAYS } from '../callbacks/callback-contact';

/**
 * How the clerk wants the app: language, larger text, the gentle hints'
 * timings, the office's published phone number, and — on the desktop — the
 * overlay's behaviour and its global hotkeys. Kept in settings.json; every
 * field has a default, so a settings file written before a field existed
 * still reads.
 */
export const LANGUAGES = ['pl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What a global hotkey does; the same list the tray offers. */
export const HOTKEY_ACTIONS = ['toggleWindow', 'startIncoming', 'startOutgoing', 'endCall', 'privacy'] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/**
 * Defaults chosen to stay clear of what office software takes (Ctrl+Alt and a
 * letter is rarely bound, and the same on Windows and Linux).
 */
export const DEFAULT_HOTKEYS: Record<HotkeyAction, string> = {
  toggleWindow: 'CommandOrControl+Alt+A',
  startIncoming: 'CommandOrControl+Alt+P',
  startOutgoing: 'CommandOrControl+Alt+W',
  endCall: 'CommandOrControl+Alt+Z',
  privacy: 'CommandOrControl+Alt+H',
};

const MODIFIERS = ['CommandOrControl', 'CmdOrCtrl', 'Control', 'Ctrl', 'Alt', 'Option', 'AltGr', 'Shift', 'Super', 'Meta', 'Command', 'Cmd'];
const KEY = /^(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Plus|[-=[\];',./\\`])$/;

/** Why a text is not an accelerator a global hotkey can use ("Ctrl+Alt+P"), or null when it is one. */
export function acceleratorProblem(accelerator: string): 'empty' | 'no-modifier' | 'bad-key' | null {
  const parts = accelerator.split('+').map((p) => p.trim());
  if (accelerator.trim() === '') return 'empty';
  const key = parts.at(-1)!;
  const modifiers = parts.slice(0, -1);
  // A bare key would fire while the clerk types in any other program.
  if (modifiers.length === 0 || !modifiers.every((m) => MODIFIERS.includes(m))) return 'no-modifier';
  if (!KEY.test(key)) return 'bad-key';
  return null;
}

const ALIASES: Record<string, string> = {
  commandorcontrol: 'ctrl',
  cmdorctrl: 'ctrl',
  control: 'ctrl',
  command: 'ctrl',
  cmd: 'ctrl',
  meta: 'super',
  option: 'alt',
};

/** One spelling per combination: modifiers by their one name, in one order ("Alt+Ctrl+P" = "CommandOrControl+Alt+P"). */
export function canonicalAccelerator(accelerator: string): string {
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.pop() ?? '';
  const modifiers = [...new Set(parts.map((m) => ALIASES[m] ?? m))].sort();
  return [...modifiers, key].join('+');
}

const accelerator = z.string().trim().max(60).superRefine((value, ctx) => {
  const problem = acceleratorProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const HotkeysSchema = z
  .object(Object.fromEntries(HOTKEY_ACTIONS.map((a) => [a, accelerator])) as Record<HotkeyAction, typeof accelerator>)
  .superRefine((hotkeys, ctx) => {
    const seen = new Set<string>();
    for (const action of HOTKEY_ACTIONS) {
      const normal = canonicalAccelerator(hotkeys[action]);
      if (seen.has(normal)) ctx.addIssue({ code: 'custom', path: [action], message: 'duplicate' });
      seen.add(normal);
    }
  });

/**
 * The office's published telephone number, said to a caller who wants to
 * check that the call really comes from the office, and left with someone
 * else who answers an outbound call. A Polish number: nine digits, the
 * first not 0, optionally after +48, with spaces or dashes anywhere between
 * the digits. Kept as it is read out: a landline by its area code
 * ("42 123 45 67"), any other number in threes ("600 123 456").
 */
export const OFFICE_PHONE_PROBLEM = 'Nieprawidłowy numer telefonu Urzędu: potrzeba 9 cyfr, np. 42 123 45 67 (można poprzedzić +48; spacje i myślniki są dozwolone).';

/** A Polish telephone number in the form it is read out, or null when the text is not one. */
export function normaliseOfficePhone(text: string): string | null {
  const match = /^(?:\+48[ -]*)?([0-9][0-9 -]*[0-9])$/.exec(text.trim());
  if (!match) return null;
  return readOutPolishNumber(match[1]!.replace(/[ -]/g, ''));
}

/** The office's number as typed: empty (or null) is "not known", a Polish number is kept as it is read out, anything else is refused. */
export const OfficePhoneSchema = z
  .string()
  .max(40, OFFICE_PHONE_PROBLEM)
  .nullable()
  .transform((value, ctx): string | null => {
    if (value === null || value.trim() === '') return null;
    const phone = normaliseOfficePhone(value);
    if (phone === null) {
      ctx.addIssue({ code: 'custom', message: OFFICE_PHONE_PROBLEM });
      return z.NEVER;
    }
    return phone;
  });

export const PreferencesSchema = z.object({
  language: z.enum(LANGUAGES).default('pl'),
  largeText: z.boolean().default(false),
  /** After how many minutes a call gets the gentle "invite them in" hint (§6 pkt 6). */
  longCallMinutes: z.number().int().min(1).max(60).default(5),
  /** After how many minutes a client waiting at the desk is worth a gentle warning (§6 pkt 5). */
  clientWaitMinutes: z.number().int().min(1).max(30).default(3),
  /** How many days after its time a callback's contact (number, name, case) is purged from this computer. */
  callbackContactDays: z.number().int().min(1).max(MAX_CONTACT_KEEP_DAYS).default(DEFAULT_CONTACT_KEEP_DAYS),
  /**
   * The team lead's *Katalog* tab: the editor of the office's directory and
   * glossary. Off for a clerk, whose screen it would only crowd; the files'
   * own folder rights decide who can save.
   */
  directoryEditor: z.boolean().default(false),
  /** Desktop overlay: the small view (timer, greeting, checklist) or the full one. */
  compact: z.boolean().default(true),
  transparent: z.boolean().default(false),
  startHidden: z.boolean().default(false),
  startAtLogin: z.boolean().default(false),
  hotkeys: HotkeysSchema.default(DEFAULT_HOTKEYS),
  /**
   * The office's published number for the outbound scripts; null until
   * someone fills it in. It wins over the one in resources/scripts.json; with
   * neither, the sentences that would say it are left out or said without it.
   */
  officePhone: OfficePhoneSchema.default(null),
});
export type Preferences = z.infer<typeof PreferencesSchema>;
export const DEFAULT_PREFERENCES: Preferences = PreferencesSchema.parse({});
