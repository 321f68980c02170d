import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../electron/handlers';
import type { AppServices } from '../../electron/services/app-services';
import { genesisHash, monthOf, scanJournalText } from '../../electron/services/journal';
import { type ActiveCall } from '../../shared/call/call-machine';
import { endedCall as sharedEndedCall } from '../helpers/calls';
import { useServicesOnTempFolder } from '../helpers/services';
import { callRecordOnlyInJournal } from '../helpers/team';

/**
 * Team mode over real folders: every saved record reaches the team folder
 * exactly once — through a folder that disappears and returns, a delivery
 * repeated after a crash, a crash between the journal and the outbox, and
 * two clerks writing at once — and nothing lands in another clerk's folder.
 */
interface Clerk {
  dataDir: string;
  services: AppServices;
  api: HandlerTable;
  id: string;
}

/** The team folder, new for each test; each clerk's computer a folder of its own beside it. */
const temp = useServicesOnTempFolder('team-');
let team: string;

async function clerk(firstName: string, dataDir = temp.tempFolder('clerk-')): Promise<Clerk> {
  const { services, api } = await temp.open({ dataDir });
  const profile = await api.saveProfile({ firstName, lastName: 'Kowalska', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  return { dataDir, services, api, id: profile.clerkId };
}

async function reopen(c: Clerk): Promise<void> {
  await c.services.close();
  ({ services: c.services, api: c.api } = await temp.open({ dataDir: c.dataDir }));
}

function endedCall(c: Clerk): ActiveCall {
  return sharedEndedCall(c.services.content.checklists[0]!);
}

async function saveCall(c: Clerk): Promise<string> {
  const call = endedCall(c);
  await c.api.saveCall({ call, outcome: 'resolved', note: '' });
  return call.id;
}

/** The ids in a clerk's month file of a folder, after checking its chain. */
function idsIn(root: string, clerkId: string): string[] {
  const month = monthOf(new Date());
  const file = join(root, 'calls', clerkId, `${month}.jsonl`);
  if (!existsSync(file)) return [];
  const scan = scanJournalText(readFileSync(file, 'utf8'), genesisHash(clerkId, month), file);
  expect(scan.problems).toEqual([]);
  return scan.lines.map((l) => l.id);
}

const outbox = (c: Clerk) => (existsSync(join(c.dataDir, 'outbox')) ? readdirSync(join(c.dataDir, 'outbox')) : []);

async function joinTeam(c: Clerk, folder = team) {
  return dispatch(c.api, 'saveTeamSettings', { teamFolder: folder, retentionMonths: 24 });
}

beforeEach(() => {
  team = temp.folder;
});

describe('team mode', () => {
  it('each saved call is copied to the team folder, in the same layout, with its own valid chain', async () => {
    const anna = await clerk('Anna');
    expect(await joinTeam(anna)).toMatchObject({ ok: true, result: { folder: team, pending: 0, reachable: true } });
    const ids = [await saveCall(anna), await saveCall(anna)];
    await anna.services.team.deliver();
    expect(idsIn(team, anna.id)).toEqual(ids);
    expect(idsIn(anna.dataDir, anna.id)).toEqual(ids);
    expect(outbox(anna)).toEqual([]);
  });

  it('switching team mode on sends what was saved before; a folder that does not exist is refused and nothing changes', async () => {
    const anna = await clerk('Anna');
    const before = await saveCall(anna);
    const missing = await joinTeam(anna, join(team, 'nie-podlaczony-udzial'));
    expect(missing).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('nie istnieje albo udział sieciowy nie jest podłączony') } });
    expect((await anna.api.getAppState({})).team.teamFolder).toBeNull();
    expect(existsSync(join(team, 'nie-podlaczony-udzial'))).toBe(false);
    await joinTeam(anna);
    expect(idsIn(team, anna.id)).toEqual([before]);
  });

  it('while the folder is gone, records wait in the outbox and the status says so; when it returns each arrives once', async () => {
    const anna = await clerk('Anna');
    await joinTeam(anna);
    const first = await saveCall(anna);
    await anna.services.team.deliver();
    const away = `${team}-odlaczony`;
    renameSync(team, away); // the share drops
    const waiting = [await saveCall(anna), await saveCall(anna)];
    const status = await anna.api.getTeamStatus({});
    expect(status).toMatchObject({ pending: 2, reachable: false, lastError: 'ENOENT' });
    expect(existsSync(team)).toBe(false); // never created locally in its place
    expect(outbox(anna)).toEqual(waiting.map((id) => `${id}.json`).sort());

    renameSync(away, team); // and comes back
    expect(await anna.api.getTeamStatus({})).toMatchObject({ pending: 0, reachable: true, lastError: null });
    expect(idsIn(team, anna.id)).toEqual([first, ...waiting]);
    await anna.services.team.deliver();
    expect(idsIn(team, anna.id)).toEqual([first, ...waiting]);
  });

  it('a delivery repeated after a crash (the outbox entry outlived its copy) leaves one copy', async () => {
    const anna = await clerk('Anna');
    await joinTeam(anna);
    const id = await saveCall(anna);
    const entry = join(anna.dataDir, 'outbox', `${id}.json`);
    const text = readFileSync(entry, 'utf8');
    await anna.services.team.deliver();
    mkdirSync(join(anna.dataDir, 'outbox'), { recursive: true });
    writeFileSync(entry, text); // as if the app died after the append and before removing the entry
    await reopen(anna);
    await anna.services.team.deliver();
    expect(idsIn(team, anna.id)).toEqual([id]);
    expect(outbox(anna)).toEqual([]);
  });

  it('a record saved just before a crash that came between the journal and the outbox is found and sent at the next start', async () => {
    const anna = await clerk('Anna');
    await joinTeam(anna);
    const delivered = await saveCall(anna);
    await anna.services.team.deliver();
    // Saved to the local journal only: the outbox entry was never written.
    const lost = await callRecordOnlyInJournal(anna.services, anna.id);
    await reopen(anna);
    await expect.poll(() => idsIn(team, anna.id)).toEqual([delivered, lost]);
  });

  it('two clerks saving at once each write their own folder only, and never the other one', async () => {
    const [anna, ewa] = [await clerk('Anna'), await clerk('Ewa')];
    await Promise.all([joinTeam(anna), joinTeam(ewa)]);
    const saved = await Promise.all([...Array.from({ length: 5 }, () => saveCall(anna)), ...Array.from({ length: 5 }, () => saveCall(ewa))]);
    await Promise.all([anna.services.team.deliver(), ewa.services.team.deliver()]);
    expect(idsIn(team, anna.id).sort()).toEqual(saved.slice(0, 5).sort());
    expect(idsIn(team, ewa.id).sort()).toEqual(saved.slice(5).sort());
    expect(readdirSync(join(team, 'calls')).sort()).toEqual([anna.id, ewa.id].sort());
  });

  it("the team lead's register reads every clerk's folder, and a call present twice counts once", async () => {
    const [anna, lead] = [await clerk('Anna'), await clerk('Kierownik')];
    await Promise.all([joinTeam(anna), joinTeam(lead)]);
    await saveCall(anna);
    await saveCall(anna);
    await saveCall(lead);
    await Promise.all([anna.services.team.deliver(), lead.services.team.deliver()]);
    const page = await dispatch(lead.api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: true });
    expect(page).toMatchObject({ ok: true, result: { total: 3, problemCount: 0, unreadable: [] } });
  });

  it('an unreachable team folder is named in the register, and the local calls are still shown', async () => {
    const lead = await clerk('Kierownik');
    await joinTeam(lead);
    await saveCall(lead);
    renameSync(team, `${team}-odlaczony`);
    const page = await dispatch(lead.api, 'queryRegister', { filter: {}, sort: { key: 'startedAt', descending: true }, offset: 0, limit: 10, refresh: true, withSummary: false });
    expect(page).toMatchObject({ ok: true, result: { total: 1, unreadable: [{ folder: 'team', path: team, code: 'ENOENT' }] } });
  });

  it('an unmounted share (an empty local folder under its path, without the marker) gets nothing; the records wait', async () => {
    const anna = await clerk('Anna');
    await joinTeam(anna);
    expect(existsSync(join(team, '.asystent-rozmow-zespol'))).toBe(true);
    const away = `${team}-odlaczony`;
    renameSync(team, away);
    mkdirSync(team); // what an unmounted mount point looks like
    const id = await saveCall(anna);
    expect(await anna.api.getTeamStatus({})).toMatchObject({ pending: 1, reachable: false });
    expect(readdirSync(team)).toEqual([]);
    rmSync(team, { recursive: true });
    renameSync(away, team);
    expect(await anna.api.getTeamStatus({})).toMatchObject({ pending: 0, reachable: true });
    expect(idsIn(team, anna.id)).toEqual([id]);
  });

  it('with the share down at start, what the outbox missed is still sent once the share returns in that session', async () => {
    const anna = await clerk('Anna');
    await joinTeam(anna);
    const lost = await callRecordOnlyInJournal(anna.services, anna.id);
    const away = `${team}-odlaczony`;
    renameSync(team, away);
    await reopen(anna); // starts with the folder gone
    expect(await anna.api.getTeamStatus({})).toMatchObject({ reachable: false });
    renameSync(away, team);
    await anna.api.getTeamStatus({});
    expect(idsIn(team, anna.id)).toEqual([lost]);
  });
});
