import { afterEach, describe, expect, it } from 'vitest';
import { useCallStore, type OpenCallback } from '../../renderer/src/call/call-store';
import { useCallbacksStore } from '../../renderer/src/callbacks/callbacks-store';
import { callReducer, IDLE, type CallState } from '../../shared/call/call-machine';
import { EMPTY_CONTACT } from '../../shared/callbacks/callback-contact';
import { OUTGOING_CHECKLIST } from './fixtures';

/**
 * A call restored after a restart keeps only its link to the callback it was
 * made for: the call store takes the callback up again from the open list —
 * whichever arrives first — and fills in whom to call where nothing was typed.
 */
const CALLBACK: OpenCallback = {
  id: '0190a7c4-8f2e-7a10-9d4b-0123456789ab',
  dueAt: new Date(Date.now() + 3_600_000).toISOString(),
  reference: 'staż',
  agreedAt: new Date().toISOString(),
  attempts: 1,
  rescheduled: false,
  contact: { phone: '600 700 800', name: 'Jan Kowalski', honorific: 'pan', spokenName: null, caseRef: 'CAZ.1' },
};
const restoredCall = (): CallState =>
  callReducer(IDLE, { type: 'start', id: '0190a7c4-8f2e-7a10-9d4b-0123456789ac', checklist: OUTGOING_CHECKLIST, at: Date.now() - 60_000, callbackOf: CALLBACK.id });

afterEach(() => {
  useCallStore.setState({ state: IDLE, callback: null, contact: EMPTY_CONTACT, person: { name: '', honorific: null, spokenName: null } });
  useCallbacksStore.setState({ callbacks: [] });
});

describe('a restored call made for a callback', () => {
  it('takes the callback up when the list arrives after the draft', () => {
    useCallStore.getState().restore(restoredCall());
    expect(useCallStore.getState().callback).toBeNull();
    useCallbacksStore.setState({ callbacks: [CALLBACK] });
    expect(useCallStore.getState()).toMatchObject({
      callback: CALLBACK,
      contact: { phone: '600 700 800', name: 'Jan Kowalski', caseRef: 'CAZ.1' },
      person: { name: 'Jan Kowalski', honorific: 'pan' },
    });
  });

  it('takes it up when the list was there first, and keeps what the clerk already typed', () => {
    useCallbacksStore.setState({ callbacks: [CALLBACK] });
    useCallStore.setState({ contact: { ...EMPTY_CONTACT, phone: '42 123 45 67' } });
    useCallStore.getState().restore(restoredCall());
    expect(useCallStore.getState().callback).toEqual(CALLBACK);
    expect(useCallStore.getState().contact.phone).toBe('42 123 45 67');
  });
});
