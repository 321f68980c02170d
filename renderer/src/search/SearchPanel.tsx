import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { leaveForChecklist } from '../keys/focus';
import { search, type SearchHit } from '../../../shared/directory/search';
import { MissTracker } from '../../../shared/directory/search-misses';
import { searchActions } from './search-store';
import { useAppStore } from '../desk/app-store';
import { HitDetails } from './HitDetails';

/**
 * Counts a search the clerk leaves without opening a result (the box
 * cleared, or the panel gone with the call's end), for the lead's report of
 * what callers asked that the directory did not know. Silent: the count is
 * a message to the service that nobody waits for; what a key press costs
 * is remembering the longest query.
 */
function useMissCounting(query: string, chosen: SearchHit | null): void {
  const tracker = useRef(new MissTracker());
  useEffect(() => {
    if (query.trim() === '') searchActions.countMiss(tracker.current.ended());
    else tracker.current.typed(query);
  }, [query]);
  useEffect(() => {
    if (chosen) tracker.current.opened();
  }, [chosen]);
  useEffect(() => {
    const current = tracker.current;
    return () => searchActions.countMiss(current.ended());
  }, []);
}

/** Where "/" and Ctrl+K send the cursor (see use-hotkeys). */
export const SEARCH_INPUT_ID = 'search-input';

/**
 * One search box over matters, units and glossary terms. Typing lists hits
 * at once; arrows move, Enter opens one; Esc clears. The chosen hit shows
 * where the matter goes, whether to invite the caller in, or what a term
 * means in plain words.
 */
export function SearchPanel({ inCall }: { inCall: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const index = useAppStore((s) => s.searchIndex);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [chosen, setChosen] = useState<SearchHit | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const hits = useMemo(() => (index && query.trim() ? search(index, query, 8) : []), [index, query]);

  useEffect(() => setActive(0), [query]);
  useMissCounting(query, chosen);

  if (!index) return null;
  const open = (hit: SearchHit | undefined) => {
    if (!hit) return;
    setChosen(hit);
  };

  return (
    <section className="card search" aria-label={t('search.label')}>
      <label htmlFor={SEARCH_INPUT_ID} className="field-title">
        {t('search.label')}
      </label>
      <input
        ref={input}
        id={SEARCH_INPUT_ID}
        type="search"
        value={query}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        spellCheck={false}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={`${id}-results`}
        aria-activedescendant={hits[active] ? `${id}-hit-${active}` : undefined}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          setQuery(e.target.value);
          setChosen(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, hits.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else if (e.key === 'Enter') open(hits[active]);
          else if (e.key === 'Escape') {
            // Esc with something typed clears it; Esc on an empty box gives the keys back to the checklist,
            // so a number typed next ticks an item instead of landing in the box.
            if (query !== '' || chosen) {
              setQuery('');
              setChosen(null);
            } else leaveForChecklist(input.current);
          } else return;
          e.preventDefault();
          e.stopPropagation();
        }}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {t('search.hint')}
      </p>
      {query.trim() && !chosen && (
        <ul className="search-results" id={`${id}-results`} role="listbox" aria-label={t('search.results')}>
          {hits.length === 0 && <li className="muted small">{t('search.none')}</li>}
          {hits.map((hit, i) => (
            <li
              key={`${hit.kind}-${hit.id}`}
              id={`${id}-hit-${i}`}
              role="option"
              aria-selected={i === active}
              className={`search-hit${i === active ? ' active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => open(hit)}
            >
              <span className={`kind-badge ${hit.kind}`}>{t(`search.kind.${hit.kind}`)}</span>
              <span className="hit-title">{hit.title}</span>
              {hit.kind === 'matter' && hit.unit && <span className="muted small"> → {hit.unit.name}</span>}
            </li>
          ))}
        </ul>
      )}
      {chosen && (
        <HitDetails
          hit={chosen}
          inCall={inCall}
          onClose={() => {
            setChosen(null);
            input.current?.focus();
          }}
        />
      )}
    </section>
  );
}

