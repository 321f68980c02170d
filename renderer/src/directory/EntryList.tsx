import { memo, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ENTRY_KINDS, entriesOf, entryTitle, refKey, type EditedContent, type EntryKind, type EntryRef } from '../../../shared/directory/directory-edits';
import { fold } from '../../../shared/directory/text-folding';
import { useEditorStore } from './editor-store';

/** The longest list drawn at once; a filter finds the rest (an office may keep thousands of matters). */
const LISTED = 100;

/**
 * The entries of one kind — matters, the office's units, institutions
 * outside it, sites, glossary terms — with a filter, the count of problems
 * each has, and *Dodaj*.
 */
export const EntryList = memo(function EntryList({ draft, kind, selected, problemsAt }: { draft: EditedContent; kind: EntryKind; selected: EntryRef | null; problemsAt: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const id = useId();
  const setKind = useEditorStore((s) => s.setKind);
  const select = useEditorStore((s) => s.select);
  const add = useEditorStore((s) => s.add);
  const [filter, setFilter] = useState('');
  const entries = useMemo(() => entriesOf(draft, kind), [draft, kind]);
  const shown = useMemo(() => {
    const wanted = fold(filter);
    return wanted ? entries.filter(({ entry }) => fold(`${entryTitle(entry)} ${entry.id}`).includes(wanted)) : entries;
  }, [entries, filter]);

  return (
    <section className="card editor-list" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('editor.listTitle')}
      </h3>
      <div className="editor-kinds" role="group" aria-label={t('editor.kindsLabel')}>
        {ENTRY_KINDS.map((k) => (
          <button key={k} type="button" className={`tab${k === kind ? ' active' : ''}`} aria-pressed={k === kind} onClick={() => setKind(k)}>
            {t(`editor.kinds.${k}`)}
          </button>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-filter`}>{t('editor.filter')}</label>
        <input id={`${id}-filter`} type="search" value={filter} autoComplete="off" spellCheck={false} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <ul className="editor-entries">
        {shown.slice(0, LISTED).map(({ ref, entry }) => {
          const problems = problemsAt.get(refKey(ref)) ?? 0;
          const isSelected = selected !== null && selected.list === ref.list && selected.index === ref.index;
          return (
            <li key={refKey(ref)}>
              <button type="button" className={`editor-entry${isSelected ? ' active' : ''}`} aria-current={isSelected ? 'true' : undefined} onClick={() => select(ref)}>
                <span>{entryTitle(entry) || t(`editor.new.${kind}`)}</span>
                {problems > 0 && <span className="tag danger">{t('editor.problemsPill', { count: problems })}</span>}
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length > LISTED && <p className="muted">{t('editor.moreEntries', { count: shown.length - LISTED })}</p>}
      {shown.length === 0 && <p className="muted">{t('editor.noEntries')}</p>}
      <div className="actions">
        <button type="button" className="button secondary" onClick={() => add(kind)}>
          {t(`editor.add.${kind}`)}
        </button>
      </div>
    </section>
  );
});
