import { useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_CONTACT_KEEP_DAYS } from '../../../shared/callbacks/callback-contact';
import { HOTKEY_ACTIONS, LANGUAGES, PreferencesSchema, type HotkeyAction, type Preferences } from '../../../shared/settings/preferences';
import { errorMessage } from '../api/error-message';
import { settingsActions } from './settings-store';
import { isDesktop } from '../api/platform';
import { fieldErrors } from '../ui/field-errors';
import { useAppStore } from '../desk/app-store';
import { editSection, forgetSettingsEdits, sameValue, SectionTitle, useSectionEdits, useSettingsSection } from './settings-form';

type NumberKey = 'longCallMinutes' | 'clientWaitMinutes' | 'callbackContactDays';

/**
 * The clerk's preferences: language, text size, the hints' timings, how long
 * a callback's contact details are kept, the office's published phone
 * number for the outbound scripts and, on the desktop, the overlay and its
 * global hotkeys. A hotkey is set by pressing it in its field; one the
 * system refuses is reported and the previous one kept.
 */
export function PreferencesForm() {
  const { t } = useTranslation();
  const saved = useAppStore((s) => s.preferences);
  const hotkeyProblems = useAppStore((s) => s.hotkeyProblems);
  const edits = useSectionEdits<Preferences>('preferences');
  const values: Preferences = { ...saved, ...edits };
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const id = useId();
  const desktop = isDesktop();

  const set = <K extends keyof Preferences>(key: K, value: Preferences[K]) => editSection<Preferences>('preferences', { [key]: value } as Partial<Preferences>);

  const changed = useSettingsSection('preferences', {
    changed() {
      const parsed = PreferencesSchema.safeParse(values);
      return !parsed.success || !sameValue(parsed.data, saved);
    },
    validate() {
      const parsed = PreferencesSchema.safeParse(values);
      setErrors(parsed.success ? {} : fieldErrors(parsed.error));
      setProblem(null); // a new try: what the last one said no longer stands
      return parsed.success;
    },
    async save() {
      const parsed = PreferencesSchema.safeParse(values);
      if (!parsed.success) return { ok: false };
      setProblem(null);
      try {
        const result = await settingsActions.savePreferences(parsed.data);
        useAppStore.getState().preferencesSaved(result.preferences, result.hotkeyProblems);
        forgetSettingsEdits('preferences');
        return { ok: true };
      } catch (error) {
        setProblem(error);
        return { ok: false };
      }
    },
  });

  const number = (key: NumberKey, max: number, hint?: string) => {
    const error = errors[key];
    const describedBy = [hint ? `${id}-${key}-hint` : null, error ? `${id}-${key}-error` : null].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`${id}-${key}`}>{t(`preferences.${key}`)}</label>
        <input
          id={`${id}-${key}`}
          type="number"
          inputMode="numeric"
          min={1}
          max={max}
          value={values[key]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => set(key, Number(e.target.value))}
        />
        {hint && (
          <p className="field-hint" id={`${id}-${key}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${id}-${key}-error`}>
            {t(key === 'callbackContactDays' ? 'preferences.errors.days' : 'preferences.errors.minutes', { max })}
          </p>
        )}
      </div>
    );
  };
  const toggle = (key: 'largeText' | 'transparent' | 'startHidden' | 'startAtLogin' | 'compact' | 'directoryEditor') => (
    <label className="check-row">
      <input type="checkbox" checked={values[key]} onChange={(e) => set(key, e.target.checked)} />
      <span>{t(`preferences.${key}`)}</span>
    </label>
  );

  return (
    <section className="card preferences" aria-labelledby={`${id}-title`}>
      <SectionTitle id={`${id}-title`} title={t('preferences.title')} changed={changed} />
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('preferences.language')}</label>
        <select id={`${id}-language`} value={values.language} onChange={(e) => set('language', e.target.value as Preferences['language'])}>
          {LANGUAGES.map((language) => (
            <option key={language} value={language} lang={language}>
              {t(`preferences.languages.${language}`)}
            </option>
          ))}
        </select>
      </div>
      {toggle('largeText')}
      {toggle('directoryEditor')}
      <div className="field-row">
        {number('longCallMinutes', 60)}
        {number('clientWaitMinutes', 30)}
      </div>
      {number('callbackContactDays', MAX_CONTACT_KEEP_DAYS, t('preferences.callbackContactDaysHint'))}
      <div className="field">
        <label htmlFor={`${id}-officePhone`}>{t('preferences.officePhone')}</label>
        <input
          id={`${id}-officePhone`}
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="42 123 45 67"
          value={values.officePhone ?? ''}
          aria-invalid={errors.officePhone ? true : undefined}
          aria-describedby={`${id}-officePhone-hint${errors.officePhone ? ` ${id}-officePhone-error` : ''}`}
          onChange={(e) => set('officePhone', e.target.value)}
        />
        <p className="field-hint" id={`${id}-officePhone-hint`}>
          {t('preferences.officePhoneHint')}
        </p>
        {errors.officePhone && (
          <p className="field-error" id={`${id}-officePhone-error`}>
            {t('preferences.errors.officePhone')}
          </p>
        )}
      </div>
      {desktop && (
        <fieldset className="field">
          <legend>{t('preferences.overlay')}</legend>
          {toggle('compact')}
          {toggle('transparent')}
          {toggle('startHidden')}
          {toggle('startAtLogin')}
        </fieldset>
      )}
      {desktop && (
        <fieldset className="field hotkeys">
          <legend>{t('preferences.hotkeys')}</legend>
          <p className="field-hint">{t('preferences.hotkeysHint')}</p>
          {HOTKEY_ACTIONS.map((action) => (
            <HotkeyField
              key={action}
              id={`${id}-hotkey-${action}`}
              action={action}
              value={values.hotkeys[action]}
              error={errors[`hotkeys.${action}`] ?? null}
              refused={hotkeyProblems.find((p) => p.action === action)?.refused ?? null}
              onChange={(value) => set('hotkeys', { ...values.hotkeys, [action]: value })}
            />
          ))}
        </fieldset>
      )}
      {problem !== null && (
        <p className="form-error" role="alert">
          {t('settings.sectionNotSaved', { message: errorMessage(problem, t('errors.network')) })}
        </p>
      )}
    </section>
  );
}

