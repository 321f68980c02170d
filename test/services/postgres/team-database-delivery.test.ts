import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { dispatch, type HandlerTable } from '../../../electron/handlers';
import type { AppServices } from '../../../electron/services/app-services';
import { genesisHash, sha256 } from '../../../electron/services/journal-format';
import { PostgresTeamCopy } from '../../../electron/services/postgres/pg-team-copy';
import { monthOf } from '../../../shared/journal/months';
import type { CallRecord } from '../../../shared/journal/call-record';
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
  const rows = (await admin.query('SELECT id, prev_hash, hash, line FROM asystent.calls WHERE clerk_id = $1 AND month = $2 ORDER BY line_no', [clerkId, month])).rows;
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
    // The outbox fills (saved records, not delivered yet)…
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push(await callRecordOnlyInJournal(anna.services, anna.id));
    for (const id of ids) await anna.services.team.enqueue(await recordById(anna, id));
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
    expect(await copy.deliver(record, anna.id)).toBe('delivered');
    await copy.close();
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, conflicts: 0, reachable: true });
    expect(await rowsOf(anna.id)).toEqual([id]);

    // The database already holds the next record's id with other content (another app of the same login got there first): a conflict, kept aside and said, never a second row.
    const nextId = await callRecordOnlyInJournal(anna.services, anna.id);
    const next = await recordById(anna, nextId);
    const other = new PostgresTeamCopy(anna.services.settings.teamDatabase!);
    expect(await other.deliver({ ...next, note: 'inna treść' }, anna.id)).toBe('delivered');
    await other.close();
    await anna.services.team.enqueue(next);
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, conflicts: 1, reachable: true });
    expect(outbox(anna)).toEqual([`${nextId}.json.conflict`]);
    expect(await rowsOf(anna.id)).toEqual([id, nextId]);

    // An outbox entry edited by hand is not what the journal holds: it goes nowhere, and is counted.
    const third = await recordById(anna, await callRecordOnlyInJournal(anna.services, anna.id));
    writeFileSync(join(anna.dataDir, 'outbox', `${third.id}.json`), JSON.stringify({ ...third, note: 'dopisane ręcznie' }));
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, conflicts: 1, undeliverable: 1 });
    expect(await rowsOf(anna.id)).toEqual([id, nextId]);
  });

  it('a note with a NUL or half a surrogate pair is stored as it can be, and reaches the database', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const call = endedCall(anna.services.content.checklists[0]!);
    await anna.api.saveCall({ call, outcome: 'resolved', note: 'przed\u0000po \ud800 koniec' });
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, undeliverable: 0, reachable: true });
    expect(await rowsOf(anna.id)).toEqual([call.id]);
    expect((await recordById(anna, call.id)).note).toBe('przed\uFFFDpo \uFFFD koniec');
  });

  it('a record of another clerk profile in the outbox is set aside and the rest go on', async () => {
    const anna = await clerk();
    await joinDatabase(anna, { url: db.cluster.urlFor(anna.login) });
    const mine = await recordById(anna, await callRecordOnlyInJournal(anna.services, anna.id));
    // A record this computer saved under an earlier profile (settings lost): in the journal, under another clerk id.
    const earlier = '018f0000-0000-7000-8000-0000000000e1';
    const old = await anna.services.journal.append({ ...mine, id: uuidv7(), clerk: { ...mine.clerk, id: earlier } });
    await anna.services.team.enqueue(old);
    await anna.services.team.enqueue(mine);
    expect(await anna.services.team.deliver()).toMatchObject({ pending: 0, undeliverable: 1, reachable: true });
    expect(await rowsOf(anna.id)).toEqual([mine.id]);
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

/** A TCP hop in front of the server that can stop answering (a network that hangs, not one that refuses): it holds every byte both ways while held. */
async function hangingHop(port: number) {
  const sockets = new Set<Socket>();
  let held = false;
  let closedWhileHeld = 0;
  const server = createServer((client) => {
    const upstream = connect(port, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        sockets.delete(s);
        if (held && s === client) closedWhileHeld++;
      });
    }
    client.on('data', (chunk) => void (held || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (held || client.write(chunk)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hold: () => void (held = true),
    release: () => void (held = false),
    closedWhileHeld: () => closedWhileHeld,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

describe.skipIf(skip)('a database that hangs', () => {
  it('never piles up attempts, answers the status with what is known, and cuts the attempt waiting when the copy is switched', async () => {
    const anna = await clerk();
    const hop = await hangingHop(db.cluster.port);
    try {
      await joinDatabase(anna, { url: `postgresql://${anna.login}@127.0.0.1:${hop.port}/${db.cluster.database}` });
      const checks = vi.spyOn(PostgresTeamCopy.prototype, 'check');
      hop.hold();
      // Ten saves and ten status questions while nothing answers: one attempt waits, at most one more behind it.
      const asked: Promise<unknown>[] = [];
      for (let i = 0; i < 10; i++) {
        await saveCall(anna);
        asked.push(anna.services.team.deliver());
      }
      await expect.poll(() => checks.mock.calls.length).toBe(1);
      expect(checks.mock.calls.length).toBe(1);
      // The status answers with what is known rather than wait for the attempt.
      const known = await anna.services.team.statusWithin(100);
      expect(known).toMatchObject({ reachable: true, lastError: null });
      expect(known.pending).toBeGreaterThan(0);
      // Team mode switched off meanwhile: the attempt is cut short (the app closes the connection held), not waited out.
      await anna.services.team.setTarget(null);
      expect(hop.closedWhileHeld()).toBeGreaterThan(0);
      await Promise.allSettled(asked);
      expect(checks.mock.calls.length).toBeLessThanOrEqual(2);
      await anna.services.close();
      checks.mockRestore();
      hop.release();
      // Opened again, everything saved arrives, once.
      ({ services: anna.services, api: anna.api } = await temp.open({ dataDir: anna.dataDir }));
      await expect.poll(async () => (await anna.services.team.deliver()).pending).toBe(0);
      expect(await rowsOf(anna.id)).toHaveLength(10);
    } finally {
      await hop.close();
    }
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

/** A call as this clerk's journal holds it. */
async function recordById(c: Clerk, id: string): Promise<CallRecord> {
  const { records } = await c.services.journal.readMonth(c.id, monthOf(new Date()));
  const record = records.find((r) => r.id === id);
  if (!record || record.type !== 'call') throw new Error(`no call ${id}`);
  return record;
}
