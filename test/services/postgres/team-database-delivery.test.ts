import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch, type HandlerTable } from '../../../electron/handlers';
import type { AppServices } from '../../../electron/services/app-services';
import { genesisHash, sha256 } from '../../../electron/services/journal-format';
import { PostgresTeamCopy } from '../../../electron/services/postgres/pg-team-copy';
import { monthOf } from '../../../shared/journal/months';
import type { TeamDatabase } from '../../../shared/settings/team-database';
import { endedCall } from '../../helpers/calls';
import { postgresSkipReason, TEST_PASSWORD, useTestDatabase } from '../../helpers/postgres';
import { useServicesOnTempFolder } from '../../helpers/services';
import { callRecordOnlyInJournal } from '../../helpers/team';

/**
 * Team mode on PostgreSQL through the app: every saved record reaches the
 * database exactly once — across the server stopped for a while, killed
 * with SIGKILL mid-delivery and started again, the app stopped between the
 * insert and the outbox, two clerks delivering at once — and every way the
 * database can be wrong is refused on save with the clerk's words, or waits
 * in the outbox with them.
 */
const skip = postgresSkipReason();
const db = useTestDatabase();
const temp = useServicesOnTempFolder('team-db-');

interface Clerk {
  dataDir: string;
  services: AppServices;
  api: HandlerTable;
  id: string;
}

