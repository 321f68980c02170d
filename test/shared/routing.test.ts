import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { callReducer, type CallEvent, type CallState } from '../../shared/call/call-machine';
import { buildCallRecord, CallRecordSchema } from '../../shared/journal/call-record';
import { DirectorySchema } from '../../shared/directory/directory';
import { appointmentTimeProblem, DEFAULT_LONG_CALL_MS, findOwnUnit, longCallHintDue, routeMatter } from '../../shared/directory/routing';
import { INCOMING, inPhase, PROFILE, run, start, T0 } from './fixtures';

const directory = DirectorySchema.parse(JSON.parse(readFileSync('resources/directory.json', 'utf8')));
const matter = (id: string) => directory.matters.find((m) => m.id === id)!;
const unit = (id: string) => directory.units.find((u) => u.id === id)!;

describe('routing by competence', () => {
  const caz = unit('centrum-aktywizacji-zawodowej');

  it('finds the clerk’s unit by id, or by its name typed in any case and without diacritics', () => {
    expect(findOwnUnit(directory, { unitId: 'centrum-aktywizacji-zawodowej', unit: 'cokolwiek' })).toBe(caz);
    expect(findOwnUnit(directory, { unit: 'centrum aktywizacji zawodowej' })).toBe(caz);
    expect(findOwnUnit(directory, { unit: 'Dzial Ewidencji i Swiadczen' })?.id).toBe('dzial-ewidencji-i-swiadczen');
    expect(findOwnUnit(directory, { unit: 'Referat, którego nie ma w katalogu' })).toBeNull();
    expect(findOwnUnit(directory, { unit: 'Zakład Ubezpieczeń Społecznych (ZUS)' })).toBeNull(); // not an office unit
  });

  it('a matter of the clerk’s own unit routes nowhere', () => {
    expect(routeMatter(directory, matter('oferty-pracy'), caz)).toMatchObject({ kind: 'own-unit', unit: caz });
  });

  it('a matter of another unit routes there', () => {
    expect(routeMatter(directory, matter('wysokosc-zasilku'), caz)).toMatchObject({ kind: 'other-unit', unit: { id: 'dzial-ewidencji-i-swiadczen' } });
  });

  it('a matter of another institution routes there, marked external, whatever the clerk’s unit', () => {
    expect(routeMatter(directory, matter('swiadczenia-rodzinne'), caz)).toMatchObject({ kind: 'external', unit: { id: 'centrum-swiadczen-socjalnych' } });
    expect(routeMatter(directory, matter('swiadczenia-rodzinne'), null)?.kind).toBe('external');
  });

  it('without a known unit of their own, every office matter is "another unit"', () => {
    expect(routeMatter(directory, matter('oferty-pracy'), null)?.kind).toBe('other-unit');
  });
});

describe('the call-length hint', () => {
  it('is due from five minutes by default, or the configured length', () => {
    expect(longCallHintDue(DEFAULT_LONG_CALL_MS - 1)).toBe(false);
    expect(longCallHintDue(DEFAULT_LONG_CALL_MS)).toBe(true);
    expect(longCallHintDue(120_000, 120_000)).toBe(true);
  });
});

describe('routing and invitations in the call', () => {
  const route = (at: number): CallEvent => ({ type: 'route', unit: { id: 'zus', name: 'ZUS', external: true }, at });
  const invite = (at: number, appointmentAt: number | null = T0 + 86_400_000): CallEvent => ({ type: 'invite', appointmentAt, at });
  const ended = (...events: CallEvent[]) => inPhase(run([start(T0, INCOMING), ...events, { type: 'end', at: T0 + 60_000 }]), 'wrap-up');

  it('routing during the call presets "Przekierowana"; inviting presets "Zaproszenie do Urzędu"; the later act wins', () => {
    expect(ended(route(T0 + 10_000)).outcome).toBe('routed');
    expect(ended(invite(T0 + 10_000)).outcome).toBe('invited');
    expect(ended(route(T0 + 10_000), invite(T0 + 20_000)).outcome).toBe('invited');
    expect(ended(invite(T0 + 10_000), route(T0 + 20_000)).outcome).toBe('routed');
  });

  it('in the wrap-up, the act sets the outcome at once', () => {
    const state: CallState = ended();
    expect(inPhase(callReducer(state, route(T0 + 70_000)), 'wrap-up').outcome).toBe('routed');
  });

  it('the record keeps the routing and the invitation as facts of the call, whatever outcome was chosen last', () => {
    const routed = ended(route(T0 + 10_000));
    const record = buildCallRecord({ call: routed.call, outcome: 'routed', note: '' }, PROFILE, T0 + 61_000);
    expect(record.routedTo).toEqual({ unitId: 'zus', unitName: 'ZUS', external: true });
    // Routed, then invited in: the screen said the routing was noted, and it is.
    const both = callReducer(routed, invite(T0 + 20_000, Date.UTC(2026, 11, 1, 9)));
    const bothRecord = buildCallRecord({ call: (both as Extract<CallState, { phase: 'wrap-up' }>).call, outcome: 'invited', note: '' }, PROFILE, T0 + 61_000);
    expect(bothRecord).toMatchObject({ outcome: 'invited', routedTo: { unitId: 'zus' }, invitation: { appointmentAt: '2026-12-01T09:00:00.000Z' } });

    const invited = ended(invite(T0 + 10_000, Date.UTC(2026, 11, 1, 9)));
    const inviteRecord = buildCallRecord({ call: invited.call, outcome: 'invited', note: '' }, PROFILE, T0 + 61_000);
    expect(inviteRecord.invitation).toEqual({ appointmentAt: '2026-12-01T09:00:00.000Z' });
    expect(CallRecordSchema.safeParse({ ...inviteRecord, prevHash: '0'.repeat(64) }).success).toBe(true);
    const noDate = ended(invite(T0 + 10_000, null));
    expect(buildCallRecord({ call: noDate.call, outcome: 'invited', note: '' }, PROFILE, T0 + 61_000).invitation).toEqual({ appointmentAt: null });
  });

  it('an invitation remembers the matter whose card made it, so another matter’s card does not say it is noted', () => {
    const state = callReducer(ended(), { type: 'invite', appointmentAt: null, at: T0 + 70_000, matterId: 'odwolanie' });
    expect(inPhase(state, 'wrap-up').call.invitation).toEqual({ appointmentAt: null, at: T0 + 70_000, matterId: 'odwolanie' });
    // The record keeps only the appointment: which card invited is the window's business.
    expect(buildCallRecord({ call: inPhase(state, 'wrap-up').call, outcome: 'invited', note: '' }, PROFILE, T0 + 71_000).invitation).toEqual({ appointmentAt: null });
  });

  it('is ignored while idle', () => {
    const idle: CallState = { phase: 'idle' };
    expect(callReducer(idle, route(T0))).toBe(idle);
    expect(callReducer(idle, invite(T0))).toBe(idle);
  });
});

describe('the appointment of an invitation', () => {
  it('may be left out or lie ahead, never behind (a minute of grace)', () => {
    expect(appointmentTimeProblem(null, T0)).toBeNull();
    expect(appointmentTimeProblem(T0 + 86_400_000, T0)).toBeNull();
    expect(appointmentTimeProblem(T0 - 30_000, T0)).toBeNull();
    expect(appointmentTimeProblem(T0 - 61_000, T0)).toBe('past');
  });
});
