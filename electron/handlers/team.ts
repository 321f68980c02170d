import { promises as fs } from 'node:fs';
import { v7 as uuidv7 } from 'uuid';
import { buildRetentionRecord, firstKeptMonth } from '../../shared/journal/retention';
import { retentionPlaces, type AppServices } from '../services/app-services';
import { countRecords, findExpired, removeFiles } from '../services/retention';
import type { TeamDatabase } from '../../shared/settings/team-database';
import { asTrouble, openChecked } from '../services/postgres/pg-connection';
import { markTeamFolder, teamTargetOf } from '../services/team-sync';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';
import { copyToTeam, requireProfile } from './steps';

/** How long the status waits for the delivery it starts before it answers with what is known. */
export const TEAM_STATUS_WAIT_MS = 10_000;

/** Team mode (the shared folder or database records are copied to), its status, and removing months past retention. */
export function teamHandlers(services: AppServices): Handlers<'saveTeamSettings' | 'getTeamStatus' | 'applyRetention'> {
  return {
    async saveTeamSettings({ teamFolder, teamDatabase: databaseInput, retentionMonths }) {
      if (teamFolder) {
        await requireReachableFolder(teamFolder);
        await markTeamFolder(teamFolder);
      }
      const before = services.settings;
      let teamDatabase: TeamDatabase | null = null;
      if (databaseInput) {
        // No new password: the saved one, if it was for the same login at the same server.
        const keep = before.teamDatabase?.url === databaseInput.url ? before.teamDatabase.password : null;
        teamDatabase = { ...databaseInput, password: databaseInput.password ?? keep };
        await requireDatabase(teamDatabase, before.profile?.clerkId ?? null);
      }
      const target = teamTargetOf({ teamFolder, teamDatabase });
      const switchedOn = target !== null && JSON.stringify(target) !== JSON.stringify(teamTargetOf(before));
      const { profile } = await services.settingsStore.update({ teamFolder, teamDatabase, retentionMonths });
      await services.team.setTarget(target);
      // What the register kept of a team folder it no longer reads goes now, not at its next opening.
      await services.register.forgetFoldersNotRead();
      // Switched on (or moved): what this clerk saved lately goes to the new copy too.
      if (switchedOn && profile) await services.team.reconcile(services.journal, profile.clerkId);
      return services.team.statusWithin(TEAM_STATUS_WAIT_MS);
    },

    async getTeamStatus() {
      // Each ask is a delivery attempt too; a copy that does not answer is not waited for past a few seconds.
      return services.team.statusWithin(TEAM_STATUS_WAIT_MS);
    },

    async applyRetention({ months }) {
      const profile = requireProfile(services);
      const named = new Set(months);
      // Only what the person was told about, and only what is still past retention now.
      const files = (await findExpired(retentionPlaces(services.dataDir, services.settings), new Date(), services.settings.retentionMonths)).filter((f) => named.has(f.month));
      if (files.length === 0) return { removed: [], notRemoved: [] };
      // Recorded before removing: a crash in between leaves files still to remove
      // (offered again at the next start), never a gap without a record.
      const { counted, unreadable } = await countRecords(files);
      const listed = counted.map(({ file, records }) => ({ copy: file.copy, clerkId: file.clerkId, month: file.month, records }));
      if (listed.length > 0) {
        const saved = await services.journal.append(buildRetentionRecord(uuidv7(), listed, services.settings.retentionMonths, profile, Date.now()));
        await copyToTeam(services, saved);
      }
      // What cannot be read or removed (no rights, a share gone) is said, and offered again at the next start.
      const failed = [...unreadable, ...(await removeFiles(counted.map((c) => c.file)))];
      // What the register keeps of those months goes with them.
      await services.register.forgetBefore(firstKeptMonth(new Date(), services.settings.retentionMonths)).catch((error: Error) => console.error(`[register] index not pruned: ${error.message}`));
      const kept = new Set(failed.map(({ file }) => file.path));
      return {
        removed: listed.filter((_, i) => !kept.has(counted[i]!.file.path)),
        notRemoved: failed.map(({ file, code }) => ({ copy: file.copy, clerkId: file.clerkId, month: file.month, code })),
      };
    },
  };
}

/** The database must answer, know this app's schema, and take this login for this office and clerk before it is saved. */
async function requireDatabase(database: TeamDatabase, clerkId: string | null): Promise<void> {
  try {
    // Without a profile yet: the schema and the office are checked now, the clerk at the first delivery.
    await (await openChecked(database, clerkId)).end();
  } catch (error) {
    throw new ServiceError('bad-input', `teamDatabase.${asTrouble(error).trouble}`);
  }
}

async function requireReachableFolder(folder: string): Promise<void> {
  let stat;
  try {
    stat = await fs.stat(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ServiceError('bad-input', 'teamFolderMissing', { folder });
    throw new ServiceError('bad-input', 'teamFolderUnreachable', { folder, code: code ?? (error as Error).message });
  }
  if (!stat.isDirectory()) throw new ServiceError('bad-input', 'teamFolderIsFile', { folder });
}
