import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emptyProfileInput,
  PROFILE_LIMITS,
  ROLES,
  tidyText,
  validateProfile,
  type Profile,
  type ProfileErrors,
  type ProfileField,
  type ProfileInput,
} from '../../../shared/settings/profile';
import { greetingFor } from '../../../shared/call/scripts';
import { errorMessage } from '../api/error-message';
import { settingsActions } from './settings-store';
import { useAppStore } from '../desk/app-store';
import { editSection, forgetSettingsEdits, sameValue, SectionTitle, useSectionEdits, useSettingsSection } from './settings-form';

type TextField = 'firstName' | 'lastName' | 'unit' | 'officeName';

const asInput = (profile: Profile): ProfileInput => ({
  firstName: profile.firstName,
  lastName: profile.lastName,
  role: profile.role,
  unit: profile.unit,
  officeName: profile.officeName,
});

/**
 * The clerk's profile, the first part of the settings form. On the first
 * run it is all there is: saving it opens the app.
 */
export function ProfileForm() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const scripts = useAppStore((s) => s.scripts);
  const directory = useAppStore((s) => s.directory);
  const officeUnits = useMemo(() => directory?.units.filter((u) => u.kind === 'office') ?? [], [directory]);
  const base = useMemo(() => (profile ? asInput(profile) : emptyProfileInput()), [profile]);
  const edits = useSectionEdits<ProfileInput>('profile');
  const values: ProfileInput = { ...base, ...edits };
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const id = useId();
  const firstField = useRef<HTMLInputElement>(null);

  // First run: the form is all there is; the cursor waits in the first field.
  useEffect(() => firstField.current?.focus({ preventScroll: true }), []);

  const set = (field: ProfileField, value: string) => {
    editSection<ProfileInput>('profile', { [field]: value });
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const changed = useSettingsSection('profile', {
    changed() {
      // Nothing saved yet: the first save is always one.
      if (!profile) return true;
      const result = validateProfile(values);
      return !result.ok || !sameValue(result.value, asInput(profile));
    },
    validate() {
      const result = validateProfile(values);
      setErrors(result.ok ? {} : result.errors);
      setProblem(null); // a new try: what the last one said no longer stands
      return result.ok;
    },
    async save() {
      const result = validateProfile(values);
      if (!result.ok) return { ok: false };
      setProblem(null);
      try {
        const saved = await settingsActions.saveProfile(result.value);
        // The first profile opens the app; a changed one keeps the settings open for the rest of the form.
        if (profile) useAppStore.setState({ profile: saved });
        else useAppStore.getState().profileSaved(saved);
        forgetSettingsEdits('profile');
        return { ok: true };
      } catch (error) {
        setProblem(error);
        return { ok: false };
      }
    },
  });

  const preview = scripts
    ? greetingFor('incoming', scripts, {
        firstName: tidyText(values.firstName) || t('profile.placeholder.firstName'),
        lastName: tidyText(values.lastName) || t('profile.placeholder.lastName'),
        unit: tidyText(values.unit) || t('profile.placeholder.unit'),
        officeName: tidyText(values.officeName) || t('profile.placeholder.officeName'),
      })
    : '';

  const textField = (field: TextField, autoComplete: string, hint?: string, list?: string) => {
    const error = errors[field];
    const inputId = `${id}-${field}`;
    const describedBy = [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={inputId}>{t(`profile.${field}`)}</label>
        <input
          ref={field === 'firstName' ? firstField : undefined}
          id={inputId}
          name={field}
          value={values[field]}
          autoComplete={autoComplete}
          list={list}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(e) => set(field, e.target.value)}
        />
        {hint && (
          <p className="field-hint" id={`${inputId}-hint`}>
            {hint}
          </p>
        )}
        {error && (
          <p className="field-error" id={`${inputId}-error`}>
            {t(`profile.errors.${error}`, { max: PROFILE_LIMITS[field], length: tidyText(values[field]).length })}
          </p>
        )}
      </div>
    );
  };

  return (
    <section className="card profile-form" aria-labelledby={`${id}-title`}>
      <SectionTitle id={`${id}-title`} title={t('profile.title')} changed={changed && profile !== null} />
      <p className="muted">{t('profile.intro')}</p>
      <div className="field-row">
        {textField('firstName', 'given-name')}
        {textField('lastName', 'family-name')}
      </div>
      <fieldset className="field">
        <legend>{t('profile.role')}</legend>
        <div className="segmented">
          {ROLES.map((role) => (
            <label key={role} className="segmented-option">
              <input type="radio" name="role" value={role} checked={values.role === role} onChange={() => editSection<ProfileInput>('profile', { role })} />
              <span>{t(`profile.roles.${role}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {/* The directory's units are offered; any other name can be typed (the routing then treats every unit as another). */}
      {textField('unit', 'organization-title', t('profile.unitHint'), `${id}-units`)}
      <datalist id={`${id}-units`}>
        {officeUnits.map((u) => (
          <option key={u.id} value={u.name} />
        ))}
      </datalist>
      {textField('officeName', 'organization')}
      <div className="greeting-preview">
        <span className="label">{t('profile.preview')}</span>
        <p>{preview}</p>
      </div>
      {problem !== null && (
        <p className="form-error" role="alert">
          {t('settings.sectionNotSaved', { message: errorMessage(problem, t('errors.network')) })}
        </p>
      )}
    </section>
  );
}
