import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/error-message';
import { formatDateTime, formatDuration } from '../ui/format';
import { useHistoryStore } from './history-store';

export function HistoryView() {
  const { t } = useTranslation();
  const status = useHistoryStore((s) => s.status);
  const calls = useHistoryStore((s) => s.calls);
  const problems = useHistoryStore((s) => s.problems);
  const problemCount = useHistoryStore((s) => s.problemCount);
  const error = useHistoryStore((s) => s.error);
  const load = useHistoryStore((s) => s.load);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card history" aria-labelledby="history-title">
      <div className="call-head">
        <h2 id="history-title">{t('history.title')}</h2>
        <button type="button" className="button secondary small" onClick={() => void load()}>
          {t('history.refresh')}
        </button>
      </div>

      {problems.length > 0 && (
        <div className="banner warning" role="alert">
          <p>{t('history.problems')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.file}:${p.line}:${p.kind}`}>{t(`history.problem.${p.kind}`, { file: p.file, line: p.line })}</li>
            ))}
          </ul>
          {problemCount > problems.length && <p className="small">{t('history.problemsMore', { count: problemCount - problems.length })}</p>}
        </div>
      )}
      {status === 'failed' && (
        <p className="form-error" role="alert">
          {t('history.loadFailed', { message: errorMessage(error, t('errors.network')) })}
        </p>
      )}
      {status === 'ready' && calls.length === 0 && <p className="muted">{t('history.empty')}</p>}
      {calls.length > 0 && (
        <>
          <p className="muted small" aria-live="polite">
            {t('history.count', { count: calls.length })}
          </p>
          <ol className="call-list">
            {calls.map((call) => (
              <li key={call.id} className="call-item">
                <div className="call-item-head">
                  <time dateTime={call.startedAt}>{formatDateTime(call.startedAt)}</time>
                  <span>{t(`direction.${call.direction}`)}</span>
                  <span className="duration" aria-label={t('history.duration')}>
                    {formatDuration(call.durationSec * 1000)}
                  </span>
                  <span className="outcome-badge">{t(`outcomes.${call.outcome}`)}</span>
                </div>
                <p className={call.missed.length ? 'missed-line' : 'muted small'}>
                  {call.missed.length
                    ? t('history.missedList', { items: call.missed.join('; ') })
                    : t('history.noneMissed')}
                  {call.score !== null && <span className="muted"> · {t('history.score', { percent: Math.round(call.score * 100) })}</span>}
                  {call.personalData && <span className="muted"> · {t('history.personalData')}</span>}
                </p>
                {call.callbackDueAt && <p className="small">{t('history.callbackAt', { when: formatDateTime(call.callbackDueAt) })}</p>}
                {call.routedTo && <p className="small">{t('history.routedTo', { unit: call.routedTo })}</p>}
                {call.appointmentAt && <p className="small">{t('history.appointmentAt', { when: formatDateTime(call.appointmentAt) })}</p>}
                {call.note && <p className="small history-note">{call.note}</p>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
