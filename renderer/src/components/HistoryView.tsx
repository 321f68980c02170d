import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/instance';
import { formatDateTime, formatDuration } from '../format';
import { useHistoryStore } from '../stores/history-store';

export function HistoryView() {
  const { t } = useTranslation();
  const { status, calls, problems, error, load } = useHistoryStore();

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
              <li key={`${p.file}:${p.line}`}>{t(`history.problem.${p.kind}`, { file: p.file, line: p.line })}</li>
            ))}
          </ul>
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
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('history.when')}</th>
                  <th scope="col">{t('history.direction')}</th>
                  <th scope="col">{t('history.duration')}</th>
                  <th scope="col">{t('history.outcome')}</th>
                  <th scope="col">{t('history.missed')}</th>
                </tr>
              </thead>
              <tbody>
                {calls.map((call) => (
                  <tr key={call.id}>
                    <td>{formatDateTime(call.startedAt)}</td>
                    <td>{t(`direction.${call.direction}`)}</td>
                    <td>{formatDuration(call.durationSec * 1000)}</td>
                    <td>{t(`outcomes.${call.outcome}`)}</td>
                    <td className={call.missed.length ? 'missed-cell' : undefined}>
                      {call.missed.length ? call.missed.join('; ') : t('history.none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
