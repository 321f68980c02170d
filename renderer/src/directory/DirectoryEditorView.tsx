import { useEffect, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkEdited, entryAt, kindOf, refKey, type EditProblem } from '../../../shared/directory/directory-edits';
import { errorMessage } from '../api/error-message';
import { EntryForm } from './EntryForm';
import { EntryList } from './EntryList';
import { SaveBar } from './SaveBar';
import { TryIt } from './TryIt';
import { TablesCard } from './TablesCard';
import { MissesCard } from './MissesCard';
import { useEditorStore, useUnsavedChanges } from './editor-store';
import { useSettled } from '../ui/use-settled';
import { isDesktop } from '../api/platform';
import { useAppStore } from '../desk/app-store';

/** How long the typing pauses before the whole directory is checked again. */
const SETTLE_MS = 250;

/**
 * In a browser, closing the tab or reloading with edits not saved asks first
 * (the desktop window only hides, and keeps them).
 */
function useLeaveWarning(): void {
  const unsaved = useUnsavedChanges();
  useEffect(() => {
    if (unsaved === 0 || isDesktop()) return;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [unsaved]);
}

/** Where a kind the office has no file of yet is to be saved: the built-in example is not written over. */
function NewFilePath({ kind }: { kind: 'directory' | 'glossary' }) {
  const { t } = useTranslation();
  const id = useId();
  const path = useEditorStore((s) => s.paths[kind]);
  const setPath = useEditorStore((s) => s.setPath);
  return (
    <div className="field">
      <label htmlFor={id}>{t(`editor.newFile.${kind}`)}</label>
      <input id={id} value={path} placeholder={t(`editor.pathPlaceholder.${kind}`)} spellCheck={false} aria-describedby={`${id}-hint`} onChange={(e) => setPath(kind, e.target.value)} />
      <p className="field-hint" id={`${id}-hint`}>
        {t(`editor.builtIn.${kind}`)}
      </p>
    </div>
  );
}

/**
 * *Katalog*: the team lead's editor of the office's directory and glossary
 * (shown when *Prowadzę katalog spraw* is on in the settings). The lists on
 * one side, the entry's form on the other, *Wypróbuj* over both and the
 * save bar below; at the overlay's 460 px they stack.
 */
export function DirectoryEditorView() {
  const { t } = useTranslation();
  const status = useEditorStore((s) => s.status);
  const loadError = useEditorStore((s) => s.loadError);
  const open = useEditorStore((s) => s.open);
  const files = useEditorStore((s) => s.files);
  const draft = useEditorStore((s) => s.draft);
  const opened = useEditorStore((s) => s.opened);
  const kind = useEditorStore((s) => s.kind);
  const selected = useEditorStore((s) => s.selected);
  const lost = useEditorStore((s) => s.lost);

  const officeFiles = useAppStore((s) => s.officeFiles);
  const otherFiles = useEditorStore((s) => s.otherFiles);
  const reload = useEditorStore((s) => s.reload);

  useEffect(() => {
    if (useEditorStore.getState().status === 'closed') void open();
  }, [open]);
  // Other office files chosen in the settings: the editor works on those.
  useEffect(() => useEditorStore.getState().followOfficeFiles(officeFiles), [officeFiles, status]);
  // Ctrl+Enter saves from anywhere in the view, also once the focus has fallen to the page (after a removal, say).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      void useEditorStore.getState().save();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useLeaveWarning();

  // The file check over everything once the typing pauses: which entries and fields are wrong (a few thousand matters take tens of milliseconds).
  const checkedDraft = useSettled(draft, SETTLE_MS);
  const problems: EditProblem[] = useMemo(() => {
    if (!checkedDraft) return [];
    const checked = checkEdited(checkedDraft);
    return checked.ok ? [] : checked.problems;
  }, [checkedDraft]);
  const problemsAt = useMemo(() => {
    const counts = new Map<string, number>();
    for (const p of problems) if (p.ref) counts.set(refKey(p.ref), (counts.get(refKey(p.ref)) ?? 0) + 1);
    return counts;
  }, [problems]);

  if (status === 'loading' || status === 'closed') return <p className="center muted">{t('editor.loading')}</p>;
  if (status === 'failed' || !draft || !opened || !files) {
    return (
      <div className="card" role="alert">
        <p>{errorMessage(loadError, t('errors.network'))}</p>
        <button type="button" className="button primary" onClick={() => void open()}>
          {t('app.retry')}
        </button>
      </div>
    );
  }

  const entry = selected ? entryAt(draft, selected) : undefined;
  const entryKind = selected && entry ? kindOf(selected, entry) : null;
  const current = entry && entryKind ? { kind: entryKind === 'matter' ? ('matter' as const) : entryKind === 'term' ? ('term' as const) : ('unit' as const), id: entry.id } : null;

  return (
    <div className="directory-editor">
      <section className="card">
        <h2>{t('editor.title')}</h2>
        {(['directory', 'glossary'] as const).map((k) =>
          files[k].file ? (
            <p key={k} className="field-hint editor-file">
              {t(`editor.file.${k}`, { file: files[k].file })}
            </p>
          ) : (
            <NewFilePath key={k} kind={k} />
          ),
        )}
        {(['directory', 'glossary'] as const).map((k) =>
          files[k].problems.length > 0 ? (
            <div key={k} className="form-error" role="alert">
              <p>{t('editor.brokenFile', { file: files[k].file })}</p>
              <ul className="problems">
                {files[k].problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null,
        )}
        {otherFiles && (
          <div className="form-error" role="status">
            <p>{t('editor.otherFiles')}</p>
            <button type="button" className="button secondary" onClick={() => void reload()}>
              {t('editor.reload')}
            </button>
          </div>
        )}
        {lost.length > 0 && (
          <div className="form-error" role="status">
            <p>{t('editor.lost', { count: lost.length })}</p>
            <ul className="lost-changes">
              {lost.map((c, i) => (
                <li key={i}>{t(`editor.change.${c.change}`, { title: c.title || c.id })}</li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <TryIt content={draft} current={current} />
      <div className="editor-columns">
        <EntryList draft={draft} kind={kind} selected={selected} problemsAt={problemsAt} />
        {selected && entry ? (
          <EntryForm key={refKey(selected)} entryRef={selected} entry={entry} draft={draft} problems={problems.filter((p) => p.ref !== null && refKey(p.ref) === refKey(selected))} />
        ) : (
          <p className="card muted">{t('editor.pickOne')}</p>
        )}
      </div>
      <MissesCard />
      <TablesCard kind={kind} />
      <SaveBar draft={draft} />
    </div>
  );
}
