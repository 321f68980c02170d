import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OUTCOMES } from '../../../shared/call/outcomes';
import { MISSED_ANY, QUICK_RANGES, quickRange, type RegisterFilter } from '../../../shared/register/register';
import { errorMessage } from '../api/error-message';
import { useAppStore } from '../desk/app-store';
import { exportRegister, importRecords, printReport as printReportToPdf, useRegisterStore } from './register-store';
import { registerProblemText } from './RegisterProblemText';
import { RegisterSummaryPanel } from './RegisterSummaryPanel';
import { RegisterTable } from './RegisterTable';
import { importSummary } from './import-summary';

/**
 * Rejestr rozmów: the team lead's weekly and monthly review. Filters on top,
 * what is wrong with the files first, then the summary with its charts, then
 * the calls themselves (on a wide screen the filters fold into a bar and the
 * list stands beside the summary, so the first call is in the first screen).
 * The Node side filters and sorts; the window only shows a page at a time,
 * so 300,000 calls never freeze it. Printed, it is a report: a header saying
 * whose and what, the summary and charts, nothing to click.
 */
export function RegisterView() {
  const { t } = useTranslation();
  const status = useRegisterStore((s) => s.status);
  const error = useRegisterStore((s) => s.error);
  const total = useRegisterStore((s) => s.total);
  const load = useRegisterStore((s) => s.load);

  useEffect(() => {
    void load(true);
  }, [load]);

  return (
    <section className="register" aria-labelledby="register-title">
      <PrintHeader />
      <div className="card register-controls">
        <div className="call-head">
          <h2 id="register-title">{t('register.title')}</h2>
          <button type="button" className="button secondary small" onClick={() => void load(true)}>
            {t('register.refresh')}
          </button>
        </div>
        <RegisterFilters />
        <p className="muted small" aria-live="polite">
          {status === 'loading' ? t('register.loading') : t('register.count', { count: total })}
        </p>
        {status === 'failed' && (
          <p className="form-error" role="alert">
            {t('register.loadFailed', { message: errorMessage(error, t('errors.network')) })}
          </p>
        )}
        <ExportActions />
      </div>

      <RegisterProblems />

      <RegisterSummaryPanel />
      <RegisterTable />
    </section>
  );
}

/** The printed report's head: what it is, and whose office and unit (the period, filters and date follow in the summary). */
function PrintHeader() {
  const { t } = useTranslation();
  const profile = useAppStore((s) => s.profile);
  return (
    <header className="print-only register-print-head">
      <p className="register-print-title">{t('register.print.title')}</p>
      {profile && <p>{t('register.print.office', { office: profile.officeName, unit: profile.unit })}</p>}
    </header>
  );
}

/** Problem entries shown before the lead asks for more. */
const FOLDED_PROBLEMS = 3;

/** What is wrong with the files read: unreadable folders, then each file's problems by kind — a few, then a page at a time. */
function RegisterProblems() {
  const { t } = useTranslation();
  const problems = useRegisterStore((s) => s.problems);
  const problemsListed = useRegisterStore((s) => s.problemsListed);
  const problemCount = useRegisterStore((s) => s.problemCount);
  const unreadable = useRegisterStore((s) => s.unreadable);
  const unreadableCount = useRegisterStore((s) => s.unreadableCount);
  const moreProblems = useRegisterStore((s) => s.moreProblems);
  // The figures come first: a few entries say enough, the rest are there on request.
  const [expanded, setExpanded] = useState(false);
  if (problemCount === 0 && unreadableCount === 0) return null;
  const unlisted = problemCount - problemsListed;
  const shown = expanded ? problems : problems.slice(0, FOLDED_PROBLEMS);
  return (
    <div className="banner warning register-problems" role="alert">
      <p>{t('register.problemsCount', { count: problemCount + unreadableCount })}</p>
      <ul>
        {unreadable.map((u) => (
          <li key={u.path}>{t('register.unreadable', { path: u.path, code: u.code })}</li>
        ))}
        {unreadableCount > unreadable.length && <li>{t('register.unreadableMore', { count: unreadableCount - unreadable.length })}</li>}
        {shown.map((p, i) => (
          <li key={`${p.folder}:${p.file}:${p.kind}:${i}`}>{registerProblemText(p, t)}</li>
        ))}
      </ul>
      {!expanded && problemsListed > shown.length && (
        <button type="button" className="button secondary small" onClick={() => setExpanded(true)}>
          {t('register.moreProblems', { count: problemsListed - shown.length })}
        </button>
      )}
      {expanded && problems.length < problemsListed && (
        <button type="button" className="button secondary small" onClick={() => void moreProblems()}>
          {t('register.moreProblems', { count: problemsListed - problems.length })}
        </button>
      )}
      {unlisted > 0 && expanded && problems.length >= problemsListed && <p className="small">{t('register.problemsUnlisted', { count: unlisted })}</p>}
    </div>
  );
}

