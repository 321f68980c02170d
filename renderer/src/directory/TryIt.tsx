import { useId, useMemo, useState } from 'react';
import { useSettled } from '../ui/use-settled';
import { useTranslation } from 'react-i18next';
import { forSaving, type EditedContent } from '../../../shared/directory/directory-edits';
import { buildSearchIndex, search } from '../../../shared/directory/search';

/** Hits shown: as many as the clerk's search panel lists. */
const SHOWN = 8;

/**
 * "Wypróbuj": what a caller says, and where the clerk's search would send
 * it with the directory as it is being edited — the entry open in the form
 * included, marked, before anything is saved.
 */
export function TryIt({ content, current }: { content: EditedContent; current: { kind: 'matter' | 'unit' | 'term'; id: string } | null }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  // Typing in the form stays instant with a large directory: the index is built again once the typing pauses.
  const deferred = useSettled(content, 250);
  // Built only while there is something to try: with thousands of matters an index costs tens of milliseconds.
  const trying = query.trim() !== '';
  const index = useMemo(() => {
    if (!trying) return null;
    const tidy = forSaving(deferred);
    return buildSearchIndex(tidy.directory, tidy.glossary);
  }, [deferred, trying]);
  const hits = useMemo(() => (index && trying ? search(index, query, SHOWN) : []), [index, query, trying]);
  const external = useMemo(() => new Set(deferred.directory.units.filter((u) => u.kind === 'external').map((u) => u.id)), [deferred]);
  return (
    <section className="card try-it" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} htmlFor={`${id}-input`} className="field-title">
        {t('editor.tryIt.label')}
      </label>
      <input id={`${id}-input`} type="search" value={query} placeholder={t('editor.tryIt.placeholder')} autoComplete="off" spellCheck={false} onChange={(e) => setQuery(e.target.value)} />
      {query.trim() !== '' && (
        <ol className="try-it-hits" aria-live="polite">
          {hits.length === 0 && <li className="muted">{t('editor.tryIt.nothing')}</li>}
          {hits.map((hit) => {
            const isCurrent = current !== null && hit.kind === current.kind && hit.id === current.id;
            return (
              <li key={`${hit.kind}:${hit.id}`} className={isCurrent ? 'current' : undefined}>
                <span className="try-it-title">{hit.title || hit.id}</span> <span className="muted">{t(`editor.tryIt.kind.${hit.kind === 'unit' && external.has(hit.id) ? 'external' : hit.kind}`)}</span>
                {isCurrent && <strong className="try-it-mark"> {t('editor.tryIt.thisOne')}</strong>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
