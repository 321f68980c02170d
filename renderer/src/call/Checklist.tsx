import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { checklistRows, type ActiveCall, type ChecklistRow } from '../../../shared/call/call-machine';
import { formatDuration } from '../ui/format';
import { KEYS } from '../keys/keys';
import { useKeyTarget } from '../keys/use-key-target';
import { useCallStore } from './call-store';
import { Kbd } from '../ui/Kbd';

/** The call's checklist: click or press the number to tick; each tick shows when it happened. */
export function Checklist({ call }: { call: ActiveCall }) {
  return <ChecklistRows rows={checklistRows(call)} />;
}

/**
 * Rendered again only when a row changes: not for the rest of the call
 * changing, nor for the call starting on a screen built for it beforehand
 * (the same items, nothing ticked), when nothing here would change.
 */
const ChecklistRows = memo(function ChecklistRows({ rows }: { rows: ChecklistRow[] }) {
  const { t } = useTranslation();
  const dispatch = useCallStore((s) => s.dispatch);
  const keys = useKeyTarget();
  return (
    <fieldset className="checklist">
      <legend>{t('call.checklist')}</legend>
      <p className={`small keys-target to-${keys}`} data-testid="keys-target">
        {keys === 'text' ? t('call.keysInText') : t('call.checklistHint', { max: rows.length })}
      </p>
      <ul>
        {rows.map(({ item, state, applies, key }) => {
          const inputId = `item-${item.id}`;
          const tickOffset = state.done ? state.atMs : null;
          const hasMeta = !applies || tickOffset !== null || (!state.done && Boolean(item.hint));
          return (
            <li key={item.id} className={`check-row${state.done ? ' done' : ''}${applies ? '' : ' not-applicable'}`}>
              <input
                id={inputId}
                type="checkbox"
                checked={state.done}
                aria-keyshortcuts={String(key)}
                aria-describedby={hasMeta ? `${inputId}-hint` : undefined}
                onChange={() => dispatch({ type: 'toggle-item', itemId: item.id, at: Date.now() })}
              />
              <label htmlFor={inputId}>
                <Kbd>{String(key)}</Kbd>
                <span className="check-label">{item.label}</span>
              </label>
              {hasMeta && (
                <p className="check-meta" id={`${inputId}-hint`}>
                  {!applies && <span className="tag">{t('call.notApplicable')}</span>}
                  {tickOffset !== null ? (
                    <span className="tick-time">
                      {state.atWrapUp
                        ? t('call.tickedAtWrapUp')
                        : t('call.tickedAt', { time: formatDuration(tickOffset) })}
                    </span>
                  ) : (
                    // The hint helps before the item is done; after, it would only lengthen the list.
                    item.hint && (
                      <span>
                        {item.hint}
                        {item.clause && <span className="clause"> ({item.clause})</span>}
                      </span>
                    )
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}, (before, after) => sameRows(before.rows, after.rows));

function sameRows(a: ChecklistRow[], b: ChecklistRow[]): boolean {
  return a.length === b.length && a.every((row, i) => {
    const other = b[i]!;
    return row.item === other.item && row.state === other.state && row.applies === other.applies && row.key === other.key;
  });
}

/**
 * The tick a key or a click just took away, with the way back. Shown in the
 * call's guide, which stays in view: a notice down in a scrolled list would
 * go unseen.
 */
export const UntickNotice = memo(function UntickNotice() {
  const { t } = useTranslation();
  const lastUntick = useCallStore((s) => s.lastUntick);
  const undoUntick = useCallStore((s) => s.undoUntick);
  if (!lastUntick) return null;
  return (
    <p className="untick-notice small" role="status">
      {t(lastUntick.byScript ? 'call.untickedScript' : 'call.unticked', { label: lastUntick.label })}{' '}
      <button type="button" className="button secondary small" aria-keyshortcuts="Control+Z" onClick={undoUntick}>
        {t('call.undo')} <Kbd>{KEYS.undoUntick}</Kbd>
      </button>
    </p>
  );
});
