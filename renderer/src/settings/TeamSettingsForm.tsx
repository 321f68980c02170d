import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TLS_MODES } from '../../../shared/settings/team-database';
import { RETENTION_MAX_MONTHS } from '../../../shared/settings/team-settings';
import { errorMessage } from '../api/error-message';
import { settingsActions } from './settings-store';
import { i18n } from '../i18n';
import { useAppStore } from '../desk/app-store';
import { editSection, forgetSettingsEdits, SectionTitle, useSectionEdits, useSettingsSection } from './settings-form';
import { parseTeamValues, TEAM_TARGETS, teamChanged, teamValues, type TeamField, type TeamValues } from './team-form-values';
import { teamStatusLine } from './team-status-line';

/**
 * Team mode — where each record's copy goes so the team lead's register
 * reads everyone's calls: nowhere, a shared folder (a network share), or the
 * office's PostgreSQL database — and how long records are kept. The folder
 * must answer, and the database must answer and take this login, before
 * they are saved.
 */
export function TeamSettingsForm() {
  const { t } = useTranslation();
  const team = useAppStore((s) => s.team);
  const status = useAppStore((s) => s.teamStatus);
  const edits = useSectionEdits<TeamValues>('team');
  const values: TeamValues = { ...teamValues(team), ...edits };
  const [errors, setErrors] = useState<Partial<Record<TeamField, string>>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const id = useId();

  const changed = useSettingsSection('team', {
    changed: () => teamChanged(values, team),
    validate() {
      const parsed = parseTeamValues(values);
      setErrors(parsed.ok ? {} : parsed.errors);
      setProblem(null); // a new try: what the last one said no longer stands
      return parsed.ok;
    },
    async save() {
      const parsed = parseTeamValues(values);
      if (!parsed.ok) return { ok: false };
      setProblem(null);
      const { input } = parsed;
      const wasOn = team.teamFolder !== null || team.teamDatabase !== null;
      const isOn = input.teamFolder !== null || input.teamDatabase !== null;
      try {
        const result = await settingsActions.saveTeamSettings(input);
        const db = input.teamDatabase;
        // What the page knows of the saved database: never the password, only whether one is saved.
        const savedDatabase = db ? { url: db.url, tls: db.tls, caFile: db.caFile ?? null, officeId: db.officeId, passwordSaved: db.password !== null || (team.teamDatabase?.passwordSaved === true && team.teamDatabase.url === db.url) } : null;
        useAppStore.getState().teamStatusChanged(result, { teamFolder: input.teamFolder, teamDatabase: savedDatabase, retentionMonths: input.retentionMonths });
        forgetSettingsEdits('team');
        // Switching team mode on, off or to another place is worth saying; a new number of months is not.
        const moved = input.teamFolder !== team.teamFolder || (input.teamDatabase?.url ?? null) !== (team.teamDatabase?.url ?? null);
        return { ok: true, said: moved || wasOn !== isOn ? i18n.t(isOn ? 'team.savedOn' : 'team.off') : undefined };
      } catch (error) {
        setProblem(error);
        return { ok: false };
      }
    },
  });

  const field = (name: TeamField) => `${id}-${name}`;
  const set = (patch: Partial<TeamValues>) => editSection<TeamValues>('team', patch);
  const describedBy = (name: TeamField, hint: boolean) => [hint ? `${field(name)}-hint` : '', errors[name] ? `${field(name)}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (name: TeamField, params?: Record<string, unknown>) =>
    errors[name] && (
      <p className="field-error" id={`${field(name)}-error`}>
        {t(`team.errors.${errors[name]}`, params)}
      </p>
    );
  const textField = (name: TeamField, label: string, options: { hint?: ReactNode; placeholder?: string; type?: string; autoComplete?: string } = {}) => (
    <div className="field">
      <label htmlFor={field(name)}>{label}</label>
      <input
        id={field(name)}
        type={options.type ?? 'text'}
        value={values[name]}
        placeholder={options.placeholder}
        spellCheck={false}
        autoComplete={options.autoComplete ?? 'off'}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={describedBy(name, options.hint !== undefined)}
        onChange={(e) => set({ [name]: e.target.value })}
      />
      {options.hint !== undefined && (
        <p className="field-hint" id={`${field(name)}-hint`}>
          {options.hint}
        </p>
      )}
      {error(name)}
    </div>
  );

  const savedTarget = teamValues(team).target;
  return (
    <section className="card team-settings" aria-labelledby={`${id}-title`}>
      <SectionTitle id={`${id}-title`} title={t('team.title')} changed={changed} />
      <fieldset className="field">
        <legend>{t('team.target')}</legend>
        <div className="segmented">
          {TEAM_TARGETS.map((target) => (
            <label key={target} className="segmented-option">
              <input type="radio" name={`${id}-target`} value={target} checked={values.target === target} onChange={() => set({ target })} />
              <span>{t(`team.targets.${target}`)}</span>
            </label>
          ))}
        </div>
        <p className="field-hint">
          {values.target === savedTarget ? teamStatusLine(t, team, status) : t(`team.targetHints.${values.target}`)}
        </p>
      </fieldset>
      {values.target === 'folder' && textField('teamFolder', t('team.folder'), { placeholder: t('team.folderPlaceholder') })}
      {values.target === 'database' && (
        <>
          {textField('dbUrl', t('team.db.url'), { placeholder: 'postgresql://login@serwer:5432/baza', hint: t('team.db.urlHint') })}
          {textField('dbPassword', t('team.db.password'), {
            type: 'password',
            autoComplete: 'new-password',
            placeholder: team.teamDatabase?.passwordSaved && values.dbUrl === team.teamDatabase.url ? t('team.db.passwordSaved') : '',
          })}
          <div className="field">
            <label htmlFor={field('dbTls')}>{t('team.db.tls')}</label>
            <select id={field('dbTls')} value={values.dbTls} aria-describedby={`${field('dbTls')}-hint`} onChange={(e) => set({ dbTls: e.target.value as TeamValues['dbTls'] })}>
              {TLS_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {t(`team.db.tlsModes.${mode}`)}
                </option>
              ))}
            </select>
            <p className="field-hint" id={`${field('dbTls')}-hint`}>
              {t(`team.db.tlsHints.${values.dbTls}`)}
            </p>
          </div>
          {values.dbTls === 'verify-full' && textField('dbCaFile', t('team.db.caFile'), { placeholder: t('team.db.caFilePlaceholder') })}
          {textField('dbOfficeId', t('team.db.officeId'), { placeholder: 'pup-lodz', hint: t('team.db.officeIdHint') })}
        </>
      )}
      <div className="field">
        <label htmlFor={field('retentionMonths')}>{t('team.retention')}</label>
        <input
          id={field('retentionMonths')}
          type="number"
          inputMode="numeric"
          min={1}
          max={RETENTION_MAX_MONTHS}
          value={values.retentionMonths}
          aria-invalid={errors.retentionMonths ? true : undefined}
          aria-describedby={describedBy('retentionMonths', true)}
          onChange={(e) => set({ retentionMonths: e.target.value })}
        />
        <p className="field-hint" id={`${field('retentionMonths')}-hint`}>
          {t('team.retentionHint')}
        </p>
        {error('retentionMonths', { max: RETENTION_MAX_MONTHS })}
      </div>
      {problem !== null && (
        <p className="form-error" role="alert">
          {t('settings.sectionNotSaved', { message: errorMessage(problem, t('errors.network')) })}
        </p>
      )}
    </section>
  );
}
