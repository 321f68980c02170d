import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OfficeFilesInputSchema, type OfficeFiles } from '../../../shared/office-files';
import { errorMessage, getApi } from '../api/instance';
import { fieldErrors } from '../field-errors';
import { useAppStore } from '../stores/app-store';

const KINDS = ['directory', 'glossary'] as const;
type Kind = (typeof KINDS)[number];
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
  const [values, setValues] = useState<Record<Kind, string>>({ directory: officeFiles.directory ?? '', glossary: officeFiles.glossary ?? '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function save(files: Record<Kind, string>) {
    const parsed = OfficeFilesInputSchema.safeParse(files);
    if (!parsed.success) {
      setErrors(fieldErrors<Kind>(parsed.error));
      setProblems([]);
      return;
    }
    setErrors({});
    setProblems([]);
    setSaving(true);
    try {
      const result = await getApi().saveOfficeFiles(parsed.data);
      useAppStore.getState().contentReplaced(result);
      setValues({ directory: result.officeFiles.directory ?? '', glossary: result.officeFiles.glossary ?? '' });
      useAppStore
        .getState()
        .showToast(
          t('officeFiles.saved', {
            matters: t('officeFiles.matters', { count: result.directory.matters.length }),
            terms: t('officeFiles.terms', { count: result.glossary.terms.length }),
          }),
        );
    } catch (error) {
      setProblems(errorMessage(error, t('errors.network')).split('\n'));
    } finally {
      setSaving(false);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(values);
  };

  const counts = {
    directory: directory ? t('officeFiles.matters', { count: directory.matters.length }) : '',
    glossary: glossary ? t('officeFiles.terms', { count: glossary.terms.length }) : '',
  };

  return (
    <form className="card office-files" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('officeFiles.title')}</h2>
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
              onChange={(e) => {
                const value = e.target.value;
                setValues((v) => ({ ...v, [kind]: value }));
                if (error) setErrors((all) => ({ ...all, [kind]: undefined }));
              }}
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
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          <p>{t('officeFiles.problems')}</p>
          <ul className="problems">
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        {hasAny(officeFiles) && (
          <button type="button" className="button secondary" disabled={saving} onClick={() => void save({ directory: '', glossary: '' })}>
            {t('officeFiles.useBuiltIn')}
          </button>
        )}
        <button type="submit" className="button primary" disabled={saving}>
          {saving ? t('officeFiles.checking') : t('officeFiles.save')}
        </button>
      </div>
    </form>
  );
}

const hasAny = (files: OfficeFiles) => files.directory !== null || files.glossary !== null;
