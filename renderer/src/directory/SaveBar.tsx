import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { entryTitle, isNewEntry, kindOf, type EditedContent, type EditProblem, type Entry, type EntryRef } from '../../../shared/directory/directory-edits';
import { errorMessage } from '../api/error-message';
import { Kbd } from '../ui/Kbd';
import { savedMessage, useEditorStore, useUnsavedChanges } from './editor-store';

/**
 * *Zapisz katalog* and what it found: the problems that keep the files from
 * being saved (each a link to its entry), example sentences that no longer
 * find their matter first (saved only when the lead says so), a file with
 * nowhere to be saved yet, a colleague's save that came first
 * (with *Wczytaj ponownie*), or what was saved.
 */
export function SaveBar({ draft }: { draft: EditedContent }) {
  const { t } = useTranslation();
  const id = useId();
  const bar = useRef<HTMLElement>(null);
  const unsaved = useUnsavedChanges();
  const attempt = useEditorStore((s) => s.attempt);
  const saving = useEditorStore((s) => s.saving);
  const otherFiles = useEditorStore((s) => s.otherFiles);
  // What a save found comes into view: at the overlay's 460 px the bar is below the whole form.
  useEffect(() => {
    if (attempt && attempt.kind !== 'checking') bar.current?.scrollIntoView({ block: 'nearest' });
  }, [attempt]);
  const save = useEditorStore((s) => s.save);
  const reload = useEditorStore((s) => s.reload);
  const select = useEditorStore((s) => s.select);

  return (
    <section className="card editor-save" ref={bar} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('editor.saveTitle')}
      </h3>
      <div role="status">
        {attempt?.kind === 'saved' && <p className="editor-saved">{savedMessage(attempt)}</p>}
        {attempt?.kind === 'problems' && <Problems problems={attempt.problems} draft={draft} onPick={select} />}
        {attempt?.kind === 'checking' && <p className="muted">{t('editor.checkingExamples')}</p>}
        {attempt?.kind === 'no-file' && (
          <p className="form-error">
            {attempt.files
              .map(({ kind, problem }) => (problem === 'required' ? t('serverErrors.directoryEditor.noFile', { what: t(`editor.fileWhat.${kind}`) }) : `${t(`editor.newFile.${kind}`)}: ${t(`officeFiles.errors.${problem}`)}`))
              .join(' ')}
          </p>
        )}
        {attempt?.kind === 'moved' && (
          <div className="form-error">
            <p>{t('editor.moved.intro', { count: attempt.misses.length, checked: attempt.checked })}</p>
            <ul className="problems plain">
              {attempt.misses.map((miss, i) => (
                <li key={i}>
                  {t('editor.moved.item', {
                    example: miss.example,
                    matter: miss.matterTitle,
                    where: miss.rank === null ? t('editor.moved.notFound') : t('editor.moved.rank', { rank: miss.rank }),
                    first: miss.first ? t('editor.moved.first', { title: miss.first.title }) : t('editor.moved.nothingFirst'),
                  })}
                </li>
              ))}
            </ul>
            <p className="muted">{t('editor.moved.what')}</p>
          </div>
        )}
        {attempt?.kind === 'changed-on-share' && (
          <div className="form-error">
            <p>{errorMessage(attempt.error, t('errors.network'))}</p>
          </div>
        )}
        {attempt?.kind === 'failed' && <p className="form-error">{errorMessage(attempt.error, t('errors.network'))}</p>}
        {attempt?.kind === 'partly' && <p className="form-error">{t('serverErrors.directoryEditor.partlySaved', { saved: attempt.saved.join(', '), file: attempt.failed.file, code: attempt.failed.code })}</p>}
      </div>
      <div className="actions">
        <span className="muted">{unsaved > 0 ? t('editor.unsaved', { count: unsaved }) : t('editor.allSaved')}</span>
        {attempt?.kind === 'changed-on-share' && (
          <button type="button" className="button primary" onClick={() => void reload()}>
            {t('editor.reload')}
          </button>
        )}
        {attempt?.kind === 'moved' && (
          <button type="button" className="button secondary" disabled={saving} onClick={() => void save({ despiteMoved: true })}>
            {t('editor.moved.saveAnyway')}
          </button>
        )}
        <button type="button" className="button primary" disabled={saving || unsaved === 0 || otherFiles} onClick={() => void save()}>
          {t(saving ? 'editor.saving' : 'editor.save')} <Kbd>Ctrl+Enter</Kbd>
        </button>
      </div>
    </section>
  );
}

function Problems({ problems, draft, onPick }: { problems: EditProblem[]; draft: EditedContent; onPick(ref: EntryRef): void }) {
  const { t } = useTranslation();
  const titleOf = (ref: EntryRef) => {
    const list: { id: string }[] = ref.list === 'terms' ? draft.glossary.terms : draft.directory[ref.list];
    const entry = list[ref.index] as Entry | undefined;
    // An entry whose title was cleared is named by its identifier; only a new one is "Nowa sprawa".
    return entry ? entryTitle(entry) || (isNewEntry(entry) ? t(`editor.new.${kindOf(ref, entry)}`) : entry.id) : '';
  };
  return (
    <div className="form-error">
      <p>{t('editor.problems', { count: problems.length })}</p>
      <ul className="problems plain">
        {problems.slice(0, 20).map((p, i) => (
          <li key={i}>
            {p.ref ? (
              <button type="button" className="link-button" onClick={() => onPick(p.ref!)}>
                {titleOf(p.ref)}
                {p.field ? ` — ${t(`editor.fields.${p.field}`, { defaultValue: p.field })}` : ''}
              </button>
            ) : null}
            {p.ref ? ': ' : ''}
            {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
