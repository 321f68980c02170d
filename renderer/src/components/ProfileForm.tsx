import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emptyProfileInput,
  PROFILE_LIMITS,
  ROLES,
  tidyText,
  validateProfile,
  type ProfileErrors,
  type ProfileField,
  type ProfileInput,
} from '../../../shared/profile';
import { greetingFor } from '../../../shared/scripts';
import { errorMessage, getApi } from '../api/instance';
import { useAppStore } from '../stores/app-store';

const TEXT_FIELDS = ['firstName', 'lastName', 'unit', 'officeName'] as const;

export function ProfileForm() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  const scripts = useAppStore((s) => s.scripts);
  const directory = useAppStore((s) => s.directory);
  const officeUnits = useMemo(() => directory?.units.filter((u) => u.kind === 'office') ?? [], [directory]);
  const profileSaved = useAppStore((s) => s.profileSaved);
  const showToast = useAppStore((s) => s.showToast);
  const [values, setValues] = useState<ProfileInput>(() => (profile ? { ...profile } : emptyProfileInput()));
  const [errors, setErrors] = useState<ProfileErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const firstField = useRef<HTMLInputElement>(null);

  // First run: the form is all there is; the cursor waits in the first field.
  useEffect(() => firstField.current?.focus({ preventScroll: true }), []);

  const set = (field: ProfileField, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (errors[field]) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = validateProfile(values);
    if (!result.ok) {
      setErrors(result.errors);
      setFormError(t('profile.fixErrors'));
      const first = TEXT_FIELDS.find((f) => result.errors[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setErrors({});
    setFormError(null);
    setSaving(true);
    try {
      const saved = await getApi().saveProfile(result.value);
      profileSaved(saved);
      showToast(t('profile.saved'));
    } catch (error) {
      setFormError(errorMessage(error, t('errors.network')));
    } finally {
      setSaving(false);
    }
  }

  const preview = scripts
    ? greetingFor('incoming', scripts, {
        firstName: tidyText(values.firstName) || t('profile.placeholder.firstName'),
        lastName: tidyText(values.lastName) || t('profile.placeholder.lastName'),
        unit: tidyText(values.unit) || t('profile.placeholder.unit'),
        officeName: tidyText(values.officeName) || t('profile.placeholder.officeName'),
      })
    : '';

  const textField = (field: (typeof TEXT_FIELDS)[number], autoComplete: string, hint?: string, list?: string) => {
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
    <form className="card profile-form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('profile.title')}</h2>
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
              <input
                type="radio"
                name="role"
                value={role}
                checked={values.role === role}
                onChange={() => setValues((v) => ({ ...v, role }))}
              />
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
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="actions">
        {profile && (
          <button type="button" className="button secondary" onClick={() => useAppStore.getState().setView('call')}>
            {t('profile.cancel')}
          </button>
        )}
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('profile.saving') : t('profile.save')}
        </button>
      </div>
    </form>
  );
}