function RegisterFilters() {
  const { t } = useTranslation();
  const id = useId();
  const filter = useRegisterStore((s) => s.filter);
  const facets = useRegisterStore((s) => s.facets);
  const setFilter = useRegisterStore((s) => s.setFilter);
  const resetFilter = useRegisterStore((s) => s.resetFilter);
  const one = <K extends keyof RegisterFilter>(key: K, value: string, toValue: (v: string) => RegisterFilter[K]) =>
    setFilter({ [key]: value === '' ? (Array.isArray(filter[key]) ? [] : null) : toValue(value) } as Partial<RegisterFilter>);
  const select = (name: string, label: string, value: string, onChange: (v: string) => void, options: { value: string; label: string }[]) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('register.filter.all')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <div className="register-filters" role="group" aria-label={t('register.filter.label')}>
      <div className="quick-ranges">
        {QUICK_RANGES.map((range) => (
          <button key={range} type="button" className="button secondary small" onClick={() => setFilter(quickRange(range, new Date()))}>
            {t(`register.range.${range}`)}
          </button>
        ))}
        <button type="button" className="button secondary small" onClick={resetFilter}>
          {t('register.filter.clear')}
        </button>
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor={`${id}-from`}>{t('register.filter.from')}</label>
          <input id={`${id}-from`} type="date" value={filter.from ?? ''} max={filter.to ?? undefined} onChange={(e) => setFilter({ from: e.target.value || null })} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`}>{t('register.filter.to')}</label>
          <input id={`${id}-to`} type="date" value={filter.to ?? ''} min={filter.from ?? undefined} onChange={(e) => setFilter({ to: e.target.value || null })} />
        </div>
      </div>
      <div className="field-row">
        {select('clerk', t('register.filter.clerk'), filter.clerkIds[0] ?? '', (v) => one('clerkIds', v, (x) => [x]), facets.clerks.map((c) => ({ value: c.id, label: c.name })))}
        {select('direction', t('register.filter.direction'), filter.direction ?? '', (v) => one('direction', v, (x) => x as 'incoming' | 'outgoing'), [
          { value: 'incoming', label: t('direction.incoming') },
          { value: 'outgoing', label: t('direction.outgoing') },
        ])}
      </div>
      <div className="field-row">
        {select('outcome', t('register.filter.outcome'), filter.outcomes[0] ?? '', (v) => one('outcomes', v, (x) => [x as (typeof OUTCOMES)[number]]), OUTCOMES.map((o) => ({ value: o, label: t(`outcomes.${o}`) })))}
        {select('unit', t('register.filter.unit'), filter.routedUnitIds[0] ?? '', (v) => one('routedUnitIds', v, (x) => [x]), facets.units.map((u) => ({ value: u.id, label: u.name })))}
      </div>
      <div className="field-row">
        {select('missed', t('register.filter.missed'), filter.missed ?? '', (v) => one('missed', v, (x) => x), [
          { value: MISSED_ANY, label: t('register.filter.missedAny') },
          ...facets.items.map((i) => ({ value: i.id, label: i.label })),
        ])}
      </div>
    </div>
  );
}

function ExportActions() {
  const { t } = useTranslation();
  const total = useRegisterStore((s) => s.total);
  // On the team database every clerk delivers their own records: there is no file to import.
  const onDatabase = useAppStore((s) => s.team.teamDatabase !== null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const [imported, setImported] = useState<string | null>(null);

  async function importFile() {
    setBusy(true);
    setProblem(null);
    setImported(null);
    try {
      const result = await importRecords();
      if (!result.path) return;
      setImported(importSummary({ ...result, path: result.path }, t));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  async function printReport() {
    setBusy(true);
    setProblem(null);
    try {
      const { path } = await printReportToPdf(`raport-rozmow-${new Date().toISOString().slice(0, 10)}.pdf`);
      if (path) useAppStore.getState().showToast(t('register.printed', { path }));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  async function exportAs(format: 'csv' | 'jsonl') {
    setBusy(true);
    setProblem(null);
    try {
      const result = await exportRegister(format);
      if (result.path) useAppStore.getState().showToast(t('register.exported', { rows: t('register.exportedCount', { count: result.rows }), path: result.path }));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <div className="actions export-actions">
        <button type="button" className="button secondary" disabled={busy || total === 0} onClick={() => void exportAs('csv')}>
          {t('register.export.csv')}
        </button>
        <button type="button" className="button secondary" disabled={busy || total === 0} onClick={() => void exportAs('jsonl')}>
          {t('register.export.jsonl')}
        </button>
        <button type="button" className="button secondary" disabled={busy || total === 0} onClick={() => void printReport()}>
          {t('register.export.print')}
        </button>
        {!onDatabase && (
          <button type="button" className="button secondary" disabled={busy} onClick={() => void importFile()}>
            {t('register.import.button')}
          </button>
        )}
      </div>
      {onDatabase && <p className="muted small">{t('register.fromDatabase')}</p>}
      {imported && (
        <p className="done-line" role="status">
          {imported}
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </>
  );
}
