import { buildCallbackChangeRecord } from '../../shared/callbacks/callback-change-record';
import type { StoredContact } from '../../shared/callbacks/callback-contact';
import { CallbackFieldsSchema, callbackTimeProblem, mayConcernCallbacks, openCallbacks } from '../../shared/callbacks/callbacks';
import type { AppServices } from '../services/app-services';
import { LinePicker } from '../services/line-picker';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';
import { copyToTeam, idTaken, requireProfile } from './steps';

/** Callbacks are looked for in the newest months of the journal: an agreed callback is weeks away at most. */
const CALLBACK_MONTHS = 3;

/** The clerk's open callbacks with whom to call, and the changes made to them (moved, called off). */
export function callbackHandlers(services: AppServices): Handlers<'listCallbacks' | 'changeCallback'> {
  // Re-read after every save: only the lines appended since the last time are read.
  const callbackCalls = new LinePicker(services.journal, mayConcernCallbacks, CallbackFieldsSchema);

  /** The open callbacks with whom to call; contacts past their keeping or of closed callbacks are purged first. */
  async function callbacksWithContacts() {
    const profile = services.settings.profile;
    if (!profile) return [];
    const open = openCallbacks(await callbackCalls.fromLastMonths(profile.clerkId, CALLBACK_MONTHS));
    const keepDays = services.settings.preferences.callbackContactDays;
    // A purge that cannot write now is tried at the next listing; the list itself does not wait on it.
    await services.callbackContacts
      .purge(new Set(open.map((c) => c.id)), Date.now(), keepDays)
      .catch((error: Error) => console.error(`[callback-contacts] not purged: ${error.message}`));
    // A store that cannot be read (a folder in its place, say) leaves the callbacks listed without whom to call, not the list down.
    const contacts = await services.callbackContacts.all().catch((error: Error) => {
      console.error(`[callback-contacts] not read: ${error.message}`);
      return new Map<string, StoredContact>();
    });
    return open.map((c) => {
      const kept = contacts.get(c.id);
      return { ...c, contact: kept ? { phone: kept.phone, name: kept.name, honorific: kept.honorific, spokenName: kept.spokenName, caseRef: kept.caseRef } : null };
    });
  }

  return {
    async listCallbacks() {
      return { callbacks: await callbacksWithContacts() };
    },

    async changeCallback(input) {
      const profile = requireProfile(services);
      const now = Date.now();
      const open = openCallbacks(await callbackCalls.fromLastMonths(profile.clerkId, CALLBACK_MONTHS));
      if (!open.some((c) => c.id === input.callbackOf)) throw new ServiceError('bad-input', 'callbackNotOpen');
      if (input.change === 'rescheduled') {
        const problem = callbackTimeProblem(input.dueAt, now);
        if (problem) throw new ServiceError('bad-input', `callbackTime.${problem}`);
      }
      const saved = await services.journal.append(buildCallbackChangeRecord(input, profile, now));
      if (saved.type !== 'callback-change') throw idTaken();
      await copyToTeam(services, saved);
      if (saved.change === 'rescheduled' && saved.dueAt) await services.callbackContacts.reschedule(saved.callbackOf, saved.dueAt);
      else await services.callbackContacts.remove(saved.callbackOf);
      return { callbacks: await callbacksWithContacts() };
    },
  };
}