let logins = 0;
/** A clerk's computer with a login of its own in the office (a new login each: a login writes as one clerk only). */
async function clerk(office = 'pup-lodz'): Promise<Clerk & { login: string }> {
  const login = await db.addLogin(`clerk_${++logins}`, 'clerk', [office]);
  const dataDir = temp.tempFolder('clerk-');
  const { services, api } = await temp.open({ dataDir });
  const profile = await api.saveProfile({ firstName: 'Anna', lastName: 'Kowalska', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
  return { dataDir, services, api, id: profile.clerkId, login };
}

const joinDatabase = (c: Clerk, database: Partial<TeamDatabase> & { url: string }) =>
  dispatch(c.api, 'saveTeamSettings', { teamFolder: null, teamDatabase: { password: TEST_PASSWORD, tls: 'disable', caFile: null, officeId: 'pup-lodz', ...database }, retentionMonths: 24 });

async function saveCall(c: Clerk): Promise<string> {
  const call = endedCall(c.services.content.checklists[0]!);
  await c.api.saveCall({ call, outcome: 'resolved', note: '' });
  return call.id;
}

/** This clerk's rows for this month, in the order the database took them, after checking their chain as the journal would. */
async function rowsOf(clerkId: string): Promise<string[]> {
  const admin = await db.admin();
  const month = monthOf(new Date());
  const rows = (await admin.query('SELECT id, prev_hash, hash, line FROM asystent.calls WHERE clerk_id = $1 AND month = $2 ORDER BY received_at, id', [clerkId, month])).rows;
  await admin.end();
  let head = genesisHash(clerkId, month);
  for (const row of rows) {
    expect(row.prev_hash).toBe(head);
    expect(JSON.parse(row.line).prevHash).toBe(head);
    expect(row.hash).toBe(sha256(row.line));
    head = row.hash;
  }
  return rows.map((r) => r.id);
}

const outbox = (c: Clerk) => (existsSync(join(c.dataDir, 'outbox')) ? readdirSync(join(c.dataDir, 'outbox')) : []);

describe.skipIf(skip)('team mode on PostgreSQL', () => {
  it('each saved call becomes one row, chained; the status names the database and never its password', async () => {
    const anna = await clerk();
    const before = await saveCall(anna);
    const saved = await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    expect(saved).toMatchObject({ ok: true, result: { folder: null, database: expect.stringContaining(`${anna.login}@127.0.0.1`), reachable: true, pending: 0 } });
    expect(JSON.stringify(saved)).not.toContain(TEST_PASSWORD);
    const ids = [before, await saveCall(anna), await saveCall(anna)];
    await anna.services.team.deliver();
    expect(await rowsOf(anna.id)).toEqual(ids);
    expect(outbox(anna)).toEqual([]);
    const state = await anna.api.getAppState({});
    expect(state.team.teamDatabase).toMatchObject({ officeId: 'pup-lodz', passwordSaved: true });
    expect(JSON.stringify(state)).not.toContain(TEST_PASSWORD);
    // Saved again without a password (the form never has it): the saved one is kept.
    expect(await joinDatabase(anna, { url: db.cluster.urlFor(anna.login), password: null })).toMatchObject({ ok: true, result: { reachable: true } });
  });

  it('while the server is stopped records wait with the reason; when it is back each arrives once', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const first = await saveCall(anna);
    await anna.services.team.deliver();
    await db.cluster.stopServer();
    try {
      const waiting = [await saveCall(anna), await saveCall(anna)];
      expect(await anna.api.getTeamStatus({})).toMatchObject({ pending: 2, reachable: false, lastError: 'db-unreachable' });
      await db.cluster.start();
      expect(await anna.api.getTeamStatus({})).toMatchObject({ pending: 0, reachable: true, lastError: null });
      expect(await rowsOf(anna.id)).toEqual([first, ...waiting]);
    } finally {
      await db.cluster.start();
    }
  });

  it('the server killed (SIGKILL) in the middle of a delivery: after its restart every record is there exactly once', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    await anna.services.team.setTarget(null); // the outbox fills while the copy is off…
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) ids.push(await callRecordOnlyInJournal(anna.services, anna.id));
    for (const id of ids) await anna.services.team.enqueue(await recordById(anna, id));
    await anna.services.team.setTarget({ kind: 'database', database: anna.services.settings.teamDatabase! });
    const delivering = anna.services.team.deliver();
    // …and the server dies once some, not all, have arrived.
    const admin = await db.admin();
    await expect.poll(async () => (await admin.query('SELECT count(*)::int AS n FROM asystent.calls WHERE clerk_id = $1', [anna.id])).rows[0].n, { interval: 5 }).toBeGreaterThan(0);
    await admin.end();
    await db.cluster.kill();
    expect(await delivering).toMatchObject({ reachable: false });
    await db.cluster.start();
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, reachable: true });
    expect((await rowsOf(anna.id)).sort()).toEqual([...ids].sort());
    expect(outbox(anna)).toEqual([]);
  });

  it('the app stopped between the insert and the outbox: the repeated delivery finds the row and adds none; another content under the id is a conflict', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const id = await callRecordOnlyInJournal(anna.services, anna.id);
    const record = await recordById(anna, id);
    await anna.services.team.enqueue(record);
    // The insert committed, then the app died before removing the entry.
    const copy = new PostgresTeamCopy(anna.services.settings.teamDatabase!);
    expect(await copy.deliver(record)).toBe('delivered');
    await copy.close();
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, conflicts: 0, reachable: true });
    expect(await rowsOf(anna.id)).toEqual([id]);

    // An outbox entry with the same id and other content (edited by hand): kept aside, said, not written.
    writeFileSync(join(anna.dataDir, 'outbox', `${id}.json`), JSON.stringify({ ...record, savedAt: new Date(Date.parse(record.savedAt) + 1000).toISOString() }));
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, conflicts: 1, reachable: true });
    expect(outbox(anna)).toEqual([`${id}.json.conflict`]);
    expect(await rowsOf(anna.id)).toEqual([id]);
  });

  it('two clerks delivering at once: each record once, each clerk’s chain whole', async () => {
    const [anna, bolek] = [await clerk(), await clerk()];
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    await joinDatabase(bolek, { url: db.cluster.urlFor(bolek.login) });
    const saves = await Promise.all([anna, bolek].map(async (c) => {
      const ids: string[] = [];
      for (let i = 0; i < 15; i++) {
        ids.push(await saveCall(c));
        void c.services.team.deliver();
      }
      return ids;
    }));
    await Promise.all([anna.services.team.deliver(), bolek.services.team.deliver(), anna.services.team.deliver()]);
    expect((await rowsOf(anna.id)).sort()).toEqual([...saves[0]!].sort());
    expect((await rowsOf(bolek.id)).sort()).toEqual([...saves[1]!].sort());
  });

  it('the same login on a second profile is refused: a login writes as one clerk', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const other = await temp.open({ dataDir: temp.tempFolder('other-') });
    await other.api.saveProfile({ firstName: 'Bolesław', lastName: 'Nowak', role: 'pracownik', unit: 'Kancelaria', officeName: 'Powiatowy Urząd Pracy w Łodzi' });
    const refused = await dispatch(other.api, 'saveTeamSettings', { teamFolder: null, teamDatabase: { url: db.cluster.urlFor(anna.login), password: TEST_PASSWORD, tls: 'disable', caFile: null, officeId: 'pup-lodz' }, retentionMonths: 24 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining('należy do innego pracownika') } });
    expect((await other.api.getAppState({})).team.teamDatabase).toBeNull();
  });
});

