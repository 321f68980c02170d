import { v7 as uuidv7 } from 'uuid';
import { create } from 'zustand';
import { ownItem, type ItemState } from '../../../shared/call/call-items';
import { tickedByScript } from '../../../shared/call/outbound';
import { callReducer, IDLE, type CallEvent, type CallState } from '../../../shared/call/call-machine';
import { EMPTY_CONTACT, type CallbackContactInput, type Honorific } from '../../../shared/callbacks/callback-contact';
import type { ChecklistDefinition } from '../../../shared/call/checklist';
import { wrapUpProblems, type WrapUpProblem } from '../../../shared/call/wrap-up';
import type { ApiOutput } from '../../../shared/contract/api';
import { getApi } from '../api/instance';
import { useCallbacksStore } from '../callbacks/callbacks-store';
import { persistDraft } from './draft-writer';

export interface PersonAsked {
  name: string;
  honorific: Honorific | null;
  /** The clerk's own form of the name after "z", when the app's declension was corrected. */
  spokenName: string | null;
}
const NOBODY: PersonAsked = { name: '', honorific: null, spokenName: null };

export interface Untick {
  itemId: string;
  label: string;
  before: ItemState;
  /** Ticked by an answer to the outbound script (T), not by the clerk's own key. */
  byScript: boolean;
}

export type OpenCallback = ApiOutput<'listCallbacks'>['callbacks'][number];

/** The one item a toggle took a tick from, or null: any other change of the call ends the chance to undo. */
function untickOf(before: CallState, after: CallState, event: CallEvent): Untick | null {
  if (event.type !== 'toggle-item' || before.phase === 'idle' || after.phase === 'idle') return null;
  const was = ownItem(before.call, event.itemId);
  if (!was?.done || ownItem(after.call, event.itemId)?.done) return null;
  const item = before.call.checklist.items.find((i) => i.id === event.itemId);
  return { itemId: event.itemId, label: item?.label ?? event.itemId, before: was, byScript: tickedByScript(before.call, event.itemId) };
}

/** What the wrap-up's contact fields start from: the callback's contact when one is being made, else empty. */
export function contactFrom(callback: OpenCallback | null): CallbackContactInput {
  const kept = callback?.contact;
  if (!kept) return EMPTY_CONTACT;
  return { phone: kept.phone, name: kept.name ?? '', honorific: kept.honorific, spokenName: kept.spokenName, caseRef: kept.caseRef ?? '' };
}

/** Whom "Czy rozmawiam z …?" names: the callback's contact when one is being made, else nobody yet. */
function personFrom(callback: OpenCallback | null): PersonAsked {
  const kept = callback?.contact;
  return kept ? { name: kept.name ?? '', honorific: kept.honorific, spokenName: kept.spokenName } : NOBODY;
}

interface CallStore {
  state: CallState;
  saving: boolean;
  saveError: unknown;
  /** Id of the call saved last, so the screen can confirm it. */
  lastSavedId: string | null;
  /** What stopped the last attempt to save (shown as an alert), or null. */
  saveBlocked: WrapUpProblem[] | null;
  /** The one way to change the call: the shared reducer decides, the store only keeps the result. */
  dispatch(event: CallEvent): void;
  restore(state: CallState): void;
  /** The callback this call is made for, with whom to call (shown during the call, carried into a new callback). */
  callback: OpenCallback | null;
  /**
   * Whom to call back, as typed at the wrap-up. Kept in memory only — never in
   * the draft or the journal; the service keeps it on this computer once the
   * call is saved (callback-contacts).
   */
  contact: CallbackContactInput;
  setContact(change: Partial<CallbackContactInput>): void;
  /**
   * Whom the clerk is calling out to, for "Czy rozmawiam z …?": typed, or
   * taken from the callback being made. In memory only — never sent, stored
   * or written anywhere — and gone when the next call starts.
   */
  person: PersonAsked;
  setPerson(change: Partial<PersonAsked>): void;
  /** The item unticked last, with its tick as it was: shown with an undo until the next change of the list. */
  lastUntick: Untick | null;
  undoUntick(): void;
  /** Starts a call with this checklist (its direction is the call's), optionally returning an agreed callback. */
  startCall(checklist: ChecklistDefinition, callback?: OpenCallback): void;
  save(): Promise<boolean>;
}

export const useCallStore = create<CallStore>()((set, get) => ({
  state: IDLE,
  saving: false,
  saveError: null,
  lastSavedId: null,
  saveBlocked: null,
  callback: null,
  contact: EMPTY_CONTACT,
  lastUntick: null,
  person: NOBODY,

  setPerson(change) {
    set((s) => ({ person: { ...s.person, ...change } }));
  },

  undoUntick() {
    const { lastUntick, state } = get();
    if (!lastUntick || state.phase === 'idle') return;
    get().dispatch({ type: 'restore-item', itemId: lastUntick.itemId, item: lastUntick.before, at: Date.now() });
  },

  setContact(change) {
    set((s) => ({ contact: { ...s.contact, ...change }, saveBlocked: null }));
  },

  dispatch(event) {
    const before = get().state;
    const after = callReducer(before, event);
    if (after === before) return;
    set({ state: after, saveError: null, saveBlocked: null, lastUntick: untickOf(before, after, event) });
    persistDraft(after);
  },

  restore(state) {
    set({ state, saving: false, saveError: null, saveBlocked: null });
    adoptListedCallback();
  },

  startCall(checklist, callback) {
    if (get().state.phase !== 'idle') return;
    set({ callback: callback ?? null, contact: contactFrom(callback ?? null), person: personFrom(callback ?? null) });
    get().dispatch({ type: 'start', id: uuidv7(), checklist, at: Date.now(), callbackOf: callback?.id ?? null });
  },

  async save() {
    const { state, saving, contact } = get();
    if (saving || state.phase !== 'wrap-up') return false;
    const problems = wrapUpProblems(state, Date.now(), contact);
    const outcome = state.outcome;
    if (problems.length > 0 || outcome === null) {
      set({ saveBlocked: problems });
      return false;
    }
    set({ saving: true, saveError: null });
    try {
      const saved = await getApi().saveCall({ call: state.call, outcome, note: state.note, contact: outcome === 'callback' ? contact : null });
      set({ saving: false, lastSavedId: saved.id, callback: null, contact: EMPTY_CONTACT });
      get().dispatch({ type: 'saved' });
      // An agreed callback is created, or one is kept, by this save.
      void useCallbacksStore.getState().load();
      return true;
    } catch (error) {
      set({ saving: false, saveError: error });
      return false;
    }
  },
}));

/**
 * A call restored after a restart keeps only its link to the callback it was
 * made for: once the open callbacks are listed, the callback is taken up
 * again — shown during the call, and whom to call filled in where nothing was
 * typed yet. One place for it, whichever of the two arrives first.
 */
function adoptListedCallback(): void {
  const { state, callback, contact, person } = useCallStore.getState();
  const callbackOf = state.phase === 'idle' ? null : state.call.callbackOf;
  if (!callbackOf || callback?.id === callbackOf) return;
  const listed = useCallbacksStore.getState().callbacks.find((c) => c.id === callbackOf);
  if (!listed) return;
  const nothingTyped = contact.phone === '' && contact.name === '' && contact.caseRef === '';
  useCallStore.setState({
    callback: listed,
    contact: nothingTyped ? contactFrom(listed) : contact,
    person: person.name === '' ? personFrom(listed) : person,
  });
}
useCallbacksStore.subscribe(adoptListedCallback);
