import { buildCallRecord, summarizeCall } from '../../shared/journal/call-record';
import { verifyRecordedItems } from '../../shared/call/checklist-catalog';
import { callForSaving } from '../../shared/call/call-for-saving';
import { wrapUpProblemKey, wrapUpProblems, type WrapUpProblem } from '../../shared/call/wrap-up';
import { maskIdentifiers } from '../../shared/masking/masking';
import { checkContact, EMPTY_CONTACT, type CallbackContactInput } from '../../shared/callbacks/callback-contact';
import { closesCallback } from '../../shared/callbacks/callbacks';
import { isCallRecord } from '../../shared/journal/journal-record';
import { routedAsListed } from '../../shared/directory/routing';
import type { AppServices } from '../services/app-services';
import type { Handlers } from './dispatch';
import { ServiceError } from './service-error';
import { copyToTeam, idTaken, requireProfile } from './steps';

/** The call: its draft while it lasts, its save, and the clerk's recent calls. */
export function callHandlers(services: AppServices): Handlers<'saveDraft' | 'saveCall' | 'listRecentCalls'> {
  return {
    async saveDraft({ state }) {
      await services.draftStore.save(state);
      return { ok: true as const };
    },

    async saveCall(input) {
      const profile = requireProfile(services);
      const now = Date.now();
      // The same rule the window showed before the save: the two sides cannot disagree on what may be saved.
      const problem = wrapUpProblems(input, now, input.contact ?? null)[0];
      if (problem) throw new ServiceError('bad-input', wrapUpProblemKey(problem), contactField(problem, input.contact ?? null));
      const outcome = input.outcome!; // none chosen is a problem above
      const check = input.outcome === 'callback' ? checkContact(input.contact ?? EMPTY_CONTACT) : null;
      const contact = check?.ok ? check.contact : null;
      // What is scored comes from the service's own checklist; the window's call gives only its ticks and times.
      const checked = callForSaving(input.call, services.checklists, now);
      if ('problem' in checked) throw new ServiceError('bad-input', `callRefused.${checked.problem}`);
      const record = buildCallRecord({ ...input, outcome, call: routedAsListed(checked.call, services.content.directory) }, profile, now);
      // Whom to call is kept before the call that agrees the callback: a contact whose call did not land is let go later, a callback without its contact could not be acted on.
      if (contact && record.callback) await services.callbackContacts.put(record.id, contact, record.callback.dueAt, now);
      const saved = await services.journal.append(record);
      // A retried save gets the stored call back; an id some other record holds saves nothing, and the draft stays.
      if (!isCallRecord(saved)) throw idTaken();
      await copyToTeam(services, saved);
      // The earlier callback is done unless nobody (or somebody else) answered: then it was an attempt, and stays open with its contact.
      if (saved.callbackOf && closesCallback(saved)) {
        await services.callbackContacts.remove(saved.callbackOf).catch((error: Error) => console.error(`[callback-contacts] not removed: ${error.message}`));
      }
      // The call is on disk now; a draft that cannot be removed (a virus
      // scanner holding it, say) is recognised as saved at the next start.
      await services.draftStore.clear().catch((error: Error) => console.error(`[draft] not removed: ${error.message}`));
      return summarizeCall(saved);
    },

    async listRecentCalls({ limit }) {
      const profile = services.settings.profile;
      if (!profile) return { calls: [], problems: [], problemCount: 0 };
      const { records, problems, problemCount } = await services.journal.recent(profile.clerkId, limit);
      // Masked as shown: a record written before masking knew a way of typing an identifier shows none either.
      const calls = records.filter(isCallRecord).map((record) => {
        // Read with today's rule of what applies, as the register reads it: a call stored before it shows the same figures.
        const { items, adherence } = verifyRecordedItems(record, services.checklists);
        const call = summarizeCall({ ...record, items, adherence });
        return { ...call, note: maskIdentifiers(call.note).text };
      });
      return { calls, problems, problemCount };
    },
  };
}

/** Which field of whom to call back a contact problem is in, for the window to point at. */
function contactField(problem: WrapUpProblem, contact: CallbackContactInput | null): Record<string, string> | undefined {
  if (!problem.startsWith('contact-')) return undefined;
  const check = checkContact(contact ?? EMPTY_CONTACT);
  const field = check.ok ? undefined : Object.entries(check.problems).find(([, p]) => `contact-${p}` === problem)?.[0];
  return field ? { field } : undefined;
}
