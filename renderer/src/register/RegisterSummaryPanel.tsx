import { useTranslation } from 'react-i18next';
import type { Share } from '../../../shared/register/statistics';
import { MISSED_ANY } from '../../../shared/register/register';
import { formatDateTime, formatDuration } from '../ui/format';
import { useRegisterStore } from './register-store';
import { BarList, DayColumns } from './charts';

/** The summary of the filtered calls: the figures a team lead reviews, then the four charts. */
export function RegisterSummaryPanel() {
  const { t } = useTranslation();
  const summary = useRegisterStore((s) => s.summary);
  const filter = useRegisterStore((s) => s.filter);
  const facets = useRegisterStore((s) => s.facets);
  if (!summary) return null;
  const empty = summary.calls === 0;

  // What the printed report covers, in words: a page on a desk has no filter bar above it.
  const nameOf = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? id;
  const filterWords = [
    ...filter.clerkIds.map((id) => `${t('register.filter.clerk')}: ${nameOf(facets.clerks, id)}`),
    ...(filter.direction ? [`${t('register.filter.direction')}: ${t(`direction.${filter.direction}`)}`] : []),
    ...filter.outcomes.map((o) => `${t('register.filter.outcome')}: ${t(`outcomes.${o}`)}`),
    ...filter.routedUnitIds.map((id) => `${t('register.filter.unit')}: ${nameOf(facets.units, id)}`),
    ...(filter.missed ? [`${t('register.filter.missed')}: ${filter.missed === MISSED_ANY ? t('register.filter.missedAny') : (facets.items.find((i) => i.id === filter.missed)?.label ?? filter.missed)}`] : []),
  ];

  const percent = (share: Share) => (share.rate === null ? '—' : `${Math.round(share.rate * 100)}%`);
  const ofWhat = (share: Share) => t('register.summary.ofCount', { count: share.count, of: share.of });
  const seconds = (value: number | null) => (value === null ? '—' : formatDuration(Math.round(value) * 1000));
  const tiles: { label: string; value: string; detail?: string }[] = [
    { label: t('register.summary.calls'), value: String(summary.calls), detail: t('register.summary.directions', { incoming: summary.incoming, outgoing: summary.outgoing }) },
    { label: t('register.summary.duration'), value: seconds(summary.meanDurationSec), detail: t('register.summary.median', { value: seconds(summary.medianDurationSec) }) },
    { label: t('register.summary.greeting'), value: percent(summary.greetingWithin30s), detail: ofWhat(summary.greetingWithin30s) },
    { label: t('register.summary.identity'), value: percent(summary.identityConfirmedOutbound), detail: ofWhat(summary.identityConfirmedOutbound) },
    { label: t('register.summary.routed'), value: percent(summary.routed), detail: ofWhat(summary.routed) },
    { label: t('register.summary.invited'), value: percent(summary.invited), detail: ofWhat(summary.invited) },
    {
      label: t('register.summary.callbacks'),
      value: percent(summary.callbacksKeptOnTime),
      detail: t('register.summary.callbacksDetail', { agreed: t('register.summary.agreed', { count: summary.callbacksAgreed }), kept: summary.callbacksKeptOnTime.count, of: summary.callbacksKeptOnTime.of }),
    },
    { label: t('register.summary.atWrapUp'), value: percent(summary.itemsTickedAtWrapUp), detail: ofWhat(summary.itemsTickedAtWrapUp) },
    { label: t('register.summary.score'), value: summary.meanScore === null ? '—' : `${Math.round(summary.meanScore * 100)}%` },
  ];

  return (
    <section className="card register-summary" aria-labelledby="register-summary-title">
      <h2 id="register-summary-title">{t('register.summary.title')}</h2>
      <p className="muted small print-only">
        {filter.from || filter.to ? t('register.summary.period', { from: filter.from ?? '…', to: filter.to ?? '…' }) : t('register.summary.wholeRegister')}
        {filterWords.length > 0 && ` · ${filterWords.join(' · ')}`} · {t('register.summary.made', { when: formatDateTime(new Date().toISOString()) })}
      </p>
      {empty && (
        <p className="banner info" role="status">
          {filterWords.length > 0 || filter.from || filter.to
            ? t('register.summary.emptyFiltered', { filters: [...(filter.from || filter.to ? [t('register.summary.period', { from: filter.from ?? '…', to: filter.to ?? '…' })] : []), ...filterWords].join(' · ') })
            : t('register.summary.emptyRegister')}
        </p>
      )}
      <dl className="tiles">
        {tiles.map((tile) => (
          <div key={tile.label} className="tile">
            <dt>{tile.label}</dt>
            <dd>
              <span className="tile-value">{tile.value}</span>
              {tile.detail && <span className="tile-detail">{tile.detail}</span>}
            </dd>
          </div>
        ))}
      </dl>

      {!empty && (
        <>
          <h3>{t('register.charts.perDay')}</h3>
          <DayColumns days={summary.perDay} label={(d) => t('register.charts.dayCalls', { day: d.day, count: d.calls })} />

          <h3>{t('register.charts.items')}</h3>
          <BarList
            bars={summary.items.map((item) => ({ key: item.id, label: item.label, fraction: item.done.rate ?? 0, value: `${percent(item.done)} (${item.done.count}/${item.done.of})` }))}
          />

          <h3>{t('register.charts.outcomes')}</h3>
          <BarList
            bars={Object.entries(summary.outcomes)
              .filter(([, n]) => n > 0)
              .sort((a, b) => b[1] - a[1])
              .map(([outcome, n]) => ({ key: outcome, label: t(`outcomes.${outcome}`), fraction: n / summary.calls, value: t('register.count', { count: n }) }))}
          />
        </>
      )}

      {summary.routingTargets.length > 0 && (
        <>
          <h3>{t('register.charts.routing')}</h3>
          <BarList
            bars={summary.routingTargets.map((target) => ({
              key: target.unitId,
              label: target.external ? `${target.unitName} (${t('routing.external')})` : target.unitName,
              fraction: target.calls / summary.routed.count,
              value: t('register.count', { count: target.calls }),
            }))}
          />
        </>
      )}
    </section>
  );
}
