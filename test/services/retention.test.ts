import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, type HandlerTable } from '../../electron/handlers';
import { openAppServices, registerIndexDir, type AppServices } from '../../electron/services/app-services';
import { NO_FILTER } from '../../shared/register/register';
import { CallJournal, monthOf } from '../../electron/services/journal';
import { expiredMonths, firstKeptMonth } from '../../shared/journal/retention';
import { sampleRecord } from '../helpers/records';
import { useServicesOnTempFolder } from '../helpers/services';

describe('retention periods', () => {
  it('keeps the current month and the ones before it, up to the number set', () => {
    expect(firstKeptMonth(new Date(2026, 10, 24), 24)).toBe('2024-12');
    expect(firstKeptMonth(new Date(2026, 0, 1), 1)).toBe('2026-01');
    expect(expiredMonths(['2024-11', '2024-12', '2026-11', '2023-05', 'notatki', '2023-13'], new Date(2026, 10, 24), 24)).toEqual(['2023-05', '2024-11']);
  });
});

const REGISTER_QUERY = { filter: NO_FILTER, sort: { key: 'startedAt' as const, descending: true }, offset: 0, limit: 10, refresh: false, withSummary: false };

describe('removing months past retention', () => {
  let dataDir: string;
  let services: AppServices;
  let api: HandlerTable;
  let clerkId: string;
  const old = new Date(2023, 0, 15, 10);
  const temp = useServicesOnTempFolder('retention-');

  beforeEach(async () => {
    ({ dataDir, services, api } = await temp.open());
    clerkId = (await api.saveProfile({ firstName: 'Anna', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' })).clerkId;
    const journal = new CallJournal(dataDir);
    for (const at of [old, new Date(old.getTime() + 3_600_000), new Date()]) await journal.append(sampleRecord(at, 10, clerkId));
    await journal.close();
    await services.close();
    ({ services, api } = await temp.open());
  });
  afterEach(async () => {
    // A test that opens the services once more itself leaves them here to close.
    await services.close();
  });

  const file = (month: string) => join(dataDir, 'calls', clerkId, `${month}.jsonl`);

  it('says at start what it will remove, removes only that when agreed, and records the removal', async () => {
    const { notices } = await api.getAppState({});
    expect(notices).toContainEqual({ code: 'retention-due', months: ['2023-01'], more: 1, retentionMonths: 24 });
    expect(existsSync(file('2023-01'))).toBe(true); // nothing removed before the person agrees

    expect(await api.applyRetention({ months: ['2023-01'] })).toEqual({ removed: [{ copy: 'local', clerkId, month: '2023-01', records: 2 }], notRemoved: [] });
    expect(existsSync(file('2023-01'))).toBe(false);
    const current = readFileSync(file(monthOf(new Date())), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(current.map((r) => r.type)).toEqual(['call', 'retention']);
    expect(current[1]).toMatchObject({ retentionMonths: 24, removed: [{ copy: 'local', clerkId, month: '2023-01', records: 2 }] });

    await services.close();
    services = await openAppServices(dataDir, 'resources');
    expect((await createHandlers(services).getAppState({})).notices.some((n) => n.code === 'retention-due')).toBe(false);
  });

  it('what the register keeps of a month goes with it: at its removal, and at every start once it is past retention', async () => {
    const indexed = () => readdirSync(registerIndexDir(dataDir), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name.slice(0, 7)).sort();
    await api.queryRegister({ ...REGISTER_QUERY, refresh: true });
    expect(indexed()).toEqual(['2023-01', monthOf(new Date())]);
    // A start forgets it, before anyone has agreed to remove the month itself.
    await services.close();
    ({ services, api } = await temp.open());
    expect(indexed()).toEqual([monthOf(new Date())]);
    await api.queryRegister({ ...REGISTER_QUERY, refresh: true });
    expect(indexed()).toEqual(['2023-01', monthOf(new Date())]);
    await api.applyRetention({ months: ['2023-01'] });
    expect(indexed()).toEqual([monthOf(new Date())]);
  });

  it('never removes a month that is not past retention, even when asked to', async () => {
    expect(await api.applyRetention({ months: [monthOf(new Date())] })).toEqual({ removed: [], notRemoved: [] });
    expect(existsSync(file(monthOf(new Date())))).toBe(true);
    expect(readFileSync(file(monthOf(new Date())), 'utf8').trim().split('\n')).toHaveLength(1);
  });
});
