import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDuration } from '../format';
import { useRegisterStore } from '../stores/register-store';

const ROW_HEIGHT = 56;

/**
 * The calls of the filtered set, as many as there are: only the rows in view
 * (and a few around) are in the page, and they are fetched as they scroll in.
 */
export function RegisterTable() {
  const { t } = useTranslation();
  const total = useRegisterStore((s) => s.total);
  const rows = useRegisterStore((s) => s.rows);
  const ensureRows = useRegisterStore((s) => s.ensureRows);
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // jsdom and a first paint have no layout: assume a window's worth of rows.
    initialRect: { width: 440, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, ensureRows]);

  if (total === 0) return null;
  return (
    <section className="card register-table" aria-labelledby="register-table-title">
      <h2 id="register-table-title">{t('register.table.title')}</h2>
      <div
        ref={scroller}
        className="register-scroller"
        style={{ height: `min(28rem, ${total * ROW_HEIGHT + 2}px)` }}
        tabIndex={0} role="list" aria-label={t('register.table.label', { count: total })}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows.get(item.index);
            return (
              <div
                key={item.key}
                role="listitem"
                aria-setsize={total}
                aria-posinset={item.index + 1}
                className={`register-row${row?.integrity ? ' flagged' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              >
                {row ? (
                  <>
                    <div className="register-row-head">
                      <time dateTime={row.startedAt}>{formatDateTime(row.startedAt)}</time>
                      <span className="clerk">{row.clerkName}</span>
                      <span>{t(`direction.${row.direction}`)}</span>
                      <span className="duration">{formatDuration(row.durationSec * 1000)}</span>
                    </div>
                    <p className="register-row-detail">
                      <span className="outcome-badge">{t(`outcomes.${row.outcome}`)}</span>{' '}
                      {row.integrity && (
                        <span className="integrity" title={row.integrity}>
                          {row.integrity} ·{' '}
                        </span>
                      )}
                      {row.routedTo && <span>{t('history.routedTo', { unit: row.routedTo })} · </span>}
                      {row.missed.length ? <span className="missed-line">{t('history.missedList', { items: row.missed.join('; ') })}</span> : <span className="muted">{t('history.noneMissed')}</span>}
                      {row.score !== null && <span className="muted"> · {t('history.score', { percent: Math.round(row.score * 100) })}</span>}
                    </p>
                  </>
                ) : (
                  <p className="muted small">{t('register.loading')}</p>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