describe.skipIf(skip)('a database that cannot take the copies', () => {
  it('is refused on save with the reason in the clerk’s words, and nothing is saved', async () => {
    const anna = await clerk();
    const admin = await db.admin();
    await admin.query('CREATE DATABASE not_prepared');
    await admin.end();
    const url = db.cluster.urlFor(anna.login);
    const cases: [Partial<TeamDatabase> & { url: string }, string][] = [
      [{ url, password: 'zle-haslo' }, 'nie przyjęła loginu albo hasła'],
      [{ url: url.replace(`:${db.cluster.port}/`, `:${db.cluster.port === 1 ? 2 : 1}/`) }, 'nie odpowiada'],
      [{ url, tls: 'require' }, 'nie obsługuje szyfrowania'],
      [{ url: url.replace(/\/asystent$/, '/nie_ma_takiej') }, 'nie ma bazy o tej nazwie'],
      [{ url: url.replace(/\/asystent$/, '/not_prepared') }, 'nie jest przygotowana'],
      [{ url, officeId: 'pup-inny' }, 'nie należy do urzędu'],
      [{ url, tls: 'verify-full', caFile: join(anna.dataDir, 'brak.pem') }, 'pliku urzędu certyfikacji'],
    ];
    for (const [database, message] of cases) {
      const result = await joinDatabase(anna, database);
      expect(result, message).toMatchObject({ ok: false, error: { code: 'bad-input', message: expect.stringContaining(message) } });
    }
    expect((await anna.api.getAppState({})).team).toMatchObject({ teamFolder: null, teamDatabase: null });
  });

  it('a server that requires TLS, and a database turned read-only: records wait, with the reason, and arrive once it is fixed', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const admin = await db.admin();
    // As a failover to a standby: the connections dropped, the new ones read-only.
    await admin.query(`ALTER ROLE ${anna.login} SET default_transaction_read_only = on`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [anna.login]);
    const id = await saveCall(anna);
    await expect.poll(() => anna.services.team.deliver()).toMatchObject({ pending: 1, reachable: false, lastError: 'db-read-only' });
    await admin.query(`ALTER ROLE ${anna.login} RESET default_transaction_read_only`);

    // Only encrypted connections for this login from now on.
    const hba = join(db.cluster.folder, 'data', 'pg_hba.conf');
    const original = readFileSync(hba, 'utf8');
    writeFileSync(hba, `hostnossl all ${anna.login} 127.0.0.1/32 reject\n${original}`);
    await admin.query('SELECT pg_reload_conf()');
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1', [anna.login]);
    try {
      await expect.poll(() => anna.services.team.deliver()).toMatchObject({ pending: 1, reachable: false, lastError: 'db-tls-required' });
    } finally {
      writeFileSync(hba, original);
      await admin.query('SELECT pg_reload_conf()');
    }
    // The server reads its configuration again in its own time: waited for, as a state.
    await expect.poll(() => anna.services.team.deliver()).toMatchObject({ pending: 0, reachable: true });
    expect(await rowsOf(anna.id)).toEqual([id]);
    await admin.end();
  });
});

async function recordById(c: Clerk, id: string) {
  const { records } = await c.services.journal.readMonth(c.id, monthOf(new Date()));
  const record = records.find((r) => r.id === id);
  if (!record) throw new Error(`no record ${id}`);
  return record;
}
