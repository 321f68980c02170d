import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_MAX_MONTHS, TeamSettingsInputSchema } from '../../../shared/settings/team-settings';
import { errorMessage } from '../api/error-message';
import { settingsActions } from './settings-store';
import { fieldErrors } from '../ui/field-errors';
import { i18n } from '../i18n';
import { useAppStore } from '../desk/app-store';
import { editSection, forgetSettingsEdits, sameValue, SectionTitle, useSectionEdits, useSettingsSection } from './settings-form';

type Field = 'teamFolder' | 'retentionMonths';
/** The fields as typed. */
type Values = Record<Field, string>;

/**
 * Team mode (Folder zespołu: a network share every clerk's app copies its
 * records to, and the team lead's register reads) and how long records are
 * kept. The folder must answer before it is saved.
 */
export function TeamSettingsForm() {
  const { t } = useTranslation();
  const team = useAppStore((s) => s.team);
  const status = useAppStore((s) => s.teamStatus);
  const edits = useSectionEdits<Values>('team');
  const values: Values = { teamFolder: team.teamFolder ?? '', retentionMonths: String(team.retentionMonths), ...edits };
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const id = useId();

  const parse = () => TeamSettingsInputSchema.safeParse({ teamFolder: values.teamFolder, retentionMonths: Number(values.retentionMonths) });

  const changed = useSettingsSection('team', {
    changed() {
      const parsed = parse();
      return !parsed.success || !sameValue(parsed.data, team);
    },
    validate() {
      const parsed = parse();
      setErrors(parsed.success ? {} : fieldErrors<Field>(parsed.error));
      setProblem(null); // a new try: what the last one said no longer stands
      return parsed.success;
    },
    async save() {
      const parsed = parse();
      if (!parsed.success) return { ok: false };
      setProblem(null);
      const folderChanged = parsed.data.teamFolder !== team.teamFolder;
      try {
        const result = await settingsActions.saveTeamSettings(parsed.data);
        useAppStore.getState().teamStatusChanged(result, { teamFolder: parsed.data.teamFolder, retentionMonths: parsed.data.retentionMonths });
        forgetSettingsEdits('team');
        // Switching team mode on or off is worth saying; a new number of months is not.
        return { ok: true, said: folderChanged ? i18n.t(parsed.data.teamFolder ? 'team.savedOn' : 'team.off') : undefined };
      } catch (error) {
        setProblem(error);
        return { ok: false };
      }
    },
  });

  const field = (name: Field) => `${id}-${name}`;
  return (
    <section className="card team-settings" aria-labelledby={`${id}-title`}>
      <SectionTitle id={`${id}-title`} title={t('team.title')} changed={changed} />
      <div className="field">
        <label htmlFor={field('teamFolder')}>{t('team.folder')}</label>
        <input
          id={field('teamFolder')}
          value={values.teamFolder}
          placeholder={t('team.folderPlaceholder')}
          spellCheck={false}
          aria-invalid={errors.teamFolder ? true : undefined}
          aria-describedby={`${field('teamFolder')}-hint${errors.teamFolder ? ` ${field('teamFolder')}-error` : ''}`}
          onChange={(e) => editSection<Values>('team', { teamFolder: e.target.value })}
        />
        <p className="field-hint" id={`${field('teamFolder')}-hint`}>
          {team.teamFolder
            ? status?.reachable === false
              ? t('team.statusUnreachable', { records: t('notices.records', { count: status.pending }) })
              : t('team.statusOn', { records: t('notices.records', { count: status?.pending ?? 0 }) })
            : t('team.statusOff')}
        </p>
        {errors.teamFolder && (
          <p className="field-error" id={`${field('teamFolder')}-error`}>
            {t(`team.errors.${errors.teamFolder}`)}
          </p>
        )}
      </div>
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
          aria-describedby={`${field('retentionMonths')}-hint${errors.retentionMonths ? ` ${field('retentionMonths')}-error` : ''}`}
          onChange={(e) => editSection<Values>('team', { retentionMonths: e.target.value })}
        />
        <p className="field-hint" id={`${field('retentionMonths')}-hint`}>
          {t('team.retentionHint')}
        </p>
        {errors.retentionMonths && (
          <p className="field-error" id={`${field('retentionMonths')}-error`}>
            {t('team.errors.retention', { max: RETENTION_MAX_MONTHS })}
          </p>
        )}
      </div>
      {problem !== null && (
        <p className="form-error" role="alert">
          {t('settings.sectionNotSaved', { message: errorMessage(problem, t('errors.network')) })}
        </p>
      )}
    </section>
  );
}
