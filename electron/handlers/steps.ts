import type { JournalRecord } from '../../shared/journal/journal-record';
import type { Profile } from '../../shared/settings/profile';
import type { AppServices } from '../services/app-services';
import { teamTargetOf } from '../services/team-sync';
import { ServiceError } from './service-error';

/** Steps several areas' handlers take: the profile a write needs, the team copy of what was written. */

export function requireProfile(services: AppServices): Profile {
  const profile = services.settings.profile;
  if (!profile) throw new ServiceError('no-profile', 'noProfile');
  return profile;
}

/** The journal returned a different record under the id: it was taken by another. */
export function idTaken(): ServiceError {
  return new ServiceError('bad-input', 'idTaken');
}

/**
 * The record is safe in the local journal; its copy for the team (folder or database) is
 * queued and sent in the background. Neither step may fail the save: an
 * outbox that cannot be written is caught up with at the next start.
 */
export async function copyToTeam(services: AppServices, record: JournalRecord): Promise<void> {
  if (!teamTargetOf(services.settings)) return;
  try {
    await services.team.enqueue(record);
  } catch (error) {
    console.error(`[team] outbox not written for ${record.id}: ${(error as Error).message}`);
  }
  void services.team.deliver();
}
