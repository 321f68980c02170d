import { defaultRangeExtractor, measureElement, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SORT_KEYS, type SortKey } from '../../../shared/register/register';
import { formatDateTime, formatDuration } from '../ui/format';
import { useRegisterStore } from './register-store';
import { RegisterCallDialog } from './RegisterCallDialog';

/** A row's height before it is measured (rows wrap, and larger text makes them taller). */
const ROW_ESTIMATE = 76;
/** Rows PageUp / PageDown move by. */
const PAGE_ROWS = 8;

/**
 * The calls of the filtered set, as many as there are: only the rows in view
 * (and a few around) are in the page, and they are fetched as they scroll in.
 * Each row opens the whole call. One row at a time takes Tab (the one last
 * used); the arrow keys, Home, End, PageUp and PageDown move between rows,
 * Enter or a click opens one, and closing gives the focus back to it. That
 * row is always kept in the page, so scrolling never drops the focus.
 */
export function RegisterTable() {
  const { t } = useTranslation();
  const total = useRegisterStore((s) => s.total);
  const rows = useRegisterStore((s) => s.rows);
  const generation = useRegisterStore((s) => s.generation);
  const ensureRows = useRegisterStore((s) => s.ensureRows);
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [opened, setOpened] = useState<string | null>(null);
  /** The row to put the focus on once it is in the page (after a key moved to it, or a dialog closed). */
  const focusWanted = useRef<number | null>(null);

  // A new filter or order: the first row is the one Tab reaches.
  useEffect(() => setActive(0), [generation]);
  const current = Math.min(active, Math.max(0, total - 1));

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (total > 0 && !indexes.includes(current)) indexes.push(current);
      return indexes.sort((a, b) => a - b);
    },
    [current, total],
  );
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 10,
    rangeExtractor,
    // A row is never empty: nothing measured means no layout (jsdom, a list hidden while printing) — keep the estimate.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ROW_ESTIMATE,
    // jsdom and a first paint have no layout: assume a window's worth of rows.
    initialRect: { width: 440, height: 480 },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (total > 0) ensureRows(first, last);
  }, [first, last, total, ensureRows]);

  useEffect(() => {
    const wanted = focusWanted.current;
    if (wanted === null || opened !== null) return;
    const button = scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${wanted}"] .register-row-open`);
    if (button) {
      focusWanted.current = null;
      button.focus({ preventScroll: true });
    }
  });

  function moveTo(index: number) {
    const next = Math.max(0, Math.min(total - 1, index));
    setActive(next);
    focusWanted.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: total - 1, PageDown: current + PAGE_ROWS, PageUp: current - PAGE_ROWS };
    if (!(event.key in moves)) return;
    event.preventDefault();
    moveTo(moves[event.key]!);
  }

  function close() {
    focusWanted.current = current;
    setOpened(null);
  }

  if (total === 0) return null;
  return (
    <section className="card register-table" aria-labelledby="register-table-title">
      <div className="call-head register-table-head">
        <h2 id="register-table-title">{t('register.table.title')}</h2>
        <SortChoice />
      </div>
      <div
        ref={scroller}
        className="register-scroller"
        style={{ '--rows-height': `${virtualizer.getTotalSize() + 2}px` } as CSSProperties}
        role="list"
        aria-label={t('register.table.label', { count: total })}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rows.get(item.index);
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                role="listitem"
                aria-setsize={total}
                aria-posinset={item.index + 1}
                className={`register-row${row?.integrity ? ' flagged' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${item.start}px)` }}
              >
                <button
                  type="button"
                  className="register-row-open"
                  tabIndex={item.index === current ? 0 : -1}
                  aria-haspopup="dialog"
                  aria-disabled={!row}
                  onFocus={() => setActive(item.index)}
                  onClick={() => {
                    setActive(item.index);
                    if (row) setOpened(row.id);
                  }}
                >
                  {row ? (
                    <>
                      <span className="register-row-head">
                        <time dateTime={row.startedAt}>{formatDateTime(row.startedAt)}</time>
                        <span>{t(`direction.${row.direction}`)}</span>
                        <span className="duration">{formatDuration(row.durationSec * 1000)}</span>
                        <span className="outcome-badge">{t(`outcomes.${row.outcome}`)}</span>
                      </span>
                      <span className="clerk">{row.clerkName}</span>
                      <span className="register-row-detail">
                        {row.integrity && (
                          <span className="integrity" title={row.integrity}>
                            {row.integrity} ·{' '}
                          </span>
                        )}
                        {row.routedTo && <span>{t('history.routedTo', { unit: row.routedTo })} · </span>}
                        {row.missed.length ? <span className="missed-line">{t('history.missedList', { items: row.missed.join('; ') })}</span> : <span className="muted">{t('history.noneMissed')}</span>}
                        {row.score !== null && <span className="muted"> · {t('history.score', { percent: Math.round(row.score * 100) })}</span>}
                      </span>
                    </>
                  ) : (
                    <span className="muted small">{t('register.loading')}</span>
                  )}
                </button>
              </div>
            );
          })}
        </div>
      </div>
      {opened && <RegisterCallDialog id={opened} onClose={close} />}
    </section>
  );
}

/** The list's order, beside its title: it orders the list, it filters nothing. */
function SortChoice() {
  const { t } = useTranslation();
  const id = useId();
  const sort = useRegisterStore((s) => s.sort);
  const setSort = useRegisterStore((s) => s.setSort);
  return (
    <div className="register-sort">
      <label htmlFor={id}>{t('register.sort.label')}</label>
      <select
        id={id}
        value={`${sort.key}:${sort.descending ? 'desc' : 'asc'}`}
        onChange={(e) => {
          const [key, dir] = e.target.value.split(':') as [SortKey, string];
          setSort({ key, descending: dir === 'desc' });
        }}
      >
        {SORT_KEYS.flatMap((key) => ['desc', 'asc'].map((dir) => `${key}:${dir}`)).map((value) => (
          <option key={value} value={value}>
            {t(`register.sort.${value.replace(':', '-')}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
