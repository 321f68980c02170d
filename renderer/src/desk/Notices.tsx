import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../../shared/contract/api';
import { errorMessage } from '../api/error-message';
import { applyRetention } from './desk-store';
import { useAppStore } from './app-store';
import { databaseReason } from '../settings/team-status-line';

/** What happened at start that the person should know (a file set aside, a call restored). */
export function Notices() {
  const { t } = useTranslation();
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  const draftError = useAppStore((s) => s.draftError);
  const team = useAppStore((s) => s.teamStatus);
  const teamOn = team !== null && (team.folder !== null || team.database !== null);
  const teamWaiting = teamOn && team.pending > 0 && team.reachable === false;
  // The copy may be fine while this computer's queue of copies is not (no room, no access).
  const teamStuckHere = teamOn && team.pending > 0 && !teamWaiting && team.localError !== null;
  // Records the copy refused or holds otherwise: kept here, and said until someone sees to them.
  const teamSetAside = teamOn && (team.conflicts > 0 || team.undeliverable > 0);
  const alerts = useAppStore((s) => s.journalAlerts);
  if (notices.length === 0 && draftError === null && !teamWaiting && !teamStuckHere && !teamSetAside && alerts.alerts.length === 0) return null;
  return (
    <div className="notices">
      {alerts.alerts.length > 0 && <JournalAlerts />}
      {draftError !== null && (
        <div className="banner warning" role="alert">
          <p>{t('notices.draftWriteFailed', { message: errorMessage(draftError, t('errors.network')) })}</p>
        </div>
      )}
      {teamWaiting && (
        <div className="banner warning" role="status">
          <p>
            {team.database !== null
              ? t('notices.teamWaitingDatabase', { reason: databaseReason(t, team.lastError), records: t('notices.records', { count: team.pending }) })
              : t('notices.teamWaiting', { folder: team.folder, records: t('notices.records', { count: team.pending }) })}
          </p>
        </div>
      )}
      {teamSetAside && (
        <div className="banner warning" role="status">
          <p>
            {t('notices.teamSetAside', {
              what: [team.conflicts > 0 ? t('team.conflicts', { count: team.conflicts }) : '', team.undeliverable > 0 ? t('team.undeliverable', { count: team.undeliverable }) : ''].filter(Boolean).join(' '),
            })}
          </p>
        </div>
      )}
      {teamStuckHere && (
        <div className="banner warning" role="status">
          <p>{t('notices.teamStuckHere', { code: team.localError, records: t('notices.records', { count: team.pending }) })}</p>
        </div>
      )}
      {notices.map((notice, index) =>
        notice.code === 'retention-due' ? (
          <RetentionNotice key={`${notice.code}-${index}`} notice={notice} onDone={() => dismiss(index)} />
        ) : (
        <div key={`${notice.code}-${index}`} className="banner info" role="status">
          <p>
            {t(`notices.${notice.code}`, {
              file: notice.file ?? '',
              detail: notice.detail ?? '',
              more: notice.more ? t('notices.moreProblems', { count: notice.more }) : '',
              using: notice.using ? t(`notices.using.${notice.using}`) : '',
            })}
          </p>
          <button type="button" className="icon-button" aria-label={t('notices.dismiss')} onClick={() => dismiss(index)}>
            ×
          </button>
        </div>
        ),
      )}
    </div>
  );
}

/** Problems in the clerk's own journal: they stay, across restarts, until the clerk says they have read them. */
function JournalAlerts() {
  const { t } = useTranslation();
  const { alerts, more } = useAppStore((s) => s.journalAlerts);
  const acknowledge = useAppStore((s) => s.acknowledgeAlerts);
  const [problem, setProblem] = useState<string | null>(null);
  async function done() {
    try {
      await acknowledge(alerts.map((a) => a.id));
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    }
  }
  return (
    <div className="banner warning journal-alerts" role="alert">
      <p>
        <strong>{t('journalAlerts.title')}</strong> {t('journalAlerts.intro')}
      </p>
      <ul>
        {alerts.map((a) => (
          <li key={a.id} title={a.file}>
            {t(`journalAlerts.kind.${a.kind}`, { month: monthOfFile(a.file), line: a.line ?? '', copy: t(`journalAlerts.copy.${a.copy}`) })}
            {a.count > 1 && ` ${t('journalAlerts.count', { count: a.count })}`}
          </li>
        ))}
        {more > 0 && <li>{t('journalAlerts.more', { count: more })}</li>}
      </ul>
      {problem && <p className="form-error">{problem}</p>}
      <div className="actions">
        <button type="button" className="button secondary small" onClick={() => void done()}>
          {t('journalAlerts.acknowledge')}
        </button>
      </div>
    </div>
  );
}

/** `calls/<clerk>/<YYYY-MM>.jsonl` → `YYYY-MM`: the clerk knows months, not paths (the path is in the tooltip). */
function monthOfFile(file: string): string {
  return /(\d{4}-\d{2})\.jsonl$/.exec(file)?.[1] ?? file;
}

/** Months past retention: said first, removed only when the person agrees (asked again at the next start otherwise). */
function RetentionNotice({ notice, onDone }: { notice: Notice; onDone(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const months = notice.months ?? [];
  async function remove() {
    setBusy(true);
    try {
      const { removed, notRemoved } = await applyRetention(months);
      useAppStore.getState().showToast(t('notices.retentionDone', { files: t('notices.files', { count: removed.length }) }));
      if (notRemoved.length > 0) {
        // Said, not hidden: the rest is offered again at the next start.
        setProblem(t('notices.retentionPartly', { files: t('notices.files', { count: notRemoved.length }), codes: [...new Set(notRemoved.map((n) => n.code))].join(', ') }));
        return;
      }
      onDone();
    } catch (error) {
      setProblem(errorMessage(error, t('errors.network')));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="banner warning" role="alert">
      <p>
        {t('notices.retention-due', {
          period: t('notices.monthsPeriod', { count: notice.retentionMonths ?? 0 }),
          months: months.join(', '),
          files: t('notices.files', { count: notice.more ?? months.length }),
        })}
      </p>
      {problem && <p className="form-error">{problem}</p>}
      <div className="actions">
        <button type="button" className="button secondary small" disabled={busy} onClick={onDone}>
          {t('notices.retentionLater')}
        </button>
        <button type="button" className="button primary small" disabled={busy} onClick={() => void remove()}>
          {t('notices.retentionRemove')}
        </button>
      </div>
    </div>
  );
}
