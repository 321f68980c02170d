import type { TFunction } from 'i18next';
import type { TeamStatus } from '../../../shared/settings/team-settings';
import type { SavedTeam } from './team-form-values';

/** One line on how team mode is doing now: off, copies going, or waiting — and, for a database, why. */
export function teamStatusLine(t: TFunction, team: SavedTeam, status: TeamStatus | null): string {
  const records = t('notices.records', { count: status?.pending ?? 0 });
  const conflicts = (status?.conflicts ? ` ${t('team.conflicts', { count: status.conflicts })}` : '') + (status?.undeliverable ? ` ${t('team.undeliverable', { count: status.undeliverable })}` : '');
  if (team.teamDatabase) {
    if (status?.reachable === false) return t('team.statusDatabaseWaiting', { records, reason: databaseReason(t, status.lastError) }) + conflicts;
    return t('team.statusDatabaseOn', { records }) + conflicts;
  }
  if (team.teamFolder) {
    if (status?.reachable === false) return t('team.statusUnreachable', { records }) + conflicts;
    return t('team.statusOn', { records }) + conflicts;
  }
  return t('team.statusOff');
}

/** The clerk's words for a database trouble the status carries (shared/settings/team-database.ts). */
export function databaseReason(t: TFunction, trouble: string | null): string {
  return t(`serverErrors.teamDatabase.${trouble ?? 'db-error'}`, { defaultValue: t('serverErrors.teamDatabase.db-error') });
}
