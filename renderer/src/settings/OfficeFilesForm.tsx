import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OfficeFilesInputSchema, type OfficeFiles } from '../../../shared/settings/office-files';
import { errorMessage } from '../api/error-message';
import { settingsActions } from './settings-store';
import { fieldErrors } from '../ui/field-errors';
import { i18n } from '../i18n';
import { useAppStore } from '../desk/app-store';
import { StaleMatters } from './StaleMatters';
import { editSection, forgetSettingsEdits, sameValue, SectionTitle, useSectionEdits, useSettingsSection } from './settings-form';

const KINDS = ['directory', 'glossary'] as const;
type Kind = (typeof KINDS)[number];
type Values = Record<Kind, string>;
type FieldErrors = Partial<Record<Kind, string>>;

/**
 * The office's own directory and glossary files (a network share, say), in
 * place of the built-in examples. The files are checked before the setting
 * changes; each problem is shown with its line and column, as the check
 * command prints it.
 */
export function OfficeFilesForm() {
  const { t } = useTranslation();
  const officeFiles = useAppStore((s) => s.officeFiles);
  const sources = useAppStore((s) => s.contentSources);
  const directory = useAppStore((s) => s.directory);
  const glossary = useAppStore((s) => s.glossary);
  const edits = useSectionEdits<Values>('officeFiles');
  const values: Values = { directory: officeFiles.directory ?? '', glossary: officeFiles.glossary ?? '', ...edits };
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<unknown>(null);
  const id = useId();

  const changed = useSettingsSection('officeFiles', {
    changed() {
      const parsed = OfficeFilesInputSchema.safeParse(values);
      return !parsed.success || !sameValue(parsed.data, officeFiles);
    },
    validate() {
      const parsed = OfficeFilesInputSchema.safeParse(values);
      setErrors(parsed.success ? {} : fieldErrors<Kind>(parsed.error));
      setProblems(null); // a new try: what the service said of the files last time no longer stands
      return parsed.success;
    },
    async save() {
      const parsed = OfficeFilesInputSchema.safeParse(values);
      if (!parsed.success) return { ok: false };
      setProblems(null);
      try {
        const result = await settingsActions.saveOfficeFiles(parsed.data);
        useAppStore.getState().contentReplaced(result);
        forgetSettingsEdits('officeFiles');
        return {
          ok: true,
          said: i18n.t('officeFiles.known', {
            matters: i18n.t('officeFiles.matters', { count: result.directory.matters.length }),
            terms: i18n.t('officeFiles.terms', { count: result.glossary.terms.length }),
          }),
        };
      } catch (error) {
        setProblems(error);
        return { ok: false };
      }
    },
  });

  const set = (kind: Kind, value: string) => {
    editSection<Values>('officeFiles', { [kind]: value });
    if (errors[kind]) setErrors((all) => ({ ...all, [kind]: undefined }));
  };

  const counts = {
    directory: directory ? t('officeFiles.matters', { count: directory.matters.length }) : '',
    glossary: glossary ? t('officeFiles.terms', { count: glossary.terms.length }) : '',
  };

  return (
    <section className="card office-files" aria-labelledby={`${id}-title`}>
      <SectionTitle id={`${id}-title`} title={t('officeFiles.title')} changed={changed} />
      <p className="muted">{t('officeFiles.intro')}</p>
      {KINDS.map((kind) => {
        const inputId = `${id}-${kind}`;
        const error = errors[kind];
        return (
          <div className="field" key={kind}>
            <label htmlFor={inputId}>{t(`officeFiles.${kind}`)}</label>
            <input
              id={inputId}
              name={kind}
              value={values[kind]}
              placeholder={t('officeFiles.placeholder')}
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${inputId}-source${error ? ` ${inputId}-error` : ''}`}
              onChange={(e) => set(kind, e.target.value)}
            />
            <p className="field-hint" id={`${inputId}-source`}>
              {t(`officeFiles.source.${sources?.[kind] ?? 'built-in'}`, { what: counts[kind] })}
            </p>
            {error && (
              <p className="field-error" id={`${inputId}-error`}>
                {t(`officeFiles.errors.${error}`)}
              </p>
            )}
          </div>
        );
      })}
      {problems !== null && (
        <div className="form-error" role="alert">
          <p>{t('officeFiles.problems')}</p>
          <ul className="problems">
            {errorMessage(problems, t('errors.network'))
              .split('\n')
              .map((p, i) => (
                <li key={i}>{p}</li>
              ))}
          </ul>
        </div>
      )}
      {/* Empties both fields; the one save button then puts the built-in examples back. */}
      {hasAny(officeFiles) && (values.directory !== '' || values.glossary !== '') && (
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => editSection<Values>('officeFiles', { directory: '', glossary: '' })}>
            {t('officeFiles.useBuiltIn')}
          </button>
        </div>
      )}
      {/* What the directory in use says of itself: below what was said of the files just tried, which are not in use. */}
      {directory && <StaleMatters directory={directory} />}
    </section>
  );
}

const hasAny = (files: OfficeFiles) => files.directory !== null || files.glossary !== null;
