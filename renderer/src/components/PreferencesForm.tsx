import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HOTKEY_ACTIONS, LANGUAGES, PreferencesSchema, type HotkeyAction, type Preferences } from '../../../shared/preferences';
import { errorMessage, getApi, isDesktop } from '../api/instance';
import { i18n } from '../i18n';
import { fieldErrors } from '../field-errors';
import { useAppStore } from '../stores/app-store';
import { FormFooter } from './FormFooter';

/**
 * The clerk's preferences: language, text size, the hints' timings and, on
 * the desktop, the overlay and its global hotkeys. A hotkey is set by
 * pressing it in its field; one the system refuses is reported and the
 * previous one kept.
 */
export function PreferencesForm() {
  const { t } = useTranslation();
  const saved = useAppStore((s) => s.preferences);
  const hotkeyProblems = useAppStore((s) => s.hotkeyProblems);
  const [values, setValues] = useState<Preferences>(saved);
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const desktop = isDesktop();

  const set = <K extends keyof Preferences>(key: K, value: Preferences[K]) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = PreferencesSchema.safeParse(values);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setProblem(null);
    setSaving(true);
    try {
      const result = await getApi().savePreferences(parsed.data);
      useAppStore.getState().preferencesSaved(result.preferences, result.hotkeyProblems);
      setValues(result.preferences);
      // Said in the language just chosen, not the one the form was drawn in.
      useAppStore.getState().showToast(i18n.t('preferences.saved'));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setSaving(false);
    }
  }

  const number = (key: 'longCallMinutes' | 'clientWaitMinutes', max: number) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`preferences.${key}`)}</label>
      <input
        id={`${id}-${key}`}
        type="number"
        inputMode="numeric"
        min={1}
        max={max}
        value={values[key]}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${id}-${key}-error` : undefined}
        onChange={(e) => set(key, Number(e.target.value))}
      />
      {errors[key] && (
        <p className="field-error" id={`${id}-${key}-error`}>
          {t('preferences.errors.minutes', { max })}
        </p>
      )}
    </div>
  );
  const toggle = (key: 'largeText' | 'transparent' | 'startHidden' | 'startAtLogin' | 'compact') => (
    <label className="check-row">
      <input type="checkbox" checked={values[key]} onChange={(e) => set(key, e.target.checked)} />
      <span>{t(`preferences.${key}`)}</span>
    </label>
  );

  return (
    <form className="card preferences" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('preferences.title')}</h2>
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
      <div className="field-row">
        {number('longCallMinutes', 60)}
        {number('clientWaitMinutes', 30)}
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
      <FormFooter problem={problem} saving={saving} saveLabel={t('preferences.save')} savingLabel={t('preferences.saving')} />
    </form>
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
        onFocus={() => void getApi().suspendHotkeys({ suspended: true }).catch(() => undefined)}
        onBlur={() => void getApi().suspendHotkeys({ suspended: false }).catch(() => undefined)} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} />
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
