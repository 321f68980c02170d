import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { entriesOf, entryTitle } from '../../../shared/directory/directory-edits';
import { officeToday } from '../../../shared/directory/freshness';
import { errorMessage } from '../api/error-message';
import { useEditorStore } from './editor-store';
import { useMissesStore } from './misses-store';

/** This month and the one before, as RRRR-MM. */
function recentMonths(today: string): string[] {
  const [year, month] = today.split('-').map(Number) as [number, number];
  const before = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
  return [today.slice(0, 7), before];
}

/**
 * *Czego szukano bez skutku*: the month's most frequent searches the clerks
 * left without a result, across the team, each with *Dodaj do katalogu* —
 * as an example of a new matter, or of one the directory has.
 */
export function MissesCard() {
  const { t } = useTranslation();
  const id = useId();
  const months = recentMonths(officeToday());
  const [month, setMonth] = useState(months[0]!);
  const [adding, setAdding] = useState<string | null>(null);
  const shown = useMissesStore((s) => s.shown);
  const loadMisses = useMissesStore((s) => s.load);
  useEffect(() => void loadMisses(month), [month, loadMisses]);
  const report = shown?.month === month ? shown.report : null;
  const error = shown?.month === month ? shown.error : null;

  return (
    <section className="card editor-misses" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('editor.misses.title')}</h3>
      <p className="field-hint">{t('editor.misses.intro')}</p>
      <div className="field">
        <label htmlFor={`${id}-month`}>{t('editor.misses.month')}</label>
        <select id={`${id}-month`} value={month} onChange={(e) => setMonth(e.target.value)}>
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      {error !== null && error !== undefined && <p className="form-error">{errorMessage(error, t('errors.network'))}</p>}
      {report && report.phrases.length === 0 && <p className="muted">{t('editor.misses.none')}</p>}
      {report && report.phrases.length > 0 && (
        <>
          <p className="muted">{t('editor.misses.summary', { count: report.misses, clerks: t('editor.misses.clerks', { count: report.clerks }) })}</p>
          <ol className="editor-miss-list">
            {report.phrases.map((line) => (
              <li key={line.phrase}>
                <span className="miss-phrase">„{line.phrase}”</span>{' '}
                <span className="muted">{t('editor.misses.count', { count: line.count, clerks: line.clerks })}</span>{' '}
                {adding === line.phrase ? (
                  <AddPhrase phrase={line.phrase} onDone={() => setAdding(null)} />
                ) : (
                  <button type="button" className="button secondary small" onClick={() => setAdding(line.phrase)}>
                    {t('editor.misses.add')}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

/** Where a phrase goes: a new matter with it as its first example, or an example of a matter the directory has. */
function AddPhrase({ phrase, onDone }: { phrase: string; onDone(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const draft = useEditorStore((s) => s.draft);
  const add = useEditorStore((s) => s.add);
  const addExample = useEditorStore((s) => s.addExample);
  const matters = draft ? entriesOf(draft, 'matter') : [];
  const [target, setTarget] = useState('');
  return (
    <span className="miss-add" role="group" aria-label={t('editor.misses.add')}>
      <button
        type="button"
        className="button secondary small"
        onClick={() => {
          add('matter', { example: phrase });
          onDone();
        }}
      >
        {t('editor.misses.asNew')}
      </button>
      <label htmlFor={`${id}-matter`} className="visually-hidden">
        {t('editor.misses.asExampleOf')}
      </label>
      <select id={`${id}-matter`} value={target} onChange={(e) => setTarget(e.target.value)}>
        <option value="">{t('editor.misses.asExampleOf')}</option>
        {matters.map(({ ref, entry }) => (
          <option key={ref.index} value={String(ref.index)}>
            {entryTitle(entry) || entry.id}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button secondary small"
        disabled={target === ''}
        onClick={() => {
          addExample({ list: 'matters', index: Number(target) }, phrase);
          onDone();
        }}
      >
        {t('editor.misses.addHere')}
      </button>
      <button type="button" className="button secondary small" onClick={onDone}>
        {t('editor.misses.cancel')}
      </button>
    </span>
  );
}
