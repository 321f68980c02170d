import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RETENTION_MAX_MONTHS, TeamSettingsInputSchema } from '../../../shared/team-settings';
import { errorMessage, getApi } from '../api/instance';
import { fieldErrors } from '../field-errors';
import { useAppStore } from '../stores/app-store';
import { FormFooter } from './FormFooter';

type Field = 'teamFolder' | 'retentionMonths';

/**
 * Team mode (Folder zespołu: a network share every clerk's app copies its
 * records to, and the team lead's register reads) and how long records are
 * kept. The folder must answer before it is saved.
 */
export function TeamSettingsForm() {
  const { t } = useTranslation();
  const team = useAppStore((s) => s.team);
  const status = useAppStore((s) => s.teamStatus);
  const [folder, setFolder] = useState(team.teamFolder ?? '');
  const [months, setMonths] = useState(String(team.retentionMonths));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = TeamSettingsInputSchema.safeParse({ teamFolder: folder, retentionMonths: Number(months) });
    if (!parsed.success) {
      setErrors(fieldErrors<Field>(parsed.error));
      return;
    }
    setErrors({});
    setProblem(null);
    setSaving(true);
    try {
      const result = await getApi().saveTeamSettings(parsed.data);
      useAppStore.getState().teamStatusChanged(result, { teamFolder: parsed.data.teamFolder, retentionMonths: parsed.data.retentionMonths });
      setFolder(parsed.data.teamFolder ?? '');
      useAppStore.getState().showToast(parsed.data.teamFolder ? t('team.savedOn') : t('team.savedOff'));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setSaving(false);
    }
  }

  const field = (name: Field) => `${id}-${name}`;
  return (
    <form className="card team-settings" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('team.title')}</h2>
      <div className="field">
        <label htmlFor={field('teamFolder')}>{t('team.folder')}</label>
        <input
          id={field('teamFolder')}
          value={folder}
          placeholder={t('team.folderPlaceholder')}
          spellCheck={false}
          aria-invalid={errors.teamFolder ? true : undefined}
          aria-describedby={`${field('teamFolder')}-hint${errors.teamFolder ? ` ${field('teamFolder')}-error` : ''}`}
          onChange={(e) => setFolder(e.target.value)}
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
          value={months}
          aria-invalid={errors.retentionMonths ? true : undefined}
          aria-describedby={`${field('retentionMonths')}-hint${errors.retentionMonths ? ` ${field('retentionMonths')}-error` : ''}`}
          onChange={(e) => setMonths(e.target.value)}
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
      <FormFooter problem={problem} saving={saving} saveLabel={t('team.save')} savingLabel={t('team.saving')} />
    </form>
  );
}