interface HotkeyFieldProps {
  id: string;
  action: HotkeyAction;
  value: string;
  error: string | null;
  refused: string | null;
  onChange(value: string): void;
}

/** A field that takes the combination pressed in it: "Ctrl+Alt+P" becomes CommandOrControl+Alt+P. */
function HotkeyField({ id, action, value, error, refused, onChange }: HotkeyFieldProps) {
  const { t } = useTranslation();
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Tab' || (event.key === 'Escape' && !event.ctrlKey && !event.altKey)) return; // moving on stays possible
    event.preventDefault();
    const accelerator = acceleratorOf(event);
    if (accelerator) onChange(accelerator);
  };
  const describedBy = [error ? `${id}-error` : null, refused ? `${id}-refused` : null].filter(Boolean).join(' ');
  return (
    <div className="field hotkey-field">
      <label htmlFor={id}>{t(`preferences.actions.${action}`)}</label>
      <input
        id={id}
        value={value.replace(/^(CommandOrControl|CmdOrCtrl)\+/, 'Ctrl+')}
        readOnly
        onKeyDown={onKeyDown}
        // While this field has the focus, the system lets go of the hotkeys: pressing one records it here.
        onFocus={() => settingsActions.suspendHotkeys(true)}
        onBlur={() => settingsActions.suspendHotkeys(false)} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} />
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {t(`preferences.errors.hotkey.${error}`)}
        </p>
      )}
      {refused && (
        <p className="field-error" id={`${id}-refused`}>
          {t('preferences.refused', { refused })}
        </p>
      )}
    </div>
  );
}

const KEY_NAMES: Record<string, string> = { ' ': 'Space', ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', '+': 'Plus' };

/** The Electron accelerator for a key press, or null while only modifiers are held. */
export function acceleratorOf(event: { key: string; code: string; ctrlKey: boolean; altKey: boolean; shiftKey: boolean; metaKey: boolean }): string | null {
  if (['Control', 'Alt', 'Shift', 'Meta', 'AltGraph'].includes(event.key)) return null;
  // The physical key, so Alt+letter combinations that type Polish letters (Alt+A → ą) still name the letter.
  const letter = /^Key([A-Z])$/.exec(event.code)?.[1] ?? /^Digit([0-9])$/.exec(event.code)?.[1];
  const key = letter ?? KEY_NAMES[event.key] ?? (event.key.length === 1 ? event.key.toUpperCase() : event.key);
  const parts = [event.ctrlKey || event.metaKey ? 'CommandOrControl' : null, event.altKey ? 'Alt' : null, event.shiftKey ? 'Shift' : null, key];
  return parts.filter(Boolean).join('+');
}
