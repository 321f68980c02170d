import type { Notice } from '../../shared/contract/api';
import { IDLE } from '../../shared/call/call-machine';
import { buildShiftRecord, shiftRecordedOn } from '../../shared/journal/shift-record';
import type { Profile } from '../../shared/settings/profile';
import { databaseView } from '../../shared/settings/team-database';
import type { AppServices } from '../services/app-services';
import { monthOf, parseJournalLines } from '../services/journal';
import type { Handlers } from './dispatch';
import { copyToTeam, idTaken, requireProfile } from './steps';

type DeskMethod = 'getAppState' | 'acknowledgeJournalAlerts' | 'saveShift' | 'notify' | 'windowControl' | 'suspendHotkeys' | 'followCall';

/** The clerk's desk: what the window needs at start, the alerts it shows, the shift check, and the overlay's shell. */
export function deskHandlers(services: AppServices): Handlers<DeskMethod> {
  return {
    async getAppState() {
      // What happened at start is said once, not again at every reload.
      const notices: Notice[] = services.takeStartupNotices();
      const { state, setAsideAs } = await services.draftStore.load();
      if (setAsideAs) notices.push({ code: 'draft-corrupt', file: setAsideAs });
      // Read now, so an unreadable store of whom to call back is said at start, not found out from a list without numbers.
      await services.callbackContacts.all().catch((error: Error) => console.error(`[callback-contacts] not read: ${error.message}`));
      const contactsAside = services.callbackContacts.takeSetAside();
      if (contactsAside) notices.push({ code: 'callback-contacts-corrupt', file: contactsAside });
      let draft = state;
      const { profile, officeFiles, preferences, teamFolder, teamDatabase, retentionMonths } = services.settings;
      // A draft whose call is already in the journal was saved just before a
      // crash; restoring it would invite a second copy of the same call.
      if (draft.phase !== 'idle' && profile && (await services.journal.has(profile.clerkId, draft.call.id))) {
        await services.draftStore.clear();
        draft = IDLE;
      }
      if (draft.phase !== 'idle') notices.push({ code: 'draft-restored' });
      const { checklists, shiftChecklist, scripts, directory, glossary } = services.content;
      const shiftToday = profile ? await shiftDoneToday(services, profile) : false;
      return {
        profile,
        checklists,
        shiftChecklist,
        scripts,
        directory,
        glossary,
        officeFiles,
        contentSources: services.contentSources,
        team: { teamFolder, teamDatabase: databaseView(teamDatabase), retentionMonths },
        preferences,
        hotkeyProblems: services.takeHotkeyProblems(),
        shiftToday,
        draft,
        notices,
        journalAlerts: services.alerts.list(),
      };
    },

    async acknowledgeJournalAlerts({ ids }) {
      await services.alerts.acknowledge(ids);
      return services.alerts.list();
    },

    async saveShift(input) {
      const profile = requireProfile(services);
      const saved = await services.journal.append(buildShiftRecord(input, services.content.shiftChecklist, profile, Date.now()));
      if (saved.type !== 'shift') throw idTaken();
      await copyToTeam(services, saved);
      return { ok: true as const };
    },

    async notify({ title, body }) {
      return { shown: services.notifier ? services.notifier(title, body) : false };
    },

    async windowControl({ action }) {
      services.shell?.windowControl(action);
      return { ok: true as const };
    },

    async suspendHotkeys({ suspended }) {
      services.shell?.suspendHotkeys(suspended);
      return { ok: true as const };
    },

    async followCall({ startedAt }) {
      services.shell?.followCall(startedAt);
      return { ok: true as const };
    },
  };
}

/** On every start: only this month's shift lines are parsed, not its calls. */
async function shiftDoneToday(services: AppServices, profile: Profile): Promise<boolean> {
  const now = new Date();
  // A month file that cannot be read must not stop the start: the check is offered again, and the alerts name the file.
  const scan = await services.journal.scanMonth(profile.clerkId, monthOf(now)).catch(() => null);
  if (!scan) return false;
  const { records } = parseJournalLines(
    scan.lines.filter((l) => l.type === 'shift'),
    scan.file,
  );
  return shiftRecordedOn(records, now);
}
